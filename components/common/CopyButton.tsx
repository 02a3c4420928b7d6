import { useEffect, useState } from 'react';
import { t } from '../../lib/i18n/i18n';
import { copyText } from './clipboard';

interface Props {
  text: string;
  /** What is copied, for the accessible name: "Copy code 123456". */
  label: string;
  /** Visible text; defaults to "Copy". */
  children?: React.ReactNode;
  className?: string;
}

/** One click copies; the button says so for two seconds, and a screen reader hears it. */
export function CopyButton({ text, label, children, className }: Props) {
  const [result, setResult] = useState<'copied' | 'failed' | null>(null);
  useEffect(() => {
    if (!result) return;
    const id = setTimeout(() => setResult(null), 2000);
    return () => clearTimeout(id);
  }, [result]);
  return (
    <>
      <button
        type="button"
        className={`copy ${className ?? ''}`}
        aria-label={label}
        onClick={async () => setResult((await copyText(text)) ? 'copied' : 'failed')}
      >
        {result === 'copied' ? t('copied') : result === 'failed' ? t('copyFailed') : (children ?? t('copy'))}
      </button>
      <span className="visually-hidden" role="status">
        {result === 'copied' ? t('copiedAnnouncement', text) : result === 'failed' ? t('copyFailed') : ''}
      </span>
    </>
  );
}
