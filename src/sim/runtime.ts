/**
 * The runtime's private state, carried in every Simulation value: settings, the seeded
 * generator, counters, the view history for stale views, expectations, requeues and the
 * kubelet's timers. Persistent maps (`immutable`) keep successive values cheap.
 */
import type { Map as IMap, Set as ISet } from 'immutable'
import type { Kind } from '../api/object.js'
import type { ClusterView } from '../core/ClusterView.js'
import type { Reconciler } from '../controllers/registry.js'
import type { TraceMode } from './types.js'

/** What the kubelet does next for a pod: start it, mark it ready, exit, restart or stop it. */
export type KubeletStep = 'start' | 'ready' | 'exit' | 'restart' | 'stop'

/** The kubelet's plan for one pod: the next step and when it is due (ms). */
export interface KubeletRecord {
  readonly uid: string
  readonly step: KubeletStep
  readonly due: number
  /** When the containers last started (ms); set once the pod runs. */
  readonly runningSince?: number
  /** Consecutive container exits, for the crash-loop back-off. */
  readonly crashes: number
}

/** A controller's pending expectation: the resourceVersion of its last pod create/delete, and when. */
export interface Expectation {
  readonly rv: number
  readonly at: number
}

/** A view as it was at the start of a round, with the resourceVersion it reflects. */
export interface Snapshot {
  readonly view: ClusterView
  readonly rv: number
}

/** The resolved options. */
export interface Settings {
  readonly startMs: number
  readonly startSeconds: number
  readonly readySeconds: number
  readonly stopSeconds: number
  readonly trace: TraceMode
  /** The controllers that run, in order. */
  readonly controllers: ReadonlyArray<readonly [Kind, Reconciler]>
  readonly expectationKinds: ReadonlyArray<Kind>
  readonly viewHistory: number
}

/** The runtime's private state. */
export interface Runtime {
  readonly settings: Settings
  /** Generator state. */
  readonly rng: number
  /** The last resourceVersion handed out. */
  readonly rv: number
  /** Pod IPs handed out. */
  readonly ips: number
  /** Rounds run so far. */
  readonly rounds: number
  /** Views at the start of recent rounds, oldest first (at most `viewHistory`). */
  readonly history: ReadonlyArray<Snapshot>
  /** An active StaleView fault: its lag and the rounds it still lasts. */
  readonly stale: { readonly lag: number; readonly rounds: number }
  /** Controller writes still to be dropped. */
  readonly drops: number
  /** Controller key → pending expectation. */
  readonly expectations: IMap<string, Expectation>
  /** Controller key → when it asked to be reconciled again (ms). */
  readonly requeues: IMap<string, number>
  /** Pod key → the kubelet's plan. */
  readonly kubelet: IMap<string, KubeletRecord>
  /** Due time (ms) → pod keys with a kubelet step due then. */
  readonly timers: IMap<number, ISet<string>>
}
