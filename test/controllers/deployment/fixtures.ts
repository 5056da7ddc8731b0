/**
 * Builders for Deployment tests: plain, defaulted objects (as the API server stores them),
 * deep-frozen so a test fails if the controller mutates its input.
 */
import type { IntOrString, StringMap } from '../../../src/api/meta.js'
import type { KubeObject } from '../../../src/api/object.js'
import type { Pod, PodTemplateSpec } from '../../../src/api/pod.js'
import type { Deployment, DeploymentStatus, ReplicaSet, ReplicaSetStatus } from '../../../src/api/workloads.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { computeHash, podTemplateHashLabel } from '../../../src/core/hash.js'
import * as D from '../../../src/controllers/deployment/index.js'
import { deepFreeze } from '../../helpers/freeze.js'

/** The tests' "now". */
export const now = new Date('2024-01-01T12:00:00Z')
/** `now` minus `s` seconds, RFC 3339 whole seconds. */
export const ago = (s: number): string => new Date(now.getTime() - s * 1000).toISOString().replace('.000Z', 'Z')

/** The deployment's uid in every test. */
export const depUid = 'dep-uid'

/** A pod template running `image`, labelled `app: web`. */
export const template = (image = 'nginx:1', labels: StringMap = { app: 'web' }): PodTemplateSpec => ({
  metadata: { labels },
  spec: { containers: [{ name: 'c', image }] },
})

/** Options of `deployment`. */
export interface DeploymentOptions {
  readonly name?: string
  readonly replicas?: number
  readonly image?: string
  readonly template?: PodTemplateSpec
  readonly strategy?: 'RollingUpdate' | 'Recreate'
  readonly maxSurge?: IntOrString
  readonly maxUnavailable?: IntOrString
  readonly paused?: boolean
  readonly revisionHistoryLimit?: number
  readonly progressDeadlineSeconds?: number | null
  readonly minReadySeconds?: number
  readonly annotations?: StringMap
  readonly generation?: number
  readonly status?: DeploymentStatus
  readonly deleting?: boolean
  readonly selector?: Deployment['spec']['selector']
}

/** A defaulted Deployment `web` (10 replicas, 25%/25%, history 10, deadline 600). */
export const deployment = (o: DeploymentOptions = {}): Deployment => {
  const strategy = o.strategy ?? 'RollingUpdate'
  return deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name: o.name ?? 'web',
      namespace: 'default',
      uid: depUid,
      resourceVersion: '100',
      generation: o.generation ?? 1,
      creationTimestamp: ago(86400),
      ...(o.annotations === undefined ? {} : { annotations: o.annotations }),
      ...(o.deleting === true ? { deletionTimestamp: ago(1), finalizers: ['foregroundDeletion'] } : {}),
    },
    spec: {
      replicas: o.replicas ?? 10,
      selector: o.selector ?? { matchLabels: { app: 'web' } },
      template: o.template ?? template(o.image),
      strategy:
        strategy === 'Recreate'
          ? { type: 'Recreate' }
          : { type: 'RollingUpdate', rollingUpdate: { maxSurge: o.maxSurge ?? '25%', maxUnavailable: o.maxUnavailable ?? '25%' } },
      minReadySeconds: o.minReadySeconds ?? 0,
      revisionHistoryLimit: o.revisionHistoryLimit ?? 10,
      ...(o.progressDeadlineSeconds === null ? {} : { progressDeadlineSeconds: o.progressDeadlineSeconds ?? 600 }),
      ...(o.paused === undefined ? {} : { paused: o.paused }),
    },
    ...(o.status === undefined ? {} : { status: o.status }),
  })
}

/** Options of `replicaSet`. */
export interface RsOptions {
  readonly image?: string
  readonly template?: PodTemplateSpec
  readonly replicas?: number
  readonly revision?: number
  readonly annotations?: StringMap
  /** Age in seconds (creation order); default 3600. */
  readonly age?: number
  readonly status?: ReplicaSetStatus
  readonly generation?: number
  readonly owned?: boolean
  readonly name?: string
  readonly deleting?: boolean
}

/**
 * A ReplicaSet as the Deployment would have created it for `image` (hash label in template,
 * labels and selector), owned by the Deployment; `status` defaults to fully observed and
 * available (`replicas` of each, terminatingReplicas 0).
 */
export const replicaSet = (o: RsOptions = {}): ReplicaSet => {
  const t = o.template ?? template(o.image)
  const hash = computeHash(t)
  const labels = { ...t.metadata?.labels, [podTemplateHashLabel]: hash }
  const replicas = o.replicas ?? 0
  const generation = o.generation ?? 1
  const annotations = {
    ...(o.revision === undefined ? {} : { [D.revisionAnnotation]: String(o.revision) }),
    ...o.annotations,
  }
  const name = o.name ?? `web-${hash}`
  return deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '10',
      generation,
      creationTimestamp: ago(o.age ?? 3600),
      labels,
      ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
      ...(o.owned === false
        ? {}
        : {
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: depUid, controller: true, blockOwnerDeletion: true },
            ],
          }),
      ...(o.deleting === true ? { deletionTimestamp: ago(1) } : {}),
    },
    spec: {
      replicas,
      minReadySeconds: 0,
      selector: { matchLabels: { app: 'web', [podTemplateHashLabel]: hash } },
      template: { ...t, metadata: { ...t.metadata, labels } },
    },
    status: o.status ?? {
      replicas,
      fullyLabeledReplicas: replicas,
      readyReplicas: replicas,
      availableReplicas: replicas,
      observedGeneration: generation,
      terminatingReplicas: 0,
    },
  })
}

/** The desired/max annotations a Deployment with `replicas` and `surge` stamps. */
export const scaledBy = (replicas: number, surge = 0): StringMap => ({
  [D.desiredReplicasAnnotation]: String(replicas),
  [D.maxReplicasAnnotation]: String(replicas + surge),
})

/** A pod controlled by `rs` in `phase`. */
export const podOf = (rs: ReplicaSet, name: string, phase = 'Running', extra: Partial<Pod['metadata']> = {}): Pod =>
  deepFreeze({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      labels: rs.spec.template?.metadata?.labels ?? {},
      ownerReferences: [
        { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name ?? '', uid: rs.metadata.uid ?? '', controller: true },
      ],
      ...extra,
    },
    spec: { containers: [{ name: 'c', image: 'x' }], nodeName: 'n1' },
    status: { phase },
  })

/** A frozen view of the objects. */
export const viewOf = (...objects: ReadonlyArray<KubeObject>): ClusterView.ClusterView =>
  ClusterView.fromObjects(objects.map(deepFreeze))

/** Runs the reconcile for `d` over `d` plus `objects`. */
export const run = (d: Deployment, ...objects: ReadonlyArray<KubeObject>): ReadonlyArray<Action> =>
  D.reconcile(d, viewOf(d, ...objects), now)

/** The ReplicaSet writes (Create/Update) in `actions`, by name → spec.replicas. */
export const rsSizes = (actions: ReadonlyArray<Action>): Readonly<Record<string, number>> => {
  const out: Record<string, number> = {}
  for (const a of actions) {
    if ((a._tag === 'Create' || a._tag === 'Update') && a.object.kind === 'ReplicaSet') {
      out[a.object.metadata.name ?? ''] = a.object.spec.replicas ?? 1
    }
  }
  return out
}

/** The written ReplicaSet named `name`, if any. */
export const writtenRS = (actions: ReadonlyArray<Action>, name: string): ReplicaSet | undefined => {
  for (const a of actions) {
    if ((a._tag === 'Create' || a._tag === 'Update') && a.object.kind === 'ReplicaSet' && a.object.metadata.name === name) {
      return a.object
    }
  }
  return undefined
}

/** The Deployment written by UpdateStatus, if any. */
export const statusWrite = (actions: ReadonlyArray<Action>): Deployment | undefined => {
  for (const a of actions) if (a._tag === 'UpdateStatus' && a.object.kind === 'Deployment') return a.object
  return undefined
}

/** The Deployment written by Update (spec), if any. */
export const specWrite = (actions: ReadonlyArray<Action>): Deployment | undefined => {
  for (const a of actions) if (a._tag === 'Update' && a.object.kind === 'Deployment') return a.object
  return undefined
}

/** `[type, reason, message]` of every Event. */
export const events = (actions: ReadonlyArray<Action>): ReadonlyArray<readonly [string, string, string]> =>
  actions.flatMap((a) => (a._tag === 'Event' ? [[a.type, a.reason, a.message] as const] : []))

/** The tags of the actions, with the kind/name of their object or target. */
export const shape = (actions: ReadonlyArray<Action>): ReadonlyArray<string> =>
  actions.map((a) => {
    switch (a._tag) {
      case 'Create':
      case 'Update':
      case 'UpdateStatus':
        return `${a._tag} ${a.object.kind}/${a.object.metadata.name ?? ''}`
      case 'Delete':
      case 'RequeueAfter':
        return `${a._tag} ${a.target.kind}/${a.target.name}`
      case 'Event':
        return `Event ${a.reason}`
    }
  })

/** The Sync a helper test starts from: `d` and its ReplicaSets, claimed, at `now`. */
export const syncOf = (d: Deployment, ...objects: ReadonlyArray<KubeObject>): D.Sync => {
  const view = viewOf(d, ...objects)
  const claimed = D.claimReplicaSets(d, view)
  return D.startSync(view, now, d, claimed.rsList, claimed.actions)
}

/**
 * A Deployment status of a finished rollout at `replicas`: every count at `replicas`, Available
 * and Progressing (NewReplicaSetAvailable, naming ReplicaSet `rs`) True for ten minutes.
 */
export const completeStatus = (replicas: number, generation = 1, rs = 'x') => ({
  observedGeneration: generation,
  replicas,
  updatedReplicas: replicas,
  readyReplicas: replicas,
  availableReplicas: replicas,
  terminatingReplicas: 0,
  conditions: [
    { type: 'Available', status: 'True', reason: D.minimumReplicasAvailable, message: 'Deployment has minimum availability.', lastUpdateTime: ago(600), lastTransitionTime: ago(600) },
    { type: 'Progressing', status: 'True', reason: D.newRSAvailableReason, message: `ReplicaSet "${rs}" has successfully progressed.`, lastUpdateTime: ago(600), lastTransitionTime: ago(900) },
  ],
})
