/**
 * Status (upstream `updateDaemonSetStatus` and `storeDaemonSetStatus`): the counts over the node
 * list, the write-skip rule and the minReadySeconds requeue.
 */
import type { DaemonSet, DaemonSetStatus } from '../../api/workloads.js'
import { isAvailable, isReady } from '../../core/pods.js'
import { isPodUpdated, templateGeneration } from './daemonPods.js'
import type { NodePlacement, PodsByNode } from './eligibility.js'

/** The seven counters a DaemonSet reports. */
export interface DaemonCounts {
  readonly desiredNumberScheduled: number
  readonly currentNumberScheduled: number
  readonly numberMisscheduled: number
  readonly numberReady: number
  readonly updatedNumberScheduled: number
  readonly numberAvailable: number
  readonly numberUnavailable: number
}

/**
 * The counts over the node list: a node that should run a pod is desired, and scheduled when it
 * has a pod; its oldest pod decides ready (the condition only), available and updated. A node
 * that should not run one but has a pod is misscheduled. Unavailable = desired − available.
 * Pods on nodes not in the list are not counted.
 */
export const countDaemonPods = (
  ds: DaemonSet,
  placements: ReadonlyArray<NodePlacement>,
  pods: PodsByNode,
  hash: string,
  nowMs: number,
): DaemonCounts => {
  const generation = templateGeneration(ds)
  const minReady = ds.spec.minReadySeconds ?? 0
  let desired = 0
  let current = 0
  let misscheduled = 0
  let ready = 0
  let updated = 0
  let available = 0
  for (const { name, shouldRun } of placements) {
    const oldest = pods.get(name)?.[0]
    if (!shouldRun) {
      if (oldest !== undefined) misscheduled++
      continue
    }
    desired++
    if (oldest === undefined) continue
    current++
    if (isReady(oldest)) {
      ready++
      if (isAvailable(oldest, minReady, nowMs)) available++
    }
    if (isPodUpdated(oldest, hash, generation)) updated++
  }
  return {
    desiredNumberScheduled: desired,
    currentNumberScheduled: current,
    numberMisscheduled: misscheduled,
    numberReady: ready,
    updatedNumberScheduled: updated,
    numberAvailable: available,
    numberUnavailable: desired - available,
  }
}

const counterNames: ReadonlyArray<keyof DaemonCounts> = [
  'desiredNumberScheduled',
  'currentNumberScheduled',
  'numberMisscheduled',
  'numberReady',
  'updatedNumberScheduled',
  'numberAvailable',
  'numberUnavailable',
]

/** Upstream's skip rule: every counter equals the stored one and `observedGeneration >= generation`. */
export const statusUnchanged = (ds: DaemonSet, counts: DaemonCounts): boolean =>
  counterNames.every((k) => (ds.status?.[k] ?? 0) === counts[k]) &&
  (ds.status?.observedGeneration ?? 0) >= (ds.metadata.generation ?? 0)

/** The status to write: the stored one with the counters and (when `observe`) `observedGeneration = generation`. */
export const nextStatus = (ds: DaemonSet, counts: DaemonCounts, observe: boolean): DaemonSetStatus => {
  const g = ds.metadata.generation
  return { ...ds.status, ...counts, ...(observe && g !== undefined ? { observedGeneration: g } : {}) }
}

/** Upstream's last-line requeue: after `minReadySeconds` when it is set and some ready pods are not yet available. */
export const availabilityRequeue = (ds: DaemonSet, counts: DaemonCounts): number | undefined => {
  const m = ds.spec.minReadySeconds ?? 0
  return m > 0 && counts.numberReady !== counts.numberAvailable ? m : undefined
}
