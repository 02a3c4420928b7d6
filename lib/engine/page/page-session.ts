import { z } from 'zod';
import { CONFIRM_REASONS } from '../../messaging/protocol';
import type { Stored } from '../../state/item';
import { serial } from '../serial';
import { SCHEMES } from './page-site';

/**
 * What the background remembers about pages for one browser session, in `storage.session` (a
 * worker may stop between a click and its answer; content scripts cannot read this area):
 * gesture tokens (the browser's context menu or keyboard shortcut was used on a tab), the one
 * purchase waiting for the user's confirmation and the window that asks it, and when each site
 * last asked for a purchase. Changes run one at a time, so two quick clicks cannot both take one
 * token, nor both be a site's first purchase.
 */
/** A menu click or shortcut is answered by its frame within this long, or not at all. */
export const GESTURE_TOKEN_TTL_MS = 60_000;
/** A confirmation window left open longer than this buys nothing. */
export const CONFIRMATION_TTL_MS = 2 * 60_000;

/** `frameId` null: whichever frame of the tab asks (a shortcut goes to the frame that has the focus). */
const gestureTokenSchema = z.object({ tabId: z.number().int(), frameId: z.number().int().nullable(), at: z.number() });

export const intentSchema = z.object({
  tabId: z.number().int(),
  frameId: z.number().int(),
  documentId: z.string().optional(),
  host: z.string(),
  topHost: z.string().nullable(),
  scheme: z.enum(SCHEMES),
  topScheme: z.enum(SCHEMES).nullable(),
  service: z.string(),
  serviceName: z.string(),
  country: z.number().int(),
  countryName: z.string(),
  price: z.number(),
  currency: z.string(),
  reason: z.enum(CONFIRM_REASONS),
  /** Set when the question is whether to fill the user's rented number (free) rather than buy one. */
  rentalId: z.string().optional(),
  /** What the window names when the price is the reason (see `usualComparison`). */
  usual: z.object({ countryName: z.string(), price: z.number(), isDefault: z.boolean() }).optional(),
  createdAt: z.number(),
});
/** A purchase a page asked for that waits for the user's yes in an extension window. */
export type PurchaseIntent = z.infer<typeof intentSchema>;

/** Site attempts older than this decide nothing (the repeat rule looks back 5 minutes). */
const ATTEMPT_TTL_MS = 30 * 60_000;

const windowSchema = z.object({ windowId: z.number().int(), intentId: z.string() });
/** The confirmation window that is open, and the question it shows. */
export type ConfirmWindow = z.infer<typeof windowSchema>;

// 2: purchases counted per site from the moment they are asked for (1 counted per tab, when bought).
export const PAGE_SESSION_VERSION = 2;
export const pageSessionSchema = z.object({
  version: z.literal(PAGE_SESSION_VERSION),
  gestureTokens: z.record(z.string(), gestureTokenSchema),
  intents: z.record(z.string(), intentSchema),
  /** Site → when a page of it last asked for a number (or a rented number), whatever came of it. */
  siteAttempts: z.record(z.string(), z.number()),
  confirmWindow: windowSchema.nullable(),
});
export type PageSessionDoc = z.infer<typeof pageSessionSchema>;
export const EMPTY_PAGE_SESSION: PageSessionDoc = {
  version: PAGE_SESSION_VERSION,
  gestureTokens: {},
  intents: {},
  siteAttempts: {},
  confirmWindow: null,
};

export class PageSession {
  private readonly changes = serial();

  constructor(
    private readonly stored: Stored<PageSessionDoc>,
    private readonly now: () => number,
    private readonly newId: () => string = randomId,
  ) {}

  /** A single-use proof that the browser's menu or shortcut was used on this tab (and frame, if known). */
  issueGestureToken(tabId: number, frameId: number | null): Promise<string> {
    const token = this.newId();
    return this.change((doc) => [{ ...doc, gestureTokens: { ...doc.gestureTokens, [token]: { tabId, frameId, at: this.now() } } }, token]);
  }

  /** Takes the token if it was issued for this tab and frame and is fresh; whatever the answer, it is spent. */
  takeGestureToken(token: string, tabId: number, frameId: number): Promise<boolean> {
    return this.change((doc) => {
      const entry = doc.gestureTokens[token];
      const { [token]: _, ...rest } = doc.gestureTokens;
      return [{ ...doc, gestureTokens: rest }, entry !== undefined && this.fits(entry, tabId, frameId)];
    });
  }

  /** Whether a fresh token waits for this frame (it may load the autofill part to answer it). */
  async hasGestureToken(tabId: number, frameId: number): Promise<boolean> {
    return Object.values((await this.read()).gestureTokens).some((t) => this.fits(t, tabId, frameId));
  }

  private fits(token: z.infer<typeof gestureTokenSchema>, tabId: number, frameId: number): boolean {
    return token.tabId === tabId && (token.frameId === null || token.frameId === frameId) && this.now() - token.at <= GESTURE_TOKEN_TTL_MS;
  }

  /**
   * One question at a time, in one window: a newer ask replaces an unanswered one (the window then
   * shows the new one). Returns its id and the window already open, if any.
   */
  addIntent(intent: PurchaseIntent): Promise<{ id: string; window: ConfirmWindow | null }> {
    const id = this.newId();
    // The open window is bound to the new question at once, so an answer to the old one (its
    // page unloading) can no longer close it.
    return this.change((doc) => {
      const window = doc.confirmWindow && { ...doc.confirmWindow, intentId: id };
      return [
        { ...doc, intents: { [id]: intent }, confirmWindow: window },
        { id, window },
      ];
    });
  }

  /** The window `windowId` now shows the question `intentId`. */
  setConfirmWindow(window: ConfirmWindow | null): Promise<void> {
    return this.change((doc) => [{ ...doc, confirmWindow: window }, undefined]);
  }

  /** The window showing `intentId`, forgotten (it is about to close); null when none shows it. */
  takeConfirmWindow(intentId: string): Promise<number | null> {
    return this.change((doc) => {
      const open = doc.confirmWindow;
      return open?.intentId === intentId ? [{ ...doc, confirmWindow: null }, open.windowId] : [doc, null];
    });
  }

  async intent(id: string): Promise<PurchaseIntent | null> {
    const intent = (await this.read()).intents[id];
    return intent && this.now() - intent.createdAt <= CONFIRMATION_TTL_MS ? intent : null;
  }

  /** Takes the intent (answered once, whatever the answer); null when unknown or expired. */
  takeIntent(id: string): Promise<PurchaseIntent | null> {
    return this.change((doc) => {
      const intent = doc.intents[id];
      const { [id]: _, ...rest } = doc.intents;
      const fresh = intent && this.now() - intent.createdAt <= CONFIRMATION_TTL_MS ? intent : null;
      return [{ ...doc, intents: rest }, fresh];
    });
  }

  /**
   * A page of these sites asks for a purchase: `decide` sees when one of them last asked (null:
   * never), and the ask is written down in the same step, before anything is sent. So two asks at
   * once (three frames clicked 300 ms apart, two tabs) cannot both be the first.
   */
  notePageAttempt<T>(sites: readonly string[], decide: (lastAttemptAt: number | null) => T): Promise<T> {
    return this.change((doc) => {
      const stamps = sites.map((s) => doc.siteAttempts[s]).filter((at): at is number => at !== undefined);
      const value = decide(stamps.length ? Math.max(...stamps) : null);
      const now = this.now();
      return [{ ...doc, siteAttempts: { ...doc.siteAttempts, ...Object.fromEntries(sites.map((s) => [s, now])) } }, value];
    });
  }

  private async read(): Promise<PageSessionDoc> {
    await this.changes.settled();
    return this.load();
  }

  private load(): Promise<PageSessionDoc> {
    return this.stored.getValue();
  }

  private change<T>(step: (doc: PageSessionDoc) => [PageSessionDoc, T]): Promise<T> {
    return this.changes.run(async () => {
      const [next, value] = step(prune(await this.load(), this.now()));
      await this.stored.setValue(next);
      return value;
    });
  }
}

/** Old entries are useless; dropping them keeps the document small. */
function prune(doc: PageSessionDoc, now: number): PageSessionDoc {
  const keep = <V extends { at?: number; createdAt?: number }>(record: Record<string, V>, ttl: number) =>
    Object.fromEntries(Object.entries(record).filter(([, v]) => now - (v.at ?? v.createdAt ?? 0) <= ttl));
  return {
    ...doc,
    gestureTokens: keep(doc.gestureTokens, GESTURE_TOKEN_TTL_MS),
    intents: keep(doc.intents, CONFIRMATION_TTL_MS),
    siteAttempts: Object.fromEntries(Object.entries(doc.siteAttempts).filter(([, at]) => now - at <= ATTEMPT_TTL_MS)),
  };
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
