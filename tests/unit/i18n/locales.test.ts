import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The seven locales: each has every English key with the same placeholders, nothing more, and no
 * key is left that no code uses. (Chrome and Firefox fall back to English for a missing key
 * without a word, so a gap here would silently show English.)
 */
const root = path.resolve(__dirname, '../../..');
export const LOCALES = ['en', 'ru', 'zh_CN', 'es', 'pt_BR', 'id', 'vi'] as const;

type Messages = Record<string, { message: string; description?: string; placeholders?: Record<string, { content: string }> }>;
const read = (locale: string) => JSON.parse(readFileSync(path.join(root, 'public/_locales', locale, 'messages.json'), 'utf8')) as Messages;
const en = read('en');
const tokens = (message: string) => [...message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase()).sort();

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx|html)$/.test(name) ? [full] : [];
  });
}

describe('locales', () => {
  it('ship exactly the seven locales', () => {
    expect(readdirSync(path.join(root, 'public/_locales')).sort()).toEqual([...LOCALES].sort());
  });

  for (const locale of LOCALES.filter((l) => l !== 'en')) {
    it(`${locale} has every key, with the same placeholders, and nothing else`, () => {
      expect(existsSync(path.join(root, 'public/_locales', locale, 'messages.json'))).toBe(true);
      const messages = read(locale);
      expect(Object.keys(messages).sort()).toEqual(Object.keys(en).sort());
      for (const [key, entry] of Object.entries(en)) {
        const translated = messages[key]!;
        expect(translated.message.trim(), `${locale}.${key}`).not.toBe('');
        expect(tokens(translated.message), `${locale}.${key}`).toEqual(tokens(entry.message));
        expect(translated.placeholders, `${locale}.${key}`).toEqual(entry.placeholders);
        // A lone "$" would be read as the start of a placeholder.
        expect(translated.message.replace(/\$[A-Za-z0-9_@]+\$/g, '').replace(/\$\$/g, ''), `${locale}.${key}`).not.toContain('$');
      }
    });
  }

  it('has no key that no code uses', () => {
    const code = [...['lib', 'components', 'entrypoints'].flatMap((d) => sources(path.join(root, d))), path.join(root, 'wxt.config.ts')]
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const used = (key: string) => new RegExp(`['"\`]${key}['"\`]|__MSG_${key}__`).test(code);
    expect(Object.keys(en).filter((key) => !used(key))).toEqual([]);
  });
});
