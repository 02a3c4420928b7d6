// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

/**
 * zod asks whether it may compile parsers with `new Function('')` when it builds its first object
 * schema; in an extension that eval is blocked and logged as a CSP violation (Firefox logs each).
 * Every entrypoint must make zod jitless before any module it imports builds a schema. Watching
 * `Function` as a constructor while an entrypoint's whole module graph loads shows the probe
 * exactly when it happens.
 */
// Only the module graph matters here, not a rendered page (nor its words: WXT's fake browser has no i18n).
vi.mock('react-dom/client', () => ({ createRoot: () => ({ render: () => undefined }) }));
vi.mock('../../../lib/i18n/i18n', async (original) => ({ ...(await original<object>()), setPageLanguage: () => undefined }));

const realFunction = globalThis.Function;
let evals: unknown[][];

beforeEach(() => {
  vi.resetModules();
  // zod keeps its config on globalThis, so one test's setting must not leak into the next.
  delete (globalThis as { __zod_globalConfig?: unknown }).__zod_globalConfig;
  evals = [];
  globalThis.Function = new Proxy(realFunction, {
    construct(target, args, newTarget) {
      evals.push(args);
      return Reflect.construct(target, args, newTarget) as object;
    },
  });
  document.body.innerHTML = '<div id="root"></div>';
});

afterEach(() => {
  globalThis.Function = realFunction;
});

describe('zod is jitless before any schema is built', () => {
  it('the check sees the probe when a schema module loads without it (control)', async () => {
    await import('../../../lib/numpool/schemas');
    expect(evals).toContainEqual(['']);
  });

  const entrypoints: Record<string, () => Promise<unknown>> = {
    background: () => import('../../../entrypoints/background'),
    'content script': () => import('../../../entrypoints/content'),
    'autofill part': () => import('../../../entrypoints/autofill'),
    popup: () => import('../../../entrypoints/popup/main'),
    options: () => import('../../../entrypoints/options/main'),
    'confirmation window': () => import('../../../entrypoints/confirm/main'),
    'offscreen clipboard': () => import('../../../entrypoints/offscreen/main'),
  };
  for (const [name, load] of Object.entries(entrypoints)) {
    it(`${name}: no eval probe while its modules load`, async () => {
      await load();
      expect(evals).toEqual([]);
      expect((globalThis as { __zod_globalConfig?: { jitless?: boolean } }).__zod_globalConfig?.jitless).toBe(true);
    });
  }
});
