/**
 * The reviewed list of a service's sites beyond the one `domain` that `GET /services` names.
 * Keyed by the API's service id (the spec's table). Used together with the API's domain: a service
 * matches on either. A service not listed here matches on the API's domain alone.
 *
 * Each entry is one of:
 * - a registrable domain, `steamcommunity.com`: that domain and every subdomain of it;
 * - `brand.*`: the country domains a brand runs, i.e. a registrable domain whose label is `brand`
 *   under an ICANN public suffix of a two-letter country code (`amazon.de`, `amazon.co.uk`,
 *   `shopee.com.br`); never a generic TLD (`amazon.xyz`), an unknown one or a private suffix
 *   (`amazon.blogspot.com`). Only for brands whose country stores are their own sign-up sites.
 *
 * Lower-case ASCII (an IDN in its `xn--` form). `tests/unit/sites/service-domains.test.ts` and the
 * build check every entry; a test per rule is in `tests/unit/sites/service-sites.test.ts`.
 * Adding a domain is adding one string to a line below.
 */
export const SERVICE_DOMAINS: Readonly<Record<string, { name: string; domains: readonly string[] }>> = {
  tg: { name: 'Telegram', domains: ['telegram.org', 't.me', 'telegram.me'] },
  fb: { name: 'Facebook', domains: ['facebook.com', 'fb.com', 'messenger.com'] },
  go: { name: 'Google', domains: ['google.com', 'youtube.com', 'gmail.com'] },
  tw: { name: 'Twitter / X', domains: ['x.com', 'twitter.com'] },
  am: { name: 'Amazon', domains: ['amazon.com', 'amazon.*'] },
  ds: { name: 'Discord', domains: ['discord.com', 'discordapp.com', 'discord.gg'] },
  ts: { name: 'PayPal', domains: ['paypal.com', 'paypal.me'] },
  wx: { name: 'Apple', domains: ['apple.com', 'icloud.com'] },
  fu: { name: 'Lazada', domains: ['lazada.com', 'lazada.*'] },
  mo: { name: 'Shopee', domains: ['shopee.com', 'shopee.*'] },
  dp: { name: 'Steam', domains: ['steampowered.com', 'steamcommunity.com'] },
  oi: { name: 'OLX', domains: ['olx.com', 'olx.*'] },
  vk: { name: 'VK', domains: ['vk.com', 'vk.ru', 'vkontakte.ru'] },
  mm: {
    name: 'Microsoft',
    domains: ['microsoft.com', 'live.com', 'outlook.com', 'hotmail.com', 'microsoftonline.com', 'office.com', 'xbox.com', 'skype.com'],
  },
};
