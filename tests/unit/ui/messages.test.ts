import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every string the UI shows comes from messages.json through `t()`. These checks keep the file and
 * the code in step: no key used that does not exist, placeholders declared, none left unused.
 */
const root = path.resolve(__dirname, '../../..');
const messages = JSON.parse(readFileSync(path.join(root, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}
const uiFiles = [
  ...sources(path.join(root, 'components')),
  ...sources(path.join(root, 'lib/ui')),
  ...sources(path.join(root, 'entrypoints/popup')),
  ...sources(path.join(root, 'entrypoints/options')),
];
const code = uiFiles.map((f) => readFileSync(f, 'utf8')).join('\n');

describe('messages.json', () => {
  it('has every key the UI asks for', () => {
    const used = new Set([...code.matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)].map((m) => m[1]!));
    // Keys handed to t() through a variable are written as string literals of the MessageKey type.
    for (const m of code.matchAll(/'((?:error|status|group)[A-Z][A-Za-z]+|favourite(?:Add|Remove))'/g)) used.add(m[1]!);
    const missing = [...used].filter((key) => !(key in messages));
    expect(missing).toEqual([]);
  });

  it('declares every placeholder a message uses, numbered from $1', () => {
    for (const [key, entry] of Object.entries(messages)) {
      const named = [...entry.message.matchAll(/\$([A-Za-z0-9_@]+)\$/g)].map((m) => m[1]!.toLowerCase());
      const declared = Object.keys(entry.placeholders ?? {});
      expect(new Set(named), key).toEqual(new Set(declared));
      const contents = Object.values(entry.placeholders ?? {})
        .map((p) => p.content)
        .sort();
      expect(contents, key).toEqual(declared.map((_, i) => `$${i + 1}`));
      // A lone "$" would be read as the start of a placeholder.
      expect(entry.message.replace(/\$[A-Za-z0-9_@]+\$/g, '').replace(/\$\$/g, ''), key).not.toContain('$');
    }
  });

  it('keeps the manifest strings', () => {
    expect(messages.extName?.message).toBeTruthy();
    expect(messages.extDescription?.message).toBeTruthy();
  });

  it('the UI shows no hard-coded English in JSX text', () => {
    // Text between tags that is not an expression, punctuation or a symbol is a string that bypassed t().
    const offenders = uiFiles
      .filter((f) => f.endsWith('.tsx'))
      .flatMap((f) =>
        [...readFileSync(f, 'utf8').matchAll(/(?<![=-])>\s*([A-Za-z][A-Za-z ,.'!?-]{2,})\s*</g)].map((m) => `${path.basename(f)}: ${m[1]}`),
      );
    expect(offenders).toEqual([]);
  });
});
