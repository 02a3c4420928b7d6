import * as z from 'zod/mini';

/**
 * Public catalog data (service names, country names and flags) remembered between popup openings
 * in the extension page's own localStorage, so names show at once. Never anything secret; the
 * background stays the source of truth and every opening refreshes it.
 */
const servicesSchema = z.array(z.object({ id: z.string(), name: z.string(), domain: z.optional(z.string()) })).check(z.maxLength(2000));
const countriesSchema = z.record(z.string(), z.object({ name: z.string(), flag: z.optional(z.string()) }));

const KEYS = { services: 'np.ui.services', countries: 'np.ui.countries' } as const;

function read<T>(key: string, schema: z.ZodMiniType<T>): T | null {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return null;
    const parsed = schema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Full or unavailable: the cache is only a head start.
  }
}

export type CachedService = z.infer<typeof servicesSchema>[number];
export type KnownCountries = Map<number, { name: string; flag?: string }>;

export const cache = {
  services: () => read(KEYS.services, servicesSchema),
  saveServices: (services: readonly CachedService[]) => write(KEYS.services, services),
  countries: (): KnownCountries => {
    const record = read(KEYS.countries, countriesSchema) ?? {};
    return new Map(Object.entries(record).map(([id, c]) => [Number(id), c] as const));
  },
  saveCountries: (countries: KnownCountries) => write(KEYS.countries, Object.fromEntries(countries)),
};
