/**
 * The DaemonSet controller: `reconcile` (and `reconcileWith` for the upstream-unit-test model),
 * the failed-pod backoff it remembers, and the helpers named as upstream names them.
 */
export { reconcile, reconcileWith, candidatePods, readyPodRequeue, selectingAllReason } from './reconcile.js'
export type { ReconcileOptions } from './reconcile.js'
export {
  emptyBackoff,
  rememberBackoff,
  nextBackoff,
  inBackoff,
  backoffKey,
  backoffSeconds,
  initialBackoffMs,
  maxBackoffMs,
  failedDaemonPodReason,
  failedPodMessage,
} from './backoff.js'
export type { FailedPodBackoff, BackoffEntry } from './backoff.js'
export {
  createPodTemplate,
  daemonPod,
  isPodUpdated,
  nodeNameTerm,
  oldestFirst,
  podsPrefix,
  podTemplateGenerationLabel,
  replaceNodeAffinity,
  targetNode,
  templateGeneration,
  templateGenerationAnnotation,
} from './daemonPods.js'
export { placements, podsByNode } from './eligibility.js'
export type { NodePlacement, PodsByNode } from './eligibility.js'
export { burstReplicas, decide, syncNodes, succeededDaemonPodReason } from './manage.js'
export type { ManageInput, NodeDecisions } from './manage.js'
export { desiredNumber, findUpdatedPodsOnNode, rollingUpdate } from './rollingUpdate.js'
export type { NodePods, RollingInput, RollingPlan } from './rollingUpdate.js'
export { cleanupHistory, constructHistory } from './history.js'
export type { HistoryOutcome } from './history.js'
export { availabilityRequeue, countDaemonPods, nextStatus, statusUnchanged } from './status.js'
export type { DaemonCounts } from './status.js'
export { allowsSurge, budgets, isRollingUpdate, surgeCount, unavailableCount } from './strategy.js'
export type { Budgets } from './strategy.js'
export { daemonSetController, daemonSetsForNode, nodeWake, sizeSummary, statusFields } from './controller.js'
export { daemonPlacement, nodeShouldRunDaemonPod, daemonTolerations, withDaemonTolerations } from '../../core/daemonEligibility.js'
export type { DaemonPlacement } from '../../core/daemonEligibility.js'
