import { browser } from 'wxt/browser';
import { NUMPOOL_SITE } from '../../lib/numpool/constants';
import type { ResponseOf } from '../../lib/messaging/protocol';
import { t } from '../../lib/ui/i18n';
import { KeyForm } from '../common/KeyForm';

/** First run: what the key is for, where to get one, and the field to paste it in. */
export function Onboarding({ onSaved }: { onSaved: (balance: ResponseOf<'key.set'>) => void }) {
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
      <KeyForm onSaved={onSaved} autoFocus />
      <p className="hint">
        {t('onboardingSandbox')}{' '}
        <button type="button" className="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('openOptions')}
        </button>
      </p>
    </section>
  );
}
