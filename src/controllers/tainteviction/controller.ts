/**
 * The taint eviction controller's declaration: cluster-wide, woken by node changes (the node's key:
 * its NoExecute taints may have changed) and pod changes (the pod's key), and by its own requeues
 * when a scheduled eviction falls due; it remembers the scheduled evictions.
 */
import { clusterWide, keyOfObject } from '../../core/Controller.js'
import type { ClusterWideController } from '../../core/Controller.js'
import type { Evictions } from './reconcile.js'
import { name, reconcile, remember } from './reconcile.js'

/** The taint eviction controller (`taint-eviction-controller`). */
export const controller: ClusterWideController<Evictions> = clusterWide<Evictions>(name, reconcile, {
  wakes: [
    { kind: 'Node', keys: (o) => [keyOfObject(o)] },
    { kind: 'Pod', keys: (o) => [keyOfObject(o)] },
  ],
  memory: { initial: new Map(), remember },
})
