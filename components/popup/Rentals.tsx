import { useEffect, useId, useState } from 'react';
import { request } from '../../lib/messaging/client';
import type { Rental } from '../../lib/state/schema';
import { formatDateTime, formatRelative, formatWhen } from '../../lib/i18n/format';
import { t, uiLocale } from '../../lib/i18n/i18n';
import { hasEnded, inboxEntries, sortRentals, unseenCount } from '../../lib/ui/rentals';
import { CopyButton } from '../common/CopyButton';
import { ErrorMessage } from '../common/ErrorMessage';
import { useAction, useLoad } from '../common/hooks';
import { EmptyState, SkeletonList } from '../common/Placeholders';
import { RentalCreate } from './RentalCreate';

interface Props {
  /** Last known rentals, from storage: shown at once, refreshed behind. */
  rentals: readonly Rental[];
  known: boolean;
  currency: string;
}

/** Long-term US numbers: rent one, see them all with their end dates, read each inbox. */
export function Rentals({ rentals, known, currency }: Props) {
  const id = useId();
  const refresh = useLoad(() => request('rentals.refresh', {}), []);
  const services = useLoad(() => request('rentals.services', {}), []);
  const names = new Map((services.data ?? []).map((s) => [s.service, s.name]));
  const [created, setCreated] = useState<Rental[]>([]);
  const [announce, setAnnounce] = useState('');
  const now = Date.now();

  // Storage is the source of truth; the refresh answer and a just-created rental fill gaps until it catches up.
  const byId = new Map<string, Rental>();
  for (const r of [...created, ...(refresh.data ?? []), ...rentals]) byId.set(r.rentalId, r);
  const list = sortRentals([...byId.values()], now);
  const showSkeleton = list.length === 0 && refresh.loading && !known;

  return (
    <section className="rentals" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('rentalsTitle')}</h2>
      <RentalCreate
        currency={currency}
        services={services}
        onCreated={(rental) => {
          setCreated((c) => [rental, ...c]);
          setAnnounce(t('rentalCreated', [rental.number, formatDateTime(rental.endsAt, uiLocale())]));
        }}
      />
      <p role="status" className={announce ? 'success' : 'visually-hidden'}>
        {announce}
      </p>
      <h3 className="subhead">{t('rentalsYours')}</h3>
      {refresh.error && <ErrorMessage error={refresh.error} onRetry={refresh.reload} />}
      {showSkeleton && <SkeletonList rows={2} label={t('rentalsLoading')} />}
      {!showSkeleton && list.length === 0 && !refresh.loading && <EmptyState title={t('rentalsEmpty')} hint={t('rentalsEmptyHint')} />}
      {list.length > 0 && (
        <ul className="rental-list">
          {list.map((r) => (
            <li key={r.rentalId}>
              <RentalItem rental={r} serviceName={names.get(r.service) ?? r.service} now={now} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function RentalItem({ rental, serviceName, now }: { rental: Rental; serviceName: string; now: number }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  /** What the user had seen before this opening: messages past it are marked new. */
  const [seenBefore, setSeenBefore] = useState(rental.seen);
  const [opened, setOpened] = useState<Rental | null>(null);
  const load = useAction(() => request('rental.open', { rentalId: rental.rentalId }));
  const locale = uiLocale();
  const ended = hasEnded(rental, now);
  const fresh = unseenCount(rental);

  // Messages that arrive while the inbox is open come through storage and stay marked new.
  const current = opened && opened.messages.length > rental.messages.length ? opened : rental;
  const entries = inboxEntries(current.messages, seenBefore);

  useEffect(() => {
    if (!open) return;
    void load.run().then((r) => r && setOpened(r));
    // Opening marks the inbox read; `seenBefore` keeps this opening's "new" marks.
  }, [open]);

  return (
    <article className={`rental-card${ended ? ' ended' : ''}`} aria-labelledby={`${id}-n`}>
      <header className="order-head">
        <h4 id={`${id}-n`} className="number">
          {rental.number}
        </h4>
        {fresh > 0 && !open && <span className="pill tone-ok">{t('rentalNewCount', fresh)}</span>}
      </header>
      <p className="meta">
        {serviceName} ·{' '}
        {ended
          ? t('rentalEnded', formatDateTime(rental.endsAt, locale))
          : t('rentalEndsIn', [formatRelative(rental.endsAt, Date.now(), locale), formatDateTime(rental.endsAt, locale)])}
      </p>
      <div className="actions">
        <CopyButton text={rental.number} label={t('copyNumberLabel', rental.number)} />
        <button
          type="button"
          className="secondary"
          aria-expanded={open}
          aria-controls={`${id}-inbox`}
          onClick={() => {
            if (!open) setSeenBefore(rental.seen);
            setOpen((o) => !o);
          }}
        >
          {open ? t('inboxClose') : fresh > 0 ? t('inboxOpenNew', fresh) : t('inboxOpen')}
        </button>
      </div>
      {open && (
        <div id={`${id}-inbox`} className="inbox" aria-busy={load.pending}>
          <ErrorMessage error={load.error} onRetry={() => void load.run().then((r) => r && setOpened(r))} />
          {entries.length === 0 && load.pending && <SkeletonList rows={2} label={t('inboxLoading')} />}
          {entries.length === 0 && !load.pending && !load.error && <EmptyState title={t('inboxEmpty')} hint={t('inboxEmptyHint')} />}
          {entries.length > 0 && (
            <ol className="inbox-list" aria-label={t('inboxLabel', rental.number)}>
              {entries.map(({ message, isNew }, i) => (
                <li key={`${message.at ?? ''}-${i}`} className={isNew ? 'new' : undefined}>
                  <p className="meta">
                    {isNew && <span className="tag new-tag">{t('messageNew')}</span>}
                    {message.from && <strong>{message.from}</strong>}
                    {message.at && <span> · {formatWhen(message.at, now, locale)}</span>}
                  </p>
                  {message.code && (
                    <div className="code-row small">
                      <span className="code">{message.code}</span>
                      <CopyButton text={message.code} label={t('copyCodeLabel', message.code)} />
                    </div>
                  )}
                  <p className="sms-text">{message.body}</p>
                </li>
              ))}
            </ol>
          )}
        </div>
      )}
    </article>
  );
}
