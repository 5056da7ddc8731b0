/**
 * The simulation's settings types that its private runtime shares with its public options
 * (kept apart so that the runtime and the public types do not import each other).
 */

/** A latency in seconds: fixed, or drawn uniformly from `[min, max]` by the seeded generator, once per pod step. */
export type Latency = number | { readonly min: number; readonly max: number }

/**
 * How controllers are woken: `events` (the default: work queues fed by the controllers' declared
 * wakes, due requeues, restarts and failed writes, as upstream's informers and work queues) or
 * `resync` (every controller syncs every object of its kind every round).
 */
export type QueueMode = 'events' | 'resync'

/**
 * How much the trace records: `full` (controller actions, faults, scheduler and kubelet
 * events), `controllers` (controller actions and faults only) or `none`.
 */
export type TraceMode = 'full' | 'controllers' | 'none'

/** The phases a `Profiler` is told about. */
export type Phase = 'reconcile' | 'apiserver' | 'store' | 'scheduler' | 'kubelet' | 'volumes'

/**
 * Runs `work` (a phase of a round) and returns its result: a hook for benchmarks, which measure
 * each phase with a clock of their own (the simulation itself reads none). Phases do not nest,
 * except `store` (commits) inside the others.
 */
export type Profiler = <T>(phase: Phase, work: () => T) => T
