// @vitest-environment jsdom
// Every fixture page states what detection must find (data-expect, data-expect-country, data-expect-split).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectFields, type Detection } from '../../../lib/autofill/detect';
import { serveFixtures, type FixtureServer } from '../../fixtures/serve';
import { expectedElements, hasVue, loadFixture } from './helpers';

const FORMS = path.resolve(import.meta.dirname, '../../fixtures/forms');
/** Pages checked elsewhere: the iframe's inner page with its host, the delayed form with the watcher. */
const NOT_STANDALONE = new Set(['iframe-inner.html', 'delayed.html', ...(hasVue ? [] : ['vue-signup.html'])]);
const PAGES = readdirSync(FORMS).filter((file) => file.endsWith('.html') && !NOT_STANDALONE.has(file));

let server: FixtureServer;
beforeAll(async () => {
  server = await serveFixtures();
});
afterAll(() => server.close());

describe.each(PAGES)('%s', (page) => {
  it('finds exactly the fields marked with data-expect', async () => {
    const dom = await loadFixture(server.origin, page);
    const document = dom.window.document;
    expect(expectedElements(document).length).toBeGreaterThan(0);
    const detection = detectFields(document);
    expect(foundKinds(detection)).toEqual(expectedKinds(document));
    expectCountryAssociations(detection);
    expectSplitRows(detection, document);
    dom.window.close();
  });
});

/** `where/element → kind` for every detected element, sorted. */
function foundKinds(detection: Detection): string[] {
  return [
    ...detection.phoneFields.flatMap((field) => (field.parts ?? [field.element]).map((part) => `${whereIs(part)} → phone`)),
    ...detection.countryControls.map((control) => `${whereIs(control.element)} → country`),
    ...detection.codeFields.flatMap((field) =>
      (field.kind === 'split' ? field.elements : [field.element]).map((element) => `${whereIs(element)} → code`),
    ),
  ].sort();
}

function expectedKinds(document: Document): string[] {
  return expectedElements(document)
    .filter((element) => element.dataset.expect !== 'none')
    .map((element) => `${whereIs(element)} → ${element.dataset.expect}`)
    .sort();
}

/** Phones name their country control's id in data-expect-country; the others have none. */
function expectCountryAssociations(detection: Detection): void {
  for (const phone of detection.phoneFields) {
    expect(phone.countryControl?.element.id, whereIs(phone.element)).toBe(phone.element.dataset.expectCountry);
  }
}

/** Each data-expect-split container is one split row of that many boxes, in DOM order. */
function expectSplitRows(detection: Detection, document: Document): void {
  const rows = detection.codeFields.flatMap((field) => (field.kind === 'split' ? [field.elements] : []));
  const containers = expectedElements(document).flatMap((element) => {
    const container = element.closest<HTMLElement>('[data-expect-split]');
    return container ? [container] : [];
  });
  expect(rows.length).toBe(new Set(containers).size);
  for (const row of rows) {
    const container = row[0]!.closest<HTMLElement>('[data-expect-split]');
    expect(row.length).toBe(Number(container?.dataset.expectSplit));
    expect(row.every((box) => container!.contains(box))).toBe(true);
    row.slice(1).forEach((box, index) => {
      expect(row[index]!.compareDocumentPosition(box) & document.defaultView!.Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    });
  }
}

/** Where an element is, readably: frame or shadow root, then form, tag, id and name. */
function whereIs(element: HTMLElement): string {
  const root = element.getRootNode() as Document | ShadowRoot;
  const scope = 'host' in root ? `<${root.host.localName}>/` : root.defaultView?.frameElement ? 'frame/' : '';
  const form = element.closest('form')?.id ?? '';
  const name = element.getAttribute('name');
  return `${scope}${form ? `form#${form}/` : ''}${element.localName}${element.id ? `#${element.id}` : ''}${name ? `[${name}]` : ''}`;
}
