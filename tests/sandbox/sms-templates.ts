import type { Rng } from './random.ts';

/**
 * What verification SMS look like, per service: clients must find the code in
 * the text, so the formats vary the way real senders do (grouped digits, the
 * code first or last, 4 to 8 digits; 6 is the common case).
 */
interface SmsTemplate {
  /** Shown as the rental inbox `from`. */
  sender: string;
  digits: number;
  text(code: string): string;
}

/** "123456" -> "123-456", as WhatsApp writes it. */
const dashed = (code: string): string => `${code.slice(0, code.length / 2)}-${code.slice(code.length / 2)}`;
/** "123456" -> "123 456", as Instagram writes it. */
const spaced = (code: string): string => `${code.slice(0, code.length / 2)} ${code.slice(code.length / 2)}`;

const t = (sender: string, digits: number, text: (code: string) => string): SmsTemplate => ({ sender, digits, text });

/** Keyed by verification service id, plus the rental services that have no such id. */
const TEMPLATES: Readonly<Record<string, SmsTemplate>> = {
  wa: t('WhatsApp', 6, (c) => `Your WhatsApp code is ${dashed(c)}. Don't share this code with others.`),
  tg: t('Telegram', 5, (c) => `Telegram code: ${c}. Do not give this code to anyone, even if they say they are from Telegram!`),
  fb: t('Facebook', 6, (c) => `${c} is your Facebook confirmation code`),
  go: t('Google', 6, (c) => `G-${c} is your Google verification code.`),
  tw: t('X', 6, (c) => `${c} is your X verification code.`),
  ig: t('Instagram', 6, (c) => `Use ${spaced(c)} to verify your Instagram account.`),
  lf: t(
    'TikTok',
    6,
    (c) => `[TikTok] ${c} is your verification code, valid for 5 minutes. To keep your account safe, never forward this code.`,
  ),
  am: t('Amazon', 6, (c) => `${c} is your Amazon OTP. Do not share it with anyone.`),
  ds: t('Discord', 6, (c) => `Your Discord security code is: ${c}`),
  ts: t('PayPal', 6, (c) => `PayPal: Your security code is ${c}. Your code expires in 10 minutes. Please don't reply.`),
  wx: t('Apple', 6, (c) => `Your Apple Account code is: ${c}. Don't share it with anyone.`),
  ub: t('Uber', 4, (c) => `Your Uber code is ${c}. Never share this code.`),
  nf: t('Netflix', 6, (c) => `Netflix: Your verification code is ${c}`),
  tn: t('Snapchat', 6, (c) => `Snapchat code: ${c}. Happy Snapping!`),
  vi: t('Viber', 6, (c) => `Your Viber code: ${c}`),
  fu: t('Lazada', 6, (c) => `[Lazada] Your verification code is ${c}. Valid for 15 minutes.`),
  mo: t('Shopee', 6, (c) => `Your Shopee OTP is ${c}. Never share this OTP with anyone.`),
  dp: t('Steam', 5, (c) => `Steam: your login code is ${c}`),
  cn: t('Fiverr', 4, (c) => `Your Fiverr verification code is ${c}`),
  bw: t('Binance', 6, (c) => `[Binance] Your verification code: ${c}. Don't share your code with anyone.`),
  ok: t('OKX', 6, (c) => `[OKX] ${c} is your verification code. It expires in 10 minutes.`),
  oi: t('OLX', 4, (c) => `OLX: ${c} is your code`),
  ka: t('KuCoin', 6, (c) => `[KuCoin] Verification code: ${c}. Valid for 10 minutes.`),
  ab: t('Bybit', 6, (c) => `[Bybit] Your verification code is ${c}.`),
  ya: t('Yahoo', 8, (c) => `${c} is your Yahoo verification code.`),
  vk: t('VK', 6, (c) => `VK: ${c} - your confirmation code`),
  li: t('LinkedIn', 6, (c) => `Your LinkedIn verification code is ${c}.`),
  mm: t('Microsoft', 7, (c) => `Use ${c} as Microsoft account security code`),
  tinder: t('Tinder', 6, (c) => `Your Tinder code is ${c}`),
};

/** The sender of last resort, for a service without a template. */
const GENERIC = t('Verify', 6, (c) => `Your verification code is ${c}`);

export function smsTemplate(service: string): SmsTemplate {
  return TEMPLATES[service] ?? GENERIC;
}

/** A fresh code of the service's usual length. */
export function freshCode(service: string, rng: Rng): string {
  return rng.digits(smsTemplate(service).digits);
}

/**
 * The code in a free text given to POST /__control/deliver: the first run of
 * 4-8 digits, also when grouped as "123-456" or "123 456". Undefined when the
 * text has none (a promotional SMS, say), so that case can be tested too.
 */
export function extractCode(text: string): string | undefined {
  const match = /(?<!\d)(\d{3}[- ]\d{3}|\d{4,8})(?!\d)/.exec(text);
  return match?.[1]?.replace(/[- ]/, '');
}
