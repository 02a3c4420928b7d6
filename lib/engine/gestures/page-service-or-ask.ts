import { text } from '../../i18n/i18n';
import type { EngineContext } from '../context';
import { notify } from '../notify';
import { schemeOf } from '../page/page-site';
import { hostOf } from '../page/site-service';
import type { ContextTargets } from './context-targets';

/** What the menu and the shortcut handlers share. */
export interface GestureParts {
  ctx: EngineContext;
  targets: ContextTargets;
}

/**
 * Whether the frame at `url` belongs to a service. When it does not, the frame is remembered so
 * the purchase the user finishes in the popup fills it, and the popup asks which service (where
 * it cannot open, a notification says so).
 */
export async function pageServiceOrAsk(
  { ctx, targets }: GestureParts,
  tabId: number,
  frameId: number,
  url: string | undefined,
): Promise<boolean> {
  const host = hostOf(url);
  const scheme = schemeOf(url);
  if (await ctx.catalog.lookUpServiceForPage(await ctx.account.client(), { host, scheme }, (await ctx.settings()).siteServices))
    return true;
  await targets.remember(tabId, frameId, host, scheme);
  await ctx.platform.openPopup().catch(() => notify(ctx, 'pick-service', text('notifyPickServiceTitle'), text('notifyPickServiceBody')));
  return false;
}
