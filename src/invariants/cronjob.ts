/**
 * CronJob invariants (docs/guide/cronjob.md lists each with the test that checks it). Checks
 * over a view take every CronJob in it; checks over a sync take the CronJob, the view it was
 * reconciled against and its actions; checks over a step compare two views of one run.
 *
 * A CronJob's *active* Jobs are the Jobs it controls (by uid) that have not finished (no
 * `Complete` or `Failed` condition) and are not being deleted.
 */
import * as E from 'fp-ts/lib/Either.js'
import { isTick, parseStandard } from '../api/cron.js'
import type { Schedule } from '../api/cron.js'
import type { CronJob, Job } from '../api/workloads.js'
import type { Action } from '../core/Action.js'
import * as ClusterView from '../core/ClusterView.js'
import type { ClusterView as View } from '../core/ClusterView.js'
import * as ObjectRef from '../core/ObjectRef.js'
import { controllerRef } from '../core/ownership.js'
import * as T from '../core/time.js'
import { activeRefs, finishedCondition, jobsToBeReconciled, refersTo } from '../controllers/cronjob/jobs.js'
import type { ActiveRef } from '../controllers/cronjob/jobs.js'
import { formatSchedule, jobName } from '../controllers/cronjob/schedule.js'
import { scheduledTimestampAnnotation } from '../controllers/cronjob/template.js'
import { violation } from './Violation.js'
import type { Violation } from './Violation.js'

const show = (o: CronJob | Job): string => ObjectRef.show(ObjectRef.of(o))

/** The Jobs a CronJob controls by uid that neither finished nor are being deleted. */
export const activeJobs = (cj: CronJob, view: View): ReadonlyArray<Job> =>
  ClusterView.controlledOf(view, cj.metadata.uid ?? '', 'Job').filter((j) => finishedCondition(j) === undefined && j.metadata.deletionTimestamp === undefined)

/** The schedule the controller parses for `cj`, if it parses. */
export const scheduleOf = (cj: CronJob): Schedule | undefined => {
  const p = parseStandard(formatSchedule(cj).text)
  return E.isRight(p) ? p.right : undefined
}

/** The time a Job was scheduled for, from its annotation. */
export const scheduledTime = (job: Job): number | undefined => T.parse(job.metadata.annotations?.[scheduledTimestampAnnotation])

/** The Jobs of `after` whose uid `before` does not hold, with the CronJob that controls them (as `after`, else `before`, has it). */
const newJobs = (before: View, after: View): ReadonlyArray<readonly [Job, CronJob]> =>
  ClusterView.listOf(after, 'Job').flatMap((j) => {
    if (ClusterView.getByUid(before, j.metadata.uid ?? '')._tag === 'Some') return []
    const ref = controllerRef(j)
    if (ref?.kind !== 'CronJob') return []
    const owner = [after, before].map((v) => ClusterView.lookup(v, 'CronJob', j.metadata.namespace, ref.name)).find((c) => c?.metadata.uid === ref.uid)
    return owner === undefined ? [] : [[j, owner] as const]
  })

const isActive = (j: Job): boolean => finishedCondition(j) === undefined && j.metadata.deletionTimestamp === undefined

const startsBesideActive =
  (id: string, policy: string) =>
  (before: View, after: View): ReadonlyArray<Violation> =>
    newJobs(before, after).flatMap(([job, cj]) => {
      const seen = ClusterView.lookup(before, 'CronJob', cj.metadata.namespace, cj.metadata.name ?? '') ?? cj
      if ((seen.spec.concurrencyPolicy ?? 'Allow') !== policy) return []
      const others = activeJobs(cj, after).filter((o) => {
        const was = ClusterView.getByUid(before, o.metadata.uid ?? '')
        return o.metadata.uid !== job.metadata.uid && was._tag === 'Some' && isActive(was.value as Job)
      })
      return others.length === 0
        ? []
        : [violation(id, `${show(cj)} (${policy}) started ${job.metadata.name ?? ''} while ${others.map((o) => o.metadata.name ?? '').join(', ')} stayed active`, ObjectRef.of(cj))]
    })

/**
 * CJ-1 (over a step, without faults that lose status writes): a Forbid CronJob never starts a Job
 * while another of its Jobs is active (before the step and still after it); so, unless its policy
 * changes, it never has two active Jobs.
 */
export const cj1ForbidNeverOverlaps: (before: View, after: View) => ReadonlyArray<Violation> = startsBesideActive('CJ-1', 'Forbid')

/** CJ-2 (over a step, without faults that lose status writes): a Replace CronJob never starts a Job while another of its Jobs stays active. */
export const cj2ReplaceNeverOverlaps: (before: View, after: View) => ReadonlyArray<Violation> = startsBesideActive('CJ-2', 'Replace')

/**
 * CJ-3 (over a step): every Job a CronJob created is named `<cronjob>-<minutes>` after the time
 * its scheduled-timestamp annotation gives, that time is one of the schedule's times (as it was
 * before or after the step) and not after the step's end, and no other Job of the CronJob present
 * then has that time.
 */
export const cj3OneJobPerScheduledTime = (before: View, after: View, afterNow: Date): ReadonlyArray<Violation> =>
  newJobs(before, after).flatMap(([job, cj]) => {
    const t = scheduledTime(job)
    if (t === undefined) return [violation('CJ-3', `${show(job)} has no scheduled-timestamp annotation`, ObjectRef.of(job))]
    const out: Array<Violation> = []
    if (job.metadata.name !== jobName(cj, t)) out.push(violation('CJ-3', `${show(job)} is not named after its time ${T.format(t)} (${jobName(cj, t)})`, ObjectRef.of(job)))
    const earlier = ClusterView.lookup(before, 'CronJob', cj.metadata.namespace, cj.metadata.name ?? '')
    const schedules = [cj, earlier].flatMap((c) => (c === undefined ? [] : [scheduleOf(c)])).filter((s): s is Schedule => s !== undefined)
    if (!schedules.some((s) => isTick(s, t))) out.push(violation('CJ-3', `${show(job)} was scheduled for ${T.format(t)}, which is not a time of ${show(cj)}'s schedule`, ObjectRef.of(job)))
    if (t > afterNow.getTime()) out.push(violation('CJ-3', `${show(job)} was scheduled for ${T.format(t)}, after now`, ObjectRef.of(job)))
    const twins = ClusterView.controlledOf(after, cj.metadata.uid ?? '', 'Job').filter((o) => o !== job && scheduledTime(o) === t)
    if (twins.length > 0) out.push(violation('CJ-3', `${show(job)} and ${twins.map(show).join(', ')} share the scheduled time ${T.format(t)}`, ObjectRef.of(job)))
    return out
  })

/**
 * CJ-4 (over a step): no Job is created for a time older than `startingDeadlineSeconds` when the
 * step began (the sync that decided it ran at or after that; with pacing, a suspended sync may
 * send its create in a later step, so check with an instant API).
 */
export const cj4StartingDeadline = (before: View, beforeNow: Date, after: View): ReadonlyArray<Violation> =>
  newJobs(before, after).flatMap(([job, cj]) => {
    const seen = ClusterView.lookup(before, 'CronJob', cj.metadata.namespace, cj.metadata.name ?? '') ?? cj
    const sds = seen.spec.startingDeadlineSeconds
    const t = scheduledTime(job)
    if (sds === undefined || t === undefined || t >= beforeNow.getTime() - sds * 1000) return []
    return [violation('CJ-4', `${show(job)} started for ${T.format(t)}, more than ${sds}s before ${T.format(beforeNow.getTime())}`, ObjectRef.of(job))]
  })

/**
 * CJ-5 (at a fixpoint): a CronJob keeps at most `successfulJobsHistoryLimit` Complete and
 * `failedJobsHistoryLimit` Failed Jobs (not counting Jobs being deleted).
 */
export const cj5HistoryWithinLimits = (view: View): ReadonlyArray<Violation> =>
  ClusterView.listOf(view, 'CronJob').flatMap((cj) => {
    const kept = jobsToBeReconciled(cj, view).filter((j) => j.metadata.deletionTimestamp === undefined)
    const limits = [
      ['Complete', cj.spec.successfulJobsHistoryLimit],
      ['Failed', cj.spec.failedJobsHistoryLimit],
    ] as const
    return limits.flatMap(([c, limit]) => {
      const n = kept.filter((j) => finishedCondition(j) === c).length
      return limit === undefined || n <= limit ? [] : [violation('CJ-5', `${show(cj)} keeps ${n} ${c} Jobs, its limit is ${limit}`, ObjectRef.of(cj))]
    })
  })

const creates = (actions: ReadonlyArray<Action>): ReadonlyArray<Job> =>
  actions.flatMap((a) => (a._tag === 'Create' && a.object.kind === 'Job' ? [a.object] : []))

/** CJ-6 (over a sync): a suspended CronJob creates no Job and asks for no requeue. */
export const cj6SuspendedCreatesNothing = (cj: CronJob, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  if (cj.spec.suspend !== true) return []
  const out: Array<Violation> = []
  if (creates(actions).length > 0) out.push(violation('CJ-6', `suspended ${show(cj)} created a Job`, ObjectRef.of(cj)))
  if (actions.some((a) => a._tag === 'RequeueAfter')) out.push(violation('CJ-6', `suspended ${show(cj)} asked for a requeue`, ObjectRef.of(cj)))
  return out
}

/** The active list a sync leaves: the one it writes, else the one it read. */
const activeAfter = (cj: CronJob, actions: ReadonlyArray<Action>): ReadonlyArray<ActiveRef> => {
  const written = actions.find((a) => a._tag === 'UpdateStatus' && a.object.kind === 'CronJob')
  return written === undefined ? activeRefs(cj) : activeRefs(written._tag === 'UpdateStatus' ? (written.object as CronJob) : cj)
}

/** The `lastScheduleTime` a sync leaves. */
const lastScheduleAfter = (cj: CronJob, actions: ReadonlyArray<Action>): number | undefined => {
  const written = actions.find((a) => a._tag === 'UpdateStatus' && a.object.kind === 'CronJob')
  return T.parse((written?._tag === 'UpdateStatus' ? (written.object as CronJob) : cj).status?.lastScheduleTime)
}

/**
 * CJ-7 (over a sync): at most one Job is created, named after a time of the schedule that is
 * later than `lastScheduleTime`; under Forbid only when no other Job stays in the active list,
 * under Replace only after deleting every Job of the active list that exists.
 */
export const cj7OneCreationPerSync = (cj: CronJob, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  const made = creates(actions)
  const target = ObjectRef.of(cj)
  if (made.length === 0) return []
  if (made.length > 1) return [violation('CJ-7', `${show(cj)} created ${made.length} Jobs in one sync`, target)]
  const job = made[0]!
  const out: Array<Violation> = []
  const t = scheduledTime(job)
  const s = scheduleOf(cj)
  if (t === undefined || s === undefined || !isTick(s, t) || job.metadata.name !== jobName(cj, t)) {
    out.push(violation('CJ-7', `${show(cj)} created ${job.metadata.name ?? ''}, not named after a time of its schedule`, target))
  }
  const last = T.parse(cj.status?.lastScheduleTime)
  if (t !== undefined && last !== undefined && t <= last) out.push(violation('CJ-7', `${show(cj)} created a Job for ${T.format(t)}, not after its last schedule time`, target))
  const policy = cj.spec.concurrencyPolicy ?? 'Allow'
  if (policy !== 'Allow') {
    const others = activeAfter(cj, actions).filter((r) => r.name !== job.metadata.name)
    if (others.length > 0) out.push(violation('CJ-7', `${show(cj)} (${policy}) created a Job while ${others.map((r) => r.name ?? '').join(', ')} stay active`, target))
  }
  if (policy === 'Replace') {
    const createdAt = actions.findIndex((a) => a._tag === 'Create')
    const deletedBefore = new Set(actions.slice(0, createdAt).flatMap((a) => (a._tag === 'Delete' ? [a.target.name] : [])))
    for (const r of activeRefs(cj)) {
      const j = ClusterView.lookup(view, 'Job', r.namespace ?? cj.metadata.namespace, r.name ?? '')
      if (j !== undefined && finishedCondition(j) === undefined && !deletedBefore.has(j.metadata.name ?? '')) {
        out.push(violation('CJ-7', `${show(cj)} (Replace) created a Job without deleting the active ${j.metadata.name ?? ''}`, target))
      }
    }
  }
  return out
}

/**
 * CJ-8 (over a sync): the active list a sync leaves holds no Job that finished, vanished from the
 * view or was deleted by the sync — except the Job of the time it just scheduled (created, or
 * adopted after AlreadyExists, finished or not, as upstream does) — and `lastScheduleTime`
 * never goes back.
 */
export const cj8ActiveListReconciled = (cj: CronJob, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  const target = ObjectRef.of(cj)
  const before = T.parse(cj.status?.lastScheduleTime)
  const after = lastScheduleAfter(cj, actions)
  const scheduled = after !== undefined && after !== before ? jobName(cj, after) : undefined
  const deleted = new Set(actions.flatMap((a) => (a._tag === 'Delete' ? [a.target.name] : [])))
  const jobs = jobsToBeReconciled(cj, view)
  const out: Array<Violation> = []
  for (const r of activeAfter(cj, actions)) {
    if (r.name === scheduled) continue
    const listed = jobs.find((j) => refersTo(r, j))
    const found = listed ?? ClusterView.lookup(view, 'Job', r.namespace ?? cj.metadata.namespace, r.name ?? '')
    if (found === undefined) out.push(violation('CJ-8', `${show(cj)} keeps ${r.name ?? ''} active, which is gone`, target))
    else if (listed !== undefined && (finishedCondition(listed) !== undefined || deleted.has(listed.metadata.name ?? ''))) {
      out.push(violation('CJ-8', `${show(cj)} keeps ${r.name ?? ''} active, which finished or was deleted`, target))
    }
  }
  if (before !== undefined && (after === undefined || after < before)) out.push(violation('CJ-8', `${show(cj)}'s lastScheduleTime went back from ${T.format(before)}`, target))
  return out
}

/** Every sync check (CJ-6, CJ-7, CJ-8). */
export const checkSync = (cj: CronJob, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => [
  ...cj6SuspendedCreatesNothing(cj, actions),
  ...cj7OneCreationPerSync(cj, view, actions),
  ...cj8ActiveListReconciled(cj, view, actions),
]

/** Every fixpoint check (CJ-5). */
export const checkFixpoint = (view: View): ReadonlyArray<Violation> => cj5HistoryWithinLimits(view)

/** Every step check: CJ-3 and CJ-4 always, CJ-1 and CJ-2 without faults. */
export const checkStep = (step: {
  readonly before: { readonly view: View; readonly now: Date }
  readonly after: { readonly view: View; readonly now: Date }
  readonly faults: boolean
}): ReadonlyArray<Violation> => [
  ...(step.faults ? [] : cj1ForbidNeverOverlaps(step.before.view, step.after.view)),
  ...(step.faults ? [] : cj2ReplaceNeverOverlaps(step.before.view, step.after.view)),
  ...cj3OneJobPerScheduledTime(step.before.view, step.after.view, step.after.now),
  ...cj4StartingDeadline(step.before.view, step.before.now, step.after.view),
]
