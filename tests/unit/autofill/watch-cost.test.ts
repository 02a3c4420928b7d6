// @vitest-environment jsdom
// What the watcher costs on a page that changes all day: scans only for changes that touch a form.
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import * as detect from '../../../lib/autofill/detect';
import { watchForFields } from '../../../lib/autofill/watch';

vi.mock('../../../lib/autofill/detect', async (original) => {
  const real = await original<typeof detect>();
  return { ...real, detectFields: vi.fn(real.detectFields) };
});
const scans = vi.mocked(detect.detectFields);

let controller: AbortController;
let reports: detect.Detection[];
beforeEach(() => {
  // The watcher's gathering (100 ms) and throttle (250 ms) on fake timers: no test sleeps.
  vi.useFakeTimers();
  controller = new AbortController();
  reports = [];
  document.body.innerHTML =
    '<aside><form><label>Phone number <input type="tel" name="phone"></label></form></aside><main id="feed"></main>';
});
afterEach(() => {
  controller.abort();
  vi.useRealTimers();
});

const pause = (ms: number) => vi.advanceTimersByTimeAsync(ms);
/** Long enough for a change to be gathered and scanned whatever the throttle: it must be reported by then. */
const SETTLE_MS = 400;

customElements.define(
  'np-feed-post',
  class extends HTMLElement {
    connectedCallback() {
      if (!this.shadowRoot) this.attachShadow({ mode: 'open' }).innerHTML = '<article><p>post</p><button>Like</button></article>';
    }
  },
);
customElements.define(
  'np-signup-box',
  class extends HTMLElement {
    connectedCallback() {
      if (!this.shadowRoot)
        this.attachShadow({ mode: 'open' }).innerHTML = '<form><label>Phone number <input type="tel" name="phone2"></label></form>';
    }
  },
);

function start(): void {
  const initial = detect.detectFields(document);
  scans.mockClear();
  watchForFields(document, (detection) => reports.push(detection), { signal: controller.signal, initial });
}

it('a live feed of web components, posts added, dropped and restyled, costs no scan', async () => {
  const feed = document.getElementById('feed')!;
  for (let index = 0; index < 50; index++) feed.append(document.createElement('np-feed-post'));
  start();
  for (let tick = 0; tick < 8; tick++) {
    feed.prepend(document.createElement('np-feed-post'));
    feed.lastElementChild!.remove();
    feed.firstElementChild!.className = 'new';
    feed.firstElementChild!.shadowRoot!.querySelector('p')!.textContent = `post ${tick}`;
    await pause(60);
  }
  await pause(400);
  expect(scans).not.toHaveBeenCalled();
  expect(reports).toEqual([]);
});

it('a web component holding a phone field, added, hidden by an attribute on its host, then removed: each is seen', async () => {
  start();
  const box = document.createElement('np-signup-box');
  document.body.append(box);
  await pause(SETTLE_MS);
  expect(reports).toHaveLength(1);
  expect(reports[0]!.phoneFields.map((field) => field.element.name).sort()).toEqual(['phone', 'phone2']);
  box.hidden = true;
  await pause(SETTLE_MS);
  expect(reports).toHaveLength(2);
  expect(reports[1]!.phoneFields.map((field) => field.element.name)).toEqual(['phone']);
  box.hidden = false;
  await pause(SETTLE_MS);
  expect(reports).toHaveLength(3);
  box.remove();
  await pause(SETTLE_MS);
  expect(reports).toHaveLength(4);
  expect(reports[3]!.phoneFields.map((field) => field.element.name)).toEqual(['phone']);
});

it('a class toggled on <body> as the page scrolls costs no scan; one that hides the phone field is seen', async () => {
  const style = document.head.appendChild(
    Object.assign(document.createElement('style'), { textContent: 'body.compact aside { display: none }' }),
  );
  start();
  for (let tick = 0; tick < 6; tick++) {
    document.body.classList.toggle('scrolled');
    await pause(60);
  }
  await pause(400);
  expect(scans).not.toHaveBeenCalled();
  document.body.classList.add('compact');
  await pause(SETTLE_MS);
  expect(reports).toHaveLength(1);
  expect(reports[0]!.phoneFields).toEqual([]);
  style.remove();
});
