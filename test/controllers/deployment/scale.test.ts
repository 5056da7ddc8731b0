/**
 * Scaling helpers (upstream sync.go `scale`, `scaleReplicaSet`, `isScalingEvent`,
 * deployment_util.go `FindActiveOrLatest`, `IsSaturated`, `GetProportion`): each condition on
 * its own, exact event lists and orders over several old ReplicaSets.
 */
import { describe, expect, it } from 'vitest'
import type { ReplicaSet } from '../../../src/api/workloads.js'
import * as D from '../../../src/controllers/deployment/index.js'
import { deployment, events, replicaSet, rsSizes, scaledBy, shape, syncOf } from './fixtures.js'

const set = (name: string, replicas: number, age: number, extra: Parameters<typeof replicaSet>[0] = {}): ReplicaSet =>
  replicaSet({ image: name, name, replicas, age, annotations: scaledBy(10, 3), ...extra })

describe('scaleReplicaSetAndRecordEvent', () => {
  it('at the size already: nothing, stale annotations included', () => {
    const rs = set('a', 3, 100, { annotations: scaledBy(1) })
    const r = D.scaleReplicaSetAndRecordEvent(syncOf(deployment()), rs, 3)
    expect(r).toMatchObject({ scaled: false, rs })
    expect(r.s.actions).toEqual([])
  })
  it('up and down name the direction and both sizes', () => {
    const d = deployment()
    expect(events(D.scaleReplicaSetAndRecordEvent(syncOf(d), set('a', 3, 100), 5).s.actions)).toEqual([
      ['Normal', 'ScalingReplicaSet', 'Scaled up replica set a to 5 from 3'],
    ])
    expect(events(D.scaleReplicaSetAndRecordEvent(syncOf(d), set('a', 3, 100), 1).s.actions)).toEqual([
      ['Normal', 'ScalingReplicaSet', 'Scaled down replica set a to 1 from 3'],
    ])
  })
})

describe('isSaturated (each condition on its own)', () => {
  const d = deployment({ replicas: 3 })
  const full = (o: Parameters<typeof replicaSet>[0]) => replicaSet({ replicas: 3, annotations: scaledBy(3), ...o })
  it.each([
    ['saturated', full({}), true],
    ['spec below', full({ replicas: 2, status: { availableReplicas: 3 } }), false],
    ['desired annotation differs', full({ annotations: scaledBy(4) }), false],
    ['desired annotation missing', full({ annotations: {} }), false],
    ['too few available', full({ status: { replicas: 3, availableReplicas: 2 } }), false],
    ['more available than replicas', full({ status: { replicas: 4, availableReplicas: 4 } }), false],
  ])('%s', (_, rs, want) => {
    expect(D.isSaturated(d, rs)).toBe(want)
  })
  it('no new set is not saturated', () => {
    expect(D.isSaturated(d, undefined)).toBe(false)
  })
})

describe('getProportion (each short-cut on its own)', () => {
  const d = deployment({ replicas: 12, maxSurge: 0, maxUnavailable: 1 })
  const rs = set('a', 5, 100, { annotations: scaledBy(10) })
  it('empty set, nothing to add, or all added: 0', () => {
    expect(D.getProportion(set('z', 0, 100, { annotations: scaledBy(10) }), d, 5, 0)).toBe(0)
    expect(D.getProportion(rs, d, 0, 0)).toBe(0)
    expect(D.getProportion(rs, d, 2, 2)).toBe(0)
    expect(D.getProportion(rs, d, -2, -2)).toBe(0)
  })
  it('the fraction, bounded by what is left', () => {
    // fraction: round(5 × 12 / 10) − 5 = 1
    expect(D.getProportion(rs, d, 2, 0)).toBe(1)
    expect(D.getProportion(rs, d, 2, 1)).toBe(1)
    expect(D.getProportion(rs, d, 3, 2)).toBe(1)
    const down = deployment({ replicas: 6, maxSurge: 0, maxUnavailable: 1 })
    // fraction: round(5 × 6 / 10) − 5 = −2 (half away from zero: 3)
    expect(D.getProportion(rs, down, -4, 0)).toBe(-2)
    expect(D.getProportion(rs, down, -4, -3)).toBe(-1)
  })
})

describe('proportions', () => {
  it('nothing to add: every set keeps its size, in the given order, with no operation', () => {
    const d = deployment({ replicas: 7, maxSurge: 0, maxUnavailable: 1 })
    const a = set('a', 3, 300)
    const b = set('b', 4, 100)
    const { op, sizes } = D.proportions(d, [a, b])
    expect(op).toBe('')
    expect(sizes.map(([rs, n]) => [rs.metadata.name, n])).toEqual([['a', 3], ['b', 4]])
  })

  it('up: larger then newer first, the leftover to the first', () => {
    const d = deployment({ replicas: 10, maxSurge: 0, maxUnavailable: 1 })
    const a = set('a', 2, 300, { annotations: scaledBy(6) })
    const b = set('b', 2, 100, { annotations: scaledBy(6) })
    const c = set('c', 2, 200, { annotations: scaledBy(6) })
    // fractions round(2 × 10 / 6) − 2 = 1 each; 4 to add: b +1+1 (leftover), c +1, a +1
    const { op, sizes } = D.proportions(d, [a, b, c])
    expect(op).toBe('up')
    expect(sizes.map(([rs, n]) => [rs.metadata.name, n])).toEqual([['b', 4], ['c', 3], ['a', 3]])
  })

  it('down: larger then older first; the leftover never takes the first below 0', () => {
    const d = deployment({ replicas: 1, maxSurge: 0, maxUnavailable: 1 })
    const a = set('a', 1, 100, { annotations: scaledBy(2) })
    const b = set('b', 1, 300, { annotations: scaledBy(2) })
    const { op, sizes } = D.proportions(d, [a, b])
    expect(op).toBe('down')
    // fractions round(1 × 1 / 2) − 1 = 0 (half away from zero: 1): b (older) takes the −1
    expect(sizes.map(([rs, n]) => [rs.metadata.name, n])).toEqual([['b', 0], ['a', 1]])
    const zero = deployment({ replicas: 0, maxSurge: 5, maxUnavailable: 1 })
    expect(D.proportions(zero, [a, b]).sizes.map(([, n]) => n)).toEqual([0, 0])
  })
})

describe('scale', () => {
  it('a lone active set goes to replicas; at replicas, nothing', () => {
    const d = deployment({ replicas: 6 })
    expect(rsSizes(D.scale(syncOf(d), undefined, [set('a', 4, 100), set('z', 0, 50)]).actions)).toEqual({ a: 6 })
    expect(D.scale(syncOf(d), undefined, [set('a', 6, 100, { annotations: scaledBy(2) })]).actions).toEqual([])
  })

  it('without an active set, the newest old one is scaled', () => {
    const d = deployment({ replicas: 2 })
    expect(rsSizes(D.scale(syncOf(d), undefined, [set('a', 0, 300), set('b', 0, 100), set('c', 0, 200)]).actions)).toEqual({ b: 2 })
  })

  it('a saturated new set sends every active old set to 0, newest first', () => {
    const d = deployment({ replicas: 3 })
    const cur = replicaSet({ name: 'new', replicas: 3, annotations: scaledBy(3) })
    const s = D.scale(syncOf(d), cur, [set('a', 1, 300), set('b', 2, 100), set('z', 0, 50)])
    expect(events(s.actions)).toEqual([
      ['Normal', 'ScalingReplicaSet', 'Scaled down replica set b to 0 from 2'],
      ['Normal', 'ScalingReplicaSet', 'Scaled down replica set a to 0 from 1'],
    ])
  })

  it('Recreate with several active sets and no saturated new one: nothing', () => {
    const d = deployment({ replicas: 6, strategy: 'Recreate' })
    expect(D.scale(syncOf(d), set('n', 1, 10), [set('a', 2, 300), set('b', 2, 100)]).actions).toEqual([])
  })

  it('proportional scaling writes every active set, refreshing annotations even where the size stays', () => {
    const d = deployment({ replicas: 8, maxSurge: 0, maxUnavailable: 1 })
    // a: round(4 × 8 / 9) − 4 = 0 (its max-replicas annotation is stale); b: round(2 × 8 / 4) − 2 = 2
    const a = set('a', 4, 300, { annotations: { ...scaledBy(8), [D.maxReplicasAnnotation]: '9' } })
    const b = set('b', 2, 100, { annotations: scaledBy(4) })
    const s = D.scale(syncOf(d), undefined, [b, a])
    expect(shape(s.actions)).toEqual(['Update ReplicaSet/a', 'Update ReplicaSet/b', 'Event ScalingReplicaSet'])
    expect(rsSizes(s.actions)).toEqual({ a: 4, b: 4 })
    expect(s.actions.flatMap((x) => (x._tag === 'Update' && x.object.kind === 'ReplicaSet' ? [x.object.metadata.annotations] : []))).toEqual([scaledBy(8), scaledBy(8)])
  })
})
