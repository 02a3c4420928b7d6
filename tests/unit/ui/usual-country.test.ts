import { describe, expect, it } from 'vitest';
import { countryChoices } from '../../../lib/ui/countries';
import { regionOfLanguage, suggestCountry } from '../../../lib/ui/usual-country';

// What the options and the first run choose from before any country list was loaded.
const table = countryChoices(new Map());
const idOf = (name: string) => table.find((c) => c.name === name)!.id;

describe('regionOfLanguage', () => {
  it('takes the region a tag names', () => {
    expect(regionOfLanguage('pt-BR')).toBe('BR');
    expect(regionOfLanguage('en-GB')).toBe('GB');
    expect(regionOfLanguage('zh_CN')).toBe('CN'); // the extension's own locale names use "_"
  });
  it('takes the region where a bare language is most used', () => {
    expect(regionOfLanguage('id')).toBe('ID');
    expect(regionOfLanguage('vi')).toBe('VN');
    expect(regionOfLanguage('ru')).toBe('RU');
    expect(regionOfLanguage('pt')).toBe('BR');
  });
  it('gives nothing for a tag that does not parse or names no country', () => {
    expect(regionOfLanguage('')).toBeNull();
    expect(regionOfLanguage('not a tag!')).toBeNull();
    expect(regionOfLanguage('es-419')).toBeNull(); // Latin America: a region, not a country
  });
});

describe('suggestCountry', () => {
  it("maps the browser's language and region to the API's country by ISO code", () => {
    expect(suggestCountry(['pt-BR', 'pt'], table)).toBe(idOf('Brazil'));
    expect(suggestCountry(['id'], table)).toBe(idOf('Indonesia'));
    expect(suggestCountry(['vi-VN', 'vi'], table)).toBe(idOf('Vietnam'));
    expect(suggestCountry(['en-US'], table)).toBe(187);
    expect(suggestCountry(['en-GB'], table)).toBe(28);
  });
  it('follows the order of preference, skipping languages whose country is not in the list', () => {
    // China is not in the spec's table: the next language decides.
    expect(suggestCountry(['zh-CN', 'en-US'], table)).toBe(187);
    expect(suggestCountry(['es-419', 'es-MX', 'es'], table)).toBe(idOf('Spain'));
    // ...but a loaded list with Mexico has it.
    const loaded = countryChoices(new Map([[54, { name: 'Mexico', flag: 'MX' }]]));
    expect(suggestCountry(['es-419', 'es-MX', 'es'], loaded)).toBe(54);
  });
  it("uses the spec table's id where the API lists a country twice", () => {
    const loaded = countryChoices(new Map([[0, { name: 'Russia', flag: 'RU' }]]));
    expect(suggestCountry(['ru-RU'], loaded)).toBe(1);
  });
  it('suggests nothing when no language fits a country of the list', () => {
    expect(suggestCountry([], table)).toBeNull();
    expect(suggestCountry(['zh-CN', 'ja'], table)).toBeNull();
    expect(suggestCountry(['pt-BR'], [{ id: 1 }])).toBeNull(); // a country with no ISO code matches nothing
  });
});
