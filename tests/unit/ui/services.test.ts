import { describe, expect, it } from 'vitest';
import { rankServices, serviceName, toggleFavourite } from '../../../lib/ui/services';

const services = [
  { id: 'wa', name: 'WhatsApp', domain: 'whatsapp.com' },
  { id: 'tg', name: 'Telegram', domain: 'telegram.org' },
  { id: 'tw', name: 'Twitter / X', domain: 'x.com' },
  { id: 'ds', name: 'Discord', domain: 'discord.com' },
  { id: 'am', name: 'Amazon', domain: 'amazon.com' },
  { id: 'lf', name: 'TikTok', domain: 'tiktok.com' },
];

describe('rankServices without a search', () => {
  it('offers this site first, then favourites and recent ones in their order, then the rest by name', () => {
    const ranked = rankServices(services, { current: 'ds', favourites: ['tg', 'wa'], recent: ['lf', 'tg'] });
    expect(ranked.map((r) => [r.service.id, r.group])).toEqual([
      ['ds', 'site'],
      ['tg', 'favourite'],
      ['wa', 'favourite'],
      ['lf', 'recent'],
      ['am', 'all'],
      ['tw', 'all'],
    ]);
  });
  it('ignores favourites and recent ids the list does not have', () => {
    expect(rankServices(services, { current: 'zz', favourites: ['yy'], recent: [] }).every((r) => r.group === 'all')).toBe(true);
  });
});

describe('rankServices with a search', () => {
  const ctx = { current: null, favourites: ['tw'], recent: [] };
  it('finds by exact code first', () => {
    expect(rankServices(services, ctx, 'tg').map((r) => r.service.id)).toEqual(['tg']);
    expect(rankServices(services, ctx, 'WA')[0]?.service.id).toBe('wa');
  });
  it('finds by the start of the name or of a word in it, then anywhere in it', () => {
    expect(rankServices(services, ctx, 'x').map((r) => r.service.id)).toEqual(['tw']);
    expect(rankServices(services, ctx, 'tele').map((r) => r.service.id)).toEqual(['tg']);
    expect(rankServices(services, ctx, 'ok').map((r) => r.service.id)).toEqual(['lf']);
  });
  it('lists favourites first among equal matches, names containing the search last', () => {
    expect(rankServices(services, ctx, 't').map((r) => r.service.id)).toEqual(['tw', 'tg', 'lf', 'wa']);
  });
  it('finds nothing for a word no service has', () => {
    expect(rankServices(services, ctx, 'nothing')).toEqual([]);
  });
});

it('names a service from the list, or shows its id', () => {
  expect(serviceName('wa', services)).toBe('WhatsApp');
  expect(serviceName('zz', services)).toBe('zz');
  expect(serviceName(null, services)).toBe('');
});

it('toggles a favourite, keeping the others in order', () => {
  expect(toggleFavourite(['wa', 'tg'], 'ds')).toEqual(['wa', 'tg', 'ds']);
  expect(toggleFavourite(['wa', 'tg', 'ds'], 'tg')).toEqual(['wa', 'ds']);
});
