/**
 * Test fixtures for the simulation (defaulted, as `decode` returns objects): nodes, pods, a toy "keep N pods" controller on the
 * ReplicaSet kind, deep-freezing, and small lookups.
 */
import { applyDefaults } from '../../src/api/defaults.js'
import type { Node, Taint } from '../../src/api/node.js'
import type { KubeObject } from '../../src/api/object.js'
import type { Pod, PodSpec } from '../../src/api/pod.js'
import type { ReplicaSet } from '../../src/api/workloads.js'
import * as A from '../../src/core/Action.js'
import type { Action } from '../../src/core/Action.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as ObjectRef from '../../src/core/ObjectRef.js'
import { newControllerRef } from '../../src/core/ownership.js'
import * as Pods from '../../src/core/pods.js'
import type { Reconciler } from '../../src/core/Controller.js'
import * as Sim from '../../src/sim/index.js'
import type { Simulation, SimulationOptions } from '../../src/sim/index.js'

export const start = new Date('2024-01-01T00:00:00Z')

/** Deep-freezes a value (and returns it), so any mutation throws in strict mode. */
export const deepFreeze = <T>(v: T): T => {
  if (typeof v === 'object' && v !== null && !Object.isFrozen(v)) {
    Object.freeze(v)
    for (const k of Object.keys(v)) deepFreeze((v as Record<string, unknown>)[k])
  }
  return v
}

export const node = (
  name: string,
  opts: {
    readonly labels?: Record<string, string>
    readonly taints?: ReadonlyArray<Taint>
    readonly unschedulable?: boolean
    readonly pods?: number
    readonly ready?: 'True' | 'False' | 'Unknown'
  } = {},
): Node => applyDefaults({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name, ...opts.labels } },
  spec: {
    ...(opts.taints === undefined ? {} : { taints: opts.taints }),
    ...(opts.unschedulable === undefined ? {} : { unschedulable: opts.unschedulable }),
  },
  status: {
    conditions: [{ type: 'Ready', status: opts.ready ?? 'True' }],
    allocatable: { pods: String(opts.pods ?? 110) },
  },
} as Node)

export const podSpec = (extra: Partial<PodSpec> = {}): PodSpec => ({
  containers: [{ name: 'app', image: 'nginx:1.25' }],
  ...extra,
})

export const pod = (
  name: string,
  opts: {
    readonly spec?: Partial<PodSpec>
    readonly annotations?: Record<string, string>
    readonly labels?: Record<string, string>
    readonly finalizers?: ReadonlyArray<string>
    readonly namespace?: string
  } = {},
): Pod => applyDefaults({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: opts.namespace ?? 'default',
    ...(opts.labels === undefined ? {} : { labels: opts.labels }),
    ...(opts.annotations === undefined ? {} : { annotations: opts.annotations }),
    ...(opts.finalizers === undefined ? {} : { finalizers: opts.finalizers }),
  },
  spec: podSpec(opts.spec),
} as Pod)

export const replicaSet = (
  name: string,
  replicas: number,
  opts: { readonly annotations?: Record<string, string>; readonly spec?: Partial<PodSpec> } = {},
): ReplicaSet => applyDefaults({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace: 'default', uid: `uid-${name}` },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    template: {
      metadata: { labels: { app: name }, ...(opts.annotations === undefined ? {} : { annotations: opts.annotations }) },
      spec: podSpec(opts.spec),
    },
  },
} as ReplicaSet)

/**
 * A toy "keep N pods" controller: creates pods (generateName `<name>-`, controller reference)
 * until `spec.replicas` active pods exist, deletes the extra ones (by name, uid precondition),
 * and writes `status.replicas` / `readyReplicas` when they change.
 */
export const keepN: Reconciler<'ReplicaSet'> = (rs, view) => {
  const uid = rs.metadata.uid ?? ''
  const active = ClusterView.controlledOf(view, uid, 'Pod')
    .filter(Pods.isActive)
    .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))
  const want = rs.spec.replicas ?? 1
  const out: Array<Action> = []
  for (let i = active.length; i < want; i++) {
    out.push(
      A.create({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          generateName: `${rs.metadata.name ?? ''}-`,
          namespace: rs.metadata.namespace ?? 'default',
          labels: rs.spec.template?.metadata?.labels ?? {},
          ...(rs.spec.template?.metadata?.annotations === undefined ? {} : { annotations: rs.spec.template.metadata.annotations }),
          ownerReferences: [newControllerRef(rs)],
        },
        spec: rs.spec.template?.spec ?? podSpec(),
      }),
    )
  }
  for (const p of active.slice(want)) {
    out.push(A.del(ObjectRef.of(p), { preconditions: { uid: p.metadata.uid ?? '' } }))
  }
  const status = { replicas: active.length, readyReplicas: active.filter(Pods.isReady).length }
  if (rs.status?.replicas !== status.replicas || rs.status.readyReplicas !== status.readyReplicas) {
    out.push(A.updateStatus({ ...rs, status }))
  }
  return out
}

/** Options with only the toy controller running. */
export const toyOptions = (objects: ReadonlyArray<KubeObject>, extra: Partial<SimulationOptions> = {}): SimulationOptions => ({
  objects,
  start,
  defaultControllers: false,
  controllers: { ReplicaSet: keepN },
  ...extra,
})

/** Options with no controller at all (API server, scheduler and kubelet only). */
export const bareOptions = (objects: ReadonlyArray<KubeObject>, extra: Partial<SimulationOptions> = {}): SimulationOptions => ({
  objects,
  start,
  defaultControllers: false,
  ...extra,
})

export const podsOf = (sim: Simulation): ReadonlyArray<Pod> =>
  [...ClusterView.listOf(sim.view, 'Pod')].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))

export const getPod = (sim: Simulation, name: string, namespace = 'default'): Pod | undefined =>
  ClusterView.lookup(sim.view, 'Pod', namespace, name)

export const getNode = (sim: Simulation, name: string): Node | undefined => ClusterView.lookup(sim.view, 'Node', undefined, name)

export const seconds = (sim: Simulation): number => (sim.now.getTime() - start.getTime()) / 1000

export const condition = (p: Pod | undefined, type: string): string | undefined =>
  p?.status?.conditions?.find((c) => c.type === type)?.status

export const actions = (sim: Simulation) => sim.trace.flatMap((t) => (t._tag === 'Action' ? [t] : []))

export { Sim }
