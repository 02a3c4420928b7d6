import { z } from 'zod';
import { budgetStateSchema, EMPTY_BUDGET, type BudgetState } from '../budget/budget-store';
import { DIAGNOSTICS_VERSION, diagnosticsDocSchema, type DiagnosticsDoc } from '../diagnostics/entries';
import { CATALOG_VERSION, catalogSchema, EMPTY_CATALOG, type CatalogDoc } from './account/catalog';
import { contextTargetsSchema, type ContextTarget } from './gestures/context-targets';
import { EMPTY_PAGE_SESSION, PAGE_SESSION_VERSION, pageSessionSchema, type PageSessionDoc } from './page/page-session';
import { storedProblemSchema, type StoredProblem } from './page/service-health';
import { defineFamily, defineItem, type ItemFamily, type StorageItem } from '../state/item';
import { STORAGE_KEYS } from '../state/keys';
import { settingsItem, stateItem } from '../state/store';

/**
 * Every document the extension stores, in `storage.local` or `storage.session`: one list, so a
 * key cannot be written that is not declared here (tests/unit/engine/stored-items.test.ts checks it after
 * a whole engine session). The schemas stay next to the code that reads them; the code gets its
 * item bound to the platform's areas (`item.in(platform)`), never a raw area and a key.
 *
 * The API key is in none of these: it lives in the background's IndexedDB (key-store.ts). The one
 * exception is where versions up to 0.1 left it, read once to move it out and then removed.
 */
export const ITEMS = {
  // storage.local: survives restarts.
  state: stateItem,
  settings: settingsItem,
  catalog: defineItem<CatalogDoc>({
    area: 'local',
    key: STORAGE_KEYS.catalog,
    schema: catalogSchema,
    fallback: EMPTY_CATALOG,
    version: CATALOG_VERSION,
  }),
  /** When the key last changed (a time, never the key): tells every context to read it again. */
  keyChanged: defineItem<number | null>({ area: 'local', key: STORAGE_KEYS.keyChanged, schema: z.number().nullable(), fallback: null }),
  /** Read only by the key store, to move a key from there into IndexedDB. */
  legacyApiKey: defineItem<string | null>({
    area: 'local',
    key: STORAGE_KEYS.legacyApiKey,
    schema: z.string().min(1).nullable(),
    fallback: null,
  }),

  // storage.session: this browser session only; content scripts cannot read it.
  diagnostics: defineItem<DiagnosticsDoc>({
    area: 'session',
    key: 'diagnostics',
    schema: diagnosticsDocSchema,
    fallback: { version: DIAGNOSTICS_VERSION, entries: [] },
    version: DIAGNOSTICS_VERSION,
  }),
  pageProblem: defineItem<StoredProblem | null>({
    area: 'session',
    key: 'pageProblem',
    schema: storedProblemSchema.nullable(),
    fallback: null,
  }),
  contextTargets: defineItem<Record<string, ContextTarget>>({
    area: 'session',
    key: 'contextTargets',
    schema: contextTargetsSchema,
    fallback: {},
  }),
  pageSession: defineItem<PageSessionDoc>({
    area: 'session',
    key: 'pageSession',
    schema: pageSessionSchema,
    fallback: EMPTY_PAGE_SESSION,
    version: PAGE_SESSION_VERSION,
  }),
  /** Rental id → when its inbox was last read from the alarm. */
  rentalChecks: defineItem<Record<string, number>>({
    area: 'session',
    key: 'rentalChecks',
    schema: z.record(z.string(), z.number()),
    fallback: {},
  }),
  /** Whether the orders were reconciled with the server once in this browser session. */
  reconciled: defineItem<boolean>({ area: 'session', key: 'reconciledThisSession', schema: z.boolean(), fallback: false }),
} satisfies Record<string, StorageItem<unknown>>;

export const FAMILIES = {
  /**
   * One rate budget per key, under a fingerprint of it (never the key). v1 did not tell background
   * sends apart: they count as user sends; v2 did not tell a page's lookups apart: they count as polls.
   */
  budget: defineFamily<BudgetState>({
    area: 'session',
    prefix: 'budget:',
    schema: budgetStateSchema,
    fallback: EMPTY_BUDGET,
    version: 3,
    migrations: { 2: (v1) => ({ ...v1, background: [] }), 3: (v2) => ({ ...v2, page: [] }) },
  }),
} satisfies Record<string, ItemFamily<unknown>>;
