/**
 * One sync, one plan: the state a controller threads through the steps of one sync.
 *
 * Upstream controllers change objects in memory, write them, and go on with the objects their
 * writes return. A `Plan` holds the same state as plain data: the actions planned so far (writes,
 * events and requeues, in call order) and the objects as the sync holds them, so a later step
 * reads what an earlier one wrote or changed in memory (`current`). The sync holds what it sent:
 * no server-side strategy is modelled.
 *
 * Each Update or UpdateStatus is planned in one of two modes:
 * - `merge`: it folds into the open write of the same object and subresource (main or status):
 *   ONE action at the position of the first write, with the latest content (a Create stays a
 *   Create). The Deployment controller plans this way.
 * - `chain`: it is an action of its own, planned on top of the earlier ones (the Job controller
 *   writes status, removes finalizers with an Update, then writes status again). Since each is
 *   its own action, a dropped write or a crash between two stays expressible.
 *
 * Resource versions. A pure function cannot know the resourceVersion the server will return, so
 * the first Update or UpdateStatus of an object in a sync carries the one the sync OBSERVED (the
 * object is sent as given when the sync did not observe it), and a `chain` write to an object
 * this sync already wrote carries none: it applies unconditionally on top of the previous write,
 * as upstream's next call starts from the object its previous call returned (a sync runs
 * atomically in the simulation, so no other writer can come between).
 *
 * A write marked `required` (see `Action.required`) keeps the mark, also when another folds into it.
 *
 * A Create is always a new action (a nameless one, named by the server, is never read back or
 * merged into); a Delete is appended and ends merging into earlier writes of its target, and
 * changes nothing the sync holds; a `chain` write of an object the sync deleted applies on top of the
 * delete (the Job controller removes the tracking finalizer of pods it just deleted).
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import type { Kind, KubeObject, ObjectOfKind } from '../api/object.js'
import type { Action } from './Action.js'
import * as ClusterView from './ClusterView.js'
import type { ClusterView as View } from './ClusterView.js'
import * as ObjectRef from './ObjectRef.js'

/** How an Update or UpdateStatus joins the plan: folded into the open write (`merge`) or an action of its own (`chain`). */
export type Mode = 'merge' | 'chain'

/** The state of one sync. A controller may extend it (typed reads of what it holds); the functions here keep the extra fields as they are. */
export interface Plan {
  /** The view the sync observes. */
  readonly view: View
  /** Objects the sync observed besides the view (the object it reconciles, claimed ones), by key; they take precedence. */
  readonly observed: ReadonlyMap<string, KubeObject>
  /** Objects the sync changed in memory or wrote, as it holds them, by key. */
  readonly held: ReadonlyMap<string, KubeObject>
  /** The actions so far, in call order. */
  readonly actions: ReadonlyArray<Action>
  /** Write key (object key, `/status` appended for the status subresource) → index of the write `merge` folds into. */
  readonly open: ReadonlyMap<string, number>
  /** Keys of the objects this sync deleted: a later `chain` write of one applies on top of the delete. */
  readonly deleted: ReadonlySet<string>
}

/** A step of a sync over state `S`: continue with a value (`Right`) or end the sync here (`Left`: an early return or an error). */
export type Step<S extends Plan, T> = E.Either<S, readonly [S, T]>

/** Continue with `value`. */
export const ok = <S extends Plan, T>(s: S, value: T): Step<S, T> => E.right([s, value] as const)

/** End the sync here, keeping the actions planned so far. */
export const stop = <S extends Plan, T>(s: S): Step<S, T> => E.left(s)

/** A fresh plan over `view`; `observed` are objects the sync read besides it (they win over the view). */
export const start = (view: View, observed: ReadonlyArray<KubeObject> = []): Plan => ({
  view,
  observed: new Map(observed.map((o) => [keyOf(o), o])),
  held: new Map(),
  actions: [],
  open: new Map(),
  deleted: new Set(),
})

const keyOf = (o: KubeObject): string => ObjectRef.keyOf(o.kind, o.metadata.namespace, o.metadata.name ?? '')

const observedAt = (plan: Plan, key: string, kind: string, namespace: string | undefined, name: string): KubeObject | undefined =>
  plan.observed.get(key) ?? O.toUndefined(ClusterView.get(plan.view, kind, namespace, name))

/** The object as the sync holds it: after its planned writes and in-memory changes, else as observed. */
export const current = <K extends Kind>(
  plan: Plan,
  kind: K,
  namespace: string | undefined,
  name: string,
): ObjectOfKind<K> | undefined => {
  const key = ObjectRef.keyOf(kind, namespace, name)
  return (plan.held.get(key) ?? observedAt(plan, key, kind, namespace, name)) as ObjectOfKind<K> | undefined
}

/** The plan holding `object` in memory, without writing it. */
export const hold = <P extends Plan>(plan: P, object: KubeObject): P => ({
  ...plan,
  held: new Map(plan.held).set(keyOf(object), object),
})

const withObservedVersion = (plan: Plan, key: string, o: KubeObject): KubeObject => {
  const seen = observedAt(plan, key, o.kind, o.metadata.namespace, o.metadata.name ?? '')
  if (seen === undefined) return o
  const rv = seen.metadata.resourceVersion
  if (o.metadata.resourceVersion === rv) return o
  const { resourceVersion: _drop, ...meta } = o.metadata
  return { ...o, metadata: rv === undefined ? meta : { ...meta, resourceVersion: rv } } as KubeObject
}

const withoutVersion = (o: KubeObject): KubeObject => {
  const { resourceVersion: _drop, ...meta } = o.metadata
  return { ...o, metadata: meta } as KubeObject
}

const append = <P extends Plan>(plan: P, action: Action): P => ({ ...plan, actions: [...plan.actions, action] })

const write = <P extends Plan>(plan: P, tag: 'Create' | 'Update' | 'UpdateStatus', given: KubeObject, mode: Mode, required: boolean): P => {
  const flag = required ? { required: true } : {}
  if ((given.metadata.name ?? '') === '') return append(plan, { _tag: tag, object: given, ...flag })
  const key = keyOf(given)
  const wkey = tag === 'UpdateStatus' ? `${key}/status` : key
  const at = tag === 'Create' || mode === 'chain' ? undefined : plan.open.get(wkey)
  const create = tag === 'Create' || (at !== undefined && plan.actions[at]?._tag === 'Create')
  const folded = at === undefined ? undefined : plan.actions[at]
  const onPrevious =
    (mode === 'chain' && (plan.open.has(key) || plan.open.has(`${key}/status`) || plan.deleted.has(key))) ||
    (folded !== undefined && folded._tag !== 'Create' && 'object' in folded && folded.object.metadata.resourceVersion === undefined)
  const object = create ? given : onPrevious ? withoutVersion(given) : withObservedVersion(plan, key, given)
  const keepsFlag = required || (folded !== undefined && 'required' in folded && folded.required === true)
  const action: Action = { _tag: create ? 'Create' : tag, object, ...(keepsFlag ? { required: true } : {}) }
  const held = new Map(plan.held).set(key, object)
  if (at === undefined) {
    return { ...plan, held, open: new Map(plan.open).set(wkey, plan.actions.length), actions: [...plan.actions, action] }
  }
  const actions = plan.actions.slice()
  actions[at] = action
  return { ...plan, held, actions }
}

/**
 * Plans `action`. An Update or UpdateStatus joins in `mode` (default `chain`) and carries the
 * observed resourceVersion (none when it chains onto this sync's previous write of the object); a Create opens a new write; a Delete ends merging into earlier
 * writes of its target; events and requeues are appended. Written objects are held as sent.
 */
export const add = <P extends Plan>(plan: P, action: Action, mode: Mode = 'chain'): P => {
  switch (action._tag) {
    case 'Create':
    case 'Update':
    case 'UpdateStatus':
      return write(plan, action._tag, action.object, mode, action.required === true)
    case 'Delete': {
      const key = ObjectRef.key(action.target)
      const open = new Map(plan.open)
      open.delete(key)
      open.delete(`${key}/status`)
      return { ...append(plan, action), open, deleted: new Set(plan.deleted).add(key) }
    }
    case 'RequeueAfter':
    case 'Event':
      return append(plan, action)
  }
}
