import { browser } from 'wxt/browser';
import { t, type MessageKey } from '../i18n/i18n';
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
  if (!reply.data.ok) throw new Error(t(reply.data.error.key as MessageKey, reply.data.error.params));
  const value = pageReplies[type].safeParse(reply.data.value);
  if (!value.success) throw new Error(t('pageUnexpectedReply'));
  return value.data as z.infer<(typeof pageReplies)[K]>;
}

/** What the background needs to know of a phone field to choose the country and format the number for it. */
export function fieldShape(field: {
  element?: { value: string };
  snapshot: { maxLength?: number; placeholder?: string; pattern?: string };
  partShapes?: { length?: number }[];
  countryControl?: {
    kind?: 'select' | 'input' | 'custom';
    selectedDialCode?: string;
    selectedIso?: string;
    selectedLabel?: string;
    options?: { value: string; dialCode: string; label: string }[];
  };
}): FieldShape {
  const s = field.snapshot;
  const cap = (text: string | undefined, max = 200) => (text ? text.slice(0, max) : undefined);
  const control = field.countryControl;
  const value = field.element?.value.trimStart() ?? '';
  return {
    maxLength: s.maxLength && s.maxLength > 0 ? s.maxLength : undefined,
    placeholder: cap(s.placeholder),
    pattern: cap(s.pattern),
    // Only a leading dial code matters (react-phone-input-2 shows `+1 ` before any digit is typed).
    valueStart: value.startsWith('+') ? value.slice(0, 24) : undefined,
    partLengths: field.partShapes?.map((part) => part.length ?? 0),
    countryControl: control
      ? {
          kind: control.kind,
          selectedDialCode: control.selectedDialCode,
          selectedIso: control.selectedIso && /^[A-Z]{2}$/.test(control.selectedIso) ? control.selectedIso : undefined,
          selectedLabel: cap(control.selectedLabel, 80),
          options: control.options
            ?.slice(0, 400)
            .map((o) => ({ value: cap(o.value) ?? '', dialCode: o.dialCode.slice(0, 8), label: cap(o.label) ?? '' })),
        }
      : undefined,
  };
}
