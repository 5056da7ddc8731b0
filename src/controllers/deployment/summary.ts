/**
 * A compact view of a rollout, for timelines and CLIs.
 */
import type { Deployment } from '../../api/workloads.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import { revisionOf } from './annotations.js'
import { findNewReplicaSet } from './newReplicaSet.js'
import { byRevision, sorted, specReplicas } from './orderings.js'

/** One ReplicaSet of a rollout. */
export interface RolloutRow {
  readonly name: string
  /** The revision annotation (`undefined` when it does not parse). */
  readonly revision: number | undefined
  /** True for the ReplicaSet whose template is the Deployment's (the "new" one). */
  readonly current: boolean
  /** `spec.replicas`. */
  readonly replicas: number
  /** `status.replicas`, `status.readyReplicas`, `status.availableReplicas`. */
  readonly observed: number
  readonly ready: number
  readonly available: number
}

/**
 * The ReplicaSets `deployment` controls in `view`, oldest revision first, with their sizes —
 * e.g. to print both sides of a rolling update over time.
 */
export const rolloutSummary = (view: View, deployment: Deployment): ReadonlyArray<RolloutRow> => {
  const uid = deployment.metadata.uid
  if (uid === undefined) return []
  const rss = ClusterView.controlledOf(view, uid, 'ReplicaSet')
  const newRS = findNewReplicaSet(deployment, rss)
  return sorted(rss, byRevision).map((rs) => ({
    name: rs.metadata.name ?? '',
    revision: revisionOf(rs),
    current: rs === newRS,
    replicas: specReplicas(rs),
    observed: rs.status?.replicas ?? 0,
    ready: rs.status?.readyReplicas ?? 0,
    available: rs.status?.availableReplicas ?? 0,
  }))
}
