/**
 * Which country's number a phone field can take: the one its page shows.
 *
 * What wins, in order:
 * 1. The country the page shows next to the field or inside it: a flag (its
 *    class, emoji, title or aria-label), a select's chosen option (its ISO
 *    value or country name), or the dial code a widget keeps in its own value
 *    (`+1 `). A dial code shared by several countries (+1, +7) counts as all
 *    of them, so any of them fits.
 * 2. When the shown country has no number in stock: another country the
 *    page's select offers (the filler selects it). A page that shows a country
 *    and offers no choice (a flag, a calling code that cannot be edited) takes
 *    no other country: nothing fits, and nothing is bought.
 * 3. A page that shows no country: every offer fits.
 *
 * Among what fits, `chooseOffer` (lib/engine/account/catalog.ts) takes the user's
 * default country if it is one of them, else the cheapest. So the user's
 * default-country setting decides only where the page leaves the choice
 * open (no country shown, or +1 without a flag); where the page shows a
 * country, the page wins: the user sees it and can change it before the
 * click, and a number of another country would not be what the page shows.
 */
import { getCountries, getCountryCallingCode, type CountryCode } from 'libphonenumber-js';
import type { FieldShape } from './field-shape';

/** The dial code (digits) of an ISO 3166 country, e.g. `US` → `1`; undefined when unknown. */
export function dialCodeOf(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  try {
    return getCountryCallingCode(iso.toUpperCase() as CountryCode);
  } catch {
    return undefined;
  }
}

let callingCodes: Set<string> | undefined;

/**
 * The dial code a text starts with: `+1 (438`, `+447400123456`, `+7`.
 * Country calling codes are prefix-free, so the first 1-3 digits that form
 * one are it.
 */
export function dialCodeAtStart(text: string | undefined): string | undefined {
  const digits = /^\s*\+\s?(\d{1,3})/.exec(text ?? '')?.[1];
  if (!digits) return undefined;
  callingCodes ??= new Set(getCountries().map((iso) => getCountryCallingCode(iso)));
  for (let length = 1; length <= digits.length; length++) {
    if (callingCodes.has(digits.slice(0, length))) return digits.slice(0, length);
  }
  return undefined;
}

/** Languages whose country names are recognised in titles and option texts. */
const NAME_LANGUAGES = ['en', 'de', 'fr', 'es', 'pt', 'it', 'nl', 'ru', 'pl', 'tr'];
let countriesByName: Map<string, string> | undefined;

/** `United States: +1`, `Canada (+1)`, `Deutschland` → the country's ISO code; undefined when no country is named. */
export function countryNamed(text: string | undefined): string | undefined {
  const name = (text ?? '')
    .split(/[:(+]|\s-\s/)[0]!
    .trim()
    .toLowerCase();
  if (!name) return undefined;
  if (!countriesByName) {
    countriesByName = new Map();
    for (const language of NAME_LANGUAGES) {
      const names = new Intl.DisplayNames([language], { type: 'region' });
      for (const iso of getCountries()) countriesByName.set(names.of(iso)!.toLowerCase(), iso);
    }
  }
  return countriesByName.get(name);
}

/** A country as the page states it: by ISO code, or only by dial code. */
interface PageCountry {
  iso?: string;
  dialCode?: string;
}

/** What the page says about the field's country: the one shown, whether the page lets it change, and the alternatives. */
export interface ShownCountry extends PageCountry {
  /** A select: the filler can choose another of its options. */
  settable: boolean;
  offered: PageCountry[];
}

/** Reads the country a field shows (see the rules at the top of this module). */
export function countryShownBy(field: FieldShape | undefined): ShownCountry {
  const control = field?.countryControl;
  const inValue = dialCodeAtStart(field?.valueStart);
  let iso =
    (control?.selectedIso && dialCodeOf(control.selectedIso) ? control.selectedIso : undefined) ?? countryNamed(control?.selectedLabel);
  // A widget's own value is what it submits: it wins over a flag that says otherwise.
  if (iso && inValue && dialCodeOf(iso) !== inValue) iso = undefined;
  const dialCode = iso ? dialCodeOf(iso) : (control?.selectedDialCode ?? inValue);
  const settable = control?.kind === 'select' || (!control?.kind && !!control?.options?.length);
  const offered = (control?.options ?? []).map((option) => {
    const optionIso =
      /^[a-z]{2}$/i.test(option.value) && dialCodeOf(option.value) ? option.value.toUpperCase() : countryNamed(option.label);
    return { iso: optionIso, dialCode: option.dialCode || dialCodeOf(optionIso) };
  });
  return { iso, dialCode, settable, offered };
}

/** Whether an offer (ISO in `flag`) is the page's country: the same ISO, or the same dial code when only that is known. */
function fits(offer: { flag?: string }, country: PageCountry): boolean {
  if (country.iso) return offer.flag?.toUpperCase() === country.iso;
  return !!country.dialCode && dialCodeOf(offer.flag) === country.dialCode;
}

/**
 * The offers a phone field can take (see the rules at the top of this
 * module); empty when the page shows a country none of the offers in stock
 * is. `field` undefined means every offer qualifies.
 */
export function offersForField<T extends { flag?: string; stock?: number }>(offers: readonly T[], field: FieldShape | undefined): T[] {
  const shown = countryShownBy(field);
  if (!shown.iso && !shown.dialCode && shown.offered.every((country) => !country.iso && !country.dialCode)) return [...offers];
  const inStock = offers.filter((offer) => (offer.stock ?? 1) > 0);
  const showing = inStock.filter((offer) => fits(offer, shown));
  if (showing.length > 0) return showing;
  if (shown.settable || (!shown.iso && !shown.dialCode)) {
    const offered = inStock.filter((offer) => shown.offered.some((country) => fits(offer, country)));
    if (offered.length > 0) return offered;
  }
  return shown.iso || shown.dialCode ? [] : [...offers];
}
