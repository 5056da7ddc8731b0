/**
 * Deployment status and conditions (spec §1.10, §3.11, §3.12; upstream `calculateStatus`,
 * `syncDeploymentStatus`, `syncRolloutStatus`, `requeueStuckDeployment` and the condition
 * helpers of `deployment_util.go`).
 */
import * as Conditions from '../../core/conditions.js'
import { maxInt32 as MAX_INT32 } from '../../core/intOrString.js'
import type { Condition } from '../../api/meta.js'
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../api/workloads.js'
import { jsonEqual } from '../../core/equal.js'
import * as T from '../../core/time.js'
import { maxUnavailable, replicasOf } from './fenceposts.js'
import {
  actualReplicaCount,
  availableReplicaCount,
  readyReplicaCount,
  replicaCount,
  terminatingReplicaCount,
} from './orderings.js'
import type { Sync } from './plan.js'
import * as P from './plan.js'

// -------------------------------------------------------------------------------------
// condition types and reasons
// -------------------------------------------------------------------------------------

/** Condition type: the Deployment has minimum availability. */
export const availableType = 'Available'
/** Condition type: the rollout is progressing, complete, paused or stuck. */
export const progressingType = 'Progressing'
/** Condition type: a ReplicaSet failed to create or delete pods (copied from it). */
export const replicaFailureType = 'ReplicaFailure'

/** Progressing reason: the new ReplicaSet was just created. */
export const newReplicaSetReason = 'NewReplicaSetCreated'
/** Progressing reason: an existing new ReplicaSet was found when no condition existed yet. */
export const foundNewRSReason = 'FoundNewReplicaSet'
/** Progressing reason: the rollout made progress. */
export const replicaSetUpdatedReason = 'ReplicaSetUpdated'
/** Progressing reason: the rollout is complete. */
export const newRSAvailableReason = 'NewReplicaSetAvailable'
/** Progressing reason: no progress within `progressDeadlineSeconds`. */
export const timedOutReason = 'ProgressDeadlineExceeded'
/** Progressing reason: the Deployment is paused. */
export const pausedReason = 'DeploymentPaused'
/** Progressing reason: the Deployment was resumed (restarts the deadline clock). */
export const resumedReason = 'DeploymentResumed'
/** Progressing reason: creating the new ReplicaSet failed. */
export const failedRSCreateReason = 'ReplicaSetCreateError'
/** Available reason: enough replicas are available. */
export const minimumReplicasAvailable = 'MinimumReplicasAvailable'
/** Available reason: too few replicas are available. */
export const minimumReplicasUnavailable = 'MinimumReplicasUnavailable'

// -------------------------------------------------------------------------------------
// condition helpers
// -------------------------------------------------------------------------------------

/** The condition of `type`, if any. */
export const getCondition = (status: DeploymentStatus | undefined, type: string): Condition | undefined =>
  Conditions.find(status?.conditions, type)

/** A condition stamped `now` for both `lastUpdateTime` and `lastTransitionTime`. */
export const newCondition = (type: string, status: string, reason: string, message: string, now: Date): Condition => {
  const t = T.formatDate(now)
  return { type, status, lastUpdateTime: t, lastTransitionTime: t, reason, message }
}

/** The status without conditions of `type` (an emptied list is dropped, as the API omits it). */
export const removeCondition = (status: DeploymentStatus, type: string): DeploymentStatus => {
  const { conditions, ...rest } = status
  const kept = Conditions.without(conditions, type)
  return kept.length === 0 ? rest : { ...rest, conditions: kept }
}

/**
 * Upstream `SetDeploymentCondition`: nothing changes (times included) when a condition of that
 * type has the same status and reason; with the same status and another reason the old
 * `lastTransitionTime` is kept; the condition then moves to the end of the list.
 */
export const setCondition = (status: DeploymentStatus, c: Condition): DeploymentStatus => {
  const conditions = Conditions.replaceCondition(status.conditions, c)
  return conditions === undefined ? status : { ...status, conditions }
}

// -------------------------------------------------------------------------------------
// predicates
// -------------------------------------------------------------------------------------


/** A deadline is set (and is not MaxInt32). */
export const hasProgressDeadline = (d: Deployment): boolean => {
  const p = d.spec.progressDeadlineSeconds
  return p !== undefined && p !== MAX_INT32
}

/** A history limit is set (and is not MaxInt32). */
export const hasRevisionHistoryLimit = (d: Deployment): boolean => {
  const l = d.spec.revisionHistoryLimit
  return l !== undefined && l !== MAX_INT32
}

/**
 * Complete: updated, total and available replicas all equal `spec.replicas` and the status has
 * observed the current generation.
 */
export const deploymentComplete = (d: Deployment, s: DeploymentStatus | undefined): boolean => {
  const r = replicasOf(d)
  return (
    (s?.updatedReplicas ?? 0) === r &&
    (s?.replicas ?? 0) === r &&
    (s?.availableReplicas ?? 0) === r &&
    (s?.observedGeneration ?? 0) >= (d.metadata.generation ?? 0)
  )
}

/**
 * Progressing relative to `d.status`: more updated, ready or available replicas, or fewer old
 * replicas.
 */
export const deploymentProgressing = (d: Deployment, s: DeploymentStatus): boolean => {
  const o = d.status
  const n = (x: number | undefined): number => x ?? 0
  return (
    n(s.updatedReplicas) > n(o?.updatedReplicas) ||
    n(s.replicas) - n(s.updatedReplicas) < n(o?.replicas) - n(o?.updatedReplicas) ||
    n(s.readyReplicas) > n(o?.readyReplicas) ||
    n(s.availableReplicas) > n(o?.availableReplicas)
  )
}

/**
 * Timed out: the Progressing condition of `s` already says so, or (unless it says complete) its
 * `lastUpdateTime + progressDeadlineSeconds` is strictly before `now`.
 */
export const deploymentTimedOut = (d: Deployment, s: DeploymentStatus, now: Date): boolean => {
  if (!hasProgressDeadline(d)) return false
  const c = getCondition(s, progressingType)
  if (c === undefined || c.reason === newRSAvailableReason) return false
  if (c.reason === timedOutReason) return true
  const from = T.parse(c.lastUpdateTime) ?? Number.NEGATIVE_INFINITY
  return from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 < now.getTime()
}

// -------------------------------------------------------------------------------------
// status
// -------------------------------------------------------------------------------------

/**
 * Upstream `calculateStatus` (§3.11): counts summed over `allRSs` (unavailable = Σ SPEC −
 * available, at least 0), updated = the new ReplicaSet's status.replicas, the previous
 * conditions and collisionCount, and the Available condition. Zero counts are omitted, as the
 * API server's JSON omits them.
 */
export const calculateStatus = (
  allRSs: ReadonlyArray<ReplicaSet>,
  newRS: ReplicaSet | undefined,
  d: Deployment,
  now: Date,
): DeploymentStatus => {
  const available = availableReplicaCount(allRSs)
  const conditions = d.status?.conditions ?? []
  const status: DeploymentStatus = {
    ...withoutZeros({
      observedGeneration: d.metadata.generation ?? 0,
      replicas: actualReplicaCount(allRSs),
      updatedReplicas: newRS === undefined ? 0 : (newRS.status?.replicas ?? 0),
      readyReplicas: readyReplicaCount(allRSs),
      availableReplicas: available,
      unavailableReplicas: Math.max(0, replicaCount(allRSs) - available),
    }),
    ...(conditions.length === 0 ? {} : { conditions }),
  }
  const terminating = terminatingReplicaCount(allRSs)
  const collisions = d.status?.collisionCount
  const full: DeploymentStatus = {
    ...status,
    ...(terminating === undefined ? {} : { terminatingReplicas: terminating }),
    ...(collisions === undefined ? {} : { collisionCount: collisions }),
  }
  return available >= replicasOf(d) - maxUnavailable(d)
    ? setCondition(
        full,
        newCondition(availableType, 'True', minimumReplicasAvailable, 'Deployment has minimum availability.', now),
      )
    : setCondition(
        full,
        newCondition(availableType, 'False', minimumReplicasUnavailable, 'Deployment does not have minimum availability.', now),
      )
}

/** The counts that are not 0 (the API server's JSON omits zero counts). */
const withoutZeros = (counts: Readonly<Record<string, number>>): DeploymentStatus =>
  Object.fromEntries(Object.entries(counts).filter(([, v]) => v !== 0))

const numericFields = [
  'observedGeneration',
  'replicas',
  'updatedReplicas',
  'readyReplicas',
  'availableReplicas',
  'unavailableReplicas',
] as const

/** Deep equality of two statuses, zero counts and absent counts being equal (Go's omitempty). */
export const statusEqual = (a: DeploymentStatus | undefined, b: DeploymentStatus | undefined): boolean =>
  numericFields.every((f) => (a?.[f] ?? 0) === (b?.[f] ?? 0)) &&
  a?.terminatingReplicas === b?.terminatingReplicas &&
  a?.collisionCount === b?.collisionCount &&
  jsonEqual(a?.conditions ?? [], b?.conditions ?? [])

const withStatus = (d: Deployment, status: DeploymentStatus): Deployment => ({ ...d, status })

/** Upstream `syncDeploymentStatus`: write the plain status when it differs. */
export const syncDeploymentStatus = (
  s: Sync,
  allRSs: ReadonlyArray<ReplicaSet>,
  newRS: ReplicaSet | undefined,
): Sync => {
  const status = calculateStatus(allRSs, newRS, s.d, s.now)
  if (statusEqual(s.d.status, status)) return s
  return P.writeStatus(P.setDeployment(s, withStatus(s.d, status)))
}

/** The ReplicaFailure conditions to copy: the new ReplicaSet's, or else those of any ReplicaSet. */
const replicaFailures = (allRSs: ReadonlyArray<ReplicaSet>, newRS: ReplicaSet | undefined): ReadonlyArray<Condition> => {
  const of = (rs: ReplicaSet): ReadonlyArray<Condition> =>
    (rs.status?.conditions ?? [])
      .filter((c) => c.type === replicaFailureType)
      .map((c) => {
        const { lastTransitionTime, ...rest } = c
        return lastTransitionTime === undefined ? rest : { ...rest, lastUpdateTime: lastTransitionTime, lastTransitionTime }
      })
  const own = newRS === undefined ? [] : of(newRS)
  return own.length > 0 ? own : allRSs.flatMap(of)
}

/**
 * Upstream `syncRolloutStatus` (§3.12): the status plus the Progressing condition (complete,
 * progressing — refreshing `lastUpdateTime` each time, keeping `lastTransitionTime` only when it
 * was True — or timed out), the ReplicaFailure copy, and the write; when nothing changed, the
 * requeue for the progress check instead.
 */
export const syncRolloutStatus = (
  s: Sync,
  allRSs: ReadonlyArray<ReplicaSet>,
  newRS: ReplicaSet | undefined,
): Sync => {
  const d = s.d
  const deadline = hasProgressDeadline(d)
  let status = calculateStatus(allRSs, newRS, d, s.now)
  if (!deadline) status = removeCondition(status, progressingType)
  const current = getCondition(d.status, progressingType)
  const complete =
    (status.replicas ?? 0) === (status.updatedReplicas ?? 0) && current?.reason === newRSAvailableReason
  if (deadline && !complete) {
    const name = d.metadata.name ?? ''
    if (deploymentComplete(d, status)) {
      const msg =
        newRS === undefined
          ? `Deployment "${name}" has successfully progressed.`
          : `ReplicaSet "${newRS.metadata.name ?? ''}" has successfully progressed.`
      status = setCondition(status, newCondition(progressingType, 'True', newRSAvailableReason, msg, s.now))
    } else if (deploymentProgressing(d, status)) {
      const msg =
        newRS === undefined
          ? `Deployment "${name}" is progressing.`
          : `ReplicaSet "${newRS.metadata.name ?? ''}" is progressing.`
      let c = newCondition(progressingType, 'True', replicaSetUpdatedReason, msg, s.now)
      if (current !== undefined) {
        if (current.status === 'True') c = Conditions.withTransition(c, current.lastTransitionTime)
        status = removeCondition(status, progressingType)
      }
      status = setCondition(status, c)
    } else if (deploymentTimedOut(d, status, s.now)) {
      const msg =
        newRS === undefined
          ? `Deployment "${name}" has timed out progressing.`
          : `ReplicaSet "${newRS.metadata.name ?? ''}" has timed out progressing.`
      status = setCondition(status, newCondition(progressingType, 'False', timedOutReason, msg, s.now))
    }
  }
  const failure = replicaFailures(allRSs, newRS)[0]
  status = failure === undefined ? removeCondition(status, replicaFailureType) : setCondition(status, failure)
  if (statusEqual(d.status, status)) {
    const after = requeueStuckDeployment(d, status, s.now)
    return after === undefined ? s : P.requeue(s, after + 1)
  }
  return P.writeStatus(P.setDeployment(s, withStatus(d, status)))
}

/**
 * Upstream `requeueStuckDeployment`: seconds until the progress deadline of the current
 * Progressing condition (0 when under a second), or `undefined` when no check is needed (no
 * deadline, no condition, complete, or already timed out). The caller requeues after that plus
 * one second; upstream's rate-limited "now" for the sub-second case is modelled the same way.
 */
export const requeueStuckDeployment = (d: Deployment, s: DeploymentStatus, now: Date): number | undefined => {
  const current = getCondition(d.status, progressingType)
  if (!hasProgressDeadline(d) || current === undefined) return undefined
  if (deploymentComplete(d, s) || current.reason === timedOutReason) return undefined
  const from = T.parse(current.lastUpdateTime) ?? Number.NEGATIVE_INFINITY
  const after = (from + (d.spec.progressDeadlineSeconds ?? 0) * 1000 - now.getTime()) / 1000
  return after < 1 ? 0 : after
}
