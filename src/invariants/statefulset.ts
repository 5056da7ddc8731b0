/**
 * StatefulSet invariants (docs/guide/statefulset.md lists each with the test that checks it).
 * Checks over a view take every StatefulSet in it; checks over a sync take the set, the view it
 * was reconciled against, and its actions; checks over a step take the views before and after a
 * simulation round.
 *
 * | id | holds |
 * | --- | --- |
 * | STS-1 | at a fixpoint, a set's live pods are exactly the ordinals [start, start + replicas), each mounting its claims, which exist |
 * | STS-2 | at most one identity: no two live pods of a set share an ordinal, and a sync never creates a pod whose ordinal a live pod holds |
 * | STS-3 | OrderedReady: at most one create per sync, only when every lower ordinal is Running and Ready; scale-down one at a time, highest first, never with a create |
 * | STS-4 | a rolling update replaces outdated pods from the highest index down and never below the partition; OnDelete never replaces |
 * | STS-5 | claims are never deleted by the controller, their names depend only on set, template and ordinal, and a claim keeps its uid across a round without faults |
 * | STS-6 | status counts are consistent, and at a fixpoint agree with the pods and revisions |
 * | STS-7 | at a fixpoint a further reconcile writes nothing |
 */
import type { ControllerRevision } from '../api/node.js'
import type { Pod } from '../api/pod.js'
import type { StatefulSet, StatefulSetStatus } from '../api/workloads.js'
import type { Action } from '../core/Action.js'
import { isWrite } from '../core/Action.js'
import * as ClusterView from '../core/ClusterView.js'
import type { ClusterView as View } from '../core/ClusterView.js'
import { equalRevision } from '../core/history.js'
import * as ObjectRef from '../core/ObjectRef.js'
import { controllerRef, isControlledBy } from '../core/ownership.js'
import { fromLabelSelector } from '../core/selector.js'
import { isValidSelector } from '../controllers/replicaset/owner.js'
import { claimName, claimTemplates, storageMatches } from '../controllers/statefulset/claims.js'
import { inOrdinalRange, isMemberOf, ordinalOf, parseName, podName, replicasOf, startOrdinal } from '../controllers/statefulset/identity.js'
import { isFailed, isRunningAndReady, isSucceeded, isTerminating } from '../controllers/statefulset/podState.js'
import { reconcile } from '../controllers/statefulset/reconcile.js'
import { candidateRevision, revisionOfPod } from '../controllers/statefulset/revisions.js'
import { countReplicas } from '../controllers/statefulset/status.js'
import { violation } from './Violation.js'
import type { Violation } from './Violation.js'

const refOf = (set: StatefulSet) => ObjectRef.of(set)
const show = (set: StatefulSet): string => ObjectRef.show(refOf(set))

/** Every StatefulSet in the view. */
export const statefulSets = (view: View): ReadonlyArray<StatefulSet> => ClusterView.listOf(view, 'StatefulSet')

/** The pods the set controls (in its namespace), by name. */
export const podsOf = (set: StatefulSet, view: View): ReadonlyArray<Pod> => {
  const uid = set.metadata.uid
  if (uid === undefined) return []
  return ClusterView.controlledOf(view, uid, 'Pod').filter((p) => (p.metadata.namespace ?? '') === (set.metadata.namespace ?? '') && isMemberOf(set, p))
}

/** The revisions the set controls, ascending. */
export const revisionsOf = (set: StatefulSet, view: View): ReadonlyArray<ControllerRevision> => {
  const uid = set.metadata.uid
  if (uid === undefined) return []
  return [...ClusterView.controlledOf(view, uid, 'ControllerRevision')].sort((a, b) => a.revision - b.revision)
}

/** The name of the revision the set's template maps to in `view`: the newest equal one it controls, else the one it would create. */
export const updateRevisionName = (set: StatefulSet, view: View): string => {
  const candidate = candidateRevision(set, 0, set.status?.collisionCount ?? 0)
  const equal = revisionsOf(set, view).filter((r) => equalRevision(r, candidate))
  return equal[equal.length - 1]?.metadata.name ?? candidate.metadata.name ?? ''
}

const live = (p: Pod): boolean => !isTerminating(p)

/** The pods a sync of `set` claims: members it controls and selects, and member orphans it selects that are not being deleted. */
export const claimedPods = (set: StatefulSet, view: View): ReadonlyArray<Pod> => {
  const selected = fromLabelSelector(set.spec.selector)
  return ClusterView.listOf(view, 'Pod', set.metadata.namespace ?? '').filter(
    (p) =>
      isMemberOf(set, p) &&
      selected(p.metadata.labels) &&
      (isControlledBy(p, set.metadata.uid) || (controllerRef(p) === undefined && p.metadata.deletionTimestamp === undefined)),
  )
}

/** Sets the fixpoint invariants apply to: not being deleted, with a valid selector. */
const settled = (view: View): ReadonlyArray<StatefulSet> =>
  statefulSets(view).filter((s) => s.metadata.deletionTimestamp === undefined && isValidSelector(s.spec.selector))

// -------------------------------------------------------------------------------------
// STS-1
// -------------------------------------------------------------------------------------

/**
 * STS-1 (at a fixpoint): every StatefulSet not being deleted has live pods for exactly the
 * ordinals [start, start + replicas), each mounting its claims `<template>-<set>-<ordinal>`,
 * and each of those claims exists.
 */
export const sts1OrdinalsWithClaims = (view: View): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const set of settled(view)) {
    const pods = podsOf(set, view).filter(live)
    const have = pods.map(ordinalOf).sort((a, b) => a - b)
    const want = Array.from({ length: Math.max(0, replicasOf(set)) }, (_, i) => startOrdinal(set) + i)
    if (have.join(',') !== want.join(',')) out.push(violation('STS-1', `${show(set)} has live pods at ordinals [${have.join(', ')}], wants [${want.join(', ')}]`, refOf(set)))
    for (const p of pods) {
      if (!storageMatches(set, p)) out.push(violation('STS-1', `${show(set)}: pod ${p.metadata.name ?? ''} does not mount its claims`, refOf(set)))
      for (const t of claimTemplates(set)) {
        const name = claimName(set, t, ordinalOf(p))
        if (ClusterView.lookup(view, 'PersistentVolumeClaim', set.metadata.namespace, name) === undefined) {
          out.push(violation('STS-1', `${show(set)}: claim ${name} of pod ${p.metadata.name ?? ''} does not exist`, refOf(set)))
        }
      }
    }
  }
  return out
}

// -------------------------------------------------------------------------------------
// STS-2
// -------------------------------------------------------------------------------------

/** STS-2 (any view): no two live pods a StatefulSet controls share an ordinal. */
export const sts2UniqueOrdinals = (view: View): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const set of statefulSets(view)) {
    const seen = new Map<number, string>()
    for (const p of podsOf(set, view).filter(live)) {
      const o = ordinalOf(p)
      const other = seen.get(o)
      if (other !== undefined) out.push(violation('STS-2', `${show(set)}: pods ${other} and ${p.metadata.name ?? ''} both hold ordinal ${o}`, refOf(set)))
      seen.set(o, p.metadata.name ?? '')
    }
  }
  return out
}

const podCreates = (actions: ReadonlyArray<Action>): ReadonlyArray<Pod> =>
  actions.flatMap((a) => (a._tag === 'Create' && a.object.kind === 'Pod' ? [a.object] : []))

const podDeletes = (actions: ReadonlyArray<Action>): ReadonlyArray<string> =>
  actions.flatMap((a) => (a._tag === 'Delete' && a.target.kind === 'Pod' ? [a.target.name] : []))

/**
 * STS-2 (one sync): every pod the sync creates is named `<set>-<ordinal>` for an in-range
 * ordinal, no pod of that ordinal that the set claims (controls and selects, or could adopt)
 * exists in the view it saw, and no two creates share one. (A pod of that name the set does not
 * claim makes the create fail with AlreadyExists at the API server, as upstream's does.)
 */
export const sts2CreatesFreshIdentities = (set: StatefulSet, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  const held = new Set(claimedPods(set, view).map(ordinalOf))
  const created = new Set<number>()
  for (const p of podCreates(actions)) {
    const name = p.metadata.name ?? ''
    const o = parseName(name).ordinal
    if (name !== podName(set, o) || !inOrdinalRange(set, o)) out.push(violation('STS-2', `${show(set)} creates pod ${name}, not <set>-<ordinal in range>`, refOf(set)))
    if (held.has(o)) out.push(violation('STS-2', `${show(set)} creates pod ${name} while a pod of ordinal ${o} exists`, refOf(set)))
    if (created.has(o)) out.push(violation('STS-2', `${show(set)} creates ordinal ${o} twice`, refOf(set)))
    created.add(o)
  }
  return out
}

// -------------------------------------------------------------------------------------
// STS-3
// -------------------------------------------------------------------------------------

/**
 * STS-3 (one sync, OrderedReady, set not being deleted): at most one pod create, and a create
 * of ordinal o only when every ordinal in [start, o) has a pod the set controls that is Running,
 * Ready and not terminating; at most one delete of a condemned pod (ordinal out of range), the
 * highest-ordinal one not yet terminating, and never in a sync that creates a pod.
 */
export const sts3OrderedReady = (set: StatefulSet, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  if (set.spec.podManagementPolicy === 'Parallel' || set.metadata.deletionTimestamp !== undefined) return []
  const out: Array<Violation> = []
  const creates = podCreates(actions)
  if (creates.length > 1) out.push(violation('STS-3', `${show(set)} creates ${creates.length} pods in one OrderedReady sync`, refOf(set)))
  const pods = new Map(claimedPods(set, view).map((p) => [ordinalOf(p), p]))
  for (const c of creates) {
    for (let o = startOrdinal(set); o < ordinalOf(c); o++) {
      const p = pods.get(o)
      if (p === undefined || !isRunningAndReady(p) || isTerminating(p)) {
        out.push(violation('STS-3', `${show(set)} creates ${c.metadata.name ?? ''} while ordinal ${o} is not Running and Ready`, refOf(set)))
        break
      }
    }
  }
  const condemned = podDeletes(actions).filter((n) => !inOrdinalRange(set, parseName(n).ordinal))
  if (condemned.length > 1) out.push(violation('STS-3', `${show(set)} scales down ${condemned.length} pods in one OrderedReady sync`, refOf(set)))
  if (condemned.length > 0) {
    const highest = Math.max(...[...pods.values()].filter((p) => live(p) && !inOrdinalRange(set, ordinalOf(p))).map(ordinalOf))
    if (condemned.some((n) => parseName(n).ordinal !== highest)) out.push(violation('STS-3', `${show(set)} scales down ${condemned.join(', ')}, not the highest ordinal ${highest}`, refOf(set)))
    if (creates.length > 0) out.push(violation('STS-3', `${show(set)} creates and scales down in one OrderedReady sync`, refOf(set)))
  }
  return out
}

// -------------------------------------------------------------------------------------
// STS-4
// -------------------------------------------------------------------------------------

/** The in-range, non-terminal pods a sync deletes: its revision-driven deletes. */
const replacements = (set: StatefulSet, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Pod> =>
  podDeletes(actions).flatMap((name) => {
    const p = ClusterView.lookup(view, 'Pod', set.metadata.namespace, name)
    return p !== undefined && inOrdinalRange(set, ordinalOf(p)) && !isFailed(p) && !isSucceeded(p) ? [p] : []
  })

/**
 * STS-4 (one sync): with OnDelete no pod is replaced; with RollingUpdate every replaced pod (an
 * in-range, non-terminal pod deleted) has index ≥ partition, is outdated and not terminating, and
 * no outdated, not terminating pod above it is left in place (descending order).
 */
export const sts4DescendingAbovePartition = (set: StatefulSet, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  if (set.metadata.deletionTimestamp !== undefined) return []
  const replaced = replacements(set, view, actions)
  if (replaced.length === 0) return []
  if (set.spec.updateStrategy?.type === 'OnDelete') return [violation('STS-4', `${show(set)} (OnDelete) replaces ${replaced.map((p) => p.metadata.name).join(', ')}`, refOf(set))]
  const out: Array<Violation> = []
  const start = startOrdinal(set)
  const partition = set.spec.updateStrategy?.rollingUpdate?.partition ?? 0
  const update = updateRevisionName(set, view)
  const names = new Set(replaced.map((p) => p.metadata.name ?? ''))
  const lowest = Math.min(...replaced.map(ordinalOf))
  for (const p of replaced) {
    if (ordinalOf(p) - start < partition) out.push(violation('STS-4', `${show(set)} replaces ${p.metadata.name ?? ''} below the partition ${partition}`, refOf(set)))
    if (revisionOfPod(p) === update || isTerminating(p)) out.push(violation('STS-4', `${show(set)} replaces ${p.metadata.name ?? ''}, which is up to date or terminating`, refOf(set)))
  }
  for (const p of podsOf(set, view)) {
    const o = ordinalOf(p)
    if (o > lowest && inOrdinalRange(set, o) && !names.has(p.metadata.name ?? '') && revisionOfPod(p) !== update && live(p) && !isFailed(p) && !isSucceeded(p)) {
      out.push(violation('STS-4', `${show(set)} replaces ordinal ${lowest} before the outdated ${p.metadata.name ?? ''} above it`, refOf(set)))
    }
  }
  return out
}

/**
 * STS-4, legacy path (MaxUnavailableStatefulSet off): at most one pod replaced per sync, and
 * every in-range pod above it is up to date, not terminating, and Running and Ready.
 */
export const sts4LegacyOneAtATime = (set: StatefulSet, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  if (set.metadata.deletionTimestamp !== undefined || set.spec.updateStrategy?.type === 'OnDelete') return []
  const replaced = replacements(set, view, actions)
  if (replaced.length === 0) return []
  if (replaced.length > 1) return [violation('STS-4', `${show(set)} replaces ${replaced.length} pods in one sync`, refOf(set))]
  const victim = ordinalOf(replaced[0] as Pod)
  const update = updateRevisionName(set, view)
  const above = podsOf(set, view).filter((p) => ordinalOf(p) > victim && inOrdinalRange(set, ordinalOf(p)))
  const bad = above.filter((p) => revisionOfPod(p) !== update || isTerminating(p) || !isRunningAndReady(p))
  return bad.length === 0 ? [] : [violation('STS-4', `${show(set)} replaces ordinal ${victim} while ${bad.map((p) => p.metadata.name).join(', ')} above it is not updated and ready`, refOf(set))]
}

// -------------------------------------------------------------------------------------
// STS-5
// -------------------------------------------------------------------------------------

/**
 * STS-5 (one sync): the controller never deletes a claim, and every claim it creates is named
 * `<template>-<set>-<ordinal>` for one of its templates.
 */
export const sts5ClaimsKept = (set: StatefulSet, _view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const a of actions) {
    if (a._tag === 'Delete' && a.target.kind === 'PersistentVolumeClaim') out.push(violation('STS-5', `${show(set)} deletes claim ${a.target.name}`, refOf(set)))
    if (a._tag === 'Create' && a.object.kind === 'PersistentVolumeClaim') {
      const name = a.object.metadata.name ?? ''
      const ok = claimTemplates(set).some((t) => {
        const prefix = `${t.name}-${set.metadata.name ?? ''}-`
        return name.startsWith(prefix) && claimName(set, t, Number(name.slice(prefix.length))) === name
      })
      if (!ok) out.push(violation('STS-5', `${show(set)} creates claim ${name}, not <template>-<set>-<ordinal>`, refOf(set)))
    }
  }
  return out
}

/**
 * STS-5 (one round without faults): a claim of a StatefulSet's template that exists before and
 * after the round keeps its uid, and under whenScaled=Retain and whenDeleted=Retain no such claim
 * disappears — so a re-created pod mounts the very claim its predecessor had.
 */
export const sts5SameClaimAcrossRounds = (before: View, after: View): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const set of statefulSets(before)) {
    const retain = (set.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted ?? 'Retain') === 'Retain' && (set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled ?? 'Retain') === 'Retain'
    for (const c of ClusterView.listOf(before, 'PersistentVolumeClaim', set.metadata.namespace ?? '')) {
      const name = c.metadata.name ?? ''
      if (!claimTemplates(set).some((t) => name.startsWith(`${t.name}-${set.metadata.name ?? ''}-`))) continue
      const now = ClusterView.lookup(after, 'PersistentVolumeClaim', c.metadata.namespace, name)
      if (now === undefined && retain) out.push(violation('STS-5', `${show(set)} (Retain) lost claim ${name}`, refOf(set)))
      if (now !== undefined && now.metadata.uid !== c.metadata.uid) out.push(violation('STS-5', `${show(set)}: claim ${name} was replaced (uid changed)`, refOf(set)))
    }
  }
  return out
}

// -------------------------------------------------------------------------------------
// STS-6
// -------------------------------------------------------------------------------------

/**
 * STS-6 for one status: replicas ≥ readyReplicas ≥ availableReplicas, and currentReplicas and
 * updatedReplicas ≤ replicas.
 */
export const sts6StatusCountsOf = (status: StatefulSetStatus | undefined): ReadonlyArray<string> => {
  const s = status ?? {}
  const n = (v: number | undefined): number => v ?? 0
  const out: Array<string> = []
  if (n(s.readyReplicas) > n(s.replicas)) out.push(`readyReplicas ${n(s.readyReplicas)} > replicas ${n(s.replicas)}`)
  if (n(s.availableReplicas) > n(s.readyReplicas)) out.push(`availableReplicas ${n(s.availableReplicas)} > readyReplicas ${n(s.readyReplicas)}`)
  if (n(s.currentReplicas) > n(s.replicas)) out.push(`currentReplicas ${n(s.currentReplicas)} > replicas ${n(s.replicas)}`)
  if (n(s.updatedReplicas) > n(s.replicas)) out.push(`updatedReplicas ${n(s.updatedReplicas)} > replicas ${n(s.replicas)}`)
  return out
}

/**
 * STS-6 (one sync): the status it writes is consistent and observes the set's generation. (Not
 * "currentReplicas = updatedReplicas when the revisions are one": upstream takes one off
 * currentReplicas for every pod its rolling update deletes, whatever that pod's revision.)
 */
export const sts6WrittenStatus = (set: StatefulSet, _view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> =>
  actions.flatMap((a) => {
    if (a._tag !== 'UpdateStatus' || a.object.kind !== 'StatefulSet') return []
    const problems = [...sts6StatusCountsOf(a.object.status)]
    if ((a.object.status?.observedGeneration ?? 0) !== (set.metadata.generation ?? 0)) problems.push(`observedGeneration ${a.object.status?.observedGeneration ?? 0} ≠ generation ${set.metadata.generation ?? 0}`)
    return problems.map((m) => violation('STS-6', `${show(set)} writes status: ${m}`, refOf(set)))
  })

/**
 * STS-6 (at a fixpoint): every StatefulSet's status is consistent, observes its generation,
 * has currentReplicas = updatedReplicas when both revisions are one, counts exactly its pods (replicas, ready, current and updated by revision label), names as
 * update revision its newest revision, and every pod's revision is one of its revisions.
 */
export const sts6StatusAgreesWithPods = (view: View, now: Date): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const set of settled(view)) {
    const s = set.status ?? {}
    const problems = [...sts6StatusCountsOf(s)]
    if ((s.observedGeneration ?? 0) !== (set.metadata.generation ?? 0)) problems.push(`observedGeneration ${s.observedGeneration ?? 0} ≠ generation ${set.metadata.generation ?? 0}`)
    if (s.currentRevision === s.updateRevision && (s.currentReplicas ?? 0) !== (s.updatedReplicas ?? 0)) {
      problems.push(`currentRevision = updateRevision but currentReplicas ${s.currentReplicas ?? 0} ≠ updatedReplicas ${s.updatedReplicas ?? 0}`)
    }
    const pods = podsOf(set, view)
    const c = countReplicas(pods, set.spec.minReadySeconds ?? 0, now.getTime(), s.currentRevision ?? '', s.updateRevision ?? '')
    for (const k of ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas'] as const) {
      if ((s[k] ?? 0) !== c[k]) problems.push(`${k} ${s[k] ?? 0}, the pods say ${c[k]}`)
    }
    const revs = revisionsOf(set, view)
    const newest = revs[revs.length - 1]?.metadata.name
    if (newest !== s.updateRevision) problems.push(`updateRevision ${s.updateRevision ?? ''} is not the newest revision ${newest ?? '(none)'}`)
    const names = new Set(revs.map((r) => r.metadata.name ?? ''))
    for (const p of pods) if (!names.has(revisionOfPod(p))) problems.push(`pod ${p.metadata.name ?? ''} is at revision ${revisionOfPod(p)}, which the set does not have`)
    out.push(...problems.map((m) => violation('STS-6', `${show(set)}: ${m}`, refOf(set))))
  }
  return out
}

// -------------------------------------------------------------------------------------
// STS-7
// -------------------------------------------------------------------------------------

/** STS-7 (at a fixpoint): reconciling any StatefulSet of the view at `now` writes nothing. */
export const sts7FixpointIsQuiet = (view: View, now: Date): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const set of statefulSets(view)) {
    const w = reconcile(set, view, now).filter(isWrite)
    if (w.length > 0) out.push(violation('STS-7', `${show(set)} still writes: ${w.map((a) => a._tag).join(', ')}`, refOf(set)))
  }
  return out
}

// -------------------------------------------------------------------------------------
// groups
// -------------------------------------------------------------------------------------

/** STS-2 (creates), STS-3, STS-4 (gate-independent), STS-5 (claims) and STS-6 (written status) over one sync. */
export const checkSync = (set: StatefulSet, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => [
  ...sts2CreatesFreshIdentities(set, view, actions),
  ...sts3OrderedReady(set, view, actions),
  ...sts4DescendingAbovePartition(set, view, actions),
  ...sts5ClaimsKept(set, view, actions),
  ...sts6WrittenStatus(set, view, actions),
]

/** STS-1, STS-2 (view), STS-6 and STS-7 over a view that should be a fixpoint. */
export const checkFixpoint = (view: View, now: Date): ReadonlyArray<Violation> => [
  ...sts1OrdinalsWithClaims(view),
  ...sts2UniqueOrdinals(view),
  ...sts6StatusAgreesWithPods(view, now),
  ...sts7FixpointIsQuiet(view, now),
]
