/**
 * Deployment invariants DEP-1..8 (docs/guide/deployment.md lists each with the test that checks
 * it). Step invariants compare the view a simulation round started from (`before`) with the view
 * it ended in (`after`); fixpoint invariants look at one view (and its time).
 *
 * Upstream bounds ReplicaSet SPECS, not pods (spec §6.2): the surge bound DEP-1 is stated on
 * Σ spec of the Deployment's ReplicaSets, and separately on its active pods (terminating and
 * terminal pods excluded) for a well-behaved kubelet.
 */
import type { Pod } from '../api/pod.js'
import type { Deployment, ReplicaSet } from '../api/workloads.js'
import { canonicalJson } from '../core/hash.js'
import * as ClusterView from '../core/ClusterView.js'
import type { ClusterView as View } from '../core/ClusterView.js'
import * as ObjectRef from '../core/ObjectRef.js'
import * as Pods from '../core/pods.js'
import * as T from '../core/time.js'
import { revisionOf, rollbackTo } from '../controllers/deployment/annotations.js'
import { isRollingUpdate, maxSurge, minAvailable, replicasOf } from '../controllers/deployment/fenceposts.js'
import { isCleanable } from '../controllers/deployment/history.js'
import { equalIgnoreHash, findNewReplicaSet } from '../controllers/deployment/newReplicaSet.js'
import { filterActive, replicaCount, specReplicas } from '../controllers/deployment/orderings.js'
import {
  deploymentComplete,
  getCondition,
  hasProgressDeadline,
  hasRevisionHistoryLimit,
  newRSAvailableReason,
  progressingType,
  timedOutReason,
} from '../controllers/deployment/progress.js'
import { findActiveOrLatest, isSaturated, isScalingEvent } from '../controllers/deployment/scale.js'
import { violation } from './Violation.js'
import type { Violation } from './Violation.js'

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

/** The ReplicaSets `d` controls in `view`. */
export const replicaSetsOf = (view: View, d: Deployment): ReadonlyArray<ReplicaSet> => {
  const uid = d.metadata.uid
  return uid === undefined ? [] : ClusterView.controlledOf(view, uid, 'ReplicaSet')
}

/** The active pods (neither terminating nor terminal) of `d`'s ReplicaSets. */
export const activePodsOf = (view: View, d: Deployment): ReadonlyArray<Pod> =>
  replicaSetsOf(view, d).flatMap((rs) => {
    const uid = rs.metadata.uid
    return uid === undefined ? [] : ClusterView.controlledOf(view, uid, 'Pod').filter(Pods.isActive)
  })

/** How many of `d`'s pods are available at `now` (each by its ReplicaSet's minReadySeconds). */
export const availablePods = (view: View, d: Deployment, now: Date): number =>
  replicaSetsOf(view, d).reduce((n, rs) => {
    const uid = rs.metadata.uid
    if (uid === undefined) return n
    const minReady = rs.spec.minReadySeconds ?? 0
    return n + ClusterView.controlledOf(view, uid, 'Pod').filter((p) => Pods.isActive(p) && Pods.isAvailable(p, minReady, now.getTime())).length
  }, 0)

const show = (d: Deployment): string => ObjectRef.show(ObjectRef.of(d))

/** The Deployments present in both views, as they are in `before` and `after`. */
const pairs = (before: View, after: View): ReadonlyArray<readonly [Deployment, Deployment]> =>
  ClusterView.listOf(before, 'Deployment').flatMap((b) => {
    const a = ClusterView.lookup(after, 'Deployment', b.metadata.namespace, b.metadata.name ?? '')
    return a !== undefined && a.metadata.uid === b.metadata.uid ? [[b, a] as const] : []
  })

/** Same replicas, strategy and minReadySeconds: the bounds DEP-1/DEP-2 compare did not move. */
const sameBounds = (a: Deployment, b: Deployment): boolean =>
  replicasOf(a) === replicasOf(b) &&
  canonicalJson(a.spec.strategy ?? null) === canonicalJson(b.spec.strategy ?? null) &&
  (a.spec.minReadySeconds ?? 0) === (b.spec.minReadySeconds ?? 0)

// -------------------------------------------------------------------------------------
// DEP-1 surge bound
// -------------------------------------------------------------------------------------

/**
 * DEP-1 (every step, spec level): for a RollingUpdate Deployment whose replicas and strategy did
 * not change, once Σ spec.replicas of its ReplicaSets is within `replicas + maxSurge`, it stays
 * within it. (A change of replicas or strategy moves the bound; checking resumes once it holds.)
 */
export const dep1SpecSurgeBound = (before: View, after: View): ReadonlyArray<Violation> =>
  pairs(before, after).flatMap(([b, a]) => {
    if (!isRollingUpdate(a) || !sameBounds(a, b)) return []
    const bound = replicasOf(a) + maxSurge(a)
    const was = replicaCount(replicaSetsOf(before, b))
    const is = replicaCount(replicaSetsOf(after, a))
    return was <= bound && is > bound
      ? [violation('DEP-1', `${show(a)}: Σ spec of its ReplicaSets went from ${was} to ${is}, above replicas + maxSurge = ${bound}`, ObjectRef.of(a))]
      : []
  })

/**
 * DEP-1 (every step, pod level): when Σ spec of the Deployment's ReplicaSets is within
 * `replicas + maxSurge` at the start of a round, so are its active pods (terminating and
 * terminal pods excluded) at the end of it. Pods follow specs a round later, never lead them;
 * this holds for a well-behaved kubelet and ReplicaSet controller.
 */
export const dep1PodSurgeBound = (before: View, after: View): ReadonlyArray<Violation> =>
  pairs(before, after).flatMap(([b, a]) => {
    if (!isRollingUpdate(a) || !sameBounds(a, b)) return []
    const bound = replicasOf(a) + maxSurge(a)
    const specs = replicaCount(replicaSetsOf(before, b))
    const is = activePodsOf(after, a).length
    return specs <= bound && is > bound
      ? [violation('DEP-1', `${show(a)}: Σ spec was ${specs} but its active pods reached ${is}, above replicas + maxSurge = ${bound}`, ObjectRef.of(a))]
      : []
  })

// -------------------------------------------------------------------------------------
// DEP-2 availability floor
// -------------------------------------------------------------------------------------

/**
 * The availability a round can count on: per ReplicaSet of `d`, its available pods capped at its
 * spec (the ReplicaSet controller is about to delete any surplus, unavailable pods first).
 */
export const committedAvailability = (view: View, d: Deployment, now: Date): number =>
  replicaSetsOf(view, d).reduce((n, rs) => {
    const uid = rs.metadata.uid
    if (uid === undefined) return n
    const minReady = rs.spec.minReadySeconds ?? 0
    const available = ClusterView.controlledOf(view, uid, 'Pod').filter(
      (p) => Pods.isActive(p) && Pods.isAvailable(p, minReady, now.getTime()),
    ).length
    return n + Math.min(available, specReplicas(rs))
  }, 0)

/**
 * DEP-2 (every round, no faults): for a RollingUpdate Deployment whose replicas, strategy and
 * minReadySeconds did not change, once the availability it can count on (`committedAvailability`:
 * available pods, each ReplicaSet capped at its spec) reaches `replicas − maxUnavailable`, it
 * stays there at the end of every round — so its available pods (never fewer) do too: the
 * rollout never takes availability below the floor, nor commits to scale-downs that would.
 * A round that starts with a scaling event pending is exempt: upstream's proportional `scale`
 * shares a replica change out by the sets' `max-replicas` annotations, not by the floor (after a
 * Recreate → RollingUpdate switch it can scale the only available set to 0).
 */
export const dep2AvailabilityFloor = (before: View, beforeNow: Date, after: View, afterNow: Date): ReadonlyArray<Violation> =>
  pairs(before, after).flatMap(([b, a]) => {
    if (!isRollingUpdate(a) || !sameBounds(a, b) || isScalingEvent(b, replicaSetsOf(before, b))) return []
    const floor = minAvailable(a)
    const was = committedAvailability(before, b, beforeNow)
    const is = committedAvailability(after, a, afterNow)
    return was >= floor && is < floor
      ? [
          violation(
            'DEP-2',
            `${show(a)}: committed availability went from ${was} to ${is} (${availablePods(after, a, afterNow)} pods available), below replicas − maxUnavailable = ${floor}`,
            ObjectRef.of(a),
          ),
        ]
      : []
  })

// -------------------------------------------------------------------------------------
// DEP-3 one current ReplicaSet at the fixpoint
// -------------------------------------------------------------------------------------

/**
 * Upstream's Recreate deadlock: a Recreate Deployment with several active ReplicaSets (a rollback
 * creates the new one at full size before the old one is scaled down) and a pending scaling event
 * is synced by `sync`, whose `scale` does nothing for Recreate with several active sets — so the
 * scaling event never clears and the rollout never resumes. Reproduced faithfully; DEP-3 and
 * DEP-8 exempt it.
 */
export const recreateScalingDeadlock = (d: Deployment, rss: ReadonlyArray<ReplicaSet>): boolean =>
  !isRollingUpdate(d) && filterActive(rss).length >= 2 && isScalingEvent(d, rss)

/**
 * DEP-3 (fixpoint): every Deployment that is neither paused nor being deleted has exactly one
 * ReplicaSet whose template equals its own; that one has `spec.replicas`, every other one 0
 * (upstream's `recreateScalingDeadlock` excepted).
 */
export const dep3OneCurrentReplicaSet = (view: View): ReadonlyArray<Violation> =>
  ClusterView.listOf(view, 'Deployment').flatMap((d) => {
    if (d.spec.paused === true || d.metadata.deletionTimestamp !== undefined) return []
    const rss = replicaSetsOf(view, d)
    if (recreateScalingDeadlock(d, rss)) return []
    const current = rss.filter((rs) => equalIgnoreHash(rs.spec.template, d.spec.template))
    const out: Array<Violation> = []
    if (current.length !== 1) {
      out.push(violation('DEP-3', `${show(d)}: ${current.length} ReplicaSets match its template`, ObjectRef.of(d)))
    }
    for (const rs of rss) {
      const want = current.includes(rs) ? replicasOf(d) : 0
      if (specReplicas(rs) !== want) {
        out.push(violation('DEP-3', `${show(d)}: ReplicaSet ${rs.metadata.name ?? ''} has ${specReplicas(rs)} replicas, expected ${want}`, ObjectRef.of(d)))
      }
    }
    return out
  })

// -------------------------------------------------------------------------------------
// DEP-4 revisions
// -------------------------------------------------------------------------------------

/**
 * DEP-4 (every step): a ReplicaSet's revision never decreases, and a revision a Deployment's
 * ReplicaSet newly takes (at creation or when it becomes current again after a rollback) is
 * strictly greater than every other revision among that Deployment's ReplicaSets.
 */
export const dep4RevisionsIncrease = (before: View, after: View): ReadonlyArray<Violation> =>
  ClusterView.listOf(after, 'Deployment').flatMap((d) => {
    const rss = replicaSetsOf(after, d)
    const out: Array<Violation> = []
    for (const rs of rss) {
      const rev = revisionOf(rs)
      if (rev === undefined) continue
      const prior = ClusterView.lookup(before, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '')
      const was = prior !== undefined && prior.metadata.uid === rs.metadata.uid ? revisionOf(prior) : undefined
      if (was !== undefined && rev < was) {
        out.push(violation('DEP-4', `${show(d)}: ReplicaSet ${rs.metadata.name ?? ''} went from revision ${was} back to ${rev}`, ObjectRef.of(d)))
      }
      if (was === rev || (prior === undefined && rev === 0)) continue
      const higher = rss.filter((x) => x !== rs && (revisionOf(x) ?? 0) >= rev)
      if (higher.length > 0) {
        out.push(
          violation('DEP-4', `${show(d)}: ReplicaSet ${rs.metadata.name ?? ''} took revision ${rev}, not above ${higher.map((x) => x.metadata.name ?? '').join(', ')}`, ObjectRef.of(d)),
        )
      }
    }
    return out
  })

// -------------------------------------------------------------------------------------
// DEP-5 history limit
// -------------------------------------------------------------------------------------

/**
 * DEP-5 (fixpoint): a Deployment with a revisionHistoryLimit whose cleanup runs — complete, or
 * paused without a pending rollback request — keeps at most that many empty, observed old
 * ReplicaSets.
 */
export const dep5HistoryLimit = (view: View): ReadonlyArray<Violation> =>
  ClusterView.listOf(view, 'Deployment').flatMap((d) => {
    if (!hasRevisionHistoryLimit(d) || d.metadata.deletionTimestamp !== undefined) return []
    const cleans = d.spec.paused === true ? rollbackTo(d) === undefined : deploymentComplete(d, d.status)
    if (!cleans) return []
    const rss = replicaSetsOf(view, d)
    const current = findNewReplicaSet(d, rss)
    const empty = rss.filter((rs) => rs !== current && isCleanable(rs)).length
    const limit = d.spec.revisionHistoryLimit ?? 0
    return empty > limit
      ? [violation('DEP-5', `${show(d)}: ${empty} empty old ReplicaSets remain, revisionHistoryLimit is ${limit}`, ObjectRef.of(d))]
      : []
  })

// -------------------------------------------------------------------------------------
// DEP-6 pause
// -------------------------------------------------------------------------------------

/**
 * What may make a paused Deployment resize its ReplicaSets (upstream `scale`): a lone active (or
 * latest) set not at `replicas`, a saturated new set next to active old ones, or (RollingUpdate)
 * active sets whose Σ spec differs from `replicas + maxSurge`. `rss` carry the specs the sync
 * started from and the statuses it could see.
 */
export const pausedScalingCause = (d: Deployment, rss: ReadonlyArray<ReplicaSet>): string | undefined => {
  const r = replicasOf(d)
  const newRS = findNewReplicaSet(d, rss)
  const olds = rss.filter((rs) => rs !== newRS)
  const lone = findActiveOrLatest(newRS, olds)
  if (lone !== undefined) return specReplicas(lone) === r ? undefined : `lone set ${lone.metadata.name ?? ''} not at ${r}`
  if (isSaturated(d, newRS)) return filterActive(olds).length > 0 ? 'saturated new set' : undefined
  if (!isRollingUpdate(d)) return undefined
  const allowed = r > 0 ? r + maxSurge(d) : 0
  const sum = replicaCount(filterActive(rss))
  return sum === allowed ? undefined : `Σ spec ${sum} ≠ ${allowed}`
}

const specsOf = (rss: ReadonlyArray<ReplicaSet>): ReadonlyMap<string, number> =>
  new Map(rss.map((rs) => [rs.metadata.uid ?? rs.metadata.name ?? '', specReplicas(rs)] as const))

/**
 * DEP-6 (every step): a paused Deployment starts no rollout — it creates no ReplicaSet, and it
 * resizes its ReplicaSets only when `pausedScalingCause` gives a reason (a replicas change, or
 * sizes that do not add up); a template change alone moves nothing.
 */
export const dep6PausedNoRollout = (before: View, after: View): ReadonlyArray<Violation> =>
  pairs(before, after).flatMap(([b, a]) => {
    if (b.spec.paused !== true || a.spec.paused !== true) return []
    const was = replicaSetsOf(before, b)
    const is = replicaSetsOf(after, a)
    const out: Array<Violation> = []
    const known = new Set(was.map((rs) => rs.metadata.uid))
    for (const rs of is) {
      if (!known.has(rs.metadata.uid)) {
        out.push(violation('DEP-6', `${show(a)} is paused but ReplicaSet ${rs.metadata.name ?? ''} appeared`, ObjectRef.of(a)))
      }
    }
    const seen = new Map(is.map((rs) => [rs.metadata.uid, rs] as const))
    const observed = was.map((rs) => {
      const now = seen.get(rs.metadata.uid)
      return now === undefined ? rs : ({ ...rs, ...(now.status === undefined ? {} : { status: now.status }) } as ReplicaSet)
    })
    if (pausedScalingCause(b, observed) !== undefined) return out
    const sizes = specsOf(was)
    for (const rs of is) {
      const old = sizes.get(rs.metadata.uid ?? rs.metadata.name ?? '')
      if (old !== undefined && old !== specReplicas(rs)) {
        out.push(violation('DEP-6', `${show(a)} is paused but ReplicaSet ${rs.metadata.name ?? ''} went from ${old} to ${specReplicas(rs)} replicas with no scaling cause`, ObjectRef.of(a)))
      }
    }
    return out
  })

// -------------------------------------------------------------------------------------
// DEP-7 restoring a template
// -------------------------------------------------------------------------------------

/**
 * DEP-7 (every step): when one of a Deployment's ReplicaSets already has its template (after a
 * rollback, or an edit back to an old template), no ReplicaSet is created for it.
 */
export const dep7NoDuplicateReplicaSet = (before: View, after: View): ReadonlyArray<Violation> =>
  pairs(before, after).flatMap(([b, a]) => {
    const was = replicaSetsOf(before, b)
    if (findNewReplicaSet(b, was) === undefined) return []
    const known = new Set(was.map((rs) => rs.metadata.uid))
    return replicaSetsOf(after, a)
      .filter((rs) => !known.has(rs.metadata.uid))
      .map((rs) =>
        violation('DEP-7', `${show(a)}: ReplicaSet ${rs.metadata.name ?? ''} was created although an existing one has its template`, ObjectRef.of(a)),
      )
  })

// -------------------------------------------------------------------------------------
// DEP-8 progress deadline
// -------------------------------------------------------------------------------------

/**
 * DEP-8 (fixpoint): a Deployment with a progress deadline that is not paused and whose rollout is
 * neither complete nor already reported as failed has a Progressing condition updated within
 * `progressDeadlineSeconds` — otherwise it must say ProgressDeadlineExceeded. Upstream's
 * `recreateScalingDeadlock` is excepted: its syncs take the scaling path, which never evaluates
 * progress, so upstream never reports the deadline there either.
 */
export const dep8DeadlineReported = (view: View, now: Date): ReadonlyArray<Violation> =>
  ClusterView.listOf(view, 'Deployment').flatMap((d) => {
    if (!hasProgressDeadline(d) || d.spec.paused === true || d.metadata.deletionTimestamp !== undefined) return []
    if (recreateScalingDeadlock(d, replicaSetsOf(view, d))) return []
    const c = getCondition(d.status, progressingType)
    if (c === undefined || c.reason === newRSAvailableReason || c.reason === timedOutReason) return []
    const since = T.parse(c.lastUpdateTime) ?? Number.NEGATIVE_INFINITY
    const deadline = since + (d.spec.progressDeadlineSeconds ?? 0) * 1000
    return deadline < now.getTime()
      ? [violation('DEP-8', `${show(d)}: Progressing (${c.reason ?? ''}) last updated ${c.lastUpdateTime ?? 'never'}, past its ${d.spec.progressDeadlineSeconds ?? 0}s deadline, without ProgressDeadlineExceeded`, ObjectRef.of(d))]
      : []
  })

// -------------------------------------------------------------------------------------
// bundles
// -------------------------------------------------------------------------------------

/** Every per-step Deployment invariant that holds under faults (DEP-1 spec level, DEP-4, DEP-6, DEP-7). */
export const checkStep = (before: View, after: View): ReadonlyArray<Violation> => [
  ...dep1SpecSurgeBound(before, after),
  ...dep4RevisionsIncrease(before, after),
  ...dep6PausedNoRollout(before, after),
  ...dep7NoDuplicateReplicaSet(before, after),
]

/** Every fixpoint Deployment invariant (DEP-3, DEP-5, DEP-8). */
export const checkFixpoint = (view: View, now: Date): ReadonlyArray<Violation> => [
  ...dep3OneCurrentReplicaSet(view),
  ...dep5HistoryLimit(view),
  ...dep8DeadlineReported(view, now),
]
