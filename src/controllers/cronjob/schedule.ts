/**
 * Schedule times (upstream `utils.go`): the schedule the controller parses for a CronJob, the
 * most recent unmet time with upstream's approximate count of missed times, the time to create
 * a Job for, the delay until the next time, and Job names.
 *
 * Times are milliseconds since the epoch. Go's arithmetic is kept where it shows: a schedule with
 * no next time within five years gives Go's zero time (January 1 of year 1, UTC), and the gap
 * between two times is rounded to whole seconds. Durations are exact where Go's saturate at
 * ±292 years (a search from the zero time, for a CronJob without a creation time): the most
 * recent time found is the same, without Go's walk from year 293 to now.
 */
import * as E from 'fp-ts/lib/Either.js'
import { next } from '../../api/cron.js'
import type { Schedule } from '../../api/cron.js'
import { loadLocation, wallMs } from '../../api/timezone.js'
import type { CronJob } from '../../api/workloads.js'
import * as T from '../../core/time.js'

/** Go's zero time (`time.Time{}`), which robfig's `Next` returns when nothing matches within five years. */
export const zeroTime = wallMs(1, 1, 1)

/** The padding upstream adds to every requeue for clock skew (`nextScheduleDelta`, 100 ms). */
export const nextScheduleDeltaMs = 100

/** robfig's `Next` with Go's zero time for "none". */
const goNext = (s: Schedule, t: number): number => next(s, t) ?? zeroTime

/** Go's `int64(d.Round(time.Second).Seconds())` of a duration in ms (halves away from zero). */
const roundedSeconds = (ms: number): number => Math.sign(ms) * Math.round(Math.abs(ms) / 1000)

/**
 * The schedule text the controller parses (upstream `formatSchedule`): `TZ=<timeZone> <schedule>`
 * when `spec.timeZone` is set and loads, the schedule as written otherwise. `unsupported` is set
 * when the schedule itself contains `TZ` (it is then used as written, with a Warning event).
 */
export const formatSchedule = (cj: CronJob): { readonly text: string; readonly unsupported: boolean } => {
  const s = cj.spec.schedule
  if (s.includes('TZ')) return { text: s, unsupported: true }
  const tz = cj.spec.timeZone
  return { text: tz !== undefined && E.isRight(loadLocation(tz)) ? `TZ=${tz} ${s}` : s, unsupported: false }
}

/** How many schedule times were missed: none, a few, or more than 100 (upstream `missedSchedulesType`). */
export type Missed = 'none' | 'few' | 'many'

/** What `mostRecentScheduleTime` finds. */
export interface MostRecent {
  /** The time the search started from: `lastScheduleTime`, else the creation time (maybe moved up by the deadline). */
  readonly earliest: number
  /** The most recent schedule time not after `now`, if the approximation finds one. */
  readonly mostRecent: number | undefined
  readonly missed: Missed
  /** Set when two consecutive times are less than a second apart (a schedule with no next time). */
  readonly error?: string
}

/** The message of upstream's error for a schedule whose consecutive times are not a second apart. */
export const tooCloseError = 'time difference between two schedules is less than 1 second'

/**
 * Upstream `mostRecentScheduleTime`: from `earliest` (the last schedule time, else the creation
 * time; with `includeStartingDeadline`, no earlier than `now − startingDeadlineSeconds`), the
 * next two times t1 and t2; if `now` is past both, the number of missed times is estimated as
 * ⌊(now − t1) / (t2 − t1)⌋ + 1 and the most recent time is searched from t1 + (missed − 2) gaps.
 * For irregular schedules that start can overshoot, and no time is found although some were
 * missed (as upstream).
 */
export const mostRecentScheduleTime = (cj: CronJob, now: number, schedule: Schedule, includeStartingDeadline: boolean): MostRecent => {
  let earliest = T.parse(cj.metadata.creationTimestamp) ?? zeroTime
  const last = T.parse(cj.status?.lastScheduleTime)
  if (last !== undefined) earliest = last
  const sds = cj.spec.startingDeadlineSeconds
  if (includeStartingDeadline && sds !== undefined) earliest = Math.max(earliest, now - sds * 1000)
  const t1 = goNext(schedule, earliest)
  const t2 = goNext(schedule, t1)
  if (now < t1) return { earliest, mostRecent: undefined, missed: 'none' }
  if (now < t2) return { earliest, mostRecent: t1, missed: 'none' }
  const gap = roundedSeconds(t2 - t1)
  if (gap < 1) return { earliest, mostRecent: undefined, missed: 'none', error: tooCloseError }
  const missedCount = Math.trunc(Math.trunc((now - t1) / 1000) / gap) + 1
  let mostRecent: number | undefined
  // Go loops while the next time is not after now; a zero time (nothing within five years) ends it here.
  for (let t = next(schedule, t1 + (missedCount - 2) * gap * 1000); t !== undefined && t <= now; t = next(schedule, t)) mostRecent = t
  return { earliest, mostRecent, missed: missedCount > 100 ? 'many' : 'few' }
}

/** What `nextScheduleTime` decides: the time to create a Job for, whether to warn of too many missed times, an error. */
export interface NextScheduleTime {
  readonly scheduled: number | undefined
  readonly tooManyMissed: boolean
  readonly error?: string
}

/**
 * Upstream `nextScheduleTime`: the most recent unmet schedule time within the starting deadline,
 * or none. More than 100 missed times still give the most recent one, with a warning.
 */
export const nextScheduleTime = (cj: CronJob, now: number, schedule: Schedule): NextScheduleTime => {
  const r = mostRecentScheduleTime(cj, now, schedule, true)
  const error = r.error === undefined ? {} : { error: r.error }
  if (r.mostRecent === undefined || r.mostRecent > now) return { scheduled: undefined, tooManyMissed: false, ...error }
  return { scheduled: r.mostRecent, tooManyMissed: r.missed === 'many', ...error }
}

/**
 * Upstream `nextScheduleTimeDuration`, in ms: the next schedule time after the most recent one
 * (after `now` when the search erred or missed times were not found, after `earliest` when none
 * were missed), plus 100 ms, minus `now`. The deadline is not applied here.
 */
export const nextScheduleTimeDuration = (cj: CronJob, now: number, schedule: Schedule): number => {
  const r = mostRecentScheduleTime(cj, now, schedule, false)
  const base = r.error !== undefined ? now : (r.mostRecent ?? (r.missed === 'none' ? r.earliest : now))
  return goNext(schedule, base) + nextScheduleDeltaMs - now
}

/** Upstream `getTimeHashInMinutes`: the Unix seconds of `scheduled`, divided by 60 as Go's integers divide. */
export const timeHashInMinutes = (scheduled: number): number => Math.trunc(Math.floor(scheduled / 1000) / 60) || 0

/** Upstream `getJobName`: `<cronjob>-<minutes since the epoch of the scheduled time>`. */
export const jobName = (cj: CronJob, scheduled: number): string => `${cj.metadata.name ?? ''}-${timeHashInMinutes(scheduled)}`
