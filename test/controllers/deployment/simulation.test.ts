/**
 * Simulation properties of the Deployment controller (with the ReplicaSet controller, scheduler
 * and kubelet): arbitrary sequences of user commands (image edits and restores, scaling, pause
 * and resume, rollbacks, strategy changes), with or without faults, keep the per-step
 * invariants at every round, and once they stop the cluster reaches a fixpoint where the
 * fixpoint invariants hold. A failure prints the commands and the tail of the timeline.
 */
import fc from 'fast-check'
import { describe, it } from 'vitest'
import { Deployment as Arb } from '../../../src/arbitraries/index.js'
import { faultPlan } from '../../../src/arbitraries/faults.js'
import type { FaultPlan } from '../../../src/arbitraries/faults.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as Inv from '../../../src/invariants/deployment.js'
import * as Simulation from '../../../src/sim/index.js'
import type { Simulation as Sim } from '../../../src/sim/index.js'
import * as H from '../../harness.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 60)

/** One simulated round (plus the clock jump to the next due event when the round was quiet). */
const round = H.jump(3600)

/** The rounds budget to reach a fixpoint in once the commands stop. */
const budget = 400

/** Rounds without faults, each checked for the step invariants and DEP-1 (pods) / DEP-2. */
const faultFree: H.Rounds = {
  round,
  check: (b, a) => [
    ...Inv.checkStep(b.view, a.view),
    ...Inv.dep1PodSurgeBound(b.view, a.view),
    ...Inv.dep2AvailabilityFloor(b.view, b.now, a.view, a.now),
  ],
}

// Instant API: DEP-1 and DEP-2 bound what one sync does, and are checked round by round. Under
// pacing a sync suspended for want of tokens may land its remaining writes after a later spec
// change (the worker blocked on its client, as upstream's), which these per-round bounds don't model.
const started = (w: Arb.World, seed: number): H.Run => H.settle(Simulation.make({ objects: w.objects, start: w.now, seed, pacing: false }), { rounds: 300 })

/** A user command on one of the world's Deployments. */
const command = (w: Arb.World, cmd: Arb.Command): H.Move => H.move(Arb.showCommand(cmd), Arb.commandFault(cmd, w.deployments))

describe('Deployment in the simulation', () => {
  it('DEP-1/2/4/6/7 hold at every round under arbitrary commands without faults, and DEP-3/5/8 at the fixpoint', () => {
    fc.assert(
      fc.property(
        Arb.world({ maxDeployments: 2, maxReplicas: 5, maxNodes: 2 }),
        fc.array(fc.record({ cmd: Arb.command({ maxReplicas: 5 }), rounds: fc.nat({ max: 4 }) }), { maxLength: 6 }),
        fc.nat({ max: 1000 }),
        (w, episodes, seed) => {
          const played = H.play(started(w, seed), episodes, (e) => [command(w, e.cmd)], faultFree)
          H.expectFixpoint(H.rounds(played, budget, faultFree), Inv.checkFixpoint)
        },
      ),
      { numRuns: runs },
    )
  })

  it('DEP-1 (spec)/4/6/7 hold at every round under commands and faults; once they stop, DEP-3/5/8 hold at the fixpoint', () => {
    type Episode = { readonly cmd: Arb.Command | undefined; readonly plan: FaultPlan | undefined; readonly rounds: number }
    const episode: fc.Arbitrary<Episode> = fc.record({
      cmd: fc.option(Arb.command({ maxReplicas: 5 }), { nil: undefined }),
      plan: fc.option(faultPlan({ tags: ['PodCrash', 'NodeDown', 'NodeUp', 'DeletePod', 'StaleView', 'DropActions', 'ControllerRestart'] }), { nil: undefined }),
      rounds: fc.nat({ max: 4 }),
    })
    fc.assert(
      fc.property(Arb.world({ maxDeployments: 2, maxReplicas: 4, maxNodes: 3 }), fc.array(episode, { maxLength: 6 }), fc.nat({ max: 1000 }), (w, episodes, seed) => {
        let staleLeft = 0
        const moves = (e: Episode, sim: Sim): ReadonlyArray<H.Move> => {
          const ms = [
            ...(e.cmd === undefined ? [] : [command(w, e.cmd)]),
            ...(e.plan === undefined ? [] : [H.planned(e.plan, sim.view, ['Deployment'])]),
          ]
          // a stale view shows the controllers an old cluster (upstream's informer lag): its rounds are exempt from step checks
          for (const { fault } of ms) if (fault?._tag === 'StaleView') staleLeft = Math.max(staleLeft, fault.rounds)
          return ms
        }
        const underFaults: H.Rounds = {
          round,
          check: (b, a) => {
            const exempt = staleLeft > 0
            staleLeft = Math.max(0, staleLeft - 1)
            return exempt ? [] : Inv.checkStep(b.view, a.view)
          },
        }
        const played = H.play(started(w, seed), episodes, moves, underFaults)
        const sim = ClusterView.listOf(played.sim.view, 'Node').reduce((s, n) => Simulation.inject(s, { _tag: 'NodeUp', name: n.metadata.name ?? '' }), played.sim)
        H.expectFixpoint(H.rounds({ ...played, sim }, budget, underFaults), Inv.checkFixpoint)
      }),
      { numRuns: runs },
    )
  })
})
