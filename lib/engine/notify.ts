import type { Text } from '../i18n/i18n';
import type { EngineContext } from './context';

/**
 * The one way the engine shows a notification. Notifications can fail (blocked by the user or the
 * system, an API a browser lacks): the failure is logged and never thrown, since a notification
 * is never worth failing what it reports.
 */
export async function notify(ctx: Pick<EngineContext, 'platform' | 'diagnostics'>, id: string, title: Text, message: Text): Promise<void> {
  await ctx.platform.notify(id, title, message).catch(ctx.diagnostics.catcher('showing a notification'));
}
