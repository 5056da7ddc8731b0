/**
 * The simulation: a simulated API server, scheduler, kubelet, clock and faults that run the
 * controllers over time, deterministically (design.md §5).
 */
export { make, step, runUntilStable, advance, inject, isStable, nextEventAt, summary } from './simulation.js'
export { defaultRounds, defaultSeconds, controllerManagerRate, schedulerRate } from './simulation.js'
export type { Summary } from './simulation.js'
export { timeline, describe, actionSummary, faultSummary, statusSummary } from './timeline.js'
export type { TimelineOptions } from './timeline.js'
export { mergePatch } from './mergePatch.js'
export { backoffSeconds } from './kubelet.js'
export * as Annotations from './annotations.js'
export type {
  ActionResult,
  Budget,
  ControllerOverrides,
  Phase,
  Profiler,
  QueueMode,
  EnvironmentEvent,
  Fault,
  KubeletOptions,
  Latency,
  PacingOptions,
  RateLimit,
  Simulation,
  SimulationOptions,
  StopReason,
  TraceEntry,
  TraceMode,
} from './types.js'
