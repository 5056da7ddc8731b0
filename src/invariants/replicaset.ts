/**
 * ReplicaSet / ReplicationController invariants (docs/guide/replicaset.md lists each with the
 * test that checks it). Checks over a view take every ReplicaSet and ReplicationController in
 * it; checks over a sync take the owner, the view it was reconciled against, and its actions.
 */
import type { KubeObject } from '../api/object.js'
import type { Pod } from '../api/pod.js'
import type { ReplicaSetStatus } from '../api/workloads.js'
import type { Action } from '../core/Action.js'
import { isWrite } from '../core/Action.js'
import * as ClusterView from '../core/ClusterView.js'
import type { ClusterView as View } from '../core/ClusterView.js'
import * as ObjectRef from '../core/ObjectRef.js'
import { controllerRef, isControlledBy } from '../core/ownership.js'
import * as Pods from '../core/pods.js'
import { isSuperset } from '../core/selector.js'
import { burstReplicas } from '../controllers/replicaset/slowStart.js'
import { candidatePods, sync } from '../controllers/replicaset/reconcile.js'
import { ownerSpec } from '../controllers/replicaset/owner.js'
import type { ReplicaOwner } from '../controllers/replicaset/owner.js'
import { violation } from './Violation.js'
import type { Violation } from './Violation.js'

/** Every ReplicaSet and ReplicationController in the view. */
export const replicaOwners = (view: View): ReadonlyArray<ReplicaOwner> => [
  ...ClusterView.listOf(view, 'ReplicaSet'),
  ...ClusterView.listOf(view, 'ReplicationController'),
]

/**
 * The pods RS-1 counts for `owner`: controlled by it, matching its selector, active (neither
 * being deleted nor Succeeded/Failed).
 */
export const ownedActivePods = (owner: ReplicaOwner, view: View): ReadonlyArray<Pod> => {
  const matches = ownerSpec(owner).matches
  const uid = owner.metadata.uid
  if (matches === undefined || uid === undefined) return []
  return candidatePods(owner, view).filter((p) => isControlledBy(p, uid) && Pods.isActive(p) && matches(p.metadata.labels))
}

/**
 * RS-1 (at a fixpoint): every ReplicaSet and ReplicationController that is not being deleted and
 * has a valid selector controls exactly `spec.replicas` active pods that its selector matches.
 */
export const rs1OwnedPodsMatchReplicas = (view: View): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const o of replicaOwners(view)) {
    const spec = ownerSpec(o)
    if (o.metadata.deletionTimestamp !== undefined || spec.matches === undefined) continue
    const n = ownedActivePods(o, view).length
    if (n !== spec.replicas) {
      out.push(violation('RS-1', `${ObjectRef.show(ObjectRef.of(o))} owns ${n} active matching pods, spec.replicas is ${spec.replicas}`, ObjectRef.of(o)))
    }
  }
  return out
}

const podOf = (a: Action, view: View): { readonly before: KubeObject | undefined; readonly after: KubeObject | undefined } | undefined => {
  switch (a._tag) {
    case 'Create':
      return a.object.kind === 'Pod' ? { before: undefined, after: a.object } : undefined
    case 'Update':
    case 'UpdateStatus':
      return a.object.kind === 'Pod'
        ? { before: ClusterView.lookup(view, 'Pod', a.object.metadata.namespace, a.object.metadata.name ?? ''), after: a.object }
        : undefined
    case 'Delete':
      return a.target.kind === 'Pod'
        ? { before: ClusterView.lookup(view, 'Pod', a.target.namespace, a.target.name), after: undefined }
        : undefined
    default:
      return undefined
  }
}

const foreign = (o: KubeObject | undefined, uid: string | undefined): boolean => {
  const c = o === undefined ? undefined : controllerRef(o)
  return c !== undefined && c.uid !== uid
}

/**
 * RS-2: a sync never creates, updates or deletes a pod that another controller controls (as
 * observed in `view`, or as written), and deletes only pods it controls (observed, or adopted
 * earlier in the same sync).
 */
export const rs2NoForeignPodWrites = (owner: ReplicaOwner, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  const uid = owner.metadata.uid
  const ref = ObjectRef.of(owner)
  const out: Array<Violation> = []
  const adopted = new Set<string>()
  for (const a of actions) {
    const p = podOf(a, view)
    if (p === undefined) continue
    const name = p.before?.metadata.name ?? p.after?.metadata.name ?? p.after?.metadata.generateName ?? ''
    if (foreign(p.before, uid) || foreign(p.after, uid)) {
      out.push(violation('RS-2', `${a._tag} of pod ${name} controlled by another owner`, ref))
      continue
    }
    if (a._tag === 'Update' && p.after !== undefined && isControlledBy(p.after, uid)) adopted.add(ObjectRef.key(ObjectRef.of(p.after)))
    if (a._tag === 'Delete' && p.before !== undefined && !isControlledBy(p.before, uid) && !adopted.has(ObjectRef.key(a.target))) {
      out.push(violation('RS-2', `Delete of pod ${name}, which ${ObjectRef.show(ref)} does not control`, ref))
    }
  }
  return out
}

/** RS-3: one sync issues at most `burstReplicas` (500) pod creates plus deletes. */
export const rs3BurstLimit = (owner: ReplicaOwner, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  const n = actions.filter(
    (a) => (a._tag === 'Create' && a.object.kind === 'Pod') || (a._tag === 'Delete' && a.target.kind === 'Pod'),
  ).length
  return n <= burstReplicas
    ? []
    : [violation('RS-3', `${n} pod creates and deletes in one sync (limit ${burstReplicas})`, ObjectRef.of(owner))]
}

/**
 * RS-4: every pod a sync creates is in the owner's namespace, carries a controller reference to
 * the owner (uid, kind, apiVersion) and every label of the owner's template.
 */
export const rs4CreatedPodsFromTemplate = (owner: ReplicaOwner, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  const ref = ObjectRef.of(owner)
  const labels = ownerSpec(owner).template?.metadata?.labels
  const out: Array<Violation> = []
  for (const a of actions) {
    if (a._tag !== 'Create' || a.object.kind !== 'Pod') continue
    const c = controllerRef(a.object)
    if (c === undefined || c.uid !== owner.metadata.uid || c.kind !== owner.kind || c.apiVersion !== owner.apiVersion) {
      out.push(violation('RS-4', `created pod lacks a controller reference to ${ObjectRef.show(ref)}`, ref))
    }
    if (!isSuperset(a.object.metadata.labels, labels)) {
      out.push(violation('RS-4', `created pod lacks template labels of ${ObjectRef.show(ref)}`, ref))
    }
    if ((a.object.metadata.namespace ?? '') !== (owner.metadata.namespace ?? '')) {
      out.push(violation('RS-4', `created pod is outside the namespace of ${ObjectRef.show(ref)}`, ref))
    }
  }
  return out
}

/**
 * RS-5 (at a fixpoint): reconciling any ReplicaSet or ReplicationController of the view at `now`
 * issues no write (no create, delete, adopt, release or status update).
 */
export const rs5FixpointIsQuiet = (view: View, now: Date): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const o of replicaOwners(view)) {
    const writes = sync(o, view, now).filter(isWrite)
    if (writes.length > 0) {
      const what = writes.map((w) => w._tag).join(', ')
      out.push(violation('RS-5', `${ObjectRef.show(ObjectRef.of(o))} still writes: ${what}`, ObjectRef.of(o)))
    }
  }
  return out
}

/** RS-6 for one status: availableReplicas ≤ readyReplicas ≤ replicas, fullyLabeledReplicas ≤ replicas. */
export const rs6StatusCountsOf = (status: ReplicaSetStatus | undefined): ReadonlyArray<string> => {
  const s = status ?? {}
  const replicas = s.replicas ?? 0
  const ready = s.readyReplicas ?? 0
  const available = s.availableReplicas ?? 0
  const labeled = s.fullyLabeledReplicas ?? 0
  const out: Array<string> = []
  if (available > ready) out.push(`availableReplicas ${available} > readyReplicas ${ready}`)
  if (ready > replicas) out.push(`readyReplicas ${ready} > replicas ${replicas}`)
  if (labeled > replicas) out.push(`fullyLabeledReplicas ${labeled} > replicas ${replicas}`)
  return out
}

/** RS-6: the status counts of every ReplicaSet and ReplicationController in the view are consistent. */
export const rs6StatusCountsConsistent = (view: View): ReadonlyArray<Violation> =>
  replicaOwners(view).flatMap((o) =>
    rs6StatusCountsOf(o.status).map((m) => violation('RS-6', `${ObjectRef.show(ObjectRef.of(o))}: ${m}`, ObjectRef.of(o))),
  )

/**
 * RS-7: a sync scales in the right direction by the right amount: with `a` active pods it
 * controls or adopts (matching orphans, unless it is being deleted) and `r` replicas, it creates
 * `min(r − a, 500)` pods when `a < r` (none when the template has no labels), deletes
 * `min(a − r, 500)` distinct pods among those `a` when `a > r`, and neither otherwise or while
 * the owner is being deleted. Terminating, terminal and foreign pods are never deleted.
 */
export const rs7ScalesByDifference = (owner: ReplicaOwner, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  const spec = ownerSpec(owner)
  const ref = ObjectRef.of(owner)
  if (spec.matches === undefined) return actions.length === 0 ? [] : [violation('RS-7', 'acts despite an invalid selector', ref)]
  const matches = spec.matches
  const uid = owner.metadata.uid
  const active = candidatePods(owner, view).filter(
    (p) => Pods.isActive(p) && matches(p.metadata.labels) && (isControlledBy(p, uid) || (controllerRef(p) === undefined && owner.metadata.deletionTimestamp === undefined)),
  )
  const creates = actions.filter((a) => a._tag === 'Create' && a.object.kind === 'Pod').length
  const deletes = actions.filter((a): a is Extract<Action, { _tag: 'Delete' }> => a._tag === 'Delete' && a.target.kind === 'Pod')
  const deleting = owner.metadata.deletionTimestamp !== undefined
  const diff = active.length - spec.replicas
  const hasLabels = Object.keys(spec.template?.metadata?.labels ?? {}).length > 0
  const wantCreates = deleting || diff >= 0 || !hasLabels ? 0 : Math.min(-diff, burstReplicas)
  const wantDeletes = deleting || diff <= 0 ? 0 : Math.min(diff, burstReplicas)
  const out: Array<Violation> = []
  if (creates !== wantCreates) out.push(violation('RS-7', `${creates} creates, expected ${wantCreates} (${active.length} active, ${spec.replicas} wanted)`, ref))
  if (deletes.length !== wantDeletes) out.push(violation('RS-7', `${deletes.length} deletes, expected ${wantDeletes} (${active.length} active, ${spec.replicas} wanted)`, ref))
  const keys = new Set(active.map((p) => ObjectRef.key(ObjectRef.of(p))))
  const seen = new Set<string>()
  for (const d of deletes) {
    const k = ObjectRef.key(d.target)
    if (!keys.has(k)) out.push(violation('RS-7', `deletes ${d.target.name}, not one of its active pods`, ref))
    if (seen.has(k)) out.push(violation('RS-7', `deletes ${d.target.name} twice`, ref))
    seen.add(k)
  }
  return out
}

/** RS-2, RS-3, RS-4 and RS-7 over one sync. */
export const checkSync = (owner: ReplicaOwner, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => [
  ...rs2NoForeignPodWrites(owner, view, actions),
  ...rs3BurstLimit(owner, actions),
  ...rs4CreatedPodsFromTemplate(owner, actions),
  ...rs7ScalesByDifference(owner, view, actions),
]

/** RS-1, RS-5 and RS-6 over a view that should be a fixpoint. */
export const checkFixpoint = (view: View, now: Date): ReadonlyArray<Violation> => [
  ...rs1OwnedPodsMatchReplicas(view),
  ...rs5FixpointIsQuiet(view, now),
  ...rs6StatusCountsConsistent(view),
]
