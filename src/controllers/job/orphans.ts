/**
 * The Job controller's orphan worker (upstream `syncOrphanPod`): a pod that still carries the
 * tracking finalizer although no unfinished Job controls it — no controller reference, or a
 * `batch/v1` Job controller that is gone (or has another uid) or finished — loses the
 * finalizer, so it can be removed. Pods controlled by another kind, and pods of a Job another
 * controller manages, are left alone. A cluster-wide controller, woken by the changes of tracked
 * pods and by Jobs (their tracked pods).
 */
import type { Pod } from '../../api/pod.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import { clusterWide, keyOfObject } from '../../core/Controller.js'
import type { Controller } from '../../core/Controller.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { byNamespaceName } from '../../core/order.js'
import { controllerRef } from '../../core/ownership.js'
import { withoutTracking } from './claim.js'
import { isFinished } from './conditions.js'
import { isTracked } from './jobPods.js'
import { isManagedByController } from './reconcile.js'

/** Whether `pod` keeps the tracking finalizer only because nothing removes it (upstream `syncOrphanPod`'s test). */
export const isOrphanTracked = (pod: Pod, view: View): boolean => {
  if (!isTracked(pod)) return false
  const ref = controllerRef(pod)
  if (ref === undefined) return true
  if (ref.kind !== 'Job' || ref.apiVersion !== 'batch/v1') return false
  const job = ClusterView.lookup(view, 'Job', pod.metadata.namespace, ref.name)
  const resolved = job !== undefined && job.metadata.uid === ref.uid ? job : undefined
  if (resolved === undefined) return true
  return isManagedByController(resolved) && isFinished(resolved)
}

/** One sync: the woken pods (all tracked pods for a full sync), each orphaned one losing its finalizer. */
export const reconcileOrphans = (view: View, _now: Date, woken?: ReadonlySet<string>): ReadonlyArray<Action> => {
  const pods =
    woken === undefined
      ? ClusterView.listOf(view, 'Pod').filter(isTracked)
      : Array.from(woken).flatMap((key) => {
          const [kind, namespace, name] = ObjectRef.parseKey(key)
          const pod = kind === 'Pod' ? ClusterView.lookup(view, 'Pod', namespace, name) : undefined
          return pod === undefined ? [] : [pod]
        })
  return [...pods]
    .sort(byNamespaceName)
    .filter((p) => isOrphanTracked(p, view))
    .map((p) => A.update(withoutTracking(p)))
}

/** The tracked pods a Job has (woken when the Job changes or goes). */
const trackedPodsOf = (job: { readonly metadata: { readonly uid?: string } }, view: View): ReadonlyArray<string> =>
  ClusterView.controlledOf(view, job.metadata.uid ?? '', 'Pod').filter(isTracked).map(keyOfObject)

/** The orphan worker (`job-orphan-pods`). */
export const orphanPodsController: Controller = clusterWide('job-orphan-pods', reconcileOrphans, {
  wakes: [
    { kind: 'Pod', keys: (o) => (o.kind === 'Pod' && isTracked(o) ? [keyOfObject(o)] : []) },
    { kind: 'Job', keys: (o, view) => trackedPodsOf(o, view) },
  ],
})
