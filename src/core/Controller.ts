/**
 * The one controller interface. Every controller — built in or a user's — is one value that
 * declares everything the rest of the system needs to know about it: its name, its kind (for a
 * per-object controller), its reconcile function, which object changes wake it for which key
 * (upstream's informer event handlers), which runtime expectations it keeps, and how the CLI
 * and the timeline summarise its objects. The simulation, the CLI and the root `reconcile`
 * read controllers only through this shape (and the one list in `controllers/registry.ts`).
 *
 * Two shapes, as in kube-controller-manager:
 * - `PerObject`: one sync per object of one kind, `(object, view, now) → actions`; its queue
 *   keys are the objects' keys (`Kind/namespace/name`).
 * - `ClusterWide`: one sync over the whole cluster, `(view, now) → actions` (garbage
 *   collector, pod GC, node lifecycle); its only queue key is its name.
 */
import type { ObjectMeta } from '../api/meta.js'
import type { Kind, KubeObject, ObjectOfKind } from '../api/object.js'
import type { Action } from './Action.js'
import type { ClusterView } from './ClusterView.js'
import { list } from './ClusterView.js'
import { keyOf } from './ObjectRef.js'

/** A work-queue key: an object's `Kind/namespace/name`, or a cluster-wide controller's name. */
export type Key = string

/**
 * Which keys a change of an object of `kind` wakes (an informer event handler). `keys` is called
 * once with each version of the changed object — the one before the change and the one after,
 * whichever exist — and the view after the change. Over-waking costs a sync that writes
 * nothing; under-waking loses level-triggering, which the simulation's check mode detects.
 */
export interface Wake {
  /** The kind whose changes it handles; `*` for every kind. */
  readonly kind: string
  /** The informer events it handles (default all): an object added, updated or deleted. */
  readonly events?: ReadonlyArray<ChangeType>
  readonly keys: (object: KubeObject, view: ClusterView) => Iterable<Key>
}

/** What happened to an object: upstream's informer events. */
export type ChangeType = 'add' | 'update' | 'delete'

/** `wake` restricted to some informer events (`on(['delete'], controllerOf(…))`). */
export const on = (events: ReadonlyArray<ChangeType>, wake: Wake): Wake => ({ ...wake, events })

/**
 * Runtime state upstream keeps in memory for a controller, which the simulation keeps for it:
 * `pods` — ControllerExpectations on the pod creates and deletes of the objects it controls
 * (ReplicaSet, ReplicationController, DaemonSet, Job): while the view does not yet show its last
 * create/delete, further ones are withheld (until the 5-minute expiry or a restart).
 */
export type ExpectationKind = 'pods'

/**
 * State upstream keeps in a controller's memory across syncs, which the simulation keeps for it
 * and forgets on a controller restart (the DaemonSet's failed-pod backoff, the Job's pod-creation
 * backoff): the value a fresh controller starts with, and the value after a sync of `object`
 * that observed `view` sent `actions` at `now`. The reconcile function reads it as its fourth
 * argument.
 */
export interface Memory<M, O = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly initial: M
  readonly remember: (memory: M, actions: ReadonlyArray<Action>, now: Date, object: O, view: ClusterView) => M
}

/** A per-object reconcile function for objects of kind `K`. */
export type Reconciler<K extends Kind = Kind> = (object: ObjectOfKind<K>, view: ClusterView, now: Date) => ReadonlyArray<Action>

/**
 * What a per-object controller reconciles: a `KubeObject`, or an object of a custom kind (a
 * custom resource: any `apiVersion` / `kind` / `metadata`, the rest its own).
 */
export interface ObjectLike {
  readonly apiVersion: string
  readonly kind: string
  readonly metadata: ObjectMeta
}

/** A status counter the timeline shows for an object: the status field and its label. */
export type StatusField = readonly [field: string, label: string]

/** A controller that syncs one object of one kind at a time (`M`: its memory, if it keeps one). */
export interface PerObjectController<O extends ObjectLike = KubeObject, M = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly _tag: 'PerObject'
  /** Unique among the controllers that run; the built-in per-object ones are named after their kind. */
  readonly name: string
  /** The kind it reconciles. */
  readonly kind: O['kind']
  /** What it would do now for `object`, observing `view` (and remembering `memory`, when it keeps one). */
  readonly reconcile: (object: O, view: ClusterView, now: Date, memory?: M) => ReadonlyArray<Action>
  /** The changes that wake which of its keys (an object's own changes must be listed too). */
  readonly wakes: ReadonlyArray<Wake>
  /** The runtime expectations it keeps. */
  readonly expectations: ReadonlyArray<ExpectationKind>
  /** A few words on an object's size for the CLI's `sizes` rows (`web 3 desired, 3 pods, 2 ready`). */
  readonly summary?: (object: O, view: ClusterView) => string
  /** The status counters the timeline shows for its kind's status writes. */
  readonly statusFields?: ReadonlyArray<StatusField>
  /** The in-memory state it keeps across syncs, if any. */
  readonly memory?: Memory<M, O>
}

/**
 * A controller that syncs the whole cluster at once. Its wakes' keys are hints of what changed
 * (upstream's graph-building event handlers): a sync is told the keys woken since its last sync,
 * or `undefined` when everything must be looked at (the first sync, a restart, full resync,
 * `plan`). A controller that ignores the hint is always right; one that uses it must do for
 * those keys what a full sync would do.
 */
export interface ClusterWideController<M = any> { // eslint-disable-line @typescript-eslint/no-explicit-any
  readonly _tag: 'ClusterWide'
  /** Unique in a registry. */
  readonly name: string
  /**
   * What it would do now, observing `view`; `woken`: the keys woken since its last sync
   * (`undefined`: all); `memory`: what it remembers, when it keeps something.
   */
  readonly reconcile: (view: ClusterView, now: Date, woken?: ReadonlySet<Key>, memory?: M) => ReadonlyArray<Action>
  /** The changes that wake it, and the keys they wake. */
  readonly wakes: ReadonlyArray<Wake>
  /** The in-memory state it keeps across syncs, if any (`remember` is told no object). */
  readonly memory?: Memory<M, undefined>
}

/** A controller of either shape. */
export type Controller = PerObjectController<any> | ClusterWideController // eslint-disable-line @typescript-eslint/no-explicit-any

/** The options of `perObject` beyond name, kind and reconcile. */
export interface PerObjectOptions<O extends ObjectLike, M = unknown> {
  /** Extra wakes beyond the object's own changes (which `perObject` always adds). */
  readonly wakes?: ReadonlyArray<Wake>
  readonly expectations?: ReadonlyArray<ExpectationKind>
  readonly summary?: (object: O, view: ClusterView) => string
  readonly statusFields?: ReadonlyArray<StatusField>
  readonly memory?: Memory<M, O>
}

/**
 * A per-object controller for `kind`. Changes of the object itself always wake it.
 *
 * @example
 * const gang = perObject('gang', 'Job', reconcileGang, { wakes: [controllerOf('Pod', 'Job')] })
 */
export const perObject = <O extends ObjectLike, M = unknown>(
  name: string,
  kind: O['kind'],
  reconcile: (object: O, view: ClusterView, now: Date, memory?: M) => ReadonlyArray<Action>,
  options: PerObjectOptions<O, M> = {},
): PerObjectController<O, M> => ({
  _tag: 'PerObject',
  name,
  kind,
  reconcile,
  wakes: [self(kind), ...(options.wakes ?? [])],
  expectations: options.expectations ?? [],
  ...(options.summary === undefined ? {} : { summary: options.summary }),
  ...(options.statusFields === undefined ? {} : { statusFields: options.statusFields }),
  ...(options.memory === undefined ? {} : { memory: options.memory }),
})

/**
 * A cluster-wide controller woken by changes of the listed kinds (waking its one key, its name),
 * or by the given wakes (whose keys its reconcile is told).
 */
export const clusterWide = <M = unknown>(
  name: string,
  reconcile: (view: ClusterView, now: Date, woken?: ReadonlySet<Key>, memory?: M) => ReadonlyArray<Action>,
  watches: ReadonlyArray<string> | { readonly wakes: ReadonlyArray<Wake>; readonly memory?: Memory<M, undefined> },
): ClusterWideController<M> => ({
  _tag: 'ClusterWide',
  name,
  reconcile,
  wakes: 'wakes' in watches ? watches.wakes : watches.map((kind) => ({ kind, keys: () => [name] })),
  ...('wakes' in watches && watches.memory !== undefined ? { memory: watches.memory } : {}),
})

// -------------------------------------------------------------------------------------
// wakes (informer event handlers)
// -------------------------------------------------------------------------------------

/** The key of an object: `Kind/namespace/name`. */
export const keyOfObject = (o: KubeObject): Key => keyOf(o.kind, o.metadata.namespace, o.metadata.name ?? '')

/** A change of an object of `kind` wakes that object's own key. */
export const self = (kind: string): Wake => ({ kind, keys: (o) => [keyOfObject(o)] })

/**
 * A change of an object of `kind` wakes its controlling owner of kind `ownerKind` (the
 * controller reference, resolved by name in the object's namespace). Upstream's handlers for
 * owned objects: a pod change wakes its ReplicaSet, a ReplicaSet change its Deployment.
 *
 * `orphanOwners`, when given, is what upstream does for an object without a controller: wake
 * every owner in its namespace that could adopt it (whose selector matches its labels).
 */
export const controllerOf = (
  kind: string,
  ownerKind: string,
  orphanOwners?: (object: KubeObject, view: ClusterView) => Iterable<KubeObject>,
): Wake => ({
  kind,
  keys: (o, view) => {
    const ref = o.metadata.ownerReferences?.find((r) => r.controller === true)
    if (ref !== undefined) return ref.kind === ownerKind ? [keyOf(ownerKind, o.metadata.namespace, ref.name)] : []
    if (orphanOwners === undefined) return []
    const out: Array<Key> = []
    for (const owner of orphanOwners(o, view)) out.push(keyOfObject(owner))
    return out
  },
})

/** A change of an object of `kind` wakes every object of `target` (a node change wakes every DaemonSet). */
export const every = (kind: string, target: string): Wake => ({
  kind,
  keys: (_o, view) => list(view, target).map(keyOfObject),
})
