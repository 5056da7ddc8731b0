/**
 * Pod GC's declaration: cluster-wide, woken by pod changes (the pod's key) and node changes (the
 * node's key), and by its own requeues at the end of a missing node's quarantine; it remembers
 * the quarantines.
 */
import { clusterWide, keyOfObject } from '../../core/Controller.js'
import type { ClusterWideController } from '../../core/Controller.js'
import type { PodGcOptions, Quarantine } from './reconcile.js'
import { reconcileWith, rememberQuarantine } from './reconcile.js'

/** The pod garbage collector under `options` (`pod-garbage-collector`). */
export const controllerWith = (options: PodGcOptions = {}): ClusterWideController<Quarantine> =>
  clusterWide<Quarantine>('pod-garbage-collector', reconcileWith(options), {
    wakes: [
      { kind: 'Pod', keys: (o) => [keyOfObject(o)] },
      { kind: 'Node', keys: (o) => [keyOfObject(o)] },
    ],
    memory: { initial: new Map(), remember: rememberQuarantine },
  })

/** The pod garbage collector with upstream's defaults. */
export const controller = controllerWith()
