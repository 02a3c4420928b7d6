/** Is this field a phone number (or a part of one)? Pure predicates over a snapshot. */
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
  type Verdict,
  type Vote,
} from './evidence';
import {
  AREA_CODE_WORDS,
  CODE_WORDS,
  COUNTRY_CODE_WORDS,
  EXTENSION_WORDS,
  NAMED_CODE_WORDS,
  NUMBER_FIELD_WORDS,
  OTHER_CODE_WORDS,
  OTHER_FIELD_WORDS,
  OTHER_LOGIN_WORDS,
  PHONE_WORDS,
  WEAK_PHONE_WORDS,
} from './words';

const PHONE_AUTOCOMPLETE = /^tel(?:-national|-local(?:-prefix|-suffix)?|-area-code)?$/;
/** Phone numbers need 7 digits or more; shorter `type=tel` fields are code boxes or parts. */
const MIN_WHOLE_NUMBER = 7;
/** Identity-number masks that look like numbers: CPF `000.000.000-00`, CNPJ `00.000.000/0000-00`, SSN `000-00-0000`. */
const ID_MASKS = /\d{3}\.\d{3}\.\d{3}-\d{2}|\d{2}\.\d{3}\.\d{3}\/\d{4}-\d{2}|\b\d{3}-\d{2}-\d{4}\b/;

/**
 * What one text says about a field being a phone number. "Cell" and "ph"
 * alone are weak: they also name spreadsheet cells and pH values. An
 * extension (`phone1ext`, "Ext.") is dialled after the number: never one.
 */
export function phoneVote(text: string): Vote {
  if (EXTENSION_WORDS.test(text)) return VETO;
  const phone = PHONE_WORDS.test(text);
  if (COUNTRY_CODE_WORDS.test(text)) return phone ? 0 : VETO;
  if (AREA_CODE_WORDS.test(text)) return 1;
  // "Code sent to your phone" is a code field; "Phone (we text you a code)" is not: others decide.
  if (phone) return CODE_WORDS.test(text) ? 0 : PHONE_WORDS.test(text.replace(WEAK_PHONE_WORDS, ' ')) ? 1 : WEAK;
  if (NUMBER_FIELD_WORDS.test(text) || OTHER_CODE_WORDS.test(text) || NAMED_CODE_WORDS.test(text)) return VETO;
  return CODE_WORDS.test(text) || OTHER_FIELD_WORDS.test(text) ? -1 : 0;
}

/**
 * Scores a text input as a phone number field; a score of 0 rules it out.
 * `type=tel`, `inputmode=tel` and a number-shaped placeholder are weak
 * signals (contract numbers, codes and tax ids use them too). A label naming
 * another field (username, e-mail, name) rules the field out whatever its
 * name attribute says: the user sees the label. A field taking a phone
 * number or another login (`Email or phone`) is offered only outside sign-in
 * forms: a new number has no account to sign in to.
 */
export function scorePhoneField(field: FieldSnapshot): Verdict {
  if (field.tag !== 'input' || field.type === 'password' || (field.maxLength !== undefined && field.maxLength < 3)) return NO_MATCH;
  const evidence = weighWords(field, phoneVote, { labelDecides: true });
  const purpose = autocompleteField(field);
  if (PHONE_AUTOCOMPLETE.test(purpose) && !/fax|pager/.test(field.autocomplete.join())) {
    addSignal(evidence, 10, `autocomplete=${purpose}`);
    evidence.strong = true;
  } else if (KNOWN_AUTOCOMPLETE.test(purpose)) addSignal(evidence, -10, '');
  const wholeNumberFits = field.maxLength === undefined || field.maxLength >= MIN_WHOLE_NUMBER;
  if (field.type === 'tel' && wholeNumberFits) addSignal(evidence, 2, 'type=tel');
  if (field.inputMode === 'tel') addSignal(evidence, 2, 'inputmode=tel');
  if (looksLikePhoneNumber(field.placeholder) && wholeNumberFits) addSignal(evidence, 2, 'placeholder shape');
  if (field.loginForm && takesOtherLogin(field)) return NO_MATCH;
  return verdictOf(evidence);
}

/** Whether the snapshot is a phone number field. */
export function isPhoneField(field: FieldSnapshot): boolean {
  return scorePhoneField(field).score >= THRESHOLD;
}

/**
 * `Email or phone`, `Phone, email or username`: one text names a phone and
 * another login. What the user sees (label, placeholder) decides; the name
 * attribute only when the field shows no text.
 */
export function takesOtherLogin(field: FieldSnapshot): boolean {
  const [label, identifier, placeholder] = normalizedTexts(field);
  const shown = [label!, placeholder!].filter(Boolean);
  return (shown.length > 0 ? shown : [identifier!]).some((text) => PHONE_WORDS.test(text) && OTHER_LOGIN_WORDS.test(text));
}

/** A sample number in a placeholder: 9+ digits, or 7+ written with `+` or separators; not an identity-number mask. */
export function looksLikePhoneNumber(text: string): boolean {
  if (ID_MASKS.test(text)) return false;
  const sample = /\+?\(?\d[\d\s().-]{5,}\d/.exec(text)?.[0] ?? '';
  const digits = sample.replace(/\D/g, '').length;
  return digits >= 9 || (digits >= MIN_WHOLE_NUMBER && /[^\d]/.test(sample));
}

/** An extension box (`ext`, `phone1ext`, "Ext."): never a phone number nor one of its parts. */
export function isExtensionField(field: FieldSnapshot): boolean {
  return autocompleteField(field) === 'tel-extension' || normalizedTexts(field).some((text) => EXTENSION_WORDS.test(text));
}

/** The area code part of a split number, by its words or autocomplete: a box of its own whatever its length. */
export function isAreaCodeField(field: FieldSnapshot): boolean {
  return (
    autocompleteField(field) === 'tel-area-code' ||
    normalizedTexts(field)
      .slice(0, 3)
      .some((text) => AREA_CODE_WORDS.test(text))
  );
}
