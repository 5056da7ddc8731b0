/**
 * The controller registry: which pure reconcile function runs for which kind.
 */
import type { Kind, KubeObject, ObjectOfKind } from '../api/object.js'
import type { Action } from '../core/Action.js'
import type { ClusterView } from '../core/ClusterView.js'
import * as ReplicaSet from './replicaset/index.js'
import * as Deployment from './deployment/index.js'

/** A controller: (object, observed view, now) to the actions upstream would take. */
export type Reconciler<K extends Kind = Kind> = (
  object: ObjectOfKind<K>,
  view: ClusterView,
  now: Date,
) => ReadonlyArray<Action>

type Registry = { readonly [K in Kind]?: Reconciler<K> }

/** The kinds that have a controller, and their reconcile functions. */
export const controllers: Registry = {
  ReplicaSet: ReplicaSet.reconcile,
  ReplicationController: ReplicaSet.ReplicationController.reconcile,
  Deployment: Deployment.reconcile,
}

/** The kinds that have a controller. */
export const controlledKinds = (): ReadonlyArray<Kind> => Object.keys(controllers) as ReadonlyArray<Kind>

/**
 * Runs the controller for the object's kind: what Kubernetes would do now for this object.
 * Returns `[]` for kinds no controller owns.
 */
export const reconcile = (object: KubeObject, view: ClusterView, now: Date): ReadonlyArray<Action> => {
  const r = controllers[object.kind] as Reconciler | undefined
  return r === undefined ? [] : r(object as never, view, now)
}
