// @vitest-environment jsdom
// The loader's first look, which decides on every page whether the autofill part is loaded at all.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasLikelyField } from '../../../lib/content/loader';
import { JSDOM } from '../autofill/helpers';

const REAL = path.resolve(import.meta.dirname, '../../fixtures/forms/real');
const page = (html: string) => new JSDOM(html).window.document;

describe('the loader’s first look', () => {
  it.each(readdirSync(REAL).filter((file) => file.endsWith('.html')))('sees the phone field of the saved real form %s', (file) => {
    expect(hasLikelyField(page(readFileSync(path.join(REAL, file), 'utf8')))).toBe(true);
  });

  it('sees a field whose phone words are only in its title, or in the element before it (caltronind.com, davidcareyinc.com)', () => {
    const form = (html: string) => page(`<form><input name="name" title="Your name">${html}</form>`);
    expect(hasLikelyField(form('<input name="_7ebbb6" title="Phone Number">'))).toBe(true);
    expect(hasLikelyField(form('<div><div class="form-label">Telephone Number:</div><div><input name="custom-16"></div></div>'))).toBe(
      true,
    );
    expect(hasLikelyField(form('<div><div class="form-label">Company:</div><div><input name="custom-14"></div></div>'))).toBe(false);
  });

  it('sees boxes of 3 and 3 or 4 digits labelled only by the text before them (northfieldlines.com)', () => {
    const row = (last: number) =>
      `<table><tr><td>Phone</td><td><input name="a" maxlength="3"><input name="b" maxlength="3"><input name="c" maxlength="${last}"></td></tr></table>`;
    expect(hasLikelyField(page(row(4)))).toBe(true);
    expect(hasLikelyField(page(`<input name="a" maxlength="3"><input name="b" maxlength="4">`))).toBe(true);
  });

  it('does not load for a date in 2/2/4 boxes, a card’s expiry and security code, or a form without a number', () => {
    expect(hasLikelyField(page(`<input name="mm" maxlength="2"><input name="dd" maxlength="2"><input name="yyyy" maxlength="4">`))).toBe(
      false,
    );
    expect(hasLikelyField(page(`<input name="exp" maxlength="5"><input name="cvv" maxlength="3"><input name="zip" maxlength="5">`))).toBe(
      false,
    );
    expect(hasLikelyField(page(`<input name="email" type="email"><input name="password" type="password">`))).toBe(false);
  });
});
