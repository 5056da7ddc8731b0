/**
 * The node lifecycle controller's declaration: cluster-wide, woken by node changes (the node's
 * key: its health, taints and zone may have changed) and by pods bound to a node (the pod's key:
 * it may need `Ready=False`), and by its own requeues when a silent node's grace period ends.
 */
import type { Pod } from '../../api/pod.js'
import { clusterWide, keyOfObject } from '../../core/Controller.js'
import type { ClusterWideController } from '../../core/Controller.js'
import type { NodeLifecycleOptions } from './reconcile.js'
import { name, reconcileWith } from './reconcile.js'

/** The node lifecycle controller under `options` (`node-lifecycle-controller`). */
export const controllerWith = (options: NodeLifecycleOptions = {}): ClusterWideController =>
  clusterWide(name, reconcileWith(options), {
    wakes: [
      { kind: 'Node', keys: (o) => [keyOfObject(o)] },
      { kind: 'Pod', events: ['add', 'update'], keys: (o) => ((o as Pod).spec.nodeName ?? '') === '' ? [] : [keyOfObject(o)] },
    ],
  })

/** The node lifecycle controller with upstream's defaults. */
export const controller = controllerWith()
