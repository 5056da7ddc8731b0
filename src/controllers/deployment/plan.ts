/**
 * One sync, one plan: the state a Deployment sync threads through its steps.
 *
 * Upstream mutates its in-memory Deployment (annotations, conditions) and reuses the objects
 * its ReplicaSet writes return. A pure function cannot know the resourceVersion the API server
 * will assign, so every write to the same object in one sync is merged into ONE action that
 * carries the observed resourceVersion and the latest content, at the position of the first
 * write: a ReplicaSet gets one `Create` or `Update`, the Deployment one `UpdateStatus` (and, for
 * a rollback, one `Update` of its spec). Events and requeues keep upstream's call order.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { KubeObject } from '../../api/object.js'
import type { Deployment, ReplicaSet } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import type { ClusterView } from '../../core/ClusterView.js'
import * as ObjectRef from '../../core/ObjectRef.js'

/** The state of one sync. */
export interface Sync {
  /** The view the sync observes. */
  readonly view: ClusterView
  /** The sync time. */
  readonly now: Date
  /** The Deployment as observed. */
  readonly observed: Deployment
  /** The Deployment as the sync holds it in memory (annotations and status may differ). */
  readonly d: Deployment
  /** The claimed ReplicaSets, each at its latest planned content, in claim order. */
  readonly rsList: ReadonlyArray<ReplicaSet>
  /** The actions so far. */
  readonly actions: ReadonlyArray<Action>
  /** Write key (`ReplicaSet/<name>`, `status`, `spec`) → index of its action. */
  readonly writes: ReadonlyMap<string, number>
}

/** A step that either continues with a value (`Right`) or ends the sync here (`Left`: an early return or an upstream error). */
export type Step<T> = E.Either<Sync, readonly [Sync, T]>

/** Continue with `value`. */
export const ok = <T>(s: Sync, value: T): Step<T> => E.right([s, value] as const)

/** End the sync here, keeping the actions planned so far. */
export const stop = <T>(s: Sync): Step<T> => E.left(s)

/** A fresh sync. */
export const start = (
  view: ClusterView,
  now: Date,
  d: Deployment,
  rsList: ReadonlyArray<ReplicaSet>,
  actions: ReadonlyArray<Action>,
): Sync => {
  const writes = new Map<string, number>()
  actions.forEach((a, i) => {
    if (a._tag === 'Update') writes.set(rsKey(a.object.metadata.name ?? ''), i)
  })
  return { view, now, observed: d, d, rsList, actions, writes }
}

const rsKey = (name: string): string => `ReplicaSet/${name}`

const record = (s: Sync, key: string, action: Action): Sync => {
  const at = s.writes.get(key)
  if (at !== undefined) {
    const actions = s.actions.slice()
    actions[at] = action
    return { ...s, actions }
  }
  const writes = new Map(s.writes)
  writes.set(key, s.actions.length)
  return { ...s, actions: [...s.actions, action], writes }
}

const sameName = (a: ReplicaSet, b: ReplicaSet): boolean => a.metadata.name === b.metadata.name

const project = (s: Sync, rs: ReplicaSet): Sync => ({
  ...s,
  rsList: s.rsList.some((x) => sameName(x, rs)) ? s.rsList.map((x) => (sameName(x, rs) ? rs : x)) : [...s.rsList, rs],
})

/** Plans a write of `rs` (merged into an earlier Create or Update of the same ReplicaSet). */
export const writeReplicaSet = (s: Sync, rs: ReplicaSet): Sync => {
  const key = rsKey(rs.metadata.name ?? '')
  const at = s.writes.get(key)
  const action = at !== undefined && s.actions[at]?._tag === 'Create' ? A.create(rs) : A.update(rs)
  return project(record(s, key, action), rs)
}

/** Plans the creation of `rs`. */
export const createReplicaSet = (s: Sync, rs: ReplicaSet): Sync =>
  project(record(s, rsKey(rs.metadata.name ?? ''), A.create(rs)), rs)

/** Plans the deletion of `rs`, preconditioned on its uid (upstream passes no options; the uid guards against a re-created namesake). */
export const deleteReplicaSet = (s: Sync, rs: ReplicaSet): Sync => {
  const uid = rs.metadata.uid
  return {
    ...s,
    actions: [...s.actions, A.del(ObjectRef.of(rs), uid === undefined ? {} : { preconditions: { uid } })],
  }
}

/** Replaces the in-memory Deployment without writing it. */
export const setDeployment = (s: Sync, d: Deployment): Sync => ({ ...s, d })

/** Plans a status write of the in-memory Deployment (merged with earlier status writes). */
export const writeStatus = (s: Sync): Sync => record(s, 'status', A.updateStatus(withObservedVersion(s, s.d)))

/** Plans an update of the in-memory Deployment's spec and metadata. */
export const writeDeployment = (s: Sync): Sync => record(s, 'spec', A.update(withObservedVersion(s, s.d)))

const withObservedVersion = (s: Sync, d: Deployment): KubeObject => {
  const rv = s.observed.metadata.resourceVersion
  if (d.metadata.resourceVersion === rv) return d
  const { resourceVersion: _drop, ...meta } = d.metadata
  return { ...d, metadata: rv === undefined ? meta : { ...meta, resourceVersion: rv } }
}

/** Records an Event on the Deployment. */
export const event = (s: Sync, type: 'Normal' | 'Warning', reason: string, message: string): Sync => ({
  ...s,
  actions: [...s.actions, A.event(ObjectRef.of(s.observed), type, reason, message)],
})

/** Asks to be called again for the Deployment after `seconds`. */
export const requeue = (s: Sync, seconds: number): Sync => ({
  ...s,
  actions: [...s.actions, A.requeueAfter(ObjectRef.of(s.observed), seconds)],
})
