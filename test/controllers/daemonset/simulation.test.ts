/**
 * The DaemonSet controller in the simulation (scheduler, kubelet, the other controllers): eventual
 * stable reconciliation (DS-1, DS-5, DS-6 at the fixpoint) from arbitrary worlds under node churn
 * (nodes joining, leaving, relabelled, tainted, cordoned), template and strategy edits, pod
 * crashes, stale views, dropped writes and controller restarts; the rollout bounds DS-2 and DS-3
 * round by round without faults; the wakes it declares proven complete (`checkWakes`).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DaemonSet as Arb } from '../../../src/arbitraries/index.js'
import { faultPlan } from '../../../src/arbitraries/faults.js'
import type { FaultPlan } from '../../../src/arbitraries/faults.js'
import * as DS from '../../../src/controllers/daemonset/index.js'
import type { DaemonSet } from '../../../src/api/workloads.js'
import type { ClusterView } from '../../../src/core/ClusterView.js'
import * as ClusterViewQ from '../../../src/core/ClusterView.js'
import * as Nodes from '../../../src/core/nodes.js'
import * as NodeLifecycle from '../../../src/controllers/nodelifecycle/index.js'
import * as Inv from '../../../src/invariants/daemonset.js'
import type { Violation } from '../../../src/invariants/Violation.js'
import * as Simulation from '../../../src/sim/index.js'
import type { Simulation as Sim } from '../../../src/sim/index.js'
import * as H from '../../harness.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 25)

/** One episode: a fleet/DaemonSet change or a fault, then 0–3 rounds. */
const episode = fc.record({
  change: fc.oneof(
    { weight: 3, arbitrary: Arb.changePlan().map((c) => ({ _tag: 'change' as const, c })) },
    {
      weight: 2,
      arbitrary: faultPlan({ tags: ['PodCrash', 'DeletePod', 'StaleView', 'DropActions', 'ControllerRestart', 'NodeDown', 'NodeUp'] }).map((f) => ({ _tag: 'fault' as const, f })),
    },
  ),
  rounds: fc.nat({ max: 3 }),
})
type Episode = typeof episode extends fc.Arbitrary<infer E> ? E : never

const moves = (e: Episode, sim: Sim): ReadonlyArray<H.Move> =>
  e.change._tag === 'change' ? [H.move(Arb.showChange(e.change.c), Arb.resolveChange(e.change.c, sim.view))] : [H.planned(e.change.f as FaultPlan, sim.view, [])]

const settleBudget = { rounds: 600, seconds: 7200 }

describe('DaemonSet in the simulation', () => {
  it('ESR: after node churn, edits, crashes, stale views, dropped writes and restarts stop, the cluster reaches a fixpoint where DS-1, DS-5, DS-6 hold', () => {
    fc.assert(
      fc.property(Arb.world({ maxNodes: 4 }), fc.array(episode, { maxLength: 8 }), fc.nat({ max: 1000 }), (w, episodes, seed) => {
        const start = H.settle(Simulation.make({ objects: w.objects, start: w.now, seed, checkWakes: true }), { rounds: 200, seconds: 3600 })
        const played = H.play(start, episodes, moves)
        const healed = { ...played, sim: healNodes(played.sim) }
        H.expectFixpoint(H.settle(healed, settleBudget), Inv.checkFixpoint)
      }),
      { numRuns: runs },
    )
  })

  it('DS-4, DS-7, DS-8 on every sync the simulation runs, faults included', () => {
    fc.assert(
      fc.property(Arb.world({ maxNodes: 4 }), fc.array(episode, { maxLength: 6 }), (w, episodes) => {
        const seen: Array<Violation> = []
        const checked = (d: DaemonSet, view: ClusterView, now: Date, backoff?: DS.FailedPodBackoff) => {
          const actions = DS.reconcile(d, view, now, backoff)
          seen.push(...Inv.checkSync(d, view, actions))
          return actions
        }
        const start = Simulation.make({ objects: w.objects, start: w.now, controllers: { DaemonSet: checked } })
        const end = H.settle(H.play(start, episodes, moves), settleBudget)
        expect(seen, H.report({ ...end, violations: seen })).toEqual([])
      }),
      { numRuns: Math.max(5, Math.floor(runs / 2)) },
    )
  })

  it('DS-2 and DS-3: a rollout from a healthy fixpoint keeps its unavailability and surge bounds round by round', () => {
    fc.assert(
      fc.property(Arb.world({ maxNodes: 5, minReadySeconds: true }), fc.constantFrom(...Arb.images), fc.nat({ max: 1000 }), (w, image, seed) => {
        const start = H.settle(Simulation.make({ objects: w.objects, start: w.now, seed }), { rounds: 200, seconds: 3600 })
        fc.pre(start.sim.stopped === 'fixpoint')
        const edit = Arb.resolveChange({ _tag: 'SetImage', image }, start.sim.view)
        const sim = edit === undefined ? start.sim : Simulation.inject(start.sim, edit)
        const check: H.RoundCheck = (b, a) => Inv.checkStep({ before: b, after: a, faults: false })
        const run = H.rounds(sim, 400, { round: H.jump(Simulation.defaultSeconds), check })
        H.expectFixpoint(run, Inv.checkFixpoint)
      }),
      { numRuns: runs },
    )
  })
})

describe('the simulation properties catch broken controllers', () => {
  const objects = ds1World()

  it('a controller that never creates on joining nodes leaves DS-1 violated', () => {
    const noNewNodes = (d: DaemonSet, view: ClusterView, now: Date) =>
      DS.reconcile(d, view, now).filter((a) => !(a._tag === 'Create' && a.object.kind === 'Pod' && DS.targetNode(a.object) === 'extra-1'))
    const start = H.settle(Simulation.make({ objects, start: new Date('2024-01-01T00:00:00Z'), controllers: { DaemonSet: noNewNodes } }), { rounds: 100 })
    const extra = Arb.resolveChange({ _tag: 'AddNode', node: readyNode('extra-1') }, start.sim.view)
    const end = H.settle({ ...start, sim: Simulation.inject(start.sim, extra!) }, { rounds: 100 })
    expect(Inv.checkFixpoint(end.sim.view, end.sim.now).map((v) => v.id)).toContain('DS-1')
  })

  it('a controller that ignores maxUnavailable breaks DS-2 during a rollout', () => {
    const greedy = (d: DaemonSet, view: ClusterView, now: Date) => DS.reconcile({ ...d, spec: { ...d.spec, updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '100%', maxSurge: 0 } } } }, view, now)
    const start = H.settle(Simulation.make({ objects, start: new Date('2024-01-01T00:00:00Z'), controllers: { DaemonSet: greedy } }), { rounds: 100 })
    const edited = Simulation.inject(start.sim, Arb.resolveChange({ _tag: 'SetImage', image: 'agent:9' }, start.sim.view)!)
    const check: H.RoundCheck = (b, a) => Inv.checkStep({ before: b, after: a, faults: false })
    expect(H.rounds(edited, 100, { check }).violations.map((v) => v.id)).toContain('DS-2')
  })
})

/** A DaemonSet `agent` (maxUnavailable 1) on three Ready nodes. */
const ds1World = () => {
  const d: DaemonSet = {
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent', namespace: 'default', uid: 'ds-uid-agent', generation: 1 },
    spec: {
      selector: { matchLabels: { app: 'agent' } },
      template: { metadata: { labels: { app: 'agent' } }, spec: { containers: [Arb.container('agent:1')] } },
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
    },
  }
  return [d, readyNode('n1'), readyNode('n2'), readyNode('n3')]
}

const readyNode = (name: string) => ({
  apiVersion: 'v1' as const,
  kind: 'Node' as const,
  metadata: { name },
  status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { pods: '110' } },
})

/** Every node a NodeDown fault stopped (or left not Ready) is back (a quiet cluster to settle in). */
const healNodes = (sim: Sim): Sim =>
  ClusterViewQ.listOf(sim.view, 'Node')
    .filter((n) => !Nodes.isReady(n) || NodeLifecycle.kubeletStopped(n))
    .reduce((s, n) => Simulation.inject(s, { _tag: 'NodeUp', name: n.metadata.name ?? '' }), sim)
