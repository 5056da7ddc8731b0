/**
 * The RollingUpdate steps over several old ReplicaSets (upstream rolling.go and rolling_test.go):
 * oldest-first order, budgets shared across sets, the sanity check, and the sync-level choices
 * of rolloutRolling (one kind of scaling, cleanup only when nothing was scaled).
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { Deployment, ReplicaSet } from '../../../src/api/workloads.js'
import * as D from '../../../src/controllers/deployment/index.js'
import type { RsOptions } from './fixtures.js'
import { completeStatus, deployment, events, replicaSet, rsSizes, run, scaledBy, shape, statusWrite, syncOf } from './fixtures.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 100)

/** An old ReplicaSet `name` (its own image) of `spec` replicas, `available` of them available, `age` seconds old. */
const old = (name: string, spec: number, available: number, age: number, extra: RsOptions = {}): ReplicaSet =>
  replicaSet({
    image: name,
    name,
    replicas: spec,
    age,
    status: { replicas: spec, readyReplicas: available, availableReplicas: available, observedGeneration: 1, terminatingReplicas: 0 },
    ...extra,
  })

/** The new ReplicaSet (the Deployment's template). */
const fresh = (spec: number, available: number, extra: RsOptions = {}): ReplicaSet =>
  replicaSet({
    name: 'new',
    replicas: spec,
    age: 10,
    status: { replicas: spec, readyReplicas: available, availableReplicas: available, observedGeneration: 1, terminatingReplicas: 0 },
    ...extra,
  })

const down = (name: string, to: number, from: number) =>
  ['Normal', 'ScalingReplicaSet', `Scaled down replica set ${name} to ${to} from ${from}`] as const

describe('reconcileNewReplicaSet', () => {
  it('at replicas: nothing, even when maxSurge is missing', () => {
    const d = deployment({ replicas: 4 })
    const bare: Deployment = { ...d, spec: { ...d.spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } } }
    const r = D.reconcileNewReplicaSet(syncOf(bare), [fresh(4, 4)], fresh(4, 4))
    expect(E.isRight(r) && r.right[1]).toBe(false)
    expect(E.isRight(r) && r.right[0].actions).toEqual([])
  })

  it('below replicas with an unresolvable maxSurge: the sync ends with nothing planned', () => {
    const d = deployment({ replicas: 4 })
    const bare: Deployment = { ...d, spec: { ...d.spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } } }
    const r = D.reconcileNewReplicaSet(syncOf(bare), [fresh(2, 2)], fresh(2, 2))
    expect(E.isLeft(r) && r.left.actions).toEqual([])
  })

  it('above replicas: scaled down to replicas, whatever maxSurge allows', () => {
    const d = deployment({ replicas: 4, maxSurge: 10, maxUnavailable: 0 })
    const r = D.reconcileNewReplicaSet(syncOf(d), [fresh(6, 6)], fresh(6, 6))
    if (E.isLeft(r)) throw new Error('unexpected stop')
    expect(r.right[1]).toBe(true)
    expect(events(r.right[0].actions)).toEqual([down('new', 4, 6)])
  })

  it('below replicas: grows by the room left under replicas + maxSurge over all sets', () => {
    const d = deployment({ replicas: 10, maxSurge: 3, maxUnavailable: 0 })
    const olds = [old('a', 4, 4, 300), old('b', 3, 3, 200)]
    const r = D.reconcileNewReplicaSet(syncOf(d), [...olds, fresh(2, 2)], fresh(2, 2))
    if (E.isLeft(r)) throw new Error('unexpected stop')
    expect(r.right[1]).toBe(true)
    expect(events(r.right[0].actions)).toEqual([['Normal', 'ScalingReplicaSet', 'Scaled up replica set new to 6 from 2']])
  })
})

describe('newRSNewReplicas at the surge limit', () => {
  it('a new set at or above replicas + maxSurge keeps its size, even above replicas', () => {
    const d = deployment({ replicas: 2, maxSurge: 1, maxUnavailable: 0 })
    expect(D.newRSNewReplicas(d, [fresh(3, 3)], fresh(3, 3))).toEqual(E.right(3))
    expect(D.newRSNewReplicas(d, [fresh(4, 4)], fresh(4, 4))).toEqual(E.right(4))
    expect(D.newRSNewReplicas(d, [old('a', 1, 1, 300), fresh(1, 1)], fresh(1, 1))).toEqual(E.right(2))
  })
})

describe('cleanupUnhealthyReplicas over several old sets', () => {
  const d = deployment({ replicas: 10, maxSurge: 3, maxUnavailable: 2 })

  it('oldest first, the budget shared across sets (input order does not matter)', () => {
    const a = old('a', 4, 1, 300)
    const b = old('b', 5, 3, 100)
    for (const input of [[a, b], [b, a]]) {
      const r = D.cleanupUnhealthyReplicas(syncOf(d), input, 4)
      expect(r.failed).toBe(false)
      expect(r.count).toBe(4)
      expect(shape(r.s.actions)).toEqual(['Update ReplicaSet/a', 'Event ScalingReplicaSet', 'Update ReplicaSet/b', 'Event ScalingReplicaSet'])
      expect(events(r.s.actions)).toEqual([down('a', 1, 4), down('b', 4, 5)])
      expect(r.oldRSs.map((x) => [x.metadata.name, x.spec.replicas])).toEqual([['a', 1], ['b', 4]])
    }
  })

  it('stops once the budget is used: a later set reporting a surplus is never checked', () => {
    const r = D.cleanupUnhealthyReplicas(syncOf(d), [old('a', 4, 1, 300), old('b', 2, 3, 100)], 3)
    expect(r).toMatchObject({ failed: false, count: 3 })
    expect(rsSizes(r.s.actions)).toEqual({ a: 1 })
  })

  it('skips empty sets (even with available replicas left) and healthy ones', () => {
    const r = D.cleanupUnhealthyReplicas(syncOf(d), [old('z', 0, 2, 400), old('h', 3, 3, 300), old('u', 3, 0, 100)], 2)
    expect(r).toMatchObject({ failed: false, count: 2 })
    expect(shape(r.s.actions)).toEqual(['Update ReplicaSet/u', 'Event ScalingReplicaSet'])
    expect(r.oldRSs.map((x) => x.spec.replicas)).toEqual([0, 3, 1])
  })

  it('a surplus of available replicas fails the sanity check after the earlier sets were scaled', () => {
    const r = D.cleanupUnhealthyReplicas(syncOf(d), [old('a', 4, 2, 300), old('b', 2, 5, 100), old('c', 3, 0, 50)], 10)
    expect(r.failed).toBe(true)
    expect(r.count).toBe(2)
    expect(events(r.s.actions)).toEqual([down('a', 2, 4)])
    expect(r.oldRSs.map((x) => x.spec.replicas)).toEqual([2, 2, 3])
  })

  it('a zero budget changes nothing', () => {
    const r = D.cleanupUnhealthyReplicas(syncOf(d), [old('a', 4, 1, 300)], 0)
    expect(r).toMatchObject({ failed: false, count: 0 })
    expect(r.s.actions).toEqual([])
  })

  it('property: removes min(budget, Σ unhealthy), never below available, oldest sets first', () => {
    const sets = fc.array(
      fc.record({ spec: fc.nat({ max: 5 }), healthy: fc.nat({ max: 5 }), age: fc.integer({ min: 1, max: 1000 }) }),
      { maxLength: 5 },
    )
    fc.assert(
      fc.property(sets, fc.nat({ max: 12 }), (specs, budget) => {
        const olds = specs.map((x, i) => old(`o${i}`, x.spec, Math.min(x.healthy, x.spec), x.age))
        const r = D.cleanupUnhealthyReplicas(syncOf(d), olds, budget)
        const unhealthy = olds.reduce((n, x) => n + D.specReplicas(x) - (x.status?.availableReplicas ?? 0), 0)
        expect(r.failed).toBe(false)
        expect(r.count).toBe(Math.min(budget, unhealthy))
        const after = rsSizes(r.s.actions)
        const ordered = [...olds].sort(D.byCreationTimestamp)
        expect(r.oldRSs.map((x) => x.metadata.name)).toEqual(ordered.map((x) => x.metadata.name))
        let removed = 0
        let blocked = false
        for (const x of ordered) {
          const name = x.metadata.name ?? ''
          const n = after[name] ?? D.specReplicas(x)
          expect(n).toBeGreaterThanOrEqual(x.status?.availableReplicas ?? 0)
          if (blocked) expect(n).toBe(D.specReplicas(x))
          removed += D.specReplicas(x) - n
          if (n > (x.status?.availableReplicas ?? 0)) blocked = true
        }
        expect(removed).toBe(r.count)
      }),
      { numRuns: runs },
    )
  })
})

describe('scaleDownOldReplicaSetsForRollingUpdate over several old sets', () => {
  it('removes Σ available − minAvailable, oldest first, skipping empty sets', () => {
    const d = deployment({ replicas: 10, maxSurge: 3, maxUnavailable: 2 })
    const olds = [old('b', 4, 4, 100), old('a', 3, 3, 300), old('c', 0, 0, 400)]
    const r = D.scaleDownOldReplicaSetsForRollingUpdate(syncOf(d), [...olds, fresh(5, 5)], olds)
    expect(r).toMatchObject({ count: 4, failed: false })
    expect(shape(r.s.actions)).toEqual(['Update ReplicaSet/a', 'Event ScalingReplicaSet', 'Update ReplicaSet/b', 'Event ScalingReplicaSet'])
    expect(events(r.s.actions)).toEqual([down('a', 0, 3), down('b', 3, 4)])
  })

  it('a budget larger than every old set empties them all', () => {
    const d = deployment({ replicas: 10, maxSurge: 3, maxUnavailable: 2 })
    const olds = [old('a', 1, 1, 300), old('b', 2, 2, 100)]
    const r = D.scaleDownOldReplicaSetsForRollingUpdate(syncOf(d), [...olds, fresh(10, 10)], olds)
    expect(r.count).toBe(3)
    expect(rsSizes(r.s.actions)).toEqual({ a: 0, b: 0 })
  })

  it('with no more available than minAvailable, nothing', () => {
    const d = deployment({ replicas: 10, maxSurge: 3, maxUnavailable: 2 })
    const olds = [old('a', 4, 4, 300), old('b', 4, 2, 100)]
    for (const available of [2, 0]) {
      const r = D.scaleDownOldReplicaSetsForRollingUpdate(syncOf(d), [...olds, fresh(5, available)], olds)
      expect(r.count).toBe(0)
      expect(r.s.actions).toEqual([])
    }
  })

  it('property: removes min(Σ old spec, max(0, Σ available − minAvailable)), oldest sets emptied first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ spec: fc.nat({ max: 5 }), available: fc.nat({ max: 5 }), age: fc.integer({ min: 1, max: 1000 }) }), { maxLength: 4 }),
        fc.nat({ max: 6 }),
        fc.integer({ min: 1, max: 10 }),
        fc.nat({ max: 10 }),
        (specs, newAvailable, replicas, mu) => {
          const d = deployment({ replicas, maxSurge: 1, maxUnavailable: mu })
          const olds = specs.map((x, i) => old(`o${i}`, x.spec, Math.min(x.available, x.spec), x.age))
          const all = [...olds, fresh(replicas, Math.min(newAvailable, replicas))]
          const r = D.scaleDownOldReplicaSetsForRollingUpdate(syncOf(d), all, olds)
          const budget = Math.max(0, D.availableReplicaCount(all) - D.minAvailable(d))
          expect(r.count).toBe(Math.min(D.replicaCount(olds), budget))
          const after = rsSizes(r.s.actions)
          let blocked = false
          for (const x of [...olds].sort(D.byCreationTimestamp)) {
            const n = after[x.metadata.name ?? ''] ?? D.specReplicas(x)
            if (blocked) expect(n).toBe(D.specReplicas(x))
            if (n > 0) blocked = true
          }
        },
      ),
      { numRuns: runs },
    )
  })
})

describe('reconcileOldReplicaSets', () => {
  const d = deployment({ replicas: 10, maxSurge: 3, maxUnavailable: 2 })

  it('partly available new pods shrink the budget by the unavailable ones only', () => {
    const a = old('a', 8, 8, 300)
    const n = fresh(5, 2)
    const [s, scaled] = D.reconcileOldReplicaSets(syncOf(d), [a, n], [a], n)
    expect(scaled).toBe(true)
    expect(events(s.actions)).toEqual([down('a', 6, 8)])
  })

  it("the new set's unavailable pods cap the cleanup of unhealthy old replicas", () => {
    // Σ spec 13, minAvailable 8, new unavailable 3 → budget 2 of a's 3 unhealthy: a 8→6; then
    // available 5 + 2 = 7 < 8 → no healthy scale-down.
    const a = old('a', 8, 5, 300)
    const n = fresh(5, 2)
    const [s, scaled] = D.reconcileOldReplicaSets(syncOf(d), [a, n], [a], n)
    expect(scaled).toBe(true)
    expect(events(s.actions)).toEqual([down('a', 6, 8)])
  })

  it('a zero budget scales nothing, even with an old set reporting a surplus', () => {
    const a = old('a', 8, 9, 300)
    const n = fresh(2, 0)
    const [s, scaled] = D.reconcileOldReplicaSets(syncOf(d), [a, n], [a], n)
    expect(scaled).toBe(false)
    expect(s.actions).toEqual([])
  })

  it('a failed sanity check keeps the earlier cleanup, reports nothing scaled and skips the healthy scale-down', () => {
    const d4 = deployment({ replicas: 10, maxSurge: 3, maxUnavailable: 4 })
    const a = old('a', 4, 2, 300)
    const b = old('b', 4, 6, 100)
    const n = fresh(2, 2)
    const [s, scaled] = D.reconcileOldReplicaSets(syncOf(d4), [a, b, n], [b, a], n)
    expect(scaled).toBe(false)
    expect(events(s.actions)).toEqual([down('a', 2, 4)])
  })

  it('without old sets nothing is scaled, even with a budget', () => {
    const n = fresh(10, 10)
    const [s, scaled] = D.reconcileOldReplicaSets(syncOf(d), [n], [], n)
    expect(scaled).toBe(false)
    expect(s.actions).toEqual([])
  })

  it('cleans unhealthy replicas of several sets, then scales the healthy ones down with what the cleanup left', () => {
    // Σ spec 14, minAvailable 8, new unavailable 0 → budget 6: cleanup a 2→0 (2 unhealthy), b 5→4;
    // then available 4 (b) + 4 (c) + 3 (new) = 11 > 8 → 3 more, oldest first: b 4→1.
    const a = old('a', 2, 0, 300)
    const b = old('b', 5, 4, 200)
    const c = old('c', 4, 4, 100)
    const n = fresh(3, 3)
    const [s, scaled] = D.reconcileOldReplicaSets(syncOf(d), [a, b, c, n], [c, b, a], n)
    expect(scaled).toBe(true)
    expect(events(s.actions)).toEqual([down('a', 0, 2), down('b', 4, 5), down('b', 1, 4)])
    expect(rsSizes(s.actions)).toEqual({ a: 0, b: 1 })
  })
})

describe('rolloutRolling', () => {
  const complete = (replicas: number) => completeStatus(replicas, 1, 'new')


  it('a sync that scales old sets down does not clean up history, even when the status read says complete', () => {
    const d = deployment({ revisionHistoryLimit: 0, status: complete(10), annotations: { [D.revisionAnnotation]: '3' } })
    const cur = fresh(10, 10, { revision: 3, annotations: scaledBy(10, 3) })
    const leftover = old('a', 2, 2, 300, { revision: 2, annotations: scaledBy(10, 3) })
    const empty = old('e', 0, 0, 600, { revision: 1 })
    const actions = run(d, cur, leftover, empty)
    expect(rsSizes(actions)).toEqual({ a: 0 })
    expect(actions.some((a) => a._tag === 'Delete')).toBe(false)
    // with nothing to scale, the same history is cleaned (oldest revision first)
    const settled = run(d, cur, old('a', 0, 0, 300, { revision: 2 }), empty)
    expect(shape(settled)).toEqual(['Delete ReplicaSet/e', 'Delete ReplicaSet/a'])
  })

  it('an unresolvable maxSurge ends the sync before any scaling', () => {
    const base = deployment({ status: complete(5), annotations: { [D.revisionAnnotation]: '1' } })
    const d: Deployment = { ...base, spec: { ...base.spec, strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } } } }
    const cur = fresh(5, 5, { revision: 1 })
    expect(run(d, cur, old('a', 5, 5, 300, { revision: 0 }))).toEqual([])
  })

  it('scaling the new set up writes the status from the sets as they were', () => {
    const d = deployment({ replicas: 10, maxSurge: 3, maxUnavailable: 2, annotations: { [D.revisionAnnotation]: '2' } })
    const actions = run(d, fresh(3, 3, { revision: 2, annotations: scaledBy(10, 3) }), old('a', 8, 8, 300, { revision: 1, annotations: scaledBy(10, 3) }))
    // the FoundNewReplicaSet condition is written first; the status merges into that write
    expect(shape(actions)).toEqual(['UpdateStatus Deployment/web', 'Update ReplicaSet/new', 'Event ScalingReplicaSet'])
    expect(rsSizes(actions)).toEqual({ new: 5 })
    expect(statusWrite(actions)?.status).toMatchObject({ replicas: 11, updatedReplicas: 3, availableReplicas: 11 })
  })
})
