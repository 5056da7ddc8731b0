/**
 * Rolling updates (spec §A.6.6–A.6.7): the legacy path (one pod at a time from the highest
 * index, waiting for each; the default) and the MaxUnavailableStatefulSet path (up to
 * `maxUnavailable` pods at once), both never below the partition.
 */
import type { IntOrString } from '../../api/meta.js'
import type { Pod } from '../../api/pod.js'
import type { StatefulSet } from '../../api/workloads.js'
import { scaledValue } from '../../core/intOrString.js'
import { replicasOf } from './identity.js'
import { isTerminating, isUnavailable } from './podState.js'
import { deletePod } from './pods.js'
import { revisionOfPod } from './revisions.js'
import type { Sync } from './sync.js'

/** The lowest index a rolling update may replace: the partition when a `rollingUpdate` block exists, else 0. */
export const updateMin = (set: StatefulSet): number => set.spec.updateStrategy?.rollingUpdate?.partition ?? 0

/**
 * Upstream `getStatefulSetMaxUnavailable`: `maxUnavailable` (default 1) resolved against
 * `spec.replicas`, percentages rounding down, at least 1. A malformed value counts as 1.
 */
export const maxUnavailable = (set: StatefulSet): number => {
  const rolling = set.spec.updateStrategy?.rollingUpdate
  if (rolling === undefined) return 1
  const v: IntOrString = rolling.maxUnavailable ?? 1
  const r = scaledValue(v, replicasOf(set), false)
  return r._tag === 'Right' && r.right >= 1 ? r.right : 1
}

const outdated = (pod: Pod, update: string): boolean => revisionOfPod(pod) !== update && !isTerminating(pod)

/**
 * The legacy rolling update: from the highest index down to the partition, delete the first pod
 * that is not at the update revision and not terminating (one per sync), stopping at an
 * unavailable pod on the way. Returns how many pods it deleted (0 or 1).
 */
export const rollLegacy = (s: Sync, replicas: ReadonlyArray<Pod>, update: string): number => {
  const set = s.set
  const minReady = set.spec.minReadySeconds ?? 0
  for (let target = replicas.length - 1; target >= updateMin(set); target--) {
    const pod = replicas[target]
    if (pod === undefined) continue
    if (outdated(pod, update)) {
      deletePod(s, set, pod)
      return 1
    }
    if (isUnavailable(pod, minReady, s.nowMs)) return 0
  }
  return 0
}

/**
 * The MaxUnavailableStatefulSet rolling update (v1.35 behaviour): count the unavailable pods over
 * every index (placeholders and pods below the partition included); when fewer than
 * `maxUnavailable`, delete up to the difference of outdated, not terminating pods from the
 * highest index down to the partition. Returns how many it deleted.
 */
export const rollMaxUnavailable = (s: Sync, replicas: ReadonlyArray<Pod>, update: string): number => {
  const set = s.set
  const minReady = set.spec.minReadySeconds ?? 0
  const budget = maxUnavailable(set) - replicas.filter((p) => isUnavailable(p, minReady, s.nowMs)).length
  let deleted = 0
  for (let target = replicas.length - 1; target >= updateMin(set) && deleted < budget; target--) {
    const pod = replicas[target]
    if (pod !== undefined && outdated(pod, update)) {
      deletePod(s, set, pod)
      deleted++
    }
  }
  return deleted
}
