/**
 * Simulation properties of the ReplicaSet / ReplicationController controller: arbitrary worlds
 * under arbitrary fault sequences, then the faults stop; the cluster must reach a fixpoint where
 * RS-1 (owned active pods = replicas), RS-5 (nothing left to write) and RS-6 (consistent status)
 * hold — eventual stable reconciliation. A failure prints the faults and the tail of the timeline.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { faultPlan } from '../../../src/arbitraries/faults.js'
import type { FaultPlan } from '../../../src/arbitraries/faults.js'
import { ReplicaSet as Arb } from '../../../src/arbitraries/index.js'
import * as Inv from '../../../src/invariants/replicaset.js'
import type { Violation } from '../../../src/invariants/Violation.js'
import * as ReplicaSet from '../../../src/controllers/replicaset/index.js'
import type { ReplicaOwner } from '../../../src/controllers/replicaset/index.js'
import type { ClusterView } from '../../../src/core/ClusterView.js'
import * as Simulation from '../../../src/sim/index.js'
import type { Simulation as Sim } from '../../../src/sim/index.js'
import * as H from '../../harness.js'

/** The worlds' ReplicaSets name a Deployment that is not in the world: the garbage collector would (rightly) delete them. */
const withoutGc = { 'garbage-collector': null } as const

const runs = Number(process.env.PROPERTY_RUNS ?? 30)

/** A fault plan followed by 0–3 rounds before the next one. */
const episode = fc.record({ plan: faultPlan({ maxReplicas: 4 }), rounds: fc.nat({ max: 3 }) })

/** Each fault, resolved against the cluster of that moment. */
const faults = (e: { readonly plan: FaultPlan }, sim: Sim): ReadonlyArray<H.Move> => [H.planned(e.plan, sim.view)]

/** The budget to reach a fixpoint in once the faults stop. */
const settleBudget = { rounds: 500, seconds: 3600 }

describe('ReplicaSet in the simulation', () => {
  it('RS-1 eventual stable reconciliation: after arbitrary faults stop, the cluster reaches a fixpoint where RS-1, RS-5 and RS-6 hold', () => {
    fc.assert(
      fc.property(
        Arb.world({ maxReplicas: 4, maxPodsPerCategory: 3 }),
        fc.array(episode, { maxLength: 8 }),
        fc.nat({ max: 1000 }),
        (w, episodes, seed) => {
          const start = H.settle(Simulation.make({ objects: w.objects, start: w.now, seed, controllers: withoutGc }), { rounds: 200 })
          H.expectFixpoint(H.settle(H.play(start, episodes, faults), settleBudget), Inv.checkFixpoint)
        },
      ),
      { numRuns: runs },
    )
  })

  it('RS-2, RS-3, RS-4, RS-7 on every sync the simulation runs, stale views and faults included', () => {
    fc.assert(
      fc.property(Arb.world({ maxReplicas: 4, maxPodsPerCategory: 3 }), fc.array(episode, { maxLength: 6 }), (w, episodes) => {
        const seen: Array<Violation> = []
        const checked = <O extends ReplicaOwner>(o: O, view: ClusterView, now: Date) => {
          const actions = ReplicaSet.sync(o, view, now)
          seen.push(...Inv.checkSync(o, view, actions))
          return actions
        }
        const start = Simulation.make({
          objects: w.objects,
          start: w.now,
          controllers: { ReplicaSet: checked, ReplicationController: checked, ...withoutGc },
        })
        const end = H.settle(H.play(start, episodes, faults), settleBudget)
        expect(seen, H.report({ ...end, violations: seen })).toEqual([])
      }),
      { numRuns: Math.max(5, Math.floor(runs / 2)) },
    )
  })
})
