/**
 * Pacing: client-side rate limits as token buckets (upstream client-go's `flowcontrol`
 * token-bucket limiter), so that simulated time means what it means on a real cluster. The
 * controller manager's controllers share one bucket (upstream defaults `--kube-api-qps` 20,
 * `--kube-api-burst` 30); the scheduler has its own (kube-scheduler's client: 50 QPS, burst 100).
 *
 * A sync starts only when its bucket holds a token; its writes then take one token each, the
 * bucket going into debt for a sync that writes more than it holds (the worker blocked on the
 * client while it sent them). The writes of one sync are applied together at its start — the
 * simplification: throughput and waiting are upstream's, but within one large sync the writes
 * land earlier than they would (at most writes / QPS seconds).
 */

/** A token bucket's settings. */
export interface Rate {
  /** Tokens added per second. */
  readonly qps: number
  /** The most tokens it holds (and holds at the start). */
  readonly burst: number
}

/** A token bucket's state: the tokens it held at `at` (ms). */
export interface Bucket {
  readonly tokens: number
  readonly at: number
}

/** A full bucket at `now`. */
export const full = (rate: Rate, now: number): Bucket => ({ tokens: rate.burst, at: now })

/** The bucket refilled up to `now`. */
export const refill = (rate: Rate, b: Bucket, now: number): Bucket =>
  now <= b.at ? b : { tokens: Math.min(rate.burst, b.tokens + ((now - b.at) * rate.qps) / 1000), at: now }

/** Whether the bucket holds a whole token at `now`. */
export const ready = (rate: Rate, b: Bucket, now: number): boolean => refill(rate, b, now).tokens >= 1

/** The bucket after taking `n` tokens at `now` (it may go into debt). */
export const take = (rate: Rate, b: Bucket, now: number, n: number): Bucket => {
  const r = refill(rate, b, now)
  return { tokens: r.tokens - n, at: r.at }
}

/** When (ms) the bucket next holds a whole token. */
export const readyAt = (rate: Rate, b: Bucket): number =>
  b.tokens >= 1 ? b.at : b.at + Math.ceil(((1 - b.tokens) * 1000) / rate.qps)
