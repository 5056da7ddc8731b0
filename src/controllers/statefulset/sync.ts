/**
 * The state one StatefulSet sync threads through its steps: the set, the view, the time, and the
 * actions planned so far in call order. Actions are appended to a buffer local to the sync (never
 * shared, never visible before `reconcile` returns them). The first Update of an object carries
 * the resourceVersion the sync observed; a later Update of an object this sync already wrote
 * carries none, as upstream's next call starts from the object its previous call returned.
 */
import type { KubeObject } from '../../api/object.js'
import type { StatefulSet } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import type { ClusterView } from '../../core/ClusterView.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import type { ObjectRef as Ref } from '../../core/ObjectRef.js'

/** One sync in progress. */
export interface Sync {
  readonly set: StatefulSet
  readonly target: Ref
  readonly view: ClusterView
  readonly nowMs: number
  /** The actions so far (appended by the helpers below). */
  readonly actions: Array<Action>
  /** Keys of the objects this sync already wrote. */
  readonly written: Set<string>
}

/** A fresh sync of `set`. */
export const start = (set: StatefulSet, view: ClusterView, now: Date): Sync => ({
  set,
  target: ObjectRef.of(set),
  view,
  nowMs: now.getTime(),
  actions: [],
  written: new Set(),
})

const keyOf = (o: KubeObject): string => ObjectRef.keyOf(o.kind, o.metadata.namespace, o.metadata.name ?? '')

/** Plans a Create. */
export const create = (s: Sync, object: KubeObject): void => {
  s.actions.push(A.create(object))
  s.written.add(keyOf(object))
}

/** Plans an Update (without resourceVersion when this sync already wrote the object). */
export const update = (s: Sync, object: KubeObject): void => {
  const key = keyOf(object)
  if (s.written.has(key)) {
    const { resourceVersion: _rv, ...meta } = object.metadata
    s.actions.push(A.update({ ...object, metadata: meta } as KubeObject))
  } else {
    s.actions.push(A.update(object))
    s.written.add(key)
  }
}

/** Plans a Delete of `object` (no preconditions, as upstream's StatefulSet pod control). */
export const remove = (s: Sync, object: KubeObject): void => {
  s.actions.push(A.del(ObjectRef.of(object)))
}

/** Records an Event on the set. */
export const event = (s: Sync, type: 'Normal' | 'Warning', reason: string, message: string): void => {
  s.actions.push(A.event(s.target, type, reason, message))
}
