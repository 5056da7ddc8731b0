/**
 * The actions of one Job sync, in order, built in linear time (a sync may write hundreds of pods).
 * The resourceVersion rule of `core/plan.ts`'s `chain` mode: the first Update or UpdateStatus of
 * an object carries the resourceVersion the sync observed (the objects it sends are built from
 * the observed ones); a later one, or one after the sync deleted the object, carries none and
 * applies on top of the earlier write, as upstream's next call starts from the object its
 * previous call returned.
 */
import type { KubeObject } from '../../api/object.js'
import type { Action } from '../../core/Action.js'
import * as ObjectRef from '../../core/ObjectRef.js'

/** A sync's actions so far and the keys of the objects it wrote or deleted. */
export interface Writes {
  readonly actions: Array<Action>
  readonly touched: Set<string>
}

/** No actions yet. */
export const start = (): Writes => ({ actions: [], touched: new Set() })

const keyOf = (o: KubeObject): string => ObjectRef.keyOf(o.kind, o.metadata.namespace, o.metadata.name ?? '')

const withoutVersion = (o: KubeObject): KubeObject => {
  const { resourceVersion: _drop, ...meta } = o.metadata
  return { ...o, metadata: meta } as KubeObject
}

/** Appends `a`, dropping the resourceVersion of a write to an object this sync already wrote or deleted. */
export const push = (w: Writes, a: Action): void => {
  if ((a._tag === 'Update' || a._tag === 'UpdateStatus') && (a.object.metadata.name ?? '') !== '') {
    const key = keyOf(a.object)
    const again = w.touched.has(key)
    w.touched.add(key)
    w.actions.push(again ? { ...a, object: withoutVersion(a.object) } : a)
    return
  }
  if (a._tag === 'Delete') w.touched.add(ObjectRef.key(a.target))
  w.actions.push(a)
}
