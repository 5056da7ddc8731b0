/**
 * The registry: the one ordered list of the built-in controllers. The simulation runs them in
 * this order, the CLI's `plan` and the root `reconcile` read them from here, and simulation
 * options replace, remove or add controllers by name.
 */
import type { KubeObject } from '../api/object.js'
import type { Action } from '../core/Action.js'
import type { ClusterView } from '../core/ClusterView.js'
import type { Controller, PerObjectController } from '../core/Controller.js'
import type { FeatureGates } from '../core/featureGates.js'
import { replicaSetController, replicationControllerController } from './replicaset/controller.js'
import { controller as deploymentController } from './deployment/controller.js'
import { controllerWith as statefulSetControllerWith } from './statefulset/controller.js'
import { daemonSetController } from './daemonset/controller.js'
import { jobController } from './job/controller.js'
import { orphanPodsController } from './job/orphans.js'
import { cronJobController } from './cronjob/controller.js'
import { controller as garbageCollector } from './garbagecollector/controller.js'
import { controller as ttlAfterFinished } from './ttlafterfinished/controller.js'
import { controller as podGarbageCollector } from './podgc/controller.js'
import { controller as nodeLifecycle } from './nodelifecycle/controller.js'
import { controller as taintEviction } from './tainteviction/controller.js'

/** Every built-in controller under `gates`, in the order the simulation runs them. */
export const controllersWith = (gates: FeatureGates): ReadonlyArray<Controller> => [
  replicaSetController,
  replicationControllerController,
  deploymentController,
  statefulSetControllerWith({ featureGates: gates }),
  daemonSetController,
  jobController,
  orphanPodsController,
  cronJobController,
  nodeLifecycle,
  taintEviction,
  ttlAfterFinished,
  podGarbageCollector,
  garbageCollector,
]

/** Every built-in controller with upstream's default feature gates, in the order the simulation runs them. */
export const controllers: ReadonlyArray<Controller> = controllersWith({})

/** The per-object controller of `kind` in `list` (the first one), if any. */
export const controllerForKind = (kind: string, list: ReadonlyArray<Controller> = controllers): PerObjectController | undefined =>
  list.find((c): c is PerObjectController => c._tag === 'PerObject' && c.kind === kind)

/** The kinds that have a per-object controller, in registry order. */
export const controlledKinds = (list: ReadonlyArray<Controller> = controllers): ReadonlyArray<string> =>
  list.flatMap((c) => (c._tag === 'PerObject' ? [c.kind] : []))

/**
 * Runs the controller for the object's kind: what Kubernetes would do now for this object, as a
 * freshly started controller (its in-memory state, if any, at its initial value).
 * Returns `[]` for kinds no controller owns, and for an invalid `now` (a `Date` whose time is
 * `NaN`): no decision is made without a clock. Any valid `Date` is accepted; a timestamp it
 * would put beyond the years 0000-9999 is written clamped to that range (`api/time.ts`).
 */
export const reconcile = (
  object: KubeObject,
  view: ClusterView,
  now: Date,
  options: { readonly featureGates?: FeatureGates } = {},
): ReadonlyArray<Action> => {
  const c = controllerForKind(object.kind, options.featureGates === undefined ? controllers : controllersWith(options.featureGates))
  return c === undefined || Number.isNaN(now.getTime()) ? [] : c.reconcile(object, view, now, c.memory?.initial)
}
