/**
 * `kube-reconcile simulate`: run the simulation over a scenario and render its timeline with
 * the workloads' sizes as they change.
 */
import type { KubeObject } from '../api/object.js'
import * as CV from '../core/ClusterView.js'
import type { ClusterView } from '../core/ClusterView.js'
import type { Controller } from '../core/Controller.js'
import type { FeatureGates } from '../core/featureGates.js'
import { byCreation } from '../core/order.js'
import { controllers } from '../controllers/registry.js'
import type { Scenario } from '../scenario/index.js'
import { formatDuration, toFault } from '../scenario/index.js'
import * as Sim from '../sim/index.js'
import type { Simulation, TraceEntry } from '../sim/index.js'
import { markerOf, recorder, workloadCounts } from './series.js'
import type { Marker, Series } from './series.js'

/** What to simulate. */
export interface SimulateInput {
  readonly objects: ReadonlyArray<KubeObject>
  readonly scenario?: Scenario
  readonly until: number
  readonly seed: number
  readonly start: Date
  readonly featureGates?: FeatureGates
}

/** One line of the rendered timeline. */
export interface Row {
  readonly ms: number
  readonly source: string
  readonly text: string
}

/** The simulation's result: the final simulation, the rows to print, and the chart's data when asked for. */
export interface SimulateResult {
  readonly sim: Simulation
  readonly rows: ReadonlyArray<Row>
  /** The scenario events that named nothing when they came due. */
  readonly skipped: ReadonlyArray<string>
  /** Each top-level workload's counts over time (empty unless `chart`). */
  readonly series: ReadonlyArray<Series>
  /** The faults and edits of the run (empty unless `chart`). */
  readonly markers: ReadonlyArray<Marker>
}

/**
 * `web 3 desired, 3 pods, 2 ready | …`: the summaries of the objects of every controller that
 * declares one, in registry order, then by creation time and name.
 */
export const sizes = (view: ClusterView, list: ReadonlyArray<Controller> = controllers): string => {
  const parts: Array<string> = []
  for (const c of list) {
    if (c._tag !== 'PerObject' || c.summary === undefined) continue
    for (const o of CV.list(view, c.kind).slice().sort(byCreation)) parts.push(c.summary(o, view))
  }
  return parts.join(' | ')
}

/** Lines only `--verbose` shows: scheduler and kubelet events, requeues, Events and writes that changed nothing. */
const isNoise = (e: TraceEntry): boolean =>
  e._tag === 'Environment' ||
  (e._tag === 'Action' && (e.action._tag === 'RequeueAfter' || e.action._tag === 'Event' || e.detail === 'unchanged'))

/**
 * Runs the scenario up to `until`, a second at a time while anything is due (a quiet stretch is
 * skipped in one step), injecting its events at their times, and
 * collects the timeline: trace entries (all when `verbose`, else without the noise above) and a
 * `sizes` row whenever the workloads' sizes change; with `chart`, also the workloads' counts
 * after every step and the faults and edits, for the chart.
 */
export const simulate = (input: SimulateInput, verbose: boolean, chart = false): SimulateResult => {
  let sim = Sim.make({
    objects: input.objects,
    start: input.start,
    seed: input.seed,
    ...(input.featureGates === undefined ? {} : { featureGates: input.featureGates }),
  })
  const startMs = input.start.getTime()
  const rows: Array<Row> = []
  const skipped: Array<string> = []
  const events = input.scenario?.events ?? []
  let next = 0
  let seen = 0
  let lastSizes = ''
  const counts = recorder()
  const markers: Array<Marker> = []
  const collect = (): void => {
    for (const e of sim.trace.slice(seen)) {
      if (chart && e._tag === 'Fault') markers.push(markerOf(Date.parse(e.time), e.fault, Sim.describe(e)[1]))
      if (!verbose && isNoise(e)) continue
      const [source, text] = Sim.describe(e)
      rows.push({ ms: Date.parse(e.time), source, text })
    }
    seen = sim.trace.length
    const s = sizes(sim.view)
    if (s !== lastSizes && s !== '') rows.push({ ms: sim.now.getTime(), source: 'sizes', text: s })
    lastSizes = s
    if (chart) counts.record(sim.now.getTime(), workloadCounts(sim.view, controllers))
  }
  const elapsed = (): number => (sim.now.getTime() - startMs) / 1000
  sim = Sim.step(sim)
  collect()
  // After `advance` the rounds due have run; after a single `step` (the first, an event's) some may not have.
  let settled = false
  while (elapsed() < input.until) {
    const due = events[next]?.at ?? Infinity
    // A second at a time while something is due; a settled cluster skips to its next timer.
    const wake = Sim.nextEventAt(sim)
    const busyUntil = !settled ? 0 : wake === undefined ? Infinity : Math.ceil((wake.getTime() - startMs) / 1000)
    sim = Sim.advance(sim, Math.min(Math.max(Math.floor(elapsed()) + 1, busyUntil), due, input.until) - elapsed())
    settled = true
    while (next < events.length && events[next]!.at <= elapsed()) {
      const ev = events[next++]!
      const fault = toFault(sim.view, ev.step)
      if (fault === undefined) skipped.push(`${formatDuration(ev.at)}: ${ev.step._tag} matched nothing`)
      else {
        sim = Sim.step(Sim.inject(sim, fault))
        settled = false
      }
    }
    collect()
  }
  return { sim, rows, skipped, series: counts.series(), markers }
}

/** The rows as aligned text, time as an offset from the start. */
export const renderRows = (rows: ReadonlyArray<Row>, startMs: number): string => {
  const cells = rows.map((r) => [`+${formatDuration((r.ms - startMs) / 1000)}`, r.source, r.text] as const)
  const tw = cells.reduce((w, c) => Math.max(w, c[0].length), 0)
  const sw = cells.reduce((w, c) => Math.max(w, c[1].length), 0)
  return cells.map(([t, s, x]) => `${t.padEnd(tw)}  ${s.padEnd(sw)}  ${x}`).join('\n')
}
