import { NumPoolError, TOP_UP_URL } from '../numpool/errors';
import type { UserError } from '../messaging/protocol';
import { text, type MessageKey, type Text } from '../i18n/i18n';

/**
 * An engine refusal that is not an API error: a guard, a missing key, a bad input. It carries the
 * sentence as a key of the locale files and its values: the context that shows it (the popup, a
 * page, a notification) words it in the user's language.
 */
export class EngineError extends Error {
  override readonly name = 'EngineError';
  readonly params?: string[];
  constructor(
    readonly kind: 'no-key' | 'guard' | 'invalid-input' | 'not-found' | 'uncertain' | 'not-allowed',
    readonly key: MessageKey,
    params: readonly (string | number)[] = [],
    readonly link?: string,
  ) {
    super(key);
    if (params.length > 0) this.params = params.map(String);
  }
}

/** The sentence for a failed API request, by what went wrong. */
export function numPoolErrorText(error: NumPoolError): Text {
  switch (error.kind) {
    case 'bad-request':
      return error.serverMessage ? text('errorBadRequestSaid', error.serverMessage) : text('errorBadRequest');
    case 'unauthorized':
      return text('errorUnauthorized');
    case 'insufficient-funds':
      return text('errorInsufficientFunds');
    case 'not-found':
      return text('errorServerNotFound');
    case 'rate-limited':
      return error.retryAfterMs ? text('errorRateLimitedFor', Math.max(1, Math.ceil(error.retryAfterMs / 1000))) : text('errorRateLimited');
    case 'server':
      return text('errorServer', error.status ?? '5xx');
    case 'http':
      return text('errorHttp', error.status ?? '?');
    case 'network':
      return text('errorNetwork');
    case 'timeout':
      return text('errorTimeout');
    case 'invalid-response':
      return text('errorInvalidResponse');
  }
}

/**
 * Every failure becomes a sentence the user can act on, as sent to the popup or a page; nothing
 * else crosses. (The popup's `toUserError` reads it back out of a rejection.)
 */
export function errorForUser(error: unknown): UserError {
  if (error instanceof NumPoolError) {
    return {
      kind: error.kind,
      ...numPoolErrorText(error),
      retryAfterMs: error.retryAfterMs,
      link: error.kind === 'insufficient-funds' ? TOP_UP_URL : undefined,
    };
  }
  if (error instanceof EngineError)
    return { kind: error.kind, key: error.key, ...(error.params ? { params: error.params } : {}), link: error.link };
  return { kind: 'internal', key: 'errorInternal' };
}

/** The user's sentence of a failure, for a notification. */
export function errorText(error: unknown): Text {
  const { key, params } = errorForUser(error);
  return { key: key as MessageKey, ...(params ? { params } : {}) };
}

/** Whether a failure is one the engine meant (an API answer, a refusal), not a bug. */
export function isExpectedError(error: unknown): boolean {
  return error instanceof NumPoolError || error instanceof EngineError;
}
