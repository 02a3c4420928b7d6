import { browser } from 'wxt/browser';

/** Every user-visible string lives in `public/_locales/en/messages.json`; this is its key set. */
export type MessageKey = keyof typeof import('../../public/_locales/en/messages.json');

type GetMessageName = Parameters<typeof browser.i18n.getMessage>[0];

/**
 * The one way UI code gets text. Substitutions fill the message's placeholders in order
 * (`$1`, `$2`, ...). A missing message shows its key rather than nothing, so it is noticed.
 */
export function t(key: MessageKey, substitutions?: string | number | readonly (string | number)[]): string {
  const subs = substitutions === undefined ? undefined : Array.isArray(substitutions) ? substitutions.map(String) : [String(substitutions)];
  const text = browser.i18n.getMessage(key as GetMessageName, subs);
  return text || key;
}

/** The browser's UI language, for number and date formatting. */
export function uiLocale(): string | undefined {
  try {
    return browser.i18n.getUILanguage() || undefined;
  } catch {
    return undefined;
  }
}
