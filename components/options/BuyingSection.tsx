import { useMemo, useState } from 'react';
import type { Settings } from '../../lib/state/schema';
import { COMMON_COUNTRIES } from '../../lib/ui/countries';
import { flagEmoji } from '../../lib/ui/format';
import { t } from '../../lib/ui/i18n';
import { amountText, parseMinutes, parseOptionalLimit } from '../../lib/ui/settings-form';
import type { KnownCountries } from '../common/cache';
import { Switch, TextField } from '../common/Fields';
import { SettingsSection } from './SettingsSection';

interface Props {
  settings: Settings;
  countries: KnownCountries;
  currency: string;
}

/** Default country, spending guards and auto-cancel. */
export function BuyingSection({ settings, countries, currency }: Props) {
  const [defaultCountry, setDefaultCountry] = useState(settings.defaultCountry === null ? '' : String(settings.defaultCountry));
  const [maxPrice, setMaxPrice] = useState(amountText(settings.maxPricePerNumber));
  const [dailyCap, setDailyCap] = useState(amountText(settings.dailySpendCap));
  const [autoCancel, setAutoCancel] = useState(settings.autoCancel);
  const [minutes, setMinutes] = useState(String(settings.autoCancelAfterMin));
  const [errors, setErrors] = useState<{ maxPrice?: string; dailyCap?: string; minutes?: string }>({});
  const [dirty, setDirty] = useState(false);
  const edit = <T,>(set: (v: T) => void) => (v: T) => {
    set(v);
    setDirty(true);
  };

  const choices = useMemo(() => {
    const all = new Map<number, { name: string; flag: string }>();
    for (const c of COMMON_COUNTRIES) all.set(c.id, { name: c.name, flag: flagEmoji(c.iso2) });
    for (const [id, c] of countries) all.set(id, { name: c.name, flag: flagEmoji(c.flag) });
    if (settings.defaultCountry !== null && !all.has(settings.defaultCountry)) all.set(settings.defaultCountry, { name: `#${settings.defaultCountry}`, flag: '' });
    return [...all.entries()].sort((a, b) => a[1].name.localeCompare(b[1].name));
  }, [countries, settings.defaultCountry]);

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
        <select id="default-country" value={defaultCountry} onChange={(e) => edit(setDefaultCountry)(e.target.value)} aria-describedby="default-country-hint">
          <option value="">{t('optionsNoDefaultCountry')}</option>
          {choices.map(([id, c]) => (
            <option key={id} value={String(id)}>
              {c.flag ? `${c.flag} ` : ''}
              {c.name}
            </option>
          ))}
        </select>
        <p id="default-country-hint" className="hint">
          {t('optionsDefaultCountryHint')}
        </p>
      </div>
      <TextField label={t('optionsMaxPrice')} value={maxPrice} onChange={edit(setMaxPrice)} error={errors.maxPrice} hint={t('optionsMaxPriceHint')} inputMode="decimal" unit={currency} />
      <TextField label={t('optionsDailyCap')} value={dailyCap} onChange={edit(setDailyCap)} error={errors.dailyCap} hint={t('optionsDailyCapHint')} inputMode="decimal" unit={currency} />
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
