/**
 * The control that picks a phone number's country: a `<select>` of dial codes,
 * a short country-code input, or a custom dropdown showing a flag or `+N`.
 */
import { addSignal, autocompleteField, NO_MATCH, verdictOf, weighWords, type Verdict, type Vote } from './evidence';
import { isVisible, readableText, type FieldSnapshot, type SelectOption } from './field-snapshot';
import { COUNTRY_CODE_WORDS, PHONE_WORDS } from './words';

export interface DialCodeOption {
  value: string;
  /** Digits only (`44`); empty when the option shows none (an ISO code or a name). */
  dialCode: string;
  label: string;
}

export interface CountryControl {
  kind: 'select' | 'input' | 'custom';
  element: HTMLElement;
  /** Absent for custom dropdowns, which are not form controls. */
  snapshot?: FieldSnapshot;
  score: number;
  reason: string;
  /** Digits of the dial code currently shown or selected. */
  selectedDialCode?: string;
  /** ISO 3166 code of the country shown (a flag's class or emoji, an option's value), upper case. */
  selectedIso?: string;
  /** The selected option's text, or the trigger's title or aria-label (`United States: +1`). */
  selectedLabel?: string;
  /** Selects only: the options the filler may choose from. */
  options?: DialCodeOption[];
}

/** `+44`, `(+44)`, `+1-264`, `0044`: the first dial code in a text. */
const DIAL_CODE = /(?:^|[^\w+])(?:\+\s?|00)([1-9]\d{0,3})(?!\d)/;
/** A dropdown trigger shows little more than a flag and the code: `🇺🇸 +1 ▾`, `US +1`. */
const TRIGGER_TEXT = /^[^+\d]{0,12}\+\s?([1-9]\d{0,3})\D{0,3}$/;
const FLAG = /flag|[\u{1F1E6}-\u{1F1FF}]{2}/u;
/** Two regional-indicator letters: a flag emoji. */
const FLAG_EMOJI = /([\u{1F1E6}-\u{1F1FF}])([\u{1F1E6}-\u{1F1FF}])/u;
/** Class names of flag sprites: `iti__us`, `flag-icon-us`, `fi-us`, `flag-us`, `vti__flag-us`. */
const FLAG_CLASS = /^(?:iti__|flag-icon-|fi-|flag-|vti__flag-|country-)([a-z]{2})$/i;
/** A bare country code beside a `flag` class (`flag us`); `fi` is the flag-icons base class, not Finland. */
const BARE_ISO = /^(?!fi$)[a-z]{2}$/i;
const TRIGGERS = 'button,[role=combobox],[role=button],[aria-haspopup],[class*=flag],[class*=dial],[class*=country]';
/** Elements a box around the phone field may hold and still be searched for its country dropdown. */
const MAX_BOX_ELEMENTS = 3_000;
const COUNTRY = /country|land|pays|pa[ií]s|paese|стран|国家|国|국가/;

/** Digits of the dial code written in a text, if any. */
export function parseDialCode(text: string): string | undefined {
  return DIAL_CODE.exec(text)?.[1];
}

/**
 * A select's options with the dial code each one shows (in its text or
 * value). Bare digits (`44`) count only in the values of a select known to
 * pick a dial code (`digitValues`): elsewhere they are as likely ids or days.
 */
export function dialCodeOptions(options: SelectOption[], digitValues = false): DialCodeOption[] {
  return options
    .filter((option) => option.value || option.text)
    .map((option) => ({
      value: option.value,
      dialCode:
        parseDialCode(option.text) ?? parseDialCode(option.value) ?? (digitValues ? /^[1-9]\d{0,3}$/.exec(option.value)?.[0] : '') ?? '',
      label: option.text,
    }));
}

/** What one text says about a field choosing the phone's country. */
export function countryVote(text: string): Vote {
  return COUNTRY_CODE_WORDS.test(text) || (PHONE_WORDS.test(text) && COUNTRY.test(text)) ? 1 : 0;
}

/**
 * Scores a select or input as a phone country-code control: a select whose
 * options are mostly dial codes, `autocomplete=tel-country-code`, or words
 * (a country-code input must also be short).
 */
export function scoreCountryCodeField(field: FieldSnapshot): Verdict {
  if (field.tag === 'input' && field.maxLength !== undefined && field.maxLength > 7) return NO_MATCH;
  const evidence = weighWords(field, countryVote);
  if (autocompleteField(field) === 'tel-country-code') {
    addSignal(evidence, 10, 'autocomplete=tel-country-code');
    evidence.worded = true;
  }
  if (field.options) {
    const options = dialCodeOptions(field.options);
    const coded = options.filter((option) => option.dialCode).length;
    if (coded >= 3 && coded >= options.length / 2) {
      addSignal(evidence, 6, 'dial-code options');
      evidence.worded = true;
    }
  } else {
    if (field.maxLength !== undefined) addSignal(evidence, 1, 'short');
    if (/^\+?\d{1,4}$/.test(field.placeholder)) addSignal(evidence, 2, 'placeholder shape');
  }
  return verdictOf(evidence, true);
}

/**
 * A custom country dropdown near a phone input: a button-like element within
 * three levels up (not beyond the form) showing `+N` (in its text, title or
 * aria-label) or a flag. At each level, one showing a code wins over a bare
 * flag, so that the selected code is known.
 */
export function findCustomCountryControl(phone: HTMLElement): CountryControl | undefined {
  let box = phone.parentElement;
  for (let depth = 0; box && depth < 3; depth++, box = box.parentElement) {
    // A box this large is the page around the field (a feed's thousand buttons), not its row.
    if (box.getElementsByTagName('*').length > MAX_BOX_ELEMENTS) break;
    let flagOnly: HTMLElement | undefined;
    for (const candidate of Array.from(box.querySelectorAll<HTMLElement>(TRIGGERS))) {
      if (candidate.contains(phone) || /^(?:input|select)$/.test(candidate.localName)) continue;
      // What it shows first, visibility (a layout query) only for those that show a code or a flag.
      const text = readableText(candidate, 40);
      const title = candidate.title || (candidate.getAttribute('aria-label') ?? '');
      const dialCode = TRIGGER_TEXT.exec(text)?.[1] ?? parseDialCode(title);
      const flag = !dialCode && !flagOnly && FLAG.test(`${candidate.getAttribute('class') ?? ''} ${text}`);
      if ((!dialCode && !flag) || !isVisible(candidate)) continue;
      if (dialCode)
        return {
          kind: 'custom',
          element: candidate,
          score: 4,
          reason: 'shows +code',
          selectedDialCode: dialCode,
          ...countryOfTrigger(candidate, text, title),
        };
      flagOnly = candidate;
    }
    if (flagOnly) {
      const shown = countryOfTrigger(flagOnly, readableText(flagOnly, 40), flagOnly.title || (flagOnly.getAttribute('aria-label') ?? ''));
      return { kind: 'custom', element: flagOnly, score: 3, reason: 'shows flag', ...shown };
    }
    if (box.localName === 'form') break;
  }
  return undefined;
}

/**
 * The country a dropdown trigger shows: the ISO code of its flag (emoji, or
 * a flag sprite's class on it or inside it), and its title or aria-label,
 * which the background can read as a country name.
 */
export function countryOfTrigger(trigger: Element, text: string, title: string): { selectedIso?: string; selectedLabel?: string } {
  const shown: { selectedIso?: string; selectedLabel?: string } = {};
  const iso = flagEmojiIso(text) ?? flagClassIso(trigger);
  if (iso) shown.selectedIso = iso;
  if (title) shown.selectedLabel = title.slice(0, 80);
  return shown;
}

/** `🇺🇸` → `US`. */
export function flagEmojiIso(text: string): string | undefined {
  const pair = FLAG_EMOJI.exec(text);
  return pair ? String.fromCharCode(pair[1]!.codePointAt(0)! - 0x1f1a5, pair[2]!.codePointAt(0)! - 0x1f1a5) : undefined;
}

/** The country of a flag on the trigger or inside it: a `data-country` code, prefixed sprite classes, then a bare code beside `flag`. */
function flagClassIso(trigger: Element): string | undefined {
  const elements = [trigger, ...Array.from(trigger.querySelectorAll('[class]')).slice(0, 20)];
  const named = elements.map((element) => element.getAttribute('data-country') ?? '').find((value) => /^[a-z]{2}$/i.test(value));
  if (named) return named.toUpperCase();
  const tokens = elements.map((element) => Array.from(element.classList));
  for (const list of tokens) {
    for (const token of list) {
      const iso = FLAG_CLASS.exec(token)?.[1];
      if (iso) return iso.toUpperCase();
    }
  }
  for (const list of tokens) {
    if (list.some((token) => /flag/i.test(token))) {
      const bare = list.find((token) => BARE_ISO.test(token));
      if (bare) return bare.toUpperCase();
    }
  }
  return undefined;
}
