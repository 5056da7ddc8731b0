/**
 * Simulation properties of the Deployment controller (with the ReplicaSet controller, scheduler
 * and kubelet): arbitrary sequences of user commands (image edits and restores, scaling, pause
 * and resume, rollbacks, strategy changes), with or without faults, keep the per-step
 * invariants at every round, and once they stop the cluster reaches a fixpoint where the
 * fixpoint invariants hold. A failure prints the commands and the tail of the timeline.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Deployment as Arb } from '../../src/arbitraries/index.js'
import { faultPlan, resolveFault, showPlan } from '../../src/arbitraries/faults.js'
import type { FaultPlan } from '../../src/arbitraries/faults.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as Inv from '../../src/invariants/deployment.js'
import { format } from '../../src/invariants/Violation.js'
import type { Violation } from '../../src/invariants/Violation.js'
import * as Simulation from '../../src/sim/index.js'
import type { Simulation as Sim } from '../../src/sim/index.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 60)

/** The last `n` lines of the timeline. */
const tail = (sim: Sim, n = 40): string => Simulation.timeline({ ...sim, trace: sim.trace.slice(-n) })

/** One simulated round (plus the clock jump to the next due event when the round was quiet). */
const round = (sim: Sim): Sim => Simulation.runUntilStable(sim, { rounds: 1, seconds: 3600 })

type StepCheck = (before: Sim, after: Sim) => ReadonlyArray<Violation>

const faultFree: StepCheck = (b, a) => [
  ...Inv.checkStep(b.view, a.view),
  ...Inv.dep1PodSurgeBound(b.view, a.view),
  ...Inv.dep2AvailabilityFloor(b.view, b.now, a.view, a.now),
]

const underFaults: StepCheck = (b, a) => Inv.checkStep(b.view, a.view)

interface Outcome {
  readonly sim: Sim
  readonly log: ReadonlyArray<string>
  readonly violations: ReadonlyArray<Violation>
}

/** Runs `n` rounds (or to a fixpoint), checking `check` on every round unless `exempt()` says otherwise. */
const rounds = (sim0: Sim, n: number, check: StepCheck, exempt: () => boolean): { readonly sim: Sim; readonly vs: ReadonlyArray<Violation> } => {
  let sim = sim0
  const vs: Array<Violation> = []
  for (let i = 0; i < n; i++) {
    const next = round(sim)
    if (!exempt()) vs.push(...check(sim, next))
    sim = next
    if (sim.stopped === 'fixpoint') break
  }
  return { sim, vs }
}

/** Runs to a fixpoint (bounded), checking `check` on every round. */
const settle = (sim0: Sim, check: StepCheck): { readonly sim: Sim; readonly vs: ReadonlyArray<Violation> } =>
  rounds(sim0, 400, check, () => false)

const started = (w: Arb.World, seed: number): Sim =>
  Simulation.runUntilStable(Simulation.make({ objects: w.objects, start: w.now, seed }), { rounds: 300 })

const report = (o: Outcome, end: Sim): string =>
  `${format(o.violations)}\n${end.stopped === 'fixpoint' ? '' : `no fixpoint (stopped: ${end.stopped ?? 'none'})\n`}commands:\n  ${o.log.join('\n  ')}\n${tail(end)}`

describe('Deployment in the simulation', () => {
  it('DEP-1/2/4/6/7 hold at every round under arbitrary commands without faults, and DEP-3/5/8 at the fixpoint', () => {
    fc.assert(
      fc.property(
        Arb.world({ maxDeployments: 2, maxReplicas: 5, maxNodes: 2 }),
        fc.array(fc.record({ cmd: Arb.command({ maxReplicas: 5 }), rounds: fc.nat({ max: 4 }) }), { maxLength: 6 }),
        fc.nat({ max: 1000 }),
        (w, episodes, seed) => {
          let sim = started(w, seed)
          const log: Array<string> = []
          const vs: Array<Violation> = []
          for (const { cmd, rounds: n } of episodes) {
            const f = Arb.commandFault(cmd, w.deployments)
            log.push(`${Arb.showCommand(cmd)} +${n} rounds`)
            if (f !== undefined) sim = Simulation.inject(sim, f)
            const r = rounds(sim, n, faultFree, () => false)
            sim = r.sim
            vs.push(...r.vs)
          }
          const end = settle(sim, faultFree)
          vs.push(...end.vs)
          if (end.sim.stopped === 'fixpoint') vs.push(...Inv.checkFixpoint(end.sim.view, end.sim.now))
          const o = { sim: end.sim, log, violations: vs }
          expect(vs.length === 0 && end.sim.stopped === 'fixpoint', report(o, end.sim)).toBe(true)
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
        let sim = started(w, seed)
        const log: Array<string> = []
        const vs: Array<Violation> = []
        let staleLeft = 0
        const stale = (): boolean => {
          const exempt = staleLeft > 0
          staleLeft = Math.max(0, staleLeft - 1)
          return exempt
        }
        for (const e of episodes) {
          const f = e.cmd === undefined ? undefined : Arb.commandFault(e.cmd, w.deployments)
          const g = e.plan === undefined ? undefined : resolveFault(e.plan, sim.view, ['Deployment'])
          log.push(`${e.cmd === undefined ? '' : `${Arb.showCommand(e.cmd)} `}${e.plan === undefined ? '' : `${showPlan(e.plan)} `}+${e.rounds} rounds`)
          if (f !== undefined) sim = Simulation.inject(sim, f)
          if (g !== undefined) sim = Simulation.inject(sim, g)
          // a stale view shows the controllers an old cluster (upstream's informer lag): its rounds are exempt from step checks
          if (g?._tag === 'StaleView') staleLeft = Math.max(staleLeft, g.rounds)
          const r = rounds(sim, e.rounds, underFaults, stale)
          sim = r.sim
          vs.push(...r.vs)
        }
        for (const n of ClusterView.listOf(sim.view, 'Node')) sim = Simulation.inject(sim, { _tag: 'NodeUp', name: n.metadata.name ?? '' })
        const end = rounds(sim, 400, underFaults, stale)
        vs.push(...end.vs)
        if (end.sim.stopped === 'fixpoint') vs.push(...Inv.checkFixpoint(end.sim.view, end.sim.now))
        const o = { sim: end.sim, log, violations: vs }
        expect(vs.length === 0 && end.sim.stopped === 'fixpoint', report(o, end.sim)).toBe(true)
      }),
      { numRuns: runs },
    )
  })
})
