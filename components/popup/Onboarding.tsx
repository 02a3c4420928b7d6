import { useId, useMemo, useState } from 'react';
import { browser } from 'wxt/browser';
import { request } from '../../lib/messaging/client';
import { NUMPOOL_SITE } from '../../lib/numpool/constants';
import type { ResponseOf, UserError } from '../../lib/messaging/protocol';
import { countryChoices } from '../../lib/ui/countries';
import { toUserError } from '../../lib/ui/errors';
import { t } from '../../lib/i18n/i18n';
import { browserLanguages, suggestCountry } from '../../lib/ui/usual-country';
import { cache } from '../common/cache';
import { ErrorMessage } from '../common/ErrorMessage';
import { CountrySelect } from '../common/CountrySelect';
import { KeyForm } from '../common/KeyForm';

type Balance = ResponseOf<'key.set'>;

/**
 * First run: what the key is for, where to get one, the field to paste it in, and the user's usual
 * country (suggested from the browser's language). Without one, the usual number is the cheapest,
 * and every honest page that shows its own country would ask in the confirmation window.
 */
export function Onboarding({ onSaved }: { onSaved: (balance: Balance) => void }) {
  const id = useId();
  const choices = useMemo(() => countryChoices(cache.countries()), []);
  const [country, setCountry] = useState(() => String(suggestCountry(browserLanguages(), choices) ?? ''));
  // The key is saved but the country was not: the user retries or goes on without it.
  const [pending, setPending] = useState<{ balance: Balance; error: UserError } | null>(null);

  // Saved once the key is: the country is part of finishing the first run.
  const finish = async (balance: Balance) => {
    try {
      await request('settings.update', { defaultCountry: country === '' ? null : Number(country) });
      onSaved(balance);
    } catch (e) {
      setPending({ balance, error: toUserError(e, 'errorUnexpected') });
    }
  };

  return (
    <section className="onboarding" aria-labelledby="onboarding-title">
      <h2 id="onboarding-title">{t('onboardingTitle')}</h2>
      <p>{t('onboardingIntro')}</p>
      <ol className="steps">
        <li>
          {t('onboardingStep1')}{' '}
          <a href={NUMPOOL_SITE} target="_blank" rel="noreferrer">
            {t('onboardingCreateKey')}
          </a>
        </li>
        <li>{t('onboardingStep2')}</li>
      </ol>
      <div className="field usual-country">
        <label htmlFor={`${id}-country`}>{t('optionsDefaultCountry')}</label>
        <CountrySelect id={`${id}-country`} value={country} choices={choices} onChange={setCountry} describedBy={`${id}-country-hint`} />
        <p id={`${id}-country-hint`} className="hint">
          {t('onboardingCountryHint')}
        </p>
      </div>
      <KeyForm onSaved={(balance) => void finish(balance)} autoFocus />
      {pending && (
        <ErrorMessage error={pending.error} onRetry={() => void finish(pending.balance)} onDismiss={() => onSaved(pending.balance)} />
      )}
      <p className="hint">
        {t('onboardingSandbox')}{' '}
        <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      </p>
    </section>
  );
}
