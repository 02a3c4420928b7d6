/**
 * Facts about the API that stored settings and the message protocol need too. They live apart from
 * the client and its response schemas so that the popup, which only reads state, loads neither.
 */
export const DEFAULT_BASE_URL = 'https://numpool.com/api/v1';

/** The rental durations the API prices, in its own words. */
export const RENTAL_DURATIONS = ['oneDay', 'threeDay', 'sevenDay', 'fourteenDay', 'thirtyDay'] as const;

/** NumPool's own site: where a user signs up, creates a key and tops up. */
export const NUMPOOL_SITE = 'https://numpool.com';
