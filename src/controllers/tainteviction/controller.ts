/**
 * The taint eviction controller's declaration: cluster-wide, woken by node changes (the node's key:
 * its NoExecute taints may have changed), by changes of pods bound to a node that has NoExecute
 * taints or is gone (the pod's key: only there can a pod need an eviction, or have one scheduled
 * that its deletion cancels; a pod on a node that gets tainted or untainted is reached through the
 * node's change), and by its own requeues when a scheduled eviction falls due; it remembers the
 * scheduled evictions.
 */
import type { Pod } from '../../api/pod.js'
import * as ClusterView from '../../core/ClusterView.js'
import { clusterWide, keyOfObject } from '../../core/Controller.js'
import type { ClusterWideController, Wake } from '../../core/Controller.js'
import type { Evictions } from './reconcile.js'
import { name, noExecuteTaints, reconcile, remember } from './reconcile.js'

/** A pod bound to a node that has NoExecute taints, or that is gone, wakes its key. */
const podWake: Wake = {
  kind: 'Pod',
  keys: (o, view) => {
    const nodeName = (o as Pod).spec.nodeName ?? ''
    if (nodeName === '') return []
    const node = ClusterView.lookup(view, 'Node', undefined, nodeName)
    return node === undefined || noExecuteTaints(node).length > 0 ? [keyOfObject(o)] : []
  },
}

/** The taint eviction controller (`taint-eviction-controller`). */
export const controller: ClusterWideController<Evictions> = clusterWide<Evictions>(name, reconcile, {
  wakes: [{ kind: 'Node', keys: (o) => [keyOfObject(o)] }, podWake],
  memory: { initial: new Map(), remember },
})
