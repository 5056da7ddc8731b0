/**
 * The TTL-after-finished controller's invariants.
 *
 * | id | takes | holds when |
 * | --- | --- | --- |
 * | TTL-1 | pass | the controller deletes only finished Jobs whose TTL has run out (now ≥ finish + ttl), in the foreground, uid-preconditioned |
 * | TTL-2 | fixpoint | no finished Job whose TTL has run out is left undeleted |
 */
import type { Job } from '../api/workloads.js'
import type { Action } from '../core/Action.js'
import * as CV from '../core/ClusterView.js'
import type { ClusterView } from '../core/ClusterView.js'
import * as Ref from '../core/ObjectRef.js'
import { finishTime } from '../controllers/ttlafterfinished/reconcile.js'
import { violation } from './Violation.js'
import type { Violation } from './Violation.js'

/** When a finished Job with a TTL expires (ms), if it has both. */
const expiry = (job: Job): number | undefined => {
  const ttl = job.spec.ttlSecondsAfterFinished
  const finished = finishTime(job)
  return ttl === undefined || finished === undefined ? undefined : finished + ttl * 1000
}

/** TTL-1: every Job a TTL pass (at `now`, having observed `view`) deletes had expired, and goes in the foreground with its uid as precondition. */
export const ttl1NotBeforeExpiry = (view: ClusterView, now: Date, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> =>
  actions.flatMap((a) => {
    if (a._tag !== 'Delete') return []
    const job = a.target.kind === 'Job' ? CV.lookup(view, 'Job', a.target.namespace, a.target.name) : undefined
    const at = job === undefined ? undefined : expiry(job)
    const what = Ref.show(a.target)
    if (job === undefined || at === undefined) return [violation('TTL-1', `${what} is deleted without being a finished Job with a TTL`, a.target)]
    return [
      ...(now.getTime() < at ? [violation('TTL-1', `${what} is deleted ${(at - now.getTime()) / 1000}s before its TTL runs out`, a.target)] : []),
      ...(a.propagationPolicy === 'Foreground' && a.preconditions?.uid === job.metadata.uid
        ? []
        : [violation('TTL-1', `${what} is deleted without Foreground propagation and its uid as precondition`, a.target)]),
    ]
  })

/** TTL-2: at a fixpoint, every finished Job whose TTL ran out by `now` is gone or being deleted. */
export const ttl2ExpiredJobsDeleted = (view: ClusterView, now: Date): ReadonlyArray<Violation> =>
  CV.listOf(view, 'Job').flatMap((job) => {
    const at = expiry(job)
    return at === undefined || now.getTime() < at || job.metadata.deletionTimestamp !== undefined
      ? []
      : [violation('TTL-2', `${Ref.show(Ref.of(job))} expired ${(now.getTime() - at) / 1000}s ago and is still there`, Ref.of(job))]
  })
