// @vitest-environment jsdom
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { SLICE_MS, watchDom, type DomChanges } from '../../../lib/autofill/dom-changes';
import { waitFor } from './helpers';

let controller: AbortController;
let reports: DomChanges[];
beforeEach(() => {
  controller = new AbortController();
  reports = [];
  document.body.replaceChildren();
});
afterEach(() => {
  controller.abort();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

const watch = (options: { walkExisting?: boolean; attributes?: string[] } = {}) =>
  watchDom(document, { delayMs: 20, signal: controller.signal, ...options }, (changes) => reports.push(changes));
const all = <K extends keyof DomChanges>(key: K): DomChanges[K] =>
  reports.flatMap((report): (Element | ShadowRoot)[] => report[key]) as DomChanges[K];

/** A custom element that draws `html` into its own open shadow root when connected. */
function defineHost(name: string, html: string): void {
  customElements.define(
    name,
    class extends HTMLElement {
      connectedCallback() {
        if (!this.shadowRoot) this.attachShadow({ mode: 'open' }).innerHTML = html;
      }
    },
  );
}

it('reports the tops of what was added, not the page around them', async () => {
  document.body.innerHTML = '<main id="feed"></main>' + '<p>old</p>'.repeat(200);
  watch();
  const feed = document.getElementById('feed')!;
  const posts = [1, 2, 3].map((n) =>
    Object.assign(document.createElement('article'), { innerHTML: `<p>post ${n}</p><button>Like</button>` }),
  );
  feed.append(...posts);
  await waitFor(() => reports.length > 0);
  expect(all('added')).toEqual(posts);
  expect(all('shadowRoots')).toEqual([]);
});

it('finds the shadow root of a host deep inside an added subtree, and then sees what is added in it', async () => {
  defineHost('np-test-card', '<p>loading</p>');
  watch();
  const wrapper = document.createElement('section');
  wrapper.innerHTML = '<div><div><np-test-card></np-test-card></div></div>';
  document.body.append(wrapper);
  await waitFor(() => all('shadowRoots').length === 1);
  const shadow = document.querySelector('np-test-card')!.shadowRoot!;
  expect(all('shadowRoots')).toEqual([shadow]);
  // The component renders its next step later: no mutation in the document says so.
  const step = Object.assign(document.createElement('form'), { innerHTML: '<input name="code">' });
  shadow.append(step);
  await waitFor(() => all('added').includes(step));
});

it('walks what is already there when asked, and reports each shadow root once', async () => {
  defineHost('np-test-old', '<input name="phone">');
  document.body.innerHTML = '<np-test-old></np-test-old><div><np-test-old></np-test-old></div>';
  const watcher = watch({ walkExisting: true });
  await waitFor(() => all('shadowRoots').length === 2);
  expect(watcher.watch(document.querySelector('np-test-old')!.shadowRoot!)).toBe(false);
  document.body.append(document.createElement('p'));
  await waitFor(() => all('added').length === 1);
  expect(all('shadowRoots')).toHaveLength(2);
});

it('a custom element added before its definition is looked at again once defined (within its 1 s recheck)', async () => {
  vi.useFakeTimers();
  watch();
  document.body.innerHTML = '<np-test-late></np-test-late>';
  await vi.advanceTimersByTimeAsync(20);
  expect(reports).toHaveLength(1);
  expect(all('shadowRoots')).toEqual([]);
  defineHost('np-test-late', '<input type="tel">');
  // No mutation says it was defined: only the recheck a second later finds its shadow root.
  await vi.advanceTimersByTimeAsync(950);
  expect(all('shadowRoots')).toEqual([]);
  await vi.advanceTimersByTimeAsync(60);
  expect(all('shadowRoots')).toHaveLength(1);
  expect(all('shadowRoots')[0]!.querySelector('input')).not.toBeNull();
});

it('reports removed elements, and changed attributes only when asked for', async () => {
  document.body.innerHTML = '<div id="a"></div><div id="b"></div>';
  watch({ attributes: ['hidden'] });
  const a = document.getElementById('a')!;
  const b = document.getElementById('b')!;
  a.hidden = true;
  b.title = 'not watched';
  b.remove();
  await waitFor(() => reports.length > 0);
  expect(all('changed')).toEqual([a]);
  expect(all('removed')).toEqual([b]);
});

it('a page that adds a huge subtree at once gets it walked in slices, each a few milliseconds long', async () => {
  defineHost('np-test-deep', '<input>');
  watch();
  // The clock moves 1 ms at each look: a slice ends after a few looks, whatever this machine's speed.
  let now = 0;
  vi.spyOn(performance, 'now').mockImplementation(() => (now += 1));
  const huge = document.createElement('div');
  huge.innerHTML = '<p>filler</p>'.repeat(5_000) + '<np-test-deep></np-test-deep>';
  document.body.append(huge);
  await waitFor(() => all('shadowRoots').length === 1, 5_000);
  // The first task reported the added subtree but had not reached the host at its end: a later one did.
  expect(reports[0]!.added).toEqual([huge]);
  expect(reports[0]!.shadowRoots).toEqual([]);
  expect(reports.at(-1)!.shadowRoots).toHaveLength(1);
  expect(SLICE_MS).toBeLessThanOrEqual(10);
});

it('stops with its signal', async () => {
  vi.useFakeTimers();
  watch();
  controller.abort();
  document.body.append(document.createElement('p'));
  await vi.advanceTimersByTimeAsync(5_000);
  expect(reports).toEqual([]);
});
