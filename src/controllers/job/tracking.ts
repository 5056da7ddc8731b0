/**
 * Finalizer-based tracking (upstream `trackJobStatusAndRemoveFinalizers`): each terminated pod
 * still carrying the tracking finalizer is first recorded in `status.uncountedTerminatedPods`
 * (or, for a succeeded Indexed pod, in `completedIndexes`), the status is written, the
 * finalizers are removed, and only then are the uids moved into the counters and the terminal
 * condition set. Each write is `required`: when one fails, nothing after it is sent, so a crash
 * or a dropped write between them loses and double-counts nothing — the next sync finds every
 * pod either still tracked or already recorded.
 */
import * as Indexes from '../../api/jobIndexes.js'
import type { Indexes as IndexSet } from '../../api/jobIndexes.js'
import type { Condition } from '../../api/meta.js'
import type { Pod } from '../../api/pod.js'
import type { Job, JobStatus } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { withoutTracking } from './claim.js'
import { ensureCondition, jobCondition } from './conditions.js'
import { countsAsFailure } from './failurePolicy.js'
import { completionsOf } from './counting.js'
import { completionIndex, hasValidIndex, isIndexed, isPodFailed, isTracked, hasBackoffLimitPerIndex } from './jobPods.js'
import { maxUncountedPods } from './keys.js'

/** The state the sync hands to tracking. */
export interface TrackInput {
  readonly job: Job
  readonly pods: ReadonlyArray<Pod>
  /** The status so far (active, ready, terminating, startTime, conditions of this sync). */
  readonly status: JobStatus
  /** The terminal condition this sync decided, if any. */
  readonly finished?: Condition
  readonly succeededIndexes?: IndexSet
  readonly failedIndexes?: IndexSet
  /** The failed pod kept per index until it is replaced (backoffLimitPerIndex). */
  readonly delayed: ReadonlyMap<number, Pod>
  /** Pending pods terminating after this sync (for the delayed terminal condition). */
  readonly terminating: number
  readonly time: string
  /** Whether the sync already changed what upstream writes for (active, ready, terminating, the Suspended condition); default false. */
  readonly needsFlush?: boolean
}

/** The writes and events of tracking, in order. */
export interface Tracked {
  readonly actions: ReadonlyArray<Action>
  /** The status after the last write. */
  readonly status: JobStatus
}

/** The status with uncounted uids whose pods no longer carry the finalizer moved into the counters (the same status when none moves). */
const cleanUncounted = (status: JobStatus, withFinalizer: ReadonlySet<string>): JobStatus => {
  const u = status.uncountedTerminatedPods ?? {}
  const ok = u.succeeded ?? []
  const ko = u.failed ?? []
  const keepOk = ok.filter((x) => withFinalizer.has(x))
  const keepKo = ko.filter((x) => withFinalizer.has(x))
  if (keepOk.length === ok.length && keepKo.length === ko.length) return status
  return {
    ...status,
    succeeded: (status.succeeded ?? 0) + ok.length - keepOk.length,
    failed: (status.failed ?? 0) + ko.length - keepKo.length,
    uncountedTerminatedPods: { ...(keepOk.length === 0 ? {} : { succeeded: keepOk }), ...(keepKo.length === 0 ? {} : { failed: keepKo }) },
  }
}

const withStatus = (job: Job, status: JobStatus): Job => ({ ...job, status })

const isSuccessTarget = (c: Condition | undefined): boolean => c?.type === 'SuccessCriteriaMet'
const isFailure = (c: Condition | undefined): boolean => c !== undefined && !isSuccessTarget(c) && c.type !== 'Complete'

/** Whether the finalizer of `pod` may go now (upstream `canRemoveFinalizer`). */
const canRemove = (input: TrackInput, pod: Pod, failed: boolean): boolean => {
  if (input.job.metadata.deletionTimestamp !== undefined || input.finished !== undefined || pod.status?.phase === 'Succeeded') return true
  if (!failed) return false
  if (hasBackoffLimitPerIndex(input.job)) {
    const kept = input.delayed.get(completionIndex(pod))
    if (kept !== undefined && kept.metadata.uid === pod.metadata.uid) return false
  }
  return true
}

/**
 * Tracking for one sync: the writes (status, finalizer removals, status again) and the events of
 * a Job that finishes. The final condition (`Failed` after `FailureTarget`, `Complete` after
 * `SuccessCriteriaMet`) is set only when no uid is left uncounted, no pod is terminating and the
 * uncounted limit was not reached.
 */
export const track = (input: TrackInput): Tracked => {
  const { job, pods, time } = input
  const indexed = isIndexed(job)
  const completions = completionsOf(job)
  const withFinalizer = new Set(pods.filter(isTracked).map((p) => p.metadata.uid ?? ''))
  let status = cleanUncounted(input.status, withFinalizer)
  let needsFlush = input.needsFlush === true || status !== input.status
  const before = job.status ?? {}
  // Upstream judges a succeeded pod's index new against the status's indexes, not this sync's.
  const prevIx = Indexes.parse(before.completedIndexes ?? '', completions)
  const uncountedOk = [...(status.uncountedTerminatedPods?.succeeded ?? [])]
  const uncountedKo = [...(status.uncountedTerminatedPods?.failed ?? [])]
  const knownOk = new Set(uncountedOk)
  const knownKo = new Set(uncountedKo)
  const newIndexes: Array<number> = []
  const succeededIx = input.succeededIndexes ?? Indexes.empty
  const remove: Array<Pod> = []
  let capped = false
  for (const pod of pods) {
    if (!isTracked(pod)) continue
    const uid = pod.metadata.uid ?? ''
    const failed = isPodFailed(pod, job)
    if (!canRemove(input, pod, failed)) continue
    remove.push(pod)
    if (pod.status?.phase === 'Succeeded' && !knownKo.has(uid)) {
      if (indexed) {
        const ix = completionIndex(pod)
        if (hasValidIndex(pod, completions) && !Indexes.has(prevIx, ix)) {
          newIndexes.push(ix)
          needsFlush = true
        }
      } else if (!knownOk.has(uid)) {
        uncountedOk.push(uid)
        knownOk.add(uid)
        needsFlush = true
      }
    } else if (failed || isFailure(input.finished)) {
      if (!knownKo.has(uid) && (!indexed || hasValidIndex(pod, completions)) && countsAsFailure(job, pod)) {
        uncountedKo.push(uid)
        knownKo.add(uid)
        needsFlush = true
      }
    }
    if (newIndexes.length + uncountedOk.length + uncountedKo.length >= maxUncountedPods) {
      capped = true
      break
    }
  }
  status = { ...status, uncountedTerminatedPods: { ...(uncountedOk.length === 0 ? {} : { succeeded: uncountedOk }), ...(uncountedKo.length === 0 ? {} : { failed: uncountedKo }) } }
  if (indexed) {
    const all = Indexes.union([succeededIx], newIndexes)
    const completed = Indexes.format(all)
    const failed = input.failedIndexes === undefined ? undefined : Indexes.format(input.failedIndexes)
    if (completed !== before.completedIndexes || failed !== before.failedIndexes) needsFlush = true
    const { failedIndexes: _f, ...rest } = status
    status = { ...rest, succeeded: Indexes.size(all), completedIndexes: completed, ...(failed === undefined ? {} : { failedIndexes: failed }) }
  }
  let finished = input.finished
  if (finished?.type === 'FailureTarget') {
    status = { ...status, conditions: [...(status.conditions ?? []), finished] }
    needsFlush = true
    finished = jobCondition('Failed', 'True', finished.reason ?? '', finished.message ?? '', time)
  }
  if (finished?.type === 'SuccessCriteriaMet') {
    const has = (status.conditions ?? []).some((c) => c.type === 'SuccessCriteriaMet' && c.status === 'True')
    if (!has) {
      status = { ...status, conditions: [...(status.conditions ?? []), finished] }
      needsFlush = true
    }
    finished = jobCondition('Complete', 'True', finished.reason ?? '', finished.message ?? '', time)
  }
  const actions: Array<Action> = []
  const ref = ObjectRef.of(job)
  if (needsFlush) actions.push(A.required(A.updateStatus(withStatus(job, status)) as A.UpdateStatus))
  for (const pod of remove) actions.push(A.required(A.update(withoutTracking(pod)) as A.Update))
  const removed = new Set(remove.map((p) => p.metadata.uid ?? ''))
  const counted = cleanUncounted(status, new Set([...withFinalizer].filter((u) => !removed.has(u))))
  let flushAgain = counted !== status
  status = counted
  let done = false
  const u = status.uncountedTerminatedPods ?? {}
  if (finished !== undefined && !capped && (u.succeeded ?? []).length + (u.failed ?? []).length === 0 && input.terminating === 0) {
    const conditions = ensureCondition(status.conditions ?? [], finished)
    if (conditions !== undefined) status = { ...status, conditions }
    if (finished.type === 'Complete') status = { ...status, completionTime: finished.lastTransitionTime ?? time }
    done = true
    flushAgain = true
  }
  if (flushAgain) actions.push(A.required(A.updateStatus(withStatus(job, status)) as A.UpdateStatus))
  if (done && finished !== undefined) {
    if (finished.type === 'Complete') {
      if (job.spec.completions !== undefined && (status.succeeded ?? 0) > job.spec.completions) {
        actions.push(A.event(ref, 'Warning', 'TooManySucceededPods', 'Too many succeeded pods running after completion count reached'))
      }
      actions.push(A.event(ref, 'Normal', 'Completed', 'Job completed'))
    } else {
      actions.push(A.event(ref, 'Warning', finished.reason ?? '', finished.message ?? ''))
    }
  }
  return { actions, status }
}
