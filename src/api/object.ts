/**
 * The union of every object, and the registry that maps each modelled `kind` to its codec.
 */
import type * as t from 'io-ts'
import type { GenericObject } from './generic.js'
import { ControllerRevision, Node, PersistentVolumeClaim } from './node.js'
import { Pod } from './pod.js'
import {
  CronJob,
  DaemonSet,
  Deployment,
  Job,
  ReplicaSet,
  ReplicationController,
  StatefulSet,
} from './workloads.js'

/** An object of a kind with a codec here, discriminated by `kind`. */
export type ModelledObject =
  | Pod
  | Node
  | PersistentVolumeClaim
  | ControllerRevision
  | ReplicaSet
  | ReplicationController
  | Deployment
  | StatefulSet
  | DaemonSet
  | Job
  | CronJob

/**
 * Any object: one of a modelled kind, discriminated by `kind`, or a generic object (a Service,
 * a ConfigMap, a custom resource), whose `kind` type equals no modelled kind so that
 * `o.kind === 'Pod'` still narrows.
 */
export type KubeObject = ModelledObject | GenericObject

/** The `kind` strings of the modelled objects. */
export type Kind = ModelledObject['kind']

/** The object type for one `kind`. */
export type ObjectOfKind<K extends Kind> = Extract<ModelledObject, { readonly kind: K }>

/** What the registry knows of a kind: its `apiVersion`, scope and structural codec. */
export interface KindInfo {
  readonly kind: Kind
  readonly apiVersion: string
  readonly namespaced: boolean
  readonly codec: t.Mixed
}

/** Every modelled kind, keyed by `kind`. */
export const kinds: Readonly<Record<Kind, KindInfo>> = {
  Pod: { kind: 'Pod', apiVersion: 'v1', namespaced: true, codec: Pod },
  Node: { kind: 'Node', apiVersion: 'v1', namespaced: false, codec: Node },
  PersistentVolumeClaim: {
    kind: 'PersistentVolumeClaim',
    apiVersion: 'v1',
    namespaced: true,
    codec: PersistentVolumeClaim,
  },
  ControllerRevision: {
    kind: 'ControllerRevision',
    apiVersion: 'apps/v1',
    namespaced: true,
    codec: ControllerRevision,
  },
  ReplicaSet: { kind: 'ReplicaSet', apiVersion: 'apps/v1', namespaced: true, codec: ReplicaSet },
  ReplicationController: {
    kind: 'ReplicationController',
    apiVersion: 'v1',
    namespaced: true,
    codec: ReplicationController,
  },
  Deployment: { kind: 'Deployment', apiVersion: 'apps/v1', namespaced: true, codec: Deployment },
  StatefulSet: { kind: 'StatefulSet', apiVersion: 'apps/v1', namespaced: true, codec: StatefulSet },
  DaemonSet: { kind: 'DaemonSet', apiVersion: 'apps/v1', namespaced: true, codec: DaemonSet },
  Job: { kind: 'Job', apiVersion: 'batch/v1', namespaced: true, codec: Job },
  CronJob: { kind: 'CronJob', apiVersion: 'batch/v1', namespaced: true, codec: CronJob },
}

/** True when `kind` names a modelled kind (one with a codec). */
export const isKind = (kind: unknown): kind is Kind =>
  typeof kind === 'string' && Object.prototype.hasOwnProperty.call(kinds, kind)

/** True when `o` is a generic object: its kind has no codec here. */
export const isGeneric = (o: KubeObject): o is GenericObject => !isKind(o.kind)
