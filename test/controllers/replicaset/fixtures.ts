/**
 * Small builders for ReplicaSet table tests: objects are plain data, deep-frozen so a test fails
 * if the controller mutates its input.
 */
import type { OwnerReference } from '../../../src/api/meta.js'
import { newControllerRef } from '../../../src/core/ownership.js'
import type { KubeObject } from '../../../src/api/object.js'
import type { Pod } from '../../../src/api/pod.js'
import type { ReplicaSet, ReplicationController } from '../../../src/api/workloads.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as Time from '../../../src/core/time.js'
import { deepFreeze } from '../../helpers/freeze.js'

/** The tests' "now". */
export const now = new Date('2024-01-01T12:00:00Z')
/** `now` minus `s` seconds, RFC 3339. */
export const ago = (s: number): string => new Date(now.getTime() - s * 1000).toISOString()

/** A frozen view of the objects. */
export const viewOf = (...objects: ReadonlyArray<KubeObject>): ClusterView.ClusterView =>
  ClusterView.fromObjects(objects.map(deepFreeze))

/** Options of `rs`. */
export interface RsOptions {
  readonly name?: string
  readonly uid?: string
  readonly replicas?: number
  readonly labels?: Readonly<Record<string, string>>
  readonly minReadySeconds?: number
  readonly generation?: number
  readonly status?: ReplicaSet['status']
  readonly deleting?: boolean
  readonly owner?: OwnerReference
}

/** A ReplicaSet selecting `labels` (default `app: web`) with a matching template. */
export const rs = (o: RsOptions = {}): ReplicaSet =>
  deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: o.name ?? 'web',
      namespace: 'default',
      uid: o.uid ?? 'rs-uid',
      resourceVersion: '10',
      generation: o.generation ?? 1,
      creationTimestamp: ago(3600),
      ...(o.deleting === true ? { deletionTimestamp: ago(1) } : {}),
      ...(o.owner === undefined ? {} : { ownerReferences: [o.owner] }),
    },
    spec: {
      ...(o.replicas === undefined ? {} : { replicas: o.replicas }),
      ...(o.minReadySeconds === undefined ? {} : { minReadySeconds: o.minReadySeconds }),
      selector: { matchLabels: o.labels ?? { app: 'web' } },
      template: {
        metadata: { labels: { ...(o.labels ?? { app: 'web' }), tier: 'front' }, annotations: { note: 'x' } },
        spec: { containers: [{ name: 'c', image: 'nginx' }] },
      },
    },
    ...(o.status === undefined ? {} : { status: o.status }),
  })

/** A ReplicationController with an equality selector. */
export const rc = (o: { readonly replicas?: number; readonly selector?: Readonly<Record<string, string>> } = {}): ReplicationController =>
  deepFreeze({
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'legacy', namespace: 'default', uid: 'rc-uid', generation: 1, resourceVersion: '3' },
    spec: {
      replicas: o.replicas ?? 2,
      selector: o.selector ?? { app: 'legacy' },
      template: { metadata: { labels: { app: 'legacy' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } },
    },
  })

/** A controller reference to `owner`. */
export const controlledBy = (owner: KubeObject): OwnerReference => newControllerRef(owner)

/** Options of `pod`. */
export interface PodOptions {
  readonly labels?: Readonly<Record<string, string>>
  readonly owner?: KubeObject | OwnerReference
  readonly phase?: string
  /** Ready since this many seconds ago; `null` = ready with no transition time; absent = not ready. */
  readonly readyFor?: number | null
  readonly node?: string
  readonly deleting?: boolean
  readonly cost?: string
  readonly restarts?: number
  readonly age?: number
}

/** A pod named `name` (uid `uid-<name>`), labelled `app: web` unless told otherwise. */
export const pod = (name: string, o: PodOptions = {}): Pod => {
  const ref = o.owner === undefined ? undefined : 'kind' in o.owner && 'metadata' in o.owner ? controlledBy(o.owner) : (o.owner as OwnerReference)
  const ready =
    o.readyFor === undefined
      ? []
      : [{ type: 'Ready', status: 'True', ...(o.readyFor === null ? {} : { lastTransitionTime: ago(o.readyFor) }) }]
  return deepFreeze({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '5',
      creationTimestamp: ago(o.age ?? 600),
      labels: o.labels ?? { app: 'web', tier: 'front' },
      ...(ref === undefined ? {} : { ownerReferences: [ref] }),
      ...(o.deleting === true ? { deletionTimestamp: ago(0) } : {}),
      ...(o.cost === undefined ? {} : { annotations: { 'controller.kubernetes.io/pod-deletion-cost': o.cost } }),
    },
    spec: { containers: [{ name: 'c', image: 'nginx' }], ...(o.node === undefined ? {} : { nodeName: o.node }) },
    status: {
      phase: o.phase ?? (o.node === undefined ? 'Pending' : 'Running'),
      conditions: ready,
      ...(o.restarts === undefined ? {} : { containerStatuses: [{ name: 'c', restartCount: o.restarts }] }),
    },
  })
}

/** `Time.format` of `now`, as status conditions carry it. */
export const nowString = Time.formatDate(now)
