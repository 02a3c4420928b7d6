import { describe, expect, it } from 'vitest';
import { safeLink, toUserError } from '../../../lib/ui/errors';

describe('toUserError', () => {
  it('keeps the background sentence (key and values), link and wait as they came', () => {
    const thrown = Object.assign(new Error('x'), {
      error: { kind: 'insufficient-funds', key: 'errorInsufficientFunds', link: 'https://numpool.com' },
    });
    expect(toUserError(thrown, 'errorUnexpected')).toEqual({
      kind: 'insufficient-funds',
      key: 'errorInsufficientFunds',
      link: 'https://numpool.com',
    });
    const limited = { error: { kind: 'rate-limited', key: 'errorRateLimitedFor', params: ['5'], retryAfterMs: 5000 } };
    expect(toUserError(limited, 'errorUnexpected')).toEqual({
      kind: 'rate-limited',
      key: 'errorRateLimitedFor',
      params: ['5'],
      retryAfterMs: 5000,
    });
  });
  it('never shows a stack or a raw message of an unexpected failure', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(toUserError(error, 'errorUnexpected')).toEqual({ kind: 'ui', key: 'errorUnexpected' });
    expect(toUserError({ error: 'string' }, 'errorUnexpected').key).toBe('errorUnexpected');
    expect(toUserError(undefined, 'errorUnexpected').key).toBe('errorUnexpected');
  });
});

describe('safeLink', () => {
  it('lets only web pages through', () => {
    expect(safeLink('https://numpool.com')).toBe('https://numpool.com/');
    expect(safeLink('javascript:alert(1)')).toBeNull();
    expect(safeLink('not a url')).toBeNull();
    expect(safeLink(undefined)).toBeNull();
  });
});
