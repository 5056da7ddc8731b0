/**
 * One sync of the CronJob controller, case by case (after upstream's TestControllerV2SyncCronJob
 * and the rules of `syncCronJob`): the exact actions, in order — deletes, the created Job, events
 * with upstream's reasons and messages, the status write and the requeue delay.
 */
import { describe, expect, it } from 'vitest'
import type { CronJob, Job } from '../../../src/api/workloads.js'
import * as CronJobs from '../../../src/controllers/cronjob/index.js'
import type { Action } from '../../../src/core/Action.js'
import { cronJob, date, job, jobAtTheHour, ms, refByName, refTo, times, viewOf } from './fixtures.js'

const sync = (cj: CronJob, now: string, ...jobs: ReadonlyArray<Job>): ReadonlyArray<Action> => CronJobs.reconcile(cj, viewOf(cj, ...jobs), date(now))

const target = { apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'snazzycats', name: 'mycronjob', uid: '1a2b3c' }
const ev = (type: 'Normal' | 'Warning', reason: string, message: string): Action => ({ _tag: 'Event', target, type, reason, message })
const status = (cj: CronJob, s: NonNullable<CronJob['status']>): Action => ({ _tag: 'UpdateStatus', object: { ...cj, status: s }, required: true })
const tags = (as: ReadonlyArray<Action>): ReadonlyArray<string> => as.map((a) => (a._tag === 'Event' ? `Event ${a.reason}` : a._tag))
const created = (as: ReadonlyArray<Action>): ReadonlyArray<Job> => as.flatMap((a) => (a._tag === 'Create' ? [a.object as Job] : []))
const deleted = (as: ReadonlyArray<Action>): ReadonlyArray<string> => as.flatMap((a) => (a._tag === 'Delete' ? [a.target.name] : []))
const close = (a: Action | undefined, seconds: number): void => {
  expect(a?._tag).toBe('RequeueAfter')
  expect((a as { seconds: number }).seconds).toBeCloseTo(seconds, 6)
}

describe('scheduling', () => {
  it('never ran, not time yet: only a requeue just after the next time', () => {
    const out = sync(cronJob(), times.justBeforeTheHour)
    expect(out).toHaveLength(1)
    close(out[0], 60.1)
  })

  it('never ran, is time: creates the Job of the hour, records it, requeues to the next hour', () => {
    const cj = cronJob()
    const out = sync(cj, times.justAfterTheHour)
    expect(tags(out)).toEqual(['Create', 'Event SuccessfulCreate', 'UpdateStatus', 'RequeueAfter'])
    expect(out[0]).toMatchObject({ _tag: 'Create', required: true })
    expect(created(out).map((j) => j.metadata.name)).toEqual([jobAtTheHour])
    expect(out[1]).toEqual(ev('Normal', 'SuccessfulCreate', `Created job ${jobAtTheHour}`))
    expect(out[2]).toEqual(status(cj, { active: [refByName(jobAtTheHour)], lastScheduleTime: times.topOfTheHour }))
    close(out[3], 3540.1)
  })

  it.each(['Allow', 'Forbid', 'Replace'])('never ran, is time, %s: creates', (policy) => {
    expect(created(sync(cronJob({ concurrencyPolicy: policy }), times.justAfterTheHour))).toHaveLength(1)
  })

  it('suspended: nothing, not even a requeue', () => {
    expect(sync(cronJob({ suspend: true }), times.justAfterTheHour)).toEqual([])
  })

  it('past the starting deadline: no Job and no event (upstream never reaches MissSchedule here), a requeue', () => {
    const now = new Date(ms(times.justAfterTheHour) + 11 * 60_000).toISOString()
    const out = sync(cronJob({ startingDeadlineSeconds: 10 }), now)
    expect(out).toHaveLength(1)
    close(out[0], 48 * 60 + 0.1)
  })

  it('within a long deadline: creates', () => {
    expect(created(sync(cronJob({ startingDeadlineSeconds: 1_000_000 }), times.justAfterTheHour))).toHaveLength(1)
  })

  it('prev ran but done, is time: creates; the finished Job raises lastSuccessfulTime only', () => {
    const cj = cronJob({}, { lastScheduleTime: times.justAfterThePriorHour }, { creationTimestamp: times.justBeforeThePriorHour })
    const done = job('mycronjob-24394141', { outcome: 'complete', startTime: times.justAfterThePriorHour, completionTime: '2016-05-19T09:01:10Z' })
    const out = sync(cj, times.justAfterTheHour, done)
    expect(tags(out)).toEqual(['Create', 'Event SuccessfulCreate', 'UpdateStatus', 'RequeueAfter'])
    expect(out[2]).toEqual(
      status(cj, { active: [refByName(jobAtTheHour)], lastScheduleTime: times.topOfTheHour, lastSuccessfulTime: '2016-05-19T09:01:10Z' }),
    )
  })

  it('still active, is time, Allow: a second Job next to the first', () => {
    const running = job('mycronjob-24394141', { startTime: times.justAfterThePriorHour })
    const cj = cronJob({}, { active: [refTo(running)], lastScheduleTime: times.justAfterThePriorHour })
    const out = sync(cj, times.justAfterTheHour, running)
    expect(out[2]).toEqual(status(cj, { active: [refTo(running), refByName(jobAtTheHour)], lastScheduleTime: times.topOfTheHour }))
  })

  it('still active, is time, Forbid: JobAlreadyActive, no status change, a requeue', () => {
    const running = job('mycronjob-24394141', { startTime: times.justAfterThePriorHour })
    const cj = cronJob({ concurrencyPolicy: 'Forbid' }, { active: [refTo(running)], lastScheduleTime: times.justAfterThePriorHour })
    const out = sync(cj, times.justAfterTheHour, running)
    expect(out.slice(0, 1)).toEqual([ev('Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid')])
    expect(out).toHaveLength(2)
    close(out[1], 3540.1)
  })

  it('still active, is time, Replace: deletes the running Job (Background) before creating', () => {
    const running = job('mycronjob-24394141', { startTime: times.justAfterThePriorHour })
    const cj = cronJob({ concurrencyPolicy: 'Replace' }, { active: [refTo(running)], lastScheduleTime: times.justAfterThePriorHour })
    const out = sync(cj, times.justAfterTheHour, running)
    expect(tags(out)).toEqual(['Delete', 'Event SuccessfulDelete', 'Create', 'Event SuccessfulCreate', 'UpdateStatus', 'RequeueAfter'])
    expect(out[0]).toEqual({
      _tag: 'Delete',
      target: { apiVersion: 'batch/v1', kind: 'Job', namespace: 'snazzycats', name: 'mycronjob-24394141', uid: 'uid-mycronjob-24394141' },
      propagationPolicy: 'Background',
    })
    expect(out[1]).toEqual(ev('Normal', 'SuccessfulDelete', 'Deleted job mycronjob-24394141'))
    expect(out[4]).toEqual(status(cj, { active: [refByName(jobAtTheHour)], lastScheduleTime: times.topOfTheHour }))
  })

  it('still active, not time: only the requeue, whatever the policy', () => {
    for (const policy of ['Allow', 'Forbid', 'Replace']) {
      const running = job('mycronjob-24394141', { startTime: times.justAfterThePriorHour })
      const cj = cronJob({ concurrencyPolicy: policy }, { active: [refTo(running)], lastScheduleTime: times.justAfterThePriorHour })
      const out = sync(cj, times.justBeforeTheHour, running)
      expect(out).toHaveLength(1)
      close(out[0], 60.1)
    }
  })

  it('long overdue without a deadline: TooManyMissedTimes, and still only the most recent time starts', () => {
    const cj = cronJob({}, { lastScheduleTime: times.justAfterThePriorHour }, { creationTimestamp: times.justBeforeThePriorHour })
    const out = sync(cj, times.weekAfterTheHour)
    expect(out[0]).toEqual(ev('Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew'))
    expect(created(out).map((j) => j.metadata.name)).toEqual(['mycronjob-24404280'])
    expect(out.filter((a) => a._tag === 'Create')).toHaveLength(1)
    close(out[out.length - 1], 3600.1)
  })

  it('long overdue with a two-hour deadline: no warning (the deadline bounds the count), the most recent time starts', () => {
    const cj = cronJob({ startingDeadlineSeconds: 7200 }, { lastScheduleTime: times.justAfterThePriorHour })
    const out = sync(cj, times.weekAfterTheHour)
    expect(tags(out)).toEqual(['Create', 'Event SuccessfulCreate', 'UpdateStatus', 'RequeueAfter'])
    expect(created(out)[0]?.metadata.name).toBe('mycronjob-24404280')
  })

  it('a time already started: by the active list (name) or by lastScheduleTime, only a requeue', () => {
    const running = job(jobAtTheHour)
    const byName = sync(cronJob({}, { active: [refByName(jobAtTheHour)] }), times.justAfterTheHour, running)
    expect(tags(byName)).toEqual(['RequeueAfter'])
    const byTime = sync(cronJob({}, { lastScheduleTime: times.topOfTheHour }), times.justAfterTheHour)
    expect(tags(byTime)).toEqual(['RequeueAfter'])
    close(byTime[0], 3540.1)
  })

  it('a Job of that name already exists and is ours: adopted into the active list (with its uid), no create, no event', () => {
    const existing = job(jobAtTheHour)
    const cj = cronJob()
    const out = sync(cj, times.justAfterTheHour, existing)
    expect(tags(out)).toEqual(['Event UnexpectedJob', 'UpdateStatus', 'RequeueAfter'])
    expect(out[0]).toEqual(ev('Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${jobAtTheHour}`))
    expect(out[1]).toEqual(status(cj, { active: [refTo(existing)], lastScheduleTime: times.topOfTheHour }))
  })

  it("a Job of that name exists and is someone else's: nothing, no requeue", () => {
    const foreign = job(jobAtTheHour, { owner: 'mycronjob', ownerUid: 'other-uid' })
    const out = sync(cronJob(), times.justAfterTheHour, foreign)
    expect(tags(out)).toEqual(['Event UnexpectedJob'])
    expect(sync(cronJob(), times.justAfterTheHour, job(jobAtTheHour, { owner: null }))).toEqual([])
  })
})

describe('the active list and the Jobs', () => {
  it('a finished Job leaves the active list (SawCompletedJob) and raises lastSuccessfulTime; a failed one only leaves', () => {
    const ok = job('mycronjob-1', { outcome: 'complete', completionTime: '2016-05-19T09:30:00Z', startTime: '2016-05-19T09:00:00Z' })
    const bad = job('mycronjob-2', { outcome: 'failed', startTime: '2016-05-19T09:10:00Z' })
    const cj = cronJob({ failedJobsHistoryLimit: 5 }, { active: [refTo(ok), refTo(bad)], lastScheduleTime: times.justAfterThePriorHour })
    const out = sync(cj, times.justBeforeTheHour, ok, bad)
    expect(out.slice(0, 3)).toEqual([
      ev('Normal', 'SawCompletedJob', 'Saw completed job: mycronjob-1, condition: Complete'),
      ev('Normal', 'SawCompletedJob', 'Saw completed job: mycronjob-2, condition: Failed'),
      status(cj, { lastScheduleTime: times.justAfterThePriorHour, lastSuccessfulTime: '2016-05-19T09:30:00Z' }),
    ])
  })

  it('lastSuccessfulTime never goes back, and a Complete Job not in the active list still counts', () => {
    const newer = job('mycronjob-1', { outcome: 'complete', completionTime: '2016-05-19T09:30:00Z' })
    const older = job('mycronjob-2', { outcome: 'complete', completionTime: '2016-05-19T09:20:00Z' })
    const at = { lastScheduleTime: times.justAfterThePriorHour }
    expect(tags(sync(cronJob({}, { ...at, lastSuccessfulTime: '2016-05-19T09:30:00Z' }), times.justBeforeTheHour, newer, older))).toEqual(['RequeueAfter'])
    const cj = cronJob({}, { ...at, lastSuccessfulTime: '2016-05-19T09:25:00Z' })
    expect(sync(cj, times.justBeforeTheHour, newer, older)[0]).toEqual(
      status(cj, { lastScheduleTime: times.justAfterThePriorHour, lastSuccessfulTime: '2016-05-19T09:30:00Z' }),
    )
  })

  it('an active Job gone from the view: MissingJob, and out of the list (then the time is free to start)', () => {
    const cj = cronJob({}, { active: [refTo(job('mycronjob-24394141'))], lastScheduleTime: times.justAfterThePriorHour })
    const out = sync(cj, times.justBeforeTheHour)
    expect(out.slice(0, 2)).toEqual([
      ev('Normal', 'MissingJob', 'Active job went missing: mycronjob-24394141'),
      status(cj, { lastScheduleTime: times.justAfterThePriorHour }),
    ])
    const forbid = cronJob({ concurrencyPolicy: 'Forbid' }, { active: [refTo(job('gone'))], lastScheduleTime: times.justAfterThePriorHour })
    expect(tags(sync(forbid, times.justAfterTheHour))).toEqual(['Event MissingJob', 'Create', 'Event SuccessfulCreate', 'UpdateStatus', 'RequeueAfter'])
  })

  it('a reference without uid stands for the Job of its name: kept while it runs, dropped when it finishes', () => {
    const running = job('mycronjob-24394141')
    expect(tags(sync(cronJob({}, { active: [refByName('mycronjob-24394141')] }), times.justBeforeTheHour, running))).toEqual(['RequeueAfter'])
    const done = job('mycronjob-24394141', { outcome: 'complete' })
    const cj = cronJob({}, { active: [refByName('mycronjob-24394141')] })
    expect(tags(sync(cj, times.justBeforeTheHour, done))).toEqual(['Event SawCompletedJob', 'UpdateStatus', 'RequeueAfter'])
  })

  it('a reference whose uid matches a Job of another name is kept (the Job exists); Replace then cannot GET it: FailedGet', () => {
    const real = job('real', { uid: 'u1' })
    const cj = cronJob({ concurrencyPolicy: 'Replace' }, { active: [{ kind: 'Job', namespace: 'snazzycats', name: 'ghost', uid: 'u1' }], lastScheduleTime: times.justAfterThePriorHour })
    expect(sync(cj, times.justAfterTheHour, real)).toEqual([ev('Warning', 'FailedGet', 'Get job: jobs.batch "ghost" not found')])
  })

  it('an unfinished Job of ours that the list lacks: UnexpectedJob (the Job of another CronJob or kind is matched by name)', () => {
    const stray = job('stray')
    const otherKind = job('by-name', { ownerKind: 'Workflow', ownerUid: 'w1' })
    const elsewhere = job('elsewhere', { namespace: 'other' })
    const notOurs = job('theirs', { owner: 'someone' })
    const out = sync(cronJob(), times.justBeforeTheHour, stray, otherKind, elsewhere, notOurs)
    expect(out.filter((a) => a._tag === 'Event')).toEqual([
      ev('Warning', 'UnexpectedJob', 'Saw a job that the controller did not create or forgot: by-name'),
      ev('Warning', 'UnexpectedJob', 'Saw a job that the controller did not create or forgot: stray'),
    ])
  })

  it('a CronJob being deleted: the list is reconciled and written, nothing is scheduled, no requeue', () => {
    const done = job('mycronjob-1', { outcome: 'complete', completionTime: '2016-05-19T09:30:00Z' })
    const cj = cronJob({}, { active: [refTo(done)] }, { deletionTimestamp: times.justBeforeTheHour })
    expect(tags(sync(cj, times.justAfterTheHour, done))).toEqual(['Event SawCompletedJob', 'UpdateStatus'])
  })
})

describe('history cleanup', () => {
  const complete = (n: number, start?: string): Job =>
    job(`mycronjob-c${n}`, { outcome: 'complete', completionTime: times.topOfTheHour, ...(start === undefined ? {} : { startTime: start }) })
  const failed = (n: number, start?: string): Job => job(`mycronjob-f${n}`, { outcome: 'failed', ...(start === undefined ? {} : { startTime: start }) })

  it('deletes the oldest Complete Jobs beyond the limit (no start time counts as newest; ties by name), then Failed ones', () => {
    const jobs = [
      complete(1, '2016-05-19T09:04:00Z'),
      complete(2, '2016-05-19T09:01:00Z'),
      complete(3),
      complete(4, '2016-05-19T09:01:00Z'),
      complete(5, '2016-05-19T09:02:00Z'),
      failed(1, '2016-05-19T09:03:00Z'),
      failed(2),
      failed(3, '2016-05-19T09:01:00Z'),
    ]
    const cj = cronJob({ successfulJobsHistoryLimit: 2, failedJobsHistoryLimit: 1 }, { lastScheduleTime: times.justAfterThePriorHour, lastSuccessfulTime: times.topOfTheHour })
    const out = sync(cj, times.justBeforeTheHour, ...jobs)
    expect(deleted(out)).toEqual(['mycronjob-c2', 'mycronjob-c4', 'mycronjob-c5', 'mycronjob-f3', 'mycronjob-f1'])
    expect(out.filter((a) => a._tag === 'Delete').every((a) => a._tag === 'Delete' && a.propagationPolicy === 'Background' && a.preconditions === undefined)).toBe(true)
    expect(out[1]).toEqual(ev('Normal', 'SuccessfulDelete', 'Deleted job mycronjob-c2'))
    expect(tags(out).slice(-1)).toEqual(['RequeueAfter'])
  })

  it('runs when suspended and while the CronJob is being deleted; a limit of 0 keeps none; no limits, no cleanup', () => {
    const jobs = [complete(1, '2016-05-19T09:01:00Z'), complete(2, '2016-05-19T09:02:00Z')]
    expect(deleted(sync(cronJob({ suspend: true, successfulJobsHistoryLimit: 0 }), times.justBeforeTheHour, ...jobs))).toEqual(['mycronjob-c1', 'mycronjob-c2'])
    expect(deleted(sync(cronJob({ successfulJobsHistoryLimit: 1 }, undefined, { deletionTimestamp: times.topOfTheHour }), times.justBeforeTheHour, ...jobs))).toEqual(['mycronjob-c1'])
    const { successfulJobsHistoryLimit: _s, failedJobsHistoryLimit: _f, ...spec } = cronJob().spec
    expect(deleted(sync({ ...cronJob(), spec }, times.justBeforeTheHour, ...jobs, failed(1), failed(2)))).toEqual([])
    expect(deleted(sync(cronJob({ successfulJobsHistoryLimit: 2 }), times.justBeforeTheHour, ...jobs))).toEqual([])
  })

  it('a deleted Job leaves the active list too, and still counts for lastSuccessfulTime (one status write)', () => {
    const old = complete(1, '2016-05-19T09:01:00Z')
    const cj = cronJob({ successfulJobsHistoryLimit: 0 }, { active: [refTo(old)] })
    const out = sync(cj, times.justBeforeTheHour, old)
    expect(tags(out)).toEqual(['Delete', 'Event SuccessfulDelete', 'UpdateStatus', 'RequeueAfter'])
    expect(out[2]).toEqual(status(cj, { lastSuccessfulTime: times.topOfTheHour }))
  })
})

describe('schedules and zones', () => {
  it('an unknown time zone: UnknownTimeZone, no requeue', () => {
    expect(sync(cronJob({ timeZone: 'Mars/Olympus' }), times.justAfterTheHour)).toEqual([
      ev('Warning', 'UnknownTimeZone', 'invalid timeZone: "Mars/Olympus": unknown time zone Mars/Olympus'),
    ])
  })

  it('an unparseable schedule: UnparseableSchedule, no requeue', () => {
    expect(sync(cronJob({ schedule: 'obvious error schedule' }), times.justAfterTheHour)).toEqual([
      ev('Warning', 'UnparseableSchedule', 'unparseable schedule: "obvious error schedule" : must have 5 fields (minute hour day-of-month month day-of-week) or be a descriptor such as @hourly, got 3'),
    ])
  })

  it('a schedule that never fires: InvalidSchedule, no requeue', () => {
    expect(sync(cronJob({ schedule: '59 23 31 2 *' }, undefined, { creationTimestamp: '2016-05-19T10:00:10Z' }), '2016-05-19T11:00:00Z')).toEqual([
      ev('Warning', 'InvalidSchedule', 'invalid schedule: 59 23 31 2 * : time difference between two schedules is less than 1 second'),
    ])
  })

  it('TZ= in the schedule: UnsupportedSchedule every sync, and the schedule is honoured in that zone', () => {
    const cj = cronJob({ schedule: 'TZ=Asia/Kathmandu 45 15 * * *' })
    const out = sync(cj, times.justAfterTheHour)
    expect(out[0]).toEqual(
      ev(
        'Warning',
        'UnsupportedSchedule',
        'CRON_TZ or TZ used in schedule "TZ=Asia/Kathmandu 45 15 * * *" is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details',
      ),
    )
    expect(created(out).map((j) => j.metadata.name)).toEqual([jobAtTheHour])
    expect(created(out)[0]?.metadata.annotations?.['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2016-05-19T10:00:00Z')
  })

  it('spec.timeZone: the schedule runs on that wall clock, the annotation shows it', () => {
    const cj = cronJob({ schedule: '0 12 * * *', timeZone: 'Europe/Rome' })
    const out = sync(cj, '2016-05-19T10:00:30Z')
    expect(created(out)[0]?.metadata.annotations).toEqual({ x: 'y', 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2016-05-19T12:00:00+02:00' })
    close(out[out.length - 1], 86400 - 30 + 0.1)
  })

  it('the created Job: name, namespace, labels, annotations, creation time, controller reference, the template spec', () => {
    const cj = cronJob()
    const j = created(sync(cj, times.justAfterTheHour))[0]!
    expect(j).toEqual({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: jobAtTheHour,
        namespace: 'snazzycats',
        labels: { a: 'b' },
        annotations: { x: 'y', 'batch.kubernetes.io/cronjob-scheduled-timestamp': times.topOfTheHour },
        creationTimestamp: times.topOfTheHour,
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'mycronjob', uid: '1a2b3c', controller: true, blockOwnerDeletion: true }],
      },
      spec: cj.spec.jobTemplate.spec,
    })
    const bare = cronJob({ jobTemplate: { spec: cj.spec.jobTemplate.spec } })
    expect(created(sync(bare, times.justAfterTheHour))[0]?.metadata).not.toHaveProperty('labels')
  })

  it('@every: the next time counts from the last one, and the deadline moves the search start', () => {
    const cj = cronJob({ schedule: '@every 1h' }, { lastScheduleTime: '2016-05-19T09:01:00Z' })
    const out = sync(cj, '2016-05-19T10:01:30Z')
    expect(created(out)[0]?.metadata.name).toBe('mycronjob-24394201')
    close(out[out.length - 1], 3600 - 30 + 0.1)
  })
})
