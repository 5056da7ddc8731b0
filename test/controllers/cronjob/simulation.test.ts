/**
 * The CronJob controller over simulated time, with the Job controller, scheduler and kubelet:
 * a Forbid CronJob whose Jobs overrun the period, a Replace CronJob, an outage longer than the
 * starting deadline, a schedule across a DST night; and properties over a simulated day with
 * faults (controller restarts, outages that miss runs, stale views, suspend and policy edits),
 * checking CJ-1..CJ-5 round by round, with check mode proving the wakes complete.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isTick } from '../../../src/api/cron.js'
import type { KubeObject } from '../../../src/api/object.js'
import type { CronJob, Job } from '../../../src/api/workloads.js'
import { CronJob as Arb } from '../../../src/arbitraries/index.js'
import * as CronJobs from '../../../src/controllers/cronjob/index.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as T from '../../../src/core/time.js'
import * as Inv from '../../../src/invariants/cronjob.js'
import * as Core from '../../../src/invariants/core.js'
import { format } from '../../../src/invariants/Violation.js'
import * as Simulation from '../../../src/sim/index.js'
import type { TraceEntry } from '../../../src/sim/index.js'
import { node } from '../../helpers/objects.js'
import type { RoundCheck } from './day.js'
import { runDay, runTo, withOutages } from './day.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 150)
const start = new Date('2024-06-01T00:00:30Z')

/** A CronJob as stored (defaults applied), its Jobs running `run` seconds and exiting 0. */
const cronJob = (name: string, schedule: string, spec: Partial<CronJob['spec']> = {}, run = 20, created = '2024-06-01T00:00:00Z'): CronJob => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: created },
    spec: {
      schedule,
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
      jobTemplate: {
        spec: {
          template: {
            metadata: { annotations: { [Simulation.Annotations.exitAfterSeconds]: String(run) } },
            spec: { restartPolicy: 'Never', containers: [{ name: 'job', image: 'busybox:1.36' }] },
          },
        },
      },
      ...spec,
    },
  })

const nodes: ReadonlyArray<KubeObject> = [node('n1'), node('n2')]

/** The Jobs the CronJob controller created, in trace order (name, time). */
const createdJobs = (trace: ReadonlyArray<TraceEntry>, cj: string): ReadonlyArray<readonly [string, string]> =>
  trace.flatMap((e) =>
    e._tag === 'Action' && e.source === `CronJob default/${cj}` && e.action._tag === 'Create' && e.result === 'applied' ? [[e.action.object.metadata.name ?? '', e.time] as const] : [],
  )
const events = (trace: ReadonlyArray<TraceEntry>, reason: string): number =>
  trace.filter((e) => e._tag === 'Action' && e.action._tag === 'Event' && e.action.reason === reason).length

const stepChecks =
  (faults: boolean): RoundCheck =>
  (before, after) =>
    Inv.checkStep({ before, after, faults })

/** The step checks, and never two active Jobs of a Forbid or Replace CronJob (no policy edits in these runs). */
const exclusive: RoundCheck = (before, after) => [
  ...stepChecks(false)(before, after),
  ...ClusterView.listOf(after.view, 'CronJob').flatMap((cj) =>
    cj.spec.concurrencyPolicy !== 'Allow' && Inv.activeJobs(cj, after.view).length > 1 ? [{ id: 'exclusive', message: `${cj.metadata.name ?? ''} has two active Jobs` }] : [],
  ),
]

describe('scenarios', () => {
  it('Forbid, Jobs overrunning the period: never two at once, JobAlreadyActive, one Job per free tick', () => {
    const cj = cronJob('report', '* * * * *', { concurrencyPolicy: 'Forbid' }, 150)
    const out: Array<ReturnType<RoundCheck>[number]> = []
    const [sim] = runTo(Simulation.make({ objects: [...nodes, cj], start, seed: 1, pacing: false, checkWakes: true }), start.getTime() + 15 * 60_000, exclusive, out)
    expect(out, format(out)).toEqual([])
    const made = createdJobs(sim.trace, 'report')
    expect(made.length).toBeGreaterThanOrEqual(5)
    expect(made.length).toBeLessThanOrEqual(6)
    expect(events(sim.trace, 'JobAlreadyActive')).toBeGreaterThanOrEqual(2 * (made.length - 1))
    expect(Inv.checkFixpoint(sim.view)).toEqual([])
  })

  it('Replace: each tick deletes the running Job (its pod goes with it) and starts the next', () => {
    const cj = cronJob('sync', '*/2 * * * *', { concurrencyPolicy: 'Replace' }, 300)
    const out: Array<ReturnType<RoundCheck>[number]> = []
    const [sim] = runTo(Simulation.make({ objects: [...nodes, cj], start, seed: 1, pacing: false, checkWakes: true }), start.getTime() + 11 * 60_000, exclusive, out)
    expect(out, format(out)).toEqual([])
    expect(createdJobs(sim.trace, 'sync').map(([n]) => n)).toEqual(['sync-28620002', 'sync-28620004', 'sync-28620006', 'sync-28620008', 'sync-28620010'])
    expect(events(sim.trace, 'SuccessfulDelete')).toBe(4)
    const live = ClusterView.listOf(sim.view, 'Job').filter((j) => j.metadata.deletionTimestamp === undefined)
    expect(live.map((j) => j.metadata.name)).toEqual(['sync-28620010'])
    const pods = ClusterView.listOf(sim.view, 'Pod').filter((p) => p.metadata.deletionTimestamp === undefined && p.status?.phase === 'Running')
    expect(pods).toHaveLength(1)
  })

  it('an outage longer than the starting deadline: the ticks it covers are skipped, the next one runs', () => {
    const cj = cronJob('nightly', '*/5 * * * *', { startingDeadlineSeconds: 60 })
    const t0 = start.getTime()
    const run = runDay({
      objects: [...nodes, cj],
      start,
      seconds: 40 * 60,
      plan: [{ _tag: 'Outage', at: 7 * 60, seconds: 20 * 60 }],
      check: stepChecks(true),
    })
    expect(run.violations, format(run.violations)).toEqual([])
    // the outage runs from 00:07:30 to 00:27:30: 00:10 to 00:20 pass unseen, 00:25 is 150 s old at the restart (> 60 s)
    const made = createdJobs(run.sim.trace, 'nightly')
    expect(made.map(([n]) => n)).toEqual(['nightly-28620005', 'nightly-28620030', 'nightly-28620035', 'nightly-28620040'])
    expect(made.map(([, t]) => (Date.parse(t) - t0) / 1000)).toEqual([270.1, 1770.1, 2070.1, 2370.1])
  })

  it('an outage shorter than the starting deadline: the missed tick runs at the restart', () => {
    const cj = cronJob('nightly', '*/5 * * * *', { startingDeadlineSeconds: 600 })
    const run = runDay({ objects: [...nodes, cj], start, seconds: 20 * 60, plan: [{ _tag: 'Outage', at: 4 * 60, seconds: 3 * 60 }], check: stepChecks(true) })
    expect(run.violations, format(run.violations)).toEqual([])
    const made = createdJobs(run.sim.trace, 'nightly')
    expect(made.map(([n]) => n)).toEqual(['nightly-28620005', 'nightly-28620010', 'nightly-28620015', 'nightly-28620020'])
    expect(made[0]?.[1]).toBe('2024-06-01T00:07:30.500Z')
  })

  it('across a DST night in Europe/Berlin: 02:30 is skipped in spring and runs twice in autumn', () => {
    const at = (iso: string) => new Date(iso)
    const spring = cronJob('dst', '30 1,2,3 * * *', { timeZone: 'Europe/Berlin' }, 10, '2024-03-30T22:00:00Z')
    const sSim = Simulation.advance(Simulation.make({ objects: [...nodes, spring], start: at('2024-03-30T22:00:00Z'), pacing: false }), 4 * 3600)
    const sTimes = ClusterView.listOf(sSim.view, 'Job').map((j) => j.metadata.annotations?.[CronJobs.scheduledTimestampAnnotation]).sort()
    expect(sTimes).toEqual(['2024-03-31T01:30:00+01:00', '2024-03-31T03:30:00+02:00'])
    const autumn = cronJob('dst', '30 1,2,3 * * *', { timeZone: 'Europe/Berlin', successfulJobsHistoryLimit: 5 }, 10, '2024-10-26T22:00:00Z')
    const aSim = Simulation.advance(Simulation.make({ objects: [...nodes, autumn], start: at('2024-10-26T22:00:00Z'), pacing: false }), 5 * 3600)
    const aTimes = ClusterView.listOf(aSim.view, 'Job').map((j) => j.metadata.annotations?.[CronJobs.scheduledTimestampAnnotation]).sort()
    expect(aTimes).toEqual(['2024-10-27T01:30:00+02:00', '2024-10-27T02:30:00+01:00', '2024-10-27T02:30:00+02:00', '2024-10-27T03:30:00+01:00'])
  })

  it('the outage wrapper syncs outside its windows, and inside one only asks to be called at its end', () => {
    const cj = cronJob('x', '* * * * *')
    const view = ClusterView.fromObjects([cj])
    const now = new Date('2024-06-01T00:01:01Z')
    expect(withOutages([[0, 1]]).reconcile(cj, view, now)).toEqual(CronJobs.reconcile(cj, view, now))
    expect(withOutages([[now.getTime(), now.getTime() + 1500]]).reconcile(cj, view, now)).toEqual([
      { _tag: 'RequeueAfter', target: { apiVersion: 'batch/v1', kind: 'CronJob', namespace: 'default', name: 'x', uid: 'uid-x' }, seconds: 1.5 },
    ])
  })
})

// -------------------------------------------------------------------------------------
// a simulated day
// -------------------------------------------------------------------------------------

/** A day world: one to three CronJobs firing every 5 to 60 minutes, Jobs running from a quarter to 2.5 periods, zones with DST, a start near a transition. */
const dayWorld = fc
  .record({
    zone: fc.constantFrom(...Arb.dstZones, 'UTC'),
    count: fc.integer({ min: 1, max: 2 }),
  })
  .chain(({ zone, count }) =>
    fc.record({
      start: zone === 'UTC' ? fc.constant(new Date('2024-06-01T00:00:00Z')) : Arb.nearTransition(zone, 12, new Date('2024-06-01T00:00:00Z')),
      cjs: fc.array(
        fc
          .record({
            s: fc.oneof(
              fc.constantFrom(5, 10, 15, 30).map((n) => ({ schedule: `*/${n} * * * *`, periodSeconds: n * 60 })),
              fc.integer({ min: 0, max: 59 }).map((m) => ({ schedule: `${m} * * * *`, periodSeconds: 3600 })),
              fc.constant({ schedule: '@every 7m', periodSeconds: 420 }),
            ),
            share: fc.integer({ min: 25, max: 250 }),
          })
          .chain(({ s, share }) =>
            Arb.cronJob({ schedule: s.schedule, timeZone: zone, runSeconds: Math.max(5, Math.round((s.periodSeconds * share) / 100)), suspend: false, now: new Date('2024-05-01T00:00:00Z') }),
          ),
        { minLength: count, maxLength: count },
      ),
    }),
  )
  .map(({ start: s, cjs }) => ({ start: s, cjs: cjs.map((c, i) => ({ ...c, metadata: { ...c.metadata, name: `cj${i}`, uid: `uid-cj${i}`, creationTimestamp: T.formatDate(s) } })) }))

const daySeconds = Number(process.env.CRONJOB_DAY_SECONDS ?? 86_400)

describe('a simulated day with faults', () => {
  it('CJ-3, CJ-4 every round; CJ-1, CJ-2 without stale views; CJ-5 and the core invariants at the end; wakes complete', () => {
    fc.assert(
      fc.property(dayWorld, Arb.dayPlan({ seconds: daySeconds, cronJobs: 2, maxEvents: 5 }), ({ start: s, cjs }, plan) => {
        const stale = plan.some((e) => e._tag === 'Stale')
        const run = runDay({ objects: [...nodes, ...cjs], start: s, seconds: daySeconds, plan, check: stepChecks(stale), options: { checkWakes: !stale } })
        const found = [...run.violations, ...Inv.checkFixpoint(run.sim.view), ...Core.checkView(run.sim.view)]
        expect(found, `${format(found)}\n${run.log.join('\n')}`).toEqual([])
      }),
      { numRuns: Math.max(2, Math.floor(runs / 50)) },
    )
  })

  it('without faults, Allow runs every schedule time exactly once, at its time', () => {
    fc.assert(
      fc.property(dayWorld, ({ start: s, cjs }) => {
        const allow = cjs.map((c): CronJob => {
          const { startingDeadlineSeconds: _sds, ...spec } = c.spec
          return { ...c, spec: { ...spec, concurrencyPolicy: 'Allow' } }
        })
        const seconds = Math.min(daySeconds, 6 * 3600)
        const run = runDay({ objects: [...nodes, ...allow], start: s, seconds, plan: [], check: stepChecks(false), options: { checkWakes: true } })
        expect(run.violations, format(run.violations)).toEqual([])
        for (const c of allow) {
          const sched = Arb.parsedSchedule(c)!
          const expected: Array<string> = []
          const end = s.getTime() + seconds * 1000 - 250
          for (let t = CronJobs.next(sched, s.getTime()); t !== undefined && t + 100 <= end; t = CronJobs.next(sched, t)) expected.push(CronJobs.jobName(c, t))
          const made = createdJobs(run.sim.trace, c.metadata.name ?? '')
          expect(made.map(([n]) => n)).toEqual(expected)
          for (const [name, time] of made) {
            const job = run.sim.trace.find((e) => e._tag === 'Action' && e.action._tag === 'Create' && e.action.object.metadata.name === name)
            const stamp = job?._tag === 'Action' && job.action._tag === 'Create' ? (job.action.object as Job).metadata.annotations?.[CronJobs.scheduledTimestampAnnotation] : undefined
            const t = T.parse(stamp)!
            expect(isTick(sched, t)).toBe(true)
            expect(Date.parse(time) - t).toBeGreaterThanOrEqual(100)
            expect(Date.parse(time) - t).toBeLessThan(1000)
          }
        }
      }),
      { numRuns: Math.max(2, Math.floor(runs / 50)) },
    )
  })

  it('stale views and restarts never start a second Job for one time, nor one past the deadline', () => {
    fc.assert(
      fc.property(dayWorld, Arb.dayPlan({ seconds: 4 * 3600, cronJobs: 2, maxEvents: 8, tags: ['Stale', 'Restart', 'Outage'] }), ({ start: s, cjs }, plan) => {
        const run = runDay({ objects: [...nodes, ...cjs], start: s, seconds: 4 * 3600, plan, check: stepChecks(true) })
        expect(run.violations, `${format(run.violations)}\n${run.log.join('\n')}`).toEqual([])
        for (const c of cjs) {
          const names = createdJobs(run.sim.trace, c.metadata.name ?? '').map(([n]) => n)
          expect(new Set(names).size, names.join(' ')).toBe(names.length)
        }
      }),
      { numRuns: Math.max(3, Math.floor(runs / 30)) },
    )
  })
})
