/**
 * The simulated scheduler: eligibility (readiness, cordon, nodeSelector, required node
 * affinity, taints and tolerations, capacity) and the deterministic choice.
 */
import { describe, expect, it } from 'vitest'
import type { Taint } from '../../src/api/node.js'
import type { NodeSelectorRequirement, PodSpec, Toleration } from '../../src/api/pod.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as Nodes from '../../src/core/nodes.js'
import { Sim, bareOptions, condition, getPod, node, pod, podsOf } from './fixtures.js'

const nodeOf = (sim: Sim.Simulation, name: string): string | undefined => getPod(sim, name)?.spec.nodeName

const placed = (spec: Partial<PodSpec>, nodes: ReadonlyArray<ReturnType<typeof node>>): string | undefined =>
  nodeOf(Sim.step(Sim.make(bareOptions([...nodes, pod('p', { spec })]))), 'p')

describe('tolerations', () => {
  const taint: Taint = { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }
  it.each<[string, Toleration, boolean]>([
    ['Equal with the same key, value and effect', { key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }, true],
    ['operator defaults to Equal', { key: 'dedicated', value: 'gpu' }, true],
    ['Equal with another value', { key: 'dedicated', operator: 'Equal', value: 'cpu' }, false],
    ['Exists on the key, any effect', { key: 'dedicated', operator: 'Exists' }, true],
    ['Exists with another effect', { key: 'dedicated', operator: 'Exists', effect: 'NoExecute' }, false],
    ['empty key with Exists tolerates everything', { operator: 'Exists' }, true],
    ['another key', { key: 'other', operator: 'Exists' }, false],
  ])('%s', (_name, toleration, expected) => {
    expect(Nodes.tolerates(toleration, taint)).toBe(expected)
  })

  it('a NoSchedule or NoExecute taint keeps untolerating pods off; PreferNoSchedule does not', () => {
    const nodes = [
      node('a', { taints: [{ key: 'dedicated', value: 'gpu', effect: 'NoSchedule' }] }),
      node('b', { taints: [{ key: 'maintenance', effect: 'NoExecute' }] }),
      node('c', { taints: [{ key: 'soft', effect: 'PreferNoSchedule' }] }),
    ]
    expect(placed({}, nodes)).toBe('c')
    expect(placed({}, nodes.slice(0, 2))).toBeUndefined()
    expect(placed({ tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'gpu', effect: 'NoSchedule' }] }, nodes.slice(0, 2))).toBe('a')
    expect(placed({ tolerations: [{ key: 'maintenance', operator: 'Exists' }] }, nodes.slice(0, 2))).toBe('b')
    expect(placed({ tolerations: [{ operator: 'Exists' }] }, nodes.slice(0, 2))).toBe('a')
  })
})

describe('node selection', () => {
  const nodes = [
    node('a', { labels: { zone: 'z1', disk: 'ssd', cores: '8' } }),
    node('b', { labels: { zone: 'z2', cores: '32' } }),
    node('c', { labels: { zone: 'z3' } }),
  ]

  it('nodeSelector: every label must match', () => {
    expect(placed({ nodeSelector: { zone: 'z2' } }, nodes)).toBe('b')
    expect(placed({ nodeSelector: { zone: 'z1', disk: 'ssd' } }, nodes)).toBe('a')
    expect(placed({ nodeSelector: { zone: 'z2', disk: 'ssd' } }, nodes)).toBeUndefined()
  })

  const affinity = (...terms: ReadonlyArray<{ matchExpressions?: ReadonlyArray<NodeSelectorRequirement>; matchFields?: ReadonlyArray<NodeSelectorRequirement> }>): Partial<PodSpec> => ({
    affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: terms } } },
  })

  it.each<[string, NodeSelectorRequirement, string | undefined]>([
    ['In', { key: 'zone', operator: 'In', values: ['z3', 'z9'] }, 'c'],
    ['NotIn (absent labels match)', { key: 'zone', operator: 'NotIn', values: ['z1', 'z2'] }, 'c'],
    ['Exists', { key: 'disk', operator: 'Exists' }, 'a'],
    ['DoesNotExist', { key: 'cores', operator: 'DoesNotExist' }, 'c'],
    ['Gt', { key: 'cores', operator: 'Gt', values: ['10'] }, 'b'],
    ['Lt', { key: 'cores', operator: 'Lt', values: ['10'] }, 'a'],
    ['Gt with no such label', { key: 'memory', operator: 'Gt', values: ['1'] }, undefined],
  ])('required node affinity, %s', (_name, req, expected) => {
    expect(placed(affinity({ matchExpressions: [req] }), nodes)).toBe(expected)
  })

  it('terms are ORed, expressions within a term ANDed; matchFields on metadata.name; an empty term matches nothing', () => {
    const z1 = { key: 'zone', operator: 'In', values: ['z1'] }
    const big = { key: 'cores', operator: 'Gt', values: ['16'] }
    expect(placed(affinity({ matchExpressions: [z1, big] }), nodes)).toBeUndefined()
    expect(placed(affinity({ matchExpressions: [z1] }, { matchExpressions: [big] }), nodes)).toBe('a')
    expect(placed(affinity({ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['c'] }] }), nodes)).toBe('c')
    // matchFields take exactly one value (upstream's nodeaffinity): a NotIn with two matches nothing.
    expect(placed(affinity({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['a', 'b'] }] }), nodes)).toBeUndefined()
    expect(placed(affinity({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['a'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['b'] }] }), nodes)).toBe('a')
    expect(placed(affinity({}), nodes)).toBeUndefined()
  })

  it('a pod pinned by matchFields metadata.name In [node] goes there only if the node fits it, in any term', () => {
    const pin = (n: string) => ({ matchFields: [{ key: 'metadata.name', operator: 'In', values: [n] }] })
    expect(placed(affinity(pin('b')), nodes)).toBe('b')
    expect(placed(affinity(pin('b'), pin('c')), nodes)).toBe('b')
    expect(placed(affinity(pin('gone')), nodes)).toBeUndefined()
    // The pinned node must still satisfy the term's other requirements.
    const z1 = [{ key: 'zone', operator: 'In', values: ['z1'] }]
    expect(placed(affinity({ ...pin('b'), matchExpressions: z1 }), nodes)).toBeUndefined()
    expect(placed(affinity({ ...pin('a'), matchExpressions: z1 }), nodes)).toBe('a')
  })
})

describe('node state and capacity', () => {
  it('skips nodes that are not Ready, and cordoned nodes unless the pod tolerates the cordon', () => {
    const nodes = [node('a', { ready: 'False' }), node('b', { ready: 'Unknown' }), node('c', { unschedulable: true })]
    expect(placed({}, nodes)).toBeUndefined()
    expect(placed({ tolerations: [{ key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' }] }, nodes)).toBe('c')
    const noConditions = { ...node('d'), status: {} }
    expect(placed({}, [...nodes, noConditions])).toBe('d')
  })

  it('respects allocatable pods, counting non-terminal pods only; the rest is marked Unschedulable', () => {
    const done = { ...pod('done', { spec: { nodeName: 'a' } }), status: { phase: 'Succeeded' } }
    const busy = pod('busy', { spec: { nodeName: 'b' } })
    let sim = Sim.make(bareOptions([node('a', { pods: 1 }), node('b', { pods: 2 }), done, busy, pod('p1'), pod('p2'), pod('p3')]))
    sim = Sim.step(sim)
    expect(nodeOf(sim, 'p1')).toBe('a')
    expect(nodeOf(sim, 'p2')).toBe('b')
    expect(nodeOf(sim, 'p3')).toBeUndefined()
    const p3 = getPod(sim, 'p3')
    expect(p3?.status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({
      status: 'False',
      reason: 'Unschedulable',
      message: '0/2 nodes are available',
    })
    expect(condition(getPod(sim, 'p1'), 'PodScheduled')).toBe('True')
    // marking again changes nothing: the next round is quiet as far as the scheduler goes
    const rv = p3?.metadata.resourceVersion
    expect(getPod(Sim.step(sim), 'p3')?.metadata.resourceVersion).toBe(rv)
    // room again: p3 goes to b
    sim = Sim.inject(sim, { _tag: 'ExternalDelete', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'busy' } })
    sim = Sim.runUntilStable(sim)
    expect(nodeOf(sim, 'p3')).toBe('b')
  })

  it('chooses the node with the fewest pods, then the smallest name, in pod priority then name order', () => {
    const pods = ['p1', 'p2', 'p3', 'p4', 'p5'].map((n) => pod(n))
    const vip = pod('z-vip', { spec: { priority: 100 } })
    const sim = Sim.step(Sim.make(bareOptions([node('c'), node('b'), node('a', { pods: 110 }), pod('pre', { spec: { nodeName: 'a' } }), ...pods, vip])))
    expect(nodeOf(sim, 'z-vip')).toBe('b')
    expect(['p1', 'p2', 'p3', 'p4', 'p5'].map((n) => nodeOf(sim, n))).toEqual(['c', 'a', 'b', 'c', 'a'])
    const binds = sim.trace.flatMap((t) => (t._tag === 'Environment' && t.event._tag === 'Bound' ? [t.target.name] : []))
    expect(binds).toEqual(['z-vip', 'p1', 'p2', 'p3', 'p4', 'p5'])
  })

  it('leaves pods for another scheduler alone', () => {
    const other = pod('other', { spec: { schedulerName: 'my-scheduler' } })
    const sim = Sim.step(Sim.make(bareOptions([node('a'), other])))
    expect(nodeOf(sim, 'other')).toBeUndefined()
    expect(getPod(sim, 'other')?.status).toBeUndefined()
  })

  it('spreads 4,000 pods over 200 nodes evenly (instant API: all bound in one round)', () => {
    const nodes = Array.from({ length: 200 }, (_, i) => node(`node-${String(i).padStart(3, '0')}`))
    const pods = Array.from({ length: 4000 }, (_, i) => pod(`pod-${i}`))
    const sim = Sim.step(Sim.make(bareOptions([...nodes, ...pods], { trace: 'none', pacing: false })))
    const perNode = nodes.map((n) => ClusterView.podsOnNode(sim.view, n.metadata.name ?? '').length)
    expect(Math.min(...perNode)).toBe(20)
    expect(Math.max(...perNode)).toBe(20)
    expect(podsOf(sim).every((p) => p.spec.nodeName !== undefined)).toBe(true)
    expect(sim.trace).toEqual([])
  })
})

describe('pacing', () => {
  const nodes = Array.from({ length: 10 }, (_, i) => node(`node-${i}`))
  const pods = Array.from({ length: 250 }, (_, i) => pod(`pod-${String(i).padStart(3, '0')}`))
  const bound = (sim: Sim.Simulation): number => podsOf(sim).filter((p) => p.spec.nodeName !== undefined).length

  it('binds at most the burst at once, then at the scheduler QPS (default 50/s, burst 100)', () => {
    const first = Sim.step(Sim.make(bareOptions([...nodes, ...pods], { trace: 'none' })))
    expect(bound(first)).toBe(100)
    const end = Sim.runUntilStable(first)
    expect(bound(end)).toBe(250)
    // 150 more at 50 per second: 3 simulated seconds after the first round.
    expect(end.now.getTime() - first.now.getTime()).toBeGreaterThanOrEqual(3000)
  })

  it('a custom rate paces accordingly', () => {
    const sim = Sim.runUntilStable(Sim.make(bareOptions([...nodes, ...pods], { trace: 'none', pacing: { scheduler: { qps: 10, burst: 10 } } })))
    expect(bound(sim)).toBe(250)
    expect(sim.now.getTime() - new Date('2024-01-01T00:00:00Z').getTime()).toBeGreaterThanOrEqual(24_000)
  })
})
