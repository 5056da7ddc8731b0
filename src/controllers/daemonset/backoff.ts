/**
 * The failed-pod backoff (upstream's `failedPodsBackoff`, a client-go `Backoff` with an initial
 * delay of 1 s and a cap of 15 min), as plain immutable data: upstream keeps it in memory across
 * syncs, here it is an explicit input of `reconcile` and `rememberBackoff` derives the next table
 * from the actions one sync emitted.
 */
import type { DaemonSet } from '../../api/workloads.js'
import type { Action } from '../../core/Action.js'

/** One entry: the current delay and when it was last raised. */
export interface BackoffEntry {
  readonly delayMs: number
  readonly lastUpdateMs: number
}

/** The backoff table: `<ds uid>/<ds status.observedGeneration>/<node>` → entry (upstream's key). */
export type FailedPodBackoff = Readonly<Record<string, BackoffEntry>>

/** The table with no entries (a fresh controller). */
export const emptyBackoff: FailedPodBackoff = {}

/** The first delay after a failed pod is deleted (upstream 1 s). */
export const initialBackoffMs = 1000

/** The longest delay (upstream 15 min). */
export const maxBackoffMs = 15 * 60 * 1000

/** The reason of the event emitted when a failed daemon pod is deleted. */
export const failedDaemonPodReason = 'FailedDaemonPod'

/**
 * The key of a DaemonSet's failed pods on one node: with the generation the DaemonSet's status
 * had observed, so a new template starts a fresh backoff, as upstream's does.
 */
export const backoffKey = (dsUid: string, observedGeneration: number, node: string): string => `${dsUid}/${observedGeneration}/${node}`

/** An entry older than twice the cap is forgotten (upstream `hasExpired`). */
const expired = (e: BackoffEntry, nowMs: number): boolean => nowMs - e.lastUpdateMs > 2 * maxBackoffMs

/** Whether a failed pod under `key` must wait: an entry whose delay has not passed since its last update (strict `<`). */
export const inBackoff = (backoff: FailedPodBackoff, key: string, nowMs: number): boolean => {
  const e = backoff[key]
  return e !== undefined && nowMs - e.lastUpdateMs < e.delayMs
}

/** The current delay under `key` in seconds (0 without entry): how long upstream waits before the next sync. */
export const backoffSeconds = (backoff: FailedPodBackoff, key: string): number => (backoff[key]?.delayMs ?? 0) / 1000

/** Upstream `Next`: the delay under `key` starts at 1 s, or doubles up to the cap; its time becomes `nowMs`. */
export const nextBackoff = (backoff: FailedPodBackoff, key: string, nowMs: number): FailedPodBackoff => {
  const e = backoff[key]
  const delayMs = e === undefined || expired(e, nowMs) ? initialBackoffMs : Math.min(2 * e.delayMs, maxBackoffMs)
  return { ...backoff, [key]: { delayMs, lastUpdateMs: nowMs } }
}

const nodeInMessage = / on node (.+), will try to kill it$/

/** The message of the FailedDaemonPod event for a pod on a node (upstream's text). */
export const failedPodMessage = (namespace: string, pod: string, node: string): string =>
  `Found failed daemon pod ${namespace}/${pod} on node ${node}, will try to kill it`

/**
 * The table after a sync of `ds` that emitted `actions` at `now`: every FailedDaemonPod event
 * (its target is the DaemonSet, its message names the node) raises the delay of that DaemonSet,
 * the generation its status had observed, and node; entries expired at `now` are dropped
 * (reading them is the same as reading none).
 */
export const rememberBackoff = (
  backoff: FailedPodBackoff,
  actions: ReadonlyArray<Action>,
  now: Date,
  ds: DaemonSet,
): FailedPodBackoff => {
  const nowMs = now.getTime()
  const generation = ds.status?.observedGeneration ?? 0
  let out = backoff
  for (const a of actions) {
    if (a._tag !== 'Event' || a.reason !== failedDaemonPodReason) continue
    const node = nodeInMessage.exec(a.message)?.[1]
    if (node === undefined || a.target.uid === undefined) continue
    out = nextBackoff(out, backoffKey(a.target.uid, generation, node), nowMs)
  }
  const stale = Object.keys(out).filter((k) => expired(out[k] as BackoffEntry, nowMs))
  if (stale.length === 0) return out
  const kept: Record<string, BackoffEntry> = {}
  for (const [k, e] of Object.entries(out)) if (!stale.includes(k)) kept[k] = e
  return kept
}
