/**
 * Scenario scripts: the example manifest run in the simulation step by step, asserting the
 * actions and the resulting state.
 */
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src/api/pod.js'
import type { ReplicaSet } from '../../../src/api/workloads.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as ObjectRef from '../../../src/core/ObjectRef.js'
import * as Pods from '../../../src/core/pods.js'
import * as Inv from '../../../src/invariants/replicaset.js'
import { format } from '../../../src/invariants/Violation.js'
import * as Simulation from '../../../src/sim/index.js'
import type { Simulation as Sim } from '../../../src/sim/index.js'
import * as H from '../../harness.js'

const start = new Date('2024-01-01T00:00:00Z')

const web = (sim: Sim): ReplicaSet => {
  const rs = ClusterView.lookup(sim.view, 'ReplicaSet', 'default', 'web')
  if (rs === undefined) throw new Error('ReplicaSet default/web is gone')
  return rs
}
const livePods = (sim: Sim): ReadonlyArray<Pod> =>
  ClusterView.listOf(sim.view, 'Pod', 'default').filter((p) => p.metadata.deletionTimestamp === undefined)
const actionsSince = (sim: Sim, from: number) =>
  sim.trace.slice(from).flatMap((e) => (e._tag === 'Action' && e.source === 'ReplicaSet default/web' ? [e] : []))

describe('examples/replicaset.yaml in the simulation', () => {
  it('creates three pods, which become ready and then available after minReadySeconds', () => {
    const sim0 = Simulation.make({ objects: H.example('replicaset.yaml'), start, seed: 1 })
    const sim1 = Simulation.step(sim0)
    const first = actionsSince(sim1, 0)
    expect(first.map((e) => e.action._tag)).toEqual(['Create', 'Event', 'Create', 'Event', 'Create', 'Event', 'UpdateStatus'])
    expect(first.filter((e) => e.action._tag === 'Create').every((e) => e.result === 'applied' && e.ref?.name.startsWith('web-'))).toBe(true)

    const settled = Simulation.runUntilStable(sim1)
    expect(settled.stopped).toBe('fixpoint')
    expect(web(settled).status).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 })
    expect(livePods(settled).filter(Pods.isReady)).toHaveLength(3)
    const requeue = settled.trace.find((e) => e._tag === 'Action' && e.action._tag === 'RequeueAfter')
    expect(requeue?._tag === 'Action' && requeue.action._tag === 'RequeueAfter' && requeue.action.seconds).toBe(5)
    expect(format(Inv.checkFixpoint(settled.view, settled.now))).toBe('')
  })

  it('replaces a deleted pod at once, and scales down by deleting the most recently ready pod', () => {
    let sim = Simulation.runUntilStable(Simulation.make({ objects: H.example('replicaset.yaml'), start, seed: 1 }))
    const victim = livePods(sim)[0]!
    const mark = sim.trace.length
    sim = Simulation.inject(sim, { _tag: 'ExternalDelete', target: ObjectRef.of(victim) })
    sim = Simulation.step(sim)
    expect(actionsSince(sim, mark).filter((e) => e.action._tag === 'Create')).toHaveLength(1)
    sim = Simulation.runUntilStable(sim)
    expect(livePods(sim)).toHaveLength(3)
    expect(ClusterView.lookup(sim.view, 'Pod', 'default', victim.metadata.name ?? '')).toBeUndefined()

    const newest = [...livePods(sim)].sort((a, b) =>
      (Pods.readyCondition(b)?.lastTransitionTime ?? '').localeCompare(Pods.readyCondition(a)?.lastTransitionTime ?? ''),
    )[0]!
    const before = sim.trace.length
    sim = Simulation.inject(sim, { _tag: 'ExternalEdit', target: ObjectRef.of(web(sim)), patch: { spec: { replicas: 2 } } })
    sim = Simulation.runUntilStable(sim)
    const deletes = actionsSince(sim, before).filter((e) => e.action._tag === 'Delete')
    expect(deletes.map((e) => (e.action._tag === 'Delete' ? e.action.target.name : ''))).toEqual([newest.metadata.name])
    expect(web(sim).status).toMatchObject({ replicas: 2, observedGeneration: 2 })
    expect(format(Inv.checkFixpoint(sim.view, sim.now))).toBe('')
  })

  it('replaces the pods of a failed node on the others', () => {
    let sim = Simulation.runUntilStable(Simulation.make({ objects: H.example('replicaset.yaml'), start, seed: 1 }))
    const node = livePods(sim)[0]!.spec.nodeName ?? ''
    sim = Simulation.runUntilStable(Simulation.inject(sim, { _tag: 'NodeDown', name: node }))
    const live = livePods(sim).filter(Pods.isActive)
    expect(live).toHaveLength(3)
    expect(live.every((p) => p.spec.nodeName !== node)).toBe(true)
    expect(format(Inv.checkFixpoint(sim.view, sim.now))).toBe('')
  })
})
