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

/**
 * A sentence as the locale files have it: the key and the values of its placeholders. What the
 * background, the engine's errors and notifications hand around instead of finished English; the
 * context that shows it renders it in the user's language.
 */
export interface Text {
  key: MessageKey;
  params?: string[];
}

export function text(key: MessageKey, ...params: (string | number)[]): Text {
  return params.length > 0 ? { key, params: params.map(String) } : { key };
}

/** A `Text` in the user's language. */
export function render(message: Text): string {
  return t(message.key, message.params);
}

/** The language the pages are shown in (their `lang`, for screen readers and fonts): the translation's own. */
export function setPageLanguage(): void {
  document.documentElement.lang = t('langTag');
}

/** The browser's UI language, for number and date formatting. */
export function uiLocale(): string | undefined {
  try {
    return browser.i18n.getUILanguage() || undefined;
  } catch {
    return undefined;
  }
}
