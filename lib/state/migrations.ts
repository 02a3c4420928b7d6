/**
 * Stored documents carry `version`. Migrations are keyed by the version they produce, as WXT's
 * storage items are (`{2: (v1) => v2}`); `migrate` runs them in order. Documents from a newer
 * extension (a downgrade) or with no known path are refused, and the caller falls back to
 * defaults rather than guessing.
 */
export type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

export function migrate(doc: unknown, migrations: Record<number, Migration>, current: number): Record<string, unknown> | null {
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) return null;
  let value = doc as Record<string, unknown>;
  // Documents written before versioning existed count as version 0.
  let version = typeof value.version === 'number' ? value.version : 0;
  while (version < current) {
    const step = migrations[version + 1];
    if (!step) return null;
    value = { ...step(value), version: version + 1 };
    version += 1;
  }
  return version === current ? value : null;
}
