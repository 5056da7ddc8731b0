/**
 * The object model: io-ts codecs and types for every supported kind, the API server's
 * defaults and validation, and the decode/encode boundary with its DecodeError.
 */

// -------------------------------------------------------------------------------------
// codecs and types
// -------------------------------------------------------------------------------------

/** Shared parts of every object: metadata, owner references, selectors, conditions, string maps. */
export { Condition, LabelSelector, LabelSelectorRequirement, ObjectMeta, OwnerReference, StringMap } from './meta.js'
/**
 * The int-or-string codec and type (`number | string`, e.g. `"25%"`) and the RFC 3339 time
 * codec, renamed here because the root entry's `IntOrString` and `Time` are the core helpers.
 */
export { IntOrString as IntOrStringCodec, Time as TimeCodec } from './meta.js'
/** Pods and their parts: containers, scheduling constraints, pod templates. */
export {
  Affinity,
  Container,
  ContainerStatus,
  NodeSelectorRequirement,
  NodeSelectorTerm,
  Pod,
  PodSpec,
  PodStatus,
  PodTemplateSpec,
  Toleration,
} from './pod.js'
/** Node, PersistentVolumeClaim and ControllerRevision. */
export { ControllerRevision, Node, PersistentVolumeClaim, Taint } from './node.js'
/** The workload kinds with their specs and statuses. */
export {
  CronJob,
  CronJobSpec,
  CronJobStatus,
  DaemonSet,
  DaemonSetSpec,
  DaemonSetStatus,
  Deployment,
  DeploymentSpec,
  DeploymentStatus,
  DeploymentStrategy,
  Job,
  JobSpec,
  JobStatus,
  ReplicaSet,
  ReplicaSetSpec,
  ReplicaSetStatus,
  ReplicationController,
  ReplicationControllerSpec,
  StatefulSet,
  StatefulSetSpec,
  StatefulSetStatus,
} from './workloads.js'
/** The union of the supported kinds and the registry from `kind` to apiVersion, scope and codec. */
export { isGeneric, isKind, kinds } from './object.js'
/** `KubeObject` (any object), `ModelledObject` (one of a modelled kind), `Kind`, `ObjectOfKind<K>` and a registry entry. */
export type { Kind, KindInfo, KubeObject, ModelledObject, ObjectOfKind } from './object.js'
/** Generic objects (kinds without a codec): their constructor, the built-in kinds' scopes and name rules. */
export { builtinKinds, genericObject, genericRules } from './generic.js'
/** A generic object, its `kind` type, its fields as written, and what the registry knows of a built-in kind. */
export type { BuiltinKind, GenericFields, GenericKind, GenericObject, NameRule } from './generic.js'

// -------------------------------------------------------------------------------------
// errors
// -------------------------------------------------------------------------------------

import * as DecodeErrorModule from './DecodeError.js'
/** DecodeError constructors and printing: `make`, `single`, `withSource`, `format`. */
export const DecodeError: typeof DecodeErrorModule = DecodeErrorModule
/** Why an input could not be decoded: every failing field by path, and a printable message. */
export type DecodeError = DecodeErrorModule.DecodeError
/** One failing field: its path (`spec.template.spec.containers[0].image`) and what is wrong. */
export type { FieldIssue } from './DecodeError.js'

// -------------------------------------------------------------------------------------
// boundary
// -------------------------------------------------------------------------------------

/** Decode one object, a manifest text (JSON or multi-document YAML), or encode back to JSON. */
export { decode, decodeKind, decodeManifests, decodeManifestsWith, encode, manifestLimits } from './decode.js'
/** What `decode`, `decodeKind` and `decodeManifestsWith` take and return. */
export type { DecodeKind, DecodeOptions, ExtraDocument, ManifestOptions, Manifests } from './decode.js'
/** A plain JSON value, as `encode` and the extras of `decodeManifestsWith` carry. */
export type { Json, JsonArray, JsonObject } from './sanitize.js'
/** The API server's defaults for an object (pure; idempotent). */
export { applyDefaults, imagePullPolicyFor } from './defaults.js'
/** The API server's validation of an object: every failing field by path. */
export { validate } from './validate.js'
