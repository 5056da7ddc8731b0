/**
 * History cleanup (upstream `cleanupFinishedJobs`, `removeOldestJobs`, `byJobStartTime`): the
 * oldest finished Jobs beyond `successfulJobsHistoryLimit` (Complete) and
 * `failedJobsHistoryLimit` (Failed) are deleted with Background propagation. It runs at the
 * start of every sync, also for a suspended CronJob or one being deleted, when either limit is set.
 */
import type { CronJob, Job } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { compareStrings } from '../../core/order.js'
import * as T from '../../core/time.js'
import { finishedCondition } from './jobs.js'

/**
 * Upstream's `byJobStartTime`: Jobs with a `status.startTime` first, earliest first; Jobs
 * without one last; ties by name.
 */
export const byJobStartTime = (a: Job, b: Job): number => {
  const sa = T.parse(a.status?.startTime)
  const sb = T.parse(b.status?.startTime)
  if (sa === undefined && sb !== undefined) return 1
  if (sa !== undefined && sb === undefined) return -1
  if (sa === sb) return compareStrings(a.metadata.name ?? '', b.metadata.name ?? '')
  return (sa ?? 0) - (sb ?? 0)
}

/** The Jobs to delete so that at most `limit` remain: the oldest by `byJobStartTime`. */
export const oldestBeyond = (jobs: ReadonlyArray<Job>, limit: number): ReadonlyArray<Job> =>
  jobs.length <= limit ? [] : [...jobs].sort(byJobStartTime).slice(0, jobs.length - limit)

/** What cleanup does: the deletes (each followed by its `SuccessfulDelete` event) and the Jobs deleted. */
export interface Cleanup {
  readonly actions: ReadonlyArray<Action>
  readonly deleted: ReadonlyArray<Job>
}

/** The delete of a Job by the CronJob controller (Background propagation) and its event (upstream `deleteJob`). */
export const deleteJob = (cj: CronJob, job: Job): ReadonlyArray<Action> => [
  A.del(ObjectRef.of(job), { propagationPolicy: 'Background' }),
  A.event(ObjectRef.of(cj), 'Normal', 'SuccessfulDelete', `Deleted job ${job.metadata.name ?? ''}`),
]

/** Upstream `cleanupFinishedJobs` over the CronJob's Jobs: successful ones first, then failed ones. */
export const cleanupFinishedJobs = (cj: CronJob, jobs: ReadonlyArray<Job>): Cleanup => {
  const { successfulJobsHistoryLimit: ok, failedJobsHistoryLimit: failed } = cj.spec
  if (ok === undefined && failed === undefined) return { actions: [], deleted: [] }
  const deleted = [
    ...(ok === undefined ? [] : oldestBeyond(jobs.filter((j) => finishedCondition(j) === 'Complete'), ok)),
    ...(failed === undefined ? [] : oldestBeyond(jobs.filter((j) => finishedCondition(j) === 'Failed'), failed)),
  ]
  return { actions: deleted.flatMap((j) => deleteJob(cj, j)), deleted }
}
