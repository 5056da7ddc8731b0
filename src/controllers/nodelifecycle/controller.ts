/**
 * The node lifecycle controller's declaration: cluster-wide, woken by node changes (the node's
 * key: its health, taints and zone may have changed), by a pod added or updated while bound to a
 * node that is not Ready (the pod's key: it may need `Ready=False`; a node turning not Ready wakes
 * a pass over all of its pods), and by its own requeues when a silent node's grace period ends.
 */
import type { Pod } from '../../api/pod.js'
import * as ClusterView from '../../core/ClusterView.js'
import { clusterWide, keyOfObject } from '../../core/Controller.js'
import type { ClusterWideController, Wake } from '../../core/Controller.js'
import type { NodeLifecycleOptions } from './reconcile.js'
import { name, reconcileWith } from './reconcile.js'
import { readyStatus } from './zones.js'

/** A pod bound to an existing node that is not Ready wakes its key. */
const podWake: Wake = {
  kind: 'Pod',
  events: ['add', 'update'],
  keys: (o, view) => {
    const node = ClusterView.lookup(view, 'Node', undefined, (o as Pod).spec.nodeName ?? '')
    const ready = node === undefined ? undefined : readyStatus(node)
    return ready === undefined || ready === 'True' ? [] : [keyOfObject(o)]
  },
}

/** The node lifecycle controller under `options` (`node-lifecycle-controller`). */
export const controllerWith = (options: NodeLifecycleOptions = {}): ClusterWideController =>
  clusterWide(name, reconcileWith(options), { wakes: [{ kind: 'Node', keys: (o) => [keyOfObject(o)] }, podWake] })

/** The node lifecycle controller with upstream's defaults. */
export const controller = controllerWith()
