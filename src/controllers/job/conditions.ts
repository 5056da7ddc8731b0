/**
 * Job conditions as upstream writes them (`newCondition`, `ensureJobConditionStatus`): probe and
 * transition time both `now`; the interim `FailureTarget` / `SuccessCriteriaMet` before the
 * final `Failed` / `Complete`.
 */
import type { Condition } from '../../api/meta.js'
import type { Job } from '../../api/workloads.js'
import { find } from '../../core/conditions.js'

/** A Job condition stamped `time` (probe and transition). */
export const jobCondition = (type: string, status: 'True' | 'False', reason: string, message: string, time: string): Condition => ({
  type,
  status,
  lastProbeTime: time,
  lastTransitionTime: time,
  reason,
  message,
})

/** The condition of `type` when its status is True. */
export const trueCondition = (job: Job, type: string): Condition | undefined => {
  const c = find(job.status?.conditions, type)
  return c?.status === 'True' ? c : undefined
}

/** Finished: `Complete` or `Failed` is True (the interim conditions do not count). */
export const isFinished = (job: Job): boolean => trueCondition(job, 'Complete') !== undefined || trueCondition(job, 'Failed') !== undefined

/**
 * Upstream `ensureJobConditionStatus`: a condition of that type is replaced (new times) when its
 * status, reason or message differ; a missing one is appended unless its status is False.
 * `undefined` when nothing changes.
 */
export const ensureCondition = (conditions: ReadonlyArray<Condition>, c: Condition): ReadonlyArray<Condition> | undefined => {
  const i = conditions.findIndex((x) => x.type === c.type)
  if (i >= 0) {
    const old = conditions[i] as Condition
    if (old.status === c.status && old.reason === c.reason && old.message === c.message) return undefined
    return conditions.map((x, j) => (j === i ? c : x))
  }
  return c.status === 'False' ? undefined : [...conditions, c]
}

/** Job failure reasons and their messages (upstream's). */
export const failureMessages = {
  BackoffLimitExceeded: 'Job has reached the specified backoff limit',
  DeadlineExceeded: 'Job was active longer than specified deadline',
  MaxFailedIndexesExceeded: 'Job has exceeded the specified maximal number of failed indexes',
  FailedIndexes: 'Job has failed indexes',
} as const

/** The reason of a success by completions, and its message. */
export const completionsReached = { reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' } as const
