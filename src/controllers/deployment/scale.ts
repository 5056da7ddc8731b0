/**
 * Scaling ReplicaSets: the scaleReplicaSet helper every path uses, scaling events, and
 * proportional scaling (spec §3.6, §3.7; upstream `scaleReplicaSet`, `isScalingEvent`, `scale`,
 * `FindActiveOrLatest`, `IsSaturated`, `GetProportion`, `getReplicaSetFraction`).
 */
import type { Deployment, ReplicaSet } from '../../api/workloads.js'
import { roundHalfAwayFromZero } from '../../core/intOrString.js'
import { desiredReplicas, maxReplicas, replicasAnnotationsNeedUpdate, setReplicasAnnotations } from './annotations.js'
import { isRollingUpdate, maxSurge, replicasOf } from './fenceposts.js'
import {
  byCreationTimestamp,
  bySizeNewer,
  bySizeOlder,
  filterActive,
  replicaCount,
  sorted,
  specReplicas,
} from './orderings.js'
import type { Sync } from './plan.js'
import * as P from './plan.js'

// -------------------------------------------------------------------------------------
// scaleReplicaSet
// -------------------------------------------------------------------------------------

/** The outcome of a scale: the sync, the ReplicaSet as written, and whether its size changed. */
export interface Scaled {
  readonly s: Sync
  readonly rs: ReplicaSet
  readonly scaled: boolean
}

/**
 * Upstream `scaleReplicaSet`: when the size or the desired/max annotations are stale, Update the
 * ReplicaSet with size `n` and the current annotations; a size change also records
 * `ScalingReplicaSet "Scaled <op> replica set <name> to <n> from <old>"`. `scaled` is true only
 * for a size change.
 */
export const scaleReplicaSet = (s: Sync, rs: ReplicaSet, n: number, op: string): Scaled => {
  const d = s.d
  const r = replicasOf(d)
  const max = r + maxSurge(d)
  const old = specReplicas(rs)
  const sizeNeedsUpdate = old !== n
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, r, max)) return { s, rs, scaled: false }
  const updated = setReplicasAnnotations({ ...rs, spec: { ...rs.spec, replicas: n } }, r, max).value
  let next = P.writeReplicaSet(s, updated)
  if (sizeNeedsUpdate) {
    next = P.event(
      next,
      'Normal',
      'ScalingReplicaSet',
      `Scaled ${op} replica set ${rs.metadata.name ?? ''} to ${n} from ${old}`,
    )
  }
  return { s: next, rs: updated, scaled: sizeNeedsUpdate }
}

/** Upstream `scaleReplicaSetAndRecordEvent`: nothing when the size already is `n` (annotations untouched). */
export const scaleReplicaSetAndRecordEvent = (s: Sync, rs: ReplicaSet, n: number): Scaled => {
  const old = specReplicas(rs)
  if (old === n) return { s, rs, scaled: false }
  return scaleReplicaSet(s, rs, n, old < n ? 'up' : 'down')
}

// -------------------------------------------------------------------------------------
// scaling events
// -------------------------------------------------------------------------------------

/**
 * A scaling event: some active ReplicaSet carries a valid desired-replicas annotation that
 * differs from `spec.replicas` (ReplicaSets without it are skipped).
 */
export const isScalingEvent = (d: Deployment, rss: ReadonlyArray<ReplicaSet>): boolean =>
  filterActive(rss).some((rs) => {
    const desired = desiredReplicas(rs)
    return desired !== undefined && desired !== replicasOf(d)
  })

/**
 * Upstream `FindActiveOrLatest`: with one active ReplicaSet, that one; with none, the new one or
 * else the newest old one; with several, `undefined`.
 */
export const findActiveOrLatest = (
  newRS: ReplicaSet | undefined,
  oldRSs: ReadonlyArray<ReplicaSet>,
): ReplicaSet | undefined => {
  const newestFirst = sorted(oldRSs, (a, b) => byCreationTimestamp(b, a))
  const active = filterActive(newRS === undefined ? newestFirst : [...newestFirst, newRS])
  if (active.length === 0) return newRS ?? newestFirst[0]
  return active.length === 1 ? active[0] : undefined
}

/**
 * Upstream `IsSaturated`: the new ReplicaSet has `spec.replicas`, a desired annotation equal to
 * it, and that many available replicas.
 */
export const isSaturated = (d: Deployment, rs: ReplicaSet | undefined): boolean => {
  if (rs === undefined) return false
  const r = replicasOf(d)
  return specReplicas(rs) === r && desiredReplicas(rs) === r && (rs.status?.availableReplicas ?? 0) === r
}

/**
 * Upstream `getReplicaSetFraction`: the change that keeps `rs` proportional when the allowed
 * size goes from its max-replicas annotation (or, when missing or 0, `status.replicas`) to
 * `replicas + maxSurge`, rounded half away from zero; `−spec` when scaling to 0, and 0 when the
 * denominator is 0.
 */
export const getReplicaSetFraction = (rs: ReplicaSet, d: Deployment): number => {
  const r = replicasOf(d)
  const size = specReplicas(rs)
  if (r === 0) return -size
  const target = r + maxSurge(d)
  const annotated = maxReplicas(rs)
  const denom = annotated === undefined || annotated === 0 ? (d.status?.replicas ?? 0) : annotated
  if (denom === 0) return 0
  return roundHalfAwayFromZero((size * target) / denom) - size
}

/**
 * Upstream `GetProportion`: the fraction, bounded by what is left to add (`toAdd − added`), or 0
 * for an empty ReplicaSet or nothing to add.
 */
export const getProportion = (rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number => {
  if (specReplicas(rs) === 0 || toAdd === 0 || toAdd === added) return 0
  const fraction = getReplicaSetFraction(rs, d)
  const allowed = toAdd - added
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed)
}

/** The planned sizes of a proportional scale, in the order they are applied. */
export interface Proportions {
  readonly op: string
  readonly sizes: ReadonlyArray<readonly [ReplicaSet, number]>
}

/**
 * The proportional split (upstream `scale`, step 3): the active sets share `replicas + maxSurge`
 * (0 when scaling to 0), each moving by its proportion, the leftover going to the first set in
 * BySizeNewer (up) or BySizeOlder (down) order, clamped at 0.
 */
export const proportions = (d: Deployment, active: ReadonlyArray<ReplicaSet>): Proportions => {
  const r = replicasOf(d)
  const allowed = r > 0 ? r + maxSurge(d) : 0
  const toAdd = allowed - replicaCount(active)
  const ordered = toAdd > 0 ? sorted(active, bySizeNewer) : toAdd < 0 ? sorted(active, bySizeOlder) : active
  const op = toAdd > 0 ? 'up' : toAdd < 0 ? 'down' : ''
  let added = 0
  const sizes = ordered.map((rs): [ReplicaSet, number] => {
    if (toAdd === 0) return [rs, specReplicas(rs)]
    const p = getProportion(rs, d, toAdd, added)
    added += p
    return [rs, specReplicas(rs) + p]
  })
  const first = sizes[0]
  if (first !== undefined && toAdd !== 0) first[1] = Math.max(0, first[1] + (toAdd - added))
  return { op, sizes }
}

/**
 * Upstream `scale` (for scaling events and paused Deployments): a lone active (or latest)
 * ReplicaSet goes to `replicas` (nothing at all when it is there); with a saturated new
 * ReplicaSet the old ones go to 0; otherwise, for RollingUpdate, proportional scaling, which
 * calls scaleReplicaSet on every active set so stale annotations are refreshed.
 */
export const scale = (s: Sync, newRS: ReplicaSet | undefined, oldRSs: ReadonlyArray<ReplicaSet>): Sync => {
  const d = s.d
  const r = replicasOf(d)
  const activeOrLatest = findActiveOrLatest(newRS, oldRSs)
  if (activeOrLatest !== undefined) {
    return scaleReplicaSetAndRecordEvent(s, activeOrLatest, r).s
  }
  // FindActiveOrLatest sorted the old sets newest first in place; later steps see that order.
  const newestFirst = sorted(oldRSs, (a, b) => byCreationTimestamp(b, a))
  if (isSaturated(d, newRS)) {
    return filterActive(newestFirst).reduce((acc, old) => scaleReplicaSetAndRecordEvent(acc, old, 0).s, s)
  }
  if (!isRollingUpdate(d)) return s
  const active = filterActive(newRS === undefined ? newestFirst : [...newestFirst, newRS])
  const { op, sizes } = proportions(d, active)
  return sizes.reduce((acc, [rs, n]) => scaleReplicaSet(acc, rs, n, op).s, s)
}
