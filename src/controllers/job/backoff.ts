/**
 * The pod-creation backoff after failures (upstream `backoff_utils.go`): 10 s doubling to 10 min
 * from the last failure. Globally it is a record upstream keeps in memory per Job
 * (`failuresAfterLastSuccess`, `lastFailureTime`), reset by a later success; here it is the
 * controller's memory, derived after each sync from the pods whose finalizer the sync removes.
 * Per index (backoffLimitPerIndex) it is read from the failure-count annotations of the index's
 * last failed pod instead.
 */
import type { Pod } from '../../api/pod.js'
import type { Job } from '../../api/workloads.js'
import type { Action } from '../../core/Action.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import { jobPods } from './claim.js'
import { finishedTime, hasBackoffLimitPerIndex, indexAbsoluteFailureCount } from './jobPods.js'
import { newFinishedPods } from './counting.js'
import { maxPodFailureBackoffMs, podFailureBackoffMs } from './keys.js'

/** One Job's record: failures after the last success, when the last one finished, and the failures recorded. */
export interface BackoffRecord {
  readonly failures: number
  readonly lastFailureMs?: number
  /** Uids of the failures recorded since the last reset, so a sync retried after a failed write records none twice. */
  readonly recorded: ReadonlyArray<string>
}

/** The records of every Job, by Job uid. */
export type JobBackoff = Readonly<Record<string, BackoffRecord>>

/** No records (a fresh controller). */
export const emptyBackoff: JobBackoff = {}

const none: BackoffRecord = { failures: 0, recorded: [] }

/** The delay after `failures` failures (ms): 0, then 10 s doubling, capped at 10 min. */
export const delayMs = (failures: number): number => {
  if (failures <= 0) return 0
  let d = podFailureBackoffMs
  for (let i = 1; i < failures; i++) {
    d *= 2
    if (d >= maxPodFailureBackoffMs) return maxPodFailureBackoffMs
  }
  return d
}

/** What is left of the delay after `failures` failures, the last at `lastFailureMs` (ms, ≥ 0). */
export const remainingMs = (failures: number, lastFailureMs: number | undefined, nowMs: number): number => {
  if (failures <= 0 || lastFailureMs === undefined) return 0
  const d = delayMs(failures)
  const elapsed = nowMs - lastFailureMs
  return d < elapsed ? 0 : d - elapsed
}

/** The Job's record in `backoff` (an empty one when it has none). */
export const recordOf = (backoff: JobBackoff | undefined, job: Job): BackoffRecord => backoff?.[job.metadata.uid ?? ''] ?? none

/**
 * Upstream `newBackoffRecord`: the record after `succeeded` and `failed` pods were newly seen.
 * Without successes the failures add up and the last failure time is the latest one; with
 * successes only the failures finished strictly after the latest success remain.
 */
export const nextRecord = (prev: BackoffRecord, succeeded: ReadonlyArray<Pod>, failed: ReadonlyArray<Pod>): BackoffRecord => {
  const seen = new Set(prev.recorded)
  const newFailed = failed.filter((p) => !seen.has(p.metadata.uid ?? ''))
  if (succeeded.length === 0) {
    if (newFailed.length === 0) return prev
    const last = Math.max(...newFailed.map(finishedTime))
    return { failures: prev.failures + newFailed.length, lastFailureMs: last, recorded: [...prev.recorded, ...newFailed.map((p) => p.metadata.uid ?? '')] }
  }
  if (failed.length === 0) return prev.failures === 0 && prev.recorded.length === 0 ? prev : none
  let lastOk = -Infinity
  for (const p of succeeded) lastOk = Math.max(lastOk, finishedTime(p))
  const after = failed.map((p) => [p, finishedTime(p)] as const).filter(([, t]) => t > lastOk)
  return {
    failures: after.length,
    ...(after.length === 0 ? {} : { lastFailureMs: Math.max(...after.map(([, t]) => t)) }),
    recorded: after.map(([p]) => p.metadata.uid ?? ''),
  }
}

/** Upstream's per-index remaining delay: from the index's last failed pod (none: no delay). */
export const indexRemainingMs = (lastFailed: Pod | undefined, nowMs: number): number =>
  lastFailed === undefined ? 0 : remainingMs(indexAbsoluteFailureCount(lastFailed) + 1, finishedTime(lastFailed), nowMs)

const finishesJob = (a: Action, uid: string): boolean =>
  a._tag === 'UpdateStatus' &&
  a.object.kind === 'Job' &&
  a.object.metadata.uid === uid &&
  (a.object.status?.conditions ?? []).some((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')

const flushes = (a: Action, job: Job): boolean =>
  a._tag === 'UpdateStatus' && a.object.kind === 'Job' && a.object.metadata.name === job.metadata.name && a.object.metadata.namespace === job.metadata.namespace

/**
 * The memory after a sync of `job` that observed `view` sent `actions`: as upstream, the record
 * computed from the pods the sync newly saw finish is kept when the sync writes the Job's
 * status, and forgotten when that write finishes the Job. Pods recorded before are skipped, so a
 * sync retried after a failed write does not count them twice.
 */
export const rememberBackoff = (backoff: JobBackoff, actions: ReadonlyArray<Action>, _now: Date, job: Job, view: View): JobBackoff => {
  const uid = job.metadata.uid ?? ''
  if (actions.some((a) => finishesJob(a, uid))) {
    if (!(uid in backoff)) return backoff
    const { [uid]: _drop, ...rest } = backoff
    return rest
  }
  if (hasBackoffLimitPerIndex(job) || !actions.some((a) => flushes(a, job))) return backoff
  const { succeeded, failed } = newFinishedPods(job, jobPods(job, view).pods)
  const prev = recordOf(backoff, job)
  const next = nextRecord(prev, succeeded, failed)
  return next === prev ? backoff : { ...backoff, [uid]: next }
}
