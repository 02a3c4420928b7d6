/**
 * Multilingual vocabularies for field qualification, as compact regexes over
 * {@link normalizeText} output (lower case, camelCase split, punctuation as spaces).
 * They ship in every page, so they stay regexes, not word lists.
 */

/** A phone number, or a phone number part. */
export const PHONE_WORDS =
  /phone|\bsms.{0,12}(?:number|num[eé]ro|nummer|n[uú]mero|номер)|\bfone|\bmobi(?:l|el)|\bmob(?:no|num)?\b|\bcell(?:ular|ulare|ulaire|phone|no|num|nr)?\b|\bcel(?:ular)?\b|\bhandy|\btel(?:[eé]f|[eé]m[oó]v|\b|no|nr|num|epon|p\b)|\bponsel|\bno(?:mor)? ?(?:hp|handphone|wa|telp?)\b|\bs[đd]t\b|đi[eệ]n tho[aạ]i|dien ?thoai|di đ[oộ]ng|\bdi ?dong\b|\btfno|\btlf|\bph\b|msisdn|\bgsm\b|whatsapp|\bm[oó]vil|\bportable|rufnummer|puhelin|kom[oó]rk|contact (?:no|num)|τηλ|κινητ|телеф|мобил|сотов|電話|电话|手机|手機|携帯|전화|휴대|هاتف|جوال|موبايل|تلفن|موبایل|טלפון|נייד|फ़?ोन|मोबाइल|โทร|เบอร์/;

/** Phone words that also mean something else (a spreadsheet cell, pH): weak alone. */
export const WEAK_PHONE_WORDS = /\b(?:cell|cel|ph)\b(?! ?(?:no|num|number|nr|phone)\b)/g;

/**
 * A phone extension (`Ext.`, `phone1ext`, `Durchwahl`, `ramal`): typed after
 * the number is dialled, never a phone number nor one of its parts.
 */
export const EXTENSION_WORDS =
  /(?:\b|\d|phone|tel|ph)ext(?:ension|n)?\b|\bextension|durchwahl|\bramal\b|\banexo\b|\binterno\b|добавочн|(?:^|\s)доб(?:\s|$)|分机|分機|内線|内线|내선|\bekst(?:ensi)?\b|máy lẻ/;

/** Part of a phone number that is not the subscriber number: a phone field all the same. */
export const AREA_CODE_WORDS =
  /area ?code|\bvorwahl|indicatif r[ée]g|c[oó]digo de [aá]rea|\bddd\b|код города|区号|市外局番|지역 ?번호|prefisso(?! int)/;

/** The international dialling code chosen next to a phone number. */
export const COUNTRY_CODE_WORDS =
  /country ?(?:calling |dial(?:l?ing)? )?code|dial(?:l?ing)? ?code|calling ?code|international ?prefix|intl ?(?:code|prefix)|l[aä]nder ?vorwahl|landesvorwahl|\bindicatif\b(?! r[ée]g)|c[oó]digo (?:de |del )?pa[ií]s|prefisso int|код страны|国家代码|国际区号|国番号|국가 ?번호|\bi[sd]d\b/;

/** A code of some kind: on its own, as likely a postcode, a coupon or a card's security code. */
export const CODE_WORDS =
  /code|c[oó]digo|codice|\bk[oó]d|(?:^|\s)mã(?=\s|$)|код|\bpin\b|pass ?code|\btan\b|\bsms\b(?!.{0,12}(?:number|num[eé]ro|nummer|n[uú]mero|номер))|验证码|驗證碼|校验码|确认码|認証|確認コード|인증|رمز|کد|קוד/;

/** Words only a one-time code sent to the user has: enough on their own. */
export const ONE_TIME_CODE_WORDS =
  /\botp\b|one ?time|auth(?:entication|entifizierung)? ?code|pass ?code|\b2fa\b|\bmfa\b|two ?(?:factor|step)|\bm?tan\b|\bsms\b|text(?:ed)? (?:message|code)|sent (?:to|by|via)|we (?:sent|texted)|смс|短信|简讯|验证码|驗證碼|校验码|确认码|認証|確認コード|인증|رمز التحقق|کد تایید|קוד אימות/;

/**
 * Says a code is sent to the user's phone, or that this is a one-time code:
 * a "verification code" box is an SMS code only with words like these (or a
 * phone field) around it; without, it is as likely a captcha.
 */
export const SENT_CODE_WORDS =
  /\botp\b|one ?time|\b2fa\b|\bmfa\b|two ?(?:factor|step)|\bm?tan\b|\bsms\b|\btext(?:ed)?\b|\bsent\b|\bresend|send (?:again|a new)|we (?:sent|texted)|smsc|\bkirim|gửi|envi(?:ad|ar|amos)|gesendet|envoy|отправ|смс|短信|简讯|发送|获取|送信|전송|발송/;

/** Verifying or confirming: a one-time code when a code is named too ("Verification code"), else weak (a captcha question, "Confirm password"). */
export const VERIFY_WORDS =
  /v[eé]rif|confirm|konfirm|xác (?:minh|nhận|thực)|best[aä]tig|do[gğ]rulama|\bonay|ov[eě][rř]ov|ellen[oő]rz|meger[oő]s[ií]t|vahvist|bekr[äa]ft|weryfik|potwierdz|подтвержд|провер/;

/**
 * Codes that are never sent by SMS: captchas ("type the characters shown
 * above"), vouchers, invitations, recovery and backup codes.
 */
export const OTHER_CODE_WORDS =
  /captcha|\bcapt\b|robot|human|coupon|promo|voucher|gift|discount|rabatt|gutschein|\bcup[oó][mn]\b|remise|\bref\b|referr|invit|affiliate|sponsor|image|\bshown\b|\babove\b|characters|letters|symbols|символ|буквы|\bimg\b|picture|\bpic\b|图片|图形|画像|картинк|изображ|recovery|backup|restore|scratch|r[ée]cup[ée]ration|wiederherstell|recupera/;

/**
 * Codes that name something other than a one-time code: product activation
 * keys, access and user codes that are usernames. Ruled out unless the same
 * text says the code is sent to the user ({@link ONE_TIME_CODE_WORDS}).
 */
export const NAMED_CODE_WORDS =
  /activation|aktiva|activa[cç]|product ?(?:key|code)|licen[cs]e|serial|(?:cd|product|license|licence) ?key|user ?code|access ?code|c[oó]digo de acesso|c[oó]digo de usu[aá]rio|c[oó]digo de acceso|employee|company ?code|school|course|class ?code|group ?code|branch|agency|ag[eê]ncia|store ?code|dealer|partner/;

/** India's postal code, on address forms; elsewhere a "PIN code" is as likely the code sent by SMS. */
export const POSTAL_PIN_WORDS = /pin ?code/;

/** An e-mail address: a code "sent to your e-mail" is not the SMS code. */
export const EMAIL_WORDS = /e ?mail|correo|courriel|邮箱|メール|이메일|почт/;

/** Numbers that are neither phone numbers nor SMS codes: cards, postcodes, account and identity numbers. */
export const NUMBER_FIELD_WORDS =
  /card|\bcc\b|\bcvv|\bcvc|\bcsc\b|\bcid\b|\bcvn\b|expir|\bzip|post ?code|postal|postleitzahl|\bplz\b|pincode|urbani[sz]ation|c[oó]digo postal|code postal|\bcap\b|\bcep\b|почтов|индекс|邮编|邮政|郵便|우편|member|customer|client|kunden|account|\bacct|\bid\b|passport|\btax|fiscal|\bvat\b|\bssn\b|\bcpf\b|\bcnpj\b|\bnif\b|\bdni\b|\brut\b|\bcurp\b|\binn\b|снилс|iban|\bbic\b|swift|routing|birth|\bdate\b|\byear|quantity|\bqty\b|amount|price|kode ?pos|rekening|\bnik\b|\bktp\b|mã bưu|bưu chính|bưu điện|\bcmnd\b|\bcccd\b/;

/** Other fields that sit in signup forms next to phone and code fields. */
export const OTHER_FIELD_WORDS =
  /fax|факс|传真|ファクス|팩스|\bext\b|extension|durchwahl|e ?mail|correo|courriel|邮箱|メール|이메일|user ?name|login|password|passwort|contrase|пароль|密码|jelsz|heslo|has[lł]o|senha|wachtwoord|l[öo]senord|salasana|kennwort|mot de passe|search|\bsuche|\bbusca|recherche|поиск|搜索|\bname\b|nick|\bnome\b|\bnom\b|vorname|nachname|имя|фамил|姓名|名前|이름/;

/** A field taking either a phone number or another login (`Email or phone`). */
export const OTHER_LOGIN_WORDS =
  /e ?mail|correo|courriel|user ?name|login|account|benutzer|usu[aá]rio|utilisateur|邮箱|用户名|アカウント|アドレス|이메일|아이디|логин|почт/;

/** Turns labels and identifiers into one comparable form: `userPhone_2` → `user phone 2`. */
export function normalizeText(text: string): string {
  return (
    text
      // Vietnamese and other accented text may come decomposed: the vocabularies are written composed.
      .normalize('NFC')
      .replace(/([a-z])(?=[A-Z\d])/g, '$1 ')
      .toLowerCase()
      .replace(/[\s_\-.:;,/\\|[\]{}()#*+!?"'’«»<>=$@&~]+/g, ' ')
      .trim()
  );
}
