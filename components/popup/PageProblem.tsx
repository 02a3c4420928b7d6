import type { PageProblem as Problem } from '../../lib/messaging/protocol';
import { t } from '../../lib/i18n/i18n';

function sentence(problem: Problem): string {
  switch (problem) {
    case 'key-refused':
      return t('pageProblemKeyRefused');
    case 'unreachable':
      return t('pageProblemUnreachable');
    case 'failed':
      return t('pageProblemFailed');
  }
}

/**
 * Why sign-up pages show no button though a key is saved: a page cannot be told (it would learn
 * the extension is there and what is wrong with the account), so the popup says it.
 */
export function PageProblem({ problem }: { problem: Problem | null }) {
  if (!problem) return null;
  return (
    <p className="error" role="status" data-testid="page-problem">
      {sentence(problem)}
    </p>
  );
}
