/**
 * The sync of one CronJob (upstream `ControllerV2.sync`: `cleanupFinishedJobs`, then
 * `syncCronJob`, then one status write), as a pure plan: deletes, the created Job, events, the
 * status write and the requeue, in the order upstream issues them.
 *
 * Where upstream reads the API server afresh (the CronJob before it reports an unexpected Job, an
 * active Job the lister misses, the Jobs it replaces, a Job whose create said AlreadyExists),
 * the pure sync reads the view it is given.
 */
import * as E from 'fp-ts/lib/Either.js'
import { parseStandard } from '../../api/cron.js'
import { loadLocation } from '../../api/timezone.js'
import type { CronJob, Job } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { isControlledBy } from '../../core/ownership.js'
import * as T from '../../core/time.js'
import { cleanupFinishedJobs, deleteJob } from './history.js'
import type { ActiveRef } from './jobs.js'
import {
  activeRefs,
  finishedCondition,
  inActiveList,
  inActiveListByName,
  isSucceeded,
  jobsToBeReconciled,
  refOf,
  refToCreated,
  withoutJob,
} from './jobs.js'
import { formatSchedule, jobName, nextScheduleTime, nextScheduleTimeDuration } from './schedule.js'
import { jobFromTemplate } from './template.js'

/** The status a sync works on (upstream's `cronJobCopy`): the active list and the two times. */
interface Working {
  readonly active: ReadonlyArray<ActiveRef>
  readonly lastScheduleTime: string | undefined
  readonly lastSuccessfulTime: string | undefined
}

/** What `syncCronJob` did: its actions (deletes, create, events), the status it leaves, its requeue (ms). */
interface Synced {
  readonly actions: ReadonlyArray<Action>
  readonly status: Working
  readonly requeueMs: number | undefined
}

/** The CronJob with the working status, as upstream's functions read the copy. */
const withStatus = (cj: CronJob, w: Working): CronJob => ({ ...cj, status: statusOf(cj, w) })

const statusOf = (cj: CronJob, w: Working): NonNullable<CronJob['status']> => {
  const { active: _active, lastScheduleTime: _last, lastSuccessfulTime: _success, ...rest } = cj.status ?? {}
  return {
    ...rest,
    ...(w.active.length === 0 ? {} : { active: w.active }),
    ...(w.lastScheduleTime === undefined ? {} : { lastScheduleTime: w.lastScheduleTime }),
    ...(w.lastSuccessfulTime === undefined ? {} : { lastSuccessfulTime: w.lastSuccessfulTime }),
  }
}

const sameActive = (a: ReadonlyArray<unknown>, b: ReadonlyArray<unknown>): boolean => a.length === b.length && a.every((x, i) => x === b[i])

/**
 * Upstream `syncCronJob` on the CronJob after cleanup (`w`): reconcile the active list with the
 * Jobs, then decide whether to start a Job for the most recent unmet schedule time.
 */
const syncCronJob = (cj: CronJob, start: Working, jobs: ReadonlyArray<Job>, cleanedUp: ReadonlyArray<Job>, view: View, now: number): Synced => {
  const target = ObjectRef.of(cj)
  const ns = cj.metadata.namespace ?? ''
  const out: Array<Action> = []
  const warn = (reason: string, message: string): void => void out.push(A.event(target, 'Warning', reason, message))
  const note = (reason: string, message: string): void => void out.push(A.event(target, 'Normal', reason, message))
  let w = start
  const done = (requeueMs?: number): Synced => ({ actions: out, status: w, requeueMs })

  const childUids = new Set<string>()
  for (const j of jobs) {
    const name = j.metadata.name ?? ''
    if (j.metadata.uid !== undefined) childUids.add(j.metadata.uid)
    const found = inActiveList(w.active, j)
    const finished = finishedCondition(j)
    if (!found && finished === undefined) {
      warn('UnexpectedJob', `Saw a job that the controller did not create or forgot: ${name}`)
    } else if (finished !== undefined) {
      if (found) {
        w = { ...w, active: withoutJob(w.active, j) }
        note('SawCompletedJob', `Saw completed job: ${name}, condition: ${finished}`)
      }
      if (isSucceeded(j)) {
        const completion = T.parse(j.status?.completionTime)
        const last = T.parse(w.lastSuccessfulTime)
        if (completion !== undefined && (last === undefined || completion > last)) w = { ...w, lastSuccessfulTime: T.format(completion) }
      }
    }
  }
  // Active references whose Job the list lacks: gone from the view (upstream: a fresh GET says NotFound).
  for (const ref of w.active) {
    if (ref.uid !== undefined && childUids.has(ref.uid)) continue
    if (ClusterView.lookup(view, 'Job', ref.namespace ?? ns, ref.name ?? '') !== undefined) continue
    note('MissingJob', `Active job went missing: ${ref.name ?? ''}`)
    w = { ...w, active: w.active.filter((r) => (ref.uid !== undefined && ref.uid !== '' ? r.uid !== ref.uid : r !== ref)) }
  }

  if (cj.metadata.deletionTimestamp !== undefined) return done()
  const tz = cj.spec.timeZone
  if (tz !== undefined) {
    const loc = loadLocation(tz)
    if (E.isLeft(loc)) {
      warn('UnknownTimeZone', `invalid timeZone: ${JSON.stringify(tz)}: ${loc.left}`)
      return done()
    }
  }
  if (cj.spec.suspend === true) return done()
  const formatted = formatSchedule(cj)
  if (formatted.unsupported) {
    warn(
      'UnsupportedSchedule',
      `CRON_TZ or TZ used in schedule ${JSON.stringify(cj.spec.schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`,
    )
  }
  const parsed = parseStandard(formatted.text)
  if (E.isLeft(parsed)) {
    warn('UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec.schedule)} : ${parsed.left}`)
    return done()
  }
  const sched = parsed.right
  const requeue = (): Synced => done(nextScheduleTimeDuration(withStatus(cj, w), now, sched))
  const decided = nextScheduleTime(withStatus(cj, w), now, sched)
  if (decided.tooManyMissed) {
    warn('TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew')
  }
  if (decided.error !== undefined) {
    warn('InvalidSchedule', `invalid schedule: ${cj.spec.schedule} : ${decided.error}`)
    return done()
  }
  const scheduled = decided.scheduled
  // (Upstream's MissSchedule check follows here; it cannot fire: the search already starts at now − startingDeadlineSeconds.)
  if (scheduled === undefined) return requeue()
  const name = jobName(cj, scheduled)
  if (inActiveListByName(w.active, ns, name) || T.parse(w.lastScheduleTime) === scheduled) return requeue()
  if (cj.spec.concurrencyPolicy === 'Forbid' && w.active.length > 0) {
    note('JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid')
    return requeue()
  }
  // The Jobs this sync deletes are gone for its create, as upstream's create follows its deletes.
  const deleted = new Set(cleanedUp)
  if (cj.spec.concurrencyPolicy === 'Replace') {
    for (const ref of w.active) {
      const job = ClusterView.lookup(view, 'Job', ref.namespace ?? ns, ref.name ?? '')
      if (job === undefined) {
        warn('FailedGet', `Get job: jobs.batch ${JSON.stringify(ref.name ?? '')} not found`)
        return done()
      }
      out.push(...deleteJob(cj, job))
      deleted.add(job)
      w = { ...w, active: withoutJob(w.active, job) }
    }
  }
  const existing = ClusterView.lookup(view, 'Job', ns, name)
  if (existing !== undefined && !deleted.has(existing)) {
    // The create would say AlreadyExists: adopt the Job into the active list if this CronJob controls it.
    if (!isControlledBy(existing, cj.metadata.uid) || inActiveList(w.active, existing)) return done()
    w = { ...w, active: [...w.active, refOf(existing)], lastScheduleTime: T.format(scheduled) }
    return requeue()
  }
  out.push(A.required<A.Create>({ _tag: 'Create', object: jobFromTemplate(cj, scheduled) }))
  note('SuccessfulCreate', `Created job ${name}`)
  w = { ...w, active: [...w.active, refToCreated(ns, name)], lastScheduleTime: T.format(scheduled) }
  return requeue()
}

/**
 * What the CronJob controller does now for `cj`: delete finished Jobs beyond the history limits,
 * reconcile `status.active` with the Jobs (finished and vanished ones out, `lastSuccessfulTime`
 * up), then — unless the CronJob is being deleted, suspended or has an unusable schedule or
 * zone — create the Job for the most recent unmet schedule time within the starting deadline,
 * as `concurrencyPolicy` allows (Replace deletes the active Jobs first); write the status once if
 * it changed, and ask to be called again just after the next schedule time.
 */
export const reconcile = (cj: CronJob, view: View, now: Date): ReadonlyArray<Action> => {
  const jobs = jobsToBeReconciled(cj, view)
  const cleanup = cleanupFinishedJobs(cj, jobs)
  const initial: Working = { active: activeRefs(cj), lastScheduleTime: cj.status?.lastScheduleTime, lastSuccessfulTime: cj.status?.lastSuccessfulTime }
  const cleaned = cleanup.deleted.reduce((w, j) => ({ ...w, active: withoutJob(w.active, j) }), initial)
  const synced = syncCronJob(cj, cleaned, jobs, cleanup.deleted, view, now.getTime())
  const w = synced.status
  const changed =
    !sameActive(w.active, initial.active) || w.lastScheduleTime !== initial.lastScheduleTime || w.lastSuccessfulTime !== initial.lastSuccessfulTime
  return [
    ...cleanup.actions,
    ...synced.actions,
    ...(changed ? [A.required<A.UpdateStatus>({ _tag: 'UpdateStatus', object: { ...cj, status: statusOf(cj, w) } })] : []),
    ...(synced.requeueMs === undefined ? [] : [A.requeueAfter(ObjectRef.of(cj), synced.requeueMs / 1000)]),
  ]
}
