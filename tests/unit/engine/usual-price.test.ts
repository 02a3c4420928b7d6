import { afterEach, describe, expect, it } from 'vitest';
import { FakeClock, useSandbox } from '../../sandbox/test-helpers';
import { engineHarness, extensionSender, pageSender, askAs } from './harness';
import { PAGE_PRICE_MARGIN, usualComparison } from '../../../lib/engine/page/page-purchases';
import type { Settings } from '../../../lib/state/schema';

/**
 * The usual country and the price reason: a page that picks a dear country is asked about, and
 * the window names the usual country (or the cheapest) and both prices.
 */
const clock = new FakeClock();
const env = useSandbox({ autoDeliver: false, fakeClock: clock });
let stop: (() => void) | undefined;
afterEach(() => stop?.());

const WHATSAPP = 'https://signup.whatsapp.com/phone';

async function setup(settings: Partial<Settings>) {
  const h = await engineHarness({ baseUrl: env.sandbox.baseUrl, apiKey: env.sandbox.demoKey, clock, settings });
  stop = h.stop;
  const ask = askAs(h.engine);
  const offers = await h.engine.handlers['countries.list']({ service: 'wa' }, extensionSender());
  const inStock = offers.filter((o) => o.stock > 0 && o.flag);
  return { ...h, ask, inStock };
}

/** A click on a button seen long enough, on a page whose country control shows `iso`, at the price the button showed. */
const clickWithCountry = (iso: string, shownPrice: number) => ({
  field: { countryControl: { kind: 'custom', selectedIso: iso } },
  gesture: { kind: 'button', seen: true, shownPrice },
});

describe('usualComparison', () => {
  const usa = { id: 187, name: 'USA', price: 0.43 };
  it('names the usual offer only when the page chose one dearer by more than the margin', () => {
    expect(usualComparison({ price: 0.43 + PAGE_PRICE_MARGIN + 0.01 }, usa, 187)).toEqual({
      countryName: 'USA',
      price: 0.43,
      isDefault: true,
    });
    expect(usualComparison({ price: 0.43 + PAGE_PRICE_MARGIN }, usa, 187)).toBeNull();
    expect(usualComparison({ price: 2 }, null, null)).toBeNull();
  });
  it('says whether the usual number is the default country or only the cheapest', () => {
    expect(usualComparison({ price: 2 }, usa, null)).toMatchObject({ isDefault: false });
  });
});

describe('the price reason in the confirmation window', () => {
  it("a page that picks a dear country: the window names the user's usual country and both prices", async () => {
    const { ask, inStock } = await setup({ defaultCountry: 187 });
    const usa = inStock.find((o) => o.id === 187)!;
    const dear = inStock.find((o) => o.price > usa.price + PAGE_PRICE_MARGIN + 0.01)!;
    expect(dear).toBeDefined();
    const reply = await ask('page.buy', clickWithCountry(dear.flag!, dear.price), pageSender(4, WHATSAPP));
    expect(reply).toMatchObject({ ok: true, value: { status: 'confirming' } });
    const view = await ask('confirm.get', { id: reply.value.requestId }, extensionSender('confirm.html'));
    expect(view).toMatchObject({
      ok: true,
      value: {
        reason: 'price',
        countryName: dear.name,
        price: dear.price,
        usual: { countryName: 'USA', price: usa.price, isDefault: true },
      },
    });
    expect((await env.control.state(env.sandbox.demoKey)).charges).toHaveLength(0);
  });

  it('with no usual country set, the window names the cheapest number it was measured against', async () => {
    const { ask, inStock } = await setup({ defaultCountry: null });
    const cheapest = [...inStock].sort((a, b) => a.price - b.price)[0]!;
    const dear = inStock.find((o) => o.price > cheapest.price + PAGE_PRICE_MARGIN + 0.01)!;
    const reply = await ask('page.buy', clickWithCountry(dear.flag!, dear.price), pageSender(4, WHATSAPP));
    const view = await ask('confirm.get', { id: reply.value.requestId }, extensionSender('confirm.html'));
    expect(view.value).toMatchObject({ reason: 'price', usual: { countryName: cheapest.name, price: cheapest.price, isDefault: false } });
  });

  it('a reason other than the price names no usual country', async () => {
    const { ask, inStock } = await setup({ defaultCountry: 187 });
    const dear = inStock.find((o) => o.price > 0.43 + PAGE_PRICE_MARGIN + 0.01)!;
    const reply = await ask(
      'page.buy',
      { ...clickWithCountry(dear.flag!, dear.price), gesture: { kind: 'button', seen: false, shownPrice: dear.price } },
      pageSender(4, WHATSAPP),
    );
    const view = await ask('confirm.get', { id: reply.value.requestId }, extensionSender('confirm.html'));
    expect(view.value.reason).toBe('not-seen');
    expect(view.value.usual).toBeUndefined();
  });
});
