/**
 * The working state of one call into the simulation (`step`, `runUntilStable`, `advance`,
 * `inject`): opened from a Simulation value, changed locally, closed into a new value. The
 * Simulation given is never changed; writes collect in an overlay that is committed to a new
 * ClusterView with one `withChanges` per batch (a controller's sync, the scheduler, the kubelet).
 */
import type { Map as IMap } from 'immutable'
import type { Kind, KubeObject } from '../api/object.js'
import * as ClusterView from '../core/ClusterView.js'
import type { ClusterView as View } from '../core/ClusterView.js'
import * as Nodes from '../core/nodes.js'
import * as ObjectRef from '../core/ObjectRef.js'
import * as T from '../core/time.js'
import * as Random from './random.js'
import type { Expectation, KubeletRecord, Runtime, Settings, Snapshot, Suspended } from './runtime.js'
import type { FieldIssue } from '../api/DecodeError.js'
import type { Bucket } from './pacing.js'
import * as Timers from './timers.js'
import type { NodeHeaps } from './scheduler.js'
import type { Latency, Phase, Simulation, StopReason, TraceEntry } from './types.js'

/** The mutable working state of one call. */
export interface Engine {
  readonly settings: Settings
  /** The committed view. */
  view: View
  /** Uncommitted writes: key → new object, or `null` for a removal. */
  readonly pending: Map<string, KubeObject | null>
  now: number
  rng: number
  rv: number
  ips: number
  rounds: number
  history: Array<Snapshot>
  stale: { lag: number; rounds: number }
  drops: number
  expectations: IMap<string, Expectation>
  /** Controller name → its in-memory state (copied when opened). */
  readonly memory: Map<string, unknown>
  /** Controller and key → when its requeue is due. */
  readonly requeues: Timers.Timers
  /** Pod key → the kubelet's plan (native: copied when opened, handed out as is when closed). */
  readonly kubelet: Map<string, KubeletRecord>
  /** Pod key → when its kubelet step is due. */
  readonly timers: Timers.Timers
  /** Claim key → when the volume binder binds it. */
  readonly binds: Timers.Timers
  /** `T.format(now)`, cached per value of `now`. */
  stamp: readonly [ms: number, text: string]
  /** Trace entries added by this call. */
  readonly trace: Array<TraceEntry>
  /** Whether the cluster changed (or a fault kept the round busy) since the flag was reset. */
  changed: boolean
  /** Nodes that became Ready in the uncommitted writes. */
  readonly readyNodes: Array<string>
  /** For each uncommitted write, the committed object it replaces (`null`: none). */
  readonly before: Map<string, KubeObject | null>
  /** The work queues: controller name → keys woken since their last sync. */
  readonly queue: Map<string, Set<string>>
  /** Controller name → keys whose last sync had a write fail or withheld: synced again next round. */
  readonly retries: Map<string, Set<string>>
  /** Whether the next controller pass syncs every key (start, restart, end of a stale view). */
  wakeAll: boolean
  /** When the next periodic resync is due (ms). */
  resyncAt: number
  /**
   * How far (ms) the clock may move within the current round for a paced sync's next token (see
   * `PacingOptions.sliceSeconds`); at most the call's horizon. `now` outside of `settle`: no slicing.
   */
  sliceEnd: number
  /** The latest time the current call may reach (`runUntilStable`'s budget, `advance`'s end). */
  horizon: number
  /** The controllers' and the scheduler's token buckets. */
  limiters: { controllers: Bucket; scheduler: Bucket }
  /** Whether the scheduler left pending pods for want of tokens. */
  schedulerBacklog: boolean
  /** Syncs waiting for the controllers' client, oldest first. */
  readonly suspended: Array<Suspended>
  /** Sent spec → the spec prepared by the API server and its issues, for this call (see `apiserver.create`). */
  readonly specs: WeakMap<object, { readonly spec: unknown; readonly issues: ReadonlyArray<FieldIssue> }>
  /**
   * The scheduler's nodes and, per scheduling signature, a heap of eligible nodes by (pod count,
   * name): kept for the call, dropped on any node change (see `scheduler.ts`).
   */
  nodeHeaps: NodeHeaps | undefined
  /** The scheduler's queues and node counts (see `SchedulerState`). */
  readonly scheduling: {
    readonly active: Set<string>
    readonly parked: Set<string>
    /** Node → bound non-terminal pods: the handed-in map until the first change copies it (`owned`). */
    counts: ReadonlyMap<string, number>
    owned: boolean
  }
}

/** The working state for `sim`. */
export const open = (sim: Simulation): Engine => {
  const r = sim.runtime
  return {
    settings: r.settings,
    view: sim.view,
    pending: new Map(),
    now: sim.now.getTime(),
    rng: r.rng,
    rv: r.rv,
    ips: r.ips,
    rounds: r.rounds,
    history: [...r.history],
    stale: { ...r.stale },
    drops: r.drops,
    expectations: r.expectations.asMutable(),
    memory: new Map(r.memory),
    requeues: Timers.copy(r.requeues),
    kubelet: new Map(r.kubelet),
    timers: Timers.copy(r.timers),
    binds: Timers.copy(r.binds),
    stamp: [NaN, ''],
    trace: [],
    changed: false,
    readyNodes: [],
    before: new Map(),
    queue: copyQueue(r.queue),
    retries: copyQueue(r.retries),
    wakeAll: r.wakeAll,
    resyncAt: r.resyncAt,
    sliceEnd: -Infinity,
    horizon: -Infinity,
    limiters: { ...r.limiters },
    schedulerBacklog: r.schedulerBacklog,
    suspended: [...r.suspended],
    specs: new WeakMap(),
    nodeHeaps: undefined,
    scheduling: {
      active: new Set(r.scheduling.active),
      parked: new Set(r.scheduling.parked),
      counts: r.scheduling.counts,
      owned: false,
    },
  }
}

const copyQueue = (q: ReadonlyMap<string, ReadonlySet<string>>): Map<string, Set<string>> =>
  new Map(Array.from(q, ([name, keys]) => [name, new Set(keys)]))

const sealQueue = (q: Map<string, Set<string>>): ReadonlyMap<string, ReadonlySet<string>> =>
  new Map(Array.from(q).filter(([, keys]) => keys.size > 0))

/** The new Simulation value (pending writes must be committed first). */
export const close = (e: Engine, base: Simulation, stopped?: StopReason): Simulation => {
  const runtime: Runtime = {
    settings: e.settings,
    rng: e.rng,
    rv: e.rv,
    ips: e.ips,
    rounds: e.rounds,
    history: e.history,
    stale: e.stale,
    drops: e.drops,
    expectations: e.expectations.asImmutable(),
    memory: e.memory,
    requeues: e.requeues,
    kubelet: e.kubelet,
    timers: e.timers,
    binds: e.binds,
    queue: sealQueue(e.queue),
    retries: sealQueue(e.retries),
    wakeAll: e.wakeAll,
    resyncAt: e.resyncAt,
    limiters: e.limiters,
    schedulerBacklog: e.schedulerBacklog,
    suspended: e.suspended,
    scheduling: { active: e.scheduling.active, parked: e.scheduling.parked, counts: e.scheduling.counts },
  }
  const trace = e.trace.length === 0 ? base.trace : [...base.trace, ...e.trace]
  return {
    view: e.view,
    now: new Date(e.now),
    trace,
    ...(stopped === undefined ? {} : { stopped }),
    runtime,
  }
}

// -------------------------------------------------------------------------------------
// objects
// -------------------------------------------------------------------------------------

/** The index key of an object. */
export const keyOfObject = (o: KubeObject): string => ObjectRef.keyOf(o.kind, o.metadata.namespace, o.metadata.name ?? '')

/** The parts of an index key `kind/namespace/name`. */
/** The object under index key `key` in `view`. */
export const lookupKey = (view: View, key: string): KubeObject | undefined => {
  const [kind, ns, name] = ObjectRef.parseKey(key)
  return ClusterView.lookup(view, kind as Kind, ns, name)
}

/** The current object under `key`, uncommitted writes included. */
export const get = (e: Engine, key: string): KubeObject | undefined => {
  const p = e.pending.get(key)
  if (p !== undefined) return p ?? undefined
  return lookupKey(e.view, key)
}

/** Stores `next` under `key` (`undefined` removes), uncommitted; marks the engine changed. */
export const setObject = (e: Engine, key: string, next: KubeObject | undefined): void => {
  if (next?.kind === 'Node' && Nodes.isReady(next) && !Nodes.isReady(get(e, key))) e.readyNodes.push(next.metadata.name ?? '')
  if (!e.before.has(key)) e.before.set(key, lookupKey(e.view, key) ?? null)
  e.pending.set(key, next ?? null)
  e.changed = true
}

/** A committed change: the object before and after (`undefined`: absent). */
export interface Change {
  readonly key: string
  readonly before: KubeObject | undefined
  readonly after: KubeObject | undefined
}

/** Applies the uncommitted writes to a new view (one `withChanges`) and returns the changes. */
export const commitView = (e: Engine): ReadonlyArray<Change> => {
  if (e.pending.size === 0) return []
  const writes = Array.from(e.pending.entries())
  e.pending.clear()
  const changes = writes.map(([key, obj]): Change => ({ key, before: e.before.get(key) ?? undefined, after: obj ?? undefined }))
  e.before.clear()
  e.view = ClusterView.withChanges(e.view, (c) => {
    for (const [key, obj] of writes) {
      if (obj !== null) c.put(obj)
      else c.remove(...ObjectRef.parseKey(key))
    }
  })
  return changes
}

// -------------------------------------------------------------------------------------
// counters and the generator
// -------------------------------------------------------------------------------------

/** Runs `work` as `name`, through the profiler when there is one. */
export const phase = <T>(e: Engine, name: Phase, work: () => T): T => {
  const p = e.settings.profile
  return p === undefined ? work() : p(name, work)
}

/** The next resourceVersion. */
export const nextRv = (e: Engine): string => {
  e.rv += 1
  return String(e.rv)
}

/** The current time as objects carry it (RFC 3339, whole seconds). */
export const stamp = (e: Engine): string => {
  if (e.stamp[0] !== e.now) e.stamp = [e.now, T.format(e.now)]
  return e.stamp[1]
}

/** One draw from the seeded generator. */
export const draw = (e: Engine): number => {
  const [v, s] = Random.next(e.rng)
  e.rng = s
  return v
}

/** A latency setting in seconds: fixed, or drawn from its range by the seeded generator. */
export const sample = (e: Engine, l: Latency): number => (typeof l === 'number' ? l : l.min + (draw(e) / 2 ** 32) * (l.max - l.min))

/** The next pod IP (10.0.0.0/8, in order). */
export const nextIp = (e: Engine): string => {
  e.ips += 1
  const n = e.ips
  return `10.${(n >>> 16) & 255}.${(n >>> 8) & 255}.${n & 255}`
}

// -------------------------------------------------------------------------------------
// trace
// -------------------------------------------------------------------------------------

/** The simulated time as the trace writes it (RFC 3339 with milliseconds). */
export const traceTime = (e: Engine): string => new Date(e.now).toISOString()

/** Adds `entry` to the trace when the trace mode records its kind. */
export const record = (e: Engine, entry: TraceEntry): void => {
  const mode = e.settings.trace
  if (mode === 'none' || (mode === 'controllers' && entry._tag === 'Environment')) return
  e.trace.push(entry)
}

/** Whether Environment entries are recorded (saves building them when not). */
export const tracesEnvironment = (e: Engine): boolean => e.settings.trace === 'full'
