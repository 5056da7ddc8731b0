/**
 * The pods of a Job (upstream `getPodsForJob`): every pod of its namespace it controls or may
 * adopt, claimed as the ControllerRefManager does, with the tracking finalizer added on
 * adoption and removed on release.
 */
import type { Pod } from '../../api/pod.js'
import type { Job } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import { byNamespaceName } from '../../core/order.js'
import { claim, isControlledBy } from '../../core/ownership.js'
import { fromLabelSelector } from '../../core/selector.js'
import { trackingFinalizer } from './keys.js'

/** The Job's pods after claiming, and the adopt/release updates claiming needs. */
export interface JobPods {
  readonly pods: ReadonlyArray<Pod>
  readonly actions: ReadonlyArray<Action>
}

const withTracking = (p: Pod): Pod =>
  (p.metadata.finalizers ?? []).includes(trackingFinalizer) ? p : { ...p, metadata: { ...p.metadata, finalizers: [...(p.metadata.finalizers ?? []), trackingFinalizer] } }

/** `p` without the tracking finalizer. */
export const withoutTracking = (p: Pod): Pod => {
  const rest = (p.metadata.finalizers ?? []).filter((f) => f !== trackingFinalizer)
  const { finalizers: _drop, ...meta } = p.metadata
  return { ...p, metadata: rest.length === 0 ? meta : { ...meta, finalizers: rest } }
}

/** The pods `job` may claim: those it controls and the orphans of its namespace, by name. */
const candidates = (job: Job, view: View): ReadonlyArray<Pod> => {
  const ns = job.metadata.namespace ?? ''
  const uid = job.metadata.uid
  const owned = uid === undefined ? [] : ClusterView.controlledOf(view, uid, 'Pod').filter((p) => (p.metadata.namespace ?? '') === ns)
  return [...owned, ...ClusterView.orphans(view, 'Pod', ns)].sort(byNamespaceName)
}

/** Claims the Job's pods: adopted orphans get the controller reference and the tracking finalizer, released pods lose both. */
export const jobPods = (job: Job, view: View): JobPods => {
  const given = candidates(job, view)
  const result = claim(job, fromLabelSelector(job.spec.selector), given)
  const uid = job.metadata.uid
  const owned = new Set(given.filter((p) => isControlledBy(p, uid)).map((p) => p.metadata.uid ?? ''))
  return {
    pods: result.claimed.map((p) => (owned.has(p.metadata.uid ?? '') ? p : withTracking(p))),
    actions: result.actions.map((a) =>
      a._tag === 'Update' && a.object.kind === 'Pod'
        ? A.update(isControlledBy(a.object, uid) ? withTracking(a.object) : withoutTracking(a.object))
        : a,
    ),
  }
}
