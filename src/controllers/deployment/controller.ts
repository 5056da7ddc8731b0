/**
 * The Deployment controller as a `Controller` value: upstream's event handlers (a ReplicaSet
 * change wakes its controlling Deployment, or, for an orphan, every Deployment of its namespace
 * whose selector matches it; a pod deletion wakes the Deployment of the pod's ReplicaSet, which
 * a Recreate rollout waits for) and the status counters the timeline shows.
 */
import type { KubeObject } from '../../api/object.js'
import type { Deployment } from '../../api/workloads.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import type { Key, PerObjectController } from '../../core/Controller.js'
import { controllerOf, on, perObject } from '../../core/Controller.js'
import { keyOf } from '../../core/ObjectRef.js'
import { controllerRef } from '../../core/ownership.js'
import { fromLabelSelector } from '../../core/selector.js'
import { reconcile } from './reconcile.js'

const adopters = (rs: KubeObject, view: View): ReadonlyArray<KubeObject> =>
  ClusterView.listOf(view, 'Deployment', rs.metadata.namespace ?? '').filter((d) => fromLabelSelector(d.spec.selector)(rs.metadata.labels))

/** The Deployment controlling the pod's controlling ReplicaSet, if any. */
const deploymentOfPod = (pod: KubeObject, view: View): ReadonlyArray<Key> => {
  const rsRef = controllerRef(pod)
  if (rsRef?.kind !== 'ReplicaSet') return []
  const rs = ClusterView.lookup(view, 'ReplicaSet', pod.metadata.namespace, rsRef.name)
  const dRef = rs === undefined ? undefined : controllerRef(rs)
  return dRef?.kind === 'Deployment' ? [keyOf('Deployment', pod.metadata.namespace, dRef.name)] : []
}

/** The Deployment controller. */
export const controller: PerObjectController<Deployment> = perObject('Deployment', 'Deployment', reconcile, {
  wakes: [controllerOf('ReplicaSet', 'Deployment', adopters), on(['delete'], { kind: 'Pod', keys: deploymentOfPod })],
  statusFields: [
    ['replicas', 'replicas'],
    ['readyReplicas', 'ready'],
    ['availableReplicas', 'available'],
    ['updatedReplicas', 'updated'],
    ['unavailableReplicas', 'unavailable'],
    ['terminatingReplicas', 'terminating'],
  ],
})
