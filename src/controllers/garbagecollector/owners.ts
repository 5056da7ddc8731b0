/**
 * How the garbage collector sees an object's owners (upstream `attemptToDeleteItem`'s
 * classification): each owner reference is resolved by uid and must name the object found —
 * same kind and name, and for a namespaced dependent either a cluster-scoped owner or one in the
 * dependent's namespace. A reference that resolves to nothing, or to another object, is
 * **dangling**; one whose owner is being deleted in the foreground is **waiting**; the rest are
 * **solid**.
 */
import type { OwnerReference } from '../../api/meta.js'
import { isKind, kinds } from '../../api/object.js'
import type { KubeObject } from '../../api/object.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'

/** The finalizer of an owner being deleted in the foreground. */
export const foregroundFinalizer = 'foregroundDeletion'

/** The finalizer of an owner whose dependents are orphaned before it goes. */
export const orphanFinalizer = 'orphan'

/** What an owner reference resolves to. */
export type OwnerState = 'solid' | 'waiting' | 'dangling'


/** Whether `o` has the finalizer `f`. */
export const hasFinalizer = (o: KubeObject, f: string): boolean => (o.metadata.finalizers ?? []).includes(f)

/** Being deleted, waiting for its dependents to go first (`foregroundDeletion`). */
export const deletingDependents = (o: KubeObject): boolean =>
  o.metadata.deletionTimestamp !== undefined && hasFinalizer(o, foregroundFinalizer)

/** The object `ref` of `dependent` points at, if it exists and is the one named. */
export const resolve = (view: View, dependent: KubeObject, ref: OwnerReference): KubeObject | undefined => {
  const found = ClusterView.getByUid(view, ref.uid)
  if (found._tag === 'None') return undefined
  const owner = found.value
  if (owner.kind !== ref.kind || owner.metadata.name !== ref.name) return undefined
  // A cluster-scoped owner (stored without a namespace) is found from anywhere; a namespaced one
  // only from its own namespace.
  const ns = owner.metadata.namespace ?? ''
  return ns === '' || ns === dependent.metadata.namespace ? owner : undefined
}

/** How the garbage collector classifies `ref` of `dependent`. */
export const classify = (view: View, dependent: KubeObject, ref: OwnerReference): OwnerState => {
  const owner = resolve(view, dependent, ref)
  if (owner === undefined) return 'dangling'
  return deletingDependents(owner) ? 'waiting' : 'solid'
}

/**
 * Whether the garbage collector leaves `dependent` alone whatever its owners: a cluster-scoped
 * object naming a namespaced owner (an invalid reference upstream ignores for good).
 */
export const ignored = (dependent: KubeObject, ref: OwnerReference): boolean =>
  (dependent.metadata.namespace ?? '') === '' && isKind(ref.kind) && kinds[ref.kind].namespaced
