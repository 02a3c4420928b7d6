// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { isPhoneField, looksLikePhoneNumber, scorePhoneField } from '../../../lib/autofill/classify-phone';
import { field } from './helpers';

describe('isPhoneField', () => {
  it.each([
    ['autocomplete tel', field({ autocomplete: ['tel'] })],
    ['autocomplete with qualifiers', field({ autocomplete: ['section-signup', 'shipping', 'mobile', 'tel'] })],
    ['autocomplete tel-national', field({ autocomplete: ['tel-national'] })],
    ['autocomplete tel-area-code (a part)', field({ autocomplete: ['tel-area-code'], maxLength: 3 })],
    ['type=tel with a number-shaped placeholder', field({ type: 'tel', placeholder: '(201) 555-0123' })],
    ['type=tel with inputmode=tel', field({ type: 'tel', inputMode: 'tel' })],
    ['"cell" with type=tel', field({ type: 'tel', name: 'cell' })],
    ['cell number', field({ name: 'cellNumber' })],
    ['cell phone', field({ label: 'Cell phone' })],
    ['name phone', field({ name: 'phone' })],
    ['camelCase name', field({ name: 'userMobileNo' })],
    ['ASP.NET name', field({ name: 'ctl00$MainContent$tbPhone', id: 'ctl00_MainContent_tbPhone' })],
    ['name tel', field({ name: 'tel' })],
    ['name telno', field({ name: 'telno' })],
    ['name msisdn', field({ name: 'msisdn' })],
    ['name cellphone', field({ name: 'cellphone' })],
    ['label Phone number', field({ label: 'Phone number' })],
    ['label Tel.', field({ label: 'Tel.:' })],
    ['German Handy', field({ label: 'Handynummer' })],
    ['German Telefon', field({ label: 'Telefonnummer' })],
    ['Spanish', field({ label: 'Teléfono móvil' })],
    ['French', field({ label: 'Téléphone' })],
    ['Portuguese', field({ label: 'Telefone celular' })],
    ['Portuguese telemóvel', field({ label: 'Telemóvel' })],
    ['Italian', field({ label: 'Numero di telefono' })],
    ['Dutch', field({ label: 'Telefoon' })],
    ['Russian телефон', field({ placeholder: 'Номер вашего телефона' })],
    ['Russian мобильный', field({ label: 'Мобильный' })],
    ['Chinese', field({ label: '手机号' })],
    ['Japanese', field({ label: '電話番号' })],
    ['Korean', field({ label: '전화번호' })],
    ['Arabic', field({ label: 'رقم الهاتف' })],
    ['Hebrew', field({ label: 'טלפון' })],
    ['Greek', field({ label: 'Τηλέφωνο' })],
    ['area code part', field({ name: 'areaCode', maxLength: 3 })],
    ['phone-shaped placeholder with nearby words', field({ placeholder: '+1 (555) 123-4567', nearText: 'Mobile' })],
    ['inputmode tel with nearby text', field({ inputMode: 'tel', nearText: 'Phone' })],
    ['nearby text with type=tel', field({ type: 'tel', nearText: 'Contact phone' })],
    ['email or phone on a signup form', field({ label: 'Mobile number or email' })],
    ['label phone/fax', field({ label: 'Phone/Fax' })],
    ['label mentions a code, name says phone', field({ name: 'phone', type: 'tel', label: 'Phone (we text you a code)' })],
  ])('accepts %s', (_, snapshot) => {
    expect(isPhoneField(snapshot)).toBe(true);
  });

  it.each([
    ['an unlabelled text input', field()],
    ['a select', field({ tag: 'select', type: 'select', name: 'phone_type', options: [] })],
    ['card number with type=tel', field({ type: 'tel', name: 'cardnumber', autocomplete: ['cc-number'] })],
    ['card number labelled only', field({ type: 'tel', label: 'Card number', maxLength: 19 })],
    ['CVV', field({ type: 'tel', name: 'cvv', maxLength: 4 })],
    ['postcode with type=tel', field({ type: 'tel', name: 'zip' })],
    ['postcode in words', field({ type: 'tel', label: 'Postleitzahl' })],
    ['Indian pincode', field({ type: 'tel', label: 'Pincode' })],
    ['member number with type=tel', field({ type: 'tel', label: 'Membership number' })],
    ['customer id', field({ type: 'tel', name: 'customer_id' })],
    ['fax', field({ type: 'tel', name: 'fax', label: 'Fax' })],
    ['phone extension', field({ type: 'tel', name: 'phone_ext', autocomplete: ['tel-extension'], maxLength: 5 })],
    ['autocomplete fax tel', field({ autocomplete: ['fax', 'tel'] })],
    ['country code input', field({ name: 'countryCode', label: 'Country code', maxLength: 4 })],
    ['code box using type=tel', field({ type: 'tel', maxLength: 1 })],
    ['six-digit code using type=tel', field({ type: 'tel', maxLength: 6, inputMode: 'numeric' })],
    ['SMS code mentioning the phone', field({ type: 'tel', label: 'Enter the code sent to your phone', maxLength: 6 })],
    ['OTP with type=tel', field({ type: 'tel', name: 'otp', autocomplete: ['one-time-code'] })],
    ['email autocomplete', field({ name: 'phone', autocomplete: ['email'] })],
    ['promo code', field({ type: 'tel', label: 'Promo code' })],
    ['search box', field({ name: 'q', placeholder: 'Search phones', label: 'Search' })],
    // Point 6 of #12: one weak signal is not enough.
    ['type=tel alone (a contract number)', field({ type: 'tel', name: 'contract' })],
    ['type=tel alone, unnamed', field({ type: 'tel' })],
    ['a number-shaped placeholder alone', field({ placeholder: '+1 (555) 123-4567' })],
    ['inputmode=tel alone', field({ inputMode: 'tel' })],
    ['"cell" inside an id (a spreadsheet cell)', field({ id: 'cell-r3c2', name: 'cell-r3c2' })],
    ['"cell" inside a longer word', field({ name: 'cellar_door', type: 'tel' })],
    ['a CPF tax id placeholder', field({ type: 'tel', placeholder: '000.000.000-00' })],
    ['a CPF field', field({ label: 'CPF', type: 'tel', placeholder: '000.000.000-00' })],
    ['a display name', field({ label: 'Display name', name: 'displayName' })],
    ['named phone, labelled username', field({ label: 'Username', name: 'phone', type: 'tel' })],
    ['an e-mailed security code using type=tel', field({ type: 'tel', label: 'Security code sent to your email', maxLength: 8 })],
    ['email or phone on a sign-in form', field({ label: 'Email or phone', loginForm: true })],
    [
      'phone, email or username on a sign-in form',
      field({ placeholder: 'Phone number, username, or email', name: 'username', loginForm: true }),
    ],
  ])('rejects %s', (_, snapshot) => {
    expect(isPhoneField(snapshot)).toBe(false);
  });

  it('explains what qualified the field', () => {
    expect(scorePhoneField(field({ type: 'tel', label: 'Phone' })).reason).toBe('label+type=tel');
  });

  // Issue 18: phone words of our seven languages and their short forms, in labels, placeholders, names and ids.
  it.each([
    ['Indonesian "Nomor Telepon" label', field({ label: 'Nomor Telepon' })],
    ['Indonesian telepon in a name', field({ name: 'nomor_telepon' })],
    ['Indonesian camelCase id', field({ id: 'nomorTelepon' })],
    ['Indonesian "Nomor HP"', field({ label: 'Nomor HP' })],
    ['Indonesian "No. HP"', field({ placeholder: 'No. HP' })],
    ['Indonesian nohp name', field({ name: 'nohp' })],
    ['Indonesian "No. Telp"', field({ label: 'No. Telp' })],
    ['Indonesian ponsel', field({ label: 'Nomor ponsel' })],
    ['Vietnamese "Số điện thoại"', field({ label: 'Số điện thoại' })],
    ['Vietnamese decomposed (NFD) text', field({ label: 'Số điện thoại'.normalize('NFD') })],
    ['Vietnamese SĐT', field({ placeholder: 'SĐT' })],
    ['Vietnamese without accents in a name', field({ name: 'so_dien_thoai' })],
    ['Vietnamese sdt id', field({ id: 'sdt' })],
    ['Vietnamese "Di động"', field({ label: 'Di động' })],
    ['Portuguese celular in a name', field({ name: 'celular' })],
    ['Portuguese telemóvel placeholder', field({ placeholder: 'Telemóvel' })],
    ['Spanish teléfono in a placeholder', field({ placeholder: 'Teléfono' })],
    ['Spanish móvil', field({ label: 'Móvil' })],
    ['Russian телефон in a placeholder', field({ placeholder: 'Телефон' })],
    ['Russian мобильный', field({ label: 'Мобильный телефон' })],
    ['Chinese 电话', field({ label: '电话' })],
    ['Chinese 手機', field({ placeholder: '手機號碼' })],
    ['Chinese 手机号', field({ nearText: '手机号' })],
  ])('accepts %s', (_, snapshot) => {
    expect(isPhoneField(snapshot)).toBe(true);
  });

  it.each([
    ['Indonesian bank account number', field({ label: 'Nomor rekening', type: 'tel' })],
    ['Indonesian postcode', field({ label: 'Kode pos', type: 'tel' })],
    ['Indonesian identity number', field({ label: 'NIK', type: 'tel', name: 'nik' })],
    ['Vietnamese postcode', field({ label: 'Mã bưu chính', type: 'tel' })],
    ['a honeypot named hp', field({ name: 'hp', type: 'tel' })],
    // An extension is dialled after the number: never a phone field.
    ['an extension by name', field({ name: 'ext', maxLength: 5 })],
    ['phone1ext', field({ name: 'phone1ext', maxLength: 5 })],
    ['phoneExt with type=tel', field({ name: 'phoneExt', type: 'tel' })],
    ['a short box labelled Ext.', field({ nearText: 'Ext.', maxLength: 4 })],
    ['a phone extension labelled in words', field({ label: 'Phone extension' })],
    ['Portuguese ramal', field({ label: 'Ramal', type: 'tel' })],
    ['Chinese 分机', field({ label: '分机号', type: 'tel' })],
    ['Russian доб.', field({ nearText: 'доб.', type: 'tel', maxLength: 5 })],
  ])('rejects %s', (_, snapshot) => {
    expect(isPhoneField(snapshot)).toBe(false);
  });

  it('offers a phone-only field on a sign-in form (sign-in by SMS)', () => {
    expect(isPhoneField(field({ label: 'Phone number', type: 'tel', loginForm: true }))).toBe(true);
  });

  it('explains weak signals', () => {
    expect(scorePhoneField(field({ type: 'tel', name: 'cell' })).reason).toBe('identifier(weak)+type=tel');
  });

  it('weighs explicit labels over nearby text', () => {
    expect(scorePhoneField(field({ label: 'Phone' })).score).toBeGreaterThan(scorePhoneField(field({ nearText: 'Phone' })).score);
  });
});

describe('looksLikePhoneNumber', () => {
  it.each(['+1 (555) 123-4567', '(201) 555-0123', '07400 123456', '0612345678', '+7 916 123-45-67', 'e.g. +44 7400 123456'])(
    'sees a number in %s',
    (text) => expect(looksLikePhoneNumber(text)).toBe(true),
  );
  it.each(['123456', '12345678', 'Phone', '2024', '1234 5678'.slice(0, 4)])('sees none in %s', (text) =>
    expect(looksLikePhoneNumber(text)).toBe(false),
  );
});
