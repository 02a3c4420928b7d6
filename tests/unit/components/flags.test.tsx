import { renderToStaticMarkup } from 'react-dom/server';
import { beforeEach, describe, expect, it } from 'vitest';
import { Flag } from '../../../components/common/Flag';
import { CountryPicker } from '../../../components/popup/CountryPicker';
import { OrderCard } from '../../../components/popup/OrderCard';
import type { Offer } from '../../../lib/ui/countries';
import { flagPath } from '../../../lib/ui/flags';
import { useEnglish } from './english';
import { storedOrder } from '../state/stored-order';

/** Regional indicator letters: what an emoji flag is made of (two boxes or two letters where no emoji font draws them). */
const EMOJI_FLAG = /[\u{1F1E6}-\u{1F1FF}]/u;

beforeEach(useEnglish);

const offer = (id: number, name: string, flag?: string): Offer => ({
  id,
  name,
  price: 0.4,
  stock: 10,
  currency: 'USD',
  ...(flag ? { flag } : {}),
});

describe('flagPath', () => {
  it("is the extension's own file for a country the package draws, in either case", () => {
    expect(flagPath('US')).toBe('/flags/US.svg');
    expect(flagPath('vn')).toBe('/flags/VN.svg');
  });
  it('is nothing for a code that is not a drawn country: the value comes from the API and goes into a URL', () => {
    for (const bad of [undefined, null, '', 'USA', 'ZZ', '1A', '../', 'GB-ENG', 'U"', '"><img src=x onerror=alert(1)>'])
      expect(flagPath(bad)).toBeNull();
  });
});

describe('Flag', () => {
  it('is an image with its ISO code as alt text, hidden from screen readers (the name is written next to it)', () => {
    const html = renderToStaticMarkup(<Flag iso2="br" />);
    expect(html).toMatch(/^<img /);
    expect(html).toContain('src="/flags/BR.svg"');
    expect(html).toContain('alt="BR"');
    expect(html).toContain('aria-hidden="true"');
  });
  it('is an empty box of the same size when there is no flag, never the text it was given', () => {
    const html = renderToStaticMarkup(<Flag iso2={'"><script>alert(1)</script>'} />);
    expect(html).toBe('<span class="flag" aria-hidden="true"></span>');
  });
});

describe('flags in the popup', () => {
  it('the country picker draws each country with an image flag, not an emoji', () => {
    const html = renderToStaticMarkup(
      <CountryPicker
        offers={[offer(187, 'USA', 'US'), offer(5, 'Indonesia', 'ID'), offer(999, 'Atlantis')]}
        defaultCountry={null}
        maxPrice={null}
        selected={null}
        onSelect={() => {}}
      />,
    );
    expect(html).toContain('<img class="flag" src="/flags/US.svg" alt="US"');
    expect(html).toContain('<img class="flag" src="/flags/ID.svg" alt="ID"');
    expect(html.match(/<img /g)).toHaveLength(2); // Atlantis: no flag, no broken image
    expect(html).not.toMatch(EMOJI_FLAG);
  });
  it("an active order's card names its country with an image flag, not an emoji", () => {
    const order = storedOrder({ country: 9, number: '+84901234567', cost: 0.2, rawStatus: 'waiting', createdAt: 0, autoCancelAt: null });
    // Vietnam from the spec's table: no country list loaded (the popup's first frame).
    const html = renderToStaticMarkup(
      <OrderCard order={order} serviceName="WhatsApp" countries={new Map()} now={0} currency="USD" focus={false} />,
    );
    expect(html).toContain('<img class="flag" src="/flags/VN.svg" alt="VN"');
    expect(html).toContain('Vietnam');
    expect(html).not.toMatch(EMOJI_FLAG);
  });
});
