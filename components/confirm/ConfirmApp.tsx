import { useCallback, useEffect, useRef, useState } from 'react';
import { browser } from 'wxt/browser';
import { request } from '../../lib/messaging/client';
import type { ConfirmationView, UserError } from '../../lib/messaging/protocol';
import { toUserError } from '../../lib/ui/errors';
import { formatMoney } from '../../lib/i18n/format';
import { t, uiLocale } from '../../lib/i18n/i18n';
import { ErrorMessage } from '../common/ErrorMessage';
import { armedAt, focusChanged, isArmed, keyDown, mayBuy, NOT_ARMED, pointerDown, shown, type Arming } from './arming';

/**
 * Closes this window. The background closes it once the purchase is under way; this covers the
 * rest (no, expired) in every browser: Firefox may ignore `window.close()` in a window it did not
 * open for a script.
 */
function closeSelf(): void {
  // This tab only (its window goes with it): never a window the page was opened in by hand.
  browser.tabs
    .getCurrent()
    .then((tab) => (tab?.id === undefined ? window.close() : browser.tabs.remove(tab.id)))
    .catch(() => window.close());
}

/** Keeps the arming rules' input from the window's events; `armed` re-renders Buy when it changes. */
function useArming(visible: boolean): { armed: boolean; mayBuy: (byKeyboard: boolean) => boolean } {
  const state = useRef<Arming>(NOT_ARMED);
  const [armed, setArmed] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const update = useCallback((next: Arming) => {
    state.current = next;
    clearTimeout(timer.current);
    const now = performance.now();
    setArmed(isArmed(next, now));
    const at = armedAt(next);
    if (at !== null && at > now) timer.current = setTimeout(() => update(state.current), at - now);
  }, []);
  const hasFocus = () => document.hasFocus() && document.visibilityState === 'visible';

  useEffect(() => {
    // Capture: every key counts, whatever has the focus and whatever handles it.
    const onKey = (event: KeyboardEvent) => update(keyDown(state.current, performance.now(), event.repeat));
    const onPress = () => update(pointerDown(state.current, performance.now()));
    const onFocus = () => update(focusChanged(state.current, performance.now(), hasFocus()));
    update(focusChanged(state.current, performance.now(), hasFocus()));
    window.addEventListener('keydown', onKey, true);
    window.addEventListener('pointerdown', onPress, true);
    window.addEventListener('focus', onFocus);
    window.addEventListener('blur', onFocus);
    document.addEventListener('visibilitychange', onFocus);
    return () => {
      clearTimeout(timer.current);
      window.removeEventListener('keydown', onKey, true);
      window.removeEventListener('pointerdown', onPress, true);
      window.removeEventListener('focus', onFocus);
      window.removeEventListener('blur', onFocus);
      document.removeEventListener('visibilitychange', onFocus);
    };
  }, [update]);

  // The wait starts once the question is painted (the frame after it rendered), not when the window was made.
  useEffect(() => {
    if (!visible) return;
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => update(shown(state.current, performance.now())));
    });
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [visible, update]);

  return { armed, mayBuy: (byKeyboard) => mayBuy(state.current, performance.now(), byKeyboard) };
}

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

  const arming = useArming(view !== null);

  // A question that expired buys nothing: the window goes with it.
  useEffect(() => {
    if (!view) return;
    const timer = setTimeout(closeSelf, Math.max(0, view.expiresAt - Date.now()));
    return () => clearTimeout(timer);
  }, [view]);

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
      if (!accept) return closeSelf();
      // The background closed the window once the purchase was under way; if it could not, this does.
      setDone(true);
      setTimeout(closeSelf, 1_200);
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
      <h1>{view?.rental ? t('confirmTitleRental') : t('confirmTitle')}</h1>
      {!view && !error && <p>{t('confirmLoading')}</p>}
      {view && (
        <>
          <dl>
            <dt>{t('confirmService')}</dt>
            <dd>{view.serviceName}</dd>
            {view.rental ? (
              <>
                <dt>{t('confirmNumber')}</dt>
                <dd>{t('confirmRentalNoCost')}</dd>
              </>
            ) : (
              <>
                <dt>{t('confirmCountry')}</dt>
                <dd>{view.countryName}</dd>
                <dt>{t('confirmPrice')}</dt>
                <dd>{formatMoney(view.price, view.currency, uiLocale())}</dd>
              </>
            )}
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
              {/* aria-disabled, not disabled: a disabled button drops the focus of a keyboard user it holds. */}
              <button
                type="button"
                className="primary"
                aria-disabled={!arming.armed || busy}
                onClick={(event) => {
                  if (!busy && arming.mayBuy(event.detail === 0)) void answer(true);
                }}
              >
                {view.rental ? t('confirmFillRental') : t('confirmBuy', formatMoney(view.price, view.currency, uiLocale()))}
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
