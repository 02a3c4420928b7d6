/**
 * Split phone numbers filled end to end: each number split over boxes, on the
 * saved real forms (the Formasaurus pages with split numbers, as copied to
 * tests/fixtures/forms/real) and on the fixture pages that ask for a fill
 * (`data-fill-number`), goes through the detector, the content script's field
 * shape, the background's formatting and the content script's filler in
 * Chromium; a number counts as filled right when every box holds its part
 * (and boxes that are no part, such as an extension, stay empty).
 *   npx tsx tests/bench/detection/split-fills.ts
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { FieldShape } from '../../../lib/messaging/protocol';
import { formatNumberForField } from '../../../lib/phone/format-for-field';
import { serveFixtures } from '../../fixtures/serve';
import { launchChromium, openWithDetector, REPO_ROOT } from './chromium';
import type { FillCase } from './in-page';

export interface SplitFill {
  page: string;
  number: string;
  expected: string[];
  held: (string | null)[];
  ok: boolean;
}

const US = '+12015550123';
const byName = (name: string) => `[name="${name}"]`;
const boxes = (values: Record<string, string>) => Object.entries(values).map(([name, value]) => ({ selector: byName(name), value }));

/** The split numbers of the saved real forms and what each box must hold. */
const REAL_CASES: Record<string, FillCase[]> = {
  'formasaurus-349.html': [
    { number: US, boxes: boxes({ phac: '201', phex: '555', phno: '0123' }) },
    { number: US, boxes: boxes({ mbac: '201', mbex: '555', mbno: '0123' }) },
  ],
  'formasaurus-457.html': [
    { number: US, boxes: boxes({ areaCode: '201', phonePrefix: '555', phoneSuffix: '0123' }) },
    { number: US, boxes: boxes({ areaCode2: '201', phonePrefix2: '555', phoneSuffix2: '0123' }) },
  ],
  'formasaurus-715.html': [{ number: US, boxes: boxes({ 'q9_phoneNumber9[area]': '201', 'q9_phoneNumber9[phone]': '5550123' }) }],
  'formasaurus-212.html': [
    {
      number: '+393331234567',
      boxes: boxes({
        'RegistrationFormController_2{actionForm.nationalPrefix}': '333',
        'RegistrationFormController_2{actionForm.phoneNumber}': '1234567',
        'RegistrationFormController_2wlw-select_key:{actionForm.internationalPrefix}': '0039',
      }),
    },
  ],
};

const FORMS = path.resolve(REPO_ROOT, 'tests', 'fixtures', 'forms');

/** Fills every split number of the real forms and of the fixture pages that ask for it, one fresh page per number. */
export async function measureSplitFills(): Promise<{ real: SplitFill[]; fixtures: SplitFill[] }> {
  const server = await serveFixtures();
  const browser = await launchChromium();
  const fill = async (url: string, page: string, scripts: boolean, cases: FillCase[]) => {
    const results: SplitFill[] = [];
    for (const [index, fillCase] of cases.entries()) {
      const tab = await openWithDetector(browser, url, { scripts });
      // Fixture pages list their own cases; each number is filled on a fresh copy of the page.
      const current = scripts ? ((await tab.evaluate<FillCase[]>('__numpoolBench.fixtureFillCases()'))[index] ?? fillCase) : fillCase;
      const first = JSON.stringify(current.anchor ?? current.boxes[0]!.selector);
      const shape = await tab.evaluate<FieldShape | null>(`__numpoolBench.phoneShapeHolding(${first})`);
      if (shape)
        await tab.evaluate(`__numpoolBench.fillPhoneHolding(${first}, ${JSON.stringify(formatNumberForField(current.number, shape))})`);
      const held = await tab.evaluate<(string | null)[]>(
        `__numpoolBench.valuesAt(${JSON.stringify(current.boxes.map((box) => box.selector))})`,
      );
      const expected = current.boxes.map((box) => box.value);
      results.push({ page, number: current.number, expected, held, ok: held.every((value, at) => value === expected[at]) });
      await tab.context().close();
    }
    return results;
  };
  try {
    const real: SplitFill[] = [];
    for (const [page, cases] of Object.entries(REAL_CASES))
      real.push(...(await fill(`${server.origin}/forms/real/${page}`, page, false, cases)));
    const fixtures: SplitFill[] = [];
    for (const page of (await readdir(FORMS)).filter((file) => file.endsWith('.html')).sort()) {
      const tab = await openWithDetector(browser, `${server.origin}/forms/${page}`, { scripts: true });
      const cases = await tab.evaluate<FillCase[]>('__numpoolBench.fixtureFillCases()');
      await tab.context().close();
      if (cases.length > 0) fixtures.push(...(await fill(`${server.origin}/forms/${page}`, page, true, cases)));
    }
    return { real, fixtures };
  } finally {
    await browser.close();
    await server.close();
  }
}

export function printSplitFills({ real, fixtures }: { real: SplitFill[]; fixtures: SplitFill[] }): void {
  for (const [name, fills] of [
    ['saved real forms', real],
    ['fixture pages', fixtures],
  ] as const) {
    console.log(`\nsplit numbers filled right end to end, ${name}: ${fills.filter((fill) => fill.ok).length} of ${fills.length}`);
    for (const fill of fills)
      console.log(
        `  ${fill.ok ? 'ok  ' : 'FAIL'} ${fill.page} ${fill.number}: ${JSON.stringify(fill.held)}${fill.ok ? '' : ` (expected ${JSON.stringify(fill.expected)})`}`,
      );
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printSplitFills(await measureSplitFills());
