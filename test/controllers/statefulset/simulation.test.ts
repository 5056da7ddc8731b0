/**
 * Simulation properties of the StatefulSet controller (with the scheduler, volume binder and
 * kubelet): arbitrary worlds under arbitrary fault sequences — pod crashes, nodes down and up,
 * external deletes of pods and claims, scaling, stale views, dropped writes, controller
 * restarts — then the faults stop, every node comes back and terminal pods are collected (the
 * garbage collector removes claims whose owning pod is gone); the cluster must reach a fixpoint
 * where STS-1, STS-2, STS-6 and STS-7 hold (eventual stable reconciliation). Every sync the
 * simulation runs keeps STS-2..6, and rounds without faults keep STS-5's claims. A failure prints
 * the faults and the tail of the timeline.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { faultPlan, resolveFault } from '../../../src/arbitraries/faults.js'
import type { FaultPlan } from '../../../src/arbitraries/faults.js'
import { StatefulSet as Arb } from '../../../src/arbitraries/index.js'
import type { StatefulSet } from '../../../src/api/workloads.js'
import * as STS from '../../../src/controllers/statefulset/index.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import type { ClusterView as View } from '../../../src/core/ClusterView.js'
import * as ObjectRef from '../../../src/core/ObjectRef.js'
import * as Inv from '../../../src/invariants/statefulset.js'
import type { Violation } from '../../../src/invariants/Violation.js'
import * as Simulation from '../../../src/sim/index.js'
import type { Fault, Simulation as Sim } from '../../../src/sim/index.js'
import * as H from '../../harness.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 25)

/** A fault: one of the generic plans (Scale aimed at StatefulSets), or someone deleting a claim. */
type Plan = { readonly _tag: 'Plan'; readonly plan: FaultPlan } | { readonly _tag: 'DeleteClaim'; readonly pick: number }

const plan: fc.Arbitrary<Plan> = fc.oneof(
  { weight: 6, arbitrary: faultPlan({ tags: ['PodCrash', 'NodeDown', 'NodeUp', 'DeletePod', 'Scale', 'StaleView', 'DropActions', 'ControllerRestart'], maxReplicas: 4 }).map((p): Plan => ({ _tag: 'Plan', plan: p })) },
  { weight: 1, arbitrary: fc.nat({ max: 100 }).map((pick): Plan => ({ _tag: 'DeleteClaim', pick })) },
)

/** A fault followed by 0–3 rounds. */
const episode = fc.record({ plan, rounds: fc.nat({ max: 3 }) })

/**
 * Someone deletes a claim no running pod mounts. (The API server's pvc-protection finalizer,
 * which the simulation does not model, holds a mounted claim until its pod is gone.)
 */
const claimDelete = (view: View, pick: number): Fault | undefined => {
  const mounted = new Set(
    ClusterView.listOf(view, 'Pod')
      .filter((p) => !STS.isFailed(p) && !STS.isSucceeded(p))
      .flatMap((p) => (p.spec.volumes ?? []).map((v) => (v as { persistentVolumeClaim?: { claimName?: string } }).persistentVolumeClaim?.claimName)),
  )
  const claims = [...ClusterView.listOf(view, 'PersistentVolumeClaim')]
    .filter((c) => c.metadata.deletionTimestamp === undefined && !mounted.has(c.metadata.name))
    .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))
  const c = claims[pick % Math.max(1, claims.length)]
  return c === undefined ? undefined : { _tag: 'ExternalDelete', target: ObjectRef.of(c) }
}

const faults = (e: { readonly plan: Plan }, sim: Sim): ReadonlyArray<H.Move> =>
  e.plan._tag === 'Plan'
    ? [H.move(`${e.plan.plan._tag}`, resolveFault(e.plan.plan, sim.view, ['StatefulSet']))]
    : [H.move(`DeleteClaim(${e.plan.pick})`, claimDelete(sim.view, e.plan.pick))]

/**
 * The environment heals once the faults stop: every node comes back, and Failed or Succeeded
 * pods are removed, as the pod garbage collector does (the simulation has none). Without the
 * latter, upstream's scale-down rule can wait forever: an unhealthy condemned pod is deleted
 * only when it is the lowest-ordinal unhealthy pod, yet condemned pods are visited from the
 * highest ordinal down, so two unhealthy condemned pods block each other (see the guide).
 */
const heal = (run: H.Run): H.Run => {
  const ups = ClusterView.listOf(run.sim.view, 'Node').map((n): Fault => ({ _tag: 'NodeUp', name: n.metadata.name ?? '' }))
  const gc = ClusterView.listOf(run.sim.view, 'Pod')
    .filter((p) => STS.isFailed(p) || STS.isSucceeded(p))
    .map((p): Fault => ({ _tag: 'ExternalDelete', target: ObjectRef.of(p) }))
  return { ...run, sim: [...ups, ...gc].reduce((s, f) => Simulation.inject(s, f), run.sim), log: [...run.log, 'heal: every node up, terminal pods collected'] }
}

const settleBudget = { rounds: 2000, seconds: 7200 }

/** Worlds the cluster can settle from: no foreign pods squatting on a set's names, no claims only a garbage collector could free. */
const worlds = Arb.world({ maxReplicas: 4, maxNodes: 3, oddities: false })

describe('StatefulSet in the simulation', () => {
  it('ESR: after arbitrary faults stop and nodes come back, a fixpoint where STS-1, STS-2, STS-6 and STS-7 hold', () => {
    fc.assert(
      fc.property(worlds, fc.array(episode, { maxLength: 8 }), fc.nat({ max: 1000 }), (w, episodes, seed) => {
        const start = H.settle(Simulation.make({ objects: w.objects, start: w.now, seed }), { rounds: 300, seconds: 600 })
        const played = heal(H.play(start, episodes, faults))
        const end = H.settle(played, settleBudget)
        H.expectFixpoint(end, Inv.checkFixpoint)
      }),
      { numRuns: runs },
    )
  })

  it('STS-2..6 on every sync the simulation runs (stale views and faults included), STS-5 claims across fault-free rounds', () => {
    fc.assert(
      fc.property(worlds, fc.array(episode, { maxLength: 6 }), fc.boolean(), (w, episodes, gate) => {
        const seen: Array<Violation> = []
        const base = gate ? STS.reconcileWith({ featureGates: { MaxUnavailableStatefulSet: true } }) : STS.reconcile
        const checked = (set: StatefulSet, view: View, now: Date) => {
          const actions = base(set, view, now)
          seen.push(...Inv.checkSync(set, view, actions))
          return actions
        }
        const sim = Simulation.make({ objects: w.objects, start: w.now, controllers: { StatefulSet: checked } })
        const quiet = H.rounds(sim, 50, { round: H.jump(600), check: (b, a) => Inv.sts5SameClaimAcrossRounds(b.view, a.view) })
        const end = H.settle(heal(H.play(quiet, episodes, faults)), settleBudget)
        expect([...quiet.violations, ...seen], H.report({ ...end, violations: [...quiet.violations, ...seen] })).toEqual([])
      }),
      { numRuns: Math.max(5, Math.floor(runs / 2)) },
    )
  })

  it('with checkWakes, the declared wakes are complete (scale up, a crash, scale down, a claim delete, scale up)', () => {
    const w = fc.sample(Arb.world({ maxReplicas: 3, oddities: false, minNodes: 2 }), { numRuns: 1, seed: 11 })[0]!
    let sim = Simulation.runUntilStable(Simulation.make({ objects: w.objects, start: w.now, checkWakes: true }), { seconds: 600 })
    const set = ClusterView.lookup(sim.view, 'StatefulSet', 'default', w.set.metadata.name ?? '')!
    sim = Simulation.inject(sim, { _tag: 'ExternalEdit', target: ObjectRef.of(set), patch: { spec: { replicas: 4 } } })
    sim = Simulation.runUntilStable(sim, { seconds: 600 })
    const first = ClusterView.listOf(sim.view, 'Pod')[0]
    if (first !== undefined) sim = Simulation.runUntilStable(Simulation.inject(sim, { _tag: 'PodCrash', namespace: 'default', name: first.metadata.name ?? '' }), { seconds: 600 })
    sim = Simulation.runUntilStable(Simulation.inject(sim, { _tag: 'ExternalEdit', target: ObjectRef.of(set), patch: { spec: { replicas: 1 } } }), { seconds: 600 })
    const c = claimDelete(sim.view, 0)
    expect(c).toBeDefined()
    if (c !== undefined) sim = Simulation.runUntilStable(Simulation.inject(sim, c), { seconds: 600 })
    sim = Simulation.runUntilStable(Simulation.inject(sim, { _tag: 'ExternalEdit', target: ObjectRef.of(set), patch: { spec: { replicas: 3 } } }), { seconds: 600 })
    expect(sim.stopped).toBe('fixpoint')
    expect(Inv.checkFixpoint(sim.view, sim.now)).toEqual([])
  })
})
