/**
 * Node churn faults: nodes join, leave, are relabelled, tainted, untainted, cordoned and
 * uncordoned through the API server, and the scheduler reacts.
 */
import { describe, expect, it } from 'vitest'
import type { Node } from '../../src/api/node.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as Simulation from '../../src/sim/index.js'
import type { Fault, Simulation as Sim } from '../../src/sim/index.js'
import { faultSummary } from '../../src/sim/timeline.js'
import { bareOptions, getPod, node, pod } from './fixtures.js'

const nodeOf = (sim: Sim, name: string): Node | undefined => ClusterView.lookup(sim.view, 'Node', undefined, name)
const inject = (sim: Sim, f: Fault): Sim => Simulation.inject(sim, f)
const last = (sim: Sim) => sim.trace[sim.trace.length - 1]

describe('node churn faults', () => {
  const base = () => Simulation.make(bareOptions([node('n1', { labels: { zone: 'a' }, taints: [{ key: 'x', effect: 'NoSchedule' }] })]))

  it('NodeAdd creates a ready node with its labels, taints and capacity; the scheduler uses it', () => {
    let sim = Simulation.make(bareOptions([pod('web')]))
    sim = Simulation.step(sim)
    expect(getPod(sim, 'web')?.spec.nodeName).toBeUndefined()
    sim = inject(sim, { _tag: 'NodeAdd', name: 'n2', labels: { zone: 'b' }, taints: [{ key: 'k', effect: 'PreferNoSchedule' }], pods: 7 })
    const n = nodeOf(sim, 'n2')
    expect(n?.metadata.labels).toEqual({ 'kubernetes.io/hostname': 'n2', zone: 'b' })
    expect(n?.spec?.taints).toEqual([{ key: 'k', effect: 'PreferNoSchedule' }])
    expect(n?.status?.allocatable).toEqual({ pods: '7' })
    expect(n?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True')
    expect(n?.metadata.uid).toBeDefined()
    sim = Simulation.runUntilStable(sim, { seconds: 10 })
    expect(getPod(sim, 'web')?.spec.nodeName).toBe('n2')
  })

  it('NodeAdd of an existing node is rejected', () => {
    const sim = inject(base(), { _tag: 'NodeAdd', name: 'n1' })
    expect(last(sim)).toMatchObject({ _tag: 'Fault', result: 'rejected' })
  })

  it('NodeRemove deletes the node; its bound pods stay bound', () => {
    let sim = Simulation.runUntilStable(Simulation.make(bareOptions([node('n1'), pod('web')])), { seconds: 10 })
    sim = inject(sim, { _tag: 'NodeRemove', name: 'n1' })
    expect(nodeOf(sim, 'n1')).toBeUndefined()
    expect(getPod(sim, 'web')?.spec.nodeName).toBe('n1')
  })

  it('NodeLabel sets and removes labels', () => {
    const sim = inject(base(), { _tag: 'NodeLabel', name: 'n1', labels: { zone: null, disk: 'ssd' } })
    expect(nodeOf(sim, 'n1')?.metadata.labels).toEqual({ 'kubernetes.io/hostname': 'n1', disk: 'ssd' })
  })

  it('NodeTaint adds a taint, replacing one with the same key and effect; NodeUntaint removes by key (and effect)', () => {
    let sim = inject(base(), { _tag: 'NodeTaint', name: 'n1', taint: { key: 'x', value: 'v', effect: 'NoSchedule' } })
    sim = inject(sim, { _tag: 'NodeTaint', name: 'n1', taint: { key: 'x', effect: 'NoExecute' } })
    expect(nodeOf(sim, 'n1')?.spec?.taints).toEqual([
      { key: 'x', value: 'v', effect: 'NoSchedule' },
      { key: 'x', effect: 'NoExecute' },
    ])
    const one = inject(sim, { _tag: 'NodeUntaint', name: 'n1', key: 'x', effect: 'NoExecute' })
    expect(nodeOf(one, 'n1')?.spec?.taints).toEqual([{ key: 'x', value: 'v', effect: 'NoSchedule' }])
    const none = inject(sim, { _tag: 'NodeUntaint', name: 'n1', key: 'x' })
    expect(nodeOf(none, 'n1')?.spec?.taints).toBeUndefined()
  })

  it('NodeCordon sets unschedulable and the unschedulable taint; NodeUncordon clears both', () => {
    let sim = inject(base(), { _tag: 'NodeCordon', name: 'n1' })
    expect(nodeOf(sim, 'n1')?.spec).toEqual({
      unschedulable: true,
      taints: [
        { key: 'x', effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
      ],
    })
    sim = inject(sim, { _tag: 'NodeCordon', name: 'n1' })
    expect(nodeOf(sim, 'n1')?.spec?.taints?.length).toBe(2)
    sim = inject(sim, { _tag: 'NodeUncordon', name: 'n1' })
    expect(nodeOf(sim, 'n1')?.spec).toEqual({ taints: [{ key: 'x', effect: 'NoSchedule' }] })
  })

  it('a cordoned node takes no new pod', () => {
    let sim = inject(Simulation.make(bareOptions([node('n1')])), { _tag: 'NodeCordon', name: 'n1' })
    sim = inject(sim, { _tag: 'ExternalCreate', object: pod('web') })
    sim = Simulation.runUntilStable(sim, { seconds: 10 })
    expect(getPod(sim, 'web')?.spec.nodeName).toBeUndefined()
    sim = Simulation.runUntilStable(inject(sim, { _tag: 'NodeUncordon', name: 'n1' }), { seconds: 10 })
    expect(getPod(sim, 'web')?.spec.nodeName).toBe('n1')
  })

  it.each<Fault>([
    { _tag: 'NodeLabel', name: 'nope', labels: {} },
    { _tag: 'NodeTaint', name: 'nope', taint: { key: 'k', effect: 'NoSchedule' } },
    { _tag: 'NodeUntaint', name: 'nope', key: 'k' },
    { _tag: 'NodeCordon', name: 'nope' },
    { _tag: 'NodeUncordon', name: 'nope' },
  ])('%j on a missing node is rejected, naming it', (f) => {
    const sim = inject(base(), f)
    expect(last(sim)).toMatchObject({ _tag: 'Fault', result: 'rejected', detail: 'NotFound: Node "nope" not found' })
  })

  it('summarises each fault as kubectl would say it', () => {
    expect(
      [
        { _tag: 'NodeAdd', name: 'n2', labels: { zone: 'b' }, taints: [{ key: 'k', value: 'v', effect: 'NoSchedule' }] },
        { _tag: 'NodeAdd', name: 'n3' },
        { _tag: 'NodeRemove', name: 'n2' },
        { _tag: 'NodeLabel', name: 'n2', labels: { zone: null } },
        { _tag: 'NodeTaint', name: 'n2', taint: { key: 'k', effect: 'NoExecute' } },
        { _tag: 'NodeUntaint', name: 'n2', key: 'k' },
        { _tag: 'NodeUntaint', name: 'n2', key: 'k', effect: 'NoExecute' },
        { _tag: 'NodeCordon', name: 'n2' },
        { _tag: 'NodeUncordon', name: 'n2' },
      ].map((f) => faultSummary(f as Fault)),
    ).toEqual([
      'NodeAdd n2 {"zone":"b"} taints k=v:NoSchedule',
      'NodeAdd n3',
      'NodeRemove n2',
      'NodeLabel n2 {"zone":null}',
      'NodeTaint n2 k:NoExecute',
      'NodeUntaint n2 k',
      'NodeUntaint n2 k:NoExecute',
      'NodeCordon n2',
      'NodeUncordon n2',
    ])
  })
})
