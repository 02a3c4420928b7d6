// @vitest-environment jsdom
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { detectFields, type Detection } from '../../../lib/autofill/detect';
import { watchForFields } from '../../../lib/autofill/watch';
import { serveFixtures, type FixtureServer } from '../../fixtures/serve';
import { expectedElements, loadFixture, waitFor } from './helpers';

let server: FixtureServer;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(() => server.close());

let controller: AbortController;
let reports: Detection[];
beforeEach(() => {
  controller = new AbortController();
  reports = [];
  document.body.replaceChildren();
  return () => controller.abort();
});

/**
 * The watcher waits 250 ms after a mutation before it scans again: on fake timers, so "nothing
 * happened" and "only once" are decided by the clock the watcher reads, not by a sleep.
 */
const elapse = (ms: number) => vi.advanceTimersByTimeAsync(ms);

it('reports the form a single-page app shows after a click', async () => {
  const dom = await loadFixture(server.origin, 'delayed.html');
  const page = dom.window.document;
  const before = detectFields(page);
  expect([...before.phoneFields, ...before.codeFields]).toEqual([]);
  watchForFields(page, (detection) => reports.push(detection), { signal: controller.signal });
  page.getElementById('start')!.click();
  await waitFor(() => reports.length > 0);
  const [detection] = reports;
  const expected = expectedElements(page).filter((element) => element.dataset.expect !== 'none');
  const found = [...detection!.phoneFields.map((field) => field.element), ...detection!.codeFields.flatMap((field) => (field.kind === 'single' ? [field.element] : field.elements))];
  expect(new Set(found)).toEqual(new Set(expected));
  dom.window.close();
});

describe('on the watcher\'s own clock', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('ignores mutations that add no field, and batches those that do', async () => {
    watchForFields(document, (detection) => reports.push(detection), { signal: controller.signal });
    for (let index = 0; index < 20; index++) document.body.append(Object.assign(document.createElement('p'), { textContent: `tick ${index}` }));
    await elapse(1_000);
    expect(reports).toEqual([]);
    for (let index = 0; index < 5; index++) {
      document.body.insertAdjacentHTML('beforeend', `<label>Phone <input name="phone${index}"></label>`);
      await elapse(20);
    }
    // One scan for the five, 250 ms after the first, and no other.
    expect(reports).toEqual([]);
    await elapse(170);
    expect(reports).toHaveLength(1);
    await elapse(1_000);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.phoneFields).toHaveLength(5);
  });

  it('reports a field revealed by an attribute change, and its removal', async () => {
    document.body.innerHTML = '<div hidden><label>Verification code <input name="otp"></label></div>';
    watchForFields(document, (detection) => reports.push(detection), { signal: controller.signal });
    document.querySelector('div')!.hidden = false;
    await elapse(250);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.codeFields).toHaveLength(1);
    document.querySelector('div')!.remove();
    await elapse(250);
    expect(reports).toHaveLength(2);
    expect(reports[1]!.codeFields).toEqual([]);
  });

  it('stops when its signal aborts', async () => {
    watchForFields(document, (detection) => reports.push(detection), { signal: controller.signal });
    controller.abort();
    document.body.innerHTML = '<label>Phone <input type="tel"></label>';
    await elapse(1_000);
    expect(reports).toEqual([]);
  });

  it('finds a code step a web component renders later inside its shadow root', async () => {
    document.body.innerHTML = '<verify-card></verify-card>';
    const host = document.querySelector('verify-card')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<form><label>Phone <input type="tel" name="phone"></label></form>';
    watchForFields(document, (detection) => reports.push(detection), { signal: controller.signal });
    // The next step replaces the form inside the shadow root: the document sees no mutation.
    shadow.innerHTML = '<form><label>Verification code <input id="code" inputmode="numeric" maxlength="6"></label></form>';
    await elapse(250);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.codeFields.map((field) => (field.kind === 'single' ? field.element.id : ''))).toEqual(['code']);
  });

  it('watches a shadow root that appears deep inside an added subtree', async () => {
    watchForFields(document, (detection) => reports.push(detection), { signal: controller.signal });
    const wrapper = document.createElement('div');
    const host = document.createElement('otp-step');
    wrapper.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>nothing yet</p>';
    document.body.append(wrapper);
    await elapse(1_000);
    host.shadowRoot!.innerHTML = '<input autocomplete="one-time-code" id="otp">';
    await elapse(250);
    expect(reports).toHaveLength(1);
    expect(reports.at(-1)!.codeFields).toHaveLength(1);
  });
});
