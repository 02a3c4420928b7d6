import { readIssues, type ValidationIssue } from '../validation-issues';
import { migrate, type Migration } from './migrations';

/**
 * A stored document, declared once: where it lives, how it is validated, its version and the
 * migrations that bring older ones up to it, and what a missing or broken one reads as. The
 * shape is WXT's `storage.defineItem` (`fallback`, `version`, `migrations` keyed by the version
 * they produce, `getValue`/`setValue`/`removeValue`), over the storage areas the engine is given
 * rather than the global `browser` (see lib/engine/DESIGN.md, "Storage"). No zod import here: the
 * popup reads its documents through this before its first frame.
 */

/** Minimal view of a `browser.storage` area, so tests can pass WXT's fake browser. */
export interface StorageArea {
  get(keys: string | string[]): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
  remove(keys: string | string[]): Promise<void>;
}

/** The areas an item may live in (a `Platform`, `browser.storage` and the fake browser all fit). */
export interface StorageAreas {
  local: StorageArea;
  session: StorageArea;
}

/** What zod (full or mini) schemas share: enough to validate without importing zod. */
export interface Schema<T> {
  safeParse(value: unknown): { success: true; data: T } | { success: false; error: unknown };
}

export interface ItemOptions<T> {
  area: keyof StorageAreas;
  key: string;
  schema: Schema<T>;
  /** What a missing, unreadable or invalid document reads as. */
  fallback: T;
  /**
   * The current version, kept inside the document (`{version: 4, ...}`) as the extension has
   * always stored it, so one `get` reads document and version together (the popup's first read).
   * Without it the document is not versioned: the schema alone decides.
   */
  version?: number;
  /** Keyed by the version each step produces, as WXT's: `{2: (v1) => v2}`. A document with no `version` is version 0. */
  migrations?: Record<number, Migration>;
  /**
   * Instead of the schema on the whole document (settings keep every valid field): the value, or
   * null to fall back; `invalid` hears what was wrong, and is logged even when a value is returned.
   */
  parse?: (migrated: Record<string, unknown>, invalid: (error: unknown) => void) => T | null;
}

/** A stored document that could not be read as it is: the fallback is used, this is logged. */
export class InvalidDocument extends Error {
  override readonly name = 'InvalidDocument';
  constructor(
    readonly key: string,
    readonly reason: 'no-migration' | 'invalid',
    readonly issues?: DocumentIssue[],
  ) {
    super(reason === 'no-migration' ? `${key}: a version this extension cannot migrate` : `${key}: does not match its schema`);
  }
}

export type OnInvalid = (error: InvalidDocument) => void;
export type DocumentIssue = ValidationIssue;

/** One item bound to one storage area: what the code that owns the document uses. */
export interface Stored<T> {
  readonly key: string;
  getValue(): Promise<T>;
  setValue(value: T): Promise<void>;
  removeValue(): Promise<void>;
}

export interface StorageItem<T> {
  readonly area: keyof StorageAreas;
  readonly key: string;
  readonly fallback: T;
  readonly version: number | undefined;
  /** A raw stored value, migrated and validated; anything unusable is the fallback (and reported). */
  parse(raw: unknown, onInvalid?: OnInvalid): T;
  /** The value as it is written: validated (a bug throws here, not in a later read) and versioned. */
  serialize(value: T): unknown;
  /** The item in its area of `areas`; `onInvalid` hears of documents that fell back (or, settings, of fields that did). */
  in(areas: StorageAreas, onInvalid?: OnInvalid): Stored<T>;
}

export function defineItem<T>(options: ItemOptions<T>): StorageItem<T> {
  const { area, key, schema, fallback, version, migrations = {} } = options;
  const whole = (doc: unknown, invalid: (error: unknown) => void): T | null => {
    const parsed = schema.safeParse(doc);
    if (parsed.success) return parsed.data;
    invalid(parsed.error);
    return null;
  };

  const parse = (raw: unknown, onInvalid?: OnInvalid): T => {
    if (raw === undefined) return fallback;
    let migrated: unknown = raw;
    if (version !== undefined) {
      migrated = migrate(raw, migrations, version);
      if (!migrated) {
        report(onInvalid, new InvalidDocument(key, 'no-migration'));
        return fallback;
      }
    }
    const issues: DocumentIssue[] = [];
    let invalid = false;
    const note = (error: unknown) => {
      invalid = true;
      issues.push(...(issuesOf(error) ?? []));
    };
    const value =
      options.parse && typeof migrated === 'object' && migrated !== null
        ? options.parse(migrated as Record<string, unknown>, note)
        : whole(migrated, note);
    if (invalid) report(onInvalid, new InvalidDocument(key, 'invalid', issues.slice(0, 5)));
    return value ?? fallback;
  };

  const serialize = (value: T): unknown => {
    const parsed = schema.safeParse(value);
    if (!parsed.success) throw new InvalidDocument(key, 'invalid', issuesOf(parsed.error));
    return version === undefined ? parsed.data : { ...(parsed.data as object), version };
  };

  return {
    area,
    key,
    fallback,
    version,
    parse,
    serialize,
    in(areas, onInvalid) {
      const storage = areas[area];
      return {
        key,
        getValue: async () => parse((await storage.get(key))[key], onInvalid),
        setValue: async (value) => storage.set({ [key]: serialize(value) }),
        removeValue: () => storage.remove(key),
      };
    },
  };
}

/** Documents of one kind under keys that share a prefix (`budget:<key fingerprint>`). */
export interface ItemFamily<T> {
  readonly area: keyof StorageAreas;
  readonly prefix: string;
  item(suffix: string): StorageItem<T>;
}

export function defineFamily<T>(options: Omit<ItemOptions<T>, 'key'> & { prefix: string }): ItemFamily<T> {
  const { prefix, ...rest } = options;
  return { area: options.area, prefix, item: (suffix) => defineItem({ ...rest, key: `${prefix}${suffix}` }) };
}

/** zod's issues as the diagnostics log keeps them (as the API client reports a bad answer). */
function issuesOf(error: unknown): DocumentIssue[] | undefined {
  const issues = (error as { issues?: unknown } | undefined)?.issues;
  return Array.isArray(issues) ? readIssues(issues) : undefined;
}

/** A report must never break the read it reports on. */
function report(onInvalid: OnInvalid | undefined, error: InvalidDocument): void {
  try {
    onInvalid?.(error);
  } catch {
    // The fallback is still the answer.
  }
}
