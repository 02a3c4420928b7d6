import { describe, expect, it } from 'vitest';
import { safeLink, toUserError } from '../../../lib/ui/errors';

describe('toUserError', () => {
  it('keeps the background sentence, link and wait as they came', () => {
    const thrown = Object.assign(new Error('x'), { error: { kind: 'insufficient-funds', message: 'Your NumPool balance is too low.', link: 'https://numpool.com' } });
    expect(toUserError(thrown, 'fallback')).toEqual({ kind: 'insufficient-funds', message: 'Your NumPool balance is too low.', link: 'https://numpool.com' });
    const limited = { error: { kind: 'rate-limited', message: 'Too many requests.', retryAfterMs: 5000 } };
    expect(toUserError(limited, 'fallback')).toEqual({ kind: 'rate-limited', message: 'Too many requests.', retryAfterMs: 5000 });
  });
  it('never shows a stack or a raw message of an unexpected failure', () => {
    const error = new TypeError("Cannot read properties of undefined (reading 'x')");
    expect(toUserError(error, 'Something went wrong. Try again.')).toEqual({ kind: 'ui', message: 'Something went wrong. Try again.' });
    expect(toUserError({ error: 'string' }, 'fallback').message).toBe('fallback');
    expect(toUserError(undefined, 'fallback').message).toBe('fallback');
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
