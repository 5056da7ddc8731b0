/**
 * Pod predicates: ready, available (with the `<=` minReadySeconds boundary), active,
 * terminating, restarts (spec/replicaset-deployment.md §1.1).
 */
import type { Condition } from '../api/meta.js'
import type { Pod } from '../api/pod.js'
import * as T from './time.js'

/** The pod's `Ready` condition, if any. */
export const readyCondition = (pod: Pod): Condition | undefined =>
  pod.status?.conditions?.find((c) => c.type === 'Ready')

/** Ready: a `Ready` condition with status `True` (phase and ContainersReady do not count). */
export const isReady = (pod: Pod): boolean => readyCondition(pod)?.status === 'True'

/**
 * Available: ready, and either `minReadySeconds` is 0 or the Ready transition time plus
 * `minReadySeconds` is at or before `now` (a missing transition time is not available).
 */
export const isAvailable = (pod: Pod, minReadySeconds: number, nowMs: number): boolean => {
  const c = readyCondition(pod)
  if (c?.status !== 'True') return false
  if (minReadySeconds === 0) return true
  const since = T.parse(c.lastTransitionTime)
  return since !== undefined && since + minReadySeconds * 1000 <= nowMs
}

/**
 * For a ready pod that is not yet available: seconds until it becomes available; otherwise
 * `undefined`.
 */
export const nextAvailabilityCheck = (pod: Pod, minReadySeconds: number, nowMs: number): number | undefined => {
  const c = readyCondition(pod)
  if (c?.status !== 'True' || minReadySeconds === 0) return undefined
  const since = T.parse(c.lastTransitionTime)
  if (since === undefined) return undefined
  const left = since + minReadySeconds * 1000 - nowMs
  return left > 0 ? left / 1000 : undefined
}

/** Terminal: phase `Succeeded` or `Failed`. */
export const isTerminal = (pod: Pod): boolean =>
  pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'

/** Active: not terminal and not being deleted. */
export const isActive = (pod: Pod): boolean => !isTerminal(pod) && pod.metadata.deletionTimestamp === undefined

/** Terminating: being deleted and not terminal. */
export const isTerminating = (pod: Pod): boolean => !isTerminal(pod) && pod.metadata.deletionTimestamp !== undefined

/** The highest restart count over the pod's (non-init) containers. */
export const maxRestarts = (pod: Pod): number =>
  (pod.status?.containerStatuses ?? []).reduce((m, s) => Math.max(m, s.restartCount ?? 0), 0)
