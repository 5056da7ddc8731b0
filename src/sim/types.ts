/**
 * The simulation's public data: options, faults, trace entries and the Simulation value.
 * Options, faults and trace entries are plain, serialisable data (options may carry
 * controller functions); the `runtime` is the simulation's private, persistent state.
 */
import type { KubeObject } from '../api/object.js'
import type { Taint } from '../api/node.js'
import type { Action, Preconditions, PropagationPolicy } from '../core/Action.js'
import type { ClusterView } from '../core/ClusterView.js'
import type { ObjectRef } from '../core/ObjectRef.js'
import type { Controller } from '../core/Controller.js'
import type { FeatureGates } from '../core/featureGates.js'
import type { Runtime } from './runtime.js'
import type { Latency, Profiler, QueueMode, TraceMode } from './modes.js'

export type { Latency, Phase, Profiler, QueueMode, TraceMode } from './modes.js'

/** Kubelet timings, in seconds. Per-pod overrides come from the annotations in `annotations.ts`. */
export interface KubeletOptions {
  /** Bound → Running (containers started). Default 1. */
  readonly startSeconds?: Latency
  /** Running → Ready. Default 1. */
  readonly readySeconds?: Latency
  /** How long a deleted pod takes to stop, capped by its grace period. Default 1. */
  readonly stopSeconds?: Latency
  /**
   * Run to completion: how long the containers of a pod whose restartPolicy is `OnFailure` or
   * `Never` run before exiting (with the pod's `exit-code` annotation, default 0), when its
   * `exit-after-seconds` annotation does not say. Default 5, so a plain Job completes.
   */
  readonly completeSeconds?: Latency
}

/** The volume binder's timing, in seconds. */
export interface VolumeOptions {
  /** A new PersistentVolumeClaim → Bound. Default 1. */
  readonly bindSeconds?: Latency
}

/** A client-side rate limit: a token bucket of `burst` tokens refilled at `qps` per second. */
export interface RateLimit {
  readonly qps: number
  readonly burst: number
}

/**
 * API pacing: the client rate limits that make simulated time mean real time. `false` (or
 * `pacing: false` in the options) makes every API call instant.
 */
export interface PacingOptions {
  /** Shared by every controller (upstream kube-controller-manager `--kube-api-qps` 20, `--kube-api-burst` 30); `false`: unlimited. */
  readonly controllers?: RateLimit | false
  /** The scheduler's bindings and status writes (kube-scheduler's client: 50 QPS, burst 100); `false`: unlimited. */
  readonly scheduler?: RateLimit | false
  /**
   * The time slice (seconds, default 1) within which a round of `runUntilStable` or `advance`
   * sends a paced sync's writes at their token times, one after the other, before the scheduler
   * and the kubelet react (at the slice's end); 0 makes every token wait a round of its own.
   */
  readonly sliceSeconds?: number
}

/**
 * Controllers to run instead of, besides or without the registry's, by controller name (the
 * built-in per-object controllers are named after their kind): a `Controller` replaces the one
 * of that name or, for a new name, runs after the registry's; `null` switches the registry's
 * controller of that name off. A bare reconcile function is shorthand for a per-object
 * controller of the kind it is keyed by, with the declarations (wakes, expectations, summary)
 * of the registry's controller of that name, or else woken by changes of its objects and of
 * the objects they control.
 */
export type ControllerOverrides = {
  readonly [name: string]: Controller | ((object: never, view: ClusterView, now: Date) => ReadonlyArray<Action>) | null | undefined
}

/** Options of `Simulation.make`. */
export interface SimulationOptions {
  /**
   * The initial objects (decoded). They are stored with the API server's defaults applied and a
   * missing uid, resourceVersion, creationTimestamp or generation filled in.
   */
  readonly objects: Iterable<KubeObject>
  /** The simulated clock's start. */
  readonly start: Date
  /** Seed of the generator behind names, uids and any random choice. Default 0. */
  readonly seed?: number
  readonly kubelet?: KubeletOptions
  readonly volumes?: VolumeOptions
  /** API pacing, on by default with upstream's default rate limits; `false` switches it off (instant API). */
  readonly pacing?: PacingOptions | false
  /** Controllers replacing, removing or added to the registry's (`src/controllers/registry.ts`), by name. */
  readonly controllers?: ControllerOverrides
  /** kube-controller-manager feature gates for the registry's controllers (default: upstream's defaults). */
  readonly featureGates?: FeatureGates
  /** Whether the registry's controllers run at all (default true); `controllers` always do. */
  readonly defaultControllers?: boolean
  /** How controllers are woken. Default `events`. */
  readonly queue?: QueueMode
  /**
   * With `events`: every key is also woken at the first round at or after each multiple of this
   * many simulated seconds (upstream informers' resync period). Not a due event of its own: the
   * clock never jumps for it. Default: never.
   */
  readonly resyncSeconds?: number
  /**
   * Check mode (tests): after each pass, the keys the queue did not wake are synced too, and an
   * Error is thrown if one of them would have written — a wake missing from a declaration.
   */
  readonly checkWakes?: boolean
  /** What the trace records. Default `full`. */
  readonly trace?: TraceMode
  /** A hook told of each phase of each round (benchmarks). Default none. */
  readonly profile?: Profiler
  /** How many past round views are kept for `StaleView` (the largest usable lag + 1). Default 16. */
  readonly viewHistory?: number
}

/** A fault or external actor, injected with `Simulation.inject`. */
export type Fault =
  /** The pod's containers crash: restartCount + 1, not ready until `readySeconds` after the restart (restartPolicy `Never`: the pod fails, exit code 1). */
  | { readonly _tag: 'PodCrash'; readonly namespace: string; readonly name: string }
  /**
   * An API-initiated eviction (`kubectl drain`, the Eviction API): the pod gets the
   * `DisruptionTarget` condition (reason `EvictionByEvictionAPI`), then is deleted gracefully.
   */
  | { readonly _tag: 'EvictPod'; readonly namespace: string; readonly name: string }
  /**
   * The node's kubelet stops: it posts no more heartbeats and advances none of its pods. The node
   * lifecycle controller marks the node `Unknown` and taints it `unreachable` after its grace period
   * (50 s); the taint eviction controller evicts its pods when their tolerations run out (300 s).
   */
  | { readonly _tag: 'NodeDown'; readonly name: string }
  /** The node's kubelet starts again: heartbeat current, Ready=True, its pods run on (their taints go with the node lifecycle controller). */
  | { readonly _tag: 'NodeUp'; readonly name: string }
  /** A new node joins: Ready, with these labels (plus `kubernetes.io/hostname`), taints and pod capacity (default 110). */
  | {
      readonly _tag: 'NodeAdd'
      readonly name: string
      readonly labels?: Readonly<Record<string, string>>
      readonly taints?: ReadonlyArray<Taint>
      readonly pods?: number
    }
  /** The node object is deleted (its pods stay bound to the vanished node until pod GC). */
  | { readonly _tag: 'NodeRemove'; readonly name: string }
  /** The node's labels change: each given key is set, or removed when `null`. */
  | { readonly _tag: 'NodeLabel'; readonly name: string; readonly labels: Readonly<Record<string, string | null>> }
  /** The node gets `taint` (replacing one with the same key and effect). */
  | { readonly _tag: 'NodeTaint'; readonly name: string; readonly taint: Taint }
  /** The node's taints with `key` (and `effect`, when given) are removed. */
  | { readonly _tag: 'NodeUntaint'; readonly name: string; readonly key: string; readonly effect?: string }
  /** `kubectl cordon`: `spec.unschedulable`, and the `node.kubernetes.io/unschedulable:NoSchedule` taint the node lifecycle controller adds. */
  | { readonly _tag: 'NodeCordon'; readonly name: string }
  /** `kubectl uncordon`: the reverse of `NodeCordon`. */
  | { readonly _tag: 'NodeUncordon'; readonly name: string }
  /** Someone deletes an object (graceful for pods); the policy defaults to kubectl's `Background`. */
  | {
      readonly _tag: 'ExternalDelete'
      readonly target: ObjectRef
      readonly propagationPolicy?: PropagationPolicy
      readonly preconditions?: Preconditions
    }
  /** Someone edits an object with a JSON merge patch (RFC 7386) on spec/metadata. */
  | { readonly _tag: 'ExternalEdit'; readonly target: ObjectRef; readonly patch: unknown }
  /** Someone creates an object. */
  | { readonly _tag: 'ExternalCreate'; readonly object: KubeObject }
  /** The controllers see the cluster as it was `lag` rounds ago, for the next `rounds` rounds. */
  | { readonly _tag: 'StaleView'; readonly lag: number; readonly rounds: number }
  /** The next `count` writes the controllers send are lost. */
  | { readonly _tag: 'DropActions'; readonly count: number }
  /** The controller manager restarts: in-memory expectations are forgotten. */
  | { readonly _tag: 'ControllerRestart' }

/**
 * What happened to an action: `applied` (also for events and requeues, and for writes that
 * changed nothing), `conflict` (a precondition failed), `rejected` (not found, already exists,
 * invalid), `dropped` (lost by a `DropActions` fault), `withheld` (held back by expectations).
 */
export type ActionResult = 'applied' | 'conflict' | 'rejected' | 'dropped' | 'withheld'

/** What the scheduler or the kubelet did to a pod, or the volume binder to a claim. */
export type EnvironmentEvent =
  /** The scheduler bound the pod to `node`. */
  | { readonly _tag: 'Bound'; readonly node: string }
  /** No node can take the pod now (PodScheduled=False, reason Unschedulable). */
  | { readonly _tag: 'Unschedulable' }
  /** The volume binder bound the claim to `volume`. */
  | { readonly _tag: 'ClaimBound'; readonly volume: string }
  /** The containers started: phase Running. */
  | { readonly _tag: 'Started' }
  /** The pod became Ready. */
  | { readonly _tag: 'Ready' }
  /** The containers exited; `outcome` is the new phase, or `Restarting` (after `backoffSeconds`). */
  | {
      readonly _tag: 'Exited'
      readonly exitCode: number
      readonly outcome: 'Succeeded' | 'Failed' | 'Restarting'
      readonly backoffSeconds?: number
    }
  /** The containers run again after a crash-loop back-off. */
  | { readonly _tag: 'Restarted'; readonly restartCount: number }
  /** A terminating pod stopped; finalizers keep it in the store. */
  | { readonly _tag: 'Stopped' }
  /** A terminating pod stopped and was removed. */
  | { readonly _tag: 'Removed' }

/** One line of the trace. `time` is the simulated time (RFC 3339, milliseconds kept). */
export type TraceEntry =
  | {
      readonly _tag: 'Action'
      readonly time: string
      /** Who sent it: `ReplicaSet default/web`. */
      readonly source: string
      readonly action: Action
      readonly result: ActionResult
      /** The object the write resolved to (a Create's generated name and uid). */
      readonly ref?: ObjectRef
      /** The error text, or `unchanged` / `removed` / `already deleting` for applied writes. */
      readonly detail?: string
    }
  | {
      readonly _tag: 'Fault'
      readonly time: string
      readonly fault: Fault
      /** For faults that write through the API server (External*), the result of the write. */
      readonly result?: ActionResult
      readonly ref?: ObjectRef
      readonly detail?: string
    }
  | {
      readonly _tag: 'Environment'
      readonly time: string
      readonly source: 'scheduler' | 'kubelet' | 'volumes'
      readonly target: ObjectRef
      readonly event: EnvironmentEvent
    }

/** Why `runUntilStable` (or `advance`) returned early: `fixpoint` or `budget`. */
export type StopReason = 'fixpoint' | 'budget'

/** Limits of `runUntilStable`: rounds run and simulated seconds elapsed. */
export interface Budget {
  /** Default 10,000. */
  readonly rounds?: number
  /** Default 86,400 (one simulated day). */
  readonly seconds?: number
}

/** A simulation: the cluster, the clock, the trace, and the runtime's private state. */
export interface Simulation {
  readonly view: ClusterView
  readonly now: Date
  readonly trace: ReadonlyArray<TraceEntry>
  /** Set by `runUntilStable` (and by `advance` when it runs out of rounds). */
  readonly stopped?: StopReason
  /** @internal the runtime's private state (generator, counters, timers, expectations, faults). */
  readonly runtime: Runtime
}
