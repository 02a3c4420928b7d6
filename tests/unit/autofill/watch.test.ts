// @vitest-environment jsdom
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
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
  const found = [
    ...detection!.phoneFields.map((field) => field.element),
    ...detection!.codeFields.flatMap((field) => (field.kind === 'single' ? [field.element] : field.elements)),
  ];
  expect(new Set(found)).toEqual(new Set(expected));
  dom.window.close();
});

/**
 * The watcher's timing, on vitest's fake timers (setTimeout and performance.now): changes are
 * gathered for 100 ms, then looked at; a scan runs at most once per 250 ms. A scan due at once
 * still waits for its timer, 1 ms on fake timers as in Node.
 */
const GATHER_MS = 100;
const REPORTED_MS = GATHER_MS + 1;
const THROTTLE_MS = 250;
const addPhone = (name: string) => document.body.insertAdjacentHTML('beforeend', `<label>Phone <input name="${name}"></label>`);

describe('timing (fake timers)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    return () => vi.useRealTimers();
  });

  /** Starts the watcher and lets its first walk and the throttle of its first scan pass. */
  async function watchQuietPage() {
    watchForFields(document, (detection) => reports.push(detection), { signal: controller.signal });
    await vi.advanceTimersByTimeAsync(1_000);
  }

  it('ignores mutations that add no field: no report however long the page keeps changing', async () => {
    await watchQuietPage();
    for (let index = 0; index < 20; index++) {
      document.body.append(Object.assign(document.createElement('p'), { textContent: `tick ${index}` }));
      await vi.advanceTimersByTimeAsync(50);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reports).toEqual([]);
    // The same watcher does see a field (it was not simply deaf).
    addPhone('phone');
    await vi.advanceTimersByTimeAsync(REPORTED_MS);
    expect(reports).toHaveLength(1);
  });

  it('gathers fields added over 100 ms into one report, made once the 100 ms are up', async () => {
    await watchQuietPage();
    for (let index = 0; index < 5; index++) {
      addPhone(`phone${index}`);
      await vi.advanceTimersByTimeAsync(19);
    }
    // 95 ms after the first change: still gathering.
    expect(reports).toEqual([]);
    await vi.advanceTimersByTimeAsync(REPORTED_MS - 95);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.phoneFields).toHaveLength(5);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reports).toHaveLength(1);
  });

  it('scans at most once per 250 ms: a field added right after a scan is reported 250 ms after it', async () => {
    await watchQuietPage();
    addPhone('first');
    await vi.advanceTimersByTimeAsync(REPORTED_MS);
    expect(reports).toHaveLength(1);
    addPhone('second');
    // Gathered by 100 ms, but the last scan was just now: it waits for the throttle.
    await vi.advanceTimersByTimeAsync(THROTTLE_MS - 1);
    expect(reports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(reports).toHaveLength(2);
    expect(reports[1]!.phoneFields).toHaveLength(2);
  });

  it('reports a field revealed by an attribute change, and its removal', async () => {
    document.body.innerHTML = '<div hidden><label>Verification code <input name="otp"></label></div>';
    await watchQuietPage();
    document.querySelector('div')!.hidden = false;
    await vi.advanceTimersByTimeAsync(REPORTED_MS);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.codeFields).toHaveLength(1);
    document.querySelector('div')!.remove();
    await vi.advanceTimersByTimeAsync(THROTTLE_MS);
    expect(reports).toHaveLength(2);
    expect(reports[1]!.codeFields).toEqual([]);
  });

  it('stops when its signal aborts', async () => {
    await watchQuietPage();
    controller.abort();
    document.body.innerHTML = '<label>Phone <input type="tel"></label>';
    await vi.advanceTimersByTimeAsync(5_000);
    expect(reports).toEqual([]);
  });

  it('finds a code step a web component renders later inside its shadow root', async () => {
    document.body.innerHTML = '<verify-card></verify-card>';
    const host = document.querySelector('verify-card')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<form><label>Phone <input type="tel" name="phone"></label></form>';
    await watchQuietPage();
    // The next step replaces the form inside the shadow root: the document sees no mutation.
    shadow.innerHTML =
      '<form><p>We texted you a code.</p><label>Verification code <input id="code" inputmode="numeric" maxlength="6"></label></form>';
    await vi.advanceTimersByTimeAsync(REPORTED_MS);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.codeFields.map((field) => (field.kind === 'single' ? field.element.id : ''))).toEqual(['code']);
  });

  it('watches a shadow root that appears deep inside an added subtree', async () => {
    await watchQuietPage();
    const wrapper = document.createElement('div');
    const host = document.createElement('otp-step');
    wrapper.append(host);
    host.attachShadow({ mode: 'open' }).innerHTML = '<p>nothing yet</p>';
    document.body.append(wrapper);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(reports).toEqual([]);
    host.shadowRoot!.innerHTML = '<input autocomplete="one-time-code" id="otp">';
    await vi.advanceTimersByTimeAsync(REPORTED_MS);
    expect(reports).toHaveLength(1);
    expect(reports[0]!.codeFields).toHaveLength(1);
  });
});
