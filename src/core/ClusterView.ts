/**
 * ClusterView: an immutable, indexed snapshot of observed objects.
 *
 * Indexes: by kind/namespace/name, by uid, by controller-owner uid, by the uid of every other
 * owner reference (so dependents of any owner are found without a scan, as the garbage
 * collector needs), orphans (no controller reference) per kind and namespace, pods by node
 * (`''` for unscheduled pods), and terminated pods (pod GC's: a phase other than Pending, Running
 * and Unknown).
 *
 * Every index is sharded: a persistent hash map (`immutable`) from shard key (kind/namespace,
 * owner uid, node, uid suffix) to a small native map that is copied on write, at most once per
 * batch of changes. A new view after k changes therefore shares everything but the O(log n)
 * outer paths and the shards it touched — never a copy of the cluster — while building and
 * reading run at native-map speed.
 */
import { Map as IMap } from 'immutable'
import * as O from 'fp-ts/lib/Option.js'
import type { StringMap } from '../api/meta.js'
import type { Kind, KubeObject, ObjectOfKind } from '../api/object.js'
import { keyOf } from './ObjectRef.js'
import { controllerRef } from './ownership.js'

/** @internal shard key -> (entry key -> value); inner maps are never mutated once published. */
type Sharded<V> = IMap<string, ReadonlyMap<string, V>>

/** An immutable, indexed snapshot of a cluster. Build it with `fromObjects`. */
export interface ClusterView {
  readonly _tag: 'ClusterView'
  /** @internal number of objects */ readonly count: number
  /** @internal kind/namespace/bucket -> name -> object */ readonly byKindNs: Sharded<KubeObject>
  /** @internal kind -> namespace -> object count */ readonly namespaces: Sharded<number>
  /** @internal uid suffix -> uid -> object */ readonly byUid: Sharded<KubeObject>
  /** @internal controller uid -> key -> object */ readonly byController: Sharded<KubeObject>
  /** @internal owner uid of a non-controller reference -> key -> object */ readonly byOwner: Sharded<KubeObject>
  /** @internal kind/namespace -> key -> object without a controller */ readonly orphans: Sharded<KubeObject>
  /** @internal node name ('' = unscheduled) -> key -> pod */ readonly byNode: Sharded<KubeObject>
  /** @internal namespace/bucket -> key -> terminated pod */ readonly terminated: Sharded<KubeObject>
}

const nsOf = (o: KubeObject): string => o.metadata.namespace ?? ''
const kindNs = (kind: string, ns: string): string => `${kind}/${ns}`
const objKey = (o: KubeObject): string => keyOf(o.kind, o.metadata.namespace, o.metadata.name ?? '')
const nodeOf = (o: KubeObject): string | undefined => (o.kind === 'Pod' ? (o.spec.nodeName ?? '') : undefined)
const uidShard = (uid: string): string => uid.slice(-3)
/** Terminated as pod GC counts it: a pod whose phase is not Pending, Running or Unknown (an empty phase too). */
const isTerminatedPod = (o: KubeObject): boolean => {
  if (o.kind !== 'Pod') return false
  const phase = o.status?.phase ?? ''
  return phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown'
}
const noOwners: ReadonlyArray<string> = []
/** The uids of an object's owner references other than its controller reference. */
const otherOwners = (o: KubeObject): ReadonlyArray<string> => {
  const refs = o.metadata.ownerReferences
  if (refs === undefined || refs.length === 0 || (refs.length === 1 && refs[0]?.controller === true)) return noOwners
  return refs.filter((r) => r.controller !== true).map((r) => r.uid)
}
/** Objects of one kind and namespace are spread over this many shards, by a hash of the name. */
const buckets = 64
const bucketOf = (name: string): number => {
  let h = 0
  for (let i = Math.max(0, name.length - 4); i < name.length; i++) h = (h * 31 + name.charCodeAt(i)) | 0
  return (h >>> 0) % buckets
}
const nameShard = (kind: string, ns: string, name: string): string => `${kind}/${ns}/${bucketOf(name)}`
/**
 * Unscheduled pods (node `''`) can be numerous (a cold start creates them all before the
 * scheduler runs), so they are spread over this many shards, by a hash of the whole key.
 */
const unscheduledBuckets = 4096
const nodeShard = (node: string, k: string): string => {
  if (node !== '') return node
  let h = 0
  for (let i = 0; i < k.length; i++) h = (h * 31 + k.charCodeAt(i)) | 0
  return `\u0000${(h >>> 0) % unscheduledBuckets}`
}
const shardsOf = function* (view: ClusterView, kind: string, ns: string): Generator<ReadonlyMap<string, KubeObject>> {
  for (let b = 0; b < buckets; b++) {
    const s = view.byKindNs.get(`${kind}/${ns}/${b}`)
    if (s !== undefined) yield s
  }
}

/** A sharded index being changed in one batch: each shard touched is copied once, then published by `done`. */
const batch = <V>(outer: Sharded<V>) => {
  const touched = new Map<string, Map<string, V>>()
  const shard = (idx: string): Map<string, V> => {
    let m = touched.get(idx)
    if (m === undefined) {
      m = new Map(outer.get(idx))
      touched.set(idx, m)
    }
    return m
  }
  return {
    get: (idx: string, k: string): V | undefined => (touched.get(idx) ?? outer.get(idx))?.get(k),
    set: (idx: string, k: string, v: V): void => void shard(idx).set(k, v),
    remove: (idx: string, k: string): void => {
      if ((touched.get(idx) ?? outer.get(idx))?.has(k) === true) shard(idx).delete(k)
    },
    done: (): Sharded<V> =>
      touched.size === 0
        ? outer
        : outer.withMutations((o) => {
            for (const [idx, m] of touched) {
              if (m.size === 0) o.remove(idx)
              else o.set(idx, m)
            }
          }),
  }
}

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** The view with no objects. */
export const empty: ClusterView = {
  _tag: 'ClusterView',
  count: 0,
  byKindNs: IMap(),
  namespaces: IMap(),
  byUid: IMap(),
  byController: IMap(),
  byOwner: IMap(),
  orphans: IMap(),
  byNode: IMap(),
  terminated: IMap(),
}

/** A mutable handle used inside `withChanges`: put (insert or replace) and remove objects. */
export interface Changes {
  readonly put: (obj: KubeObject) => void
  readonly remove: (kind: string, namespace: string | undefined, name: string) => void
}

/**
 * A new view with the changes `f` makes; the old view is untouched. Costs O(k log n) for k
 * changes. A later `put` of the same kind/namespace/name replaces the earlier object.
 */
export const withChanges = (view: ClusterView, f: (changes: Changes) => void): ClusterView => {
  let count = view.count
  const byKindNs = batch(view.byKindNs)
  const namespaces = batch(view.namespaces)
  const byUid = batch(view.byUid)
  const byController = batch(view.byController)
  const byOwner = batch(view.byOwner)
  const orphans = batch(view.orphans)
  const byNode = batch(view.byNode)
  const terminated = batch(view.terminated)

  /** Moves `k` from the entries `old` had to those `obj` has (either may be absent). */
  const reindex = (k: string, obj: KubeObject | undefined, old: KubeObject | undefined): void => {
    const ouid = old?.metadata.uid
    const nuid = obj?.metadata.uid
    if (ouid !== undefined && ouid !== nuid && byUid.get(uidShard(ouid), ouid) === old) byUid.remove(uidShard(ouid), ouid)
    if (nuid !== undefined) byUid.set(uidShard(nuid), nuid, obj!)
    const oc = old === undefined ? undefined : (controllerRef(old)?.uid ?? kindNs(old.kind, nsOf(old)))
    const nc = obj === undefined ? undefined : (controllerRef(obj)?.uid ?? kindNs(obj.kind, nsOf(obj)))
    const ocIsOrphan = old !== undefined && controllerRef(old) === undefined
    const ncIsOrphan = obj !== undefined && controllerRef(obj) === undefined
    if (oc !== undefined && (oc !== nc || ocIsOrphan !== ncIsOrphan)) (ocIsOrphan ? orphans : byController).remove(oc, k)
    if (nc !== undefined) (ncIsOrphan ? orphans : byController).set(nc, k, obj!)
    const oo = old === undefined ? noOwners : otherOwners(old)
    const no = obj === undefined ? noOwners : otherOwners(obj)
    for (const u of oo) if (!no.includes(u)) byOwner.remove(u, k)
    for (const u of no) byOwner.set(u, k, obj!)
    const on = old === undefined ? undefined : nodeOf(old)
    const nn = obj === undefined ? undefined : nodeOf(obj)
    if (on !== undefined && on !== nn) byNode.remove(nodeShard(on, k), k)
    if (nn !== undefined) byNode.set(nodeShard(nn, k), k, obj!)
    const ref = obj ?? old
    const ts = ref === undefined ? '' : nameShard('', nsOf(ref), ref.metadata.name ?? '')
    if (old !== undefined && isTerminatedPod(old) && (obj === undefined || !isTerminatedPod(obj))) terminated.remove(ts, k)
    if (obj !== undefined && isTerminatedPod(obj)) terminated.set(ts, k, obj)
  }

  f({
    put: (obj) => {
      const ns = nsOf(obj)
      const name = obj.metadata.name ?? ''
      const kn = nameShard(obj.kind, ns, name)
      const old = byKindNs.get(kn, name)
      const k = objKey(obj)
      if (old === undefined) {
        count++
        namespaces.set(obj.kind, ns, (namespaces.get(obj.kind, ns) ?? 0) + 1)
      }
      byKindNs.set(kn, name, obj)
      reindex(k, obj, old)
    },
    remove: (kind, namespace, name) => {
      const ns = namespace ?? ''
      const kn = nameShard(kind, ns, name)
      const old = byKindNs.get(kn, name)
      if (old === undefined) return
      count--
      byKindNs.remove(kn, name)
      const left = (namespaces.get(kind, ns) ?? 1) - 1
      if (left === 0) namespaces.remove(kind, ns)
      else namespaces.set(kind, ns, left)
      reindex(keyOf(kind, namespace, name), undefined, old)
    },
  })

  return {
    _tag: 'ClusterView',
    count,
    byKindNs: byKindNs.done(),
    namespaces: namespaces.done(),
    byUid: byUid.done(),
    byController: byController.done(),
    byOwner: byOwner.done(),
    orphans: orphans.done(),
    byNode: byNode.done(),
    terminated: terminated.done(),
  }
}

/** Builds a view from objects; a later object with the same kind/namespace/name wins. */
export const fromObjects = (objects: Iterable<KubeObject>): ClusterView =>
  withChanges(empty, (c) => {
    for (const o of objects) c.put(o)
  })

/** The view with `obj` inserted or replaced. */
export const put = (view: ClusterView, obj: KubeObject): ClusterView => withChanges(view, (c) => c.put(obj))

/** The view without the named object (unchanged when absent). */
export const remove = (view: ClusterView, kind: string, namespace: string | undefined, name: string): ClusterView =>
  withChanges(view, (c) => c.remove(kind, namespace, name))

// -------------------------------------------------------------------------------------
// queries
// -------------------------------------------------------------------------------------

/** Every object in the view. */
export const toArray = (view: ClusterView): ReadonlyArray<KubeObject> => {
  const out: Array<KubeObject> = []
  for (const shard of view.byKindNs.values()) for (const o of shard.values()) out.push(o)
  return out
}

/** How many objects the view holds. */
export const size = (view: ClusterView): number => view.count

/** The objects of `kind`, in one namespace or (namespace omitted) in all of them. */
export const list = (view: ClusterView, kind: string, namespace?: string): ReadonlyArray<KubeObject> => {
  const out: Array<KubeObject> = []
  for (const ns of namespace === undefined ? (view.namespaces.get(kind)?.keys() ?? []) : [namespace]) {
    for (const shard of shardsOf(view, kind, ns)) for (const o of shard.values()) out.push(o)
  }
  return out
}

/** How many objects of `kind` the view holds (from the per-namespace counts: no listing). */
export const countOf = (view: ClusterView, kind: string): number => {
  let n = 0
  for (const c of view.namespaces.get(kind)?.values() ?? []) n += c
  return n
}

/** `list`, typed by kind. */
export const listOf = <K extends Kind>(view: ClusterView, kind: K, namespace?: string): ReadonlyArray<ObjectOfKind<K>> =>
  list(view, kind, namespace) as unknown as ReadonlyArray<ObjectOfKind<K>>

/** The object of `kind` named `name` (namespace `undefined` for cluster-scoped kinds). */
export const get = (view: ClusterView, kind: string, namespace: string | undefined, name: string): O.Option<KubeObject> =>
  O.fromNullable(view.byKindNs.get(nameShard(kind, namespace ?? '', name))?.get(name))

/** `get`, typed by kind, returning `undefined` when absent. */
export const lookup = <K extends Kind>(
  view: ClusterView,
  kind: K,
  namespace: string | undefined,
  name: string,
): ObjectOfKind<K> | undefined =>
  view.byKindNs.get(nameShard(kind, namespace ?? '', name))?.get(name) as ObjectOfKind<K> | undefined

/** The object with this uid, if any. */
export const getByUid = (view: ClusterView, uid: string): O.Option<KubeObject> =>
  O.fromNullable(view.byUid.get(uidShard(uid))?.get(uid))

const values = (shard: ReadonlyMap<string, KubeObject> | undefined, kind: string | undefined): Array<KubeObject> => {
  const out: Array<KubeObject> = []
  if (shard === undefined) return out
  for (const o of shard.values()) if (kind === undefined || o.kind === kind) out.push(o)
  return out
}

/** The objects whose controller reference points at `ownerUid`, optionally of one kind. Cost: what it returns. */
export const controlledBy = (view: ClusterView, ownerUid: string, kind?: string): ReadonlyArray<KubeObject> =>
  values(view.byController.get(ownerUid), kind)

/**
 * The objects with an owner reference to `ownerUid` (controller or not), optionally of one kind:
 * the owner's dependents, as the garbage collector sees them. Cost: what it returns.
 */
export const dependentsOf = (view: ClusterView, ownerUid: string, kind?: string): ReadonlyArray<KubeObject> => {
  const controlled = values(view.byController.get(ownerUid), kind)
  const others = values(view.byOwner.get(ownerUid), kind)
  return others.length === 0 ? controlled : [...controlled, ...others.filter((o) => !controlled.includes(o))]
}

/** `controlledBy`, typed by kind. */
export const controlledOf = <K extends Kind>(view: ClusterView, ownerUid: string, kind: K): ReadonlyArray<ObjectOfKind<K>> =>
  controlledBy(view, ownerUid, kind) as unknown as ReadonlyArray<ObjectOfKind<K>>

/** The objects of `kind` in `namespace` that have no controller reference. */
export const orphans = <K extends Kind>(view: ClusterView, kind: K, namespace: string): ReadonlyArray<ObjectOfKind<K>> =>
  values(view.orphans.get(kindNs(kind, namespace)), kind) as unknown as ReadonlyArray<ObjectOfKind<K>>

/** The pods bound to `nodeName`; `''` gives the unscheduled pods. */
export const podsOnNode = (view: ClusterView, nodeName: string): ReadonlyArray<ObjectOfKind<'Pod'>> => {
  if (nodeName !== '') return values(view.byNode.get(nodeName), 'Pod') as unknown as ReadonlyArray<ObjectOfKind<'Pod'>>
  const out: Array<KubeObject> = []
  for (let b = 0; b < unscheduledBuckets; b++) out.push(...values(view.byNode.get(`\u0000${b}`), 'Pod'))
  return out as unknown as ReadonlyArray<ObjectOfKind<'Pod'>>
}

/** The terminated pods (pod GC's sense: a phase other than Pending, Running and Unknown). Cost: what it returns. */
export const terminatedPods = (view: ClusterView): ReadonlyArray<ObjectOfKind<'Pod'>> => {
  const out: Array<KubeObject> = []
  for (const shard of view.terminated.values()) for (const p of shard.values()) out.push(p)
  return out as unknown as ReadonlyArray<ObjectOfKind<'Pod'>>
}

/** The names of the nodes that pods are bound to (whether the Node exists or not). Cost: one per such node. */
export const boundNodeNames = (view: ClusterView): ReadonlyArray<string> => {
  const out: Array<string> = []
  for (const k of view.byNode.keys()) if (!k.startsWith('\u0000')) out.push(k)
  return out
}

/** The objects of `kind` in `namespace` whose labels satisfy `matches`. */
export const select = <K extends Kind>(
  view: ClusterView,
  kind: K,
  namespace: string,
  matches: (labels: StringMap | undefined) => boolean,
): ReadonlyArray<ObjectOfKind<K>> => listOf(view, kind, namespace).filter((o) => matches(o.metadata.labels))
