/**
 * One StatefulSet sync (upstream `sync` → `UpdateStatefulSet`, spec §A.6.1 and §A.9): adopt
 * orphan revisions, claim pods, pick the current and update revisions, run the replica and
 * condemned passes and the rolling update, write the status when it changed, truncate history
 * and requeue for `minReadySeconds`.
 */
import type { Pod } from '../../api/pod.js'
import type { LabelSelector } from '../../api/meta.js'
import type { StatefulSet } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import { adopt, controllerRef, release } from '../../core/ownership.js'
import { fromLabelSelector } from '../../core/selector.js'
import type { Matcher } from '../../core/selector.js'
import { isValidSelector } from '../replicaset/owner.js'
import { isMemberOf } from './identity.js'
import { fixCondemnedClaims, processCondemned, processReplica, runForAll, slotPods } from './manage.js'
import type { Pass } from './manage.js'
import { maxUnavailableGate } from './options.js'
import type { Options } from './options.js'
import { applyRevision, claimRevisions, revisionsToTruncate, selectRevisions } from './revisions.js'
import type { Revisions } from './revisions.js'
import { rollLegacy, rollMaxUnavailable } from './rolling.js'
import { availabilityRequeue, completeRollingUpdate, countReplicas, inconsistentStatus, statusOf } from './status.js'
import type { ReplicaCounts } from './status.js'
import * as S from './sync.js'
import type { Sync } from './sync.js'

const byName = (a: Pod, b: Pod): number => {
  const x = a.metadata.name ?? ''
  const y = b.metadata.name ?? ''
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Upstream `getPodsForStatefulSet`: among the pods the set controls and the orphans of its
 * namespace, keep those it controls that its selector matches and whose name
 * makes them members, release the ones it controls that no longer qualify, and adopt qualifying
 * orphans that are not being deleted — none of either while the set is being deleted. The
 * adoptions and releases are planned in name order.
 */
export const claimPods = (s: Sync, matches: Matcher): ReadonlyArray<Pod> => {
  const set = s.set
  const ns = set.metadata.namespace ?? ''
  const uid = set.metadata.uid
  const deleting = set.metadata.deletionTimestamp !== undefined
  const owned = uid === undefined ? [] : ClusterView.controlledOf(s.view, uid, 'Pod').filter((p) => (p.metadata.namespace ?? '') === ns)
  const out: Array<Pod> = []
  const changed: Array<Pod> = []
  for (const pods of [owned, ClusterView.orphans(s.view, 'Pod', ns)]) {
    for (const pod of pods) {
      const qualifies = matches(pod.metadata.labels) && isMemberOf(set, pod)
      if (controllerRef(pod) !== undefined) {
        if (qualifies) out.push(pod)
        else if (!deleting && uid !== undefined) changed.push(release(pod, uid))
      } else if (qualifies && !deleting && pod.metadata.deletionTimestamp === undefined) {
        const adopted = adopt(pod, set)
        changed.push(adopted)
        out.push(adopted)
      }
    }
  }
  for (const pod of changed.sort(byName)) S.update(s, pod)
  return out
}

/** Compiled selectors, by selector object (objects are never mutated); `null` for one upstream cannot convert. */
const matchers = new WeakMap<LabelSelector, Matcher | null>()

/** The set's selector as a predicate, `undefined` when upstream cannot convert it (the sync then does nothing). */
const matcherOf = (set: StatefulSet): Matcher | undefined => {
  const selector = set.spec.selector
  let m = matchers.get(selector)
  if (m === undefined) {
    m = isValidSelector(selector) ? fromLabelSelector(selector) : null
    matchers.set(selector, m)
  }
  return m ?? undefined
}

/** The pod passes and the rolling update; returns the updated-status counts' currentReplicas decrement and whether an API error ended it. */
const updatePods = (s: Sync, pass: Pass, revisions: Revisions, options: Options): { readonly deleted: number; readonly failed: boolean } => {
  const set = s.set
  const { replicas, condemned } = pass.slots
  let failed = false
  const replicaStep = (i: number) => {
    const o = processReplica(pass, i)
    if (o === 'error') failed = true
    return o
  }
  if (runForAll(replicas.length, replicaStep, pass.monotonic)) return { deleted: 0, failed }
  fixCondemnedClaims(pass)
  if (runForAll(condemned.length, (j) => processCondemned(pass, j), pass.monotonic)) return { deleted: 0, failed }
  if (set.spec.updateStrategy?.type === 'OnDelete') return { deleted: 0, failed }
  const update = revisions.update.metadata.name ?? ''
  const deleted = maxUnavailableGate(options) ? rollMaxUnavailable(s, replicas, update) : rollLegacy(s, replicas, update)
  return { deleted, failed }
}

/** The sync as actions, for `set` observed in `view` at `now`, under `options`. */
const syncWith = (options: Options, set: StatefulSet, view: View, now: Date): ReadonlyArray<Action> => {
  const matches = matcherOf(set)
  if (matches === undefined) return []
  const s = S.start(set, view, now)
  const listed = claimRevisions(s, matches)
  if (listed === undefined) return s.actions
  const pods = claimPods(s, matches)
  const revisions = selectRevisions(s, listed)
  const currentSet = applyRevision(set, revisions.current)
  const updateSet = applyRevision(set, revisions.update)
  const truncate = (): void => {
    for (const r of revisionsToTruncate(set, listed, pods, revisions)) S.remove(s, r)
  }
  if (currentSet === undefined || updateSet === undefined) {
    truncate()
    return s.actions
  }
  const minReady = set.spec.minReadySeconds ?? 0
  const current = revisions.current.metadata.name ?? ''
  const update = revisions.update.metadata.name ?? ''
  let counts: ReplicaCounts
  let failed = false
  if (set.metadata.deletionTimestamp !== undefined) {
    counts = countReplicas(pods, minReady, s.nowMs, current, update)
  } else {
    const slots = slotPods(set, pods, { currentSet, updateSet }, revisions)
    const pass: Pass = { sync: s, sets: { currentSet, updateSet }, slots, revisions, monotonic: set.spec.podManagementPolicy !== 'Parallel' }
    const result = updatePods(s, pass, revisions, options)
    failed = result.failed
    const after = countReplicas([...slots.replicas, ...slots.condemned], minReady, s.nowMs, current, update)
    counts = { ...after, currentReplicas: Math.max(0, after.currentReplicas - result.deleted) }
  }
  const status = completeRollingUpdate(set, statusOf(set, revisions, counts))
  if (inconsistentStatus(set, status)) s.actions.push(A.updateStatus({ ...set, status }))
  truncate()
  const requeue = failed ? undefined : availabilityRequeue(set, status)
  if (requeue !== undefined) s.actions.push(A.requeueAfter(s.target, requeue))
  return s.actions
}

/**
 * The StatefulSet controller's reconcile under `options` (its feature gates): what upstream's
 * controller does now for `set`.
 */
export const reconcileWith =
  (options: Options) =>
  (set: StatefulSet, view: View, now: Date): ReadonlyArray<Action> =>
    syncWith(options, set, view, now)

/**
 * What the StatefulSet controller does now for `set` (every feature gate at its default):
 * adopt and release pods and revisions, create the update revision (or renumber an equal older
 * one), create missing pods with their claims in ordinal order, repair identity and storage,
 * delete failed and condemned pods, replace outdated pods from the highest ordinal down to the
 * partition, write the status, truncate history, and requeue for `minReadySeconds`.
 */
export const reconcile = reconcileWith({})
