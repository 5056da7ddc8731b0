/**
 * Small builders for DaemonSet table tests: nodes, DaemonSets, their pods and revisions, as plain
 * data deep-frozen so a test fails if the controller mutates its input.
 */
import type { ControllerRevision, Node, Taint } from '../../../src/api/node.js'
import type { KubeObject } from '../../../src/api/object.js'
import type { Pod, PodSpec } from '../../../src/api/pod.js'
import type { DaemonSet } from '../../../src/api/workloads.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { controllerRevisionHashLabel, daemonSetHash, newRevision, revisionName } from '../../../src/core/history.js'
import { newControllerRef } from '../../../src/core/ownership.js'
import { nodeNameTerm } from '../../../src/controllers/daemonset/daemonPods.js'
import { deepFreeze } from '../../helpers/freeze.js'

/** The tests' "now". */
export const now = new Date('2024-01-01T12:00:00Z')
/** `now` minus `s` seconds, RFC 3339 (whole seconds). */
export const ago = (s: number): string => new Date(now.getTime() - s * 1000).toISOString().replace('.000Z', 'Z')

/** A frozen view of the objects. */
export const viewOf = (...objects: ReadonlyArray<KubeObject>): ClusterView.ClusterView => ClusterView.fromObjects(objects.map(deepFreeze))

/** Options of `node`. */
export interface NodeOptions {
  readonly labels?: Readonly<Record<string, string>>
  readonly taints?: ReadonlyArray<Taint>
  readonly unschedulable?: boolean
  readonly ready?: boolean
}

/** A node (Ready unless told). */
export const node = (name: string, o: NodeOptions = {}): Node =>
  deepFreeze({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1', ...(o.labels === undefined ? {} : { labels: o.labels }) },
    ...(o.taints === undefined && o.unschedulable === undefined
      ? {}
      : { spec: { ...(o.taints === undefined ? {} : { taints: o.taints }), ...(o.unschedulable === undefined ? {} : { unschedulable: o.unschedulable }) } }),
    status: { conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }], allocatable: { pods: '110' } },
  })

/** Options of `ds`. */
export interface DsOptions {
  readonly name?: string
  readonly uid?: string
  readonly generation?: number
  readonly observedGeneration?: number
  readonly strategy?: 'RollingUpdate' | 'OnDelete'
  readonly maxUnavailable?: number | string
  readonly maxSurge?: number | string
  readonly minReadySeconds?: number
  readonly revisionHistoryLimit?: number
  readonly image?: string
  readonly spec?: Partial<PodSpec>
  readonly status?: DaemonSet['status']
  readonly deleting?: boolean
  readonly annotations?: Readonly<Record<string, string>>
  readonly selector?: DaemonSet['spec']['selector']
}

/** A DaemonSet selecting `app: agent` with a matching template (defaults applied as the API server would). */
export const ds = (o: DsOptions = {}): DaemonSet => {
  const strategy = o.strategy ?? 'RollingUpdate'
  return deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: {
      name: o.name ?? 'agent',
      namespace: 'default',
      uid: o.uid ?? 'ds-uid',
      resourceVersion: '10',
      generation: o.generation ?? 1,
      creationTimestamp: ago(7200),
      ...(o.annotations === undefined ? {} : { annotations: o.annotations }),
      ...(o.deleting === true ? { deletionTimestamp: ago(1) } : {}),
    },
    spec: {
      selector: o.selector ?? { matchLabels: { app: 'agent' } },
      template: {
        metadata: { labels: { app: 'agent' } },
        spec: { containers: [{ name: 'c', image: o.image ?? 'agent:1' }], ...o.spec },
      },
      updateStrategy:
        strategy === 'OnDelete'
          ? { type: 'OnDelete' }
          : { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: o.maxUnavailable ?? 1, maxSurge: o.maxSurge ?? 0 } },
      minReadySeconds: o.minReadySeconds ?? 0,
      revisionHistoryLimit: o.revisionHistoryLimit ?? 10,
    },
    status: o.status ?? { observedGeneration: o.observedGeneration ?? o.generation ?? 1 },
  })
}

/** The hash `ds`'s current template gets. */
export const hashOf = (d: DaemonSet): string => daemonSetHash(d.spec.template, d.status?.collisionCount)

/** The current revision of `d` (number `revision`). */
export const revisionOf = (d: DaemonSet, revision = 1): ControllerRevision =>
  deepFreeze({
    ...newRevision(d, { name: revisionName(d.metadata.name ?? '', hashOf(d)), revision, labels: { [controllerRevisionHashLabel]: hashOf(d) } }),
    metadata: {
      ...newRevision(d, { name: revisionName(d.metadata.name ?? '', hashOf(d)), revision, labels: { [controllerRevisionHashLabel]: hashOf(d) } }).metadata,
      uid: `rev-${revision}-${hashOf(d)}`,
      resourceVersion: '5',
      creationTimestamp: ago(7000 - revision),
    },
  })

/** Options of `pod`. */
export interface PodOptions {
  /** The node it is bound to; with `pending`, the node its affinity targets. */
  readonly node: string
  readonly pending?: boolean
  readonly owner?: DaemonSet | undefined
  /** The revision hash label (default: the owner's current hash; `''` for none). */
  readonly hash?: string
  readonly phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed'
  /** Ready since this many seconds ago; absent = not ready. */
  readonly readyFor?: number
  readonly createdAgo?: number
  readonly deleting?: boolean
  readonly labels?: Readonly<Record<string, string>>
}

/** A pod of `owner` (default `ds()`), bound to (or aimed at) `o.node`. */
export const pod = (name: string, o: PodOptions): Pod => {
  const owner = 'owner' in o ? o.owner : ds()
  const hash = o.hash ?? (owner === undefined ? '' : hashOf(owner))
  const labels = { app: 'agent', ...(hash === '' ? {} : { [controllerRevisionHashLabel]: hash }), ...o.labels }
  return deepFreeze({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: 'default',
      uid: `uid-${name}`,
      resourceVersion: '7',
      creationTimestamp: ago(o.createdAgo ?? 3600),
      labels,
      ...(owner === undefined ? {} : { ownerReferences: [newControllerRef(owner)] }),
      ...(o.deleting === true ? { deletionTimestamp: ago(1) } : {}),
    },
    spec: {
      containers: [{ name: 'c', image: 'agent:1' }],
      affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [nodeNameTerm(o.node)] } } },
      ...(o.pending === true ? {} : { nodeName: o.node }),
    },
    status: {
      phase: o.phase ?? (o.pending === true ? 'Pending' : 'Running'),
      ...(o.readyFor === undefined ? {} : { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(o.readyFor) }] }),
    },
  })
}

/** The actions of one tag. */
export const ofTag = <T extends Action['_tag']>(as: ReadonlyArray<Action>, tag: T): ReadonlyArray<Extract<Action, { _tag: T }>> =>
  as.filter((a): a is Extract<Action, { _tag: T }> => a._tag === tag)

/** The nodes the created pods target. */
export const createdOn = (as: ReadonlyArray<Action>): ReadonlyArray<string> =>
  ofTag(as, 'Create')
    .filter((c) => c.object.kind === 'Pod')
    .map((c) => (c.object as Pod).spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0] ?? '?')

/** The names of the deleted pods. */
export const deletedPods = (as: ReadonlyArray<Action>): ReadonlyArray<string> =>
  ofTag(as, 'Delete')
    .filter((d) => d.target.kind === 'Pod')
    .map((d) => d.target.name)

/** The status written, if any. */
export const statusOf = (as: ReadonlyArray<Action>): DaemonSet['status'] | undefined => {
  const u = ofTag(as, 'UpdateStatus')[0]
  return u === undefined ? undefined : (u.object as DaemonSet).status
}
