import { text } from '../../i18n/i18n';
import { errorText, isExpectedError } from '../errors';
import { notify } from '../notify';
import type { PageSession } from '../page/page-session';
import { pageServiceOrAsk, type GestureParts } from './page-service-or-ask';

export const CONTEXT_MENU_ID = 'numpool-get-number';

/** What the browser says of a menu click (Firefox adds the clicked element's id). */
export interface MenuClick {
  menuItemId: string | number;
  frameId?: number;
  frameUrl?: string;
  pageUrl?: string;
  targetElementId?: number;
}

/**
 * "Get number here": the browser's own menu, which no page can draw over or click for the user.
 * The frame that was right-clicked gets a single-use token and asks for the purchase itself
 * (with its field, so the country is chosen as for the in-field button). A site that matches
 * no service opens the popup to ask; its purchase fills the same field.
 */
export function contextMenuHandler(parts: GestureParts & { pageSession: PageSession }) {
  const { ctx, pageSession } = parts;
  return async (info: MenuClick, tab: { id?: number; url?: string } | undefined): Promise<void> => {
    if (info.menuItemId !== CONTEXT_MENU_ID || tab?.id === undefined) return;
    const tabId = tab.id;
    const frameId = info.frameId ?? 0;
    try {
      // The service of the frame that was clicked, not of the page around it. Inside the try: the
      // tab may be gone by now, and nothing awaits this handler to catch its failure.
      const url = info.frameUrl ?? info.pageUrl ?? tab.url ?? (await ctx.platform.tabUrl(tabId));
      if (!(await pageServiceOrAsk(parts, tabId, frameId, url))) return;
      const token = await pageSession.issueGestureToken(tabId, frameId);
      const event = {
        np: 1,
        event: 'menu.clicked',
        token,
        ...(info.targetElementId !== undefined ? { targetElementId: info.targetElementId } : {}),
      } as const;
      await ctx.platform.sendToTab(tabId, { frameId }, event);
    } catch (error) {
      if (!isExpectedError(error)) ctx.diagnostics.error('the context menu', error);
      await notify(ctx, 'buy-failed', text('notifyBuyFailedTitle'), errorText(error));
    }
  };
}
