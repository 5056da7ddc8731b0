/**
 * The pods of a Deployment's ReplicaSets (upstream `getPodMapForDeployment`).
 */
import type { Pod } from '../../api/pod.js'
import type { Deployment, ReplicaSet } from '../../api/workloads.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import { fromLabelSelector } from '../../core/selector.js'

/**
 * Upstream `getPodMapForDeployment`: the pods each claimed ReplicaSet controls that the
 * Deployment's selector selects, by ReplicaSet uid (every phase included). Only Recreate reads
 * it, so it is computed on demand.
 */
export const podMapFor = (d: Deployment, view: View, rsList: ReadonlyArray<ReplicaSet>): ReadonlyMap<string, ReadonlyArray<Pod>> => {
  const ns = d.metadata.namespace ?? ''
  const matches = fromLabelSelector(d.spec.selector)
  const podMap = new Map<string, ReadonlyArray<Pod>>()
  for (const rs of rsList) {
    const rsUid = rs.metadata.uid
    if (rsUid === undefined) continue
    podMap.set(
      rsUid,
      ClusterView.controlledOf(view, rsUid, 'Pod').filter((p) => (p.metadata.namespace ?? '') === ns && matches(p.metadata.labels)),
    )
  }
  return podMap
}

