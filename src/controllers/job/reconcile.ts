/**
 * The sync of one Job (upstream `syncJob`, v1.33 with every Job feature gate on): claim the pods,
 * count what finished, decide whether the Job fails or succeeds (in upstream's order of reasons),
 * otherwise run or stop pods (`manage.ts`), then track the terminated pods and write the status
 * (`tracking.ts`). The pod-creation backoff is the controller's memory (`backoff.ts`).
 */
import * as Indexes from '../../api/jobIndexes.js'
import type { Indexes as IndexSet } from '../../api/jobIndexes.js'
import type { Condition } from '../../api/meta.js'
import type { Pod } from '../../api/pod.js'
import type { Job, JobStatus } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { isActive, isReady, isTerminating } from '../../core/pods.js'
import * as T from '../../core/time.js'
import { nextRecord, recordOf, remainingMs } from './backoff.js'
import type { JobBackoff } from './backoff.js'
import { jobPods, withoutTracking } from './claim.js'
import { completionsReached, ensureCondition, failureMessages, isFinished, jobCondition, trueCondition } from './conditions.js'
import { completionsOf, countedFailures, failedIndexes, newFinishedPods, succeededIndexes, uncountedOf } from './counting.js'
import { matchPodFailurePolicy } from './failurePolicy.js'
import {
  completionIndex,
  finishedTime,
  hasBackoffLimitPerIndex,
  hasValidIndex,
  indexAbsoluteFailureCount,
  isIndexed,
  isPodFailed,
  isTracked,
  onlyReplaceFailedPods,
} from './jobPods.js'
import { jobControllerName } from './keys.js'
import { decide } from './manage.js'
import { podFor } from './podTemplate.js'
import { matchSuccessPolicy } from './successPolicy.js'
import { track } from './tracking.js'
import * as Writes from './writes.js'

/** Whether the built-in controller manages the Job (`spec.managedBy` unset or `kubernetes.io/job-controller`). */
export const isManagedByController = (job: Job): boolean => job.spec.managedBy === undefined || job.spec.managedBy === jobControllerName

/** Upstream `pastBackoffLimitOnFailure`: with restartPolicy OnFailure, the restarts of running and pending pods reach the limit. */
export const pastBackoffLimitOnFailure = (job: Job, pods: ReadonlyArray<Pod>): boolean => {
  if (job.spec.template.spec.restartPolicy !== 'OnFailure') return false
  let restarts = 0
  for (const p of pods) {
    if (p.status?.phase !== 'Running' && p.status?.phase !== 'Pending') continue
    for (const s of [...(p.status.initContainerStatuses ?? []), ...(p.status.containerStatuses ?? [])]) restarts += s.restartCount ?? 0
  }
  const limit = job.spec.backoffLimit ?? 6
  return limit === 0 ? restarts > 0 : restarts >= limit
}

/** Upstream `pastActiveDeadline`: not suspended, and `activeDeadlineSeconds` have passed since `startTime` (inclusive). */
export const pastActiveDeadline = (job: Job, startMs: number | undefined, nowMs: number): boolean => {
  const ads = job.spec.activeDeadlineSeconds
  if (ads === undefined || startMs === undefined || job.spec.suspend === true) return false
  return nowMs - startMs >= ads * 1000
}

/** The first FailJob message of a failed pod, in listing order (upstream `getFailJobMessage`). */
const failJobMessage = (job: Job, pods: ReadonlyArray<Pod>): string | undefined => {
  if (job.spec.podFailurePolicy === undefined) return undefined
  for (const p of pods) {
    if (!isPodFailed(p, job)) continue
    const m = matchPodFailurePolicy(job, p)
    if (m.action === 'FailJob' && m.message !== undefined) return m.message
  }
  return undefined
}

/**
 * Upstream `getPodsWithDelayedDeletionPerIndex`: for each index neither succeeded, failed nor
 * active, its last failed tracked pod (the highest absolute failure count, then the latest finish).
 */
export const delayedDeletions = (
  job: Job,
  pods: ReadonlyArray<Pod>,
  active: ReadonlyArray<Pod>,
  succeeded: IndexSet,
  failed: IndexSet,
): ReadonlyMap<number, Pod> => {
  const out = new Map<number, Pod>()
  const completions = completionsOf(job)
  const u = uncountedOf(job)
  const activeIx = new Set(active.map(completionIndex))
  for (const p of pods) {
    const uid = p.metadata.uid ?? ''
    if (!isTracked(p) || u.failed.has(uid) || !hasValidIndex(p, completions) || !isPodFailed(p, job)) continue
    const ix = completionIndex(p)
    if (Indexes.has(succeeded, ix) || Indexes.has(failed, ix) || activeIx.has(ix)) continue
    const last = out.get(ix)
    if (last === undefined || (indexAbsoluteFailureCount(last) <= indexAbsoluteFailureCount(p) && finishedTime(p) >= finishedTime(last))) out.set(ix, p)
  }
  return out
}

/** Deletes `pod` (`required` when the rest of the sync depends on it) and records upstream's SuccessfulDelete event. */
const deletePod = (plan: Writes.Writes, ref: ObjectRef.ObjectRef, pod: Pod, required: boolean): void => {
  const d = A.del(ObjectRef.of(pod)) as A.Delete
  Writes.push(plan, required ? A.required(d) : d)
  Writes.push(plan, A.event(ref, 'Normal', 'SuccessfulDelete', `Deleted pod: ${pod.metadata.name ?? ''}`))
}

/** Pods in the order the sync walks them: by completion index for Indexed Jobs, then by name. */
const walkOrder = (job: Job, pods: ReadonlyArray<Pod>): ReadonlyArray<Pod> =>
  isIndexed(job) ? [...pods].sort((a, b) => completionIndex(a) - completionIndex(b)) : pods

/** The failure condition: `FailureTarget` (the final `Failed` follows once no pod is left). */
const failure = (reason: keyof typeof failureMessages, time: string): Condition => jobCondition('FailureTarget', 'True', reason, failureMessages[reason], time)

/**
 * What the Job controller does now for `job`: nothing for a finished Job or one another
 * controller manages; else the claim updates, pod creates or deletes, the tracking writes,
 * events and requeues of one sync. `backoff` is the controller's memory of pod failures.
 */
export const reconcile = (job: Job, view: View, now: Date, backoff?: JobBackoff): ReadonlyArray<Action> => {
  if (!isManagedByController(job) || isFinished(job)) return []
  const ref = ObjectRef.of(job)
  const mode = job.spec.completionMode ?? 'NonIndexed'
  if (mode !== 'NonIndexed' && mode !== 'Indexed') return [A.event(ref, 'Warning', 'UnknownCompletionMode', 'Skipped Job sync because completion mode is unknown')]
  const nowMs = now.getTime()
  const time = T.formatDate(now)
  const claimed = jobPods(job, view)
  // A failed adoption or release ends the sync, as upstream's claim error returns from it.
  const plan = Writes.start()
  for (const a of claimed.actions) Writes.push(plan, a._tag === 'Update' ? A.required(a) : a)
  const pods = walkOrder(job, claimed.pods)
  const active = pods.filter(isActive)
  let ready = active.filter(isReady).length
  let terminating = pods.filter(isTerminating).length
  const uncounted = uncountedOf(job)
  const fresh = newFinishedPods(job, pods)
  let succeeded = (job.status?.succeeded ?? 0) + fresh.succeeded.length + uncounted.succeeded.size
  const failed = (job.status?.failed ?? 0) + countedFailures(job, fresh.failed) + uncounted.failed.size
  const suspended = job.spec.suspend === true
  let startTime = job.status?.startTime ?? (suspended ? undefined : time)
  const record = nextRecord(recordOf(backoff, job), fresh.succeeded, fresh.failed)
  const requeues: Array<number> = []
  let finished: Condition | undefined = trueCondition(job, 'SuccessCriteriaMet')
  if (finished === undefined) {
    const target = trueCondition(job, 'FailureTarget')
    const message = target === undefined ? failJobMessage(job, pods) : undefined
    if (target !== undefined) finished = jobCondition('Failed', 'True', target.reason ?? '', target.message ?? '', time)
    else if (message !== undefined) finished = jobCondition('FailureTarget', 'True', 'PodFailurePolicy', message, time)
  }
  if (finished === undefined) {
    const startMs = T.parse(startTime)
    if (failed > (job.spec.backoffLimit ?? 6) || pastBackoffLimitOnFailure(job, pods)) finished = failure('BackoffLimitExceeded', time)
    else if (pastActiveDeadline(job, startMs, nowMs)) finished = failure('DeadlineExceeded', time)
    else if (job.spec.activeDeadlineSeconds !== undefined && !suspended && startMs !== undefined) {
      requeues.push(job.spec.activeDeadlineSeconds * 1000 - (nowMs - startMs))
    }
  }
  let okIx: IndexSet | undefined
  let koIx: IndexSet | undefined
  let delayed: ReadonlyMap<number, Pod> = new Map()
  if (isIndexed(job)) {
    const completions = completionsOf(job)
    okIx = succeededIndexes(job, pods)
    succeeded = Indexes.size(okIx)
    if (hasBackoffLimitPerIndex(job)) {
      koIx = failedIndexes(job, pods)
      const nFailed = Indexes.size(koIx)
      if (finished === undefined) {
        if (job.spec.maxFailedIndexes !== undefined && nFailed > job.spec.maxFailedIndexes) finished = failure('MaxFailedIndexesExceeded', time)
        else if (nFailed > 0 && nFailed + succeeded >= completions) finished = failure('FailedIndexes', time)
      }
      delayed = delayedDeletions(job, pods, active, okIx, koIx)
    }
    if (finished === undefined) {
      const message = matchSuccessPolicy(job.spec.successPolicy, completions, okIx)
      if (message !== undefined) finished = jobCondition('SuccessCriteriaMet', 'True', 'SuccessPolicy', message, time)
    }
  }
  let activeCount = active.length
  let conditions = job.status?.conditions ?? []
  let suspendChanged = false
  if (finished !== undefined) {
    // The Job is done: every active pod goes, keeping its finalizer so that it is counted.
    for (const p of active) deletePod(plan, ref, p, true)
    activeCount = 0
    terminating += active.length
    ready -= active.filter(isReady).length
  } else {
    const manages = job.metadata.deletionTimestamp === undefined
    if (manages) {
      const taken = Indexes.union([
        okIx ?? Indexes.empty,
        koIx ?? Indexes.empty,
        ...(onlyReplaceFailedPods(job) ? [Indexes.union([], pods.filter(isTerminating).map(completionIndex).filter((i) => i >= 0))] : []),
      ])
      const d = decide(
        job,
        { active, succeeded, terminating, taken, delayed, backoffMs: remainingMs(record.failures, record.lastFailureMs, nowMs), nowMs },
        onlyReplaceFailedPods(job) ? terminating : 0,
      )
      if (d._tag === 'Delete') {
        // Scale-down and suspend strip the finalizer first: these pods are never counted as failed.
        for (const p of d.pods) {
          if (isTracked(p)) Writes.push(plan, A.required(A.update(withoutTracking(p)) as A.Update))
          deletePod(plan, ref, p, false)
        }
        activeCount -= d.pods.length
        terminating += d.pods.length
        ready -= d.pods.filter(isReady).length
      } else if (d._tag === 'Create') {
        const made = d.indexes === undefined ? Array.from({ length: d.count }, () => podFor(job)) : d.indexes.map((i) => podFor(job, i, delayed.get(i)))
        for (const pod of made) {
          Writes.push(plan, A.create(pod))
          Writes.push(plan, A.event(ref, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.generateName ?? ''}`))
        }
        activeCount += made.length
      } else if (d._tag === 'Wait') {
        requeues.push(d.ms)
        // Upstream's manageJob reports no active pods while a creation backoff holds.
        activeCount = 0
      }
    }
    const completions = job.spec.completions
    const complete = completions === undefined ? succeeded > 0 && activeCount === 0 : succeeded >= completions && activeCount === 0
    if (complete) {
      finished = jobCondition('SuccessCriteriaMet', 'True', completionsReached.reason, completionsReached.message, time)
    } else if (manages) {
      const c = suspended
        ? jobCondition('Suspended', 'True', 'JobSuspended', 'Job suspended', time)
        : jobCondition('Suspended', 'False', 'JobResumed', 'Job resumed', time)
      const next = ensureCondition(conditions, c)
      if (next !== undefined) {
        conditions = next
        suspendChanged = true
        Writes.push(plan, A.event(ref, 'Normal', suspended ? 'Suspended' : 'Resumed', suspended ? 'Job suspended' : 'Job resumed'))
        if (!suspended) startTime = time
      }
    }
  }
  const status: JobStatus = {
    ...job.status,
    ...(conditions.length === 0 ? {} : { conditions }),
    ...(startTime === undefined ? {} : { startTime }),
    active: activeCount,
    ready,
    terminating,
    uncountedTerminatedPods: job.status?.uncountedTerminatedPods ?? {},
  }
  const st = job.status ?? {}
  const needsFlush = suspendChanged || activeCount !== (st.active ?? 0) || ready !== st.ready || terminating !== st.terminating
  const tracked = track({ job, pods, status, delayed, needsFlush, ...(finished === undefined ? {} : { finished }), terminating, time, ...(okIx === undefined ? {} : { succeededIndexes: okIx }), ...(koIx === undefined ? {} : { failedIndexes: koIx }) })
  for (const a of tracked.actions) Writes.push(plan, a)
  for (const ms of requeues) Writes.push(plan, A.requeueAfter(ref, Math.max(ms, 0) / 1000))
  return plan.actions
}
