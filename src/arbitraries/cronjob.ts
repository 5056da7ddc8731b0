/**
 * Arbitraries for CronJobs: schedules from robfig's grammar (fields with `*`, `?`, lists,
 * ranges, steps and names; the descriptors; `@every` durations), time zones with and without
 * daylight saving time and instants next to their transitions, CronJobs with every policy,
 * deadline and history limit, their worlds (the CronJob's Jobs in every state, stale and
 * foreign Jobs, active lists with vanished entries) and the plans of a simulated day (jobs whose
 * run time overlaps the period, controller restarts and outages, stale views, edits).
 *
 * Everything is valid by construction (no `.filter`): schedules parse, CronJobs and Jobs decode
 * unchanged (their defaults are applied).
 *
 * Exported as the `CronJob` namespace of `kube-reconcile/arbitraries` (`CronJob.world(…)`).
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { next, parseStandard } from '../api/cron.js'
import type { Schedule } from '../api/cron.js'
import { applyDefaults } from '../api/defaults.js'
import type { KubeObject } from '../api/object.js'
import { loadLocation, nextTransition } from '../api/timezone.js'
import type { CronJob, Job } from '../api/workloads.js'
import { jobName } from '../controllers/cronjob/schedule.js'
import { jobFromTemplate } from '../controllers/cronjob/template.js'
import * as T from '../core/time.js'
import * as Annotations from '../sim/annotations.js'
import { defaultNow, dnsLabel, given, uid } from './meta.js'
import type { Given } from './meta.js'
import { podTemplate } from './pod.js'

// -------------------------------------------------------------------------------------
// time zones
// -------------------------------------------------------------------------------------

/** Zones with daylight saving time: whole-hour (Berlin, New York, Santiago), half-hour (Lord Howe) and 45-minute (Chatham) offsets. */
export const dstZones: ReadonlyArray<string> = ['Europe/Berlin', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Pacific/Chatham']

/** Zones without it, including non-hour offsets (Kolkata +5:30, Kathmandu +5:45). */
export const fixedZones: ReadonlyArray<string> = ['UTC', 'Asia/Tokyo', 'Asia/Kolkata', 'Asia/Kathmandu']

/** A `spec.timeZone`: unset (the controller manager's zone, UTC), a fixed zone or a zone with DST. */
export const timeZone = (): fc.Arbitrary<string | undefined> =>
  fc.oneof(
    { weight: 2, arbitrary: fc.constant(undefined) },
    { weight: 1, arbitrary: fc.constantFrom(...fixedZones) },
    { weight: 3, arbitrary: fc.constantFrom(...dstZones) },
  )

/** The daylight-saving transitions of `zone` from `from` on, `count` of them. */
export const transitions = (zone: string, from: Date = defaultNow, count = 4): ReadonlyArray<number> => {
  const loc = loadLocation(zone)
  const out: Array<number> = []
  if (E.isLeft(loc)) return out
  for (let t: number | undefined = from.getTime(); out.length < count; ) {
    t = nextTransition(loc.right, t)
    if (t === undefined) break
    out.push(t)
  }
  return out
}

/** An instant within `hours` of a DST transition of `zone` (after `from`), at whole seconds. */
export const nearTransition = (zone: string, hours = 3, from: Date = defaultNow): fc.Arbitrary<Date> => {
  const ts = transitions(zone, from)
  if (ts.length === 0) return fc.constant(from)
  return fc
    .tuple(fc.constantFrom(...ts), fc.integer({ min: -hours * 3600, max: hours * 3600 }))
    .map(([t, s]) => new Date(Math.floor(t / 1000) * 1000 + s * 1000))
}

// -------------------------------------------------------------------------------------
// schedules
// -------------------------------------------------------------------------------------

interface FieldBounds {
  readonly min: number
  readonly max: number
  readonly names?: ReadonlyArray<string>
  readonly first?: number
}

const MINUTE: FieldBounds = { min: 0, max: 59 }
const HOUR: FieldBounds = { min: 0, max: 23 }
const DOM: FieldBounds = { min: 1, max: 31 }
const MONTH: FieldBounds = { min: 1, max: 12, names: ['JAN', 'feb', 'Mar', 'apr', 'MAY', 'jun', 'Jul', 'aug', 'SEP', 'oct', 'Nov', 'dec'], first: 1 }
const DOW: FieldBounds = { min: 0, max: 6, names: ['sun', 'MON', 'Tue', 'wed', 'THU', 'fri', 'Sat'], first: 0 }

const value = (b: FieldBounds): fc.Arbitrary<number> => fc.integer({ min: b.min, max: b.max })

/** A value as a number or, where the field has names, sometimes as its name. */
const valueText = (b: FieldBounds): fc.Arbitrary<string> =>
  b.names === undefined
    ? value(b).map(String)
    : fc.oneof({ weight: 2, arbitrary: value(b).map(String) }, { weight: 1, arbitrary: value(b).map((v) => b.names?.[v - (b.first ?? 0)] ?? String(v)) })

const ordered = (b: FieldBounds): fc.Arbitrary<readonly [number, number]> =>
  fc.tuple(value(b), value(b)).map(([x, y]) => (x <= y ? [x, y] : [y, x]))

const step = (b: FieldBounds): fc.Arbitrary<number> => fc.integer({ min: 1, max: Math.max(2, Math.ceil((b.max - b.min + 1) / 2)) })

/** One list item of a field: `*`, `?`, a value, a range, or a stepped star, value or range. */
const fieldItem = (b: FieldBounds): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant('*') },
    { weight: 1, arbitrary: fc.constant('?') },
    { weight: 4, arbitrary: valueText(b) },
    { weight: 2, arbitrary: ordered(b).map(([x, y]) => `${x}-${y}`) },
    { weight: 2, arbitrary: step(b).map((s) => `*/${s}`) },
    { weight: 1, arbitrary: fc.tuple(value(b), step(b)).map(([x, s]) => `${x}/${s}`) },
    { weight: 1, arbitrary: fc.tuple(ordered(b), step(b)).map(([[x, y], s]) => `${x}-${y}/${s}`) },
  )

/** A field: one to three comma-separated items. */
const field = (b: FieldBounds): fc.Arbitrary<string> => fc.array(fieldItem(b), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(','))

/** A five-field schedule (minute hour day-of-month month day-of-week) from robfig's grammar. */
export const standardSchedule = (): fc.Arbitrary<string> =>
  fc.tuple(field(MINUTE), field(HOUR), field(DOM), field(MONTH), field(DOW)).map((fs) => fs.join(' '))

/** The descriptors `ParseStandard` knows (besides `@every`). */
export const descriptors: ReadonlyArray<string> = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']

/** `@every <Go duration>`: seconds, minutes, hours and fractions, some under a second (read as 1 s). */
export const everySchedule = (): fc.Arbitrary<string> =>
  fc
    .oneof(
      fc.integer({ min: 1, max: 7200 }).map((s) => `${s}s`),
      fc.integer({ min: 1, max: 300 }).map((m) => `${m}m`),
      fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}h${m}m`),
      fc.integer({ min: 1, max: 9 }).map((f) => `1.${f}h`),
      fc.integer({ min: 1, max: 999 }).map((ms) => `${ms}ms`),
    )
    .map((d) => `@every ${d}`)

/** Any schedule `ParseStandard` accepts (without a TZ= prefix): mostly five fields, sometimes a descriptor or `@every`. */
export const schedule = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: standardSchedule() },
    { weight: 1, arbitrary: fc.constantFrom(...descriptors) },
    { weight: 1, arbitrary: everySchedule() },
  )

/** A schedule that fires at least every hour, and its period bound in seconds (for run times that overlap it). */
export const frequentSchedule = (): fc.Arbitrary<{ readonly schedule: string; readonly periodSeconds: number }> =>
  fc.oneof(
    fc.constantFrom(1, 2, 3, 5, 10, 15, 20, 30).map((n) => ({ schedule: `*/${n} * * * *`, periodSeconds: n * 60 })),
    fc.integer({ min: 0, max: 59 }).map((m) => ({ schedule: `${m} * * * *`, periodSeconds: 3600 })),
    fc.tuple(fc.integer({ min: 0, max: 29 }), fc.integer({ min: 30, max: 59 })).map(([a, b]) => ({ schedule: `${a},${b} * * * ?`, periodSeconds: 3600 })),
    fc.constant({ schedule: '@hourly', periodSeconds: 3600 }),
    fc.constantFrom(60, 300, 900, 1800).map((s) => ({ schedule: `@every ${s / 60}m`, periodSeconds: s })),
  )

/** The parsed schedule of a CronJob's spec, as the controller reads it (`TZ=<timeZone> ` prefixed). */
export const parsedSchedule = (cj: CronJob): Schedule | undefined => {
  const tz = cj.spec.timeZone
  const p = parseStandard(tz === undefined ? cj.spec.schedule : `TZ=${tz} ${cj.spec.schedule}`)
  return E.isRight(p) ? p.right : undefined
}

/** The last `count` schedule times in (`from`, `until`], oldest first. */
export const ticksBetween = (s: Schedule, from: number, until: number, count: number): ReadonlyArray<number> => {
  const out: Array<number> = []
  for (let t = next(s, from); t !== undefined && t <= until; t = next(s, t)) {
    out.push(t)
    if (out.length > count) out.shift()
  }
  return out
}

/** The last `count` schedule times after `created` and not after `now`, looked for in widening windows (10 min up to two days). */
export const recentTicks = (s: Schedule, created: number, now: number, count: number): ReadonlyArray<number> => {
  let found: ReadonlyArray<number> = []
  for (const seconds of [600, 3600, 86400, 2 * 86400]) {
    const from = Math.max(created, now - seconds * 1000)
    found = ticksBetween(s, from, now, count)
    if (found.length >= count || from === created) break
  }
  return found
}

// -------------------------------------------------------------------------------------
// CronJobs
// -------------------------------------------------------------------------------------

/** The concurrency policies. */
export const policies: ReadonlyArray<string> = ['Allow', 'Forbid', 'Replace']

/** What `cronJob` generates; every field is optional. */
export interface CronJobConstraints {
  readonly name?: Given<string>
  readonly schedule?: Given<string>
  readonly timeZone?: Given<string | undefined>
  readonly concurrencyPolicy?: Given<string>
  readonly suspend?: Given<boolean>
  readonly startingDeadlineSeconds?: Given<number | undefined>
  /** How long each Job's pod runs (the simulated kubelet's `exit-after-seconds`); default 5–600 s. */
  readonly runSeconds?: Given<number>
  /** Created before this (default `defaultNow`), up to two days earlier. */
  readonly now?: Date
}

const deadline = (): fc.Arbitrary<number | undefined> =>
  fc.oneof({ weight: 2, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constantFrom(0, 10, 60, 200, 3600) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 7200 }) })

/**
 * A CronJob as stored (defaults applied, `status` empty): a schedule, a zone, a policy, maybe
 * suspended, maybe a starting deadline, history limits 0–4 and 0–3, a job template whose pods
 * run `runSeconds` and then exit 0.
 */
export const cronJob = (c: CronJobConstraints = {}): fc.Arbitrary<CronJob> =>
  fc
    .record({
      name: given(c.name ?? dnsLabel({ maxLength: 20 })),
      uid: uid(),
      schedule: given(c.schedule ?? schedule()),
      timeZone: given(c.timeZone ?? timeZone()),
      policy: given(c.concurrencyPolicy ?? fc.constantFrom(...policies)),
      suspend: given(c.suspend ?? fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })),
      sds: given(c.startingDeadlineSeconds ?? deadline()),
      ok: fc.integer({ min: 0, max: 4 }),
      failed: fc.integer({ min: 0, max: 3 }),
      run: given(c.runSeconds ?? fc.integer({ min: 5, max: 600 })),
      template: podTemplate({ restartPolicies: ['OnFailure', 'Never'], labels: {}, maxContainers: 1, tolerations: [], nodeSelector: {} }),
      age: fc.integer({ min: 1, max: 2 * 86400 }),
    })
    .map((g): CronJob => {
      const at = (c.now ?? defaultNow).getTime()
      const template = {
        ...g.template,
        metadata: { ...g.template.metadata, annotations: { [Annotations.exitAfterSeconds]: String(g.run) } },
      }
      return applyDefaults({
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: g.name, namespace: 'default', uid: g.uid, creationTimestamp: T.format(at - g.age * 1000) },
        spec: {
          schedule: g.schedule,
          ...(g.timeZone === undefined ? {} : { timeZone: g.timeZone }),
          ...(g.sds === undefined ? {} : { startingDeadlineSeconds: g.sds }),
          concurrencyPolicy: g.policy,
          suspend: g.suspend,
          successfulJobsHistoryLimit: g.ok,
          failedJobsHistoryLimit: g.failed,
          jobTemplate: { metadata: { labels: { cronjob: g.name } }, spec: { backoffLimit: 0, template } },
        },
      } as CronJob)
    })

// -------------------------------------------------------------------------------------
// worlds
// -------------------------------------------------------------------------------------

/** The state a generated Job is in. */
export type JobState = 'running' | 'complete' | 'failed' | 'deleting'

/** What a CronJob's world holds: the CronJob (with a status), its Jobs, other Jobs of the namespace, and `now`. */
export interface World {
  readonly cj: CronJob
  /** Jobs whose controller reference names the CronJob (one may be an older CronJob's of that name). */
  readonly jobs: ReadonlyArray<Job>
  /** Jobs of another CronJob, and an orphan. */
  readonly others: ReadonlyArray<Job>
  readonly objects: ReadonlyArray<KubeObject>
  readonly now: Date
}

/** The Job the CronJob made for `tick`, in `state`, as the API server stores it (uid, defaults, status). */
export const jobAt = (cj: CronJob, tick: number, state: JobState, id: string, hasStartTime: boolean, runSeconds: number): Job => {
  const made = jobFromTemplate(cj, tick)
  const start = tick + 1000
  const end = start + runSeconds * 1000
  const finished = state === 'complete' || state === 'failed'
  const conditions =
    state === 'complete'
      ? [
          { type: 'SuccessCriteriaMet', status: 'True', lastTransitionTime: T.format(end) },
          { type: 'Complete', status: 'True', lastTransitionTime: T.format(end) },
        ]
      : state === 'failed'
        ? [
            { type: 'FailureTarget', status: 'True', lastTransitionTime: T.format(end) },
            { type: 'Failed', status: 'True', lastTransitionTime: T.format(end) },
          ]
        : []
  const job = applyDefaults({
    ...made,
    metadata: {
      ...made.metadata,
      uid: id,
      creationTimestamp: T.format(tick),
      ...(state === 'deleting' ? { deletionTimestamp: T.format(end), finalizers: ['orphan'] } : {}),
    },
    status: {
      ...(hasStartTime ? { startTime: T.format(start) } : {}),
      ...(state === 'complete' ? { completionTime: T.format(end), succeeded: 1 } : {}),
      ...(state === 'failed' ? { failed: 1 } : {}),
      ...(finished ? { conditions } : { active: 1 }),
    },
  } as Job)
  return job
}

/** What `world` generates. */
export interface WorldConstraints extends CronJobConstraints {
  /** Most past schedule times with a Job (default 6). */
  readonly maxJobs?: number
}

/** How the world's CronJob remembers its Jobs in `status.active`: by uid, by name only (as this controller writes it), or not at all. */
type Remembered = 'uid' | 'name' | 'forgotten'

/**
 * A CronJob with a status and the Jobs of its recent schedule times (running, Complete, Failed,
 * being deleted; with or without a start time), an active list that may lose some of them or
 * name a vanished one, `lastScheduleTime` at a recent time (or unset), a Job an older CronJob of
 * the same name left, another CronJob's Job and an orphan, at a `now` that for a zone with DST
 * is often within hours of a transition.
 */
export const world = (c: WorldConstraints = {}): fc.Arbitrary<World> =>
  fc
    .record({ zone: given(c.timeZone ?? timeZone()), offset: fc.integer({ min: 0, max: 400 * 86400 }) })
    .chain(({ zone, offset }) => {
      const base = new Date(defaultNow.getTime() + offset * 1000)
      const now = zone !== undefined && dstZones.includes(zone) ? fc.oneof(nearTransition(zone, 6, base), fc.constant(base)) : fc.constant(base)
      return fc.tuple(fc.constant(zone), now)
    })
    .chain(([zone, now]) =>
      fc.record({
        cj: cronJob({ ...c, timeZone: zone, now }),
        now: fc.constant(now),
        states: fc.array(
          fc.record({
            state: fc.constantFrom<JobState>('running', 'complete', 'complete', 'failed', 'deleting'),
            start: fc.boolean(),
            remembered: fc.constantFrom<Remembered>('uid', 'uid', 'name', 'forgotten'),
            listed: fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
            run: fc.integer({ min: 1, max: 3600 }),
          }),
          { maxLength: c.maxJobs ?? 6 },
        ),
        last: fc.constantFrom('latest', 'earlier', 'unset'),
        vanished: fc.boolean(),
        foreign: fc.record({ older: fc.boolean(), other: fc.boolean(), orphan: fc.boolean() }),
        ids: fc.uniqueArray(uid(), { minLength: 8 + (c.maxJobs ?? 6), maxLength: 8 + (c.maxJobs ?? 6) }),
      }),
    )
    .map((g): World => {
      const nowMs = g.now.getTime()
      const sched = parsedSchedule(g.cj)
      const created = T.parse(g.cj.metadata.creationTimestamp) ?? nowMs
      const [cjId, goneId, olderId, olderOwner, otherId, otherOwner, orphanId, ...jobIds] = g.ids as [string, string, string, string, string, string, string, ...Array<string>]
      const base = { ...g.cj, metadata: { ...g.cj.metadata, uid: cjId } }
      // Times within one minute share a Job name (@every under a minute): keep the last of each.
      const named = new Map((sched === undefined ? [] : recentTicks(sched, created, nowMs, g.states.length)).map((t) => [jobName(base, t), t]))
      const ticks = [...named.values()]
      const made = ticks.map((t, i) => {
        const s = g.states[g.states.length - ticks.length + i]!
        return { job: jobAt(base, t, s.state, jobIds[i]!, s.start, s.run), s, tick: t }
      })
      const listed = made.filter((m) => m.s.listed).map((m) => m.job)
      const active = made.flatMap(({ job, s }) =>
        s.remembered === 'uid'
          ? [{ kind: 'Job', namespace: 'default', name: job.metadata.name, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: '1' }]
          : s.remembered === 'name'
            ? [{ kind: 'Job', namespace: 'default', name: job.metadata.name, apiVersion: 'batch/v1' }]
            : [],
      )
      const gone = g.vanished ? [{ kind: 'Job', namespace: 'default', name: `${g.cj.metadata.name}-1`, uid: goneId, apiVersion: 'batch/v1' }] : []
      const lastTick = made.length === 0 ? undefined : g.last === 'latest' ? made[made.length - 1]!.tick : g.last === 'earlier' ? made[0]!.tick : undefined
      const cj: CronJob = {
        ...base,
        status: {
          ...(active.length + gone.length === 0 ? {} : { active: [...active, ...gone] }),
          ...(lastTick === undefined ? {} : { lastScheduleTime: T.format(lastTick) }),
        },
      }
      const older = g.foreign.older ? [relabel(jobAt(base, created - 86400_000, 'complete', olderId, true, 10), g.cj.metadata.name ?? '', olderOwner)] : []
      const otherCj = { ...base, metadata: { ...base.metadata, name: `${base.metadata.name}-x`, uid: otherOwner } }
      const other = g.foreign.other && ticks.length > 0 ? [jobAt(otherCj, ticks[0]!, 'running', otherId, true, 10)] : []
      const orphan = g.foreign.orphan && ticks.length > 0 ? [withoutOwner(jobAt(base, ticks[ticks.length - 1]! - 3600_000, 'running', orphanId, true, 10))] : []
      const jobs = [...listed, ...older]
      const others = [...other, ...orphan]
      return { cj, jobs, others, objects: [cj, ...jobs, ...others], now: g.now }
    })

/** `job` controlled by a CronJob named `name` with another uid (an older incarnation), renamed apart. */
const relabel = (job: Job, name: string, ownerUid: string): Job => ({
  ...job,
  metadata: {
    ...job.metadata,
    name: `${name}-old`,
    ownerReferences: (job.metadata.ownerReferences ?? []).map((r) => ({ ...r, name, uid: ownerUid })),
  },
})

/** `job` without owner references (an orphan). */
const withoutOwner = (job: Job): Job => {
  const { ownerReferences: _refs, ...metadata } = job.metadata
  return { ...job, metadata: { ...metadata, name: `${job.metadata.name ?? ''}-orphan` } }
}

// -------------------------------------------------------------------------------------
// a simulated day
// -------------------------------------------------------------------------------------

/** One thing that happens during a simulated day. */
export type DayEvent =
  | { readonly _tag: 'Restart'; readonly at: number }
  | { readonly _tag: 'Outage'; readonly at: number; readonly seconds: number }
  | { readonly _tag: 'Stale'; readonly at: number; readonly lag: number; readonly rounds: number }
  | { readonly _tag: 'Suspend'; readonly at: number; readonly cronJob: number; readonly suspend: boolean }
  | { readonly _tag: 'Policy'; readonly at: number; readonly cronJob: number; readonly policy: string }

/** What `dayPlan` generates. */
export interface DayPlanConstraints {
  /** The length of the day in seconds (default 86,400). */
  readonly seconds?: number
  /** How many CronJobs the edits may address (default 1). */
  readonly cronJobs?: number
  /** Most events (default 6). */
  readonly maxEvents?: number
  /** Which kinds of event (default all). */
  readonly tags?: ReadonlyArray<DayEvent['_tag']>
}

/** Events of a simulated day, in time order: controller restarts, outages of up to two hours, stale views, suspends and policy edits. */
export const dayPlan = (c: DayPlanConstraints = {}): fc.Arbitrary<ReadonlyArray<DayEvent>> => {
  const at = fc.integer({ min: 0, max: (c.seconds ?? 86400) - 1 })
  const which = fc.integer({ min: 0, max: Math.max(0, (c.cronJobs ?? 1) - 1) })
  const tags = new Set(c.tags ?? ['Restart', 'Outage', 'Stale', 'Suspend', 'Policy'])
  const kinds: Array<fc.Arbitrary<DayEvent>> = []
  if (tags.has('Restart')) kinds.push(at.map((t) => ({ _tag: 'Restart', at: t })))
  if (tags.has('Outage')) kinds.push(fc.tuple(at, fc.integer({ min: 60, max: 7200 })).map(([t, s]) => ({ _tag: 'Outage', at: t, seconds: s })))
  if (tags.has('Stale')) kinds.push(fc.tuple(at, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 })).map(([t, lag, rounds]) => ({ _tag: 'Stale', at: t, lag, rounds })))
  if (tags.has('Suspend')) kinds.push(fc.tuple(at, which, fc.boolean()).map(([t, i, s]) => ({ _tag: 'Suspend', at: t, cronJob: i, suspend: s })))
  if (tags.has('Policy')) kinds.push(fc.tuple(at, which, fc.constantFrom(...policies)).map(([t, i, p]) => ({ _tag: 'Policy', at: t, cronJob: i, policy: p })))
  return fc.array(fc.oneof(...kinds), { maxLength: c.maxEvents ?? 6 }).map((es) => [...es].sort((a, b) => a.at - b.at))
}
