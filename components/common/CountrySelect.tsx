import type { CountryInfo } from '../../lib/ui/countries';
import { t } from '../../lib/i18n/i18n';
import { Flag } from './Flag';

/**
 * The usual-country select (first run and options): "none" or one of `choices`, with the chosen
 * country's flag beside it, since a select's options can hold text only.
 */
export function CountrySelect({
  id,
  value,
  choices,
  onChange,
  describedBy,
}: {
  id: string;
  value: string;
  choices: readonly CountryInfo[];
  onChange: (value: string) => void;
  describedBy: string;
}) {
  const iso2 = choices.find((c) => String(c.id) === value)?.iso2;
  return (
    <div className="input-row">
      {iso2 ? <Flag iso2={iso2} /> : null}
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy}>
        <option value="">{t('optionsNoDefaultCountry')}</option>
        {choices.map((c) => (
          <option key={c.id} value={String(c.id)}>
            {c.name}
          </option>
        ))}
      </select>
    </div>
  );
}
