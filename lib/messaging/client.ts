import { browser } from 'wxt/browser';
import type { RequestOf, RequestType, ResponseOf, UserError } from './protocol';

/**
 * The schemas of every message, loaded with the first request rather than with the page: building
 * them is work the popup's first frame would wait for, and that frame sends nothing (its own
 * chunk, see wxt.config.ts).
 */
const schemas = () => import('./protocol');

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
  const loading = schemas();
  let raw: unknown;
  try {
    raw = await browser.runtime.sendMessage({ np: 1, type, payload });
  } catch {
    throw new RequestError({ kind: 'extension', key: 'errorRestarting' });
  }
  const { protocol, replyEnvelopeSchema } = await loading;
  const reply = replyEnvelopeSchema.safeParse(raw);
  if (!reply.success) throw new RequestError({ kind: 'extension', key: 'errorUnexpectedReply' });
  if (!reply.data.ok) throw new RequestError(reply.data.error);
  const value = protocol[type].response.safeParse(reply.data.value);
  if (!value.success) throw new RequestError({ kind: 'extension', key: 'errorUnexpectedReply' });
  return value.data as ResponseOf<K>;
}
