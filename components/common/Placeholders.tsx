import { t } from '../../lib/i18n/i18n';

/** Grey rows in the shape of what is loading; announced once as "Loading…". */
export function SkeletonList({ rows = 3, label }: { rows?: number; label?: string }) {
  return (
    <div className="skeleton-list" role="status" aria-live="polite">
      <span className="visually-hidden">{label ?? t('loading')}</span>
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="skeleton-row" aria-hidden="true">
          <span className="skeleton-bar wide" />
          <span className="skeleton-bar" />
        </div>
      ))}
    </div>
  );
}

/** An empty list says what it would hold and, when there is one, what to do next. */
export function EmptyState({ title, hint, children }: { title: string; hint?: string; children?: React.ReactNode }) {
  return (
    <div className="empty">
      <p className="empty-title">{title}</p>
      {hint && <p className="empty-hint">{hint}</p>}
      {children}
    </div>
  );
}
