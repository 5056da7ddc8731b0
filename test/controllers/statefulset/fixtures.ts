/**
 * Small builders for StatefulSet table tests: a set with its revisions already in the view,
 * pods at a revision in a given state, claims, and helpers to read actions. Objects are plain
 * data, deep-frozen so a test fails if the controller mutates its input.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { decodeManifestsWith } from '../../../src/api/decode.js'
import type { OwnerReference } from '../../../src/api/meta.js'
import type { ControllerRevision, Node, PersistentVolumeClaim } from '../../../src/api/node.js'
import type { KubeObject } from '../../../src/api/object.js'
import { isKind } from '../../../src/api/object.js'
import type { Pod } from '../../../src/api/pod.js'
import type { StatefulSet } from '../../../src/api/workloads.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { newControllerRef } from '../../../src/core/ownership.js'
import * as STS from '../../../src/controllers/statefulset/index.js'
import { deepFreeze } from '../../helpers/freeze.js'

/** The tests' "now". */
export const now = new Date('2024-01-01T12:00:00Z')
/** `now` minus `s` seconds, RFC 3339. */
export const ago = (s: number): string => new Date(now.getTime() - s * 1000).toISOString().replace('.000Z', 'Z')

/** A frozen view of the objects. */
export const viewOf = (...objects: ReadonlyArray<KubeObject>): ClusterView.ClusterView => ClusterView.fromObjects(objects.map(deepFreeze))

/** Options of `sts`. */
export interface StsOptions {
  readonly name?: string
  readonly replicas?: number
  readonly start?: number
  readonly image?: string
  readonly policy?: 'OrderedReady' | 'Parallel'
  /** `undefined`: RollingUpdate with `rollingUpdate: { partition }`; `'bare'`: RollingUpdate without a block. */
  readonly strategy?: 'OnDelete' | 'bare'
  readonly partition?: number
  readonly maxUnavailable?: number | string
  readonly minReadySeconds?: number
  readonly claims?: ReadonlyArray<string>
  readonly whenScaled?: 'Retain' | 'Delete'
  readonly whenDeleted?: 'Retain' | 'Delete'
  readonly historyLimit?: number
  readonly status?: StatefulSet['status']
  readonly deleting?: boolean
  readonly generation?: number
}

/** A StatefulSet `web` (uid `sts-uid`) selecting `app: web`, in the stored (defaulted) shape. */
export const sts = (o: StsOptions = {}): StatefulSet =>
  deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: {
      name: o.name ?? 'web',
      namespace: 'default',
      uid: 'sts-uid',
      resourceVersion: '10',
      generation: o.generation ?? 1,
      creationTimestamp: ago(3600),
      ...(o.deleting === true ? { deletionTimestamp: ago(1), finalizers: ['foregroundDeletion'] } : {}),
    },
    spec: {
      replicas: o.replicas ?? 3,
      selector: { matchLabels: { app: 'web' } },
      serviceName: 'nginx',
      podManagementPolicy: o.policy ?? 'OrderedReady',
      updateStrategy:
        o.strategy === 'OnDelete'
          ? { type: 'OnDelete' }
          : o.strategy === 'bare'
            ? { type: 'RollingUpdate' }
            : {
                type: 'RollingUpdate',
                rollingUpdate: { partition: o.partition ?? 0, ...(o.maxUnavailable === undefined ? {} : { maxUnavailable: o.maxUnavailable }) },
              },
      revisionHistoryLimit: o.historyLimit ?? 10,
      minReadySeconds: o.minReadySeconds ?? 0,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: o.whenDeleted ?? 'Retain', whenScaled: o.whenScaled ?? 'Retain' },
      ...(o.start === undefined ? {} : { ordinals: { start: o.start } }),
      template: {
        metadata: { labels: { app: 'web' } },
        spec: { containers: [{ name: 'nginx', image: o.image ?? 'nginx:1' }] },
      },
      volumeClaimTemplates: (o.claims ?? []).map((name) => ({
        metadata: { name },
        spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
      })),
    },
    ...(o.status === undefined ? {} : { status: o.status }),
  })

/** The revision the controller would create for `set`'s template, numbered `revision`, controlled by the set. */
export const revisionOf = (set: StatefulSet, revision = 1, created = ago(3000)): ControllerRevision => {
  const r = STS.candidateRevision(set, revision, 0)
  return deepFreeze({ ...r, metadata: { ...r.metadata, uid: `rev-${revision}-${r.metadata.name ?? ''}`, resourceVersion: '3', creationTimestamp: created } })
}

/** The name of `set`'s revision for its current template. */
export const revName = (set: StatefulSet): string => STS.candidateRevision(set, 1, 0).metadata.name ?? ''

/** Pod state for `pod`. */
export type PodState = 'ready' | 'running' | 'pending' | 'failed' | 'succeeded' | 'terminating' | 'unscheduled'

/** Options of `pod`. */
export interface PodOptions {
  readonly state?: PodState
  /** Ready since this many seconds ago (default 3600). */
  readonly readyFor?: number
  readonly revision?: string
  readonly owner?: KubeObject | OwnerReference | null
  readonly labels?: Readonly<Record<string, string>>
  readonly uid?: string
}

/** The pod `set` would have for `ordinal`, at `revision` (default the set's own), in `state` (default ready). */
export const pod = (set: StatefulSet, ordinal: number, o: PodOptions = {}): Pod => {
  const base = STS.withRevision(STS.newStatefulSetPod(set, ordinal), o.revision ?? revName(set))
  const state = o.state ?? 'ready'
  const ref = o.owner === undefined ? newControllerRef(set) : o.owner === null ? undefined : 'metadata' in o.owner ? newControllerRef(o.owner) : o.owner
  const phase = { ready: 'Running', running: 'Running', pending: 'Pending', unscheduled: 'Pending', failed: 'Failed', succeeded: 'Succeeded', terminating: 'Running' }[state]
  const { ownerReferences: _r, generateName: _g, ...meta } = base.metadata
  return deepFreeze({
    ...base,
    metadata: {
      ...meta,
      namespace: 'default',
      uid: o.uid ?? `uid-${base.metadata.name ?? ''}`,
      resourceVersion: '5',
      creationTimestamp: ago(3600),
      ...(o.labels === undefined ? {} : { labels: o.labels }),
      ...(ref === undefined ? {} : { ownerReferences: [ref] }),
      ...(state === 'terminating' ? { deletionTimestamp: ago(-30), deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: { ...base.spec, ...(state === 'unscheduled' ? {} : { nodeName: 'n1' }) },
    status: {
      phase,
      conditions:
        state === 'ready' || state === 'terminating'
          ? [{ type: 'Ready', status: 'True', lastTransitionTime: ago(o.readyFor ?? 3600) }]
          : [{ type: 'Ready', status: 'False', lastTransitionTime: ago(10) }],
    },
  })
}

/** The claim `<template>-<set>-<ordinal>` as the controller would create it, stored (uid, resourceVersion), with `refs`. */
export const claim = (set: StatefulSet, template: string, ordinal: number, refs: ReadonlyArray<OwnerReference> = [], extra: Partial<PersistentVolumeClaim['metadata']> = {}): PersistentVolumeClaim => {
  const t = STS.claimTemplates(set).find((x) => x.name === template)
  if (t === undefined) throw new Error(`no claim template ${template}`)
  const c = STS.newClaim(set, t, ordinal)
  return deepFreeze({
    ...c,
    metadata: { ...c.metadata, uid: `pvc-${c.metadata.name ?? ''}`, resourceVersion: '7', ...(refs.length === 0 ? {} : { ownerReferences: refs }), ...extra },
    status: { phase: 'Bound' },
  })
}

/** A ready node. */
export const node = (name: string): Node =>
  deepFreeze({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `uid-${name}` }, status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { pods: '110' } } })

/** `set` with `status` (stored). */
export const withStatus = (set: StatefulSet, status: NonNullable<StatefulSet['status']>): StatefulSet => deepFreeze({ ...set, status })

/** One action as a short string: `Create Pod web-0`, `Delete Pod web-2`, `Update PersistentVolumeClaim www-web-0`, `Event SuccessfulCreate`. */
export const show = (a: Action): string => {
  switch (a._tag) {
    case 'Create':
    case 'Update':
    case 'UpdateStatus':
      return `${a._tag} ${a.object.kind} ${a.object.metadata.name ?? ''}`
    case 'Delete':
      return `Delete ${a.target.kind} ${a.target.name}`
    case 'Event':
      return `Event ${a.reason}`
    case 'RequeueAfter':
      return `RequeueAfter ${a.seconds}`
  }
}

/** The actions as short strings, events and requeues left out. */
export const writes = (actions: ReadonlyArray<Action>): ReadonlyArray<string> =>
  actions.filter((a) => a._tag !== 'Event' && a._tag !== 'RequeueAfter').map(show)

/** The status written by the sync, if any. */
export const writtenStatus = (actions: ReadonlyArray<Action>): StatefulSet['status'] | undefined => {
  const a = actions.find((x) => x._tag === 'UpdateStatus')
  return a?._tag === 'UpdateStatus' && a.object.kind === 'StatefulSet' ? a.object.status : undefined
}

/** The object of the first write matching `show` text. */
export const written = <K extends KubeObject>(actions: ReadonlyArray<Action>, text: string): K => {
  const a = actions.find((x) => show(x) === text)
  if (a === undefined || !('object' in a)) throw new Error(`no ${text} in ${actions.map(show).join(', ')}`)
  return a.object as K
}

/** A manifest file of `manifests/`: the objects of the kinds this library models, and the kinds of the others. */
export const manifest = (file: string): { readonly objects: ReadonlyArray<KubeObject>; readonly otherKinds: ReadonlyArray<string> } => {
  const text = readFileSync(new URL(`./manifests/${file}`, import.meta.url), 'utf8')
  const decoded = decodeManifestsWith(text, { isExtra: (d) => !isKind((d as { kind?: unknown }).kind) })
  if (E.isLeft(decoded)) throw new Error(decoded.left.message)
  return {
    objects: decoded.right.objects,
    otherKinds: decoded.right.extras.map((x) => String((x.value as { kind?: unknown }).kind)),
  }
}
