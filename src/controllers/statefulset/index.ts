/**
 * The StatefulSet controller: `reconcile` (and `reconcileWith` for feature gates), its
 * declaration, and the helpers named as upstream names them (identity, claims and retention,
 * revisions, pod state, status, rolling updates).
 */
export { reconcile, reconcileWith, claimPods } from './reconcile.js'
export { controller, controllerWith, summary, statusFields } from './controller.js'
export type { Options } from './options.js'
export {
  podNameLabel,
  podIndexLabel,
  parseName,
  ordinalOf,
  isMemberOf,
  replicasOf,
  startOrdinal,
  endOrdinal,
  inOrdinalRange,
  podName,
  identityMatches,
  withIdentity,
} from './identity.js'
export type { ParsedName } from './identity.js'
export {
  claimTemplates,
  claimName,
  newClaim,
  claimsFor,
  storageMatches,
  withStorage,
  retentionOf,
  retainsAll,
  claimIsStale,
  hasUnexpectedController,
  isClaimOwnerUpToDate,
  withRetentionOwnerRefs,
} from './claims.js'
export type { ClaimTemplate, Retention, RetentionType } from './claims.js'
export {
  isCreated,
  isPending,
  isFailed,
  isSucceeded,
  isTerminating,
  isRunningAndReady,
  isRunningAndAvailable,
  isHealthy,
  isUnavailable,
} from './podState.js'
export {
  revisionOfPod,
  withRevision,
  candidateRevision,
  selectRevisions,
  applyRevision,
  revisionsToTruncate,
} from './revisions.js'
export type { Revisions } from './revisions.js'
export { newStatefulSetPod, newVersionedPod } from './pods.js'
export { slotPods, runForAll, maxBatchSize } from './manage.js'
export type { Slots, Outcome } from './manage.js'
export { countReplicas, statusOf, completeRollingUpdate, inconsistentStatus, availabilityRequeue } from './status.js'
export type { ReplicaCounts } from './status.js'
export { updateMin, maxUnavailable } from './rolling.js'
