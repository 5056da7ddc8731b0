/**
 * TTL-after-finished (upstream ttlafterfinished_controller.go): deleted with Foreground and a
 * uid precondition once finish + ttl has come, counted from the terminal condition's transition
 * time; requeued for exactly the time left before; left alone otherwise.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Condition } from '../../../src/api/meta.js'
import type { Job } from '../../../src/api/workloads.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { controller, finishTime, reconcile, reconcileJob } from '../../../src/controllers/ttlafterfinished/index.js'
import * as Simulation from '../../../src/sim/index.js'
import { controller as gc } from '../../../src/controllers/garbagecollector/index.js'
import { deepFreeze, start } from '../../sim/fixtures.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 100)
const t0 = Date.parse('2024-01-01T00:00:00Z')
const at = (s: number): Date => new Date(t0 + s * 1000)
const iso = (s: number): string => new Date(t0 + s * 1000).toISOString().replace('.000Z', 'Z')

const job = (name: string, opts: { readonly ttl?: number; readonly conditions?: ReadonlyArray<Condition>; readonly deleting?: boolean } = {}): Job =>
  deepFreeze({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(opts.deleting === true ? { deletionTimestamp: iso(0) } : {}) },
    spec: {
      ...(opts.ttl === undefined ? {} : { ttlSecondsAfterFinished: opts.ttl }),
      template: { spec: { containers: [{ name: 'c', image: 'busybox' }], restartPolicy: 'Never' } },
    },
    ...(opts.conditions === undefined ? {} : { status: { conditions: opts.conditions } }),
  } as Job)

const complete = (s: number, type = 'Complete'): Condition => ({ type, status: 'True', lastTransitionTime: iso(s) })

describe('finish time', () => {
  it('is the transition time of the first Complete or Failed condition that is True', () => {
    expect(finishTime(job('j', { conditions: [complete(5, 'SuccessCriteriaMet'), { type: 'Complete', status: 'False', lastTransitionTime: iso(7) }, complete(9, 'Failed')] }))).toBe(t0 + 9000)
    expect(finishTime(job('j', { conditions: [complete(3), complete(9, 'Failed')] }))).toBe(t0 + 3000)
    expect(finishTime(job('j', { conditions: [complete(4, 'FailureTarget')] }))).toBeUndefined()
    expect(finishTime(job('j'))).toBeUndefined()
  })
  it('counts fractional and offset timestamps as times', () => {
    expect(finishTime(job('j', { conditions: [{ type: 'Failed', status: 'True', lastTransitionTime: '2024-01-01T01:00:00.5+01:00' }] }))).toBe(t0 + 500)
  })
})

describe('one Job', () => {
  it('before expiry: requeued for exactly the time left', () => {
    expect(reconcileJob(job('j', { ttl: 100, conditions: [complete(10)] }), at(60))).toEqual([
      { _tag: 'RequeueAfter', target: { apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'j', uid: 'uid-j' }, seconds: 50 },
    ])
    expect(reconcileJob(job('j', { ttl: 100, conditions: [complete(10)] }), new Date(t0 + 109_999))).toMatchObject([{ _tag: 'RequeueAfter', seconds: 0.001 }])
  })
  it('at and after expiry: deleted in the foreground with its uid as precondition', () => {
    for (const s of [110, 500]) {
      expect(reconcileJob(job('j', { ttl: 100, conditions: [complete(10)] }), at(s))).toEqual([
        {
          _tag: 'Delete',
          target: { apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'j', uid: 'uid-j' },
          propagationPolicy: 'Foreground',
          preconditions: { uid: 'uid-j' },
        },
      ])
    }
  })
  it('ttl 0: deleted as soon as it is finished', () => {
    expect(reconcileJob(job('j', { ttl: 0, conditions: [complete(10)] }), at(10))).toMatchObject([{ _tag: 'Delete' }])
  })
  it('finished in the future (clock skew): deferred, never deleted early', () => {
    expect(reconcileJob(job('j', { ttl: 10, conditions: [complete(100)] }), at(0))).toMatchObject([{ _tag: 'RequeueAfter', seconds: 110 }])
  })
  it('left alone: no TTL, unfinished, being deleted, or no transition time', () => {
    expect(reconcileJob(job('j', { conditions: [complete(0)] }), at(1000))).toEqual([])
    expect(reconcileJob(job('j', { ttl: 1 }), at(1000))).toEqual([])
    expect(reconcileJob(job('j', { ttl: 1, conditions: [{ type: 'Complete', status: 'False' }] }), at(1000))).toEqual([])
    expect(reconcileJob(job('j', { ttl: 1, conditions: [complete(0)], deleting: true }), at(1000))).toEqual([])
    expect(reconcileJob(job('j', { ttl: 1, conditions: [{ type: 'Complete', status: 'True' }] }), at(1000))).toEqual([])
  })
  it('TTL-1 (property): deleted exactly when now ≥ finish + ttl, else requeued for the time left', () => {
    fc.assert(
      fc.property(fc.nat(10_000), fc.nat(10_000), fc.integer({ min: -10_000, max: 30_000 }), (finish, ttl, now) => {
        const out = reconcileJob(job('j', { ttl, conditions: [complete(finish)] }), at(now))
        if (now >= finish + ttl) expect(out).toMatchObject([{ _tag: 'Delete', propagationPolicy: 'Foreground' }])
        else expect(out).toMatchObject([{ _tag: 'RequeueAfter', seconds: finish + ttl - now }])
      }),
      { numRuns: runs },
    )
  })
})

describe('a sync', () => {
  const a = job('a', { ttl: 0, conditions: [complete(0)] })
  const b = job('b', { ttl: 0, conditions: [complete(0)] })
  const c = job('c', { ttl: 50, conditions: [complete(0)] })
  it('full: every Job, in name order, whatever the view was built from', () => {
    const one = reconcile(ClusterView.fromObjects([c, b, a]), at(10))
    expect(one).toEqual(reconcile(ClusterView.fromObjects([a, b, c]), at(10)))
    expect(one.map((x) => x._tag)).toEqual(['Delete', 'Delete', 'RequeueAfter'])
  })
  it('woken: the Jobs named only', () => {
    const v = ClusterView.fromObjects([a, b, c])
    expect(reconcile(v, at(10), new Set(['Job/default/b', 'Job/default/gone', 'Pod/default/b']))).toMatchObject([{ _tag: 'Delete', target: { name: 'b' } }])
  })
})

describe('in the simulation', () => {
  it('a finished Job goes at finish + ttl, not before (the garbage collector ends the foreground deletion)', () => {
    const j = job('j', { ttl: 30, conditions: [complete(0)] })
    let sim = Simulation.make({
      objects: [j],
      start,
      pacing: false,
      defaultControllers: false,
      checkWakes: true,
      controllers: { 'ttl-after-finished': controller, 'garbage-collector': gc },
    })
    sim = Simulation.runUntilStable(sim, { seconds: 29 })
    expect(ClusterView.lookup(sim.view, 'Job', 'default', 'j')?.metadata.deletionTimestamp).toBeUndefined()
    sim = Simulation.runUntilStable(sim, { seconds: 60 })
    expect(ClusterView.lookup(sim.view, 'Job', 'default', 'j')).toBeUndefined()
    const deleted = sim.trace.find((t) => t._tag === 'Action' && t.action._tag === 'Delete')
    expect(deleted?._tag === 'Action' && Date.parse(deleted.time) - start.getTime()).toBe(30_000)
  })
})

describe('at the edges', () => {
  it('a Job without a uid is deleted without a precondition', () => {
    const { uid: _u, ...meta } = job('j', { ttl: 0, conditions: [complete(0)] }).metadata
    const j = { ...job('j', { ttl: 0, conditions: [complete(0)] }), metadata: meta }
    expect(reconcileJob(j, at(1))).toEqual([{ _tag: 'Delete', target: { apiVersion: 'batch/v1', kind: 'Job', namespace: 'default', name: 'j' }, propagationPolicy: 'Foreground' }])
  })
  it('woken Jobs are handled in name order, whatever order they were woken in', () => {
    const v = ClusterView.fromObjects([job('a', { ttl: 0, conditions: [complete(0)] }), job('b', { ttl: 0, conditions: [complete(0)] })])
    expect(reconcile(v, at(1), new Set(['Job/default/b', 'Job/default/a'])).map((x) => (x._tag === 'Delete' ? x.target.name : ''))).toEqual(['a', 'b'])
  })
  it('the declaration: ttl-after-finished, woken by a Job added or updated under its key', () => {
    expect(controller.name).toBe('ttl-after-finished')
    expect(controller.wakes).toHaveLength(1)
    const [w] = controller.wakes
    expect(w?.kind).toBe('Job')
    expect(w?.events).toEqual(['add', 'update'])
    expect(w?.keys(job('j'), ClusterView.fromObjects([]))).toEqual(['Job/default/j'])
  })
})
