import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import type { Pod } from '../../src/api/pod.js'
import * as _ from '../../src/core/ranking.js'
import { pod } from '../helpers/objects.js'

const now = Date.parse('2024-01-02T00:00:00Z')
const ready = (t: string) => ({ phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }] })
const names = (ps: ReadonlyArray<Pod>) => ps.map((p) => p.metadata.name)

describe('deletion cost', () => {
  it.each([
    [undefined, 0],
    ['10', 10],
    ['-5', -5],
    ['0', 0],
    ['+5', 0],
    ['007', 0],
    ['', 0],
    ['2147483647', 2147483647],
    ['2147483648', 0],
    ['abc', 0],
    ['100', 100],
    ['-007', -7],
    ['-0', 0],
    ['-00', 0],
    ['-', 0],
    ['--5', 0],
    ['-2147483648', -2147483648],
    ['-2147483649', 0],
    ['1e3', 0],
    ['0x10', 0],
    ['12.5', 0],
    [' 5', 0],
    ['5 ', 0],
  ])('%s -> %d (upstream: a leading "-" or a digit other than a lone "0", then a base-10 int32)', (v, expected) => {
    const p = pod('a', {}, v === undefined ? {} : { annotations: { [_.podDeletionCostAnnotation]: v } })
    expect(_.deletionCost(p)).toBe(expected)
  })
})

describe('scale-down ranking', () => {
  it('orders by upstream rules: unassigned, phase, readiness, cost, rank, ready time, restarts, age', () => {
    const pods: ReadonlyArray<Pod> = [
      pod('ready-old', { status: ready('2024-01-01T00:00:00Z') }),
      pod('unassigned', { spec: { containers: [{ name: 'c', image: 'x' }] }, status: { phase: 'Pending' } }),
      pod('pending', { status: { phase: 'Pending' } }),
      pod('running-notready', { status: { phase: 'Running' } }),
      pod('unknown', { status: { phase: 'Unknown' } }),
      pod('ready-new', { status: ready('2024-01-01T23:59:00Z') }),
      pod('ready-old-costly', { status: ready('2024-01-01T00:00:00Z') }, { annotations: { [_.podDeletionCostAnnotation]: '100' } }),
    ]
    expect(names(_.sortForDeletion(pods, now))).toEqual([
      'unassigned',
      'pending',
      'unknown',
      'running-notready',
      'ready-new',
      'ready-old',
      'ready-old-costly',
    ])
  })

  it('co-location rank comes before ready time, cost before rank', () => {
    const a = pod('a', { spec: { containers: [{ name: 'c', image: 'x' }], nodeName: 'crowded' }, status: ready('2024-01-01T00:00:00Z') })
    const b = pod('b', { spec: { containers: [{ name: 'c', image: 'x' }], nodeName: 'quiet' }, status: ready('2024-01-01T23:00:00Z') })
    const related = [a, a, a, b]
    expect(names(_.podsToDelete([b, a], related, 1, now))).toEqual(['a'])
    const bCheap = { ...b, metadata: { ...b.metadata, annotations: { [_.podDeletionCostAnnotation]: '-1' } } }
    expect(names(_.podsToDelete([a, bCheap], related, 1, now))).toEqual(['b'])
  })

  it('ready times in the same log2 bucket fall back to the uid', () => {
    const a = pod('a', { status: ready('2024-01-01T00:00:00Z') }, { uid: 'zzz' })
    const b = pod('b', { status: ready('2024-01-01T00:00:01Z') }, { uid: 'aaa' })
    expect(names(_.sortForDeletion([a, b], now))).toEqual(['b', 'a'])
    const c = pod('c', { status: ready('2024-01-01T00:00:00Z') }, { uid: 'aaa' })
    const d = pod('d', { status: ready('2024-01-01T00:00:01Z') }, { uid: 'zzz' })
    expect(names(_.sortForDeletion([d, c], now))).toEqual(['c', 'd'])
    // without `now`, plain recency decides
    expect(names(_.sortForDeletion([c, d], undefined))).toEqual(['d', 'c'])
  })

  it('more restarts first, then newer creation first', () => {
    const r = (n: string, restarts: number, created: string) =>
      pod(n, { status: { phase: 'Running', containerStatuses: [{ name: 'c', restartCount: restarts }] } }, { creationTimestamp: created, uid: n })
    const ps = [r('calm-old', 0, '2023-01-01T00:00:00Z'), r('flappy', 3, '2023-01-01T00:00:00Z'), r('calm-new', 0, '2024-01-01T23:00:00Z')]
    expect(names(_.sortForDeletion(ps, now))).toEqual(['flappy', 'calm-new', 'calm-old'])
  })

  it('returns a prefix of the order, whether it sorts or selects with a heap (property)', () => {
    const arbPod = fc.record({
      phase: fc.constantFrom('Pending', 'Running', 'Unknown'),
      ready: fc.boolean(),
      cost: fc.integer({ min: -2, max: 2 }),
      restarts: fc.nat(3),
      age: fc.nat(100_000),
      node: fc.constantFrom('', 'n1', 'n2'),
    })
    fc.assert(
      fc.property(fc.array(arbPod, { maxLength: 60 }), fc.nat(60), (specs, diff) => {
        const pods = specs.map((s, i) =>
          pod(
            `p${i}`,
            {
              spec: { containers: [{ name: 'c', image: 'x' }], ...(s.node === '' ? {} : { nodeName: s.node }) },
              status: {
                phase: s.phase,
                conditions: [{ type: 'Ready', status: s.ready ? 'True' : 'False', lastTransitionTime: new Date(now - s.age * 1000).toISOString() }],
                containerStatuses: [{ name: 'c', restartCount: s.restarts }],
              },
            },
            { uid: `u${i}`, annotations: { [_.podDeletionCostAnnotation]: String(s.cost) }, creationTimestamp: new Date(now - s.age * 2000).toISOString() },
          ),
        )
        const victims = _.podsToDelete(pods, pods, diff, now)
        expect(victims.length).toBe(Math.min(diff, pods.length))
        const order = names(_.sortForDeletion(pods, now, (p) => pods.filter((q) => (q.spec.nodeName ?? '') === (p.spec.nodeName ?? '')).length))
        if (diff < pods.length) expect(names(victims)).toEqual(order.slice(0, diff))
      }),
      { numRuns: 200 },
    )
  })

  describe('ties: namespace, name, uid, never the input order', () => {
    const alike = (name: string, namespace: string, uid: string): Pod =>
      pod(name, { spec: { containers: [{ name: 'c', image: 'x' }], nodeName: 'n1' }, status: ready('2024-01-01T00:00:00Z') }, { namespace, uid, creationTimestamp: '2024-01-01T00:00:00Z' })
    const pods = [alike('b', 'ns1', 'u1'), alike('a', 'ns2', 'u2'), alike('a', 'ns1', 'u4'), alike('a', 'ns1', 'u3')]
    const key = (ps: ReadonlyArray<Pod>) => ps.map((p) => `${p.metadata.namespace}/${p.metadata.name}/${p.metadata.uid}`)
    const expected = ['ns1/a/u3', 'ns1/a/u4', 'ns1/b/u1', 'ns2/a/u2']

    it.each([
      ['as given', pods],
      ['reversed', [...pods].reverse()],
    ])('sortForDeletion orders pods that rank alike by namespace, name, uid (%s)', (_name, input) => {
      expect(key(_.sortForDeletion(input, now))).toEqual(expected)
    })

    it.each([
      ['heap selection (diff * 4 < n)', 1],
      ['sort selection', 3],
      ['every pod (diff = n)', 4],
      ['every pod (diff > n)', 9],
    ])('podsToDelete picks the same pods in the same order from any input order: %s', (_name, diff) => {
      const many = [...pods, ...Array.from({ length: 8 }, (_v, i) => alike(`z${i}`, 'ns9', `w${i}`))]
      const want = key(_.podsToDelete(many, many, diff, now))
      expect(want.length).toBe(Math.min(diff, many.length))
      expect(key(_.podsToDelete([...many].reverse(), many, diff, now))).toEqual(want)
      expect(want).toEqual(key(_.sortForDeletion(many, now)).slice(0, diff))
    })
  })
})

describe('ranking, criterion by criterion', () => {
  const at = (ms: number) => new Date(ms).toISOString()
  const readyAt = (t: string | undefined) => ({
    phase: 'Running',
    conditions: [{ type: 'Ready', status: 'True', ...(t === undefined ? {} : { lastTransitionTime: t }) }],
  })
  const p = (name: string, status: object, meta: object = {}) => pod(name, { status }, { uid: `uid-${name}`, ...meta })

  it('Unknown before Running but after Pending, whatever the names say', () => {
    const ps = [p('a-running', { phase: 'Running' }), p('b-unknown', { phase: 'Unknown' }), p('c-pending', { phase: 'Pending' })]
    expect(names(_.sortForDeletion(ps, now))).toEqual(['c-pending', 'b-unknown', 'a-running'])
  })

  it('does not compare the Ready times of pods that are not ready', () => {
    const notReady = (t: string) => ({ phase: 'Running', conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: t }] })
    const ps = [p('b', notReady('2024-01-01T23:59:00Z')), p('a', notReady('2023-01-01T00:00:00Z'))]
    expect(names(_.sortForDeletion(ps, now))).toEqual(['a', 'b'])
    expect(names(_.sortForDeletion(ps, undefined))).toEqual(['a', 'b'])
  })

  it('equal Ready times fall through to restarts', () => {
    const withRestarts = (n: number) => ({ ...readyAt('2024-01-01T00:00:00Z'), containerStatuses: [{ name: 'c', restartCount: n }] })
    const ps = [p('a', withRestarts(0), { uid: 'aaa' }), p('b', withRestarts(2), { uid: 'zzz' })]
    expect(names(_.sortForDeletion(ps, now))).toEqual(['b', 'a'])
  })

  it('a missing Ready time sorts first, against a past or a future time, with or without now', () => {
    for (const t of ['2024-01-01T00:00:00Z', '2024-01-02T00:01:00Z']) {
      const ps = [p('a-timed', readyAt(t)), p('z-missing', readyAt(undefined))]
      expect(names(_.sortForDeletion(ps, now))).toEqual(['z-missing', 'a-timed'])
      expect(names(_.sortForDeletion([...ps].reverse(), undefined))).toEqual(['z-missing', 'a-timed'])
      for (const listed of [ps, [...ps].reverse()]) expect(names(_.podsToDelete(listed, [], 1, now))).toEqual(['z-missing'])
    }
  })

  it('log2 buckets of the age in nanoseconds: 1 s and 1.5 s old are apart, the younger first', () => {
    const ps = [p('older', readyAt(at(now - 1500)), { uid: 'aaa' }), p('younger', readyAt(at(now - 1000)), { uid: 'zzz' })]
    expect(names(_.sortForDeletion(ps, now))).toEqual(['younger', 'older'])
  })

  it('a Ready time in the future is in bucket -1: before any past one, tied with now itself (then the uid decides)', () => {
    const future = p('z-future', readyAt(at(now + 5000)), { uid: 'aaa' })
    expect(names(_.sortForDeletion([p('a-past', readyAt(at(now - 1000)), { uid: 'bbb' }), future], now))).toEqual(['z-future', 'a-past'])
    expect(names(_.sortForDeletion([p('a-now', readyAt(at(now)), { uid: 'zzz' }), future], now))).toEqual(['z-future', 'a-now'])
  })

  it('creation times compare in buckets too, the younger first, the uid within a bucket', () => {
    const created = (name: string, ms: number, uid: string) => p(name, { phase: 'Running' }, { creationTimestamp: at(ms), uid })
    expect(names(_.sortForDeletion([created('older', now - 1500, 'aaa'), created('younger', now - 1000, 'zzz')], now))).toEqual(['younger', 'older'])
    expect(names(_.sortForDeletion([created('a', now - 3600_000, 'zzz'), created('b', now - 3601_000, 'aaa')], now))).toEqual(['b', 'a'])
    expect(names(_.sortForDeletion([created('a', now - 3600_000, 'zzz'), created('b', now - 3601_000, 'aaa')], undefined))).toEqual(['a', 'b'])
  })

  it('sortActivePods ignores the deletion cost and compares exact times', () => {
    const cheap = p('cheap', readyAt('2024-01-01T00:00:00Z'), { uid: 'aaa', annotations: { [_.podDeletionCostAnnotation]: '-100' } })
    const newer = p('newer', readyAt('2024-01-01T00:00:01Z'), { uid: 'zzz' })
    expect(names(_.sortActivePods([cheap, newer]))).toEqual(['newer', 'cheap'])
    expect(names(_.sortForDeletion([cheap, newer], now))).toEqual(['cheap', 'newer'])
  })
})

describe('podsToDelete', () => {
  const onNode = (name: string, node: string, extra: object = {}) =>
    pod(name, { spec: { containers: [{ name: 'c', image: 'x' }], nodeName: node }, status: { phase: 'Running' }, ...extra }, { uid: `uid-${name}` })

  it('returns every pod in namespace/name/uid order when diff covers them all, not in ranking order', () => {
    const unassigned = pod('b', { spec: { containers: [{ name: 'c', image: 'x' }] }, status: { phase: 'Pending' } })
    const running = onNode('a', 'n1')
    expect(names(_.podsToDelete([unassigned, running], [], 2, now))).toEqual(['a', 'b'])
    expect(names(_.podsToDelete([unassigned, running], [], 1, now))).toEqual(['b'])
  })

  it('returns nothing for a diff of 0', () => {
    expect(_.podsToDelete([onNode('a', 'n1'), onNode('b', 'n1')], [], 0, now)).toEqual([])
  })

  it('counts only active related pods on a node', () => {
    const a = onNode('a', 'n1')
    const b = onNode('b', 'n2')
    const gone = pod('t', { spec: { containers: [{ name: 'c', image: 'x' }], nodeName: 'n2' }, status: { phase: 'Running' } }, { deletionTimestamp: '2024-01-01T00:00:00Z' })
    const failed = onNode('f', 'n2', { status: { phase: 'Failed' } })
    expect(names(_.podsToDelete([a, b], [a, b, gone, failed], 1, now))).toEqual(['a'])
    expect(names(_.podsToDelete([a, b], [a, b, onNode('x', 'n2')], 1, now))).toEqual(['b'])
  })

  // distinct times: with equal ones upstream's Less is not transitive (equal Ready times fall
  // through to restarts and creation, unequal ones in one bucket go by uid), and the choice
  // among such pods depends on the listing
  it('picks the same victims as the full order, for every diff, from any listing (property)', () => {
    const arbPod = fc.record({
      ready: fc.boolean(),
      readyAgeMs: fc.integer({ min: -2000, max: 4_000_000 }),
      createdAgeMs: fc.integer({ min: 0, max: 4_000_000 }),
      node: fc.constantFrom('', 'n1', 'n2', 'n3'),
      cost: fc.constantFrom('0', '1', '-1'),
    })
    fc.assert(
      fc.property(fc.array(arbPod, { maxLength: 40 }), fc.nat(45), fc.nat(), (specs, diff, rot) => {
        const pods = specs.map((s, i) =>
          pod(
            `p${i}`,
            {
              spec: { containers: [{ name: 'c', image: 'x' }], ...(s.node === '' ? {} : { nodeName: s.node }) },
              status: { phase: 'Running', conditions: [{ type: 'Ready', status: s.ready ? 'True' : 'False', lastTransitionTime: new Date(now - s.readyAgeMs * 64 - i).toISOString() }] },
            },
            { uid: `u${(i * 7) % 41}`, annotations: { [_.podDeletionCostAnnotation]: s.cost }, creationTimestamp: new Date(now - s.createdAgeMs * 64 - i).toISOString() },
          ),
        )
        const k = pods.length === 0 ? 0 : rot % pods.length
        const rotated = [...pods.slice(k), ...pods.slice(0, k)]
        const rank = (x: Pod) => pods.filter((q) => (q.spec.nodeName ?? '') === (x.spec.nodeName ?? '')).length
        const order = names(_.sortForDeletion(pods, now, rank))
        const victims = names(_.podsToDelete(rotated, pods, diff, now))
        expect(victims).toEqual(diff >= pods.length ? names(pods).sort() : order.slice(0, diff))
      }),
      { numRuns: 300 },
    )
  })
})

describe('heap selection (diff × 4 < pods) on a strict order', () => {
  // 40 pods whose deletion costs are a permutation of 0..39: the order is total, so the victims
  // are the `diff` cheapest, cheapest first, whatever the input order.
  const costed = (i: number, cost: number): Pod =>
    pod(`p${String(i).padStart(2, '0')}`, {}, { uid: `u${i}`, annotations: { [_.podDeletionCostAnnotation]: String(cost) } })
  const orders: ReadonlyArray<readonly [string, (i: number) => number]> = [
    ['ascending', (i) => i],
    ['descending', (i) => 39 - i],
    ['× 7 mod 40', (i) => (i * 7) % 40],
    ['× 13 + 5 mod 40', (i) => (i * 13 + 5) % 40],
  ]
  it.each(orders.flatMap(([name, perm]) => [1, 3, 5, 9].map((diff) => [name, diff, perm] as const)))('%s, diff %d', (_name, diff, perm) => {
    const pods = Array.from({ length: 40 }, (_v, i) => costed(i, perm(i)))
    const costs = _.podsToDelete(pods, pods, diff, now).map(_.deletionCost)
    expect(costs).toEqual(Array.from({ length: diff }, (_v, i) => i))
  })
})
