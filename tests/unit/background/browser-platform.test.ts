import { describe, expect, it } from 'vitest';
import { restrictLocalStorage } from '../../../lib/background/browser-platform';

describe('storage.local restricted to the extension', () => {
  it('asks for trusted contexts only', async () => {
    const asked: unknown[] = [];
    await restrictLocalStorage({ setAccessLevel: async (o) => void asked.push(o) });
    expect(asked).toEqual([{ accessLevel: 'TRUSTED_CONTEXTS' }]);
  });

  it('a browser without the call (Firefox) is no failure; a call that fails is, for the background to log', async () => {
    await expect(restrictLocalStorage({})).resolves.toBeUndefined();
    await expect(restrictLocalStorage({ setAccessLevel: () => Promise.reject(new Error('not allowed')) })).rejects.toThrow('not allowed');
  });
});
