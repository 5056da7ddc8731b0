/**
 * Pod management (spec §A.6.1–A.6.4): pods split into in-range replicas (placeholders for the
 * missing ones) and condemned pods, `processReplica` over the replicas in ascending index and
 * `processCondemned` over the condemned in descending ordinal, one at a time with OrderedReady
 * (stopping at the first blocker) or in slow-start batches with Parallel.
 */
import type { Pod } from '../../api/pod.js'
import type { StatefulSet } from '../../api/workloads.js'
import * as ClusterView from '../../core/ClusterView.js'
import { claimIsStale, claimNames, claimTemplates, retentionOf, storageMatches } from './claims.js'
import { identityMatches, inOrdinalRange, ordinalOf, replicasOf, startOrdinal } from './identity.js'
import { isCreated, isFailed, isHealthy, isPending, isRunningAndAvailable, isRunningAndReady, isSucceeded, isTerminating } from './podState.js'
import {
  claimsMatchRetentionPolicy,
  createMissingClaims,
  createPod,
  deletePod,
  newVersionedPod,
  placeholder,
  updateClaimsForRetentionPolicy,
  updatePod,
} from './pods.js'
import type { VersionedSets } from './pods.js'
import type { Revisions } from './revisions.js'
import * as S from './sync.js'
import type { Sync } from './sync.js'

/** The set's pods by slot. */
export interface Slots {
  /** Index `i` holds the pod with ordinal start + i, or a `placeholder` (no phase) for a missing one. */
  readonly replicas: ReadonlyArray<Pod>
  /** Pods with an ordinal outside the range (below start included), highest ordinal first. */
  readonly condemned: ReadonlyArray<Pod>
  /** The first unhealthy replica by index, else the lowest-ordinal unhealthy condemned pod. */
  readonly firstUnhealthy: Pod | undefined
}

const byName = (a: Pod, b: Pod): number => {
  const x = a.metadata.name ?? ''
  const y = b.metadata.name ?? ''
  return x < y ? -1 : x > y ? 1 : 0
}

/**
 * Splits the set's pods into slots (pods without an ordinal are ignored; of two pods with one
 * ordinal the later by name wins, as the later in upstream's list does) and puts placeholders
 * in the missing ones, labelled with the revision `newVersionedPod` picks.
 */
export const slotPods = (set: StatefulSet, pods: ReadonlyArray<Pod>, sets: VersionedSets, revisions: Revisions): Slots => {
  const start = startOrdinal(set)
  const n = Math.max(0, replicasOf(set))
  const slots: Array<Pod | undefined> = new Array<Pod | undefined>(n).fill(undefined)
  const condemned: Array<Pod> = []
  for (const pod of pods) {
    const ord = ordinalOf(pod)
    if (inOrdinalRange(set, ord)) {
      const held = slots[ord - start]
      if (held === undefined || byName(held, pod) < 0) slots[ord - start] = pod
    } else if (ord >= 0) condemned.push(pod)
  }
  const replicas = slots.map((p, i) => p ?? placeholder(sets, revisions, start + i))
  condemned.sort((a, b) => ordinalOf(b) - ordinalOf(a) || byName(a, b))
  let firstUnhealthy = replicas.find((p) => !isHealthy(p))
  for (let i = condemned.length - 1; firstUnhealthy === undefined && i >= 0; i--) {
    const c = condemned[i]
    if (c !== undefined && !isHealthy(c)) firstUnhealthy = c
  }
  return { replicas, condemned, firstUnhealthy }
}

/** What one step over a pod says: go on, stop (in monotonic mode), or an API error (ends the pass). */
export type Outcome = 'continue' | 'stop' | 'error'

/** What a pass over the replicas or the condemned pods needs. */
export interface Pass {
  readonly sync: Sync
  readonly sets: VersionedSets
  readonly slots: Slots
  readonly revisions: Revisions
  /** OrderedReady (true) or Parallel (false). */
  readonly monotonic: boolean
}

/** Upstream `PodClaimIsStale`: under whenScaled=Delete, an existing claim of the pod still owned by a previous pod of its name. */
const hasStaleClaim = (s: Sync, set: StatefulSet, pod: Pod): boolean =>
  retentionOf(set).whenScaled === 'Delete' &&
  claimNames(set, ordinalOf(pod)).some((name) => {
    const found = ClusterView.lookup(s.view, 'PersistentVolumeClaim', set.metadata.namespace, name)
    return found !== undefined && claimIsStale(found, pod)
  })

/** Upstream `processReplica` for index `i` (spec §A.6.3). */
export const processReplica = (p: Pass, i: number): Outcome => {
  const s = p.sync
  const set = s.set
  const pod = p.slots.replicas[i]
  if (pod === undefined) return 'continue'
  if (isFailed(pod) || isSucceeded(pod)) {
    if (!isTerminating(pod)) {
      const name = pod.metadata.name ?? ''
      const where = `${set.metadata.namespace ?? ''}/${set.metadata.name ?? ''}`
      if (isFailed(pod)) S.event(s, 'Warning', 'RecreatingFailedPod', `StatefulSet ${where} is recreating failed Pod ${name}`)
      else S.event(s, 'Normal', 'RecreatingTerminatedPod', `StatefulSet ${where} is recreating terminated Pod ${name}`)
      deletePod(s, set, pod)
    }
    return 'stop'
  }
  if (!isCreated(pod)) {
    if (hasStaleClaim(s, set, pod)) return 'stop'
    if (!createPod(s, set, newVersionedPod(p.sets, p.revisions, ordinalOf(pod)))) return 'error'
    return p.monotonic ? 'stop' : 'continue'
  }
  if (isPending(pod) && !createMissingClaims(s, set, pod)) return 'error'
  const minReady = set.spec.minReadySeconds ?? 0
  if (p.monotonic && (isTerminating(pod) || !isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, s.nowMs))) return 'stop'
  const identityOk = identityMatches(set, pod)
  const storageOk = storageMatches(set, pod)
  if (identityOk && storageOk && claimsMatchRetentionPolicy(s, p.sets.updateSet, pod)) return 'continue'
  return updatePod(s, p.sets.updateSet, pod, identityOk, storageOk) ? 'continue' : 'error'
}

/** Upstream `processCondemned` for the `j`-th condemned pod (spec §A.6.4). */
export const processCondemned = (p: Pass, j: number): Outcome => {
  const s = p.sync
  const pod = p.slots.condemned[j]
  if (pod === undefined) return 'continue'
  if (isTerminating(pod)) return p.monotonic ? 'stop' : 'continue'
  const minReady = s.set.spec.minReadySeconds ?? 0
  const blocked = !isRunningAndReady(pod) || !isRunningAndAvailable(pod, minReady, s.nowMs)
  if (p.monotonic && blocked && pod !== p.slots.firstUnhealthy) return 'stop'
  deletePod(s, s.set, pod)
  return 'stop'
}

/** Largest slow-start batch of a Parallel pass. */
export const maxBatchSize = 500

/**
 * Upstream `runForAll`: in monotonic mode `f(0..n-1)` in order until one stops or fails; in
 * Parallel mode slow-start batches of 1, 2, 4, … (at most 500), every call of a batch made, no
 * later batch after one that failed. True when the pass ended early.
 */
export const runForAll = (n: number, f: (i: number) => Outcome, monotonic: boolean): boolean => {
  if (monotonic) {
    for (let i = 0; i < n; i++) if (f(i) !== 'continue') return true
    return false
  }
  let i = 0
  for (let size = Math.min(n, 1); size > 0; size = Math.min(2 * size, n - i, maxBatchSize)) {
    let failed = false
    for (const end = i + size; i < end; i++) if (f(i) === 'error') failed = true
    if (failed) return true
  }
  return false
}

/**
 * Before condemned pods go (upstream, after the replica pass): their claims' owner references as
 * the retention policy wants them for pods being scaled down.
 */
export const fixCondemnedClaims = (p: Pass): void => {
  if (claimTemplates(p.sync.set).length === 0) return
  for (const pod of p.slots.condemned) {
    if (!claimsMatchRetentionPolicy(p.sync, p.sets.updateSet, pod)) updateClaimsForRetentionPolicy(p.sync, p.sets.updateSet, pod)
  }
}
