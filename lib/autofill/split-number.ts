/**
 * Spreads one phone number over the boxes of a split phone field
 * (`[201] [555] [0123]`, `[Area code] [Number]`). Pure: plain strings in and
 * out. Runs in the page, where libphonenumber-js never ships, so the dial
 * code is told apart by the one fact needed: calling codes are prefix-free,
 * and only these are shorter than three digits (tests check the list against
 * libphonenumber-js).
 */

/** One box of a split number: the area code or digits of the rest, and how many digits it takes when known. */
export interface PartShape {
  role: 'area' | 'local';
  length?: number;
}

/** The 1- and 2-digit country calling codes; every other code has 3 digits. */
const CALLING_CODE = /^(?:[17]|2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58]|\d{3})/;
/** North American area codes have 3 digits. */
const NANP_AREA_CODE = 3;

/** A number as the background wrote it, taken apart: its dial code when written, and the digits after it. */
export interface NumberDigits {
  dialCode?: string;
  national: string;
  /** Digit groups of the national part as written (`201 555-0123` → 201, 555, 0123); one group when unspaced. */
  groups: string[];
}

/** `+1 201-555-0123`, `+12015550123`, `0012015550123` → dial code 1, national 2015550123; national forms have no dial code. */
export function numberDigits(value: string): NumberDigits {
  const text = value.trim();
  const international = /^(?:\+|00)/.exec(text);
  if (!international) return { national: text.replace(/\D/g, ''), groups: text.match(/\d+/g) ?? [] };
  const rest = text.slice(international[0].length);
  const dialCode = CALLING_CODE.exec(rest.replace(/\D/g, ''))?.[0] ?? '';
  // Drop the dial code's digits, however the value spaced them.
  let skipped = 0;
  let index = 0;
  while (index < rest.length && skipped < dialCode.length) if (/\d/.test(rest[index++]!)) skipped++;
  const after = rest.slice(index);
  return { dialCode: dialCode || undefined, national: after.replace(/\D/g, ''), groups: after.match(/\d+/g) ?? [] };
}

/**
 * The digits for each box, in order: boxes of known length take that many
 * digits, left to right; an area code box takes the area code (see
 * {@link areaCodeLength}); the last box takes the rest. The country code never goes into these boxes (a box
 * asking for it is the page's country control). Returns undefined when the
 * number cannot be spread (a box of unknown length before the last).
 */
export function spreadNumber(value: string, parts: readonly PartShape[]): string[] | undefined {
  const { dialCode, national, groups } = numberDigits(value);
  const values: string[] = [];
  let offset = 0;
  for (const [index, part] of parts.entries()) {
    const last = index === parts.length - 1;
    const length = last ? national.length - offset : part.role === 'area' ? areaCodeLength(part, dialCode, groups) : part.length;
    if (length === undefined) return undefined;
    values.push(national.slice(offset, (offset += length)));
  }
  return values;
}

/**
 * How many digits an area code box takes: the first group of a spaced number
 * (`+39 333 123 4567`: the box's length is only a limit), else the box's
 * length, else three for +1.
 */
function areaCodeLength(part: PartShape, dialCode: string | undefined, groups: string[]): number | undefined {
  if (groups.length > 1) return Math.min(groups[0]!.length, part.length ?? Infinity);
  return part.length ?? (dialCode === '1' ? NANP_AREA_CODE : undefined);
}
