import { flagPath } from '../../lib/ui/flags';
import { useFirstFrameShown } from './hooks';

/**
 * A country's flag as a small image from the extension's own files: emoji flags are two letters on
 * Windows and empty boxes on Linux without an emoji font. The browser fetches only the flags on
 * screen. The name is always written next to it, so screen readers skip the image; the ISO code
 * is its alt text, shown if the image cannot load. No flag known: an empty box of the same size,
 * so rows stay aligned.
 *
 * The same box stands in until the page's first frame is on screen: fetching and decoding the
 * images (and drawing the page again for them) would compete with that frame (#20).
 */
export function Flag({ iso2 }: { iso2: string | null | undefined }) {
  const shown = useFirstFrameShown();
  const src = flagPath(iso2);
  if (!src || !shown) return <span className="flag" aria-hidden="true" />;
  return (
    <img className="flag" src={src} alt={iso2!.toUpperCase()} aria-hidden="true" width={18} height={12} loading="lazy" decoding="async" />
  );
}
