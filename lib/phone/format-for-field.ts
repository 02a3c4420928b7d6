/**
 * Writes a bought number (E.164) the way a page's phone field expects it.
 * Runs in the background: libphonenumber-js never ships in content scripts.
 */
import { parsePhoneNumberFromString, type PhoneNumber } from 'libphonenumber-js';
import { countryNamed, dialCodeAtStart, dialCodeOf } from './country-for-field';
import type { CountryOption, FieldShape } from './field-shape';

export interface FormattedNumber {
  value: string;
  /** The country option to select first, when the page has a country select. */
  countryOption?: string;
}

/** Ways to write one number. */
interface NumberForms {
  /** `+447400123456` */
  e164: string;
  /** `+44 7400 123456` */
  international: string;
  /** `447400123456` */
  internationalDigits: string;
  /** `07400 123456`, `(201) 555-0123`: the national format, with any trunk prefix. */
  national: string;
  /** `07400123456` */
  nationalDigits: string;
  /** `7400 123456`: the international format without the country code. */
  subscriber: string;
  /** `7400123456`: the national significant number. */
  subscriberDigits: string;
}
type FormName = keyof NumberForms;

/** Fields shorter than this hold a part of a number, not a whole one (as in lib/autofill/classify-phone.ts). */
const MIN_WHOLE_NUMBER = 7;

/** A sample number in a placeholder, where masks may draw digits as `_`, `X`, `#`. */
const PLACEHOLDER_SAMPLE = /(?:\+|\b00)?\(?[\d_xX#][\d_xX#\s().-]{5,}[\d_xX#]/;

/**
 * Chooses how to write `e164` into a phone field: the international form
 * into a widget that keeps the dial code in its own value (its value, or
 * its placeholder next to a flag dropdown, starts with `+` and a dial code:
 * national digits there would be read as a country code, `438…` as Austria);
 * national digits when the page picks the country (choosing the matching
 * option of a country select when there is one); the full international
 * form otherwise. Then the form the placeholder shows, and one that fits
 * `maxLength` and `pattern` (dropping `+` and the country code when the
 * international form does not fit).
 *
 * @throws TypeError when `e164` is not a valid phone number.
 */
export function formatNumberForField(e164: string, target: FieldShape): FormattedNumber {
  const phone = parsePhoneNumberFromString(e164);
  if (!phone?.isPossible()) throw new TypeError('not an E.164 number');
  const forms = numberForms(phone);
  const country = chooseCountry(phone, target.countryControl);
  // A number split over boxes (no whole number fits a box this short: it is the first of them). The
  // page side spreads the number (lib/autofill/split-number.ts); the international form's spaces
  // mark its dial and area codes, the national form's its trunk prefix when the boxes take it.
  if (target.partLengths || (target.maxLength !== undefined && target.maxLength < MIN_WHOLE_NUMBER)) {
    const value = boxesTakeTrunk(forms, target.partLengths) ? forms.national : forms.international;
    return country.option === undefined ? { value } : { value, countryOption: country.option };
  }
  const sample = placeholderSample(target.placeholder ?? '');
  const order = keepsDialCode(target) ? internationalForms(sample) : preferredForms(country.pageHasCountry, sample, forms);
  const value = order.map((name) => forms[name]).find((candidate) => fitsField(candidate, target)) ?? forms[order[0]!];
  return country.option === undefined ? { value } : { value, countryOption: country.option };
}

/**
 * Whether the boxes of a split number hold the national form with its trunk prefix: every box's
 * length known, and together as long as that form and not as the number without it (3/3/4 boxes
 * take a Thai `081 234 5678` with its 0, a US `201 555 0123` as it is).
 */
function boxesTakeTrunk(forms: NumberForms, lengths: readonly number[] | undefined): boolean {
  if (!lengths?.length || lengths.includes(0) || forms.nationalDigits === forms.subscriberDigits) return false;
  return lengths.reduce((sum, length) => sum + length, 0) === forms.nationalDigits.length;
}

function numberForms(phone: PhoneNumber): NumberForms {
  const international = phone.formatInternational();
  const national = phone.formatNational();
  return {
    e164: phone.number,
    international,
    internationalDigits: phone.number.slice(1),
    national,
    nationalDigits: national.replace(/\D/g, ''),
    subscriber: international.replace(/^\+\d+\s*/, ''),
    subscriberDigits: phone.nationalNumber,
  };
}

/**
 * Whether the page sets the country itself, and which option to select:
 * the option with the number's dial code (for shared codes like +1, the one
 * naming the number's country), or the option whose value is the country's
 * ISO code. When nothing matches, the page gets the international form.
 */
function chooseCountry(phone: PhoneNumber, control: FieldShape['countryControl']): { pageHasCountry: boolean; option?: string } {
  if (!control) return { pageHasCountry: false };
  const iso = (phone.country ?? '').toLowerCase();
  const namesCountry = (option: CountryOption) =>
    !!iso && (option.value.toLowerCase() === iso || new RegExp(`\\b${iso}\\b`, 'i').test(option.label));
  const options = control.options ?? [];
  const sameCode = options.filter((option) => option.dialCode === phone.countryCallingCode);
  const option = sameCode.find(namesCountry) ?? sameCode[0] ?? options.find((candidate) => !candidate.dialCode && namesCountry(candidate));
  if (option) return { pageHasCountry: true, option: option.value };
  const shownIso = control.selectedIso ?? countryNamed(control.selectedLabel);
  return { pageHasCountry: (dialCodeOf(shownIso) ?? control.selectedDialCode) === phone.countryCallingCode };
}

/**
 * The widget holds the dial code itself: its value starts with `+code`
 * (react-phone-input-2, react-international-phone), or its placeholder does
 * and no select or code input carries the code beside it (intl-tel-input
 * outside national mode). A sample `+44 …` next to a dial-code select only
 * illustrates.
 */
function keepsDialCode(target: FieldShape): boolean {
  if (dialCodeAtStart(target.valueStart)) return true;
  const kind = target.countryControl?.kind;
  return kind !== 'select' && kind !== 'input' && !target.countryControl?.options?.length && !!dialCodeAtStart(target.placeholder);
}

/** International forms first, spaced like the placeholder; national ones only as a last resort for a short field. */
function internationalForms(sample: string): FormName[] {
  const separated = /[^\d_xX#]/.test(sample.replace(/^\+/, ''));
  const hinted: FormName[] = separated ? ['international', 'e164'] : ['e164', 'international'];
  return [...hinted, 'internationalDigits', 'national', 'nationalDigits', 'subscriberDigits'];
}

/**
 * Forms in order of preference: a form drawn exactly like the placeholder
 * first, then by what the placeholder hints (international, separators,
 * trunk prefix), then shorter fallbacks. With the country set by the page,
 * only national forms qualify.
 */
function preferredForms(pageHasCountry: boolean, sample: string, forms: NumberForms): FormName[] {
  const international = /^(?:\+|00)/.test(sample);
  const separated = /[^\d_xX#]/.test(sample.replace(/^\+/, ''));
  const trunk = forms.nationalDigits !== forms.subscriberDigits && sample.startsWith(forms.nationalDigits[0]!);
  let hinted: FormName[];
  if (pageHasCountry) {
    hinted = trunk ? ['national', 'nationalDigits'] : [];
    hinted.push(...(separated ? (['subscriber', 'subscriberDigits'] as const) : (['subscriberDigits', 'subscriber'] as const)));
  } else if (!sample || international) {
    hinted = separated ? ['international', 'e164', 'internationalDigits'] : ['e164', 'international', 'internationalDigits'];
  } else {
    hinted = separated ? ['national', 'nationalDigits'] : ['nationalDigits', 'national'];
  }
  const allowed: FormName[] = [...hinted, 'national', 'nationalDigits', 'subscriberDigits'];
  const sameShape = sample ? allowed.filter((name) => shapeOf(forms[name]) === shapeOf(sample)) : [];
  return [...new Set([...sameShape, ...allowed])];
}

/** The sample number a placeholder shows (`(201) 555-0123`, `+7 (___) ___-__-__`), or ''. */
function placeholderSample(placeholder: string): string {
  return PLACEHOLDER_SAMPLE.exec(placeholder)?.[0] ?? '';
}

/** Digits and digit placeholders as `9`, separators kept. */
function shapeOf(text: string): string {
  return text.replace(/[\d_xX#]/g, '9');
}

function fitsField(value: string, { maxLength, pattern }: FieldShape): boolean {
  if (maxLength !== undefined && maxLength >= 0 && value.length > maxLength) return false;
  return !pattern || matchesPattern(value, pattern);
}

/** HTML `pattern` semantics: the whole value matches, `v` flag; an invalid pattern constrains nothing. */
function matchesPattern(value: string, pattern: string): boolean {
  try {
    return new RegExp(`^(?:${pattern})$`, 'v').test(value);
  } catch {
    return true;
  }
}
