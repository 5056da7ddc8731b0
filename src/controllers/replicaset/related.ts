/**
 * Related pods: the pods of every ReplicaSet under the same controller owner (e.g. all the
 * ReplicaSets of one Deployment), used to rank scale-down victims by node co-location
 * (upstream `getIndirectlyRelatedPods`).
 */
import type { Pod } from '../../api/pod.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import { controllerRef } from '../../core/ownership.js'
import { ownerSpec } from './owner.js'
import type { ReplicaOwner } from './owner.js'

/**
 * The pods related to `owner`: for each object of its kind in its namespace controlled by the
 * same controller (itself included), the pods that object controls or that are orphans, and
 * that its selector matches; each pod once. Empty when `owner` has no controller, so every
 * co-location rank is then 0, as upstream.
 *
 * Upstream lists every pod in the namespace that a sibling's selector matches, whoever controls
 * it; this counts only pods controlled by a sibling or by nobody (work proportional to the
 * siblings' pods plus the namespace's orphans, not to the namespace).
 */
export const relatedPods = (owner: ReplicaOwner, view: View): ReadonlyArray<Pod> => {
  const ref = controllerRef(owner)
  if (ref === undefined) return []
  const ns = owner.metadata.namespace ?? ''
  const orphans = ClusterView.orphans(view, 'Pod', ns)
  const seen = new Set<string>()
  const out: Array<Pod> = []
  for (const sibling of ClusterView.controlledBy(view, ref.uid, owner.kind)) {
    if ((sibling.metadata.namespace ?? '') !== ns || sibling.metadata.uid === undefined) continue
    const matches = ownerSpec(sibling as ReplicaOwner).matches
    if (matches === undefined) continue
    for (const pods of [ClusterView.controlledOf(view, sibling.metadata.uid, 'Pod'), orphans]) {
      for (const p of pods) {
        const id = p.metadata.uid ?? p.metadata.name ?? ''
        if ((p.metadata.namespace ?? '') !== ns || seen.has(id) || !matches(p.metadata.labels)) continue
        seen.add(id)
        out.push(p)
      }
    }
  }
  return out
}
