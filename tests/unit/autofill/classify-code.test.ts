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
    ['a bare "Code" with a code\'s length', field({ label: 'Code', maxLength: 6 })],
    ['a masked MFA code', field({ type: 'password', label: 'Authentication code', maxLength: 6 })],
    ['a masked code by autocomplete', field({ type: 'password', autocomplete: ['one-time-code'] })],
    ['an SMS code on a checkout page (3-D Secure)', field({ label: 'Enter the one-time code sent by SMS', cardForm: true })],
    ['a PIN code sent by SMS', field({ label: 'PIN code sent by SMS', maxLength: 6 })],
    ['an activation code sent to the phone', field({ label: 'Activation code we sent to your phone' })],
    ['Czech', field({ label: 'Ověřovací kód' })],
    ['Turkish', field({ label: 'Doğrulama kodu' })],
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
    // Point 5 of #12: never SMS-code fields, and no field on one weak signal.
    ['a bare "Code" alone', field({ label: 'Code' })],
    ['a name "code" alone', field({ name: 'code' })],
    ['a bare "PIN" alone', field({ label: 'PIN' })],
    [
      '"Security code" on a card form',
      field({ label: 'Security code', name: 'securityCode', maxLength: 4, inputMode: 'numeric', cardForm: true }),
    ],
    ['CID', field({ label: 'CID', maxLength: 4, inputMode: 'numeric' })],
    ['CVC by placeholder', field({ placeholder: 'CVC', maxLength: 4, inputMode: 'numeric' })],
    ['USPS urbanization code', field({ label: 'Urbanization code', name: 'urbanization' })],
    ['Indian PIN code (postal) on an address form', field({ label: 'PIN code', maxLength: 6, inputMode: 'numeric', addressForm: true })],
    ['Indian pincode', field({ name: 'pincode', maxLength: 6 })],
    ['recovery code', field({ label: 'Recovery code', maxLength: 8 })],
    ['backup code', field({ label: 'Enter one of your backup codes', maxLength: 8 })],
    ['captcha answer', field({ label: 'Type the code shown', maxLength: 6 })],
    ['product activation key', field({ label: 'Activation code', maxLength: 5 })],
    ['Czech product activation', field({ label: 'Aktivační kód', maxLength: 5 })],
    ['product key', field({ label: 'Product key' })],
    ['login user code', field({ label: 'User code', name: 'usercode' })],
    ['login access code', field({ label: 'Access code', maxLength: 8 })],
    ['Portuguese access code', field({ label: 'Código de acesso' })],
    ['an e-mailed verification code', field({ label: 'Enter the verification code we sent to your email', maxLength: 6 })],
    ['an e-mail confirmation code', field({ name: 'emailCode', maxLength: 6, inputMode: 'numeric' })],
    ['an account PIN in a password field', field({ type: 'password', label: 'PIN', maxLength: 6, inputMode: 'numeric' })],
    ['a password', field({ type: 'password', label: 'Password' })],
    ['a password confirmation', field({ type: 'password', label: 'Confirm password' })],
    ['a Hungarian password confirmation', field({ type: 'password', nearText: 'Jelszó megerősítés:' })],
    ['a captcha question named verification', field({ name: 'verification', placeholder: 'Vastaa tarkistekysymykseen' })],
  ])('rejects %s', (_, snapshot) => {
    expect(isCodeField(snapshot)).toBe(false);
  });

  it('explains what qualified the field', () => {
    expect(scoreCodeField(field({ autocomplete: ['one-time-code'], maxLength: 6 })).reason).toBe('autocomplete=one-time-code+maxlength=6');
  });

  // Issue 18: on a form with no phone field and no word of a code being sent, a "verification code" is a captcha.
  it.each([
    ['Verification code', field({ label: 'Verification code', smsContext: false })],
    ['Verification code with a code shape', field({ label: 'Verification code', maxLength: 6, inputMode: 'numeric', smsContext: false })],
    ['Chinese 验证码', field({ label: '验证码', maxLength: 4, smsContext: false })],
    ['Indonesian kode verifikasi', field({ label: 'Kode verifikasi', smsContext: false })],
    ['a bare code with a code shape', field({ label: 'Code', maxLength: 6, smsContext: false })],
  ])('rejects %s on a form without an SMS step', (_, snapshot) => {
    expect(isCodeField(snapshot)).toBe(false);
    expect(isCodeField({ ...snapshot, smsContext: true })).toBe(true);
  });

  it.each([
    ['autocomplete one-time-code', field({ autocomplete: ['one-time-code'], smsContext: false })],
    ['SMS code', field({ label: 'SMS code', smsContext: false })],
    ['a code sent to the phone', field({ label: 'Enter the code we sent to your phone', smsContext: false })],
    ['OTP', field({ name: 'otp', maxLength: 6, smsContext: false })],
    ['Vietnamese mã xác nhận OTP', field({ label: 'Mã OTP', smsContext: false })],
  ])('accepts %s, which says it is sent, on any form', (_, snapshot) => {
    expect(isCodeField(snapshot)).toBe(true);
  });

  it.each([
    ['Vietnamese mã xác nhận', field({ label: 'Mã xác nhận' })],
    ['Indonesian kode verifikasi', field({ label: 'Kode verifikasi' })],
    ['Portuguese código de verificação', field({ label: 'Código de verificação' })],
  ])('accepts %s next to a phone field', (_, snapshot) => {
    expect(isCodeField(snapshot)).toBe(true);
  });
});

describe('scoreSplitCodeBoxes', () => {
  it('accepts rows of 4 to 8 boxes without words', () => {
    for (const boxes of [4, 6, 8]) expect(scoreSplitCodeBoxes(field({ maxLength: 1 }), boxes).score).toBeGreaterThanOrEqual(THRESHOLD);
  });
  it('rejects rows of other lengths', () => {
    for (const boxes of [2, 3, 9, 12]) expect(scoreSplitCodeBoxes(field({ maxLength: 1 }), boxes).score).toBe(0);
  });
  it('needs a word for masked boxes', () => {
    expect(scoreSplitCodeBoxes(field({ type: 'password', maxLength: 1 }), 6).score).toBe(0);
    expect(
      scoreSplitCodeBoxes(field({ type: 'password', maxLength: 1, nearText: 'Enter the verification code' }), 6).score,
    ).toBeGreaterThanOrEqual(THRESHOLD);
  });
  it('rejects a captcha in boxes', () => {
    expect(scoreSplitCodeBoxes(field({ maxLength: 1, nearText: 'Type the characters in the image' }), 5).score).toBeLessThan(THRESHOLD);
  });
});
