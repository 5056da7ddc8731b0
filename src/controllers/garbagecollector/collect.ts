/**
 * The garbage collector's decisions (upstream `pkg/controller/garbagecollector`), for one object
 * at a time:
 * - as a **dependent** (`attemptToDeleteItem`): with a solid owner it keeps only the references
 *   to solid owners; with none it is deleted (Foreground when it waits for a foreground owner
 *   and has dependents of its own, else with the propagation its own finalizers ask for, else
 *   Background), uid-preconditioned;
 * - as an **owner being deleted**: `orphan` — its dependents lose their reference to it, then
 *   (once none is left) the finalizer goes; `foregroundDeletion` — its dependents are deleted,
 *   and once no dependent with `blockOwnerDeletion` is left the finalizer goes.
 *
 * Removing a finalizer waits for a sync whose view no longer shows the dependents it waits for,
 * so a lost or conflicting dependent write can never let an owner go early.
 */
import type { OwnerReference } from '../../api/meta.js'
import type { KubeObject } from '../../api/object.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import type { PropagationPolicy } from '../../api/strategy.js'
import { classify, deletingDependents, foregroundFinalizer, hasFinalizer, ignored, orphanFinalizer, resolve } from './owners.js'

const withRefs = (o: KubeObject, refs: ReadonlyArray<OwnerReference>): KubeObject => {
  const { ownerReferences: _drop, ...meta } = o.metadata
  return { ...o, metadata: refs.length === 0 ? meta : { ...meta, ownerReferences: refs } } as KubeObject
}

const withoutFinalizer = (o: KubeObject, f: string): KubeObject => {
  const { finalizers: _drop, ...meta } = o.metadata
  const rest = (o.metadata.finalizers ?? []).filter((x) => x !== f)
  return { ...o, metadata: rest.length === 0 ? meta : { ...meta, finalizers: rest } } as KubeObject
}

/** The propagation the garbage collector deletes a dependent with: the one its own finalizers already ask for, else Background. */
const policyOf = (o: KubeObject): PropagationPolicy =>
  hasFinalizer(o, orphanFinalizer) ? 'Orphan' : hasFinalizer(o, foregroundFinalizer) ? 'Foreground' : 'Background'

const deleteItem = (o: KubeObject, policy: PropagationPolicy): Action =>
  A.del(ObjectRef.of(o), { propagationPolicy: policy, ...(o.metadata.uid === undefined ? {} : { preconditions: { uid: o.metadata.uid } }) })

/** A reference that names an object of the right kind and name in another namespace (upstream warns). */
const wrongNamespace = (view: View, dependent: KubeObject, ref: OwnerReference): boolean => {
  const found = ClusterView.getByUid(view, ref.uid)
  return (
    found._tag === 'Some' &&
    found.value.kind === ref.kind &&
    found.value.metadata.name === ref.name &&
    resolve(view, dependent, ref) === undefined
  )
}

/** What the garbage collector does for `item` as a dependent. */
export const asDependent = (view: View, item: KubeObject): ReadonlyArray<Action> => {
  const refs = item.metadata.ownerReferences ?? []
  if (refs.length === 0 || item.metadata.deletionTimestamp !== undefined) return []
  if (refs.some((r) => ignored(item, r))) return []
  const states = refs.map((r) => classify(view, item, r))
  const warnings = refs
    .filter((r) => wrongNamespace(view, item, r))
    .map((r) =>
      A.event(
        ObjectRef.of(item),
        'Warning',
        'OwnerRefInvalidNamespace',
        `ownerRef [${r.apiVersion}/${r.kind}, namespace: ${item.metadata.namespace ?? ''}, name: ${r.name}, uid: ${r.uid}] does not exist in namespace "${item.metadata.namespace ?? ''}"`,
      ),
    )
  if (states.includes('solid')) {
    if (states.every((s) => s === 'solid')) return warnings
    return [...warnings, A.update(withRefs(item, refs.filter((_r, i) => states[i] === 'solid')))]
  }
  const dependents = item.metadata.uid === undefined ? [] : ClusterView.dependentsOf(view, item.metadata.uid)
  if (states.includes('waiting') && dependents.length > 0) {
    // An owner cycle under foreground deletion: stop blocking the waiting owners first.
    const cycle = dependents.some(deletingDependents)
    const relaxed = refs.map((r, i) => (states[i] === 'waiting' && r.blockOwnerDeletion === true ? { ...r, blockOwnerDeletion: false } : r))
    return [...warnings, ...(cycle ? [A.update(withRefs(item, relaxed))] : []), deleteItem(item, 'Foreground')]
  }
  return [...warnings, deleteItem(item, policyOf(item))]
}

/** The dependents that really are `owner`'s: their reference by uid resolves to it. */
const dependentsOfOwner = (view: View, owner: KubeObject): ReadonlyArray<KubeObject> => {
  const uid = owner.metadata.uid
  if (uid === undefined) return []
  return ClusterView.dependentsOf(view, uid).filter((d) =>
    (d.metadata.ownerReferences ?? []).some((r) => resolve(view, d, r) === owner),
  )
}

/**
 * What the garbage collector does for `owner` while it is being deleted with `orphan` or
 * `foregroundDeletion`. `handled`, when given, holds the keys of the objects already looked at as
 * dependents in this pass: a foreground owner's dependents among them are skipped, and the others
 * added to it.
 */
export const asOwner = (view: View, owner: KubeObject, handled?: Set<string>): ReadonlyArray<Action> => {
  if (owner.metadata.deletionTimestamp === undefined) return []
  const uid = owner.metadata.uid ?? ''
  if (hasFinalizer(owner, orphanFinalizer)) {
    const dependents = dependentsOfOwner(view, owner)
    if (dependents.length === 0) return [A.update(withoutFinalizer(owner, orphanFinalizer))]
    return dependents.map((d) => A.update(withRefs(d, (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== uid))))
  }
  if (hasFinalizer(owner, foregroundFinalizer)) {
    const dependents = dependentsOfOwner(view, owner)
    const blocking = dependents.filter((d) => (d.metadata.ownerReferences ?? []).some((r) => r.uid === uid && r.blockOwnerDeletion === true))
    if (blocking.length === 0) return [A.update(withoutFinalizer(owner, foregroundFinalizer))]
    return dependents.flatMap((d) => {
      const k = ObjectRef.keyOf(d.kind, d.metadata.namespace, d.metadata.name ?? '')
      if (handled?.has(k) === true) return []
      handled?.add(k)
      return asDependent(view, d)
    })
  }
  return []
}
