/**
 * Status (spec §A.8): the counts over a list of pods, "complete rolling update", upstream's
 * write-skip rule, and the `minReadySeconds` requeue.
 */
import type { Pod } from '../../api/pod.js'
import type { StatefulSet, StatefulSetStatus } from '../../api/workloads.js'
import { isCreated, isRunningAndAvailable, isRunningAndReady, isTerminating } from './podState.js'
import { replicasOf } from './identity.js'
import { revisionOfPod } from './revisions.js'
import type { Revisions } from './revisions.js'

/** The counts a StatefulSet reports over its pods. */
export interface ReplicaCounts {
  /** Created pods (a phase set), terminating and failed ones included. */
  readonly replicas: number
  /** Running and Ready (terminating ones included). */
  readonly readyReplicas: number
  /** Running, Ready and available for `minReadySeconds`. */
  readonly availableReplicas: number
  /** Created, not terminating, at the current revision. */
  readonly currentReplicas: number
  /** Created, not terminating, at the update revision. */
  readonly updatedReplicas: number
}

/** Upstream `computeReplicaStatus` over `pods` (placeholders, having no phase, count nowhere). */
export const countReplicas = (pods: Iterable<Pod>, minReadySeconds: number, nowMs: number, current: string, update: string): ReplicaCounts => {
  let replicas = 0
  let ready = 0
  let available = 0
  let currentReplicas = 0
  let updated = 0
  for (const p of pods) {
    const created = isCreated(p)
    if (created) replicas++
    if (isRunningAndReady(p)) {
      ready++
      if (isRunningAndAvailable(p, minReadySeconds, nowMs)) available++
    }
    if (created && !isTerminating(p)) {
      const r = revisionOfPod(p)
      if (r === current) currentReplicas++
      if (r === update) updated++
    }
  }
  return { replicas, readyReplicas: ready, availableReplicas: available, currentReplicas, updatedReplicas: updated }
}

/** The status a sync computes: the counts, `observedGeneration`, both revisions' names and the collision count. */
export const statusOf = (set: StatefulSet, revisions: Revisions, counts: ReplicaCounts): StatefulSetStatus => ({
  observedGeneration: set.metadata.generation ?? 0,
  ...counts,
  currentRevision: revisions.current.metadata.name ?? '',
  updateRevision: revisions.update.metadata.name ?? '',
  collisionCount: revisions.collisionCount,
})

/**
 * Upstream `completeRollingUpdate`: under RollingUpdate, once updated == ready == replicas ==
 * `spec.replicas`, the current revision becomes the update revision and currentReplicas the
 * updated count.
 */
export const completeRollingUpdate = (set: StatefulSet, status: StatefulSetStatus): StatefulSetStatus => {
  const replicas = status.replicas ?? 0
  const done =
    (set.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate' &&
    status.updatedReplicas === replicas &&
    status.readyReplicas === replicas &&
    replicas === replicasOf(set)
  return done ? { ...status, currentReplicas: status.updatedReplicas ?? 0, currentRevision: status.updateRevision ?? '' } : status
}

/**
 * Upstream `inconsistentStatus`: a newer observedGeneration, or any count or revision name that
 * differs from the stored status (the collision count alone does not count).
 */
export const inconsistentStatus = (set: StatefulSet, status: StatefulSetStatus): boolean => {
  const old = set.status ?? {}
  const n = (v: number | undefined): number => v ?? 0
  return (
    n(status.observedGeneration) > n(old.observedGeneration) ||
    n(status.replicas) !== n(old.replicas) ||
    n(status.currentReplicas) !== n(old.currentReplicas) ||
    n(status.readyReplicas) !== n(old.readyReplicas) ||
    n(status.updatedReplicas) !== n(old.updatedReplicas) ||
    n(status.availableReplicas) !== n(old.availableReplicas) ||
    (status.currentRevision ?? '') !== (old.currentRevision ?? '') ||
    (status.updateRevision ?? '') !== (old.updateRevision ?? '')
  )
}

/**
 * The requeue after a successful sync: `minReadySeconds`, when it is positive and either not
 * every replica is available (upstream's rule) or some ready pod is not available yet. The second
 * half is ours: upstream relies on its informer's periodic resync to notice a condemned pod
 * becoming available when the available count already equals `spec.replicas`; the simulation has
 * no such resync by default.
 */
export const availabilityRequeue = (set: StatefulSet, status: StatefulSetStatus): number | undefined => {
  const minReady = set.spec.minReadySeconds ?? 0
  const available = status.availableReplicas ?? 0
  return minReady > 0 && (available !== replicasOf(set) || available !== (status.readyReplicas ?? 0)) ? minReady : undefined
}
