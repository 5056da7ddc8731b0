/**
 * The Recreate strategy (spec §3.5, upstream `recreate.go`).
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Pod } from '../../api/pod.js'
import type { ReplicaSet } from '../../api/workloads.js'
import { replicasOf } from './fenceposts.js'
import { podMapFor } from './podMap.js'
import { cleanupDeployment } from './history.js'
import { allOf, getAllReplicaSetsAndSyncRevision } from './newReplicaSet.js'
import type { AllReplicaSets } from './newReplicaSet.js'
import { actualReplicaCount, filterActive } from './orderings.js'
import type { Sync } from './plan.js'
import { deploymentComplete, syncRolloutStatus } from './progress.js'
import { scaleReplicaSetAndRecordEvent } from './scale.js'

/**
 * Upstream `oldPodsRunning`: an old ReplicaSet still reports replicas, or a pod of a ReplicaSet
 * other than the new one is in any phase but Failed or Succeeded (Unknown, Pending, Running and
 * an empty phase all count, terminating pods included).
 */
export const oldPodsRunning = (
  newRS: ReplicaSet | undefined,
  oldRSs: ReadonlyArray<ReplicaSet>,
  podMap: ReadonlyMap<string, ReadonlyArray<Pod>>,
): boolean => {
  if (actualReplicaCount(oldRSs) > 0) return true
  const newUid = newRS?.metadata.uid
  for (const [uid, pods] of podMap) {
    if (uid === newUid) continue
    if (pods.some((p) => p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')) return true
  }
  return false
}

/**
 * Upstream `rolloutRecreate`: scale every active old ReplicaSet to 0 (then only the status);
 * wait while old pods run; then create the new ReplicaSet (already at `replicas`) or scale it to
 * `replicas`, and clean up old revisions when the status read at the start was complete.
 */
export const rolloutRecreate = (s0: Sync): Sync =>
  pipe(
    getAllReplicaSetsAndSyncRevision(s0, false),
    E.chain(([s, all]: readonly [Sync, AllReplicaSets]) => {
      const allRSs = allOf(all)
      // an active old set has replicas > 0, so scaling it to 0 always writes: any active set
      // means "scaled down", and the sync stops here (upstream `scaleDownOldReplicaSetsForRecreate`)
      const active = filterActive(all.oldRSs)
      const acc = active.reduce((x, rs) => scaleReplicaSetAndRecordEvent(x, rs, 0).s, s)
      if (active.length > 0 || oldPodsRunning(all.newRS, all.oldRSs, podMapFor(acc.d, acc.view, acc.rsList))) {
        return E.left(syncRolloutStatus(acc, allRSs, all.newRS))
      }
      return all.newRS === undefined ? getAllReplicaSetsAndSyncRevision(acc, true) : E.right([acc, all] as const)
    }),
    E.map(([s, all]: readonly [Sync, AllReplicaSets]): Sync => {
      const allRSs = allOf(all)
      const up = all.newRS === undefined ? s : scaleReplicaSetAndRecordEvent(s, all.newRS, replicasOf(s.d)).s
      const cleaned = deploymentComplete(up.d, up.d.status) ? cleanupDeployment(up, all.oldRSs) : up
      return syncRolloutStatus(cleaned, allRSs, all.newRS)
    }),
    E.getOrElse((done: Sync) => done),
  )
