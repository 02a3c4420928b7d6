import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { reasonText } from '../../../components/confirm/ConfirmApp';
import { Onboarding } from '../../../components/popup/Onboarding';
import type { ConfirmationView } from '../../../lib/messaging/protocol';
import { useEnglish } from './english';

beforeEach(useEnglish);
afterEach(() => vi.unstubAllGlobals());

/** The option the first run's country choice starts on. */
function preselected(languages: string[]): string {
  vi.stubGlobal('navigator', { languages });
  const html = renderToStaticMarkup(<Onboarding onSaved={() => {}} />);
  const select = /<select[^>]*>([\s\S]*?)<\/select>/.exec(html)![1]!;
  return /<option value="[^"]*" selected="">([^<]*)<\/option>/.exec(select)?.[1] ?? '(none)';
}

describe('first run: the usual country, suggested from the browser', () => {
  it("preselects the country of the browser's language and region", () => {
    expect(preselected(['pt-BR', 'pt'])).toBe('Brazil');
    expect(preselected(['id'])).toBe('Indonesia');
    expect(preselected(['vi'])).toBe('Vietnam');
  });
  it('falls back to the browser UI language, then to none (the cheapest, as before)', () => {
    expect(preselected([])).toBe('USA'); // i18n.getUILanguage: en-US
    vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('ja');
    expect(preselected(['ja'])).toBe('None (list by price)');
  });
});

describe('the confirmation window says why, when the reason is the price', () => {
  const view: ConfirmationView = {
    serviceName: 'WhatsApp',
    countryName: 'Canada',
    price: 1.8,
    currency: 'USD',
    site: 'whatsapp.com',
    topSite: null,
    reason: 'price',
    rental: false,
    expiresAt: 0,
  };
  it('names the usual country and both prices', () => {
    expect(reasonText({ ...view, usual: { countryName: 'USA', price: 0.43, isDefault: true } })).toBe(
      'This page chose Canada at $1.80; your usual country, USA, costs $0.43.',
    );
  });
  it('names the cheapest number when no usual country is set, and where to set one', () => {
    expect(reasonText({ ...view, usual: { countryName: 'Kenya', price: 0.06, isDefault: false } })).toBe(
      'This page chose Canada at $1.80; the cheapest number, from Kenya, costs $0.06. Set your usual country in the options to be asked less often.',
    );
  });
});
