import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * No user-facing sentence is written in code: every word a user can see comes from the locale
 * files (public/_locales). This reads the source as TypeScript and flags what looks like prose:
 * JSX text, text-bearing JSX attributes, and string literals shaped like a sentence. What looks
 * like prose but no user sees is listed below with the reason.
 */
const root = path.resolve(__dirname, '../../..');
const DIRS = ['lib', 'components', 'entrypoints'];

/** Prose-shaped strings no user sees, and why. */
const NOT_SHOWN: Record<string, string> = {
  'Copy the newest SMS code when the user presses the shortcut.':
    "offscreen document justification: read by the browser's review, not shown",
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** A sentence: starts with a capital letter or a digit-free word, three words or more, letters mostly. */
function looksLikeProse(text: string): boolean {
  const trimmed = text.trim();
  if (!/^[A-Z][a-z']*[ ,]/.test(trimmed)) return false;
  const words = trimmed.split(/\s+/).filter((w) => /^[A-Za-z'’,.:;!?()-]+$/.test(w));
  return words.length >= 3;
}

const TEXT_ATTRIBUTES = new Set(['aria-label', 'title', 'placeholder', 'alt', 'label', 'hint', 'description']);

function offenders(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(
    file,
    text,
    ts.ScriptTarget.Latest,
    true,
    file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const found: string[] = [];
  const where = (node: ts.Node) => `${path.relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isJsxText(node) && /[A-Za-z]{2,}/.test(node.text)) found.push(`${where(node)} JSX text "${node.text.trim()}"`);
    if (
      ts.isJsxAttribute(node) &&
      TEXT_ATTRIBUTES.has(node.name.getText()) &&
      node.initializer &&
      ts.isStringLiteral(node.initializer) &&
      /[A-Za-z]{2,}/.test(node.initializer.text)
    ) {
      found.push(`${where(node)} ${node.name.getText()}="${node.initializer.text}"`);
    }
    if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && looksLikeProse(node.text) && !(node.text in NOT_SHOWN)) {
      const parent = node.parent;
      const isImport = ts.isImportDeclaration(parent) || ts.isExportDeclaration(parent) || ts.isExternalModuleReference(parent);
      if (!isImport) found.push(`${where(node)} "${node.text}"`);
    }
    if (ts.isTemplateExpression(node)) {
      const pieces = [node.head.text, ...node.templateSpans.map((s) => s.literal.text)].join('…');
      if (looksLikeProse(pieces)) found.push(`${where(node)} \`${pieces}\``);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('user-facing text', () => {
  it('lives in the locale files, never in code', () => {
    const all = DIRS.flatMap((d) => sources(path.join(root, d))).flatMap(offenders);
    expect(all).toEqual([]);
  });

  it('the check itself flags prose and leaves code alone', () => {
    expect(looksLikeProse('No number was bought. The notification says why.')).toBe(true);
    expect(looksLikeProse('Code filled')).toBe(false);
    expect(looksLikeProse('numpool-field-button')).toBe(false);
    expect(looksLikeProse('GET /sms/:order_id')).toBe(false);
    expect(looksLikeProse('a.b c d')).toBe(false);
  });
});
