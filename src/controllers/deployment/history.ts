/**
 * Revision-history cleanup (spec §3.10, upstream `cleanupDeployment`).
 */
import type { Deployment, ReplicaSet } from '../../api/workloads.js'
import { byRevision, sorted, specReplicas } from './orderings.js'
import type { Sync } from './plan.js'
import * as P from './plan.js'
import { hasRevisionHistoryLimit } from './progress.js'

/**
 * True for an old ReplicaSet cleanup may delete: empty in spec and status, observed, not being
 * deleted, and (DeploymentReplicaSetTerminatingReplicas, on by default) reporting
 * `terminatingReplicas: 0` — an unknown or positive count keeps it.
 */
export const isCleanable = (rs: ReplicaSet): boolean =>
  (rs.status?.replicas ?? 0) === 0 &&
  specReplicas(rs) === 0 &&
  (rs.metadata.generation ?? 0) <= (rs.status?.observedGeneration ?? 0) &&
  rs.metadata.deletionTimestamp === undefined &&
  rs.status?.terminatingReplicas === 0

/**
 * The old ReplicaSets cleanup deletes: with `n` alive old sets (no deletionTimestamp) and limit
 * `l`, the first `n − l` by revision (oldest first) form a fixed window, and only the cleanable
 * ones in it go — a skipped one is not replaced by a later one. Nothing without a limit (or with
 * MaxInt32).
 */
export const replicaSetsToClean = (d: Deployment, oldRSs: ReadonlyArray<ReplicaSet>): ReadonlyArray<ReplicaSet> => {
  if (!hasRevisionHistoryLimit(d)) return []
  const alive = oldRSs.filter((rs) => rs.metadata.deletionTimestamp === undefined)
  const diff = alive.length - (d.spec.revisionHistoryLimit ?? 0)
  if (diff <= 0) return []
  return sorted(alive, byRevision).slice(0, diff).filter(isCleanable)
}

/** Upstream `cleanupDeployment`: deletes `replicaSetsToClean`, each preconditioned on its uid. */
export const cleanupDeployment = (s: Sync, oldRSs: ReadonlyArray<ReplicaSet>): Sync =>
  replicaSetsToClean(s.d, oldRSs).reduce(P.deleteReplicaSet, s)
