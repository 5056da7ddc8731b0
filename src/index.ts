/**
 * kube-reconcile: the Kubernetes workload controllers as pure functions, a deterministic
 * simulation to run them in, and the invariants they keep.
 *
 * The controller namespaces (`ReplicaSet`, `ReplicationController`, `Deployment`) share their
 * names with kinds, so the object codecs and types of every kind live in the `Api` namespace
 * (`Api.ReplicaSet` is the codec and the type); `KubeObject` and `ObjectOfKind<'Pod'>` are
 * also exported at the root.
 *
 * ```ts
 * import { decodeManifests, ClusterView, reconcile, Simulation } from 'kube-reconcile'
 * ```
 */
export * as Api from './api/index.js'
export {
  decode,
  decodeKind,
  decodeManifests,
  decodeManifestsWith,
  encode,
  applyDefaults,
  validate,
  manifestLimits,
  DecodeError,
  isKind,
  isGeneric,
  genericObject,
  kinds,
} from './api/index.js'
export type {
  FieldIssue,
  Kind,
  KindInfo,
  KubeObject,
  ModelledObject,
  GenericObject,
  GenericKind,
  ObjectOfKind,
  DecodeOptions,
  ManifestOptions,
  Manifests,
  ExtraDocument,
} from './api/index.js'
export * from './core/index.js'
export type { ClusterView as ClusterViewT } from './core/ClusterView.js'
export { reconcile, controllers, controllersWith, controllerForKind, controlledKinds } from './controllers/registry.js'
/** kube-controller-manager feature gates that change a controller's behaviour. */
export type { FeatureGates } from './core/featureGates.js'
export * as ReplicaSet from './controllers/replicaset/index.js'
export { ReplicationController } from './controllers/replicaset/index.js'
export * as Deployment from './controllers/deployment/index.js'
export * as GarbageCollector from './controllers/garbagecollector/index.js'
export * as TtlAfterFinished from './controllers/ttlafterfinished/index.js'
export * as PodGc from './controllers/podgc/index.js'
export * as NodeLifecycle from './controllers/nodelifecycle/index.js'
export * as TaintEviction from './controllers/tainteviction/index.js'
export * as StatefulSet from './controllers/statefulset/index.js'
export * as DaemonSet from './controllers/daemonset/index.js'
export * as Job from './controllers/job/index.js'
export * as CronJob from './controllers/cronjob/index.js'
export * as Simulation from './sim/index.js'
export type { Simulation as SimulationT, SimulationOptions, Fault, TraceEntry } from './sim/index.js'
export * as Scenario from './scenario/index.js'
export * as Invariants from './invariants/index.js'
export type { Violation } from './invariants/Violation.js'
