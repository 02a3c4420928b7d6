/**
 * What the page tells about a phone field: what choosing the country and writing the number
 * (this folder) read. The message protocol validates it on receipt (`fieldShape` in
 * lib/messaging/protocol.ts) against this very type.
 */
export interface FieldShape {
  maxLength?: number;
  placeholder?: string;
  pattern?: string;
  /** The field's value when it starts with `+`: widgets that keep the dial code in their own value (`+1 `). */
  valueStart?: string;
  /** A number split over boxes: how many characters each box takes, in order (0: unknown, the rest). */
  partLengths?: number[];
  /** Present when the page picks the country next to the field. */
  countryControl?: {
    /** A select or a code input can be set; a custom dropdown (a flag, `+1 ▾`) cannot. */
    kind?: 'select' | 'input' | 'custom';
    selectedDialCode?: string;
    /** ISO 3166 code the page shows (a flag's class or emoji, the option's value). */
    selectedIso?: string;
    /** The selected option's text, or the trigger's title or aria-label (`United States: +1`). */
    selectedLabel?: string;
    options?: CountryOption[];
  };
}

/** One option of the page's country control. */
export interface CountryOption {
  value: string;
  /** Digits (`44`), or empty when the option shows no dial code. */
  dialCode: string;
  label: string;
}
