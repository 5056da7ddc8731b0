/**
 * The pod state predicates of the StatefulSet controller (spec §A.4). They differ from the
 * ReplicaSet's: "created" means a phase is set (the controller's own placeholders have none),
 * "terminating" is any pod with a deletionTimestamp, and "running and ready" also needs phase
 * Running. Availability is `Pods.isAvailable` (Ready for `minReadySeconds`, phase not checked).
 */
import type { Pod } from '../../api/pod.js'
import * as Pods from '../../core/pods.js'

/** Created: the pod has a phase (a placeholder the controller means to create has none). */
export const isCreated = (pod: Pod): boolean => (pod.status?.phase ?? '') !== ''

/** Phase Pending. */
export const isPending = (pod: Pod): boolean => pod.status?.phase === 'Pending'

/** Phase Failed. */
export const isFailed = (pod: Pod): boolean => pod.status?.phase === 'Failed'

/** Phase Succeeded. */
export const isSucceeded = (pod: Pod): boolean => pod.status?.phase === 'Succeeded'

/** Being deleted: a deletionTimestamp is set (whatever the phase). */
export const isTerminating = (pod: Pod): boolean => pod.metadata.deletionTimestamp !== undefined

/** Phase Running and a Ready condition `True`. */
export const isRunningAndReady = (pod: Pod): boolean => pod.status?.phase === 'Running' && Pods.isReady(pod)

/** Ready for at least `minReadySeconds` at `nowMs` (upstream `isRunningAndAvailable`, which does not re-check the phase). */
export const isRunningAndAvailable = (pod: Pod, minReadySeconds: number, nowMs: number): boolean =>
  Pods.isAvailable(pod, minReadySeconds, nowMs)

/** Running, ready and not being deleted. */
export const isHealthy = (pod: Pod): boolean => isRunningAndReady(pod) && !isTerminating(pod)

/**
 * Unavailable, as current upstream (v1.34+) reads it for rolling updates: not available for
 * `minReadySeconds`, or being deleted.
 */
export const isUnavailable = (pod: Pod, minReadySeconds: number, nowMs: number): boolean =>
  !isRunningAndAvailable(pod, minReadySeconds, nowMs) || isTerminating(pod)
