import { getCountryCallingCode, type CountryCode } from 'libphonenumber-js';

/** The dial code (digits) of an ISO 3166 country, e.g. `US` → `1`; undefined when unknown. */
export function dialCodeOf(iso: string | undefined): string | undefined {
  if (!iso) return undefined;
  try {
    return getCountryCallingCode(iso.toUpperCase() as CountryCode);
  } catch {
    return undefined;
  }
}

/**
 * The offers a page can take: a phone field next to a country control accepts numbers of the
 * country it shows (or at least of one it offers). Without a control, every offer fits.
 */
export function offersForField<T extends { flag?: string }>(offers: readonly T[], control: { selectedDialCode?: string; options?: { dialCode: string }[] } | undefined): T[] {
  if (!control) return [...offers];
  const selected = control.selectedDialCode;
  if (selected) {
    const matching = offers.filter((o) => dialCodeOf(o.flag) === selected);
    if (matching.length > 0) return matching;
  }
  const offered = new Set((control.options ?? []).map((o) => o.dialCode).filter(Boolean));
  const possible = offers.filter((o) => offered.has(dialCodeOf(o.flag) ?? ''));
  return possible.length > 0 ? possible : [...offers];
}
