import { useId, useMemo, useRef, useState } from 'react';
import type { UserError } from '../../lib/messaging/protocol';
import { t, type MessageKey } from '../../lib/i18n/i18n';
import { rankServices, type RankedService, type ServiceGroup, type ServiceItem } from '../../lib/ui/services';
import { ErrorMessage } from '../common/ErrorMessage';
import { EmptyState, SkeletonList } from '../common/Placeholders';

interface Props {
  services: readonly ServiceItem[] | null;
  loading: boolean;
  error: UserError | null;
  onRetry: () => void;
  current: string | null;
  favourites: readonly string[];
  recent: readonly string[];
  onPick: (service: ServiceItem) => void;
  onToggleFavourite: (id: string) => void;
  /** Focus the search on mount (coming back from "Change"). */
  autoFocus?: boolean;
}

const GROUP_TITLES: Record<ServiceGroup, MessageKey> = {
  site: 'groupSite',
  favourite: 'groupFavourites',
  recent: 'groupRecent',
  all: 'groupAll',
  match: 'groupMatches',
};

/**
 * Search by name or code; without a search, this site's service, favourites and recent ones come
 * first. Enter in the search picks the first match; arrow keys move through the list.
 */
export function ServicePicker({
  services,
  loading,
  error,
  onRetry,
  current,
  favourites,
  recent,
  onPick,
  onToggleFavourite,
  autoFocus,
}: Props) {
  const id = useId();
  const [query, setQuery] = useState('');
  const listRef = useRef<HTMLDivElement>(null);
  const ranked = useMemo(
    () => rankServices(services ?? [], { current, favourites, recent }, query),
    [services, current, favourites, recent, query],
  );
  const groups = useMemo(() => {
    const out: { group: ServiceGroup; items: RankedService[] }[] = [];
    for (const r of ranked) {
      const last = out[out.length - 1];
      if (last && last.group === r.group) last.items.push(r);
      else out.push({ group: r.group, items: [r] });
    }
    return out;
  }, [ranked]);

  const focusPick = (from: HTMLElement | null, delta: number) => {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button.service-pick') ?? [])];
    if (!buttons.length) return;
    const at = from ? buttons.indexOf(from as HTMLButtonElement) : -1;
    const next = buttons[Math.min(buttons.length - 1, Math.max(0, at + delta))];
    next?.focus();
  };

  return (
    <div className="service-picker">
      <label htmlFor={`${id}-search`}>{t('serviceSearchLabel')}</label>
      <input
        id={`${id}-search`}
        type="search"
        value={query}
        placeholder={t('serviceSearchPlaceholder')}
        autoComplete="off"
        spellCheck={false}
        autoFocus={autoFocus}
        aria-describedby={`${id}-count`}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            const first = ranked[0];
            if (first) onPick(first.service);
          } else if (e.key === 'ArrowDown') {
            e.preventDefault();
            focusPick(null, 1);
          }
        }}
      />
      <p id={`${id}-count`} className="visually-hidden" aria-live="polite">
        {services ? t('serviceCount', ranked.length) : ''}
      </p>
      {error && !services && <ErrorMessage error={error} onRetry={onRetry} />}
      {!services && loading && <SkeletonList rows={4} label={t('servicesLoading')} />}
      {services && ranked.length === 0 && <EmptyState title={t('servicesNoMatch', query.trim())} hint={t('servicesNoMatchHint')} />}
      {services && ranked.length > 0 && (
        <div
          className="service-list"
          ref={listRef}
          onKeyDown={(e) => {
            const target = e.target as HTMLElement;
            if (!target.classList.contains('service-pick')) return;
            if (e.key === 'ArrowDown') focusPick(target, 1);
            else if (e.key === 'ArrowUp') focusPick(target, -1);
            else return;
            e.preventDefault();
          }}
        >
          {groups.map(({ group, items }) => (
            <section key={group} aria-labelledby={`${id}-g-${group}`}>
              <h3 id={`${id}-g-${group}`} className="group-title">
                {t(GROUP_TITLES[group])}
              </h3>
              <ul>
                {items.map(({ service }) => {
                  const fav = favourites.includes(service.id);
                  return (
                    <li key={service.id} className="service-row">
                      <button type="button" className="service-pick" onClick={() => onPick(service)}>
                        <span className="service-name">{service.name}</span>
                        <span className="service-code">{service.id}</span>
                      </button>
                      <button
                        type="button"
                        className={`icon-button star${fav ? ' on' : ''}`}
                        aria-pressed={fav}
                        aria-label={t('favouriteToggle', service.name)}
                        title={t(fav ? 'favouriteRemove' : 'favouriteAdd')}
                        onClick={() => onToggleFavourite(service.id)}
                      >
                        <span aria-hidden="true">{fav ? '★' : '☆'}</span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </div>
      )}
    </div>
  );
}
