/**
 * Faults: node down/up, stale views with and without expectations, controller restarts,
 * dropped actions, external creates.
 */
import { describe, expect, it } from 'vitest'
import * as Pods from '../../src/core/pods.js'
import { controllerOf, perObject } from '../../src/core/Controller.js'
import { Sim, actions, condition, getNode, getPod, keepN, node, podsOf, replicaSet, toyOptions } from './fixtures.js'

const active = (sim: Sim.Simulation) => podsOf(sim).filter(Pods.isActive)

describe('NodeDown and NodeUp', () => {
  it('a lost node fails its pods (NodeLost), takes no new ones, and comes back clean', () => {
    let sim = Sim.runUntilStable(Sim.make(toyOptions([node('n1'), node('n2'), replicaSet('web', 4)])))
    expect(podsOf(sim).map((p) => p.spec.nodeName).sort()).toEqual(['n1', 'n1', 'n2', 'n2'])
    const onN1 = podsOf(sim).filter((p) => p.spec.nodeName === 'n1').map((p) => p.metadata.name ?? '')

    sim = Sim.inject(sim, { _tag: 'NodeDown', name: 'n1' })
    const n1 = getNode(sim, 'n1')
    expect(n1?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' })
    expect(n1?.spec?.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2024-01-01T00:00:02Z' },
    ])
    for (const name of onN1) {
      const p = getPod(sim, name)
      expect(p?.status).toMatchObject({ phase: 'Failed', reason: 'NodeLost' })
      expect(condition(p, 'Ready')).toBe('False')
    }
    const fault = sim.trace[sim.trace.length - 1]
    expect(fault?._tag === 'Fault' && fault.detail).toBe('2 pod(s) failed')

    // the toy controller replaces the failed pods, on n2 only
    sim = Sim.runUntilStable(sim)
    expect(active(sim).map((p) => p.spec.nodeName)).toEqual(['n2', 'n2', 'n2', 'n2'])
    expect(active(sim).every((p) => condition(p, 'Ready') === 'True')).toBe(true)

    sim = Sim.inject(sim, { _tag: 'NodeUp', name: 'n1' })
    expect(condition(getPod(sim, onN1[0] ?? '') as never, 'Ready')).toBe('False')
    expect(getNode(sim, 'n1')?.spec?.taints).toBeUndefined()
    expect(getNode(sim, 'n1')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True')
    sim = Sim.runUntilStable(sim)
    expect(sim.stopped).toBe('fixpoint')
    // failed pods stay failed (the pod garbage collector is not modelled)
    expect(podsOf(sim).filter((p) => p.status?.phase === 'Failed')).toHaveLength(2)
  })

  it('a terminating pod on a lost node stays until the node is back', () => {
    let sim = Sim.runUntilStable(Sim.make(toyOptions([node('n1'), replicaSet('web', 1)])))
    const [p] = podsOf(sim)
    const target = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: p?.metadata.name ?? '' }
    sim = Sim.inject(sim, { _tag: 'ExternalDelete', target })
    sim = Sim.inject(sim, { _tag: 'NodeDown', name: 'n1' })
    sim = Sim.advance(sim, 60)
    expect(getPod(sim, target.name)?.metadata.deletionTimestamp).toBe('2024-01-01T00:00:32Z')
    expect(getPod(sim, target.name)?.status?.phase).toBe('Failed')
    sim = Sim.runUntilStable(Sim.inject(sim, { _tag: 'NodeUp', name: 'n1' }))
    expect(getPod(sim, target.name)).toBeUndefined()
  })

  it('unknown nodes are reported, not invented', () => {
    const sim = Sim.inject(Sim.make(toyOptions([])), { _tag: 'NodeDown', name: 'ghost' })
    expect(sim.trace).toMatchObject([{ _tag: 'Fault', detail: 'no node ghost' }])
    expect(podsOf(sim)).toEqual([])
  })
})

describe('StaleView and expectations', () => {
  /** Two pods created, then controllers see the view from before the creates for 3 rounds. */
  const stale = (extra: Parameters<typeof toyOptions>[1] = {}, restart = false) => {
    let sim = Sim.step(Sim.make(toyOptions([node('n1'), replicaSet('web', 2)], extra)))
    expect(active(sim)).toHaveLength(2)
    if (restart) sim = Sim.inject(sim, { _tag: 'ControllerRestart' })
    sim = Sim.inject(sim, { _tag: 'StaleView', lag: 1, rounds: 3 })
    return Sim.step(sim)
  }

  it('withholds the creates a stale view asks for while earlier creates are not yet visible', () => {
    const sim = stale()
    expect(active(sim)).toHaveLength(2)
    const round2 = actions(sim).slice(-3)
    expect(round2.map((a) => [a.action._tag, a.result])).toEqual([
      ['Create', 'withheld'],
      ['Create', 'withheld'],
      ['UpdateStatus', 'conflict'],
    ])
    expect(round2[0]?.detail).toBe('expectations not yet satisfied')
    const settled = Sim.runUntilStable(sim)
    expect(active(settled)).toHaveLength(2)
    expect(settled.stopped).toBe('fixpoint')
  })

  it('withholds deletes too, while the view still shows the pods deleted earlier as active', () => {
    let sim = Sim.runUntilStable(Sim.make(toyOptions([node('n1'), replicaSet('web', 2)])))
    const target = { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'default', name: 'web' }
    sim = Sim.step(Sim.inject(sim, { _tag: 'ExternalEdit', target, patch: { spec: { replicas: 1 } } }))
    expect(active(sim)).toHaveLength(1)
    sim = Sim.step(Sim.inject(sim, { _tag: 'StaleView', lag: 1, rounds: 1 }))
    expect(actions(sim).slice(-2).map((a) => [a.action._tag, a.result])).toEqual([
      ['Delete', 'applied'],
      ['Delete', 'withheld'],
    ])
  })

  it('without expectations the same stale view creates duplicates (later cleaned up)', () => {
    const sim = stale({ controllers: { ReplicaSet: perObject('ReplicaSet', 'ReplicaSet', keepN, { wakes: [controllerOf('Pod', 'ReplicaSet')] }) } })
    expect(active(sim)).toHaveLength(4)
    const settled = Sim.runUntilStable(sim)
    expect(active(settled)).toHaveLength(2)
    expect(actions(settled).filter((a) => a.action._tag === 'Delete' && a.result === 'applied')).toHaveLength(2)
  })

  it('a controller restart forgets the expectations, so the stale view duplicates', () => {
    const sim = stale({}, true)
    expect(active(sim)).toHaveLength(4)
    expect(sim.trace.some((t) => t._tag === 'Fault' && t.fault._tag === 'ControllerRestart')).toBe(true)
  })

  it('a lag beyond the kept history is capped', () => {
    const sim = Sim.inject(Sim.make(toyOptions([], { viewHistory: 4 })), { _tag: 'StaleView', lag: 10, rounds: 1 })
    expect(sim.trace).toMatchObject([{ _tag: 'Fault', detail: 'lag capped at 3 rounds' }])
  })

  it('a stale view keeps rounds busy only until it catches up with the current one', () => {
    let sim = Sim.runUntilStable(Sim.make(toyOptions([node('n1'), replicaSet('web', 1)])))
    sim = Sim.inject(sim, { _tag: 'StaleView', lag: 2, rounds: 100 })
    const before = sim.runtime.rounds
    sim = Sim.runUntilStable(sim)
    expect(sim.stopped).toBe('fixpoint')
    expect(sim.runtime.rounds - before).toBeLessThanOrEqual(3)
  })
})

describe('DropActions', () => {
  it('the next writes are lost and traced as dropped; the controller retries', () => {
    let sim = Sim.make(toyOptions([node('n1'), replicaSet('web', 2)]))
    sim = Sim.step(Sim.inject(sim, { _tag: 'DropActions', count: 2 }))
    expect(actions(sim).map((a) => [a.action._tag, a.result])).toEqual([
      ['Create', 'dropped'],
      ['Create', 'dropped'],
      ['UpdateStatus', 'applied'],
    ])
    expect(podsOf(sim)).toEqual([])
    sim = Sim.runUntilStable(sim)
    expect(active(sim)).toHaveLength(2)
    expect(Sim.timeline(sim)).toContain('Create Pod default/web-* → dropped')
  })
})

describe('ExternalCreate', () => {
  it('creates through the API server, generated name included', () => {
    const sim = Sim.inject(Sim.make(toyOptions([])), {
      _tag: 'ExternalCreate',
      object: { apiVersion: 'v1', kind: 'Node', metadata: { generateName: 'worker-' } },
    })
    const entry = sim.trace[0]
    expect(entry?._tag === 'Fault' && entry.result).toBe('applied')
    const name = entry?._tag === 'Fault' ? entry.ref?.name : undefined
    expect(name).toMatch(/^worker-[a-z0-9]{5}$/)
    expect(getNode(sim, name ?? '')?.metadata.namespace).toBeUndefined()
    expect(Sim.timeline(sim)).toMatch(/fault {2}ExternalCreate Node worker-\* as Node worker-[a-z0-9]{5}$/)
  })
})
