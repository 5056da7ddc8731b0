/**
 * Running CronJobs through simulated time with the faults of `CronJob.dayPlan`: controller
 * restarts, outages of the CronJob controller (its syncs do nothing while it is down, then a
 * restart re-lists everything, as a controller manager coming back does), stale views, and
 * suspend and policy edits — with a check after every round.
 */
import type { KubeObject } from '../../../src/api/object.js'
import type { CronJob } from '../../../src/api/workloads.js'
import type { DayEvent } from '../../../src/arbitraries/cronjob.js'
import { cronJobController } from '../../../src/controllers/cronjob/controller.js'
import * as A from '../../../src/core/Action.js'
import type { PerObjectController } from '../../../src/core/Controller.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as ObjectRef from '../../../src/core/ObjectRef.js'
import type { Violation } from '../../../src/invariants/Violation.js'
import * as Simulation from '../../../src/sim/index.js'
import type { Fault, Simulation as Sim, SimulationOptions } from '../../../src/sim/index.js'

/**
 * The CronJob controller, down while `now` falls in one of the `[from, to)` windows (ms): a key
 * woken then (a change, a due requeue) is only put back for `to`, when the controller is up
 * again — the events a controller manager sees when it comes back and re-lists (the runs also
 * inject a `ControllerRestart` then, which wakes every key).
 */
export const withOutages = (outages: ReadonlyArray<readonly [number, number]>): PerObjectController<CronJob> => ({
  ...cronJobController,
  reconcile: (cj, view, now) => {
    const down = outages.find(([from, to]) => now.getTime() >= from && now.getTime() < to)
    return down === undefined ? cronJobController.reconcile(cj, view, now) : [A.requeueAfter(ObjectRef.of(cj), (down[1] - now.getTime()) / 1000)]
  },
})

/** A check after one round, given the simulation before and after it. */
export type RoundCheck = (before: Sim, after: Sim) => ReadonlyArray<Violation>

/** A run: where it ended, what the checks found, what happened when. */
export interface DayRun {
  readonly sim: Sim
  readonly violations: ReadonlyArray<Violation>
  readonly log: ReadonlyArray<string>
  readonly rounds: number
}

/** Rounds, one at a time and each checked, until the clock reaches `until` (ms) and the rounds there settle. */
export const runTo = (sim: Sim, until: number, check: RoundCheck, out: Array<Violation>): readonly [Sim, number] => {
  let s = sim
  let n = 0
  for (;;) {
    const next = Simulation.advance(s, Math.max(0, until - s.now.getTime()) / 1000, { rounds: 1 })
    out.push(...check(s, next))
    s = next
    n++
    if (next.stopped !== 'budget') return [s, n]
  }
}

const edit = (sim: Sim, index: number, patch: unknown): Fault | undefined => {
  const cjs = ClusterView.listOf(sim.view, 'CronJob')
  const cj = cjs[index % Math.max(1, cjs.length)]
  return cj === undefined ? undefined : { _tag: 'ExternalEdit', target: ObjectRef.of(cj), patch }
}

/** The fault an event injects at its time (outages act through `withOutages`; their end is a restart). */
const faultOf = (e: DayEvent, sim: Sim): Fault | undefined => {
  switch (e._tag) {
    case 'Restart':
      return { _tag: 'ControllerRestart' }
    case 'Outage':
      return undefined
    case 'Stale':
      return { _tag: 'StaleView', lag: e.lag, rounds: e.rounds }
    case 'Suspend':
      return edit(sim, e.cronJob, { spec: { suspend: e.suspend } })
    case 'Policy':
      return edit(sim, e.cronJob, { spec: { concurrencyPolicy: e.policy } })
  }
}

/** What `runDay` takes. */
export interface DayOptions {
  readonly objects: ReadonlyArray<KubeObject>
  readonly start: Date
  readonly plan: ReadonlyArray<DayEvent>
  readonly seconds: number
  readonly check: RoundCheck
  readonly options?: Partial<SimulationOptions>
}

/** Simulates `seconds` from `start` with the plan's faults, checking every round. */
export const runDay = (o: DayOptions): DayRun => {
  const t0 = o.start.getTime()
  const outages = o.plan.flatMap((e) => (e._tag === 'Outage' ? [[t0 + e.at * 1000 + 500, t0 + (e.at + e.seconds) * 1000 + 500] as const] : []))
  let sim = Simulation.make({ objects: o.objects, start: o.start, seed: 1, pacing: false, controllers: { CronJob: withOutages(outages) }, ...o.options })
  // Events land half a second after their whole second, and the run ends a quarter second short
  // of its end: a round exactly at a schedule time, before the CronJob's 100 ms requeue, would
  // look like a missed wake to check mode (upstream, too, waits for the requeue).
  const points = [
    ...o.plan.map((e) => ({ at: e.at + 0.5, what: e as DayEvent | 'back' | 'end' })),
    ...o.plan.flatMap((e) => (e._tag === 'Outage' && e.at + e.seconds < o.seconds ? [{ at: e.at + e.seconds + 0.5, what: 'back' as const }] : [])),
    { at: o.seconds - 0.25, what: 'end' as const },
  ].sort((a, b) => a.at - b.at)
  const violations: Array<Violation> = []
  const log: Array<string> = []
  let rounds = 0
  for (const p of points) {
    const [next, n] = runTo(sim, t0 + p.at * 1000, o.check, violations)
    sim = next
    rounds += n
    if (p.what === 'end') break
    const fault: Fault | undefined = p.what === 'back' ? { _tag: 'ControllerRestart' } : faultOf(p.what, sim)
    log.push(`+${p.at}s ${p.what === 'back' ? 'outage over: restart' : JSON.stringify(p.what)}`)
    if (fault !== undefined) sim = Simulation.inject(sim, fault)
  }
  return { sim, violations, log, rounds }
}
