import { useEffect, useRef, useState } from 'react';
import { request } from '../../lib/messaging/client';
import type { ConfirmationView, UserError } from '../../lib/messaging/protocol';
import { toUserError } from '../../lib/ui/errors';
import { formatMoney } from '../../lib/ui/format';
import { t, uiLocale } from '../../lib/ui/i18n';
import { ErrorMessage } from '../common/ErrorMessage';

/**
 * The Buy button waits this long after the window has focus: the click that opened the window
 * (or the second click of a double click a page arranged) must not land on it.
 */
export const ARM_MS = 800;

export function reasonText(view: ConfirmationView): string {
  switch (view.reason) {
    case 'not-seen':
      return t('confirmReasonNotSeen');
    case 'repeat':
      return t('confirmReasonRepeat');
    case 'price': {
      // Named with both prices, so the user sees what the page's choice costs them.
      if (!view.usual) return t('confirmReasonPrice');
      const money = (amount: number) => formatMoney(amount, view.currency, uiLocale());
      const values = [view.countryName, money(view.price), view.usual.countryName, money(view.usual.price)];
      return t(view.usual.isDefault ? 'confirmReasonPriceUsual' : 'confirmReasonPriceCheapest', values);
    }
    case 'other-site-frame':
      return t('confirmReasonOtherSite', [view.site, view.topSite ?? '']);
  }
}

/**
 * A purchase a web page asked for, confirmed where the page can neither draw nor read: its own
 * window. Service, country, price and site as the background has them; Cancel has the focus, so
 * Enter does not buy.
 */
export function ConfirmApp({ id }: { id: string }) {
  const [view, setView] = useState<ConfirmationView | null>(null);
  const [error, setError] = useState<UserError | null>(null);
  const [armed, setArmed] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const answered = useRef(false);
  const cancelRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    document.title = t('confirmDocumentTitle');
    request('confirm.get', { id }).then(setView, (e: unknown) => setError(toUserError(e, 'errorUnexpected')));
  }, [id]);

  useEffect(() => {
    if (view) cancelRef.current?.focus();
  }, [view]);

  // Armed only after the window has had focus for a moment; losing focus starts the wait again.
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const arm = () => {
      clearTimeout(timer);
      setArmed(false);
      if (document.hasFocus()) timer = setTimeout(() => setArmed(true), ARM_MS);
    };
    arm();
    window.addEventListener('focus', arm);
    window.addEventListener('blur', arm);
    return () => {
      clearTimeout(timer);
      window.removeEventListener('focus', arm);
      window.removeEventListener('blur', arm);
    };
  }, []);

  // Closing the window is a no.
  useEffect(() => {
    const decline = () => {
      if (!answered.current) void request('confirm.answer', { id, accept: false }).catch(() => undefined);
    };
    window.addEventListener('pagehide', decline);
    return () => window.removeEventListener('pagehide', decline);
  }, [id]);

  const answer = async (accept: boolean) => {
    answered.current = true;
    setBusy(true);
    setError(null);
    try {
      await request('confirm.answer', { id, accept });
      if (!accept) return window.close();
      setDone(true);
      setTimeout(() => window.close(), 1_200);
    } catch (e) {
      setError(toUserError(e, 'errorUnexpected'));
    } finally {
      setBusy(false);
    }
  };

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') void answer(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  return (
    <main className="confirm">
      <h1>{t('confirmTitle')}</h1>
      {!view && !error && <p>{t('confirmLoading')}</p>}
      {view && (
        <>
          <dl>
            <dt>{t('confirmService')}</dt>
            <dd>{view.serviceName}</dd>
            <dt>{t('confirmCountry')}</dt>
            <dd>{view.countryName}</dd>
            <dt>{t('confirmPrice')}</dt>
            <dd>{formatMoney(view.price, view.currency, uiLocale())}</dd>
            <dt>{t('confirmSite')}</dt>
            <dd>{view.site}</dd>
          </dl>
          <section className="why" aria-labelledby="why-title">
            <h2 id="why-title">{t('confirmWhy')}</h2>
            <p>{reasonText(view)}</p>
          </section>
          {done ? (
            <p role="status">{t('confirmDone')}</p>
          ) : (
            <div className="actions">
              <button type="button" className="primary" disabled={!armed || busy} onClick={() => void answer(true)}>
                {t('confirmBuy', formatMoney(view.price, view.currency, uiLocale()))}
              </button>
              <button type="button" ref={cancelRef} disabled={busy} onClick={() => void answer(false)}>
                {t('confirmCancel')}
              </button>
            </div>
          )}
        </>
      )}
      <ErrorMessage error={error} />
    </main>
  );
}
