/**
 * Fill success per widget: each widget page (tests/fixtures/widgets) in Chromium with the detector,
 * the background's country choice and formatting (lib/phone) and the content script's filler, then
 * what the widget itself reports holding. No extension and no purchase: the number is one the
 * sandbox would sell in the country chosen for the page.
 *   npx tsx tests/bench/detection/widgets.ts
 * The closed-shadow-root page needs the extension's chrome.dom: tests/e2e/widgets.spec.ts covers it.
 */
import { pathToFileURL } from 'node:url';
import { chooseOffer } from '../../../lib/engine/account/catalog';
import type { FieldShape } from '../../../lib/messaging/protocol';
import { offersForField } from '../../../lib/phone/country-for-field';
import { formatNumberForField } from '../../../lib/phone/format-for-field';
import { serveFixtures } from '../../fixtures/serve';
import { CODE_WIDGETS, PHONE_WIDGETS } from '../../fixtures/widgets/widgets';
import { generateNumber } from '../../sandbox/phone-numbers';
import { Rng } from '../../sandbox/random';
import { launchChromium, openWithDetector } from './chromium';

export interface WidgetFill {
  widget: string;
  kind: 'phone' | 'code';
  /** The field was found. */
  detected: boolean;
  /** Phones: the country bought for the page, and the one the page shows. */
  country?: string;
  expectedCountry?: string | null;
  /** What was written into the field. */
  written: string;
  /** What the widget holds afterwards, by its own API. */
  held: string;
  /** What it should hold: the number in E.164, or the code. */
  expected: string;
  ok: boolean;
}

/** Offers like the sandbox's WhatsApp ones: the US cheapest of +1, Canada dearer, the UK, Kazakhstan and Russia for +7. */
const OFFERS = [
  { id: 187, flag: 'US', price: 0.43, stock: 100 },
  { id: 188, flag: 'CA', price: 1.1, stock: 100 },
  { id: 28, flag: 'GB', price: 0.29, stock: 100 },
  { id: 70, flag: 'KZ', price: 0.49, stock: 100 },
  { id: 1, flag: 'RU', price: 0.75, stock: 100 },
];
const DEFAULT_COUNTRY = 187;
const CODE = '482916';
const SETTLE_MS = 300;

export async function measureWidgetFills(): Promise<WidgetFill[]> {
  const server = await serveFixtures();
  const browser = await launchChromium();
  const rng = new Rng(12);
  const results: WidgetFill[] = [];
  try {
    for (const widget of PHONE_WIDGETS) {
      const tab = await openWithDetector(browser, `${server.origin}/widgets/${widget.page}`, { scripts: true });
      const shape = await tab.evaluate<FieldShape | null>('__numpoolBench.firstPhoneShape()');
      const offer = shape
        ? chooseOffer(
            offersForField(
              OFFERS.map((o) => ({ ...o, name: o.flag, currency: 'USD' })),
              shape,
            ),
            DEFAULT_COUNTRY,
          )
        : null;
      const number = offer?.flag ? generateNumber(offer.flag, rng) : '';
      let written = '';
      if (shape && number) {
        const formatted = formatNumberForField(number, shape);
        written = formatted.value;
        await tab.evaluate(`__numpoolBench.fillFirstPhone(${JSON.stringify(formatted)})`);
        await tab.waitForTimeout(SETTLE_MS);
      }
      const held = (await tab.evaluate<{ phone?: string } | null>('__numpoolBench.widgetState()'))?.phone ?? '';
      const countryOk = widget.country === null ? offer?.id === DEFAULT_COUNTRY : offer?.flag === widget.country;
      results.push({
        widget: widget.page,
        kind: 'phone',
        detected: !!shape,
        country: offer?.flag,
        expectedCountry: widget.country,
        written,
        held,
        expected: number,
        ok: !!number && held === number && countryOk,
      });
      await tab.context().close();
    }
    for (const widget of CODE_WIDGETS) {
      if (process.env.DEBUG_WIDGETS) console.log(widget.page);
      const tab = await openWithDetector(browser, `${server.origin}/widgets/${widget.page}`, { scripts: true });
      const detected = (await tab.evaluate<{ kind: string }[]>('__numpoolBench.reportDetection()')).some((found) => found.kind === 'code');
      await tab.evaluate(`__numpoolBench.fillFirstCode(${JSON.stringify(CODE)})`);
      await tab.waitForTimeout(SETTLE_MS);
      const held = (await tab.evaluate<{ code?: string } | null>('__numpoolBench.widgetState()'))?.code ?? '';
      results.push({ widget: widget.page, kind: 'code', detected, written: CODE, held, expected: CODE, ok: held === CODE });
      await tab.context().close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}

export function printWidgetFills(results: WidgetFill[]): void {
  console.table(
    results.map((r) => ({
      widget: r.widget,
      kind: r.kind,
      detected: r.detected,
      country: r.kind === 'phone' ? `${r.country ?? '-'} (page: ${r.expectedCountry ?? 'none'})` : '',
      written: r.written,
      'widget holds': r.held,
      ok: r.ok,
    })),
  );
  const ok = results.filter((r) => r.ok).length;
  console.log(`fill success: ${ok}/${results.length} widgets`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) printWidgetFills(await measureWidgetFills());
