/**
 * The Job controller (upstream `pkg/controller/job`): run-to-completion pods, Indexed and
 * NonIndexed completion, pod-creation backoff, backoffLimitPerIndex, pod failure and success
 * policies, suspend, managedBy, and finalizer-based tracking. See `docs/guide/job.md`.
 */
export { jobController as controller, sizeSummary, statusFields } from './controller.js'
export { reconcile, isManagedByController, pastActiveDeadline, pastBackoffLimitOnFailure, delayedDeletions } from './reconcile.js'
export { activePodsForRemoval, decide, wantActive } from './manage.js'
export type { Decision, ManageInput } from './manage.js'
export { isOrphanTracked, orphanPodsController, reconcileOrphans } from './orphans.js'
export { track } from './tracking.js'
export type { TrackInput, Tracked } from './tracking.js'
export { delayMs, emptyBackoff, indexRemainingMs, nextRecord, recordOf, remainingMs, rememberBackoff } from './backoff.js'
export type { BackoffRecord, JobBackoff } from './backoff.js'
export { matchPodFailurePolicy, countsAsFailure } from './failurePolicy.js'
export type { PolicyMatch } from './failurePolicy.js'
export { matchSuccessPolicy, successPolicyMessage } from './successPolicy.js'
export { generateNameWithIndex, newIndexFailureCounts, podFor } from './podTemplate.js'
export { jobPods, withoutTracking } from './claim.js'
export type { JobPods } from './claim.js'
export { completionsOf, countedFailures, failedIndexes, isIndexFailed, newFinishedPods, succeededIndexes, uncountedOf } from './counting.js'
export type { Uncounted } from './counting.js'
export { completionsReached, ensureCondition, failureMessages, isFinished, jobCondition, trueCondition } from './conditions.js'
export {
  completionIndex,
  finishedTime,
  hasBackoffLimitPerIndex,
  hasValidIndex,
  indexAbsoluteFailureCount,
  indexFailureCount,
  indexIgnoredFailureCount,
  isIndexed,
  isPodFailed,
  isTracked,
  onlyReplaceFailedPods,
} from './jobPods.js'
export * from './keys.js'
export * as Indexes from '../../api/jobIndexes.js'
