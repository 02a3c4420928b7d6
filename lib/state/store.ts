import type * as z from 'zod/mini';
import { DEFAULT_SETTINGS, EMPTY_STATE, STATE_VERSION, engineStateSchema, settingsSchema, type EngineState, type Settings } from './schema';
import type { Migration } from './migrations';
import { STORAGE_KEYS } from './keys';
import { defineItem, type StorageItem } from './item';

/**
 * The two documents the popup reads before its first frame: the engine's state and the settings.
 * Declared here, in zod's small build, and listed with every other document in `items.ts` (which
 * the popup does not load: the other schemas use the full build).
 */

export const SETTINGS_VERSION = 3;

/** Settings v1 had a single `autoCancelMinutes` (0 = off); v2 splits it into a switch and a delay. */
const settingsMigrations: Record<number, Migration> = {
  1: (doc) => ({ ...doc }),
  2: (doc) => {
    const { autoCancelMinutes, ...rest } = doc;
    const minutes = typeof autoCancelMinutes === 'number' ? autoCancelMinutes : DEFAULT_SETTINGS.autoCancelAfterMin;
    return { ...rest, autoCancel: minutes > 0, autoCancelAfterMin: minutes > 0 ? minutes : DEFAULT_SETTINGS.autoCancelAfterMin };
  },
  // v3 turns the spending limits on: until v2 they were off by default, not by the user's choice.
  3: (doc) => ({
    ...doc,
    maxPricePerNumber: doc.maxPricePerNumber ?? DEFAULT_SETTINGS.maxPricePerNumber,
    dailySpendCap: doc.dailySpendCap ?? DEFAULT_SETTINGS.dailySpendCap,
  }),
};

const stateMigrations: Record<number, Migration> = {
  1: (doc) => ({ ...EMPTY_STATE, ...doc, version: 1 }),
  /**
   * v2: orders count their unannounced messages (none: v1 announced at once); rentals lose
   * `watched` (always true); uncertain purchases lose `kind` (rentals were never left uncertain).
   */
  2: (doc) => ({
    ...doc,
    orders: Array.isArray(doc.orders) ? doc.orders.map((o: Record<string, unknown>) => ({ ...o, unannounced: 0 })) : doc.orders,
    rentals: Array.isArray(doc.rentals) ? doc.rentals.map(({ watched: _watched, ...r }: Record<string, unknown>) => r) : doc.rentals,
    uncertain: Array.isArray(doc.uncertain)
      ? doc.uncertain.filter((u: Record<string, unknown>) => u.kind !== 'rental').map(({ kind: _kind, ...u }: Record<string, unknown>) => u)
      : doc.uncertain,
  }),
  /**
   * v3: a fill target's site carries its scheme. A v2 site (`whatsapp.com`) becomes
   * `https://whatsapp.com`: its code then reaches https pages of that site only, never plain http,
   * so the guess can only withhold a code (it stays in the popup), never give one away.
   */
  3: (doc) => ({
    ...doc,
    orders: Array.isArray(doc.orders)
      ? doc.orders.map((o: Record<string, unknown>) => ({ ...o, fillTarget: schemefulTarget(o.fillTarget) }))
      : doc.orders,
    rentals: Array.isArray(doc.rentals)
      ? doc.rentals.map((r: Record<string, unknown>) =>
          isRecord(r.fill) ? { ...r, fill: { ...r.fill, target: schemefulTarget(r.fill.target) } } : r,
        )
      : doc.rentals,
    uncertain: Array.isArray(doc.uncertain)
      ? doc.uncertain.map((u: Record<string, unknown>) => ({ ...u, fillTarget: schemefulTarget(u.fillTarget) }))
      : doc.uncertain,
  }),
  /**
   * v4: `unknown` meant both "a status word we do not know" and "not found" (a 404). Only the
   * 404 (raw "not found") ends an order now; any other such order goes back to what it was
   * (received when it has a code, else waiting), so it is polled, and cancelled, again. Rentals
   * are written down as uncertain before they are sent, as numbers are (none yet).
   */
  4: (doc) => ({
    ...doc,
    uncertainRentals: [],
    orders: Array.isArray(doc.orders)
      ? doc.orders.map((o: Record<string, unknown>) => (o.state === 'unknown' ? { ...o, state: stateOfUnknown(o) } : o))
      : doc.orders,
  }),
};

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function schemefulTarget(target: unknown): unknown {
  if (!isRecord(target) || typeof target.site !== 'string' || /^https?:\/\//.test(target.site)) return target;
  return { ...target, site: `https://${target.site}` };
}

function stateOfUnknown(order: Record<string, unknown>): string {
  if (order.rawStatus === 'not found') return 'not-found';
  return Array.isArray(order.messages) && order.messages.length > 0 ? 'received' : 'waiting';
}

/**
 * Settings are read field by field: a missing field takes its default (adding a setting needs no
 * migration) and one invalid field does not throw away the others.
 */
function settingsFields(migrated: Record<string, unknown>, invalid: (error: unknown) => void): Settings {
  const settings: Record<string, unknown> = { ...DEFAULT_SETTINGS };
  for (const [name, field] of Object.entries(settingsSchema.shape)) {
    const parsed = (field as z.ZodMiniType).safeParse(migrated[name]);
    if (parsed.success) settings[name] = parsed.data;
    // A field that is there but wrong is said (one that is missing just takes its default).
    else if (migrated[name] !== undefined) invalid({ issues: parsed.error.issues.map((i) => ({ ...i, path: [name, ...i.path] })) });
  }
  return settingsSchema.parse(settings);
}

export const stateItem: StorageItem<EngineState> = defineItem({
  area: 'local',
  key: STORAGE_KEYS.state,
  schema: engineStateSchema,
  fallback: EMPTY_STATE,
  version: STATE_VERSION,
  migrations: stateMigrations,
});

export const settingsItem: StorageItem<Settings> = defineItem({
  area: 'local',
  key: STORAGE_KEYS.settings,
  schema: settingsSchema,
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: settingsMigrations,
  parse: settingsFields,
});
