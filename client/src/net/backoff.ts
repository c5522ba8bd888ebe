// Reconnect delays: exponential growth with "equal jitter". Half of each delay is fixed so
// a client never hammers a server that just went away; the other half is random so that
// every browser that lost the same server does not come back in the same millisecond.

export interface BackoffOptions {
  /** Delay ceiling before jitter for the first retry, in ms. */
  baseMs: number;
  /** Largest delay, in ms, however many attempts failed. */
  capMs: number;
  /** Source of randomness in [0, 1); injectable so tests are deterministic. */
  random: () => number;
}

export const defaultBackoff: BackoffOptions = { baseMs: 500, capMs: 15_000, random: Math.random };

/** Delay before retry number `attempt` (0 = the first retry after a loss). */
export function backoffDelay(attempt: number, options: BackoffOptions = defaultBackoff): number {
  const exponent = Math.min(Math.max(0, attempt), 30); // 2^30 already exceeds any cap
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const half = ceiling / 2;
  return Math.round(half + options.random() * half);
}
