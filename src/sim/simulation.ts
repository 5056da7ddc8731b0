/**
 * The simulation loop: rounds of controllers, scheduler and kubelet over a simulated API
 * server, a discrete-event clock, and faults. Every function returns a new Simulation value;
 * the one given is never changed. Same options, same calls ⇒ the same trace, byte for byte.
 */
import { Map as IMap } from 'immutable'
import { generateJobSelector, strategyFor } from '../api/strategy.js'
import { clampMs } from '../api/time.js'
import type { Kind, KubeObject } from '../api/object.js'
import { controllers as registry, controllersWith } from '../controllers/registry.js'
import type { Controller, Reconciler } from '../core/Controller.js'
import { controllerOf, perObject } from '../core/Controller.js'
import * as ClusterView from '../core/ClusterView.js'
import * as Pods from '../core/pods.js'
import * as T from '../core/time.js'
import * as Controllers from './controllers.js'
import type { Engine } from './engine.js'
import { close, draw, keyOfObject, nextRv, open, phase } from './engine.js'
import * as Faults from './faults.js'
import * as Kubelet from './kubelet.js'
import * as Random from './random.js'
import type { Settings, Snapshot } from './runtime.js'
import * as Scheduler from './scheduler.js'
import { commit, seed } from './store.js'
import * as Pacing from './pacing.js'
import type { Rate } from './pacing.js'
import * as Queue from './queue.js'
import * as Timers from './timers.js'
import * as Volumes from './volumes.js'
import type { Budget, Fault, Latency, RateLimit, Simulation, SimulationOptions, StopReason } from './types.js'

/** Rounds `runUntilStable` and `advance` run at most, unless the budget says otherwise. */
export const defaultRounds = 10_000
/** Simulated seconds `runUntilStable` covers at most, unless the budget says otherwise. */
export const defaultSeconds = 86_400
/** The controller a bare reconcile function keyed `name` stands for (see `ControllerOverrides`). */
const fromReconciler = (name: string, reconcile: Reconciler): Controller => {
  const known = registry.find((c) => c.name === name)
  if (known?._tag === 'PerObject') return { ...known, reconcile }
  return perObject(name, name as Kind, reconcile, { wakes: [controllerOf('*', name)] })
}

/** The controllers that run: the registry's (unless switched off), replaced, removed or added to by name. */
const chooseControllers = (options: SimulationOptions): ReadonlyArray<Controller> => {
  const overrides = options.controllers ?? {}
  const resolve = (name: string): Controller | null | undefined => {
    const o = overrides[name]
    return typeof o === 'function' ? fromReconciler(name, o as Reconciler) : o
  }
  const base = options.defaultControllers === false ? [] : options.featureGates === undefined ? registry : controllersWith(options.featureGates)
  const out: Array<Controller> = []
  for (const c of base) {
    const o = Object.prototype.hasOwnProperty.call(overrides, c.name) ? resolve(c.name) : c
    if (o !== null && o !== undefined) out.push(o._tag === 'PerObject' || o._tag === 'ClusterWide' ? { ...o, name: c.name } : o)
  }
  for (const name of Object.keys(overrides)) {
    if (base.some((c) => c.name === name)) continue
    const o = resolve(name)
    if (o !== null && o !== undefined) out.push({ ...o, name })
  }
  return out
}

const nonNegative = (v: number | undefined, d: number): number => (v !== undefined && Number.isFinite(v) && v >= 0 ? v : d)

/** A latency option: a non-negative number, or a range with min ≤ max (else the default). */
const latency = (v: Latency | undefined, d: number): Latency =>
  typeof v === 'object' && Number.isFinite(v.min) && Number.isFinite(v.max) && v.min >= 0 && v.max >= v.min
    ? v.min === v.max
      ? v.min
      : v
    : nonNegative(typeof v === 'number' ? v : undefined, d)

/** upstream kube-controller-manager's client defaults: `--kube-api-qps` 20, `--kube-api-burst` 30. */
export const controllerManagerRate: RateLimit = { qps: 20, burst: 30 }
/** upstream kube-scheduler's client defaults: QPS 50, burst 100. */
export const schedulerRate: RateLimit = { qps: 50, burst: 100 }

/** A rate option: the default when absent, none when `false` or invalid. */
const rate = (v: RateLimit | false | undefined, d: RateLimit): Rate | undefined => {
  const r = v === undefined ? d : v
  return r !== false && Number.isFinite(r.qps) && r.qps > 0 && Number.isFinite(r.burst) && r.burst >= 1 ? r : undefined
}

/**
 * A new simulation at `options.start` holding `options.objects`, as the API server would store
 * them: the defaults applied (a no-op for decoded objects), a missing uid, resourceVersion,
 * creationTimestamp or generation filled in, and a Job without selector given the generated one. The kubelet picks up pods already bound to nodes.
 * The clock lives in the years 0000-9999 that timestamps can express: a `start` outside them
 * is clamped to the nearest end, and an invalid `start` (time `NaN`) starts at the earliest.
 */
export const make = (options: SimulationOptions): Simulation => {
  const startMs = clampMs(options.start.getTime())
  const controllers = chooseControllers(options)
  const settings: Settings = {
    startMs,
    startSeconds: latency(options.kubelet?.startSeconds, 1),
    readySeconds: latency(options.kubelet?.readySeconds, 1),
    stopSeconds: latency(options.kubelet?.stopSeconds, 1),
    completeSeconds: latency(options.kubelet?.completeSeconds, 5),
    bindSeconds: latency(options.volumes?.bindSeconds, 1),
    controllerRate: options.pacing === false ? undefined : rate(options.pacing?.controllers, controllerManagerRate),
    sliceMs: options.pacing === false ? 0 : nonNegative(options.pacing?.sliceSeconds, 1) * 1000,
    schedulerRate: options.pacing === false ? undefined : rate(options.pacing?.scheduler, schedulerRate),
    trace: options.trace ?? 'full',
    actors: [Volumes.actor, Scheduler.actor, Kubelet.actor],
    controllers,
    wakes: Queue.indexWakes(controllers),
    queue: options.queue ?? 'events',
    resyncMs: options.resyncSeconds !== undefined && options.resyncSeconds > 0 ? options.resyncSeconds * 1000 : undefined,
    checkWakes: options.checkWakes === true,
    profile: options.profile,
    viewHistory: Math.max(1, Math.floor(nonNegative(options.viewHistory, 16))),
  }
  const objects = Array.from(options.objects)
  const maxRv = objects.reduce((m, o) => {
    const rv = o.metadata.resourceVersion
    return rv !== undefined && /^\d+$/.test(rv) ? Math.max(m, Number(rv)) : m
  }, 0)
  const empty: Simulation = {
    view: ClusterView.empty,
    now: new Date(startMs),
    trace: [],
    runtime: {
      settings,
      rng: Random.seeded(options.seed ?? 0),
      rv: maxRv,
      ips: 0,
      rounds: 0,
      history: [],
      stale: { lag: 0, rounds: 0 },
      drops: 0,
      expectations: IMap(),
      memory: new Map(),
      requeues: Timers.empty(),
      kubelet: new Map(),
      timers: Timers.empty(),
      binds: Timers.empty(),
      queue: new Map(),
      retries: new Map(),
      wakeAll: true,
      resyncAt: startMs + (settings.resyncMs ?? 0),
      limiters: {
        controllers: Pacing.full(settings.controllerRate ?? controllerManagerRate, startMs),
        scheduler: Pacing.full(settings.schedulerRate ?? schedulerRate, startMs),
      },
      schedulerBacklog: false,
      suspended: [],
      scheduling: { active: new Set(), parked: new Set(), counts: new Map() },
    },
  }
  const e = open(empty)
  const created = T.format(startMs)
  for (const given of objects) {
    const o = strategyFor(given.kind).defaults(given)
    const m = o.metadata
    const filled = {
      ...o,
      metadata: {
        ...m,
        ...(m.uid === undefined ? { uid: Random.uuid(() => draw(e)) } : {}),
        ...(m.resourceVersion === undefined ? { resourceVersion: nextRv(e) } : {}),
        ...(m.creationTimestamp === undefined ? { creationTimestamp: created } : {}),
        ...(m.generation === undefined ? { generation: 1 } : {}),
      },
    } as KubeObject
    // A Job given without a selector gets the one the API server generates on create.
    const stored = filled.kind === 'Job' && filled.spec.selector === undefined ? generateJobSelector(filled) : filled
    seed(e, keyOfObject(stored), stored)
  }
  commit(e)
  return close(e, empty)
}

// -------------------------------------------------------------------------------------
// rounds and the clock
// -------------------------------------------------------------------------------------

/** Wakes every key at the first round at or after the periodic resync's due time. */
const periodicResync = (e: Engine): void => {
  const period = e.settings.resyncMs
  if (period === undefined || e.now < e.resyncAt) return
  e.wakeAll = true
  e.resyncAt = e.settings.startMs + (Math.floor((e.now - e.settings.startMs) / period) + 1) * period
}

/**
 * Keeps the view a round starts with for stale reads: a new snapshot only when the view changed,
 * and none that a lag below `viewHistory` can no longer reach — so a settled cluster keeps one.
 */
const remember = (e: Engine): void => {
  const last = e.history[e.history.length - 1]
  if (last?.view !== e.view) e.history.push({ view: e.view, rv: e.rv, round: e.rounds })
  const oldest = e.rounds - (e.settings.viewHistory - 1)
  while (e.history.length >= 2 && (e.history[1] as Snapshot).round <= oldest) e.history.shift()
}

/** One round: controllers, scheduler, kubelet. True when it was quiet (nothing changed). */
const round = (e: Engine): boolean => {
  commit(e)
  e.changed = false
  Queue.wakeDue(e)
  periodicResync(e)
  remember(e)
  Controllers.run(e)
  for (const a of e.settings.actors) phase(e, a.name, () => a.run(e))
  commit(e)
  e.rounds += 1
  return !e.changed
}

/**
 * The next due event after now, in ms: a requeue, a kubelet step, or the moment a rate-limited
 * client (controllers with keys waiting, the scheduler with pods waiting) has a token again.
 */
const nextDue = (e: Engine): number | undefined => {
  let min: number | undefined
  const at = (t: number | undefined): void => {
    if (t !== undefined && t > e.now && (min === undefined || t < min)) min = t
  }
  for (const a of e.settings.actors) at(a.nextDue(e))
  at(Timers.next(e.requeues))
  const c = e.settings.controllerRate
  if (c !== undefined && (Queue.busy(e) || e.suspended.length > 0)) at(Pacing.readyAt(c, Pacing.refill(c, e.limiters.controllers, e.now)))
  return min
}

/**
 * One round: every controller over every object of its kind, then the scheduler, then the
 * kubelet's due steps. The clock does not move.
 */
export const step = (sim: Simulation): Simulation => {
  const e = open(sim)
  round(e)
  return close(e, sim)
}

/** Milliseconds of a duration in seconds: `NaN`, zero and negatives are 0; `Infinity` stays unbounded. */
const spanMs = (seconds: number): number => (seconds > 0 ? seconds * 1000 : 0)

/**
 * Runs rounds until one changes nothing, then jumps the clock to the next due event (a requeue,
 * a kubelet step such as a start, readiness, exit or the end of a grace period) and goes on.
 * Stops with `stopped: 'fixpoint'` when nothing is due, or `'budget'` when the rounds run out
 * or the next event lies beyond `budget.seconds` from now (the clock then stays where it is).
 * `budget.seconds` that is `NaN` or negative counts as 0, and `Infinity` as "until the year
 * 9999 ends" (the clock never leaves the range `make` documents); `budget.rounds` that is `NaN`
 * or below 1 runs no round (`stopped: 'budget'`).
 */
export const runUntilStable = (sim: Simulation, budget: Budget = {}): Simulation => {
  const limit = clampMs(sim.now.getTime() + spanMs(budget.seconds ?? defaultSeconds))
  return settle(sim, budget.rounds ?? defaultRounds, limit, (e, t) => {
    if (t === undefined) return 'fixpoint'
    if (t > limit) return 'budget'
    e.now = t
    return 'go on'
  })
}

/**
 * Runs as `runUntilStable` would, processing due events at their times, up to now + `seconds`;
 * the clock ends at now + `seconds` after the rounds there settle. Only if `budget.rounds`
 * (default 10,000) runs out first does it stop early, with `stopped: 'budget'`. `seconds` that
 * is `NaN` or negative counts as 0 (the rounds at now still run); the end is clamped to the
 * last second of the year 9999, so `advance(sim, Infinity)` leaves a valid clock there at most.
 */
export const advance = (sim: Simulation, seconds: number, budget: Pick<Budget, 'rounds'> = {}): Simulation => {
  const end = clampMs(sim.now.getTime() + spanMs(seconds))
  return settle(sim, budget.rounds ?? defaultRounds, end, (e, t) => {
    if (t !== undefined && t <= end) e.now = t
    else if (e.now < end) e.now = end
    else return 'done'
    return 'go on'
  })
}

/**
 * Runs rounds until one is quiet, then asks `onQuiet` (given the next due time) whether to go on
 * (it moved the clock) or stop, and why; `maxRounds` rounds stop it with 'budget'.
 */
const settle = (
  sim: Simulation,
  maxRounds: number,
  horizon: number,
  onQuiet: (e: Engine, next: number | undefined) => StopReason | 'done' | 'go on',
): Simulation => {
  const e = open(sim)
  e.horizon = horizon
  for (let n = 0; n < maxRounds; n++) {
    e.sliceEnd = Math.min(e.horizon, e.now + e.settings.sliceMs)
    if (!round(e)) continue
    const verdict = onQuiet(e, nextDue(e))
    if (verdict === 'done') return close(e, sim)
    if (verdict !== 'go on') return close(e, sim, verdict)
  }
  return close(e, sim, 'budget')
}

/** Applies `fault` now (recorded in the trace). The clock does not move and no round runs. */
export const inject = (sim: Simulation, fault: Fault): Simulation => {
  const e = open(sim)
  Faults.apply(e, fault)
  return close(e, sim)
}

// -------------------------------------------------------------------------------------
// summaries
// -------------------------------------------------------------------------------------

/** When the next event is due (requeue or kubelet step), if any. */
export const nextEventAt = (sim: Simulation): Date | undefined => {
  const t = nextDue(open(sim))
  return t === undefined ? undefined : new Date(t)
}

/**
 * Stable: a round now would change nothing and no event is due, i.e. `runUntilStable` would
 * return at once with `fixpoint`.
 */
export const isStable = (sim: Simulation): boolean => {
  const e = open(sim)
  const quiet = round(e)
  return quiet && nextDue(e) === undefined
}

/** Counts of the cluster's objects and pods, for reports and assertions. */
export interface Summary {
  readonly now: string
  readonly rounds: number
  readonly objects: Readonly<Record<string, number>>
  readonly pods: {
    readonly pending: number
    readonly running: number
    readonly ready: number
    readonly succeeded: number
    readonly failed: number
    readonly terminating: number
    readonly unscheduled: number
  }
}

/** How many objects of each kind, pods by phase, ready, terminating and unscheduled. */
export const summary = (sim: Simulation): Summary => {
  const objects: Record<string, number> = {}
  const pods = { pending: 0, running: 0, ready: 0, succeeded: 0, failed: 0, terminating: 0, unscheduled: 0 }
  for (const o of ClusterView.toArray(sim.view)) {
    objects[o.kind] = (objects[o.kind] ?? 0) + 1
    if (o.kind !== 'Pod') continue
    const phase = o.status?.phase ?? 'Pending'
    if (phase === 'Running') pods.running += 1
    else if (phase === 'Succeeded') pods.succeeded += 1
    else if (phase === 'Failed') pods.failed += 1
    else pods.pending += 1
    if (Pods.isReady(o)) pods.ready += 1
    if (o.metadata.deletionTimestamp !== undefined) pods.terminating += 1
    if ((o.spec.nodeName ?? '') === '') pods.unscheduled += 1
  }
  const sorted = Object.fromEntries(Object.entries(objects).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
  return { now: sim.now.toISOString(), rounds: sim.runtime.rounds, objects: sorted, pods }
}
