/**
 * The Deployment controller: `reconcile` and the helpers users reach for (fenceposts, the new
 * ReplicaSet, revisions, proportional scaling, history cleanup, status and conditions).
 */
export { reconcile, claimReplicaSets, checkPausedConditions } from './reconcile.js'
export { podMapFor } from './podMap.js'
export type { Claimed } from './reconcile.js'
export {
  resolveFenceposts,
  maxSurge,
  maxUnavailable,
  minAvailable,
  newRSNewReplicas,
  replicasOf,
  strategyType,
  isRollingUpdate,
} from './fenceposts.js'
export type { Fenceposts } from './fenceposts.js'
export {
  findNewReplicaSet,
  findOldReplicaSets,
  equalIgnoreHash,
  maxRevision,
  lastRevision,
  replicaSetName,
  newReplicaSetFor,
  getAllReplicaSetsAndSyncRevision,
} from './newReplicaSet.js'
export type { OldReplicaSets, AllReplicaSets } from './newReplicaSet.js'
export {
  revisionAnnotation,
  revisionHistoryAnnotation,
  desiredReplicasAnnotation,
  maxReplicasAnnotation,
  rollbackToAnnotation,
  lastAppliedConfigAnnotation,
  revisionHistoryLimitChars,
  skippedAnnotations,
  revision,
  revisionOf,
  nonNegativeInt32,
  desiredReplicas,
  maxReplicas,
  rollbackTo,
  copyDeploymentAnnotations,
  setNewReplicaSetAnnotations,
  appendRevisionHistory,
  replicasAnnotationsNeedUpdate,
  setReplicasAnnotations,
  setDeploymentRevision,
  rollbackAnnotations,
} from './annotations.js'
export type { Updated } from './annotations.js'
export {
  isScalingEvent,
  findActiveOrLatest,
  isSaturated,
  getReplicaSetFraction,
  getProportion,
  proportions,
  scale,
  scaleReplicaSet,
  scaleReplicaSetAndRecordEvent,
} from './scale.js'
export type { Proportions, Scaled } from './scale.js'
export {
  rolloutRolling,
  reconcileNewReplicaSet,
  reconcileOldReplicaSets,
  cleanupUnhealthyReplicas,
  scaleDownOldReplicaSetsForRollingUpdate,
} from './rolling.js'
export { rolloutRecreate, oldPodsRunning } from './recreate.js'
export {
  rollback,
  rolledBackTo,
  rollbackDoneReason,
  rollbackRevisionNotFoundReason,
  rollbackTemplateUnchangedReason,
} from './rollback.js'
export { cleanupDeployment, replicaSetsToClean, isCleanable } from './history.js'
export {
  calculateStatus,
  syncRolloutStatus,
  syncDeploymentStatus,
  requeueStuckDeployment,
  deploymentComplete,
  deploymentProgressing,
  deploymentTimedOut,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  statusEqual,
  getCondition,
  setCondition,
  removeCondition,
  newCondition,
  availableType,
  progressingType,
  replicaFailureType,
  newReplicaSetReason,
  foundNewRSReason,
  replicaSetUpdatedReason,
  newRSAvailableReason,
  timedOutReason,
  pausedReason,
  resumedReason,
  failedRSCreateReason,
  minimumReplicasAvailable,
  minimumReplicasUnavailable,
} from './progress.js'
export {
  byCreationTimestamp,
  bySizeNewer,
  bySizeOlder,
  byRevision,
  specReplicas,
  filterActive,
  replicaCount,
  actualReplicaCount,
  readyReplicaCount,
  availableReplicaCount,
  terminatingReplicaCount,
} from './orderings.js'
export { rolloutSummary } from './summary.js'
export type { RolloutRow } from './summary.js'
export type { Sync, Step } from './plan.js'
export { start as startSync } from './plan.js'
