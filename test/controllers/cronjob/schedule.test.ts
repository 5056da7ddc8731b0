/**
 * Schedule times, history order and the Job template (upstream `utils.go`), with the vectors of
 * upstream's `utils_test.go`: TestMostRecentScheduleTime, TestNextScheduleTimeDuration,
 * TestNextScheduleTime, TestByJobStartTime, TestGetJobFromTemplate2.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { Schedule } from '../../../src/api/cron.js'
import type { CronJob, Job } from '../../../src/api/workloads.js'
import * as CronJobs from '../../../src/controllers/cronjob/index.js'
import { cronJob, job, ms, times } from './fixtures.js'

const top = ms(times.topOfTheHour)
const after = (minutes: number): number => top + minutes * 60_000
const iso = (t: number | undefined): string | undefined => (t === undefined ? undefined : new Date(t).toISOString().replace('.000Z', 'Z'))
const sched = (text: string): Schedule => {
  const s = CronJobs.parseStandard(text)
  if (E.isLeft(s)) throw new Error(s.left)
  return s.right
}
const cj = (schedule: string, created: number, last?: number, sds?: number): CronJob =>
  cronJob(
    { schedule, ...(sds === undefined ? {} : { startingDeadlineSeconds: sds }) },
    last === undefined ? undefined : { lastScheduleTime: iso(last)! },
    { creationTimestamp: iso(created)! },
  )

describe('mostRecentScheduleTime (TestMostRecentScheduleTime)', () => {
  it.each<readonly [string, CronJob, number, boolean, number, number | undefined, CronJobs.Missed]>([
    ['now before next schedule', cj('0 * * * *', top), top + 30_000, false, top, undefined, 'none'],
    ['now just after next schedule', cj('0 * * * *', top), after(61), false, top, after(60), 'none'],
    ['missed 5 schedules', cj('0 * * * *', top + 10_000), after(301), false, top + 10_000, after(300), 'few'],
    ['complex schedule', cj('30 6-16/4 * * 1-5', top, after(30)), after(24 * 60 + 31), false, after(30), after(24 * 60 + 30), 'few'],
    ['another complex schedule (the estimate overshoots: none found)', cj('30 10,11,12 * * 1-5', top, after(30)), after(30 * 60 + 30), false, after(30), undefined, 'few'],
    ['complex schedule with longer diff between executions', cj('30 6-16/4 * * 1-5', top, after(30)), after(96 * 60 + 31), false, after(30), after(96 * 60 + 30), 'few'],
    ['complex schedule with shorter diff between executions', cj('30 6-16/4 * * 1-5', top), after(24 * 60 + 31), false, top, after(24 * 60 + 30), 'few'],
    ['@every schedule', cj('@every 1h', after(-59), after(1), 10), after(7 * 24 * 60), false, after(1), after(6 * 24 * 60 + 23 * 60 + 1), 'many'],
    ['earliestTime being CreationTimestamp and LastScheduleTime', cj('0 * * * *', top, top), top + 30_000, false, top, undefined, 'none'],
    ['earliestTime being LastScheduleTime', cj('*/5 * * * *', top, after(30)), after(31), false, after(30), undefined, 'none'],
    ['earliestTime being LastScheduleTime (within StartingDeadlineSeconds)', cj('*/5 * * * *', top, after(30), 60), after(31), false, after(30), undefined, 'none'],
    ['earliestTime being LastScheduleTime (outside StartingDeadlineSeconds)', cj('*/5 * * * *', top, after(30), 60), after(32), true, after(31), undefined, 'none'],
  ])('%s', (_name, c, now, includeSDS, earliest, recent, missed) => {
    const r = CronJobs.mostRecentScheduleTime(c, now, sched(c.spec.schedule), includeSDS)
    expect([iso(r.earliest), iso(r.mostRecent), r.missed, r.error]).toEqual([iso(earliest), iso(recent), missed, undefined])
  })

  it('rogue cronjob: a schedule without two times a second apart is an error', () => {
    const c = cj('59 23 31 2 *', top + 10_000)
    expect(CronJobs.mostRecentScheduleTime(c, after(60), sched(c.spec.schedule), false)).toEqual({
      earliest: top + 10_000,
      mostRecent: undefined,
      missed: 'none',
      error: 'time difference between two schedules is less than 1 second',
    })
  })

  it('counts up to 100 missed times as few, 101 as many', () => {
    const c = cj('* * * * *', top)
    expect(CronJobs.mostRecentScheduleTime(c, after(100) + 30_000, sched('* * * * *'), false).missed).toBe('few')
    expect(CronJobs.mostRecentScheduleTime(c, after(101) + 30_000, sched('* * * * *'), false).missed).toBe('many')
    expect(CronJobs.mostRecentScheduleTime(c, after(101) + 30_000, sched('* * * * *'), false).mostRecent).toBe(after(101))
  })

  it('without a creation time the search starts at Go zero time: far too many missed times, the most recent found', () => {
    const { creationTimestamp: _c, ...meta } = cronJob().metadata
    const c = { ...cronJob(), metadata: meta }
    const r = CronJobs.mostRecentScheduleTime(c, top + 90_000, sched('* * * * *'), false)
    expect([r.earliest, iso(r.mostRecent), r.missed]).toEqual([CronJobs.zeroTime, '2016-05-19T10:01:00Z', 'many'])
  })
})

describe('nextScheduleTimeDuration (TestNextScheduleTimeDuration)', () => {
  it.each<readonly [string, CronJob, number, number]>([
    ['complex schedule skipping weekend', cj('30 6-16/4 * * 1-5', top, after(30)), after(24 * 60 + 31), (3 * 60 + 59) * 60_000 + 100],
    ['another complex schedule skipping weekend', cj('30 10,11,12 * * 1-5', top, after(30)), after(30 * 60 + 30), 66 * 3_600_000 + 100],
    ['once a week cronjob, missed two runs', cj('0 12 * * 4', top, after(120)), after(19 * 24 * 60 + 90), (48 * 60 + 30) * 60_000 + 100],
    ['no previous run of a cronjob', cj('0 12 * * 5', top), after(6 * 60), 20 * 3_600_000 + 100],
  ])('%s', (_name, c, now, expected) => {
    expect(CronJobs.nextScheduleTimeDuration(c, now, sched(c.spec.schedule))).toBe(expected)
  })

  it('after an error, the next time after now; ignores the deadline', () => {
    const c = cj('*/5 * * * *', top, after(30), 60)
    expect(CronJobs.nextScheduleTimeDuration(c, after(32), sched('*/5 * * * *'))).toBe(3 * 60_000 + 100)
    const rogue = cj('59 23 31 2 *', top)
    expect(CronJobs.nextScheduleTimeDuration(rogue, after(32), sched('59 23 31 2 *'))).toBe(CronJobs.zeroTime + 100 - after(32))
    expect(CronJobs.nextScheduleDeltaMs).toBe(100)
  })
})

describe('nextScheduleTime (TestNextScheduleTime)', () => {
  const hourly = sched('0 * * * ?')
  const T1 = top
  const T2 = top + 3_600_000
  it.each<readonly [string, CronJob, number, number | undefined]>([
    ['1: no known start times, and none needed yet', cj('0 * * * ?', T1 - 600_000), T1 - 420_000, undefined],
    ['2: no known start times, and one needed', cj('0 * * * ?', T1 - 600_000), T1 + 2000, T1],
    ['3: known LastScheduleTime, no start needed', cj('0 * * * ?', T1 - 600_000, T1), T1 + 120_000, undefined],
    ['4: known LastScheduleTime, a start needed', cj('0 * * * ?', T1 - 600_000, T1), T2 + 300_000, T2],
    ['5: known LastScheduleTime, two starts needed', cj('0 * * * ?', T1 - 7_200_000, T1 - 3_600_000), T2 + 300_000, T2],
    ['6: now is way way ahead of last start time, and there is no deadline', cj('0 * * * ?', T1 - 7_200_000, T1 - 3_600_000), T2 + 10 * 86_400_000, T2 + 10 * 86_400_000],
    ['7: now is way way ahead of last start time, but there is a short deadline', cj('0 * * * ?', T1 - 7_200_000, T1 - 3_600_000, 7200), T2 + 10 * 86_400_000, T2 + 10 * 86_400_000],
  ])('%s', (_name, c, now, expected) => {
    expect(iso(CronJobs.nextScheduleTime(c, now, hourly).scheduled)).toBe(iso(expected))
  })

  it('6 warns of too many missed times, 7 (deadline 2 h) does not', () => {
    expect(CronJobs.nextScheduleTime(cj('0 * * * ?', T1 - 7_200_000, T1 - 3_600_000), T2 + 10 * 86_400_000, hourly).tooManyMissed).toBe(true)
    expect(CronJobs.nextScheduleTime(cj('0 * * * ?', T1 - 7_200_000, T1 - 3_600_000, 7200), T2 + 10 * 86_400_000, hourly).tooManyMissed).toBe(false)
  })

  it('8: the error of mostRecentScheduleTime comes up', () => {
    expect(CronJobs.nextScheduleTime(cj('0 * * * ?', T1 + 10_000), T2, sched('59 23 31 2 *'))).toEqual({
      scheduled: undefined,
      tooManyMissed: false,
      error: 'time difference between two schedules is less than 1 second',
    })
  })
})

describe('byJobStartTime (TestByJobStartTime)', () => {
  const at = (name: string, start?: string): Job => job(name, start === undefined ? {} : { startTime: start })
  const now = '2018-01-01T02:03:04Z'
  const later = '2019-01-01T02:03:04Z'
  it.each<readonly [string, ReadonlyArray<Job>, ReadonlyArray<string>]>([
    ['both have nil start times', [at('b'), at('a')], ['a', 'b']],
    ['only the first has a nil start time', [at('a'), at('b', now)], ['b', 'a']],
    ['only the second has a nil start time', [at('a', now), at('b')], ['a', 'b']],
    ['both have non-nil, equal start time', [at('b', now), at('a', now)], ['a', 'b']],
    ['both have non-nil, different start time', [at('a', later), at('b', now)], ['b', 'a']],
  ])('%s', (_name, input, expected) => {
    expect([...input].sort(CronJobs.byJobStartTime).map((j) => j.metadata.name)).toEqual(expected)
  })

  it('oldestBeyond keeps the newest `limit`', () => {
    const jobs = [at('c', later), at('a', now), at('b')]
    expect(CronJobs.oldestBeyond(jobs, 1).map((j) => j.metadata.name)).toEqual(['a', 'c'])
    expect(CronJobs.oldestBeyond(jobs, 3)).toEqual([])
  })
})

describe('the Job template (TestGetJobFromTemplate2) and names', () => {
  it.each<readonly [string | undefined, Readonly<Record<string, string>>, string]>([
    ['UTC', { x: 'y' }, '2016-05-19T10:00:00Z'],
    [undefined, { x: 'y' }, '2016-05-19T10:00:00Z'],
    ['Europe/Rome', { x: 'y', z: 'x' }, '2016-05-19T12:00:00+02:00'],
  ])('zone %s: the scheduled-timestamp annotation is %s, beside the template annotations', (tz, annotations, stamp) => {
    const c = cronJob({ schedule: '* * * * ?', ...(tz === undefined ? {} : { timeZone: tz }), jobTemplate: { ...cronJob().spec.jobTemplate, metadata: { labels: { a: 'b' }, annotations } } })
    const j = CronJobs.jobFromTemplate(c, top)
    expect(j.metadata.name?.startsWith('mycronjob-')).toBe(true)
    expect(j.metadata.labels).toEqual({ a: 'b' })
    expect(j.metadata.annotations).toEqual({ ...annotations, [CronJobs.scheduledTimestampAnnotation]: stamp })
    expect(CronJobs.scheduledTimestampAnnotation).toBe('batch.kubernetes.io/cronjob-scheduled-timestamp')
  })

  it('names Jobs by minutes since the epoch, dividing as Go does', () => {
    expect(CronJobs.jobName(cronJob(), top)).toBe('mycronjob-24394200')
    expect(CronJobs.jobName(cronJob(), top + 59_999)).toBe('mycronjob-24394200')
    expect(CronJobs.timeHashInMinutes(-90_000)).toBe(-1)
    expect(CronJobs.timeHashInMinutes(-30_500)).toBe(0)
  })

  it('formatSchedule: TZ= prefix from spec.timeZone, the schedule as written when it has TZ or the zone does not load', () => {
    expect(CronJobs.formatSchedule(cronJob({ timeZone: 'Europe/Rome' }))).toEqual({ text: 'TZ=Europe/Rome 0 * * * ?', unsupported: false })
    expect(CronJobs.formatSchedule(cronJob({ timeZone: 'Mars/Olympus' }))).toEqual({ text: '0 * * * ?', unsupported: false })
    expect(CronJobs.formatSchedule(cronJob())).toEqual({ text: '0 * * * ?', unsupported: false })
    expect(CronJobs.formatSchedule(cronJob({ schedule: 'CRON_TZ=UTC 0 * * * *', timeZone: 'Europe/Rome' }))).toEqual({ text: 'CRON_TZ=UTC 0 * * * *', unsupported: true })
  })
})
