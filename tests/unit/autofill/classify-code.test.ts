// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isCodeField, scoreCodeField, scoreSplitCodeBoxes } from '../../../lib/autofill/classify-code';
import { THRESHOLD } from '../../../lib/autofill/evidence';
import { field } from './helpers';

describe('isCodeField', () => {
  it.each([
    ['autocomplete one-time-code alone', field({ autocomplete: ['one-time-code'] })],
    ['name otp', field({ name: 'otp', maxLength: 6 })],
    ['name smsCode', field({ name: 'smsCode' })],
    ['label Verification code', field({ label: 'Verification code' })],
    ['label Enter the code we sent to your phone', field({ label: 'Enter the code we sent to your phone', inputMode: 'numeric' })],
    ['label PIN', field({ label: 'PIN', maxLength: 6 })],
    ['2FA', field({ name: '2fa_token' })],
    ['passcode', field({ label: 'Passcode', inputMode: 'numeric' })],
    ['security code without a card', field({ label: 'Security code', inputMode: 'numeric', maxLength: 6 })],
    ['German', field({ label: 'Bestätigungscode' })],
    ['German mTAN', field({ label: 'mTAN', maxLength: 6 })],
    ['Spanish', field({ label: 'Código de verificación' })],
    ['Russian', field({ label: 'Код из СМС' })],
    ['Chinese', field({ label: '短信验证码' })],
    ['Japanese', field({ label: '認証コード' })],
    ['Korean', field({ label: '인증번호' })],
    ['Chinese name for the code of a phone', field({ name: 'mobileCode', maxLength: 6 })],
    ['words plus numeric shape', field({ nearText: 'Enter code', inputMode: 'numeric', maxLength: 6, pattern: '\\d{6}' })],
  ])('accepts %s', (_, snapshot) => {
    expect(isCodeField(snapshot)).toBe(true);
  });

  it.each([
    ['shape without words', field({ inputMode: 'numeric', maxLength: 6, pattern: '[0-9]*' })],
    ['a select', field({ tag: 'select', type: 'select', label: 'Code' })],
    ['captcha by name', field({ name: 'captcha', label: 'Enter the code' })],
    ['captcha by image next to it', field({ label: 'Verification code', name: 'verifyCode', maxLength: 4, nearImage: true })],
    ['Chinese image captcha', field({ label: '图片验证码' })],
    ['coupon', field({ label: 'Coupon code', maxLength: 8 })],
    ['promo', field({ name: 'promo_code' })],
    ['voucher', field({ label: 'Voucher code' })],
    ['gift card', field({ label: 'Gift card code' })],
    ['German voucher', field({ label: 'Gutscheincode' })],
    ['referral', field({ label: 'Referral code' })],
    ['invitation', field({ label: 'Invitation code' })],
    ['CVV', field({ label: 'CVV', maxLength: 4, inputMode: 'numeric' })],
    ['card security code', field({ label: 'Card security code', maxLength: 4 })],
    ['security code named cvc', field({ label: 'Security code', name: 'cvc', maxLength: 4 })],
    ['card security code by autocomplete', field({ label: 'Security code', autocomplete: ['cc-csc'] })],
    ['postcode', field({ label: 'Postcode', maxLength: 8 })],
    ['zip code', field({ name: 'zipCode', maxLength: 5, inputMode: 'numeric' })],
    ['country code', field({ label: 'Country code', maxLength: 4 })],
    ['area code', field({ label: 'Area code', maxLength: 3 })],
    ['a phone number', field({ label: 'Phone', type: 'tel' })],
    ['too short for a code', field({ label: 'Code', maxLength: 3 })],
  ])('rejects %s', (_, snapshot) => {
    expect(isCodeField(snapshot)).toBe(false);
  });

  it('explains what qualified the field', () => {
    expect(scoreCodeField(field({ autocomplete: ['one-time-code'], maxLength: 6 })).reason).toBe('autocomplete=one-time-code+maxlength=6');
  });
});

describe('scoreSplitCodeBoxes', () => {
  it('accepts rows of 4 to 8 boxes without words', () => {
    for (const boxes of [4, 6, 8]) expect(scoreSplitCodeBoxes(field({ maxLength: 1 }), boxes).score).toBeGreaterThanOrEqual(THRESHOLD);
  });
  it('rejects rows of other lengths', () => {
    for (const boxes of [2, 3, 9, 12]) expect(scoreSplitCodeBoxes(field({ maxLength: 1 }), boxes).score).toBe(0);
  });
  it('rejects a captcha in boxes', () => {
    expect(scoreSplitCodeBoxes(field({ maxLength: 1, nearText: 'Type the characters in the image' }), 5).score).toBeLessThan(THRESHOLD);
  });
});
