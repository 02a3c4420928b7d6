import { z } from 'zod';
import { CONFIRM_REASONS } from '../messaging/protocol';
import type { StorageArea } from '../state/store';
import { SCHEMES } from './page-site';

/**
 * What the background remembers about pages for one browser session, in `storage.session` (a
 * worker may stop between a click and its answer; content scripts cannot read this area):
 * gesture tokens (the browser's context menu or keyboard shortcut was used on a tab), purchases
 * waiting for the user's confirmation, and when each tab last bought from a page. Changes run one
 * at a time, so two quick clicks cannot both take one token.
 */
const KEY = 'pageSession';

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
  createdAt: z.number(),
});
/** A purchase a page asked for that waits for the user's yes in an extension window. */
export type PurchaseIntent = z.infer<typeof intentSchema>;

const sessionSchema = z.object({
  version: z.literal(1),
  gestureTokens: z.record(z.string(), gestureTokenSchema),
  intents: z.record(z.string(), intentSchema),
  /** Tab id → when a number was last bought from a page in it. */
  pagePurchases: z.record(z.string(), z.number()),
});
type SessionDoc = z.infer<typeof sessionSchema>;
const EMPTY: SessionDoc = { version: 1, gestureTokens: {}, intents: {}, pagePurchases: {} };

export class PageSession {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly session: StorageArea,
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

  addIntent(intent: PurchaseIntent): Promise<string> {
    const id = this.newId();
    // One question per tab at a time: a newer click replaces an unanswered one.
    return this.change((doc) => {
      const others = Object.fromEntries(Object.entries(doc.intents).filter(([, i]) => i.tabId !== intent.tabId));
      return [{ ...doc, intents: { ...others, [id]: intent } }, id];
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

  async lastPagePurchase(tabId: number): Promise<number | null> {
    return (await this.read()).pagePurchases[String(tabId)] ?? null;
  }

  notePagePurchase(tabId: number): Promise<void> {
    return this.change((doc) => [{ ...doc, pagePurchases: { ...doc.pagePurchases, [String(tabId)]: this.now() } }, undefined]);
  }

  private async read(): Promise<SessionDoc> {
    await this.chain;
    return this.load();
  }

  private async load(): Promise<SessionDoc> {
    const parsed = sessionSchema.safeParse((await this.session.get(KEY))[KEY]);
    return parsed.success ? parsed.data : EMPTY;
  }

  private change<T>(step: (doc: SessionDoc) => [SessionDoc, T]): Promise<T> {
    const run = this.chain.then(async () => {
      const [next, value] = step(prune(await this.load(), this.now()));
      await this.session.set({ [KEY]: next });
      return value;
    });
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/** Old entries are useless; dropping them keeps the document small. */
function prune(doc: SessionDoc, now: number): SessionDoc {
  const keep = <V extends { at?: number; createdAt?: number }>(record: Record<string, V>, ttl: number) =>
    Object.fromEntries(Object.entries(record).filter(([, v]) => now - (v.at ?? v.createdAt ?? 0) <= ttl));
  return {
    ...doc,
    gestureTokens: keep(doc.gestureTokens, GESTURE_TOKEN_TTL_MS),
    intents: keep(doc.intents, CONFIRMATION_TTL_MS),
  };
}

function randomId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
