/**
 * The ReplicaSet and ReplicationController controllers as `Controller` values: what wakes them
 * (upstream `addPod` / `updatePod` / `deletePod`: a pod change wakes its controlling owner, an
 * orphan wakes every owner in its namespace whose selector matches it), the pod expectations
 * they keep, and how the CLI and the timeline summarise them.
 */
import type { KubeObject } from '../../api/object.js'
import type { ReplicaSet, ReplicationController } from '../../api/workloads.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import type { PerObjectController, StatusField } from '../../core/Controller.js'
import { controllerOf, perObject } from '../../core/Controller.js'
import { isActive, isReady } from '../../core/pods.js'
import { ownerSpec } from './owner.js'
import type { ReplicaOwner } from './owner.js'
import { reconcile } from './reconcile.js'
import * as RC from './replicationController.js'
import { sizeLine } from '../../core/sizeLine.js'

/** The owners of `kind` in the pod's namespace that could adopt it (their selector matches its labels). */
const adopters =
  (kind: 'ReplicaSet' | 'ReplicationController') =>
  (pod: KubeObject, view: View): ReadonlyArray<KubeObject> =>
    ClusterView.listOf(view, kind, pod.metadata.namespace ?? '').filter(
      (o) => ownerSpec(o as ReplicaOwner).matches?.(pod.metadata.labels) === true,
    )

/** `web 3 desired, 3 pods, 2 ready` (`1 pod`): desired replicas, active pods, ready pods. */
export const sizeSummary = (o: ReplicaOwner, view: View): string => {
  const pods = ClusterView.controlledOf(view, o.metadata.uid ?? '', 'Pod').filter(isActive)
  return sizeLine(o.metadata.name ?? '', o.spec.replicas ?? 1, pods.length, pods.filter(isReady).length)
}

/** The status counters the timeline shows for ReplicaSets and ReplicationControllers. */
export const statusFields: ReadonlyArray<StatusField> = [
  ['replicas', 'replicas'],
  ['readyReplicas', 'ready'],
  ['availableReplicas', 'available'],
  ['terminatingReplicas', 'terminating'],
]

/** The ReplicaSet controller. */
export const replicaSetController: PerObjectController<ReplicaSet> = perObject('ReplicaSet', 'ReplicaSet', reconcile, {
  wakes: [controllerOf('Pod', 'ReplicaSet', adopters('ReplicaSet'))],
  expectations: ['pods'],
  summary: sizeSummary,
  statusFields,
})

/** The ReplicationController controller (the same engine). */
export const replicationControllerController: PerObjectController<ReplicationController> = perObject(
  'ReplicationController',
  'ReplicationController',
  RC.reconcile,
  {
    wakes: [controllerOf('Pod', 'ReplicationController', adopters('ReplicationController'))],
    expectations: ['pods'],
    summary: sizeSummary,
    statusFields,
  },
)
