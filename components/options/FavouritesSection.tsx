import { useId, useState } from 'react';
import type { Settings } from '../../lib/state/schema';
import { t } from '../../lib/i18n/i18n';
import { rankServices, toggleFavourite, type ServiceItem } from '../../lib/ui/services';
import { EmptyState } from '../common/Placeholders';
import { SettingsSection } from './SettingsSection';

interface Props {
  settings: Settings;
  services: readonly ServiceItem[] | null;
}

/** Favourite services come first in the popup's picker. */
export function FavouritesSection({ settings, services }: Props) {
  const id = useId();
  const [favourites, setFavourites] = useState<string[]>(settings.favouriteServices);
  const [query, setQuery] = useState('');
  const [dirty, setDirty] = useState(false);
  // Favourites the service list does not know (yet) are kept and still listed.
  const known = services ?? [];
  const extra = favourites.filter((f) => !known.some((s) => s.id === f)).map((f) => ({ id: f, name: f }));
  const shown = rankServices([...known, ...extra], { current: null, favourites: settings.favouriteServices, recent: [] }, query).map(
    (r) => r.service,
  );

  return (
    <SettingsSection
      title={t('optionsFavouritesTitle')}
      description={t('optionsFavouritesIntro')}
      dirty={dirty}
      onSaved={() => setDirty(false)}
      collect={() => ({ favouriteServices: favourites })}
    >
      {known.length === 0 && extra.length === 0 ? (
        <EmptyState title={t('optionsFavouritesUnavailable')} hint={t('optionsFavouritesUnavailableHint')} />
      ) : (
        <>
          <div className="field">
            <label htmlFor={`${id}-q`}>{t('serviceSearchLabel')}</label>
            <input
              id={`${id}-q`}
              type="search"
              value={query}
              placeholder={t('serviceSearchPlaceholder')}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="off"
            />
          </div>
          <fieldset className="checklist">
            <legend className="visually-hidden">{t('optionsFavouritesTitle')}</legend>
            {shown.map((s) => (
              <label key={s.id} className="check">
                <input
                  type="checkbox"
                  checked={favourites.includes(s.id)}
                  onChange={() => {
                    setFavourites((f) => toggleFavourite(f, s.id));
                    setDirty(true);
                  }}
                />
                {s.name} <span className="service-code">{s.id}</span>
              </label>
            ))}
          </fieldset>
          <p className="hint" aria-live="polite">
            {t('optionsFavouritesCount', favourites.length)}
          </p>
        </>
      )}
    </SettingsSection>
  );
}
