/**
 * The garbage collector's invariants.
 *
 * | id | takes | holds when |
 * | --- | --- | --- |
 * | GC-1 | fixpoint | no object that is not being deleted has an owner reference that resolves to nothing (so none outlives all its owners) |
 * | GC-2 | step | a dependent of an owner being deleted with `orphan` is not deleted in a round without faults; the owner goes only once no dependent references it |
 * | GC-3 | step | an owner being deleted with `foregroundDeletion` goes only once no dependent blocking it (`blockOwnerDeletion`) is left |
 * | GC-4 | pass | the garbage collector deletes only objects with owner references |
 *
 * An owner reference resolves as the garbage collector resolves it: by uid, to an object of the
 * named kind and name, in the dependent's namespace or cluster-scoped; a cluster-scoped dependent
 * naming a namespaced owner kind is left out, all its references (upstream ignores it for good).
 */
import type { OwnerReference } from '../api/meta.js'
import type { KubeObject } from '../api/object.js'
import type { Action } from '../core/Action.js'
import * as CV from '../core/ClusterView.js'
import type { ClusterView } from '../core/ClusterView.js'
import * as Ref from '../core/ObjectRef.js'
import { foregroundFinalizer, orphanFinalizer } from '../controllers/garbagecollector/owners.js'
import { ignored, resolve } from '../controllers/garbagecollector/owners.js'
import { violation } from './Violation.js'
import type { Violation } from './Violation.js'

const show = (o: KubeObject): string => Ref.show(Ref.of(o))

const deleting = (o: KubeObject, finalizer: string): boolean =>
  o.metadata.deletionTimestamp !== undefined && (o.metadata.finalizers ?? []).includes(finalizer)

/** The references of objects in `view` that name `owner` (by uid, kind, name and scope), with their objects. */
const referencing = (view: ClusterView, owner: KubeObject): ReadonlyArray<readonly [KubeObject, OwnerReference]> => {
  const uid = owner.metadata.uid
  if (uid === undefined) return []
  const ns = owner.metadata.namespace ?? ''
  return CV.dependentsOf(view, uid).flatMap((d) =>
    (d.metadata.ownerReferences ?? [])
      .filter((r) => r.uid === uid && r.kind === owner.kind && r.name === owner.metadata.name && (ns === '' || (d.metadata.namespace ?? '') === ns))
      .map((r) => [d, r] as const),
  )
}

/** GC-1: at a fixpoint, every owner reference of an object not being deleted resolves to its owner. */
export const gc1NoDanglingOwners = (view: ClusterView): ReadonlyArray<Violation> =>
  CV.toArray(view).flatMap((o) => {
    const refs = o.metadata.ownerReferences ?? []
    if (o.metadata.deletionTimestamp !== undefined || refs.some((r) => ignored(o, r))) return []
    return refs
      .filter((r) => resolve(view, o, r) === undefined)
      .map((r) => violation('GC-1', `${show(o)} keeps a reference to ${r.kind} ${r.name} (uid ${r.uid}), which does not exist`, Ref.of(o)))
  })

/**
 * GC-2 (rounds without faults): a dependent (not being deleted) of an owner being deleted with
 * `orphan` is still there after the round.
 */
export const gc2OrphanedDependentsKept = (before: ClusterView, after: ClusterView): ReadonlyArray<Violation> =>
  CV.toArray(before)
    .filter((o) => deleting(o, orphanFinalizer))
    .flatMap((owner) =>
      referencing(before, owner)
        .filter(([d]) => d.metadata.deletionTimestamp === undefined)
        .flatMap(([d]) => {
          const now = CV.getByUid(after, d.metadata.uid ?? '')
          return now._tag === 'Some' && now.value.metadata.deletionTimestamp === undefined
            ? []
            : [violation('GC-2', `${show(d)} was deleted while its owner ${show(owner)} was being orphaned`, Ref.of(d))]
        }),
    )

/** GC-2 (every round): an owner that was being deleted with `orphan` is gone only once no object references it. */
export const gc2OrphanGoesUnreferenced = (before: ClusterView, after: ClusterView): ReadonlyArray<Violation> =>
  CV.toArray(before)
    .filter((o) => deleting(o, orphanFinalizer) && CV.getByUid(after, o.metadata.uid ?? '')._tag === 'None')
    .flatMap((owner) =>
      referencing(after, owner).map(([d]) => violation('GC-2', `${show(owner)} went while ${show(d)} still referenced it`, Ref.of(owner))),
    )

/** GC-3: an owner that was being deleted with `foregroundDeletion` is gone only once no dependent blocking it is left. */
export const gc3ForegroundOwnerLast = (before: ClusterView, after: ClusterView): ReadonlyArray<Violation> =>
  CV.toArray(before)
    .filter((o) => deleting(o, foregroundFinalizer) && CV.getByUid(after, o.metadata.uid ?? '')._tag === 'None')
    .flatMap((owner) =>
      referencing(after, owner)
        .filter(([, r]) => r.blockOwnerDeletion === true)
        .map(([d]) => violation('GC-3', `${show(owner)} went before ${show(d)}, which blocks its deletion`, Ref.of(owner))),
    )

/** GC-4: every object a garbage collector pass (`actions`, having observed `view`) deletes has owner references. */
export const gc4OnlyOwnedCollected = (view: ClusterView, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> =>
  actions.flatMap((a) => {
    if (a._tag !== 'Delete') return []
    const o = CV.get(view, a.target.kind, a.target.namespace, a.target.name)
    return o._tag === 'Some' && (o.value.metadata.ownerReferences ?? []).length > 0
      ? []
      : [violation('GC-4', `the garbage collector deletes ${Ref.show(a.target)}, which has no owner references`, a.target)]
  })
