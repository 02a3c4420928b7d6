import type { EngineState } from '../state/schema';

/** The keyboard shortcuts (manifest `commands`); the user changes the keys on the browser's shortcuts page. */
export const GET_NUMBER_COMMAND = 'get-number';
export const COPY_CODE_COMMAND = 'copy-code';

/** The code that arrived last, of any order or rental inbox; null when none has one. */
export function newestCode(state: EngineState): string | null {
  let best: { code: string; at: number } | null = null;
  for (const order of state.orders) {
    for (const message of order.messages) if (message.code && (!best || message.at > best.at)) best = { code: message.code, at: message.at };
  }
  for (const rental of state.rentals) {
    for (const message of rental.messages) {
      const at = message.at ? Date.parse(message.at) : NaN;
      if (message.code && !Number.isNaN(at) && (!best || at > best.at)) best = { code: message.code, at };
    }
  }
  return best?.code ?? null;
}
