/**
 * The sync of one ReplicaSet or ReplicationController (upstream `syncReplicaSet`,
 * spec/replicaset-deployment.md §2.2): claim, manage, status, requeue — as a pure plan.
 */
import type { Pod } from '../../api/pod.js'
import type { ReplicaSet, ReplicaSetStatus } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { compareStrings } from '../../core/order.js'
import { claim, isControlledBy } from '../../core/ownership.js'
import * as Pods from '../../core/pods.js'
import { manageReplicas } from './manage.js'
import type { ManagePlan } from './manage.js'
import { ofReplicaSet, ownerSpec } from './owner.js'
import type { OwnerSpec, ReplicaOwner } from './owner.js'
import { availabilityRequeue, calculateStatus, nextStatus, statusUnchanged } from './status.js'

/** Everything one sync decided, in the order upstream issues the calls. */
export interface SyncPlan {
  /** The pods the owner controls after claiming, active only (adopted pods included). */
  readonly active: ReadonlyArray<Pod>
  /** Its terminating pods that still match its selector (not adopted, not released). */
  readonly terminating: ReadonlyArray<Pod>
  /** Adopt and release updates. */
  readonly claims: ReadonlyArray<Action>
  /** Creates or deletes with their events (none while the owner is being deleted). */
  readonly manage: ManagePlan
  /** The computed status (before `observedGeneration` is stamped). */
  readonly status: ReplicaSetStatus
  /** The status write, absent when upstream's skip rule holds. */
  readonly statusUpdate: Action | undefined
  /** Seconds until the availability requeue, if any. */
  readonly requeueAfter: number | undefined
}

/**
 * The pods the owner may claim: those it controls and the orphans of its namespace (upstream
 * `FilterPodsByOwner` with orphans). Work is proportional to those, not to the namespace.
 */
export const candidatePods = (owner: ReplicaOwner, view: View): ReadonlyArray<Pod> => {
  const ns = owner.metadata.namespace ?? ''
  const uid = owner.metadata.uid
  const owned = uid === undefined ? [] : ClusterView.controlledOf(view, uid, 'Pod').filter((p) => (p.metadata.namespace ?? '') === ns)
  return [...owned, ...ClusterView.orphans(view, 'Pod', ns)]
}

/** The name of the pod an adopt or release `Update` is about. */
const podName = (a: Action): string => (a._tag === 'Update' ? (a.object.metadata.name ?? '') : '')

/**
 * Adopt and release updates by pod name (every candidate is in the owner's namespace, where
 * names are unique). Claiming walks the view's listing, whose order is not part of its contents;
 * sorting the (few) claims keeps the plan a function of the objects alone.
 */
const inCanonicalOrder = (claims: ReadonlyArray<Action>): ReadonlyArray<Action> =>
  [...claims].sort((x, y) => compareStrings(podName(x), podName(y)))

/**
 * Plans one sync of `owner`, or `undefined` when its selector is invalid (upstream returns
 * without doing anything).
 */
export const plan = (owner: OwnerSpec, view: View, now: Date): SyncPlan | undefined => {
  const matches = owner.matches
  if (matches === undefined) return undefined
  const o = owner.object
  const nowMs = now.getTime()
  const candidates = candidatePods(o, view)
  const { claimed, actions } = claim(o, matches, candidates.filter(Pods.isActive))
  const claims = inCanonicalOrder(actions)
  const uid = o.metadata.uid
  const terminating = candidates.filter(
    (p) => Pods.isTerminating(p) && isControlledBy(p, uid) && matches(p.metadata.labels),
  )
  const manage: ManagePlan =
    o.metadata.deletionTimestamp === undefined
      ? manageReplicas(owner, claimed, view, nowMs)
      : { actions: [], outcome: { _tag: 'Ok' }, creates: 0, deletes: [] }
  const status = calculateStatus(owner, claimed, terminating, manage.outcome, nowMs)
  const statusUpdate = statusUnchanged(owner, status)
    ? undefined
    : A.updateStatus({ ...o, status: nextStatus(owner, status) } as ReplicaOwner)
  return {
    active: claimed,
    terminating,
    claims,
    manage,
    status,
    statusUpdate,
    requeueAfter: availabilityRequeue(owner, status, claimed, nowMs),
  }
}

/** A plan as actions: claims, creates or deletes (with events), status write, requeue. */
export const toActions = (owner: ReplicaOwner, p: SyncPlan | undefined): ReadonlyArray<Action> => {
  if (p === undefined) return []
  const out: Array<Action> = [...p.claims, ...p.manage.actions]
  if (p.statusUpdate !== undefined) out.push(p.statusUpdate)
  if (p.requeueAfter !== undefined) out.push(A.requeueAfter(ObjectRef.of(owner), p.requeueAfter))
  return out
}

/** One sync of either kind: what upstream's controller does now for `owner`. */
export const sync = (owner: ReplicaOwner, view: View, now: Date): ReadonlyArray<Action> =>
  toActions(owner, plan(ownerSpec(owner), view, now))

/**
 * What the ReplicaSet controller does now for `rs`: adopt matching orphans and release pods that
 * stopped matching, create or delete pods to reach `spec.replicas` (at most 500, none while the
 * ReplicaSet is being deleted), write the status when it changed, and ask to be called again
 * when a ready pod will become available.
 */
export const reconcile = (rs: ReplicaSet, view: View, now: Date): ReadonlyArray<Action> =>
  toActions(rs, plan(ofReplicaSet(rs), view, now))
