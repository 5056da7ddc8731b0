/**
 * The CronJob invariants can fail: each one finds the violation it is about in a hand-made view,
 * step or sync, and is quiet on the conforming case; the catalogue lists CJ-1..CJ-8 with their
 * scopes and shapes.
 */
import { describe, expect, it } from 'vitest'
import type { CronJob, Job } from '../../../src/api/workloads.js'
import * as CronJobs from '../../../src/controllers/cronjob/index.js'
import type { Action } from '../../../src/core/Action.js'
import { catalogue } from '../../../src/invariants/catalogue.js'
import * as Inv from '../../../src/invariants/cronjob.js'
import { cronJob, date, job, jobAtTheHour, ms, refByName, refTo, times, viewOf } from './fixtures.js'

const ids = (vs: ReadonlyArray<{ readonly id: string }>): ReadonlyArray<string> => vs.map((v) => v.id)
const scheduled = (name: string, at: string, extra: Parameters<typeof job>[1] = {}): Job => {
  const j = job(name, extra)
  return { ...j, metadata: { ...j.metadata, annotations: { [CronJobs.scheduledTimestampAnnotation]: at } } }
}
const create = (j: Job): Action => ({ _tag: 'Create', object: j, required: true })
const withStatus = (cj: CronJob, status: NonNullable<CronJob['status']>): Action => ({ _tag: 'UpdateStatus', object: { ...cj, status }, required: true })

describe('CJ-1 / CJ-2: Forbid and Replace never start a Job beside an active one', () => {
  it.each([
    ['Forbid', 'CJ-1'],
    ['Replace', 'CJ-2'],
  ] as const)('%s: a Job started while another stays active is a violation (%s)', (policy, id) => {
    const cj = cronJob({ concurrencyPolicy: policy })
    const check = id === 'CJ-1' ? Inv.cj1ForbidNeverOverlaps : Inv.cj2ReplaceNeverOverlaps
    const a = job('a')
    const b = job('b')
    expect(check(viewOf(cj, a), viewOf(cj, a, b)).map((v) => v.message)).toEqual([`CronJob snazzycats/mycronjob (${policy}) started b while a stayed active`])
    expect(check(viewOf(cj, a), viewOf(cj, job('a', { outcome: 'complete' }), b))).toEqual([])
    expect(check(viewOf(cj, a), viewOf(cj, job('a', { deleting: true }), b))).toEqual([])
    expect(check(viewOf(cj, a), viewOf(cj, b))).toEqual([])
    expect(check(viewOf(cj, job('a', { outcome: 'failed' })), viewOf(cj, job('a', { outcome: 'failed' }), b))).toEqual([])
    expect(check(viewOf(cj), viewOf(cj, a, b))).toEqual([])
    expect(check(viewOf(cj, a, b), viewOf(cj, a, b))).toEqual([])
    expect(check(viewOf(cronJob(), a), viewOf(cronJob(), a, b))).toEqual([])
    expect(check(viewOf(cj, a), viewOf(cj, a, job('b', { ownerUid: 'other' })))).toEqual([])
  })

  it('the policy is the one the step started with; a Job created before an edit to Forbid is no violation', () => {
    const a = job('a')
    const b = job('b')
    expect(ids(Inv.cj1ForbidNeverOverlaps(viewOf(cronJob({ concurrencyPolicy: 'Forbid' }), a), viewOf(cronJob(), a, b)))).toEqual(['CJ-1'])
    expect(Inv.cj1ForbidNeverOverlaps(viewOf(cronJob(), a), viewOf(cronJob({ concurrencyPolicy: 'Forbid' }), a, b))).toEqual([])
    expect(Inv.activeJobs(cronJob(), viewOf(a, b, job('c', { outcome: 'complete' }), job('d', { deleting: true }))).map((j) => j.metadata.name)).toEqual(['a', 'b'])
  })
})

describe('CJ-3: new Jobs are named after a schedule time, each time once', () => {
  const cj = cronJob()
  const before = viewOf(cj)
  const check = (...jobs: ReadonlyArray<Job>) => Inv.cj3OneJobPerScheduledTime(before, viewOf(cj, ...jobs), date(times.justAfterTheHour))
  it('a proper Job passes; Jobs already there before the step are not looked at', () => {
    expect(check(scheduled(jobAtTheHour, times.topOfTheHour))).toEqual([])
    const old = scheduled('whatever', '2016-05-19T10:00:30Z')
    expect(Inv.cj3OneJobPerScheduledTime(viewOf(cj, old), viewOf(cj, old), date(times.justAfterTheHour))).toEqual([])
  })
  it('finds a wrong name, a time off the schedule, a time in the future, two Jobs for one time, a missing annotation', () => {
    expect(check(scheduled('mycronjob-1', times.topOfTheHour)).map((v) => v.message)).toEqual([
      `Job snazzycats/mycronjob-1 is not named after its time ${times.topOfTheHour} (${jobAtTheHour})`,
    ])
    expect(ids(check(scheduled('mycronjob-24394170', '2016-05-19T09:30:00Z')))).toEqual(['CJ-3'])
    expect(ids(check(scheduled('mycronjob-24394260', '2016-05-19T11:00:00Z')))).toEqual(['CJ-3'])
    expect(ids(check(scheduled(jobAtTheHour, times.topOfTheHour), scheduled('mycronjob-x', times.topOfTheHour, { uid: 'x' })))).toContain('CJ-3')
    expect(check(job(jobAtTheHour)).map((v) => v.message)).toEqual([`Job snazzycats/${jobAtTheHour} has no scheduled-timestamp annotation`])
  })
  it('a time of the schedule as it was before the step also counts', () => {
    const edited = cronJob({ schedule: '30 * * * *' })
    expect(Inv.cj3OneJobPerScheduledTime(viewOf(cj), viewOf(edited, scheduled(jobAtTheHour, times.topOfTheHour)), date(times.justAfterTheHour))).toEqual([])
  })
})

describe('CJ-4: never past the starting deadline', () => {
  it('a Job for a time older than the deadline at the step start is a violation', () => {
    const cj = cronJob({ startingDeadlineSeconds: 30 })
    const late = scheduled(jobAtTheHour, times.topOfTheHour)
    expect(ids(Inv.cj4StartingDeadline(viewOf(cj), date('2016-05-19T10:00:31Z'), viewOf(cj, late)))).toEqual(['CJ-4'])
    expect(Inv.cj4StartingDeadline(viewOf(cj), date('2016-05-19T10:00:30Z'), viewOf(cj, late))).toEqual([])
    expect(Inv.cj4StartingDeadline(viewOf(cronJob()), date('2016-05-20T10:00:00Z'), viewOf(cronJob(), late))).toEqual([])
  })
})

describe('CJ-5: history within the limits', () => {
  it('counts Complete and Failed Jobs apart, not those being deleted', () => {
    const cj = cronJob({ successfulJobsHistoryLimit: 1, failedJobsHistoryLimit: 0 })
    expect(Inv.cj5HistoryWithinLimits(viewOf(cj, job('a', { outcome: 'complete' }), job('b', { outcome: 'complete' }))).map((v) => v.message)).toEqual([
      'CronJob snazzycats/mycronjob keeps 2 Complete Jobs, its limit is 1',
    ])
    expect(ids(Inv.cj5HistoryWithinLimits(viewOf(cj, job('c', { outcome: 'failed' }))))).toEqual(['CJ-5'])
    expect(Inv.cj5HistoryWithinLimits(viewOf(cj, job('a', { outcome: 'complete' }), job('b', { outcome: 'complete', deleting: true }), job('r')))).toEqual([])
    expect(Inv.checkFixpoint(viewOf(cj, job('a', { outcome: 'complete' })))).toEqual([])
  })
})

describe('CJ-6: a suspended CronJob starts nothing', () => {
  it('finds a create or a requeue', () => {
    const cj = cronJob({ suspend: true })
    const target = { apiVersion: 'batch/v1', kind: 'CronJob', name: 'mycronjob' }
    expect(ids(Inv.cj6SuspendedCreatesNothing(cj, [create(job('x'))]))).toEqual(['CJ-6'])
    expect(ids(Inv.cj6SuspendedCreatesNothing(cj, [{ _tag: 'RequeueAfter', target, seconds: 1 }]))).toEqual(['CJ-6'])
    expect(Inv.cj6SuspendedCreatesNothing(cronJob(), [create(job('x'))])).toEqual([])
  })
})

describe('CJ-7: one creation per sync, for a new schedule time, as the policy allows', () => {
  const fresh = CronJobs.jobFromTemplate(cronJob(), ms(times.topOfTheHour))
  it('the controller passes', () => {
    const cj = cronJob()
    expect(Inv.checkSync(cj, viewOf(cj), CronJobs.reconcile(cj, viewOf(cj), date(times.justAfterTheHour)))).toEqual([])
  })
  it('finds two creates, a name off the schedule, a time not after the last one', () => {
    expect(ids(Inv.cj7OneCreationPerSync(cronJob(), viewOf(), [create(fresh), create(fresh)]))).toEqual(['CJ-7'])
    const odd = CronJobs.jobFromTemplate(cronJob(), ms('2016-05-19T10:30:00Z'))
    expect(ids(Inv.cj7OneCreationPerSync(cronJob(), viewOf(), [create(odd)]))).toEqual(['CJ-7'])
    expect(ids(Inv.cj7OneCreationPerSync(cronJob({}, { lastScheduleTime: times.topOfTheHour }), viewOf(), [create(fresh)]))).toEqual(['CJ-7'])
  })
  it('Forbid: nothing else may stay active; Replace: the active Jobs must be deleted first', () => {
    const running = job('mycronjob-24394141')
    const forbid = cronJob({ concurrencyPolicy: 'Forbid' }, { active: [refTo(running)] })
    expect(ids(Inv.cj7OneCreationPerSync(forbid, viewOf(running), [create(fresh), withStatus(forbid, { active: [refTo(running), refByName(jobAtTheHour)] })]))).toEqual(['CJ-7'])
    const replace = cronJob({ concurrencyPolicy: 'Replace' }, { active: [refTo(running)] })
    const noDelete = [create(fresh), withStatus(replace, { active: [refByName(jobAtTheHour)] })]
    expect(Inv.cj7OneCreationPerSync(replace, viewOf(running), noDelete).map((v) => v.message)).toEqual([
      'CronJob snazzycats/mycronjob (Replace) created a Job without deleting the active mycronjob-24394141',
    ])
    const deleteAfter = [create(fresh), { _tag: 'Delete', target: { apiVersion: 'batch/v1', kind: 'Job', name: running.metadata.name ?? '' } } as Action, withStatus(replace, { active: [refByName(jobAtTheHour)] })]
    expect(ids(Inv.cj7OneCreationPerSync(replace, viewOf(running), deleteAfter))).toEqual(['CJ-7'])
  })
})

describe('CJ-8: the active list is reconciled', () => {
  it('finds a finished, vanished or deleted Job kept, and lastScheduleTime going back', () => {
    const done = job('done', { outcome: 'complete' })
    const cj = cronJob({}, { active: [refTo(done), refByName('gone')], lastScheduleTime: times.topOfTheHour })
    expect(Inv.cj8ActiveListReconciled(cj, viewOf(cj, done), []).map((v) => v.message)).toEqual([
      'CronJob snazzycats/mycronjob keeps done active, which finished or was deleted',
      'CronJob snazzycats/mycronjob keeps gone active, which is gone',
    ])
    const back = withStatus(cj, { lastScheduleTime: times.justAfterThePriorHour })
    expect(ids(Inv.cj8ActiveListReconciled(cronJob({}, { lastScheduleTime: times.topOfTheHour }), viewOf(), [back]))).toEqual(['CJ-8'])
    const running = job('r')
    const deleted = cronJob({}, { active: [refTo(running)] })
    expect(ids(Inv.cj8ActiveListReconciled(deleted, viewOf(running), [{ _tag: 'Delete', target: { apiVersion: 'batch/v1', kind: 'Job', name: 'r' } }]))).toEqual(['CJ-8'])
  })
  it('the entry of the time just scheduled is exempt, even when adopted finished', () => {
    const cj = cronJob()
    const adopted = job(jobAtTheHour, { outcome: 'complete' })
    expect(Inv.cj8ActiveListReconciled(cj, viewOf(adopted), [withStatus(cj, { active: [refTo(adopted)], lastScheduleTime: times.topOfTheHour })])).toEqual([])
  })
})

describe('the catalogue', () => {
  it('lists CJ-1..CJ-8 in the CronJob scope with their shapes', () => {
    const mine = catalogue.filter((i) => i.scope === 'CronJob')
    expect(mine.map((i) => [i.id, i.takes])).toEqual([
      ['CJ-1', 'step'],
      ['CJ-2', 'step'],
      ['CJ-3', 'step'],
      ['CJ-4', 'step'],
      ['CJ-5', 'fixpoint'],
      ['CJ-6', 'sync'],
      ['CJ-7', 'sync'],
      ['CJ-8', 'sync'],
    ])
  })

  it('wires each check: steps stay silent with faults for CJ-1/2, syncs ignore other kinds', () => {
    const forbid = cronJob({ concurrencyPolicy: 'Forbid' })
    const before = { view: viewOf(forbid, job('a')), now: date(times.justAfterTheHour) }
    const after = { view: viewOf(forbid, job('a'), job('b')), now: date(times.justAfterTheHour) }
    const entry = (id: string) => catalogue.find((i) => i.id === id)!
    const step = (id: string, faults: boolean) => {
      const e = entry(id)
      return e.takes === 'step' ? e.check({ before, after, faults }) : []
    }
    expect(ids(step('CJ-1', false))).toEqual(['CJ-1'])
    expect(step('CJ-1', true)).toEqual([])
    const sync = entry('CJ-6')
    const suspended = cronJob({ suspend: true })
    expect(sync.takes === 'sync' ? ids(sync.check(suspended, viewOf(), [create(job('x'))])) : []).toEqual(['CJ-6'])
    expect(sync.takes === 'sync' ? sync.check(job('x'), viewOf(), [create(job('x'))]) : ['not a sync check']).toEqual([])
    const fix = entry('CJ-5')
    expect(fix.takes === 'fixpoint' ? ids(fix.check(viewOf(cronJob({ successfulJobsHistoryLimit: 0 }), job('a', { outcome: 'complete' })), new Date())) : []).toEqual(['CJ-5'])
  })
})
