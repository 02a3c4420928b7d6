/** Is this field where the SMS code goes? Pure predicates over a snapshot. */
import type { FieldSnapshot } from './field-snapshot';
import {
  addSignal,
  autocompleteField,
  KNOWN_AUTOCOMPLETE,
  NO_MATCH,
  normalizedTexts,
  THRESHOLD,
  verdictOf,
  VETO,
  WEAK,
  weighWords,
  type Evidence,
  type Verdict,
  type Vote,
} from './evidence';
import {
  AREA_CODE_WORDS,
  CODE_WORDS,
  COUNTRY_CODE_WORDS,
  EMAIL_WORDS,
  EXTENSION_WORDS,
  NAMED_CODE_WORDS,
  NUMBER_FIELD_WORDS,
  ONE_TIME_CODE_WORDS,
  VERIFY_WORDS,
  OTHER_CODE_WORDS,
  OTHER_FIELD_WORDS,
  PHONE_WORDS,
  POSTAL_PIN_WORDS,
  SENT_CODE_WORDS,
} from './words';

/** Sizes of codes sent by SMS. */
const MIN_CODE = 4;
const MAX_CODE = 8;
/** `\d{6}`, `[0-9]*`, `[0-9]{4,8}`: a digits-only pattern. */
const DIGITS_PATTERN = /^\^?(?:\\d|\[0-9\])(?:[*+]|\{\d+(?:,\d*)?\})?\$?$/;
/** A placeholder drawn like a code: `123456`, `••••••`, `_ _ _ _`, `XXXX`, `000-000`. */
const CODE_SHAPED = /^(?:\d[\s-]?){4,8}$|^([•·*_xX0-9-])(?:\s?\1){3,7}$/;
/** "SMS number" is a phone number. */
const SMS_NUMBER = /\bsms.{0,12}(?:number|num[eé]ro|nummer|n[uú]mero|номер)/;
/** Says the code comes by SMS or to the phone: a code "sent to your e-mail" does not. */
const BY_PHONE = /\bsms\b|\btext/;

/**
 * What one text says about a field receiving an SMS code. Specific words
 * (one-time, verification, SMS, a code "sent to your phone") are strong; a
 * bare "code" or "PIN" is weak. Never an SMS code: captchas, vouchers,
 * recovery codes, cards, postcodes, country codes, codes naming something
 * else (activation keys, user or access codes) unless the text says the code
 * is sent, and codes sent by e-mail.
 */
export function codeVote(text: string): Vote {
  if (OTHER_CODE_WORDS.test(text) || NUMBER_FIELD_WORDS.test(text)) return VETO;
  if (COUNTRY_CODE_WORDS.test(text) || AREA_CODE_WORDS.test(text) || EXTENSION_WORDS.test(text)) return VETO;
  const coded = CODE_WORDS.test(text);
  const phone = PHONE_WORDS.test(text);
  const verifies = VERIFY_WORDS.test(text);
  const oneTime = (ONE_TIME_CODE_WORDS.test(text) && !SMS_NUMBER.test(text)) || (coded && (phone || verifies));
  if (NAMED_CODE_WORDS.test(text) && !oneTime) return VETO;
  if (EMAIL_WORDS.test(text) && !phone && !BY_PHONE.test(text)) return oneTime || coded ? VETO : -1;
  if (oneTime) return 1;
  if (phone || OTHER_FIELD_WORDS.test(text)) return -1;
  return coded || verifies ? WEAK : 0;
}

/**
 * Scores a text (or password) input as an SMS-code field; 0 rules it out.
 * Shape (length, numeric keyboard, pattern) only adds to words or
 * autocomplete: a short numeric field alone is as likely a postcode. Where
 * a payment card is asked for, and in password inputs, only a strong signal
 * qualifies: a bare "Security code" there is the card's, a bare "PIN" the
 * account's; on an address form a "PIN code" is India's postal code. A form
 * with no phone field and no word of a code being sent has no SMS step: its
 * "Verification code" is a captcha.
 */
export function scoreCodeField(field: FieldSnapshot): Verdict {
  if (field.tag !== 'input' || (field.maxLength !== undefined && field.maxLength < MIN_CODE)) return NO_MATCH;
  const evidence = weighWords(field, codeVote);
  addCodeSignals(evidence, field);
  addCodeShape(evidence, field);
  if (!evidence.strong && (field.cardForm || field.type === 'password')) return NO_MATCH;
  if (!evidence.strong && field.addressForm && normalizedTexts(field).some((text) => POSTAL_PIN_WORDS.test(text))) return NO_MATCH;
  if (field.type === 'password' && !namesCode(field)) return NO_MATCH;
  if (field.smsContext === false && !saysSent(field)) return NO_MATCH;
  return verdictOf(evidence, true);
}

/**
 * The field itself says its code is one sent to the user (one-time, SMS,
 * "sent to", a phone, autocomplete): enough without a phone field or an SMS
 * step around it. A bare "Verification code" is not: alone on a form, it is
 * as likely a captcha.
 */
function saysSent(field: FieldSnapshot): boolean {
  return (
    autocompleteField(field) === 'one-time-code' ||
    normalizedTexts(field).some((text) => SENT_CODE_WORDS.test(text) || PHONE_WORDS.test(text))
  );
}

/**
 * Scores the first box of a row of single-character boxes: the row itself is
 * strong evidence, words can still rule it out (a captcha in boxes). Masked
 * (password) boxes also need a word: a row of them is as likely a PIN to set.
 */
export function scoreSplitCodeBoxes(first: FieldSnapshot, boxes: number): Verdict {
  if (boxes < MIN_CODE || boxes > MAX_CODE) return NO_MATCH;
  const evidence = weighWords(first, codeVote);
  addSignal(evidence, 4, `${boxes} boxes`);
  addCodeSignals(evidence, first);
  return verdictOf(evidence, first.type === 'password');
}

/** A password input is a code only if it says code (`Confirm password` verifies, but is no code). */
function namesCode(field: FieldSnapshot): boolean {
  return (
    autocompleteField(field) === 'one-time-code' ||
    normalizedTexts(field).some((text) => CODE_WORDS.test(text) || ONE_TIME_CODE_WORDS.test(text))
  );
}

/** Whether the snapshot is a single SMS-code field. */
export function isCodeField(field: FieldSnapshot): boolean {
  return scoreCodeField(field).score >= THRESHOLD;
}

/** Autocomplete and a captcha image next to the field. */
function addCodeSignals(evidence: Evidence, field: FieldSnapshot): void {
  const purpose = autocompleteField(field);
  if (purpose === 'one-time-code') {
    addSignal(evidence, 10, 'autocomplete=one-time-code');
    evidence.worded = evidence.strong = true;
  } else if (KNOWN_AUTOCOMPLETE.test(purpose)) addSignal(evidence, -10, '');
  if (field.nearImage) addSignal(evidence, -8, '');
}

function addCodeShape(evidence: Evidence, field: FieldSnapshot): void {
  const { maxLength } = field;
  if (maxLength !== undefined && maxLength <= MAX_CODE) addSignal(evidence, 1, `maxlength=${maxLength}`);
  if (field.inputMode === 'numeric' || field.type === 'number') addSignal(evidence, 1, 'numeric');
  if (DIGITS_PATTERN.test(field.pattern)) addSignal(evidence, 1, 'pattern');
  if (CODE_SHAPED.test(field.placeholder)) addSignal(evidence, 1, 'placeholder shape');
}
