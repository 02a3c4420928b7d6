import { readFileSync } from 'node:fs';
import path from 'node:path';
import { errorForUser } from '../../../lib/engine/errors';
import type { MessageKey, Text } from '../../../lib/i18n/i18n';

/**
 * The English locale file, rendered the way the browser's `i18n.getMessage` does, so unit tests
 * (where WXT's fake browser has no i18n) can read what a user would see. Not a test file.
 */
const messages = JSON.parse(readFileSync(path.resolve(__dirname, '../../../public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

export function renderEn(text: { key: string; params?: readonly string[] }): string {
  const entry = messages[text.key];
  if (!entry) throw new Error(`no message ${text.key}`);
  const params = text.params ?? [];
  const fill = (s: string) => s.replace(/\$(\d)/g, (_, n: string) => params[Number(n) - 1] ?? '');
  return entry.message
    .replace(/\$([A-Za-z0-9_@]+)\$/g, (_, name: string) => fill(entry.placeholders?.[name.toLowerCase()]?.content ?? ''))
    .replace(/\$\$/g, '$');
}

export const en = (key: MessageKey, ...params: string[]): string => renderEn({ key, params } satisfies Text);

/** What the user reads for a failure the engine threw, in English. */
export const userText = (error: unknown): string => renderEn(errorForUser(error));

/** The English sentence a rejected promise gives the user (or "(no failure)"). */
export const failureText = (promise: Promise<unknown>): Promise<string> => promise.then(() => '(no failure)', userText);
