import { useMemo, useState } from 'react';
import type { Settings } from '../../lib/state/schema';
import { countryChoices } from '../../lib/ui/countries';
import { t } from '../../lib/i18n/i18n';
import { amountText, parseMinutes, parseOptionalLimit } from '../../lib/ui/settings-form';
import { browserLanguages, suggestCountry } from '../../lib/ui/usual-country';
import type { KnownCountries } from '../common/cache';
import { Switch, TextField } from '../common/Fields';
import { CountrySelect } from '../common/CountrySelect';
import { SettingsSection } from './SettingsSection';

interface Props {
  settings: Settings;
  countries: KnownCountries;
  currency: string;
}

/** Usual (default) country, spending guards and auto-cancel. */
export function BuyingSection({ settings, countries, currency }: Props) {
  const [defaultCountry, setDefaultCountry] = useState(settings.defaultCountry === null ? '' : String(settings.defaultCountry));
  const [maxPrice, setMaxPrice] = useState(amountText(settings.maxPricePerNumber));
  const [dailyCap, setDailyCap] = useState(amountText(settings.dailySpendCap));
  const [autoCancel, setAutoCancel] = useState(settings.autoCancel);
  const [minutes, setMinutes] = useState(String(settings.autoCancelAfterMin));
  const [errors, setErrors] = useState<{ maxPrice?: string; dailyCap?: string; minutes?: string }>({});
  const [dirty, setDirty] = useState(false);
  const edit =
    <T,>(set: (v: T) => void) =>
    (v: T) => {
      set(v);
      setDirty(true);
    };

  const choices = useMemo(() => countryChoices(countries, settings.defaultCountry), [countries, settings.defaultCountry]);
  // Offered only while no usual country is chosen: a choice the user made is never second-guessed.
  const suggested = useMemo(() => choices.find((c) => c.id === suggestCountry(browserLanguages(), choices)) ?? null, [choices]);

  return (
    <SettingsSection
      title={t('optionsBuyingTitle')}
      description={t('optionsBuyingIntro')}
      dirty={dirty}
      onSaved={() => setDirty(false)}
      collect={() => {
        const max = parseOptionalLimit(maxPrice);
        const cap = parseOptionalLimit(dailyCap);
        const mins = parseMinutes(minutes);
        const next = {
          maxPrice: max.ok ? undefined : t(max.error),
          dailyCap: cap.ok ? undefined : t(cap.error),
          // The delay only matters when auto-cancel is on; an off switch never blocks saving.
          minutes: mins.ok || !autoCancel ? undefined : t(mins.error),
        };
        setErrors(next);
        if (!max.ok || !cap.ok || (autoCancel && !mins.ok)) return null;
        return {
          defaultCountry: defaultCountry === '' ? null : Number(defaultCountry),
          maxPricePerNumber: max.value,
          dailySpendCap: cap.value,
          autoCancel,
          ...(mins.ok ? { autoCancelAfterMin: mins.value } : {}),
        };
      }}
    >
      <div className="field">
        <label htmlFor="default-country">{t('optionsDefaultCountry')}</label>
        <CountrySelect
          id="default-country"
          value={defaultCountry}
          choices={choices}
          onChange={(value) => edit(setDefaultCountry)(value)}
          describedBy="default-country-hint"
        />
        {defaultCountry === '' && suggested && (
          <p className="hint suggestion">
            {t('usualCountrySuggestion', suggested.name)}{' '}
            <button type="button" className="link-button" onClick={() => edit(setDefaultCountry)(String(suggested.id))}>
              {t('usualCountryUse', suggested.name)}
            </button>
          </p>
        )}
        <p id="default-country-hint" className="hint">
          {t('optionsDefaultCountryHint')}
        </p>
      </div>
      <TextField
        label={t('optionsMaxPrice')}
        value={maxPrice}
        onChange={edit(setMaxPrice)}
        error={errors.maxPrice}
        hint={t('optionsMaxPriceHint')}
        inputMode="decimal"
        unit={currency}
      />
      <TextField
        label={t('optionsDailyCap')}
        value={dailyCap}
        onChange={edit(setDailyCap)}
        error={errors.dailyCap}
        hint={t('optionsDailyCapHint')}
        inputMode="decimal"
        unit={currency}
      />
      <Switch label={t('optionsAutoCancel')} checked={autoCancel} onChange={edit(setAutoCancel)} hint={t('optionsAutoCancelHint')} />
      <TextField
        label={t('optionsAutoCancelAfter')}
        value={minutes}
        onChange={edit(setMinutes)}
        error={errors.minutes}
        hint={t('optionsAutoCancelAfterHint')}
        inputMode="numeric"
        unit={t('unitMinutes')}
        disabled={!autoCancel}
      />
    </SettingsSection>
  );
}
