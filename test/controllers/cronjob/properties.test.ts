/**
 * Single-sync properties of the CronJob controller over arbitrary worlds (schedules from the
 * grammar, zones with DST and instants next to their transitions, every policy, deadlines and
 * history limits; Jobs in every state, active lists that lost or never had entries, vanished
 * Jobs, Jobs of an older CronJob of the same name, of another CronJob, orphans): the generated
 * objects decode unchanged, every sync keeps CJ-6, CJ-7 and CJ-8, its requeue lands just after
 * the next schedule time, it is deterministic and leaves its inputs alone, and a second sync at
 * the same time on the state the first one wrote starts nothing more.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decode } from '../../../src/api/decode.js'
import { next } from '../../../src/api/cron.js'
import type { KubeObject } from '../../../src/api/object.js'
import type { CronJob, Job } from '../../../src/api/workloads.js'
import { CronJob as Arb } from '../../../src/arbitraries/index.js'
import * as CronJobs from '../../../src/controllers/cronjob/index.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as T from '../../../src/core/time.js'
import * as Inv from '../../../src/invariants/cronjob.js'
import { format } from '../../../src/invariants/Violation.js'
import { deepFreeze } from '../../helpers/freeze.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 150)

const frozenView = (w: Arb.World): ClusterView.ClusterView => ClusterView.fromObjects(w.objects.map((o) => deepFreeze(structuredClone(o))))

const reasons = new Set([
  'UnexpectedJob',
  'SawCompletedJob',
  'MissingJob',
  'UnknownTimeZone',
  'UnsupportedSchedule',
  'UnparseableSchedule',
  'TooManyMissedTimes',
  'InvalidSchedule',
  'JobAlreadyActive',
  'FailedGet',
  'SuccessfulDelete',
  'SuccessfulCreate',
])

describe('CronJob arbitraries', () => {
  it('every schedule parses, with and without a zone', () => {
    fc.assert(
      fc.property(Arb.schedule(), Arb.timeZone(), (s, tz) => {
        expect(E.isRight(CronJobs.parseStandard(s)), s).toBe(true)
        expect(E.isRight(CronJobs.parseStandard(tz === undefined ? s : `TZ=${tz} ${s}`))).toBe(true)
      }),
      { numRuns: runs },
    )
  })

  it('every object of a world decodes unchanged (defaults applied, API-server validation passed)', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        for (const o of w.objects) {
          const d = decode(o)
          if (E.isLeft(d)) expect.fail(`${o.kind} ${o.metadata.name ?? ''}: ${d.left.message}`)
          expect(d.right).toEqual(o)
        }
      }),
      { numRuns: Math.max(20, Math.floor(runs / 3)) },
    )
  })

  it('worlds hold Jobs in every state, forgotten and vanished entries, and instants next to DST transitions', () => {
    const seen = new Set<string>()
    fc.assert(
      fc.property(Arb.world({ timeZone: 'Europe/Berlin' }), (w) => {
        for (const j of w.jobs) seen.add(CronJobs.finishedCondition(j) ?? (j.metadata.deletionTimestamp === undefined ? 'running' : 'deleting'))
        if (CronJobs.activeRefs(w.cj).some((r) => r.uid === undefined)) seen.add('uid-less ref')
        if (CronJobs.activeRefs(w.cj).some((r) => !w.jobs.some((j) => CronJobs.refersTo(r, j)))) seen.add('vanished ref')
        if (Arb.transitions('Europe/Berlin', new Date(w.now.getTime() - 86400_000), 1).some((t) => Math.abs(t - w.now.getTime()) < 6 * 3600_000)) seen.add('near DST')
      }),
      { numRuns: 200 },
    )
    expect([...seen].sort()).toEqual(['Complete', 'Failed', 'deleting', 'near DST', 'running', 'uid-less ref', 'vanished ref'])
  })
})

/** The view after a sync's writes: its status write, its creates (given a uid), its deletes. */
const applyWrites = (view: ClusterView.ClusterView, actions: ReadonlyArray<Action>, now: Date): ClusterView.ClusterView =>
  actions.reduce((v, a, i) => {
    if (a._tag === 'UpdateStatus') return ClusterView.put(v, a.object)
    if (a._tag === 'Create') return ClusterView.put(v, { ...a.object, metadata: { ...a.object.metadata, uid: `created-${i}`, creationTimestamp: T.formatDate(now) } } as KubeObject)
    if (a._tag === 'Delete') return ClusterView.remove(v, a.target.kind, a.target.namespace, a.target.name)
    return v
  }, view)

describe('single-sync properties over arbitrary worlds', () => {
  it('CJ-6, CJ-7 and CJ-8 hold for every sync; events carry upstream reasons', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        const view = frozenView(w)
        const out = CronJobs.reconcile(w.cj, view, w.now)
        const found = Inv.checkSync(w.cj, view, out)
        expect(found, format(found)).toEqual([])
        for (const a of out) if (a._tag === 'Event') expect(reasons.has(a.reason), a.reason).toBe(true)
      }),
      { numRuns: runs },
    )
  })

  it('is deterministic and never mutates its inputs (they are frozen)', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        const view = frozenView(w)
        expect(CronJobs.reconcile(w.cj, view, w.now)).toEqual(CronJobs.reconcile(structuredClone(w.cj), ClusterView.fromObjects(structuredClone(w.objects)), new Date(w.now)))
      }),
      { numRuns: Math.max(20, Math.floor(runs / 3)) },
    )
  })

  it('a requeue lands 100 ms after the next schedule time after max(now, the time the search starts from) (@every: a whole number of delays after it)', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        const out = CronJobs.reconcile(w.cj, frozenView(w), w.now)
        const requeue = out.find((a) => a._tag === 'RequeueAfter')
        if (requeue?._tag !== 'RequeueAfter') return
        const written = out.find((a) => a._tag === 'UpdateStatus')
        const cj = (written?._tag === 'UpdateStatus' ? written.object : w.cj) as CronJob
        const schedule = Arb.parsedSchedule(cj)!
        const from = T.parse(cj.status?.lastScheduleTime) ?? T.parse(cj.metadata.creationTimestamp)!
        const at = w.now.getTime() + requeue.seconds * 1000 - 100
        expect(requeue.seconds).toBeGreaterThan(0.1)
        if (schedule._tag === 'Every') {
          // @every counts from the last time (or the creation): a whole number of delays after it, the first after now
          expect(Math.abs(Math.round(at) - from) % schedule.delayMs).toBe(0)
          expect(at > w.now.getTime() && at <= Math.max(w.now.getTime(), from) + schedule.delayMs).toBe(true)
        } else {
          const tick = next(schedule, Math.max(w.now.getTime(), from))
          expect(tick).toBeDefined()
          expect(at).toBeCloseTo(tick!, 3)
        }
      }),
      { numRuns: runs },
    )
  })

  it('a suspended, deleted or unschedulable CronJob neither creates nor requeues', () => {
    fc.assert(
      fc.property(Arb.world(), fc.constantFrom('suspend', 'delete', 'zone', 'schedule'), (w, what) => {
        const cj: CronJob =
          what === 'suspend'
            ? { ...w.cj, spec: { ...w.cj.spec, suspend: true } }
            : what === 'delete'
              ? { ...w.cj, metadata: { ...w.cj.metadata, deletionTimestamp: T.formatDate(w.now) } }
              : what === 'zone'
                ? { ...w.cj, spec: { ...w.cj.spec, timeZone: 'Mars/Olympus' } }
                : { ...w.cj, spec: { ...w.cj.spec, schedule: '61 * * * *' } }
        const out = CronJobs.reconcile(cj, ClusterView.put(frozenView(w), cj), w.now)
        expect(out.filter((a) => a._tag === 'Create' || a._tag === 'RequeueAfter')).toEqual([])
        expect(Inv.checkSync(cj, frozenView(w), out)).toEqual([])
      }),
      { numRuns: Math.max(20, Math.floor(runs / 3)) },
    )
  })

  it('a second sync at the same time, on what the first wrote, starts no other Job (at most one Job per time)', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        const view = frozenView(w)
        const first = CronJobs.reconcile(w.cj, view, w.now)
        const after = applyWrites(view, first, w.now)
        const cj = ClusterView.lookup(after, 'CronJob', w.cj.metadata.namespace, w.cj.metadata.name ?? '')!
        const second = CronJobs.reconcile(cj, after, w.now)
        expect(second.filter((a) => a._tag === 'Create')).toEqual([])
        const found = Inv.checkSync(cj, after, second)
        expect(found, format(found)).toEqual([])
        // a created Job's name is free, or held by a Job the same sync deleted first (then upstream creates it again)
        const made = first.flatMap((a) => (a._tag === 'Create' ? [(a.object as Job).metadata.name ?? ''] : []))
        const deletedFirst = new Set(first.flatMap((a) => (a._tag === 'Delete' ? [a.target.name] : [])))
        for (const name of made) expect(ClusterView.lookup(view, 'Job', w.cj.metadata.namespace, name) === undefined || deletedFirst.has(name)).toBe(true)
      }),
      { numRuns: runs },
    )
  })

  it('history cleanup deletes exactly the oldest finished Jobs beyond each limit, Background; an unfinished Job only when Replace replaces it', () => {
    fc.assert(
      fc.property(Arb.world({ maxJobs: 8 }), (w) => {
        const out = CronJobs.reconcile(w.cj, frozenView(w), w.now)
        const deletes = out.flatMap((a) => (a._tag === 'Delete' ? [a] : []))
        const active = CronJobs.activeRefs(w.cj)
        for (const c of ['Complete', 'Failed'] as const) {
          const limit = c === 'Complete' ? w.cj.spec.successfulJobsHistoryLimit! : w.cj.spec.failedJobsHistoryLimit!
          const finished = w.jobs.filter((j) => CronJobs.finishedCondition(j) === c)
          const expected = CronJobs.oldestBeyond(finished, limit).map((j) => j.metadata.name)
          expect(deletes.filter((d) => finished.some((j) => j.metadata.name === d.target.name)).map((d) => d.target.name)).toEqual(expected)
        }
        for (const d of deletes) {
          expect(d.propagationPolicy).toBe('Background')
          const j = w.jobs.find((x) => x.metadata.name === d.target.name)
          if (j === undefined || CronJobs.finishedCondition(j) !== undefined) continue
          expect(w.cj.spec.concurrencyPolicy).toBe('Replace')
          expect(active.some((r) => r.name === j.metadata.name)).toBe(true)
        }
      }),
      { numRuns: runs },
    )
  })
})
