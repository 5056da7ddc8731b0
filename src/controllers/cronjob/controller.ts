/**
 * The CronJob controller as a `Controller` value: a CronJob's own changes and the changes of the
 * Jobs whose controller reference names it wake it (upstream's `addJob` / `updateJob` /
 * `deleteJob`, which resolve the reference by kind, name and uid; here by name, as the sync
 * itself matches its Jobs, so a Job the sync would look at always wakes it). Its timing comes
 * from its own requeues.
 */
import type { CronJob } from '../../api/workloads.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import type { PerObjectController, StatusField, Wake } from '../../core/Controller.js'
import { perObject } from '../../core/Controller.js'
import { keyOf } from '../../core/ObjectRef.js'
import { controllerRef } from '../../core/ownership.js'
import { activeRefs, finishedCondition, jobsToBeReconciled } from './jobs.js'
import { reconcile } from './reconcile.js'

/** A Job change wakes the CronJob of its namespace that its controller reference names. */
export const jobWake: Wake = {
  kind: 'Job',
  keys: (job) => {
    const ref = controllerRef(job)
    return ref === undefined ? [] : [keyOf('CronJob', job.metadata.namespace, ref.name)]
  },
}

/** `hello 1 active, 3 complete, 1 failed`: the active list, and the finished Jobs the CronJob keeps. */
export const sizeSummary = (cj: CronJob, view: View): string => {
  const jobs = jobsToBeReconciled(cj, view)
  const count = (c: 'Complete' | 'Failed'): number => jobs.filter((j) => finishedCondition(j) === c).length
  return `${cj.metadata.name ?? ''} ${activeRefs(cj).length} active, ${count('Complete')} complete, ${count('Failed')} failed`
}

/** The status fields the timeline shows for CronJobs (the active list by its length). */
export const statusFields: ReadonlyArray<StatusField> = [
  ['active', 'active'],
  ['lastScheduleTime', 'last schedule'],
  ['lastSuccessfulTime', 'last success'],
]

/** The CronJob controller (`CronJob`). */
export const cronJobController: PerObjectController<CronJob> = perObject<CronJob>('CronJob', 'CronJob', reconcile, {
  wakes: [jobWake],
  summary: sizeSummary,
  statusFields,
})

