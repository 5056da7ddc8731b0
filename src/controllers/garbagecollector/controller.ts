/**
 * The garbage collector's declaration: a cluster-wide controller woken by every change of every
 * object, with the uids of the object and of its owners as keys (upstream's dependency graph
 * hears of every object and re-examines an object, its owners and, when it goes, its dependents).
 */
import type { KubeObject } from '../../api/object.js'
import { clusterWide } from '../../core/Controller.js'
import type { Controller } from '../../core/Controller.js'
import { reconcile } from './reconcile.js'

/** The uids a change of `o` concerns: its own and its owners'. */
const uidsOf = (o: KubeObject): ReadonlyArray<string> => [
  ...(o.metadata.uid === undefined ? [] : [o.metadata.uid]),
  ...(o.metadata.ownerReferences ?? []).map((r) => r.uid),
]

/** The garbage collector (`garbage-collector`). */
export const controller: Controller = clusterWide('garbage-collector', reconcile, { wakes: [{ kind: '*', keys: uidsOf }] })
