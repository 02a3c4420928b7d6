import { vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { renderEn } from '../i18n/en';

/** Components rendered in English, in an en-US browser: WXT's fake browser has no i18n. Not a test file. */
export function useEnglish(): void {
  fakeBrowser.reset();
  vi.spyOn(fakeBrowser.i18n, 'getMessage').mockImplementation((key: string, subs?: string | (string | number)[]) =>
    renderEn({ key, params: subs === undefined ? [] : typeof subs === 'string' ? [subs] : subs.map(String) }),
  );
  vi.spyOn(fakeBrowser.i18n, 'getUILanguage').mockReturnValue('en-US');
}
