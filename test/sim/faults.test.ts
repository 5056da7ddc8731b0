/**
 * Faults: node down/up, stale views with and without expectations, controller restarts,
 * dropped actions, external creates.
 */
import { describe, expect, it } from 'vitest'
import * as Pods from '../../src/core/pods.js'
import { controllerOf, perObject } from '../../src/core/Controller.js'
import * as NodeLifecycle from '../../src/controllers/nodelifecycle/index.js'
import * as TaintEviction from '../../src/controllers/tainteviction/index.js'
import { Sim, actions, condition, getNode, getPod, keepN, node, podsOf, replicaSet, seconds, toyOptions } from './fixtures.js'

const active = (sim: Sim.Simulation) => podsOf(sim).filter(Pods.isActive)

describe('NodeDown and NodeUp', () => {
  /** The toy controller with node lifecycle and taint eviction. */
  const withLifecycle = (objects: Parameters<typeof toyOptions>[0]) =>
    toyOptions(objects, { controllers: { ReplicaSet: keepN, 'node-lifecycle-controller': NodeLifecycle.controller, 'taint-eviction-controller': TaintEviction.controller } })

  it('the kubelet stops: after 50 s the node is Unknown and tainted, after 300 s more its pods are evicted and replaced; back, the taints go', () => {
    let sim = Sim.runUntilStable(Sim.make(withLifecycle([node('n1'), node('n2'), replicaSet('web', 4)])))
    expect(podsOf(sim).map((p) => p.spec.nodeName).sort()).toEqual(['n1', 'n1', 'n2', 'n2'])
    const onN1 = podsOf(sim).filter((p) => p.spec.nodeName === 'n1').map((p) => p.metadata.name ?? '')
    const t0 = seconds(sim)

    sim = Sim.inject(sim, { _tag: 'NodeDown', name: 'n1' })
    // Only the kubelet stopped: its last heartbeat recorded, nothing else yet.
    expect(getNode(sim, 'n1')?.metadata.annotations?.[Sim.Annotations.lastHeartbeat]).toBe('2024-01-01T00:00:02Z')
    expect(getNode(sim, 'n1')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True')
    sim = Sim.advance(sim, 49)
    expect(getNode(sim, 'n1')?.status?.conditions?.find((c) => c.type === 'Ready')?.status).toBe('True')
    sim = Sim.advance(sim, 1)
    const n1 = getNode(sim, 'n1')
    expect(n1?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown' })
    expect(n1?.spec?.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule', timeAdded: '2024-01-01T00:00:52Z' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: '2024-01-01T00:00:52Z' },
    ])
    for (const name of onN1) {
      expect(getPod(sim, name)?.status?.phase).toBe('Running')
      expect(condition(getPod(sim, name), 'Ready')).toBe('False')
    }
    sim = Sim.advance(sim, 299)
    expect(onN1.every((name) => getPod(sim, name)?.metadata.deletionTimestamp === undefined)).toBe(true)
    sim = Sim.advance(sim, 1)
    expect(seconds(sim) - t0).toBe(350)
    for (const name of onN1) {
      const p = getPod(sim, name)
      expect(p?.metadata.deletionTimestamp).toBe('2024-01-01T00:06:22Z')
      expect(p?.status?.conditions?.find((c) => c.type === 'DisruptionTarget')).toMatchObject({ status: 'True', reason: 'DeletionByTaintManager' })
    }

    // the toy controller replaces the evicted pods, on n2 only; the evicted ones stay terminating
    sim = Sim.runUntilStable(sim)
    expect(active(sim).map((p) => p.spec.nodeName)).toEqual(['n2', 'n2', 'n2', 'n2'])
    expect(active(sim).every((p) => condition(p, 'Ready') === 'True')).toBe(true)
    expect(onN1.every((name) => getPod(sim, name) !== undefined)).toBe(true)

    sim = Sim.runUntilStable(Sim.inject(sim, { _tag: 'NodeUp', name: 'n1' }))
    expect(sim.stopped).toBe('fixpoint')
    expect(getNode(sim, 'n1')?.spec?.taints).toBeUndefined()
    expect(getNode(sim, 'n1')?.metadata.annotations?.[Sim.Annotations.lastHeartbeat]).toBeUndefined()
    expect(getNode(sim, 'n1')?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', reason: 'KubeletReady' })
    // the kubelet is back: the evicted pods stop and go
    expect(onN1.map((name) => getPod(sim, name))).toEqual([undefined, undefined])
    expect(podsOf(sim)).toHaveLength(4)
  })

  it('a node back before the tolerations run out keeps its pods, Ready again', () => {
    let sim = Sim.runUntilStable(Sim.make(withLifecycle([node('n1'), node('n2'), replicaSet('web', 2)])))
    const names = podsOf(sim).map((p) => p.metadata.name ?? '')
    sim = Sim.advance(Sim.inject(sim, { _tag: 'NodeDown', name: 'n1' }), 120)
    expect(getNode(sim, 'n1')?.spec?.taints).toHaveLength(2)
    sim = Sim.runUntilStable(Sim.inject(sim, { _tag: 'NodeUp', name: 'n1' }))
    expect(podsOf(sim).map((p) => p.metadata.name)).toEqual(names)
    expect(podsOf(sim).every((p) => condition(p, 'Ready') === 'True' && p.metadata.deletionTimestamp === undefined)).toBe(true)
    expect(actions(sim).filter((a) => a.source === 'taint-eviction-controller' && a.action._tag === 'Event').map((a) => a.action._tag === 'Event' && a.action.message)).toEqual(
      names.filter((n) => (getPod(sim, n)?.spec.nodeName ?? '') === 'n1').map((n) => `Cancelling deletion of Pod default/${n}`),
    )
  })

  it('a stopped kubelet advances nothing: a terminating pod on it stays until the kubelet is back', () => {
    let sim = Sim.runUntilStable(Sim.make(toyOptions([node('n1'), replicaSet('web', 1)])))
    const [p] = podsOf(sim)
    const target = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: p?.metadata.name ?? '' }
    sim = Sim.inject(sim, { _tag: 'ExternalDelete', target })
    sim = Sim.inject(sim, { _tag: 'NodeDown', name: 'n1' })
    sim = Sim.advance(sim, 60)
    expect(getPod(sim, target.name)?.metadata.deletionTimestamp).toBe('2024-01-01T00:00:32Z')
    expect(getPod(sim, target.name)?.status?.phase).toBe('Running')
    sim = Sim.runUntilStable(Sim.inject(sim, { _tag: 'NodeUp', name: 'n1' }))
    expect(getPod(sim, target.name)).toBeUndefined()
  })

  it('a second NodeDown keeps the first heartbeat; NodeUp of a running kubelet changes nothing but Ready; unknown nodes are reported', () => {
    let sim = Sim.runUntilStable(Sim.make(toyOptions([node('n1')])))
    sim = Sim.inject(sim, { _tag: 'NodeDown', name: 'n1' })
    sim = Sim.inject(Sim.advance(sim, 10), { _tag: 'NodeDown', name: 'n1' })
    expect(getNode(sim, 'n1')?.metadata.annotations?.[Sim.Annotations.lastHeartbeat]).toBe('2024-01-01T00:00:00Z')
    expect(sim.trace.at(-1)).toMatchObject({ _tag: 'Fault', detail: 'kubelet already stopped' })
    const ghost = Sim.inject(Sim.make(toyOptions([])), { _tag: 'NodeDown', name: 'ghost' })
    expect(ghost.trace).toMatchObject([{ _tag: 'Fault', detail: 'no node ghost' }])
    expect(Sim.inject(Sim.make(toyOptions([])), { _tag: 'NodeUp', name: 'ghost' }).trace).toMatchObject([{ _tag: 'Fault', detail: 'no node ghost' }])
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
