/**
 * Cross-controller invariants: what must hold of any view, whichever controllers ran. Each
 * check takes a view and returns the violations it found (none = holds), in time linear in
 * the objects it looks at.
 *
 * | id | holds when |
 * | --- | --- |
 * | CORE-1 | no object has more than one controller owner reference |
 * | CORE-2 | every bound pod's `spec.nodeName` names a Node in the view |
 * | CORE-3 | no two objects share a uid |
 * | CORE-4 | owner references stay in scope: an owner found by uid is in the dependent's namespace or cluster-scoped, and a cluster-scoped dependent names only cluster-scoped owner kinds |
 * | CORE-5 | no node has more non-terminal pods bound to it than its allocatable pods |
 * | CORE-6 | an unscheduled pod is Pending (or Failed while being deleted, as pod GC leaves it) |
 * | CORE-7 | a pod whose Ready condition is True is Running and bound to a node |
 */
import * as O from 'fp-ts/lib/Option.js'
import { isKind, kinds } from '../api/object.js'
import type { KubeObject } from '../api/object.js'
import * as CV from '../core/ClusterView.js'
import type { ClusterView } from '../core/ClusterView.js'
import * as Ref from '../core/ObjectRef.js'
import * as Pods from '../core/pods.js'
import { violation } from './Violation.js'
import type { Violation } from './Violation.js'

const showObj = (o: KubeObject): string => Ref.show(Ref.of(o))

/** A modelled kind's scope; a generic object's from its namespace (set by `decode` for namespaced kinds). */
const isNamespaced = (o: KubeObject): boolean => (isKind(o.kind) ? kinds[o.kind].namespaced : (o.metadata.namespace ?? '') !== '')

// -------------------------------------------------------------------------------------
// invariants
// -------------------------------------------------------------------------------------

/** CORE-1: no object has more than one owner reference with `controller: true`. */
export const core1AtMostOneController = (view: ClusterView): ReadonlyArray<Violation> =>
  CV.toArray(view).flatMap((o) => {
    const controllers = (o.metadata.ownerReferences ?? []).filter((r) => r.controller === true)
    return controllers.length <= 1
      ? []
      : [
          violation(
            'CORE-1',
            `${showObj(o)} has ${controllers.length} controller references (${controllers.map((r) => `${r.kind} ${r.name}`).join(', ')})`,
            Ref.of(o),
          ),
        ]
  })

/** CORE-2: every pod bound to a node (`spec.nodeName`) names a Node present in the view. */
export const core2PodsOnExistingNodes = (view: ClusterView): ReadonlyArray<Violation> =>
  CV.listOf(view, 'Pod').flatMap((p) => {
    const node = p.spec.nodeName
    return node === undefined || node === '' || CV.lookup(view, 'Node', undefined, node) !== undefined
      ? []
      : [violation('CORE-2', `${showObj(p)} is bound to node ${node}, which does not exist`, Ref.of(p))]
  })

/** CORE-3: no two objects share a uid. */
export const core3DistinctUids = (view: ClusterView): ReadonlyArray<Violation> => {
  const first = new Map<string, KubeObject>()
  const out: Array<Violation> = []
  for (const o of CV.toArray(view)) {
    const uid = o.metadata.uid
    if (uid === undefined || uid === '') continue
    const seen = first.get(uid)
    if (seen === undefined) first.set(uid, o)
    else out.push(violation('CORE-3', `${showObj(o)} has the uid ${uid} of ${showObj(seen)}`, Ref.of(o)))
  }
  return out
}

/**
 * CORE-4: owner references stay in scope. An owner found in the view by uid is in the
 * dependent's namespace or cluster-scoped, and a cluster-scoped dependent names only
 * cluster-scoped owner kinds (the garbage collector's rule).
 */
export const core4OwnersInScope = (view: ClusterView): ReadonlyArray<Violation> =>
  CV.toArray(view).flatMap((o) =>
    (o.metadata.ownerReferences ?? []).flatMap((r) => {
      if (!isNamespaced(o) && isKind(r.kind) && kinds[r.kind].namespaced)
        return [violation('CORE-4', `cluster-scoped ${showObj(o)} names the namespaced owner ${r.kind} ${r.name}`, Ref.of(o))]
      const owner = CV.getByUid(view, r.uid)
      if (O.isNone(owner) || !isNamespaced(owner.value)) return []
      const ns = o.metadata.namespace ?? ''
      const ownerNs = owner.value.metadata.namespace ?? ''
      return isNamespaced(o) && ownerNs === ns
        ? []
        : [violation('CORE-4', `${showObj(o)} is owned by ${showObj(owner.value)}, outside its namespace`, Ref.of(o))]
    }),
  )

/** CORE-5: no node has more non-terminal pods bound to it than `status.allocatable.pods`. */
export const core5NodePodCapacity = (view: ClusterView): ReadonlyArray<Violation> =>
  CV.listOf(view, 'Node').flatMap((n) => {
    const raw = n.status?.allocatable?.['pods']
    const allocatable = raw === undefined ? Number.NaN : Number(raw)
    if (!Number.isFinite(allocatable)) return []
    const bound = CV.podsOnNode(view, n.metadata.name ?? '').filter((p) => !Pods.isTerminal(p)).length
    return bound <= allocatable
      ? []
      : [violation('CORE-5', `${showObj(n)} runs ${bound} non-terminal pods but allows ${allocatable}`, Ref.of(n))]
  })

/** CORE-6: an unscheduled pod is Pending, or Failed while being deleted (pod GC fails such pods before deleting them). */
export const core6UnscheduledPodsPending = (view: ClusterView): ReadonlyArray<Violation> =>
  CV.podsOnNode(view, '').flatMap((p) => {
    const phase = p.status?.phase ?? 'Pending'
    const allowed = phase === 'Pending' || (phase === 'Failed' && p.metadata.deletionTimestamp !== undefined)
    return allowed ? [] : [violation('CORE-6', `${showObj(p)} is ${phase} but bound to no node`, Ref.of(p))]
  })

/** CORE-7: a pod whose Ready condition is True is Running and bound to a node. */
export const core7ReadyPodsRunning = (view: ClusterView): ReadonlyArray<Violation> =>
  CV.listOf(view, 'Pod').flatMap((p) => {
    if (!Pods.isReady(p)) return []
    const phase = p.status?.phase ?? 'Pending'
    const node = p.spec.nodeName ?? ''
    return phase === 'Running' && node !== ''
      ? []
      : [violation('CORE-7', `${showObj(p)} is Ready but ${phase === 'Running' ? 'bound to no node' : phase}`, Ref.of(p))]
  })

// -------------------------------------------------------------------------------------
// all of them
// -------------------------------------------------------------------------------------

/** The violations of every CORE invariant in `view`, in id order (empty when all hold). */
export const checkView = (view: ClusterView): ReadonlyArray<Violation> => [
  ...core1AtMostOneController(view),
  ...core2PodsOnExistingNodes(view),
  ...core3DistinctUids(view),
  ...core4OwnersInScope(view),
  ...core5NodePodCapacity(view),
  ...core6UnscheduledPodsPending(view),
  ...core7ReadyPodsRunning(view),
]
