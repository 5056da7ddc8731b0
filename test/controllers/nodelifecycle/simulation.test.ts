/**
 * Node failures and recoveries in the simulation, with every built-in controller: kubelets stop
 * (NodeDown) and start again (NodeUp) at arbitrary times under ReplicaSets whose pods tolerate
 * the unreachable taint for the admission's 300 s, for a time of their own, not at all, or for
 * ever. Every taint eviction pass keeps NL-1 (and every cluster-wide pass its `pass`
 * invariants); once the failures stop the cluster settles where NL-2, RS-1 and the GC, TTL and
 * pod GC invariants hold; once the kubelets are back, no taint, no terminating pod and no
 * not-Ready node is left. Two broken controllers show the invariants catch what they forbid.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Node } from '../../../src/api/node.js'
import type { Toleration } from '../../../src/api/pod.js'
import type { ReplicaSet } from '../../../src/api/workloads.js'
import { applyDefaults } from '../../../src/api/defaults.js'
import * as NodeLifecycle from '../../../src/controllers/nodelifecycle/index.js'
import * as TaintEviction from '../../../src/controllers/tainteviction/index.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as Nodes from '../../../src/core/nodes.js'
import type { Violation } from '../../../src/invariants/index.js'
import * as Invariants from '../../../src/invariants/index.js'
import { format } from '../../../src/invariants/Violation.js'
import * as Simulation from '../../../src/sim/index.js'
import type { Fault, Simulation as Sim } from '../../../src/sim/index.js'
import * as H from '../../harness.js'
import { node, podSpec, start } from '../../sim/fixtures.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 25)

const unreachable = 'node.kubernetes.io/unreachable'

/** How a workload's pods tolerate an unreachable node. */
type Tolerance = { readonly _tag: 'admitted' } | { readonly _tag: 'seconds'; readonly s: number } | { readonly _tag: 'forever' } | { readonly _tag: 'none' }

const tolerations = (t: Tolerance): ReadonlyArray<Toleration> | undefined => {
  switch (t._tag) {
    case 'admitted':
      return undefined
    case 'seconds':
      return [{ key: unreachable, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: t.s }]
    case 'forever':
      return [{ key: unreachable, operator: 'Exists', effect: 'NoExecute' }]
    case 'none':
      // Admission sees a toleration for the unreachable key and adds none; its value matches no taint.
      return [{ key: unreachable, operator: 'Equal', value: 'never', effect: 'NoExecute' }]
  }
}

const replicaSet = (name: string, replicas: number, t: Tolerance): ReplicaSet => {
  const tols = tolerations(t)
  return applyDefaults({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: podSpec(tols === undefined ? {} : { tolerations: tols }) },
    },
  } as ReplicaSet)
}

const tolerance: fc.Arbitrary<Tolerance> = fc.oneof(
  { weight: 3, arbitrary: fc.constant<Tolerance>({ _tag: 'admitted' }) },
  fc.integer({ min: 0, max: 200 }).map((s): Tolerance => ({ _tag: 'seconds', s })),
  fc.constant<Tolerance>({ _tag: 'forever' }),
  fc.constant<Tolerance>({ _tag: 'none' }),
)

const world = fc.record({
  nodes: fc.array(fc.constantFrom('z1', 'z2'), { minLength: 2, maxLength: 5 }),
  sets: fc.array(fc.record({ replicas: fc.nat({ max: 4 }), tolerance }), { minLength: 1, maxLength: 3 }),
  episodes: fc.array(fc.record({ up: fc.boolean(), node: fc.nat(), seconds: fc.oneof(fc.nat({ max: 30 }), fc.integer({ min: 40, max: 420 })) }), { minLength: 1, maxLength: 6 }),
  seed: fc.nat({ max: 1000 }),
})

type World = typeof world extends fc.Arbitrary<infer W> ? W : never

const objectsOf = (w: World) => [
  ...w.nodes.map((zone, i) => node(`n${i}`, { labels: { 'topology.kubernetes.io/zone': zone } })),
  ...w.sets.map((s, i) => replicaSet(`web${i}`, s.replicas, s.tolerance)),
]

const scopes: ReadonlyArray<Invariants.Scope> = ['core', 'ReplicaSet', 'GarbageCollector', 'TtlAfterFinished', 'PodGc', 'NodeLifecycle']

/** Plays the episodes: each injects its fault, then lets `seconds` of simulated time pass. */
const play = (sim: Sim, w: World): H.Run =>
  w.episodes.reduce<H.Run>(
    (run, e) => {
      const name = `n${e.node % w.nodes.length}`
      const fault: Fault = e.up ? { _tag: 'NodeUp', name } : { _tag: 'NodeDown', name }
      const next = Simulation.advance(Simulation.inject(run.sim, fault), e.seconds)
      return { ...run, sim: next, log: [...run.log, `${fault._tag} ${name} +${e.seconds}s`] }
    },
    { sim, violations: [], log: [] },
  )

const heal = (sim: Sim): Sim =>
  ClusterView.listOf(sim.view, 'Node')
    .filter((n) => NodeLifecycle.kubeletStopped(n))
    .reduce((s, n) => Simulation.inject(s, { _tag: 'NodeUp', name: n.metadata.name ?? '' }), sim)

const budget = { rounds: 5000, seconds: 4 * 3600 }

describe('node failures and recoveries', () => {
  it('NL-1 on every eviction; a fixpoint where NL-2, RS-1, GC, TTL and pod GC invariants hold; healed, no taint, terminating pod or not-Ready node left', () => {
    fc.assert(
      fc.property(world, (w) => {
        const seen: Array<Violation> = []
        const controllers = H.passChecked(seen)
        const started = Simulation.runUntilStable(Simulation.make({ objects: objectsOf(w), start, seed: w.seed, controllers }), budget)
        const played = play(started, w)
        const down = H.settle(played, budget)
        H.expectFixpoint({ ...down, violations: seen }, H.atFixpoint(scopes))
        const healed = H.settle({ ...down, sim: heal(down.sim) }, budget)
        H.expectFixpoint({ ...healed, violations: seen }, H.atFixpoint(scopes))
        const nodes = ClusterView.listOf(healed.sim.view, 'Node')
        expect(nodes.every((n) => Nodes.isReady(n) && (n.spec?.taints ?? []).length === 0), H.report(healed)).toBe(true)
        expect(ClusterView.listOf(healed.sim.view, 'Pod').filter((p) => p.metadata.deletionTimestamp !== undefined), H.report(healed)).toEqual([])
      }),
      { numRuns: runs },
    )
  }, 300_000)

  it('a pod is evicted exactly when its tolerations run out: 50 s of silence, then its tolerationSeconds (admission: 300)', () => {
    fc.assert(
      fc.property(tolerance, fc.integer({ min: 0, max: 30 }), (t, offset) => {
        const objects: ReadonlyArray<Node | ReplicaSet> = [node('n0'), node('n1'), node('n2'), replicaSet('web', 3, t)]
        const sim = Simulation.runUntilStable(Simulation.make({ objects, start, pacing: false }))
        const onN0 = ClusterView.podsOnNode(sim.view, 'n0').map((p) => p.metadata.name ?? '')
        const down = Simulation.runUntilStable(Simulation.advance(Simulation.inject(sim, { _tag: 'NodeDown', name: 'n0' }), offset), { seconds: 3600 })
        const evictions = down.trace.flatMap((e) =>
          e._tag === 'Action' && e.source === TaintEviction.name && e.action._tag === 'Delete' ? [[e.action.target.name, Date.parse(e.time) - sim.now.getTime()] as const] : [],
        )
        const wait = t._tag === 'admitted' ? 300 : t._tag === 'seconds' ? t.s : t._tag === 'none' ? 0 : undefined
        expect(evictions).toEqual(wait === undefined ? [] : onN0.map((name) => [name, (50 + wait) * 1000]))
      }),
      { numRuns: Math.max(10, runs) },
    )
  }, 120_000)
})

describe('the invariants catch broken controllers', () => {
  const objects = [node('n0'), node('n1'), replicaSet('web', 4, { _tag: 'admitted' })]

  it('a taint eviction that ignores tolerationSeconds breaks NL-1', () => {
    const seen: Array<Violation> = []
    const eager = {
      ...TaintEviction.controller,
      reconcile: (view: ClusterView.ClusterView, now: Date, woken?: ReadonlySet<string>, memory?: TaintEviction.Evictions) => {
        const actions = TaintEviction.reconcile(view, now, woken, memory).flatMap((a) =>
          a._tag === 'RequeueAfter' && a.target.kind === 'Pod' ? [...TaintEviction.evict(ClusterView.lookup(view, 'Pod', a.target.namespace, a.target.name)!, now)] : [a],
        )
        seen.push(...Invariants.NodeLifecycle.nl1EvictedNoEarlier(view, now, actions))
        return actions
      },
    }
    const sim = Simulation.runUntilStable(Simulation.make({ objects, start, pacing: false, controllers: { [TaintEviction.name]: eager } }))
    Simulation.runUntilStable(Simulation.inject(sim, { _tag: 'NodeDown', name: 'n0' }), { seconds: 3600 })
    expect(seen.map((v) => v.id)).toContain('NL-1')
  })

  it('a taint eviction that never evicts leaves a fixpoint NL-2 reports', () => {
    const idle = { ...TaintEviction.controller, reconcile: () => [] }
    const sim = Simulation.runUntilStable(Simulation.make({ objects, start, pacing: false, controllers: { [TaintEviction.name]: idle } }))
    const down = Simulation.runUntilStable(Simulation.inject(sim, { _tag: 'NodeDown', name: 'n0' }), { seconds: 3600 })
    expect(down.stopped).toBe('fixpoint')
    const found = Invariants.NodeLifecycle.nl2NoIntolerantPods(down.view)
    expect(found.length, format(found)).toBeGreaterThan(0)
  })
})
