import type { Browser } from 'wxt/browser';
import {
  protocol,
  requestEnvelopeSchema,
  type Audience,
  type ReplyEnvelope,
  type RequestType,
  type ResponseOf,
  type UserError,
} from './protocol';
import type { z } from 'zod';
import type { MessageKey } from '../i18n/i18n';

export type Sender = Browser.runtime.MessageSender;

/** Who sent a message: our own pages, our content script in a web page, or nobody we serve. */
export function classifySender(sender: Sender, extensionId: string, extensionOrigin: string): Audience | null {
  if (sender.id !== extensionId) return null;
  const url = sender.url ?? '';
  if (url.startsWith(extensionOrigin)) return 'extension';
  // A content script always runs in a tab; its frame is a web page.
  if (sender.tab?.id !== undefined && /^https?:/.test(url)) return 'content';
  return null;
}

export type Handlers = {
  [K in RequestType]: (payload: z.output<(typeof protocol)[K]['request']>, sender: Sender) => Promise<ResponseOf<K>>;
};

/** Turns anything thrown by a handler into words for the user; never a stack, never a secret. */
export type ErrorMapper = (error: unknown) => UserError;

/**
 * Dispatches validated requests to their handlers. A request from a context that may not send it,
 * or with a payload that does not validate, gets a clear refusal and reaches no handler.
 */
export function createDispatcher(handlers: Handlers, options: { extensionId: string; extensionOrigin: string; errorForUser: ErrorMapper }) {
  return async function dispatch(message: unknown, sender: Sender): Promise<ReplyEnvelope | undefined> {
    const envelope = requestEnvelopeSchema.safeParse(message);
    if (!envelope.success) return undefined; // not ours
    const type = envelope.data.type;
    if (!Object.hasOwn(protocol, type)) return refuse('invalid-input', 'errorUnknownRequest');
    const def = protocol[type as RequestType];
    const audience = classifySender(sender, options.extensionId, options.extensionOrigin);
    if (!audience || !(def.from as readonly Audience[]).includes(audience)) return refuse('not-allowed', 'errorNotAllowed');
    const payload = def.request.safeParse(envelope.data.payload);
    if (!payload.success) return refuse('invalid-input', 'errorInvalidRequest');
    try {
      const handler = handlers[type as RequestType] as (p: unknown, s: Sender) => Promise<unknown>;
      return { ok: true, value: await handler(payload.data, sender) };
    } catch (error) {
      return { ok: false, error: options.errorForUser(error) };
    }
  };
}

function refuse(kind: string, key: MessageKey): ReplyEnvelope {
  return { ok: false, error: { kind, key } };
}
