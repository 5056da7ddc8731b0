/**
 * The ReplicationController controller: the ReplicaSet engine with an equality selector, pods
 * owned as `v1 ReplicationController`, and no `terminatingReplicas` in the status
 * (spec/replicaset-deployment.md §2.7).
 */
import type { ReplicationController } from '../../api/workloads.js'
import type { Action } from '../../core/Action.js'
import type { ClusterView } from '../../core/ClusterView.js'
import { ofReplicationController } from './owner.js'
import { plan, toActions } from './reconcile.js'

/**
 * What the ReplicationController controller does now for `rc`: the ReplicaSet sync, with
 * `spec.selector` as an equality selector. An empty selector selects nothing and the sync does
 * nothing (the API server rejects such an RC).
 */
export const reconcile = (rc: ReplicationController, view: ClusterView, now: Date): ReadonlyArray<Action> =>
  toActions(rc, plan(ofReplicationController(rc), view, now))
