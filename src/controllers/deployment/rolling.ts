/**
 * The RollingUpdate strategy (spec §3.4, upstream `rolling.go`).
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { ReplicaSet } from '../../api/workloads.js'
import { maxUnavailable, newRSNewReplicas, replicasOf } from './fenceposts.js'
import { cleanupDeployment } from './history.js'
import { allOf, getAllReplicaSetsAndSyncRevision } from './newReplicaSet.js'
import type { AllReplicaSets } from './newReplicaSet.js'
import {
  availableReplicaCount,
  byCreationTimestamp,
  filterActive,
  replicaCount,
  sorted,
  specReplicas,
} from './orderings.js'
import type { Step, Sync } from './plan.js'
import * as P from './plan.js'
import { deploymentComplete, syncRolloutStatus } from './progress.js'
import { scaleReplicaSetAndRecordEvent } from './scale.js'

/**
 * Upstream `reconcileNewReplicaSet`: scale the new ReplicaSet down to `replicas` when above it
 * (nothing when at it), else up to `newRSNewReplicas` (an error there ends the sync). The value
 * says whether its size changed.
 */
export const reconcileNewReplicaSet = (
  s: Sync,
  allRSs: ReadonlyArray<ReplicaSet>,
  newRS: ReplicaSet,
): Step<boolean> => {
  const r = replicasOf(s.d)
  const target = specReplicas(newRS) >= r ? E.right(r) : newRSNewReplicas(s.d, allRSs, newRS)
  if (E.isLeft(target)) return P.stop(s)
  const { s: next, scaled } = scaleReplicaSetAndRecordEvent(s, newRS, target.right)
  return P.ok(next, scaled)
}

/** What a scale-down pass did: the sync, the old sets as written, the replicas removed, and whether it failed. */
interface ScaledDown {
  readonly s: Sync
  readonly oldRSs: ReadonlyArray<ReplicaSet>
  readonly count: number
  readonly failed: boolean
}

/**
 * Upstream `cleanupUnhealthyReplicas`: oldest first, remove up to `spec − available` replicas
 * from each non-empty old set until `maxCleanup` are gone. A set reporting more available
 * replicas than its spec makes upstream's sanity check fail (the rest of the scale-down is
 * abandoned). A healthy set (`spec = available`) loses nothing.
 */
export const cleanupUnhealthyReplicas = (s: Sync, oldRSs: ReadonlyArray<ReplicaSet>, maxCleanup: number): ScaledDown => {
  let acc = s
  let total = 0
  const out = [...oldRSs].sort(byCreationTimestamp)
  for (const [i, rs] of out.entries()) {
    if (total >= maxCleanup) break
    const size = specReplicas(rs)
    if (size === 0) continue
    const k = Math.min(maxCleanup - total, size - (rs.status?.availableReplicas ?? 0))
    if (k < 0) return { s: acc, oldRSs: out, count: total, failed: true }
    const scaled = scaleReplicaSetAndRecordEvent(acc, rs, size - k)
    acc = scaled.s
    out[i] = scaled.rs
    total += k
  }
  return { s: acc, oldRSs: out, count: total, failed: false }
}

/**
 * Upstream `scaleDownOldReplicaSetsForRollingUpdate`: with `A` = Σ available over `allRSs` and
 * `minAvailable = replicas − maxUnavailable`, remove up to `A − minAvailable` replicas (none when
 * that is not positive) from the old sets, oldest first.
 */
export const scaleDownOldReplicaSetsForRollingUpdate = (
  s: Sync,
  allRSs: ReadonlyArray<ReplicaSet>,
  oldRSs: ReadonlyArray<ReplicaSet>,
): ScaledDown => {
  const budget = Math.max(0, availableReplicaCount(allRSs) - (replicasOf(s.d) - maxUnavailable(s.d)))
  let acc = s
  let total = 0
  for (const rs of sorted(oldRSs, byCreationTimestamp)) {
    const size = specReplicas(rs)
    const k = Math.min(size, budget - total)
    acc = scaleReplicaSetAndRecordEvent(acc, rs, size - k).s
    total += k
  }
  return { s: acc, oldRSs, count: total, failed: false }
}

/**
 * Upstream `reconcileOldReplicaSets`: when `Σ spec(all) − minAvailable − (spec(new) −
 * available(new))` is positive, first clean up unhealthy old replicas within that budget, then
 * scale down healthy ones within the availability budget. The value says whether anything was
 * scaled down (a failed sanity check counts as nothing, as upstream swallows it).
 */
export const reconcileOldReplicaSets = (
  s: Sync,
  allRSs: ReadonlyArray<ReplicaSet>,
  oldActive: ReadonlyArray<ReplicaSet>,
  newRS: ReplicaSet,
): readonly [Sync, boolean] => {
  const minAvailable = replicasOf(s.d) - maxUnavailable(s.d)
  const newUnavailable = specReplicas(newRS) - (newRS.status?.availableReplicas ?? 0)
  const maxScaledDown = replicaCount(allRSs) - minAvailable - newUnavailable
  if (maxScaledDown <= 0) return [s, false]
  const cleaned = cleanupUnhealthyReplicas(s, oldActive, maxScaledDown)
  if (cleaned.failed) return [cleaned.s, false]
  const scaled = scaleDownOldReplicaSetsForRollingUpdate(cleaned.s, [...cleaned.oldRSs, newRS], cleaned.oldRSs)
  return [scaled.s, cleaned.count + scaled.count > 0]
}

/**
 * Upstream `rolloutRolling`: find or create the new ReplicaSet; scale it up, or else scale old
 * ones down — one kind of scaling per sync, then only the status. When nothing was scaled and
 * the status read at the start of the sync is already complete, clean up old revisions. The
 * status is computed from the ReplicaSets as they were before this sync's scaling (upstream
 * discards the objects its scale calls return).
 */
export const rolloutRolling = (s0: Sync): Sync =>
  pipe(
    getAllReplicaSetsAndSyncRevision(s0, true),
    E.map(([s, all]: readonly [Sync, AllReplicaSets]): Sync => {
      const newRS = all.newRS
      if (newRS === undefined) return s
      const allRSs = allOf(all)
      const up = reconcileNewReplicaSet(s, allRSs, newRS)
      if (E.isLeft(up)) return up.left
      const [afterUp, scaledUp] = up.right
      if (scaledUp) return syncRolloutStatus(afterUp, allRSs, newRS)
      const [afterDown, scaledDown] = reconcileOldReplicaSets(afterUp, allRSs, filterActive(all.oldRSs), newRS)
      if (scaledDown) return syncRolloutStatus(afterDown, allRSs, newRS)
      const cleaned = deploymentComplete(afterDown.d, afterDown.d.status)
        ? cleanupDeployment(afterDown, all.oldRSs)
        : afterDown
      return syncRolloutStatus(cleaned, allRSs, newRS)
    }),
    E.getOrElse((stopped: Sync) => stopped),
  )
