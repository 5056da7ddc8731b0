/**
 * The TTL-after-finished controller (upstream `pkg/controller/ttlafterfinished`): a finished Job
 * with `spec.ttlSecondsAfterFinished` is deleted — Foreground propagation, uid precondition — once
 * `ttl` seconds have passed since it finished, counted from the `lastTransitionTime` of its first
 * `Complete` or `Failed` condition that is `True`. Before then it asks to be requeued when the time
 * comes. A finish time in the future (clock skew) just defers the deletion, as upstream does.
 * Jobs being deleted, unfinished Jobs, Jobs without a TTL and Jobs whose terminal condition has
 * no transition time (upstream retries those with back-off; nothing changes until the Job does)
 * are left alone.
 */
import type { Job } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { byNamespaceName } from '../../core/order.js'
import * as T from '../../core/time.js'

/** When `job` finished (ms), or `undefined` when it has not, or its terminal condition has no time. */
export const finishTime = (job: Job): number | undefined => {
  const done = (job.status?.conditions ?? []).find((c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')
  return done === undefined ? undefined : T.parse(done.lastTransitionTime)
}

/** Whether the controller looks at `job` at all: not being deleted, a TTL set (and, below, finished). */
const needsCleanup = (job: Job): boolean => job.metadata.deletionTimestamp === undefined && job.spec.ttlSecondsAfterFinished !== undefined

/** What the controller does for one Job now: delete it, ask to look again when it expires, or nothing. */
export const reconcileJob = (job: Job, now: Date): ReadonlyArray<Action> => {
  if (!needsCleanup(job)) return []
  const finished = finishTime(job)
  if (finished === undefined) return []
  const expireAt = finished + (job.spec.ttlSecondsAfterFinished ?? 0) * 1000
  const remaining = expireAt - now.getTime()
  const ref = ObjectRef.of(job)
  if (remaining > 0) return [A.requeueAfter(ref, remaining / 1000)]
  return [A.del(ref, { propagationPolicy: 'Foreground', ...(job.metadata.uid === undefined ? {} : { preconditions: { uid: job.metadata.uid } }) })]
}

/** One sync: the Jobs woken (their keys), or every Job for a full sync, in namespace/name order. */
export const reconcile = (view: View, now: Date, woken?: ReadonlySet<string>): ReadonlyArray<Action> => {
  const jobs =
    woken === undefined
      ? ClusterView.listOf(view, 'Job')
      : Array.from(woken).flatMap((key) => {
          const [kind, namespace, name] = ObjectRef.parseKey(key)
          const job = kind === 'Job' ? ClusterView.lookup(view, 'Job', namespace, name) : undefined
          return job === undefined ? [] : [job]
        })
  return [...jobs].sort(byNamespaceName).flatMap((j) => reconcileJob(j, now))
}
