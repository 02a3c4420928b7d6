// The house rules of the engine, checked rather than remembered (as refined-github does): every
// module is on the design note's map, and the layers import only downwards.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const REPO = path.resolve(import.meta.dirname, '../../..');
const ENGINE = path.join(REPO, 'lib', 'engine');

/** Every .ts file under `directory`, at any depth. */
function sourcesUnder(directory: string): string[] {
  return readdirSync(directory, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts'))
    .map((file) => path.join(directory, file));
}

/** WXT's aliases name the project's root; anything else that is not relative is a package. */
const ALIASES = ['@/', '~/', '@@/', '~~/'];

/** What a source file imports (static, re-exported, dynamic, type-only), as absolute paths; packages are left out. */
function importsOf(file: string, text = readFileSync(file, 'utf8')): string[] {
  const specifiers = [...text.matchAll(/(?:\bfrom\s*|\bimport\s*\(?\s*)['"]([^'"]+)['"]/g)].map((match) => match[1]!);
  return specifiers.flatMap((specifier) => {
    if (specifier.startsWith('.')) return [path.resolve(path.dirname(file), specifier)];
    const alias = ALIASES.find((prefix) => specifier.startsWith(prefix));
    return alias ? [path.join(REPO, specifier.slice(alias.length))] : [];
  });
}

/** Each import from a file under `from` into any of `forbidden`, as `file → target` (repo-relative). */
function crossings(from: string, forbidden: readonly string[]): string[] {
  const inside = (target: string, directory: string) =>
    target === path.join(REPO, directory) || target.startsWith(path.join(REPO, directory) + path.sep);
  return sourcesUnder(path.join(REPO, from)).flatMap((file) =>
    importsOf(file)
      .filter((target) => forbidden.some((directory) => inside(target, directory)))
      .map((target) => `${path.relative(REPO, file)} → ${path.relative(REPO, target)}`),
  );
}

/** The files and folders the "Parts" table of DESIGN.md names, relative to lib/engine. */
function mapEntries(): string[] {
  const design = readFileSync(path.join(ENGINE, 'DESIGN.md'), 'utf8');
  const parts = design.slice(design.indexOf('## Parts'), design.indexOf('\n## ', design.indexOf('## Parts') + 1));
  return [...parts.matchAll(/^\|([^|]*)\|/gm)].flatMap((row) => [...row[1]!.matchAll(/`([^`]+(?:\.ts|\/))`/g)].map((name) => name[1]!));
}

describe("the design note's map of lib/engine", () => {
  it('names every engine module, in every folder', () => {
    const named = new Set(mapEntries().map((entry) => path.normalize(entry)));
    const modules = sourcesUnder(ENGINE).map((file) => path.relative(ENGINE, file));
    expect(modules.length).toBeGreaterThan(30);
    expect(modules.filter((module) => !named.has(module))).toEqual([]);
  });

  it('names only files and folders that exist', () => {
    const entries = mapEntries();
    expect(entries.length).toBeGreaterThan(30);
    const missing = entries.filter((entry) => {
      const target = path.join(ENGINE, entry);
      return !existsSync(target) || (entry.endsWith('/') && !statSync(target).isDirectory());
    });
    expect(missing).toEqual([]);
  });
});

describe('layers', () => {
  it('lib/engine imports nothing from lib/ui, components or entrypoints (words for the user come from lib/i18n)', () => {
    expect(crossings('lib/engine', ['lib/ui', 'components', 'entrypoints'])).toEqual([]);
  });

  it("lib/phone imports nothing from lib/messaging (the protocol checks lib/phone's FieldShape, not the reverse)", () => {
    expect(crossings('lib/phone', ['lib/messaging'])).toEqual([]);
  });

  it('lib/numpool imports nothing from lib/engine', () => {
    expect(crossings('lib/numpool', ['lib/engine'])).toEqual([]);
  });

  it("lib/state, lib/budget and lib/diagnostics import nothing from lib/engine (the registry of stored items is the engine's)", () => {
    expect(['lib/state', 'lib/budget', 'lib/diagnostics'].flatMap((layer) => crossings(layer, ['lib/engine']))).toEqual([]);
  });

  it('sees every form an import takes', () => {
    const file = path.join(ENGINE, 'polling', 'example.ts');
    const text = [
      "import { a } from '../../ui/format';",
      "import type { B } from '../../ui/orders';",
      "export { c } from '../../ui/errors';",
      "const d = await import('../../ui/sites');",
      "import '../../ui/early-read';",
      "import { e } from '@/components/x';",
      "import { z } from 'zod';",
    ].join('\n');
    expect(importsOf(file, text).map((target) => path.relative(REPO, target))).toEqual([
      'lib/ui/format',
      'lib/ui/orders',
      'lib/ui/errors',
      'lib/ui/sites',
      'lib/ui/early-read',
      'components/x',
    ]);
  });
});
