/**
 * A site (`https://example.org`) as the user reads it: https is the norm and goes unsaid; plain
 * http is another site, so it stays visible (`http://example.org`).
 */
export function siteLabel(site: string): string {
  return site.startsWith('https://') ? site.slice('https://'.length) : site;
}
