/**
 * The runtime's private state, carried in every Simulation value: settings, the seeded
 * generator, counters, the view history for stale views, expectations, requeues and the
 * kubelet's timers. Persistent maps (`immutable`) keep successive values cheap.
 */
import type { Map as IMap } from 'immutable'
import type { KubeObject } from '../api/object.js'
import type { Action } from '../core/Action.js'
import type { ClusterView } from '../core/ClusterView.js'
import type { Controller } from '../core/Controller.js'
import type { WakeIndex } from './queue.js'
import type { Actor } from './actor.js'
import type { Bucket, Rate } from './pacing.js'
import type { Timers } from './timers.js'
import type { Latency, Profiler, QueueMode, TraceMode } from './modes.js'

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

/** The rest of a sync waiting for the controllers' rate-limited client. */
export interface Suspended {
  readonly controller: string
  readonly key: string
  /** The object synced (`undefined` for a cluster-wide sync). */
  readonly owner: KubeObject | undefined
  /** The actions still to send. */
  readonly actions: ReadonlyArray<Action>
  /** The view the sync saw. */
  readonly view: ClusterView
  /** Whether expectations hold its pod creates and deletes back. */
  readonly held: boolean
  /** Whether its controller keeps pod expectations. */
  readonly expects: boolean
}

/** A view as it was at the start of a round, with the resourceVersion it reflects. */
export interface Snapshot {
  readonly view: ClusterView
  readonly rv: number
  /** The round it was first seen at (it also stands for the later rounds until the next snapshot). */
  readonly round: number
}

/** The resolved options. */
export interface Settings {
  readonly startMs: number
  readonly startSeconds: Latency
  readonly readySeconds: Latency
  readonly stopSeconds: Latency
  readonly completeSeconds: Latency
  /** How long a new claim stays Pending before the volume binder binds it. */
  readonly bindSeconds: Latency
  /** How far (ms) a round may move the clock for a paced sync's tokens. */
  readonly sliceMs: number
  /** The controllers' shared rate limit, if any. */
  readonly controllerRate: Rate | undefined
  /** The scheduler's rate limit, if any. */
  readonly schedulerRate: Rate | undefined
  readonly trace: TraceMode
  /** The environment's actors, in the order a round runs them. */
  readonly actors: ReadonlyArray<Actor>
  /** The controllers that run, in order. */
  readonly controllers: ReadonlyArray<Controller>
  /** Their wakes, by watched kind. */
  readonly wakes: WakeIndex
  readonly queue: QueueMode
  /** The periodic resync (ms), if any. */
  readonly resyncMs: number | undefined
  readonly checkWakes: boolean
  readonly profile: Profiler | undefined
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
  /** Controller name → the in-memory state it keeps across syncs (`Controller.memory`). */
  readonly memory: ReadonlyMap<string, unknown>
  /** Controller key → when it asked to be reconciled again (ms). */
  readonly requeues: Timers
  /** Pod key → the kubelet's plan. */
  readonly kubelet: ReadonlyMap<string, KubeletRecord>
  /** Due time (ms) → pod keys with a kubelet step due then. */
  readonly timers: Timers
  /** Claim key → when the volume binder binds it. */
  readonly binds: Timers
  /** The work queues: controller name → keys woken since their last sync. */
  readonly queue: ReadonlyMap<string, ReadonlySet<string>>
  /** Controller name → keys whose last sync had a write fail or withheld. */
  readonly retries: ReadonlyMap<string, ReadonlySet<string>>
  /** Whether the next controller pass syncs every key. */
  readonly wakeAll: boolean
  /** When the next periodic resync is due (ms; with `resyncSeconds` only). */
  readonly resyncAt: number
  /** The controllers' and the scheduler's token buckets. */
  readonly limiters: { readonly controllers: Bucket; readonly scheduler: Bucket }
  /** Whether the scheduler left pending pods for want of tokens. */
  readonly schedulerBacklog: boolean
  /** Syncs waiting for the controllers' client, oldest first. */
  readonly suspended: ReadonlyArray<Suspended>
  /** The scheduler's queues and node counts. */
  readonly scheduling: SchedulerState
}

/** The scheduler's state, kept up to date as the store writes pods and nodes. */
export interface SchedulerState {
  /** Pods to try in the next pass (unbound, ours, not terminating or terminal). */
  readonly active: ReadonlySet<string>
  /** Pods that fit nowhere at their last try: tried again after a node change or freed capacity. */
  readonly parked: ReadonlySet<string>
  /** Node name → its bound non-terminal pods. */
  readonly counts: ReadonlyMap<string, number>
}
