/**
 * Burst limit and slow-start batching of pod creates (upstream `slowStartBatch`,
 * spec/replicaset-deployment.md §2.3 and §6 item 24).
 */

/** At most this many pods are created, or deleted, in one sync (upstream `BurstReplicas`). */
export const burstReplicas = 500

/** The first slow-start batch size (upstream `SlowStartInitialBatchSize`). */
export const slowStartInitialBatchSize = 1

/**
 * The batch sizes upstream uses to issue `count` creates: `initial`, then doubling, the last
 * batch holding the remainder (`10` → `[1, 2, 4, 3]`). Upstream waits for each batch and skips
 * every later batch once one call in a batch fails; when nothing fails the sizes sum to `count`.
 */
export const slowStartBatches = (count: number, initial: number = slowStartInitialBatchSize): ReadonlyArray<number> => {
  const out: Array<number> = []
  let remaining = Math.max(0, Math.floor(count))
  for (let size = Math.min(remaining, Math.max(1, Math.floor(initial))); size > 0; size = Math.min(2 * size, remaining)) {
    out.push(size)
    remaining -= size
  }
  return out
}

/**
 * How many calls upstream makes when the `failAt`-th call (0-based, in issue order) is the first
 * to fail: every call up to the end of the batch holding `failAt`. `undefined` (no failure) gives
 * `count`. Successes are that number minus the failures inside the last batch.
 */
export const slowStartAttempts = (count: number, failAt: number | undefined, initial: number = slowStartInitialBatchSize): number => {
  const failing = failAt ?? Number.POSITIVE_INFINITY
  let issued = 0
  for (const size of slowStartBatches(count, initial)) {
    issued += size
    if (failing < issued) return issued
  }
  return issued
}
