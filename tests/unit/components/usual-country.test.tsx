import { renderToStaticMarkup } from 'react-dom/server';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { Onboarding } from '../../../components/popup/Onboarding';
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
