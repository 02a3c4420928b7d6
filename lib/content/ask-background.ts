import { browser } from 'wxt/browser';
import { t } from '../ui/i18n';
import type * as z from 'zod/mini';
import type { FieldShape, RequestOf } from '../messaging/protocol';
import { pageReplies, replyEnvelope, type PageRequest } from './page-protocol';

/** Asks the background on behalf of this page; the reply is checked before use. Throws a sentence. */
export async function askBackground<K extends PageRequest>(type: K, payload: RequestOf<K>): Promise<z.infer<(typeof pageReplies)[K]>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ np: 1, type, payload });
  } catch {
    throw new Error(t('pageRestarting'));
  }
  const reply = replyEnvelope.safeParse(raw);
  if (!reply.success) throw new Error(t('pageUnexpectedReply'));
  if (!reply.data.ok) throw new Error(reply.data.error.message);
  const value = pageReplies[type].safeParse(reply.data.value);
  if (!value.success) throw new Error(t('pageUnexpectedReply'));
  return value.data as z.infer<(typeof pageReplies)[K]>;
}

/** What the background needs to know of a phone field to format the number for it. */
export function fieldShape(field: {
  snapshot: { maxLength?: number; placeholder?: string; pattern?: string };
  countryControl?: { selectedDialCode?: string; options?: { value: string; dialCode: string; label: string }[] };
}): FieldShape {
  const s = field.snapshot;
  const cap = (text: string | undefined) => (text ? text.slice(0, 200) : undefined);
  return {
    maxLength: s.maxLength && s.maxLength > 0 ? s.maxLength : undefined,
    placeholder: cap(s.placeholder),
    pattern: cap(s.pattern),
    countryControl: field.countryControl
      ? {
          selectedDialCode: field.countryControl.selectedDialCode,
          options: field.countryControl.options?.slice(0, 400).map((o) => ({ value: cap(o.value) ?? '', dialCode: o.dialCode.slice(0, 8), label: cap(o.label) ?? '' })),
        }
      : undefined,
  };
}
