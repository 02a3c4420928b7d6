/**
 * Multilingual vocabularies for field qualification, as compact regexes over
 * {@link normalizeText} output (lower case, camelCase split, punctuation as spaces).
 * They ship in every page, so they stay regexes, not word lists.
 */

/** A phone number, or a phone number part. */
export const PHONE_WORDS =
  /phone|\bsms.{0,12}(?:number|num[eé]ro|nummer|n[uú]mero|номер)|\bfone|\bmobi(?:l|el)|\bmob(?:no|num)?\b|\bcell|\bcel(?:ular)?\b|\bhandy|\btel(?:[eé]f|[eé]m[oó]v|\b|no|nr|num)|\btfno|\btlf|\bph\b|msisdn|\bgsm\b|whatsapp|\bm[oó]vil|\bportable|rufnummer|puhelin|kom[oó]rk|contact (?:no|num)|τηλ|κινητ|телеф|мобил|сотов|電話|电话|手机|手機|携帯|전화|휴대|هاتف|جوال|موبايل|تلفن|موبایل|טלפון|נייד|फ़?ोन|मोबाइल|โทร|เบอร์|điện thoại/;

/** Part of a phone number that is not the subscriber number: a phone field all the same. */
export const AREA_CODE_WORDS =
  /area ?code|\bvorwahl|indicatif r[ée]g|c[oó]digo de [aá]rea|\bddd\b|код города|区号|市外局番|지역 ?번호|prefisso(?! int)/;

/** The international dialling code chosen next to a phone number. */
export const COUNTRY_CODE_WORDS =
  /country ?(?:calling |dial(?:l?ing)? )?code|dial(?:l?ing)? ?code|calling ?code|international ?prefix|intl ?(?:code|prefix)|l[aä]nder ?vorwahl|landesvorwahl|\bindicatif\b(?! r[ée]g)|c[oó]digo (?:de |del )?pa[ií]s|prefisso int|код страны|国家代码|国际区号|国番号|국가 ?번호|\bi[sd]d\b/;

/** A one-time code received by SMS ("SMS number" is a phone number). */
export const CODE_WORDS =
  /code|c[oó]digo|codice|\bkod|код|\botp|one ?time|\bpin\b|pass ?code|\b2fa\b|\bmfa\b|\bm?tan\b|\bsms\b(?!.{0,12}(?:number|num[eé]ro|nummer|n[uú]mero|номер))|验证码|驗證碼|校验码|确认码|認証|確認コード|인증|رمز|کد|קוד/;

/** Codes that are not sent by SMS: captchas ("type the characters shown above"), vouchers, invitations. */
export const OTHER_CODE_WORDS =
  /captcha|\bcapt\b|robot|human|coupon|promo|voucher|gift|discount|rabatt|gutschein|\bcup[oó][mn]\b|remise|\bref\b|referr|invit|affiliate|sponsor|image|\bshown\b|\babove\b|characters|letters|symbols|символ|буквы|\bimg\b|picture|\bpic\b|图片|图形|画像|картинк|изображ/;

/** Numbers that are neither phone numbers nor SMS codes: cards, postcodes, account numbers. */
export const NUMBER_FIELD_WORDS =
  /card|\bcc\b|\bcvv|\bcvc|\bcsc\b|\bcid\b|expir|\bzip|post ?code|postal|postleitzahl|\bplz\b|pincode|c[oó]digo postal|code postal|\bcap\b|\bcep\b|почтов|индекс|邮编|邮政|郵便|우편|member|customer|client|kunden|account|\bacct|\bid\b|passport|\btax|fiscal|\bvat\b|\bssn\b|iban|\bbic\b|swift|routing|birth|\bdate\b|\byear|quantity|\bqty\b|amount|price/;

/** Other fields that sit in signup forms next to phone and code fields. */
export const OTHER_FIELD_WORDS =
  /fax|факс|传真|ファクス|팩스|\bext\b|extension|durchwahl|e ?mail|correo|courriel|邮箱|メール|이메일|user ?name|login|password|passwort|contrase|пароль|密码|search|\bsuche|\bbusca|recherche|поиск|搜索/;

/** Turns labels and identifiers into one comparable form: `userPhone_2` → `user phone 2`. */
export function normalizeText(text: string): string {
  return text
    .replace(/([a-z])(?=[A-Z\d])/g, '$1 ')
    .toLowerCase()
    .replace(/[\s_\-.:;,/\\|[\]{}()#*+!?"'’«»<>=$@&~]+/g, ' ')
    .trim();
}
