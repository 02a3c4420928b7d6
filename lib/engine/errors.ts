import { NumPoolError, TOP_UP_URL } from '../numpool/errors';
import type { UserError } from '../messaging/protocol';

/** An engine refusal that is not an API error: a guard, a missing key, a bad input. */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  constructor(
    readonly kind: 'no-key' | 'guard' | 'invalid-input' | 'not-found' | 'uncertain' | 'not-allowed',
    message: string,
    readonly link?: string,
  ) {
    super(message);
  }
}

/**
 * Every failure becomes a sentence the user can act on, as sent to the popup or a page; nothing
 * else crosses. (The popup's `toUserError` reads such a sentence back out of a rejection.)
 */
export function errorForUser(error: unknown): UserError {
  if (error instanceof NumPoolError) {
    return {
      kind: error.kind,
      message: error.message,
      retryAfterMs: error.retryAfterMs,
      link: error.kind === 'insufficient-funds' ? TOP_UP_URL : undefined,
    };
  }
  if (error instanceof EngineError) return { kind: error.kind, message: error.message, link: error.link };
  return { kind: 'internal', message: 'Something went wrong in the extension. Try again.' };
}

/** Whether a failure is one the engine meant (an API answer, a refusal), not a bug. */
export function isExpectedError(error: unknown): boolean {
  return error instanceof NumPoolError || error instanceof EngineError;
}
