import type { Order, Sms } from '../../state/schema';
import type { EngineContext } from '../context';
import { text } from '../../i18n/i18n';
import { notify } from '../notify';

/** A badge holds about 4 characters: a longer code would be cut and misread, so it says "SMS". */
export function badgeText(code: string | null): string {
  if (code && code.length <= 4) return code;
  return 'SMS';
}

/**
 * Tells everyone a code arrived: the tab that asked (its code field is filled at once), the badge
 * and a notification (each can be switched off). The popup follows storage, so it already knows.
 */
export async function announceCodes(ctx: EngineContext, order: Order, fresh: readonly Sms[]): Promise<void> {
  const newest = fresh[0];
  if (!newest) return;
  const settings = await ctx.settings();
  const jobs: Promise<unknown>[] = [];
  if (order.fillTarget && newest.code) {
    // The push names no code: the frame asks for it, and only a page of the order's site is answered.
    const { tabId, frameId } = order.fillTarget;
    jobs.push(ctx.platform.sendToTab(tabId, { frameId }, { np: 1, event: 'code.ready', orderId: order.orderId }));
  }
  if (settings.badge)
    jobs.push(
      ctx.platform.setBadge(
        badgeText(newest.code),
        newest.code ? text('badgeCodeTitle', newest.code, order.number) : text('badgeSmsTitle', order.number),
      ),
    );
  if (settings.notifications) {
    const title = newest.code ? text('notifyCodeTitle', newest.code) : text('notifySmsTitle');
    jobs.push(
      notify(
        ctx,
        `code-${order.orderId}-${order.messages.length}`,
        title,
        text('notifySmsBody', order.number, newest.text ?? newest.code ?? ''),
      ),
    );
  }
  // One failing channel (a closed tab, notifications blocked) must not stop the others.
  await Promise.allSettled(jobs);
}

export async function announceRentalMessage(ctx: EngineContext, number: string, body: string): Promise<void> {
  const settings = await ctx.settings();
  if (settings.notifications)
    await notify(ctx, `rental-${number}-${ctx.now()}`, text('notifyRentalSmsTitle', number), text('notifyPlain', body));
}
