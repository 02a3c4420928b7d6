import type { UserError } from '../messaging/protocol';

/**
 * What the UI shows for a failure. A `RequestError` from `lib/messaging/client` carries a sentence
 * the background already worded; anything else (a bug in the UI) gets the generic fallback, never
 * a stack or a status code.
 */
export function toUserError(error: unknown, fallback: string): UserError {
  if (error && typeof error === 'object' && 'error' in error) {
    const inner = (error as { error: unknown }).error;
    if (inner && typeof inner === 'object' && typeof (inner as UserError).message === 'string' && typeof (inner as UserError).kind === 'string') {
      const e = inner as UserError;
      return { kind: e.kind, message: e.message, ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}), ...(e.link ? { link: e.link } : {}) };
    }
  }
  return { kind: 'ui', message: fallback };
}

/** Links an error may carry: only web pages open in a tab; anything else is not a link. */
export function safeLink(link: string | undefined): string | null {
  if (!link) return null;
  try {
    const url = new URL(link);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
