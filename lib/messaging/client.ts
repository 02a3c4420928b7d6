import { browser } from 'wxt/browser';
import { protocol, replyEnvelopeSchema, type RequestOf, type RequestType, type ResponseOf, type UserError } from './protocol';

/** An error the background reported, as a sentence of the locale files for the user. */
export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(readonly error: UserError) {
    super(error.key);
  }
}

/**
 * Asks the background. The reply is validated before use: a popup or content script never trusts
 * a shape it did not check.
 */
export async function request<K extends RequestType>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ np: 1, type, payload });
  } catch {
    throw new RequestError({ kind: 'extension', key: 'errorRestarting' });
  }
  const reply = replyEnvelopeSchema.safeParse(raw);
  if (!reply.success) throw new RequestError({ kind: 'extension', key: 'errorUnexpectedReply' });
  if (!reply.data.ok) throw new RequestError(reply.data.error);
  const value = protocol[type].response.safeParse(reply.data.value);
  if (!value.success) throw new RequestError({ kind: 'extension', key: 'errorUnexpectedReply' });
  return value.data as ResponseOf<K>;
}
