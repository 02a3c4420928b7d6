import { fold } from './countries';

export interface ServiceItem {
  id: string;
  name: string;
  domain?: string;
}

export type ServiceGroup = 'site' | 'favourite' | 'recent' | 'all' | 'match';

export interface RankedService<T extends ServiceItem = ServiceItem> {
  service: T;
  group: ServiceGroup;
}

export interface RankContext {
  /** The service of the page in the active tab, offered first. */
  current: string | null;
  favourites: readonly string[];
  /** Most recent first. */
  recent: readonly string[];
}

/**
 * The service list as the picker shows it. Without a query: this site, favourites, recent, then
 * all the rest by name; each service once, in its first group. With a query: matches only, the
 * exact code first, then names starting with the query, then the rest, each band in the same
 * site > favourite > recent > name order.
 */
export function rankServices<T extends ServiceItem>(services: readonly T[], context: RankContext, query = ''): RankedService<T>[] {
  const byId = new Map(services.map((s) => [s.id, s]));
  const priority = (id: string): number => {
    if (id === context.current) return 0;
    const fav = context.favourites.indexOf(id);
    if (fav >= 0) return 1 + fav / 1000;
    const rec = context.recent.indexOf(id);
    if (rec >= 0) return 2 + rec / 1000;
    return 3;
  };
  const groupOf = (id: string): ServiceGroup => {
    const p = priority(id);
    return p === 0 ? 'site' : p < 2 ? 'favourite' : p < 3 ? 'recent' : 'all';
  };

  const q = fold(query.trim());
  if (!q) {
    const ordered = [...byId.values()].sort((a, b) => priority(a.id) - priority(b.id) || a.name.localeCompare(b.name));
    return ordered.map((service) => ({ service, group: groupOf(service.id) }));
  }
  const band = (s: T): number => {
    if (s.id.toLowerCase() === q) return 0;
    const name = fold(s.name);
    if (name.startsWith(q)) return 1;
    if (name.split(/[\s/()-]+/).some((word) => word.startsWith(q))) return 2;
    if (name.includes(q) || s.id.toLowerCase().includes(q) || (s.domain ? fold(s.domain).includes(q) : false)) return 3;
    return -1;
  };
  return [...byId.values()]
    .map((s) => ({ s, b: band(s) }))
    .filter((x) => x.b >= 0)
    .sort((x, y) => x.b - y.b || priority(x.s.id) - priority(y.s.id) || x.s.name.localeCompare(y.s.name))
    .map((x) => ({ service: x.s, group: 'match' as const }));
}

/** Display name of a service id, from the loaded list; the id itself when unknown. */
export function serviceName(id: string | null | undefined, services: readonly ServiceItem[]): string {
  if (!id) return '';
  return services.find((s) => s.id === id)?.name ?? id;
}

/** Adds or removes a favourite, keeping the others in order. */
export function toggleFavourite(favourites: readonly string[], id: string): string[] {
  return favourites.includes(id) ? favourites.filter((f) => f !== id) : [...favourites, id];
}
