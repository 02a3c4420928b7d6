import type { CountryOffer, NumPoolClient, Service } from '../../numpool/client';
import type { Priority } from '../../budget/rate-budget';
import { z } from 'zod';
import { countryOffersSchema, servicesSchema } from '../../numpool/schemas';
import type { Stored } from '../../state/item';
import { serviceForPage, type PageLocation } from '../page/page-service';
import type { SiteService } from '../../state/schema';

/** Services change rarely; prices and stock often. Cached so a page visit costs no request. */
export const SERVICES_TTL_MS = 24 * 60 * 60 * 1000;
export const OFFERS_TTL_MS = 5 * 60 * 1000;

// Stored entries are what the API answered, so they are read back with the API's own schemas.
export const CATALOG_VERSION = 1;
export const catalogSchema = z.object({
  version: z.literal(CATALOG_VERSION),
  services: z.object({ at: z.number(), items: servicesSchema }).nullable(),
  offers: z.record(z.string(), z.object({ at: z.number(), items: countryOffersSchema })),
});
export type CatalogDoc = z.infer<typeof catalogSchema>;
export const EMPTY_CATALOG: CatalogDoc = { version: CATALOG_VERSION, services: null, offers: {} };

/** Asked for what is cached only, and nothing fresh enough is. */
export class NotCached extends Error {
  override readonly name = 'NotCached';
}

export class Catalog {
  constructor(
    private readonly stored: Stored<CatalogDoc>,
    private readonly now: () => number,
  ) {}

  async services(client: NumPoolClient, priority: Priority = 'user', options: { cachedOnly?: boolean } = {}): Promise<Service[]> {
    const doc = await this.read();
    if (doc.services && this.now() - doc.services.at < SERVICES_TTL_MS) return doc.services.items;
    if (options.cachedOnly) throw new NotCached();
    const items = await client.services({ priority });
    await this.write({ ...(await this.read()), services: { at: this.now(), items } });
    return items;
  }

  /** The service a page belongs to (`serviceForPage` on the service list, which this may fetch), or null. */
  async lookUpServiceForPage(
    client: NumPoolClient,
    page: PageLocation,
    chosen: readonly SiteService[],
    priority: Priority = 'user',
  ): Promise<Service | null> {
    return page.host ? serviceForPage(page, await this.services(client, priority), chosen) : null;
  }

  async offers(
    client: NumPoolClient,
    service: string,
    options: { fresh?: boolean; maxAgeMs?: number; priority?: Priority; cachedOnly?: boolean } = {},
  ): Promise<CountryOffer[]> {
    const cached = (await this.read()).offers[service];
    if (!options.fresh && cached && this.now() - cached.at < (options.maxAgeMs ?? OFFERS_TTL_MS)) return cached.items;
    if (options.cachedOnly) throw new NotCached();
    const items = await client.countriesFor(service, { priority: options.priority ?? 'user' });
    const doc = await this.read();
    await this.write({ ...doc, offers: { ...doc.offers, [service]: { at: this.now(), items } } });
    return items;
  }

  private read(): Promise<CatalogDoc> {
    return this.stored.getValue();
  }

  private write(doc: CatalogDoc): Promise<void> {
    return this.stored.setValue(doc);
  }
}

/** The country to buy in when the page does not say: the default country if in stock, else the cheapest. */
export function chooseOffer(offers: readonly CountryOffer[], defaultCountry: number | null): CountryOffer | null {
  const inStock = offers.filter((o) => o.stock > 0);
  const preferred = inStock.find((o) => o.id === defaultCountry);
  if (preferred) return preferred;
  return [...inStock].sort((a, b) => a.price - b.price)[0] ?? null;
}
