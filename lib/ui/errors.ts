import type { UserError } from '../messaging/protocol';
import { t, type MessageKey } from '../i18n/i18n';

/**
 * What the UI shows for a failure. A `RequestError` from `lib/messaging/client` carries the
 * sentence the background chose (a key and its values); anything else (a bug in the UI) gets the
 * generic fallback, never a stack or a status code.
 */
export function toUserError(error: unknown, fallback: MessageKey): UserError {
  if (error && typeof error === 'object' && 'error' in error) {
    const inner = (error as { error: unknown }).error;
    if (
      inner &&
      typeof inner === 'object' &&
      typeof (inner as UserError).key === 'string' &&
      typeof (inner as UserError).kind === 'string'
    ) {
      const e = inner as UserError;
      return {
        kind: e.kind,
        key: e.key,
        ...(e.params ? { params: e.params } : {}),
        ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
        ...(e.link ? { link: e.link } : {}),
      };
    }
  }
  return { kind: 'ui', key: fallback };
}

/** The failure in the user's language. */
export function errorText(error: UserError): string {
  return t(error.key as MessageKey, error.params);
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
