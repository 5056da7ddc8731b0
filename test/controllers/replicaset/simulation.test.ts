/**
 * Simulation properties of the ReplicaSet / ReplicationController controller: arbitrary worlds
 * under arbitrary fault sequences, then the faults stop; the cluster must reach a fixpoint where
 * RS-1 (owned active pods = replicas), RS-5 (nothing left to write) and RS-6 (consistent status)
 * hold — eventual stable reconciliation. A failure prints the faults and the tail of the timeline.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { faultPlan, resolveFault, showPlan } from '../../src/arbitraries/faults.js'
import type { FaultPlan } from '../../src/arbitraries/faults.js'
import { ReplicaSet as Arb } from '../../src/arbitraries/index.js'
import * as Inv from '../../src/invariants/replicaset.js'
import * as ReplicaSet from '../../src/controllers/replicaset/index.js'
import type { ReplicaOwner } from '../../src/controllers/replicaset/index.js'
import type { ClusterView } from '../../src/core/ClusterView.js'
import { format } from '../../src/invariants/Violation.js'
import * as Simulation from '../../src/sim/index.js'
import type { Simulation as Sim } from '../../src/sim/index.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 30)

/** The last `n` lines of the timeline, with times relative to the simulation's start. */
const tail = (sim: Sim, n = 40): string => Simulation.timeline({ ...sim, trace: sim.trace.slice(-n) })

/** A fault plan followed by 0–3 rounds before the next one. */
const episode = fc.record({ plan: faultPlan({ maxReplicas: 4 }), rounds: fc.nat({ max: 3 }) })

interface Played {
  readonly sim: Sim
  readonly log: ReadonlyArray<string>
}

/** Injects each fault (resolved against the cluster of that moment) and runs its rounds. */
const play = (sim0: Sim, episodes: ReadonlyArray<{ readonly plan: FaultPlan; readonly rounds: number }>): Played => {
  let sim = sim0
  const log: Array<string> = []
  for (const { plan, rounds } of episodes) {
    const f = resolveFault(plan, sim.view)
    log.push(`${showPlan(plan)}${f === undefined ? ' (no target)' : ''} +${rounds} rounds`)
    if (f !== undefined) sim = Simulation.inject(sim, f)
    for (let i = 0; i < rounds; i++) sim = Simulation.step(sim)
  }
  return { sim, log }
}

describe('ReplicaSet in the simulation', () => {
  it('RS-1 eventual stable reconciliation: after arbitrary faults stop, the cluster reaches a fixpoint where RS-1, RS-5 and RS-6 hold', () => {
    fc.assert(
      fc.property(
        Arb.world({ maxReplicas: 4, maxPodsPerCategory: 3 }),
        fc.array(episode, { maxLength: 8 }),
        fc.nat({ max: 1000 }),
        (w, episodes, seed) => {
          const start = Simulation.make({ objects: w.objects, start: w.now, seed })
          const { sim, log } = play(Simulation.runUntilStable(start, { rounds: 200 }), episodes)
          const end = Simulation.runUntilStable(sim, { rounds: 500, seconds: 3600 })
          const vs = end.stopped === 'fixpoint' ? Inv.checkFixpoint(end.view, end.now) : []
          const why = end.stopped === 'fixpoint' ? format(vs) : `no fixpoint: stopped by ${end.stopped ?? 'nothing'}`
          expect(
            end.stopped === 'fixpoint' && vs.length === 0,
            `${why}\nfaults:\n  ${log.join('\n  ')}\ntimeline (tail):\n${tail(end)}`,
          ).toBe(true)
        },
      ),
      { numRuns: runs },
    )
  })

  it('RS-2, RS-3, RS-4, RS-7 on every sync the simulation runs, stale views and faults included', () => {
    fc.assert(
      fc.property(Arb.world({ maxReplicas: 4, maxPodsPerCategory: 3 }), fc.array(episode, { maxLength: 6 }), (w, episodes) => {
        const seen: Array<string> = []
        const checked = <O extends ReplicaOwner>(o: O, view: ClusterView, now: Date) => {
          const actions = ReplicaSet.sync(o, view, now)
          seen.push(...Inv.checkSync(o, view, actions).map((v) => `${v.id}: ${v.message}`))
          return actions
        }
        const start = Simulation.make({
          objects: w.objects,
          start: w.now,
          controllers: { ReplicaSet: checked, ReplicationController: checked },
        })
        const { sim } = play(start, episodes)
        const end = Simulation.runUntilStable(sim, { rounds: 500, seconds: 3600 })
        expect(seen, `${seen.slice(0, 5).join('\n')}\ntimeline (tail):\n${tail(end)}`).toEqual([])
      }),
      { numRuns: Math.max(5, Math.floor(runs / 2)) },
    )
  })
})
