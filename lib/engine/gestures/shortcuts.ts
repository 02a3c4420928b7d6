import type { EngineState } from '../../state/schema';
import { text } from '../../i18n/i18n';
import { errorText, isExpectedError } from '../errors';
import { notify } from '../notify';
import type { PageSession } from '../page/page-session';
import { pageServiceOrAsk, type GestureParts } from './page-service-or-ask';

/** The keyboard shortcuts (manifest `commands`); the user changes the keys on the browser's shortcuts page. */
export const GET_NUMBER_COMMAND = 'get-number';
export const COPY_CODE_COMMAND = 'copy-code';

/** The code that arrived last, of any order or rental inbox; null when none has one. */
export function newestCode(state: EngineState): string | null {
  let best: { code: string; at: number } | null = null;
  for (const order of state.orders) {
    for (const message of order.messages)
      if (message.code && (!best || message.at > best.at)) best = { code: message.code, at: message.at };
  }
  for (const rental of state.rentals) {
    for (const message of rental.messages) {
      const at = message.at ? Date.parse(message.at) : NaN;
      if (message.code && !Number.isNaN(at) && (!best || at > best.at)) best = { code: message.code, at };
    }
  }
  return best?.code ?? null;
}

/**
 * The keyboard shortcuts: a number for the focused field, and the newest code to the clipboard.
 * Nothing awaits a browser event handler, so every failure is caught here, logged when the
 * engine did not mean it, and said in a notification.
 */
export function shortcutHandler(parts: GestureParts & { pageSession: PageSession }) {
  const { ctx, pageSession } = parts;
  return async (command: string, tab: { id?: number; url?: string } | undefined): Promise<void> => {
    try {
      if (command === COPY_CODE_COMMAND) {
        const code = newestCode(await ctx.store.read());
        if (!code) return await notify(ctx, 'copy-code', text('notifyNoCodeTitle'), text('notifyNoCodeBody'));
        await ctx.platform.copyText(code);
        await notify(ctx, 'copy-code', text('notifyCodeCopiedTitle', code), text('notifyCodeCopiedBody'));
        return;
      }
      if (command !== GET_NUMBER_COMMAND || tab?.id === undefined) return;
      const tabId = tab.id;
      const url = tab.url ?? (await ctx.platform.tabUrl(tabId));
      // As the menu does: a site that matches no service asks in the popup.
      if (!(await pageServiceOrAsk(parts, tabId, 0, url))) return;
      // The background cannot tell which frame has the focus: every frame hears it, only that one answers.
      const token = await pageSession.issueGestureToken(tabId, null);
      await ctx.platform.sendToTab(tabId, {}, { np: 1, event: 'shortcut.pressed', token });
    } catch (error) {
      if (!isExpectedError(error)) ctx.diagnostics.error('a keyboard shortcut', error);
      await notify(ctx, 'shortcut-failed', text('appTitle'), errorText(error));
    }
  };
}
