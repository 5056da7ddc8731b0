/**
 * The simulated store: the only writer of objects and the only place that stamps
 * `resourceVersion`. Every write goes through `seed`, `put` or `drop`; the environment's actors
 * hear of every write as it happens (the kubelet plans its next step, the scheduler queues pods
 * and counts them per node), and the controllers' work queues hear of every change when the batch
 * is committed.
 */
import type { KubeObject } from '../api/object.js'
import * as ClusterView from '../core/ClusterView.js'
import type { Engine } from './engine.js'
import type { Writer } from './actor.js'
import { commitView, get, keyOfObject, nextRv, phase, setObject } from './engine.js'
import * as Kubelet from './kubelet.js'
import * as Queue from './queue.js'

const write = (e: Engine, key: string, after: KubeObject | undefined, writer: Writer): void => {
  const before = get(e, key)
  setObject(e, key, after)
  for (const a of e.settings.actors) if (a.name !== writer) a.observe(e, key, before, after)
}

/** Stores `obj` under `key` as given (its resourceVersion kept): the simulation's initial objects. */
export const seed = (e: Engine, key: string, obj: KubeObject): void => write(e, key, obj, 'other')

/** Stores `obj` under `key` with the next resourceVersion and returns what was stored. */
export const put = <O extends KubeObject>(e: Engine, key: string, obj: O, writer: Writer = 'other'): O => {
  const stored = { ...obj, metadata: { ...obj.metadata, resourceVersion: nextRv(e) } }
  write(e, key, stored, writer)
  return stored
}

/** Removes the object under `key` (the removal takes a resourceVersion too). */
export const drop = (e: Engine, key: string, writer: Writer = 'other'): void => {
  nextRv(e)
  write(e, key, undefined, writer)
}

/** Commits the batch: the work queues hear of the changes; pods of nodes that became Ready get their kubelet plans again. */
export const commit = (e: Engine): void => {
  if (e.pending.size === 0 && e.readyNodes.length === 0) return
  phase(e, 'store', () => Queue.observe(e, commitView(e)))
  const nodes = e.readyNodes.splice(0)
  for (const node of nodes) {
    for (const pod of ClusterView.podsOnNode(e.view, node)) Kubelet.notice(e, keyOfObject(pod), pod)
  }
}
