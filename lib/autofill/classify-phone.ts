/** Is this field a phone number (or a part of one)? Pure predicates over a snapshot. */
import type { FieldSnapshot } from './field-snapshot';
import {
  addSignal,
  autocompleteField,
  KNOWN_AUTOCOMPLETE,
  NO_MATCH,
  THRESHOLD,
  verdictOf,
  VETO,
  weighWords,
  type Verdict,
  type Vote,
} from './evidence';
import {
  AREA_CODE_WORDS,
  CODE_WORDS,
  COUNTRY_CODE_WORDS,
  NUMBER_FIELD_WORDS,
  OTHER_CODE_WORDS,
  OTHER_FIELD_WORDS,
  PHONE_WORDS,
} from './words';

const PHONE_AUTOCOMPLETE = /^tel(?:-national|-local(?:-prefix|-suffix)?|-area-code)?$/;
/** Phone numbers need 7 digits or more; shorter `type=tel` fields are code boxes or parts. */
const MIN_WHOLE_NUMBER = 7;

/** What one text says about a field being a phone number. */
export function phoneVote(text: string): Vote {
  const phone = PHONE_WORDS.test(text);
  if (COUNTRY_CODE_WORDS.test(text)) return phone ? 0 : VETO;
  if (AREA_CODE_WORDS.test(text)) return 1;
  // "Code sent to your phone" is a code field; "Phone (we text you a code)" is not: others decide.
  if (phone) return CODE_WORDS.test(text) ? 0 : 1;
  if (NUMBER_FIELD_WORDS.test(text) || OTHER_CODE_WORDS.test(text)) return VETO;
  return CODE_WORDS.test(text) || OTHER_FIELD_WORDS.test(text) ? -1 : 0;
}

/** Scores a text input as a phone number field; a score of 0 rules it out. */
export function scorePhoneField(field: FieldSnapshot): Verdict {
  if (field.tag !== 'input' || (field.maxLength !== undefined && field.maxLength < 3)) return NO_MATCH;
  const evidence = weighWords(field, phoneVote);
  const purpose = autocompleteField(field);
  if (PHONE_AUTOCOMPLETE.test(purpose) && !/fax|pager/.test(field.autocomplete.join())) {
    addSignal(evidence, 10, `autocomplete=${purpose}`);
  } else if (KNOWN_AUTOCOMPLETE.test(purpose)) addSignal(evidence, -10, '');
  const wholeNumberFits = field.maxLength === undefined || field.maxLength >= MIN_WHOLE_NUMBER;
  if (field.type === 'tel' && wholeNumberFits) addSignal(evidence, 3, 'type=tel');
  if (field.inputMode === 'tel') addSignal(evidence, 2, 'inputmode=tel');
  if (looksLikePhoneNumber(field.placeholder) && wholeNumberFits) addSignal(evidence, 3, 'placeholder shape');
  return verdictOf(evidence);
}

/** Whether the snapshot is a phone number field. */
export function isPhoneField(field: FieldSnapshot): boolean {
  return scorePhoneField(field).score >= THRESHOLD;
}

/** A sample number in a placeholder: 9+ digits, or 7+ written with `+` or separators. */
export function looksLikePhoneNumber(text: string): boolean {
  const sample = /\+?\(?\d[\d\s().-]{5,}\d/.exec(text)?.[0] ?? '';
  const digits = sample.replace(/\D/g, '').length;
  return digits >= 9 || (digits >= MIN_WHOLE_NUMBER && /[^\d]/.test(sample));
}
