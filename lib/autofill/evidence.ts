/**
 * Shared scoring for the field classifiers: words from several places of a
 * snapshot vote for or against a kind of field, weighted by how reliable the
 * place is.
 */
import type { FieldSnapshot } from './field-snapshot';
import { normalizeText } from './words';

/**
 * What one text says about a kind of field: for (1), weakly for (a word that
 * also means other things: {@link WEAK}), nothing, against, or certainly
 * something else.
 */
export type Vote = 1 | typeof WEAK | 0 | -1 | typeof VETO;
export const VETO = 'veto';
/** A weak word counts half: alone it never reaches {@link THRESHOLD}. */
export const WEAK = 0.5;

/** The outcome of a classifier: a score (0 when ruled out) and the signals behind it. */
export interface Verdict {
  score: number;
  reason: string;
}

/**
 * Score from which a classifier claims a field. A strong signal (a specific
 * word in a label, name or placeholder; autocomplete) reaches it alone; weak
 * ones (a weak word, `type=tel`, a numeric keyboard, a length, a placeholder's
 * shape) score at most 2 each, so a field needs two of them.
 */
export const THRESHOLD = 3;

/**
 * Running tally of a classifier. `worded`: some words or autocomplete spoke
 * for the kind; `strong`: a specific word or autocomplete did.
 */
export interface Evidence {
  score: number;
  reasons: string[];
  vetoed: boolean;
  worded: boolean;
  strong: boolean;
}

export const NO_MATCH: Verdict = { score: 0, reason: '' };

/** Places words are read from, in the order of {@link normalizedTexts}. */
const SOURCES = ['label', 'identifier', 'placeholder', 'nearText'] as const;

/**
 * How much each place counts: explicit labels are the most reliable; nearby
 * text is the label of unlabelled (table) layouts, and a hint where an
 * explicit label exists.
 */
function sourceWeights(snapshot: FieldSnapshot): number[] {
  return [4, 3, 3, snapshot.label ? 1.5 : 3];
}

/**
 * Starts a tally with the votes of the snapshot's words. Nearby text stops at
 * the previous field, so it speaks of this one; but it is often a heading
 * for several, so only its certain objections (a card, a captcha) count
 * against. A weak word counts once, where it weighs most: the same "cell" in
 * a label and a name is still one weak signal. `labelDecides`: what the user
 * sees wins; a label for the kind overrides a name attribute against it, a
 * label naming another field rules the field out.
 */
export function weighWords(snapshot: FieldSnapshot, vote: (text: string) => Vote, { labelDecides = false } = {}): Evidence {
  const evidence: Evidence = { score: 0, reasons: [], vetoed: false, worded: false, strong: false };
  const weights = sourceWeights(snapshot);
  const texts = normalizedTexts(snapshot);
  const verdicts = texts.map((text, index) => {
    // Text inside a wrapping label is both label and nearby text: count it once.
    const repeated = SOURCES[index] === 'nearText' && texts[0]!.includes(text);
    return text && !repeated ? vote(text) : 0;
  });
  let weak: { weight: number; source: string } | undefined;
  verdicts.forEach((verdict, index) => {
    const source = SOURCES[index]!;
    const weight = weights[index]!;
    if (verdict === VETO) evidence.vetoed = true;
    else if (verdict === 1) {
      addSignal(evidence, weight, source);
      evidence.worded = evidence.strong = true;
    } else if (verdict === WEAK) {
      if (!weak || weight > weak.weight) weak = { weight, source };
      evidence.worded = true;
    } else if (verdict === -1 && labelDecides && source === 'label') evidence.vetoed = true;
    else if (verdict === -1 && source !== 'nearText' && !(labelDecides && verdicts[0] === 1)) addSignal(evidence, -weight, source);
  });
  if (weak) addSignal(evidence, weak.weight * WEAK, `${weak.source}(weak)`);
  return evidence;
}

/** Each classifier reads the same texts: normalize them once per snapshot. */
const normalized = new WeakMap<FieldSnapshot, string[]>();
/** Label, identifier, placeholder and nearby text, normalized (see `normalizeText`). */
export function normalizedTexts(snapshot: FieldSnapshot): string[] {
  let texts = normalized.get(snapshot);
  if (!texts) {
    texts = [snapshot.label, identifierText(snapshot), snapshot.placeholder, snapshot.nearText].map(normalizeText);
    normalized.set(snapshot, texts);
  }
  return texts;
}

/** Adds a weighted signal; only signals in favour are listed as reasons. */
export function addSignal(evidence: Evidence, weight: number, reason: string): void {
  evidence.score += weight;
  if (weight > 0) evidence.reasons.push(reason);
}

/** Closes a tally: a veto, or no words at all when `needsWords`, rules the field out. */
export function verdictOf(evidence: Evidence, needsWords = false): Verdict {
  if (evidence.vetoed || evidence.score <= 0 || (needsWords && !evidence.worded)) return NO_MATCH;
  return { score: evidence.score, reason: evidence.reasons.join('+') };
}

/** `name` and `id`, once when they repeat each other. */
function identifierText(snapshot: FieldSnapshot): string {
  return snapshot.id === snapshot.name ? snapshot.name : `${snapshot.name} ${snapshot.id}`;
}

/**
 * The field's purpose per its autocomplete attribute: the last token, after
 * section and contact qualifiers (`section-a shipping mobile tel` → `tel`).
 */
export function autocompleteField(snapshot: FieldSnapshot): string {
  const tokens = snapshot.autocomplete.filter((token) => token !== 'webauthn');
  return tokens[tokens.length - 1] ?? '';
}

/** Autocomplete values that name a purpose (as opposed to `on`, `off` or a site's own words). */
export const KNOWN_AUTOCOMPLETE =
  /^(?:tel.*|one-time-code|email|username|(?:current|new)-password|(?:given-|family-|additional-|nick)?name|honorific-\w+|organization(?:-title)?|street-address|address-line\d|address-level\d|country(?:-name)?|postal-code|cc-.+|bday.*|sex|url|photo|impp|language|transaction-.+)$/;
