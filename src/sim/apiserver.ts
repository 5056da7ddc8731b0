/**
 * The simulated API server: create (generated names, uids, defaults, admission, validation),
 * update and update-status (resourceVersion and uid preconditions, generation bumps), delete
 * (preconditions, propagation finalizers, graceful deletion for pods) and removal once the
 * finalizers are gone. Every write that changes an object gets the next resourceVersion.
 *
 * Garbage collection is not done here: deleting an owner leaves its dependents and their
 * ownerReferences alone (the garbage collector is a controller of its own).
 */
import type { ObjectMeta } from '../api/meta.js'
import type { KubeObject } from '../api/object.js'
import { strategyFor } from '../api/strategy.js'
import type { SpecStrategy } from '../api/strategy.js'
import type { FieldIssue } from '../api/DecodeError.js'
import type { StatusResetField } from '../api/strategy.js'
import { format as formatIssues } from '../api/DecodeError.js'
import type { Preconditions, PropagationPolicy } from '../core/Action.js'
import { jsonEqual } from '../core/equal.js'
import * as ClusterView from '../core/ClusterView.js'
import * as ObjectRef from '../core/ObjectRef.js'
import type { ObjectRef as Ref } from '../core/ObjectRef.js'
import * as T from '../core/time.js'
import type { Engine } from './engine.js'
import { draw, get, stamp } from './engine.js'
import * as Random from './random.js'
import { drop, put } from './store.js'
import type { ActionResult } from './types.js'

/** What the API server answered. */
export interface Outcome {
  readonly result: ActionResult
  /** The error text, or `unchanged`, `removed`, `already deleting` for applied writes. */
  readonly detail?: string
  /** The object written (for a Create: its generated name and uid). */
  readonly ref?: Ref
  /** Whether the cluster changed. */
  readonly changed: boolean
}

const rejected = (detail: string): Outcome => ({ result: 'rejected', detail, changed: false })
const conflict = (detail: string): Outcome => ({ result: 'conflict', detail, changed: false })
const applied = (obj: KubeObject, detail?: string): Outcome => ({
  result: 'applied',
  ref: ObjectRef.of(obj),
  changed: detail !== 'unchanged' && detail !== 'already deleting',
  ...(detail === undefined ? {} : { detail }),
})

/** How many names the server tries for a `generateName` before giving up (upstream RetryGenerateName). */
export const generateNameAttempts = 8

/** The store key `ref` names (a namespaced kind without namespace means `default`). */
export const keyOfRef = (ref: Ref): string => ObjectRef.keyOf(ref.kind, strategyFor(ref.kind).namespaceOf(ref.namespace), ref.name)

const notFound = (kind: string, name: string): string => `NotFound: ${kind} "${name}" not found`

/**
 * The spec prepared (defaults, admission) and its validation, memoised by the identity of the
 * sent spec for this call: every pod a controller creates from one template shares its spec.
 */
const preparedSpec = (e: Engine, s: SpecStrategy, sent: object): { readonly spec: unknown; readonly issues: ReadonlyArray<FieldIssue> } => {
  let m = e.specs.get(sent)
  if (m === undefined) {
    const spec = s.prepare(sent as never)
    m = { spec, issues: s.issues(spec as never) }
    e.specs.set(sent, m)
  }
  return m
}

const invalid = (obj: KubeObject): string | undefined => describeIssues(obj, strategyFor(obj.kind).validate(obj))

const describeIssues = (obj: KubeObject, issues: ReadonlyArray<FieldIssue>): string | undefined =>
  issues.length === 0 ? undefined : `Invalid: ${obj.kind} "${obj.metadata.name ?? ''}" is invalid: ${formatIssues(issues).split('\n').join('; ')}`

const modified = (kind: string, name: string): string =>
  `Conflict: Operation cannot be fulfilled on ${kind} "${name}": the object has been modified; please apply your changes to the latest version and try again`

/** Everything but metadata and status: what `generation` tracks. */
const specOf = (o: KubeObject): unknown => {
  const { metadata: _m, status: _s, ...rest } = o as KubeObject & { readonly status?: unknown }
  return rest
}

/** `meta` without the fields only the server sets. */
const withoutSystemFields = (meta: ObjectMeta): ObjectMeta => {
  const {
    uid: _uid,
    resourceVersion: _rv,
    generation: _gen,
    creationTimestamp: _ct,
    deletionTimestamp: _dt,
    deletionGracePeriodSeconds: _dg,
    ...rest
  } = meta
  return rest
}

/** The fields of `meta` the server owns, copied from the stored object. */
const systemFields = (meta: ObjectMeta): ObjectMeta => ({
  ...(meta.uid === undefined ? {} : { uid: meta.uid }),
  ...(meta.resourceVersion === undefined ? {} : { resourceVersion: meta.resourceVersion }),
  ...(meta.generation === undefined ? {} : { generation: meta.generation }),
  ...(meta.creationTimestamp === undefined ? {} : { creationTimestamp: meta.creationTimestamp }),
  ...(meta.deletionTimestamp === undefined ? {} : { deletionTimestamp: meta.deletionTimestamp }),
  ...(meta.deletionGracePeriodSeconds === undefined ? {} : { deletionGracePeriodSeconds: meta.deletionGracePeriodSeconds }),
})

const withStatus = (obj: KubeObject, status: unknown): KubeObject => {
  const { status: _drop, ...rest } = obj as KubeObject & { readonly status?: unknown }
  return (status === undefined ? rest : { ...rest, status }) as KubeObject
}

const statusOf = (obj: KubeObject): unknown => (obj as { readonly status?: unknown }).status

/**
 * A uid no stored object has. Objects given to `Simulation.make` may carry uids this generator
 * made in another run with the same seed (a cluster dumped and simulated again), so a draw that
 * collides is drawn again, as upstream's random uids never collide.
 */
const freshUid = (e: Engine): string => {
  for (;;) {
    const uid = Random.uuid(() => draw(e))
    if (ClusterView.getByUid(e.view, uid)._tag === 'None') return uid
  }
}

// -------------------------------------------------------------------------------------
// create
// -------------------------------------------------------------------------------------

/**
 * Creates `obj`: a name from `generateName` when it has none (retried on collision), a uid,
 * generation 1, creationTimestamp, the initial status, defaults, admission, validation.
 */
export const create = (e: Engine, obj: KubeObject): Outcome => {
  const kind = obj.kind
  const strategy = strategyFor(kind)
  const ns = strategy.namespaceOf(obj.metadata.namespace)
  const keyFor = (name: string): string => ObjectRef.keyOf(kind, ns, name)
  let name = obj.metadata.name ?? ''
  if (name === '') {
    const prefix = obj.metadata.generateName ?? ''
    if (prefix === '') return rejected('Invalid: metadata.name: name or generateName is required')
    for (let i = 0; i < generateNameAttempts && name === ''; i++) {
      const candidate = Random.generatedName(() => draw(e), prefix)
      if (get(e, keyFor(candidate)) === undefined) name = candidate
    }
    if (name === '') return rejected(`AlreadyExists: no free name for generateName ${JSON.stringify(prefix)} after ${generateNameAttempts} attempts`)
  } else if (get(e, keyFor(name)) !== undefined) {
    return rejected(`AlreadyExists: ${kind} "${name}" already exists`)
  }
  const uid = freshUid(e)
  const meta: ObjectMeta = {
    ...withoutSystemFields(obj.metadata),
    name,
    ...(ns === undefined ? {} : { namespace: ns }),
    uid,
    generation: 1,
    creationTimestamp: stamp(e),
  }
  const { namespace: _ns, ...clusterMeta } = meta
  const prepared = withStatus({ ...obj, metadata: ns === undefined ? clusterMeta : meta } as KubeObject, strategy.initialStatus(obj))
  const sent = (obj as { readonly spec?: unknown }).spec
  const part = strategy.spec === undefined || typeof sent !== 'object' || sent === null ? undefined : preparedSpec(e, strategy.spec, sent)
  const admitted = part === undefined ? strategy.admit(strategy.defaults(prepared)) : ({ ...prepared, spec: part.spec } as KubeObject)
  const problem = part === undefined ? invalid(admitted) : describeIssues(admitted, [...strategy.spec!.rest(admitted as never), ...part.issues])
  if (problem !== undefined) return rejected(problem)
  return applied(put(e, keyFor(name), admitted))
}

// -------------------------------------------------------------------------------------
// update
// -------------------------------------------------------------------------------------

/** The stored object `obj` names, and the uid/resourceVersion preconditions it carries. */
const current = (e: Engine, obj: KubeObject): { readonly key: string; readonly cur: KubeObject } | Outcome => {
  const name = obj.metadata.name ?? ''
  const key = keyOfRef(ObjectRef.of(obj))
  const cur = get(e, key)
  if (cur === undefined) return rejected(notFound(obj.kind, name))
  const { uid, resourceVersion } = obj.metadata
  if (uid !== undefined && uid !== cur.metadata.uid) {
    return conflict(`Conflict: Precondition failed: UID in precondition: ${uid}, UID in object meta: ${cur.metadata.uid ?? ''}`)
  }
  if (resourceVersion !== undefined && resourceVersion !== cur.metadata.resourceVersion) return conflict(modified(obj.kind, name))
  return { key, cur }
}

/** Removable: being deleted, no finalizers left, and its grace period is over (0). */
const removable = (obj: KubeObject): boolean =>
  obj.metadata.deletionTimestamp !== undefined &&
  (obj.metadata.finalizers ?? []).length === 0 &&
  obj.metadata.deletionGracePeriodSeconds === 0

/** Stores `next` in place of `cur` (unless nothing changed), removing it when it is done deleting. */
const store = (e: Engine, key: string, cur: KubeObject, next: KubeObject): Outcome => {
  const defaulted = strategyFor(next.kind).defaults(next)
  const problem = invalid(defaulted)
  if (problem !== undefined) return rejected(problem)
  const gen = cur.metadata.generation
  const bumped =
    gen !== undefined && !jsonEqual(specOf(defaulted), specOf(cur))
      ? ({ ...defaulted, metadata: { ...defaulted.metadata, generation: gen + 1 } } as KubeObject)
      : defaulted
  if (jsonEqual(bumped, cur)) return applied(cur, 'unchanged')
  if (removable(bumped)) {
    drop(e, key)
    return applied(bumped, 'removed')
  }
  return applied(put(e, key, bumped))
}

/**
 * The metadata a write leaves: the sent object's, with the server-owned fields, name and
 * namespace taken from the stored object, and so are the fields of `keep` (what the kind's
 * status strategy resets). Undefined when the write would add a finalizer to an object that is
 * being deleted.
 */
const writtenMeta = (cur: KubeObject, sent: KubeObject, keep: ReadonlyArray<StatusResetField>): ObjectMeta | undefined => {
  if (cur.metadata.deletionTimestamp !== undefined) {
    const had = new Set(cur.metadata.finalizers ?? [])
    if ((sent.metadata.finalizers ?? []).some((f) => !had.has(f))) return undefined
  }
  const { namespace: _ns, ...sentMeta } = withoutSystemFields(sent.metadata)
  const meta: { -readonly [K in keyof ObjectMeta]: ObjectMeta[K] } = {
    ...sentMeta,
    name: cur.metadata.name ?? '',
    ...(cur.metadata.namespace === undefined ? {} : { namespace: cur.metadata.namespace }),
    ...systemFields(cur.metadata),
  }
  for (const k of keep) {
    if (cur.metadata[k] === undefined) delete meta[k]
    else (meta as Record<string, unknown>)[k] = cur.metadata[k]
  }
  return meta
}

const finalizerForbidden = (cur: KubeObject): Outcome =>
  rejected(`Forbidden: ${cur.kind} "${cur.metadata.name ?? ''}": metadata.finalizers: no new finalizers can be added if the object is being deleted`)

/**
 * Replaces spec and metadata; the status and the server-owned metadata (uid, timestamps,
 * generation) stay. No finalizer may be added to an object being deleted.
 */
export const update = (e: Engine, obj: KubeObject): Outcome => {
  const found = current(e, obj)
  if ('result' in found) return found
  const { key, cur } = found
  const meta = writtenMeta(cur, obj, [])
  if (meta === undefined) return finalizerForbidden(cur)
  return store(e, key, cur, withStatus({ ...obj, metadata: meta } as KubeObject, statusOf(cur)))
}

/** Replaces the status (and the metadata the kind's status strategy lets through); the spec stays as stored. */
export const updateStatus = (e: Engine, obj: KubeObject): Outcome => {
  const found = current(e, obj)
  if ('result' in found) return found
  const { key, cur } = found
  const meta = writtenMeta(cur, obj, strategyFor(cur.kind).statusKeeps)
  if (meta === undefined) return finalizerForbidden(cur)
  return store(e, key, cur, withStatus({ ...cur, metadata: meta } as KubeObject, statusOf(obj)))
}

// -------------------------------------------------------------------------------------
// delete
// -------------------------------------------------------------------------------------

const finalizersFor = (finalizers: ReadonlyArray<string>, policy: PropagationPolicy): ReadonlyArray<string> => {
  const rest = finalizers.filter((f) => f !== 'orphan' && f !== 'foregroundDeletion')
  return policy === 'Orphan' ? [...rest, 'orphan'] : policy === 'Foreground' ? [...rest, 'foregroundDeletion'] : rest
}

/**
 * Deletes the object `target` names. Pods are deleted gracefully (deletionTimestamp = now +
 * grace; the kubelet removes them), other kinds at once; finalizers (including the `orphan` /
 * `foregroundDeletion` ones the propagation policy adds) keep the object, marked deleted. A
 * `gracePeriodSeconds` replaces the object's own grace period; given again for an object being
 * deleted, it can only shorten what is left (0 removes it when no finalizer holds it: a forced
 * deletion).
 */
export const remove = (
  e: Engine,
  target: Ref,
  policy: PropagationPolicy | undefined,
  pre: Preconditions | undefined,
  gracePeriodSeconds?: number,
): Outcome => {
  const key = keyOfRef(target)
  const cur = get(e, key)
  if (cur === undefined) return rejected(notFound(target.kind, target.name))
  const m = cur.metadata
  if (pre?.uid !== undefined && pre.uid !== m.uid) {
    return conflict(`Conflict: Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${m.uid ?? ''}`)
  }
  if (pre?.resourceVersion !== undefined && pre.resourceVersion !== m.resourceVersion) {
    return conflict(
      `Conflict: Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${m.resourceVersion ?? ''}`,
    )
  }
  const asked = gracePeriodSeconds !== undefined && Number.isFinite(gracePeriodSeconds) ? Math.max(0, Math.floor(gracePeriodSeconds)) : undefined
  if (m.deletionTimestamp !== undefined) {
    const until = T.parse(m.deletionTimestamp) ?? e.now
    if (asked === undefined || e.now + asked * 1000 >= until) return applied(cur, 'already deleting')
    if (asked === 0 && (m.finalizers ?? []).length === 0) {
      drop(e, key)
      return applied(cur, 'removed')
    }
    return applied(put(e, key, { ...cur, metadata: { ...m, deletionTimestamp: T.format(e.now + asked * 1000), deletionGracePeriodSeconds: asked } } as KubeObject))
  }
  const strategy = strategyFor(cur.kind)
  const finalizers = finalizersFor(m.finalizers ?? [], policy ?? strategy.defaultPropagation)
  const grace = asked ?? strategy.gracePeriod(cur)
  if (grace === 0 && finalizers.length === 0) {
    drop(e, key)
    return applied(cur, 'removed')
  }
  const { finalizers: _f, ...rest } = m
  const next = {
    ...cur,
    metadata: {
      ...rest,
      ...(finalizers.length === 0 ? {} : { finalizers }),
      deletionTimestamp: T.format(e.now + grace * 1000),
      deletionGracePeriodSeconds: grace,
      ...(m.generation === undefined || m.generation <= 0 ? {} : { generation: m.generation + 1 }),
    },
  } as KubeObject
  return applied(put(e, key, next))
}
