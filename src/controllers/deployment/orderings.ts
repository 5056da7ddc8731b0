/**
 * ReplicaSet orderings and counters used by the Deployment controller (spec §1.8). Every sort
 * returns a new array; inputs are never reordered.
 */
import type { ReplicaSet } from '../../api/workloads.js'
import * as T from '../../core/time.js'
import { revisionOf } from './annotations.js'

/** `spec.replicas` of a ReplicaSet (defaulted to 1 when absent, as the API server does). */
export const specReplicas = (rs: ReplicaSet): number => rs.spec.replicas ?? 1

/** Active: `spec.replicas > 0` (upstream `FilterActiveReplicaSets`). */
export const isActive = (rs: ReplicaSet): boolean => specReplicas(rs) > 0

/** The active ReplicaSets, in input order. */
export const filterActive = (rss: ReadonlyArray<ReplicaSet>): ReadonlyArray<ReplicaSet> => rss.filter(isActive)

// -------------------------------------------------------------------------------------
// comparators (negative: a before b)
// -------------------------------------------------------------------------------------

const created = (rs: ReplicaSet): number => T.parse(rs.metadata.creationTimestamp) ?? Number.NEGATIVE_INFINITY
const nameOf = (rs: ReplicaSet): string => rs.metadata.name ?? ''
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Older first; equal creation times by name ascending (upstream `ReplicaSetsByCreationTimestamp`). */
export const byCreationTimestamp = (a: ReplicaSet, b: ReplicaSet): number => {
  const ta = created(a)
  const tb = created(b)
  return ta === tb ? cmp(nameOf(a), nameOf(b)) : ta - tb
}

/** Larger spec first; on equal size, older first (upstream `ReplicaSetsBySizeOlder`, for scaling down). */
export const bySizeOlder = (a: ReplicaSet, b: ReplicaSet): number =>
  specReplicas(a) === specReplicas(b) ? byCreationTimestamp(a, b) : specReplicas(b) - specReplicas(a)

/** Larger spec first; on equal size, newer first (upstream `ReplicaSetsBySizeNewer`, for scaling up). */
export const bySizeNewer = (a: ReplicaSet, b: ReplicaSet): number =>
  specReplicas(a) === specReplicas(b) ? byCreationTimestamp(b, a) : specReplicas(b) - specReplicas(a)

/**
 * Revision ascending (upstream `ReplicaSetsByRevision`); an unparsable revision on either side,
 * or equal revisions, fall back to creation time.
 */
export const byRevision = (a: ReplicaSet, b: ReplicaSet): number => {
  const ra = revisionOf(a)
  const rb = revisionOf(b)
  if (ra === undefined || rb === undefined || ra === rb) return byCreationTimestamp(a, b)
  return ra - rb
}

/** A sorted copy. */
export const sorted = (rss: ReadonlyArray<ReplicaSet>, by: (a: ReplicaSet, b: ReplicaSet) => number): ReadonlyArray<ReplicaSet> =>
  [...rss].sort(by)

// -------------------------------------------------------------------------------------
// counters
// -------------------------------------------------------------------------------------

/** Σ spec.replicas (upstream `GetReplicaCountForReplicaSets`). */
export const replicaCount = (rss: ReadonlyArray<ReplicaSet>): number => rss.reduce((n, rs) => n + specReplicas(rs), 0)

/** Σ status.replicas (upstream `GetActualReplicaCountForReplicaSets`). */
export const actualReplicaCount = (rss: ReadonlyArray<ReplicaSet>): number =>
  rss.reduce((n, rs) => n + (rs.status?.replicas ?? 0), 0)

/** Σ status.readyReplicas. */
export const readyReplicaCount = (rss: ReadonlyArray<ReplicaSet>): number =>
  rss.reduce((n, rs) => n + (rs.status?.readyReplicas ?? 0), 0)

/** Σ status.availableReplicas. */
export const availableReplicaCount = (rss: ReadonlyArray<ReplicaSet>): number =>
  rss.reduce((n, rs) => n + (rs.status?.availableReplicas ?? 0), 0)

/**
 * Σ status.terminatingReplicas (upstream `GetTerminatingReplicaCountForReplicaSets`): a
 * never-synced ReplicaSet (observedGeneration 0) without the field is skipped; any other
 * ReplicaSet without it makes the total unknown (`undefined`).
 */
export const terminatingReplicaCount = (rss: ReadonlyArray<ReplicaSet>): number | undefined => {
  let total = 0
  for (const rs of rss) {
    const t = rs.status?.terminatingReplicas
    if (t === undefined) {
      if ((rs.status?.observedGeneration ?? 0) === 0) continue
      return undefined
    }
    total += t
  }
  return total
}
