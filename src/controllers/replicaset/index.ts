/**
 * The ReplicaSet controller (and, on the same engine, the ReplicationController controller):
 * `reconcile` and the helpers users and the Deployment controller reach for.
 */
export { reconcile, sync, plan, toActions, candidatePods } from './reconcile.js'
export type { SyncPlan } from './reconcile.js'
export { ownerSpec, ofReplicaSet, ofReplicationController, isValidSelector } from './owner.js'
export type { OwnerSpec, ReplicaOwner } from './owner.js'
export { manageReplicas, getPodsToDelete, podFromTemplate, podsPrefix, noLabelsError } from './manage.js'
export type { ManagePlan } from './manage.js'
export {
  calculateStatus,
  countPods,
  statusUnchanged,
  nextStatus,
  nextAvailabilityCheck,
  availabilityRequeue,
  replicaFailure,
} from './status.js'
export type { ManageOutcome, PodCounts } from './status.js'
export { burstReplicas, slowStartBatches, slowStartAttempts, slowStartInitialBatchSize } from './slowStart.js'
export { relatedPods } from './related.js'
export * as ReplicationController from './replicationController.js'
