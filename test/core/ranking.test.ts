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
  ])('%s -> %d', (v, expected) => {
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
