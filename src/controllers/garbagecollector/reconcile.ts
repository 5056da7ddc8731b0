/**
 * One sync of the garbage collector: the objects to look at are those the woken keys (uids)
 * name, the dependents of woken uids whose object is gone or being deleted, and, for a full sync,
 * every object. Each object is looked at once as a dependent and (while it is being deleted) as an
 * owner, in kind/namespace/name order, so the actions never depend on how the view was built.
 */
import type { KubeObject } from '../../api/object.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import { compareStrings } from '../../core/order.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { asDependent, asOwner } from './collect.js'

const keyOf = (o: KubeObject): string => ObjectRef.keyOf(o.kind, o.metadata.namespace, o.metadata.name ?? '')

/** The objects a sync looks at: all of them, or those the woken uids concern. */
const subjects = (view: View, woken: ReadonlySet<string> | undefined): ReadonlyArray<KubeObject> => {
  if (woken === undefined) return ClusterView.toArray(view)
  const out = new Map<string, KubeObject>()
  for (const uid of woken) {
    const found = ClusterView.getByUid(view, uid)
    const gone = found._tag === 'None'
    if (!gone) out.set(keyOf(found.value), found.value)
    // Dependents are only affected by their owner's absence or deletion.
    if (gone || found.value.metadata.deletionTimestamp !== undefined) {
      for (const d of ClusterView.dependentsOf(view, uid)) out.set(keyOf(d), d)
    }
  }
  return Array.from(out.values())
}

/**
 * What the garbage collector does now: for a full sync (`woken` undefined) over every object, else
 * over the objects the woken uids concern. An object is looked at as a dependent once per pass,
 * whether as a subject or as the dependent of a foreground owner.
 */
export const reconcile = (view: View, _now: Date, woken?: ReadonlySet<string>): ReadonlyArray<Action> => {
  const handled = new Set<string>()
  return subjects(view, woken)
    .map((o) => [keyOf(o), o] as const)
    .sort(([a], [b]) => compareStrings(a, b))
    .flatMap(([k, o]) => {
      const mine = handled.has(k) ? [] : asDependent(view, o)
      handled.add(k)
      return [...mine, ...asOwner(view, o, handled)]
    })
}
