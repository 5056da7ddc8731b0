/**
 * One sync, one plan, for the Deployment: a `core/plan.ts` plan in merge mode, plus typed reads
 * of the Deployment and ReplicaSets the sync holds.
 *
 * Upstream mutates its in-memory Deployment (annotations, conditions) and reuses the objects its
 * ReplicaSet writes return. Here every write to the same object in one sync is merged into ONE
 * action that carries the observed resourceVersion and the latest content, at the position of
 * the first write: a ReplicaSet gets one `Create` or `Update`, the Deployment one `UpdateStatus`
 * (and, for a rollback, one `Update` of its spec). Events and requeues keep upstream's call order.
 */
import type { Deployment, ReplicaSet } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import type { ClusterView } from '../../core/ClusterView.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import * as Plan from '../../core/plan.js'

/** The state of one Deployment sync. */
export interface Sync extends Plan.Plan {
  /** The sync time. */
  readonly now: Date
  /** The Deployment as the sync holds it in memory (annotations and status may differ from the observed one). */
  readonly d: Deployment
  /**
   * The claimed ReplicaSets, each as the sync holds it (its latest planned content). A ReplicaSet
   * the sync creates is not added: a sync creates at most one, in its last listing, and nothing
   * lists again after it.
   */
  readonly rsList: ReadonlyArray<ReplicaSet>
}

/** A step that either continues with a value (`Right`) or ends the sync here (`Left`: an early return or an upstream error). */
export type Step<T> = Plan.Step<Sync, T>

/** Continue with `value`. */
export const ok: <T>(s: Sync, value: T) => Step<T> = Plan.ok

/** End the sync here, keeping the actions planned so far. */
export const stop: <T>(s: Sync) => Step<T> = Plan.stop

/** A fresh sync of `d` with its claimed ReplicaSets and the claim's adopt/release updates (later writes merge into them). */
export const start = (
  view: ClusterView,
  now: Date,
  d: Deployment,
  rsList: ReadonlyArray<ReplicaSet>,
  actions: ReadonlyArray<Action>,
): Sync => actions.reduce<Sync>((s, a) => Plan.add(s, a, 'merge'), { ...Plan.start(view, [d, ...rsList]), now, d, rsList })

const sameName = (a: ReplicaSet, b: ReplicaSet): boolean => a.metadata.name === b.metadata.name

/** `s` with the entry of `rs` in `rsList` (if any) replaced by the ReplicaSet as the plan holds it. */
const project = (s: Sync, rs: ReplicaSet): Sync => {
  const held = Plan.current(s, 'ReplicaSet', rs.metadata.namespace, rs.metadata.name ?? '') ?? rs
  return { ...s, rsList: s.rsList.map((x) => (sameName(x, rs) ? held : x)) }
}

/** `s` with `d` read back from the plan. */
const refresh = (s: Sync): Sync => ({
  ...s,
  d: Plan.current(s, 'Deployment', s.d.metadata.namespace, s.d.metadata.name ?? '') ?? s.d,
})

/** Plans a write of `rs` (merged into an earlier Create or Update of the same ReplicaSet). */
export const writeReplicaSet = (s: Sync, rs: ReplicaSet): Sync => project(Plan.add(s, A.update(rs), 'merge'), rs)

/** Plans the creation of `rs`. */
export const createReplicaSet = (s: Sync, rs: ReplicaSet): Sync => Plan.add(s, A.create(rs))

/** Plans the deletion of `rs`, preconditioned on its uid (upstream passes no options; the uid guards against a re-created namesake). */
export const deleteReplicaSet = (s: Sync, rs: ReplicaSet): Sync => {
  const uid = rs.metadata.uid
  return Plan.add(s, A.del(ObjectRef.of(rs), uid === undefined ? {} : { preconditions: { uid } }))
}

/** Replaces the in-memory Deployment without writing it. */
export const setDeployment = (s: Sync, d: Deployment): Sync => ({ ...Plan.hold(s, d), d })

/** Plans a status write of the in-memory Deployment (merged with earlier status writes). */
export const writeStatus = (s: Sync): Sync => refresh(Plan.add(s, A.updateStatus(s.d), 'merge'))

/** Plans an update of the in-memory Deployment's spec and metadata (merged with earlier ones). */
export const writeDeployment = (s: Sync): Sync => refresh(Plan.add(s, A.update(s.d), 'merge'))

/** Records an Event on the Deployment. */
export const event = (s: Sync, type: 'Normal' | 'Warning', reason: string, message: string): Sync =>
  Plan.add(s, A.event(ObjectRef.of(s.d), type, reason, message))

/** Asks to be called again for the Deployment after `seconds`. */
export const requeue = (s: Sync, seconds: number): Sync => Plan.add(s, A.requeueAfter(ObjectRef.of(s.d), seconds))
