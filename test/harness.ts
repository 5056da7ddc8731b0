/**
 * The harness of the simulation-based controller tests: a world played through episodes (faults
 * and commands resolved against the cluster of their moment, then some rounds), a check after
 * every round, runs to a fixpoint within a budget, and failure reports that show the violations,
 * the episode log and the tail of the trace.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { readInputs } from '../src/cli/input.js'
import { expect } from 'vitest'
import { decodeManifests } from '../src/api/decode.js'
import type { Kind, KubeObject } from '../src/api/object.js'
import { resolveFault, showPlan } from '../src/arbitraries/faults.js'
import type { FaultPlan } from '../src/arbitraries/faults.js'
import type { ClusterView } from '../src/core/ClusterView.js'
import { format } from '../src/invariants/Violation.js'
import type { Violation } from '../src/invariants/Violation.js'
import * as Simulation from '../src/sim/index.js'
import type { Budget, Fault, Simulation as Sim } from '../src/sim/index.js'
import { controllers } from '../src/controllers/registry.js'
import type { ClusterWideController, Controller } from '../src/core/Controller.js'
import * as Invariants from '../src/invariants/index.js'

/** The objects of `examples/<file>` (its Scenario document, read by the CLI, left out). */
export const example = (file: string): ReadonlyArray<KubeObject> => {
  const text = readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8')
  const docs = text.split(/^---$/m).filter((d) => !/^kind: Scenario$/m.test(d))
  const decoded = decodeManifests(docs.join('---\n'))
  if (decoded._tag === 'Left') throw new Error(decoded.left.message)
  return decoded.right
}

/** The objects and the Scenario of `examples/<file>`, read as the CLI reads them. */
export const exampleScenario = (file: string) => {
  const read = readInputs([fileURLToPath(new URL(`../examples/${file}`, import.meta.url))])
  if (E.isLeft(read)) throw new Error(read.left)
  const scenario = read.right.scenarios[0]
  if (scenario === undefined) throw new Error(`no Scenario in examples/${file}`)
  return { objects: read.right.objects, scenario }
}

/** A simulation run so far: where it is, what the round checks found, what its episodes did. */
export interface Run {
  readonly sim: Sim
  readonly violations: ReadonlyArray<Violation>
  readonly log: ReadonlyArray<string>
}

/** The violations of one round, given the simulation before and after it. */
export type RoundCheck = (before: Sim, after: Sim) => ReadonlyArray<Violation>

/** How rounds run. */
export interface Rounds {
  /** One round; default `Simulation.step` (the clock stays). */
  readonly round?: (sim: Sim) => Sim
  /** Checked after every round. */
  readonly check?: RoundCheck
}

/** A fault or command resolved against the simulation of its moment: what to inject (nothing when it found no target), and its log entry. */
export interface Move {
  readonly fault: Fault | undefined
  readonly log: string
}

const runOf = (from: Sim | Run): Run => ('log' in from ? from : { sim: from, violations: [], log: [] })

/**
 * One round that, when quiet, moves the clock to the next due event at most `seconds` ahead
 * (`Simulation.runUntilStable` with a budget of one round): `stopped` says 'fixpoint' when
 * nothing is left to do.
 */
export const jump = (seconds: number) => (sim: Sim): Sim => Simulation.runUntilStable(sim, { rounds: 1, seconds })

/**
 * Runs up to `n` rounds, checking each; a round that ends at a fixpoint is the last, so a large
 * `n` runs round by round to a fixpoint with a budget.
 */
export const rounds = (from: Sim | Run, n: number, o: Rounds = {}): Run => {
  const { round = Simulation.step, check } = o
  const run = runOf(from)
  const violations = [...run.violations]
  let sim = run.sim
  for (let i = 0; i < n; i++) {
    const next = round(sim)
    if (check !== undefined) violations.push(...check(sim, next))
    sim = next
    if (sim.stopped === 'fixpoint') break
  }
  return { ...run, sim, violations }
}

/** Runs to a fixpoint within `budget` in one `Simulation.runUntilStable` (no round checks). */
export const settle = (from: Sim | Run, budget: Budget): Run => {
  const run = runOf(from)
  return { ...run, sim: Simulation.runUntilStable(run.sim, budget) }
}

/**
 * Plays `episodes`: each is resolved by `moves` against the simulation as it is when the episode
 * starts, its faults are injected in order, then its rounds run (see `rounds`). Each episode
 * adds one line to the log.
 */
export const play = <E extends { readonly rounds: number }>(
  from: Sim | Run,
  episodes: ReadonlyArray<E>,
  moves: (episode: E, sim: Sim) => ReadonlyArray<Move>,
  o: Rounds = {},
): Run =>
  episodes.reduce((run, e) => {
    const ms = moves(e, run.sim)
    const sim = ms.reduce((s, m) => (m.fault === undefined ? s : Simulation.inject(s, m.fault)), run.sim)
    const line = [...ms.map((m) => m.log), `+${e.rounds} rounds`].join(' ')
    return rounds({ ...run, sim, log: [...run.log, line] }, e.rounds, o)
  }, runOf(from))

/** A move injecting `fault` (if any), logged as `what`, marked when there is no target. */
export const move = (what: string, fault: Fault | undefined): Move => ({ fault, log: fault === undefined ? `${what} (no target)` : what })

/** A fault plan resolved against `view` (`scaleKinds` as `resolveFault` takes them). */
export const planned = (plan: FaultPlan, view: ClusterView, scaleKinds?: ReadonlyArray<Kind>): Move =>
  move(showPlan(plan), resolveFault(plan, view, scaleKinds))

/** The last `n` entries of the trace as a timeline. */
export const tail = (sim: Sim, n = 40): string => Simulation.timeline({ ...sim, trace: sim.trace.slice(-n) })

/** A failure message: the violations, the episode log and the last `n` entries of the trace. */
export const report = (run: Run, n = 40): string =>
  `${format(run.violations)}\nepisodes:\n  ${run.log.join('\n  ')}\ntimeline (tail):\n${tail(run.sim, n)}`

/**
 * Asserts that the run stopped at a fixpoint where `atFixpoint` finds nothing and that no round
 * check found anything; otherwise fails with the report (tail of `n` entries).
 */
export const expectFixpoint = (run: Run, atFixpoint: (view: ClusterView, now: Date) => ReadonlyArray<Violation>, n?: number): void => {
  const { stopped, view, now } = run.sim
  const violations = [...run.violations, ...(stopped === 'fixpoint' ? atFixpoint(view, now) : [])]
  const why = stopped === 'fixpoint' ? '' : `no fixpoint: stopped by ${stopped ?? 'nothing'}\n`
  expect(stopped === 'fixpoint' && violations.length === 0, why + report({ ...run, violations }, n)).toBe(true)
}

/**
 * The registry's cluster-wide controllers, each wrapped to check every pass it makes against the
 * catalogue's `pass` invariants, pushing what they find into `seen` (for `Simulation.make`'s
 * `controllers` option).
 */
export const passChecked = (seen: Array<Violation>, only?: ReadonlyArray<string>): Simulation.ControllerOverrides =>
  Object.fromEntries(
    controllers.flatMap((c): ReadonlyArray<readonly [string, Controller]> => {
      if (c._tag !== 'ClusterWide' || (only !== undefined && !only.includes(c.name))) return []
      const checked: ClusterWideController = {
        ...c,
        reconcile: (view, now, woken, memory) => {
          const actions = c.reconcile(view, now, woken, memory)
          for (const e of Invariants.catalogue) if (e.takes === 'pass') seen.push(...e.check({ controller: c.name, view, now, actions }))
          return actions
        },
      }
      return [[c.name, checked]]
    }),
  )

/** The catalogue's `view` and `fixpoint` invariants of `scopes` over a settled view. */
export const atFixpoint =
  (scopes: ReadonlyArray<Invariants.Scope>) =>
  (view: ClusterView, now: Date): ReadonlyArray<Violation> =>
    Invariants.catalogue.flatMap((e) => ((e.takes === 'view' || e.takes === 'fixpoint') && scopes.includes(e.scope) ? e.check(view, now) : []))

/** The catalogue's `step` invariants of `scopes` over one round. */
export const stepChecks =
  (scopes: ReadonlyArray<Invariants.Scope>, faults: boolean): RoundCheck =>
  (before, after) =>
    Invariants.catalogue.flatMap((e) => (e.takes === 'step' && scopes.includes(e.scope) ? e.check({ before, after, faults }) : []))
