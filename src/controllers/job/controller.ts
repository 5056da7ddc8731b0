/**
 * The Job controller as a `Controller` value: a pod change wakes its controlling Job (an
 * orphan wakes every Job of its namespace whose selector matches it), pod expectations, the
 * pod-creation backoff it remembers, and how the CLI and the timeline summarise it.
 */
import type { KubeObject } from '../../api/object.js'
import type { Job } from '../../api/workloads.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import type { PerObjectController, StatusField } from '../../core/Controller.js'
import { controllerOf, perObject } from '../../core/Controller.js'
import { isActive } from '../../core/pods.js'
import { fromLabelSelector } from '../../core/selector.js'
import { emptyBackoff, rememberBackoff } from './backoff.js'
import type { JobBackoff } from './backoff.js'
import { reconcile } from './reconcile.js'

/** The Jobs of the object's namespace whose selector matches its labels (adopters of an orphan). */
const adopters = (o: KubeObject, view: View): ReadonlyArray<KubeObject> =>
  ClusterView.listOf(view, 'Job', o.metadata.namespace ?? '').filter((j) => fromLabelSelector(j.spec.selector)(o.metadata.labels))

/** `pi 1/1 succeeded, 0 failed, 0 active`: completions (or succeeded alone for a work queue), failures, active pods. */
export const sizeSummary = (job: Job, view: View): string => {
  const active = ClusterView.controlledOf(view, job.metadata.uid ?? '', 'Pod').filter(isActive).length
  const done = job.spec.completions === undefined ? `${job.status?.succeeded ?? 0}` : `${job.status?.succeeded ?? 0}/${job.spec.completions}`
  return `${job.metadata.name ?? ''} ${done} succeeded, ${job.status?.failed ?? 0} failed, ${active} active`
}

/** The status counters the timeline shows for Jobs. */
export const statusFields: ReadonlyArray<StatusField> = [
  ['active', 'active'],
  ['ready', 'ready'],
  ['terminating', 'terminating'],
  ['succeeded', 'succeeded'],
  ['failed', 'failed'],
]

/** The Job controller. */
export const jobController: PerObjectController<Job, JobBackoff> = perObject('Job', 'Job', reconcile, {
  wakes: [controllerOf('Pod', 'Job', adopters)],
  expectations: ['pods'],
  summary: sizeSummary,
  statusFields,
  memory: { initial: emptyBackoff, remember: rememberBackoff },
})
