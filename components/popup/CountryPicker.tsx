import { useId, useMemo, useState } from 'react';
import { filterOffers, sortOffers, type Offer, type OfferSort } from '../../lib/ui/countries';
import { formatCount, formatMoney } from '../../lib/i18n/format';
import { t, uiLocale } from '../../lib/i18n/i18n';
import { Flag } from '../common/Flag';

interface Props {
  offers: readonly Offer[];
  defaultCountry: number | null;
  maxPrice: number | null;
  selected: number | null;
  onSelect: (offer: Offer) => void;
}

/** Countries for the chosen service: flag, price and stock; sortable; the default country first. */
export function CountryPicker({ offers, defaultCountry, maxPrice, selected, onSelect }: Props) {
  const id = useId();
  const [sort, setSort] = useState<OfferSort>('price');
  const [query, setQuery] = useState('');
  const shown = useMemo(() => sortOffers(filterOffers(offers, query), sort, defaultCountry), [offers, query, sort, defaultCountry]);
  const locale = uiLocale();

  return (
    <fieldset className="country-picker">
      <legend>{t('countryLegend')}</legend>
      <div className="country-tools">
        <div role="group" aria-label={t('sortLabel')} className="segmented">
          <span aria-hidden="true" className="segmented-label">
            {t('sortBy')}
          </span>
          <button type="button" aria-pressed={sort === 'price'} onClick={() => setSort('price')}>
            {t('sortPrice')}
          </button>
          <button type="button" aria-pressed={sort === 'stock'} onClick={() => setSort('stock')}>
            {t('sortStock')}
          </button>
        </div>
        {offers.length > 6 && (
          <div className="country-search">
            <label htmlFor={`${id}-q`} className="visually-hidden">
              {t('countrySearchLabel')}
            </label>
            <input
              id={`${id}-q`}
              type="search"
              value={query}
              placeholder={t('countrySearchPlaceholder')}
              onChange={(e) => setQuery(e.target.value)}
              autoComplete="off"
            />
          </div>
        )}
      </div>
      {shown.length === 0 ? (
        <p className="empty-hint">{t('countryNoMatch')}</p>
      ) : (
        <ul className="country-list">
          {shown.map((offer) => {
            const out = offer.stock <= 0;
            const aboveMax = maxPrice !== null && offer.price > maxPrice;
            return (
              <li key={offer.id}>
                <label className={`country-option${out ? ' out' : ''}${selected === offer.id ? ' selected' : ''}`}>
                  <input
                    type="radio"
                    name={`${id}-country`}
                    value={offer.id}
                    checked={selected === offer.id}
                    disabled={out}
                    onChange={() => onSelect(offer)}
                  />
                  <Flag iso2={offer.flag} />
                  <span className="country-name">
                    {offer.name}
                    {offer.id === defaultCountry && <span className="tag">{t('countryDefaultTag')}</span>}
                  </span>
                  <span className={`country-price${aboveMax ? ' above' : ''}`}>{formatMoney(offer.price, offer.currency, locale)}</span>
                  <span className="country-stock">{out ? t('stockNone') : t('stockCount', formatCount(offer.stock, locale))}</span>
                </label>
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
