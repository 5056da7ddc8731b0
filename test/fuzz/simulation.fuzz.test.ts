/**
 * Fuzz target for the simulation: small worlds (so that 10^5 runs are feasible) under fault
 * sequences and clock moves of any size (`advance` by any number, `Infinity`, `NaN` and
 * negatives included; `runUntilStable` with odd budgets). Every input: no throw, a time bound,
 * the objects deep-frozen and untouched, no prototype pollution, a valid clock inside the RFC
 * 3339 range that never goes back, and the same trace, byte for byte, when replayed.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { faultPlan, nodeChurnPlanTags, faultPlanTags, resolveFault } from '../../src/arbitraries/faults.js'
import type { FaultPlan } from '../../src/arbitraries/faults.js'
import * as Arb from '../../src/arbitraries/index.js'
import * as Simulation from '../../src/sim/index.js'
import type { Simulation as Sim } from '../../src/sim/index.js'
import { deepFreeze, expectNoPollution, fingerprint, fuzzParameters, fuzzTimeoutMs, withinMs } from './guards.js'

const BOUND_MS = 10_000
const LATEST_MS = Date.parse('9999-12-31T23:59:59Z')

/** What happens between faults: a few rounds, an `advance` of any size, or a settle with a small budget. */
type Move =
  | { readonly _tag: 'Fault'; readonly plan: FaultPlan }
  | { readonly _tag: 'Step' }
  | { readonly _tag: 'Advance'; readonly seconds: number }
  | { readonly _tag: 'Settle'; readonly rounds: number; readonly seconds: number }

const seconds = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 600 }) },
  { weight: 1, arbitrary: fc.constantFrom(Infinity, -Infinity, Number.NaN, -1, 0.5, 1e12, 1e300, Number.MAX_VALUE) },
  { weight: 1, arbitrary: fc.double() },
)

const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 3, arbitrary: faultPlan({ tags: [...faultPlanTags, ...nodeChurnPlanTags], maxReplicas: 3 }).map((plan): Move => ({ _tag: 'Fault', plan })) },
  { weight: 1, arbitrary: fc.constant<Move>({ _tag: 'Step' }) },
  { weight: 2, arbitrary: seconds.map((s): Move => ({ _tag: 'Advance', seconds: s })) },
  {
    weight: 1,
    arbitrary: fc.record({ rounds: fc.oneof(fc.integer({ min: -1, max: 30 }), fc.constantFrom(Number.NaN, 0.5)), seconds }).map((b): Move => ({ _tag: 'Settle', ...b })),
  },
)

/** Rounds any one call may run: small, so a run stays fast even when nothing settles. */
const ROUNDS = 20

const apply = (sim: Sim, m: Move): Sim => {
  switch (m._tag) {
    case 'Fault': {
      const f = resolveFault(m.plan, sim.view)
      return f === undefined ? sim : Simulation.inject(sim, f)
    }
    case 'Step':
      return Simulation.step(sim)
    case 'Advance':
      return Simulation.advance(sim, m.seconds, { rounds: ROUNDS })
    case 'Settle':
      return Simulation.runUntilStable(sim, { rounds: Math.min(m.rounds, ROUNDS), seconds: m.seconds })
  }
}

const worlds = fc.oneof(
  Arb.ReplicaSet.world({ maxReplicas: 2, maxPodsPerCategory: 1, maxNodes: 2 }).map((w) => ({ objects: w.objects, now: w.now })),
  Arb.Deployment.world({ maxDeployments: 1, maxNodes: 2, maxReplicas: 2 }).map((w) => ({ objects: w.objects, now: w.now })),
)

const cases = fc.record({ world: worlds, moves: fc.array(move, { maxLength: 4 }), seed: fc.nat({ max: 1000 }) })

/** Plays the moves from a new simulation; every clock it passes through is checked. */
const play = (objects: ReadonlyArray<unknown>, now: Date, moves: ReadonlyArray<Move>, seed: number): Sim => {
  let sim = Simulation.make({ objects: objects as never, start: now, seed })
  for (const m of moves) {
    const before = sim.now.getTime()
    sim = apply(sim, m)
    const t = sim.now.getTime()
    expect(Number.isNaN(t), `clock invalid after ${JSON.stringify(m)}`).toBe(false)
    expect(t).toBeGreaterThanOrEqual(before)
    expect(t).toBeLessThanOrEqual(LATEST_MS)
  }
  return sim
}

describe('fuzz: simulation', () => {
  it('fault sequences and clock moves of any size: no throw, bounded, frozen, valid clock, replays byte for byte', () => {
    fc.assert(
      fc.property(cases, ({ world, moves, seed }) => {
        const objects = deepFreeze(world.objects)
        const before = fingerprint(objects)
        const a = withinMs(BOUND_MS, 'simulation run', () => play(objects, world.now, moves, seed))
        const b = play(objects, world.now, moves, seed)
        expect(JSON.stringify(b.trace)).toBe(JSON.stringify(a.trace))
        expect(b.now).toEqual(a.now)
        expect(() => Simulation.summary(a)).not.toThrow()
        expect(fingerprint(objects)).toBe(before)
        expectNoPollution()
      }),
      fuzzParameters(40),
    )
  }, fuzzTimeoutMs)
})
