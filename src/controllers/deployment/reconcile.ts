/**
 * One Deployment sync (upstream `syncDeployment`, spec §3.2), in upstream's dispatch order:
 * empty selector → claim ReplicaSets → being deleted (status only) → paused condition → paused
 * (sync) → rollback → scaling event (sync) → Recreate / RollingUpdate.
 */
import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import type { Deployment, ReplicaSet } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { claim } from '../../core/ownership.js'
import { fromLabelSelector, isEmpty } from '../../core/selector.js'
import { rollbackTo } from './annotations.js'
import { strategyType } from './fenceposts.js'
import { cleanupDeployment } from './history.js'
import { allOf, getAllReplicaSetsAndSyncRevision } from './newReplicaSet.js'
import type { AllReplicaSets } from './newReplicaSet.js'
import { byCreationTimestamp, sorted } from './orderings.js'
import type { Sync } from './plan.js'
import * as P from './plan.js'
import {
  getCondition,
  hasProgressDeadline,
  newCondition,
  pausedReason,
  progressingType,
  resumedReason,
  setCondition,
  syncDeploymentStatus,
  timedOutReason,
} from './progress.js'
import { rolloutRecreate } from './recreate.js'
import { rollback } from './rollback.js'
import { rolloutRolling } from './rolling.js'
import { isScalingEvent, scale } from './scale.js'

/** What claiming found: the Deployment's ReplicaSets and the adopt/release updates. */
export interface Claimed {
  readonly rsList: ReadonlyArray<ReplicaSet>
  readonly actions: ReadonlyArray<Action>
}

/**
 * Upstream `getReplicaSetsForDeployment`: claim the ReplicaSets the Deployment controls and the
 * selected orphans of its namespace (oldest first).
 */
export const claimReplicaSets = (d: Deployment, view: View): Claimed => {
  const ns = d.metadata.namespace ?? ''
  const uid = d.metadata.uid
  const owned =
    uid === undefined
      ? []
      : ClusterView.controlledOf(view, uid, 'ReplicaSet').filter((rs) => (rs.metadata.namespace ?? '') === ns)
  const candidates = sorted([...owned, ...ClusterView.orphans(view, 'ReplicaSet', ns)], byCreationTimestamp)
  const { claimed, actions } = claim(d, fromLabelSelector(d.spec.selector), candidates)
  return { rsList: claimed, actions }
}

/**
 * Upstream `checkPausedConditions`: with a progress deadline and no timeout recorded, pausing
 * sets `Progressing=Unknown DeploymentPaused` and resuming `Progressing=Unknown
 * DeploymentResumed` (which restarts the deadline clock), each written at once.
 */
export const checkPausedConditions = (s: Sync): Sync => {
  const d = s.d
  if (!hasProgressDeadline(d)) return s
  const cond = getCondition(d.status, progressingType)
  if (cond?.reason === timedOutReason) return s
  const pausedExists = cond?.reason === pausedReason
  const paused = d.spec.paused === true
  if (paused === pausedExists) return s
  const c = paused
    ? newCondition(progressingType, 'Unknown', pausedReason, 'Deployment is paused', s.now)
    : newCondition(progressingType, 'Unknown', resumedReason, 'Deployment is resumed', s.now)
  return P.writeStatus(P.setDeployment(s, { ...d, status: setCondition(d.status ?? {}, c) }))
}

const done = (step: E.Either<Sync, Sync>): Sync => E.getOrElse((x: Sync) => x)(step)

/** Upstream `syncStatusOnly` (a Deployment being deleted): the plain status, nothing else. */
const syncStatusOnly = (s0: Sync): Sync =>
  done(
    pipe(
      getAllReplicaSetsAndSyncRevision(s0, false),
      E.map(([s, all]: readonly [Sync, AllReplicaSets]) => syncDeploymentStatus(s, allOf(all), all.newRS)),
    ),
  )

/**
 * Upstream `sync` (paused Deployments and scaling events): scale (proportionally when needed),
 * clean up old revisions when paused without a rollback request, and write the plain status.
 */
const syncScale = (s0: Sync): Sync =>
  done(
    pipe(
      getAllReplicaSetsAndSyncRevision(s0, false),
      E.map(([s, all]: readonly [Sync, AllReplicaSets]) => {
        const scaled = scale(s, all.newRS, all.oldRSs)
        const cleaned =
          scaled.d.spec.paused === true && rollbackTo(scaled.d) === undefined
            ? cleanupDeployment(scaled, all.oldRSs)
            : scaled
        return syncDeploymentStatus(cleaned, allOf(all), all.newRS)
      }),
    ),
  )

const selectingAll = (d: Deployment): ReadonlyArray<Action> => {
  const warn = A.event(
    ObjectRef.of(d),
    'Warning',
    'SelectingAll',
    'This deployment is selecting all pods. A non-empty selector is required.',
  )
  const generation = d.metadata.generation ?? 0
  if ((d.status?.observedGeneration ?? 0) >= generation) return [warn]
  return [warn, A.updateStatus({ ...d, status: { ...d.status, observedGeneration: generation } })]
}

/**
 * What the Deployment controller does now for `d` (upstream `syncDeployment`), as actions in
 * upstream's call order. Writes to the same object within the sync are merged (see `plan.ts`).
 */
export const reconcile = (d: Deployment, view: View, now: Date): ReadonlyArray<Action> => {
  if (isEmpty(d.spec.selector)) return selectingAll(d)
  const claimed = claimReplicaSets(d, view)
  const s0 = P.start(view, now, d, claimed.rsList, claimed.actions)
  if (d.metadata.deletionTimestamp !== undefined) return syncStatusOnly(s0).actions
  const s1 = checkPausedConditions(s0)
  if (d.spec.paused === true) return syncScale(s1).actions
  const rb = rollbackTo(d)
  if (rb !== undefined) return rollback(s1, rb).actions
  const scaling = getAllReplicaSetsAndSyncRevision(s1, false)
  if (E.isLeft(scaling)) return scaling.left.actions
  const [s2, all] = scaling.right
  if (isScalingEvent(s2.d, allOf(all))) return syncScale(s2).actions
  switch (strategyType(d)) {
    case 'Recreate':
      return rolloutRecreate(s2).actions
    case 'RollingUpdate':
      return rolloutRolling(s2).actions
    default:
      return s2.actions
  }
}
