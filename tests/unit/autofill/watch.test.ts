// @vitest-environment jsdom
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest';
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

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

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

it('ignores mutations that add no field, and batches those that do', async () => {
  watchForFields(document, (detection) => reports.push(detection), { signal: controller.signal });
  for (let index = 0; index < 20; index++) document.body.append(Object.assign(document.createElement('p'), { textContent: `tick ${index}` }));
  await pause(400);
  expect(reports).toEqual([]);
  for (let index = 0; index < 5; index++) {
    document.body.insertAdjacentHTML('beforeend', `<label>Phone <input name="phone${index}"></label>`);
  }
  await waitFor(() => reports.length > 0);
  await pause(300);
  expect(reports).toHaveLength(1);
  expect(reports[0]!.phoneFields).toHaveLength(5);
});

it('reports a field revealed by an attribute change, and its removal', async () => {
  document.body.innerHTML = '<div hidden><label>Verification code <input name="otp"></label></div>';
  watchForFields(document, (detection) => reports.push(detection), { signal: controller.signal });
  document.querySelector('div')!.hidden = false;
  await waitFor(() => reports.length === 1);
  expect(reports[0]!.codeFields).toHaveLength(1);
  document.querySelector('div')!.remove();
  await waitFor(() => reports.length === 2);
  expect(reports[1]!.codeFields).toEqual([]);
});

it('stops when its signal aborts', async () => {
  watchForFields(document, (detection) => reports.push(detection), { signal: controller.signal });
  controller.abort();
  document.body.innerHTML = '<label>Phone <input type="tel"></label>';
  await pause(400);
  expect(reports).toEqual([]);
});

it('finds a code step a web component renders later inside its shadow root', async () => {
  document.body.innerHTML = '<verify-card></verify-card>';
  const host = document.querySelector('verify-card')!;
  const shadow = host.attachShadow({ mode: 'open' });
  shadow.innerHTML = '<form><label>Phone <input type="tel" name="phone"></label></form>';
  watchForFields(document, (detection) => reports.push(detection), { signal: controller.signal });
  // The next step replaces the form inside the shadow root: the document sees no mutation.
  shadow.innerHTML = '<form><p>We texted you a code.</p><label>Verification code <input id="code" inputmode="numeric" maxlength="6"></label></form>';
  await waitFor(() => reports.length > 0);
  expect(reports[0]!.codeFields.map((field) => (field.kind === 'single' ? field.element.id : ''))).toEqual(['code']);
});

it('watches a shadow root that appears deep inside an added subtree', async () => {
  watchForFields(document, (detection) => reports.push(detection), { signal: controller.signal });
  const wrapper = document.createElement('div');
  const host = document.createElement('otp-step');
  wrapper.append(host);
  host.attachShadow({ mode: 'open' }).innerHTML = '<p>nothing yet</p>';
  document.body.append(wrapper);
  await pause(400);
  host.shadowRoot!.innerHTML = '<input autocomplete="one-time-code" id="otp">';
  await waitFor(() => reports.length > 0);
  expect(reports.at(-1)!.codeFields).toHaveLength(1);
});
