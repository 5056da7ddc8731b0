/**
 * Arbitraries for DaemonSets and the node fleets they run on: nodes with role and zone labels,
 * taints of every effect (user keys and the condition keys daemon pods tolerate), cordons and
 * readiness; DaemonSets with node selectors, required node affinity terms (label expressions and
 * `metadata.name` fields), tolerations, host networking, every update strategy and budget; worlds
 * with the DaemonSet's pods in every state (current and outdated, ready or not, duplicates, failed,
 * succeeded, terminating, unscheduled, aimed at a missing node) and its revisions; and the node
 * churn and DaemonSet edits the simulation properties inject.
 *
 * Everything is valid by construction (no `.filter`): names are unique, the selector matches the
 * template, exactly one of `maxSurge` / `maxUnavailable` is non-zero.
 *
 * Exported as the `DaemonSet` namespace of `kube-reconcile/arbitraries` (`DaemonSet.world(…)`).
 */
import fc from 'fast-check'
import type { IntOrString } from '../api/meta.js'
import type { ControllerRevision, Node, Taint } from '../api/node.js'
import type { KubeObject } from '../api/object.js'
import type { Container, NodeSelectorTerm, Pod, PodSpec, Toleration } from '../api/pod.js'
import type { DaemonSet } from '../api/workloads.js'
import * as ClusterView from '../core/ClusterView.js'
import { daemonTaintKeys } from '../core/daemonEligibility.js'
import { controllerRevisionHashLabel, daemonSetHash, newRevision, revisionName } from '../core/history.js'
import * as ObjectRef from '../core/ObjectRef.js'
import * as T from '../core/time.js'
import type { Fault } from '../sim/types.js'
import { createPodTemplate, daemonPod } from '../controllers/daemonset/daemonPods.js'
import { defaultNow } from './meta.js'

// -------------------------------------------------------------------------------------
// nodes
// -------------------------------------------------------------------------------------

/** The node roles fleets label nodes with (`role`). */
export const roles: ReadonlyArray<string> = ['web', 'db', 'gpu']
/** The zones fleets label nodes with (`topology.kubernetes.io/zone`). */
export const zones: ReadonlyArray<string> = ['zone-a', 'zone-b']
/** The zone label key. */
export const zoneKey = 'topology.kubernetes.io/zone'

/** Taint keys of fleets: user keys and condition keys the daemon tolerations cover. */
export const fleetTaintKeys: ReadonlyArray<string> = ['dedicated', 'team', daemonTaintKeys.diskPressure, daemonTaintKeys.networkUnavailable]

/** A taint of a fleet node: a fleet key, an optional value, any effect. */
export const fleetTaint = (): fc.Arbitrary<Taint> =>
  fc
    .record({ key: fc.constantFrom(...fleetTaintKeys), value: fc.constantFrom('', 'a', 'b'), effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute') })
    .map(({ key, value, effect }) => (value === '' ? { key, effect } : { key, value, effect }))

/** What `fleetNode` and `fleet` generate. */
export interface FleetConstraints {
  /** Fewest nodes (default 1). */
  readonly minNodes?: number
  /** Most nodes (default 4). */
  readonly maxNodes?: number
  /** Most taints per node (default 2). */
  readonly maxTaints?: number
  /** Whether some nodes are not Ready (default false: the scheduler binds only to Ready nodes). */
  readonly notReady?: boolean
  /** Creation times are before this (default `defaultNow`). */
  readonly now?: Date
}

const withoutDuplicateTaints = (taints: ReadonlyArray<Taint>): ReadonlyArray<Taint> =>
  taints.filter((t, i) => taints.findIndex((u) => u.key === t.key && u.effect === t.effect) === i)

/** A fleet node named `name`: a role and zone label, taints, sometimes cordoned (with its taint). */
export const fleetNode = (name: string, c: FleetConstraints = {}): fc.Arbitrary<Node> =>
  fc
    .record({
      role: fc.constantFrom(...roles),
      zone: fc.constantFrom(...zones),
      taints: fc.array(fleetTaint(), { maxLength: c.maxTaints ?? 2 }),
      cordoned: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      ready: c.notReady === true ? fc.boolean() : fc.constant(true),
      age: fc.integer({ min: 60, max: 86400 }),
    })
    .map((g): Node => {
      const created = T.format((c.now ?? defaultNow).getTime() - g.age * 1000)
      const taints = withoutDuplicateTaints([...(g.cordoned ? [{ key: daemonTaintKeys.unschedulable, effect: 'NoSchedule' }] : []), ...g.taints])
      return {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: { name, uid: `node-uid-${name}`, creationTimestamp: created, labels: { 'kubernetes.io/hostname': name, role: g.role, [zoneKey]: g.zone } },
        ...(taints.length === 0 && !g.cordoned ? {} : { spec: { ...(g.cordoned ? { unschedulable: true } : {}), ...(taints.length === 0 ? {} : { taints }) } }),
        status: {
          conditions: [{ type: 'Ready', status: g.ready ? 'True' : 'False', lastTransitionTime: created }],
          allocatable: { pods: '110' },
          capacity: { pods: '110' },
        },
      }
    })

/** A fleet of `node-0`, `node-1`, …: see `fleetNode`. */
export const fleet = (c: FleetConstraints = {}): fc.Arbitrary<ReadonlyArray<Node>> =>
  fc
    .integer({ min: c.minNodes ?? 1, max: Math.max(c.minNodes ?? 1, c.maxNodes ?? 4) })
    .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => fleetNode(`node-${i}`, c))))

// -------------------------------------------------------------------------------------
// DaemonSets
// -------------------------------------------------------------------------------------

/** A required node-affinity term over fleet labels, or `metadata.name NotIn [node-k]`. */
export const nodeAffinityTerm = (): fc.Arbitrary<NodeSelectorTerm> =>
  fc.oneof(
    fc
      .record({ op: fc.constantFrom('In', 'NotIn'), values: fc.subarray([...roles], { minLength: 1 }) })
      .map(({ op, values }) => ({ matchExpressions: [{ key: 'role', operator: op, values }] })),
    fc.constantFrom('Exists', 'DoesNotExist').map((op) => ({ matchExpressions: [{ key: 'gpu', operator: op }] })),
    fc.constantFrom(...zones).map((z) => ({ matchExpressions: [{ key: zoneKey, operator: 'In', values: [z] }] })),
    fc.nat({ max: 5 }).map((k) => ({ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: [`node-${k}`] }] })),
  )

/** A toleration of fleet taints (sometimes everything: empty key with Exists). */
export const fleetToleration = (): fc.Arbitrary<Toleration> =>
  fc.oneof(
    fc.record({ key: fc.constantFrom(...fleetTaintKeys), effect: fc.constantFrom('', 'NoSchedule', 'NoExecute') }).map(({ key, effect }) => ({
      key,
      operator: 'Exists',
      ...(effect === '' ? {} : { effect }),
    })),
    fc.record({ key: fc.constantFrom('dedicated', 'team'), value: fc.constantFrom('a', 'b') }).map(({ key, value }) => ({ key, operator: 'Equal', value })),
    fc.constant<Toleration>({ operator: 'Exists' }),
  )

/** An update strategy the API server accepts: OnDelete, or RollingUpdate with exactly one non-zero budget. */
export const updateStrategy = (): fc.Arbitrary<NonNullable<DaemonSet['spec']['updateStrategy']>> => {
  const budget: fc.Arbitrary<IntOrString> = fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom('10%', '34%', '50%', '100%'))
  return fc.oneof(
    { weight: 1, arbitrary: fc.constant({ type: 'OnDelete' }) },
    { weight: 2, arbitrary: budget.map((u) => ({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: u, maxSurge: 0 } })) },
    { weight: 2, arbitrary: budget.map((s) => ({ type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: s } })) },
  )
}

/** What `daemonSet` generates. */
export interface Constraints extends FleetConstraints {
  /** Default `agent`. */
  readonly name?: string
  /** Whether `minReadySeconds` may be non-zero (default true). */
  readonly minReadySeconds?: boolean
}

/** The one container of generated templates, with the API server's defaults. */
export const container = (image: string): Container => ({
  name: 'agent',
  image,
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
})

/** The images templates pick from: a rollout changes one to another. */
export const images: ReadonlyArray<string> = ['agent:1', 'agent:2', 'agent:3']

/**
 * A DaemonSet (defaults applied) selecting `app: <name>`: a node selector on the role sometimes,
 * required affinity terms sometimes, tolerations, host networking sometimes, any strategy.
 */
export const daemonSet = (c: Constraints = {}): fc.Arbitrary<DaemonSet> => {
  const name = c.name ?? 'agent'
  return fc
    .record({
      image: fc.constantFrom(...images),
      nodeSelector: fc.option(fc.constantFrom(...roles), { freq: 3 }),
      terms: fc.option(fc.array(nodeAffinityTerm(), { minLength: 1, maxLength: 2 }), { freq: 3 }),
      tolerations: fc.array(fleetToleration(), { maxLength: 2 }),
      hostNetwork: fc.boolean(),
      strategy: updateStrategy(),
      minReadySeconds: c.minReadySeconds === false ? fc.constant(0) : fc.constantFrom(0, 0, 5),
      revisionHistoryLimit: fc.integer({ min: 0, max: 3 }),
      generation: fc.integer({ min: 1, max: 3 }),
      templateGeneration: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 3 }),
    })
    .map((g): DaemonSet => {
      const spec: PodSpec = {
        containers: [container(g.image)],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        securityContext: {},
        schedulerName: 'default-scheduler',
        ...(g.nodeSelector === null ? {} : { nodeSelector: { role: g.nodeSelector } }),
        ...(g.terms === null ? {} : { affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: g.terms } } } }),
        ...(g.tolerations.length === 0 ? {} : { tolerations: g.tolerations }),
        ...(g.hostNetwork ? { hostNetwork: true } : {}),
      } as PodSpec
      return {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: {
          name,
          namespace: 'default',
          uid: `ds-uid-${name}`,
          resourceVersion: '1',
          generation: g.generation,
          creationTimestamp: T.format((c.now ?? defaultNow).getTime() - 86400 * 1000),
          ...(g.templateGeneration === null ? {} : { annotations: { 'deprecated.daemonset.template.generation': String(g.templateGeneration) } }),
        },
        spec: {
          selector: { matchLabels: { app: name } },
          template: { metadata: { labels: { app: name } }, spec },
          updateStrategy: g.strategy,
          minReadySeconds: g.minReadySeconds,
          revisionHistoryLimit: g.revisionHistoryLimit,
        },
      }
    })
}

// -------------------------------------------------------------------------------------
// worlds
// -------------------------------------------------------------------------------------

/** The states a generated daemon pod can be in. */
export type PodState = 'ready' | 'notReady' | 'pending' | 'failed' | 'succeeded' | 'terminating'

/** A DaemonSet, its fleet, pods and revisions, with the view and the time they are observed at. */
export interface World {
  readonly ds: DaemonSet
  readonly nodes: ReadonlyArray<Node>
  readonly pods: ReadonlyArray<Pod>
  readonly revisions: ReadonlyArray<ControllerRevision>
  readonly objects: ReadonlyArray<KubeObject>
  readonly view: ClusterView.ClusterView
  readonly now: Date
}

/** An outdated template of `ds` (another image): what its old pods and old revision carry. */
const outdated = (ds: DaemonSet): DaemonSet => {
  const image = ds.spec.template.spec.containers[0]?.image === 'agent:0' ? 'agent:9' : 'agent:0'
  const spec = { ...ds.spec.template.spec, containers: [container(image)] }
  return { ...ds, spec: { ...ds.spec, template: { ...ds.spec.template, spec } } }
}

const podArb = (ds: DaemonSet, node: string, i: number, nowMs: number): fc.Arbitrary<Pod> =>
  fc
    .record({
      current: fc.boolean(),
      state: fc.constantFrom<PodState>('ready', 'ready', 'ready', 'notReady', 'pending', 'failed', 'succeeded', 'terminating'),
      age: fc.integer({ min: 10, max: 3600 }),
      readyFor: fc.integer({ min: 0, max: 600 }),
      orphan: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .map((g): Pod => {
      const source = g.current ? ds : outdated(ds)
      const hash = daemonSetHash(source.spec.template, undefined)
      const base = daemonPod(ds, createPodTemplate(source.spec.template, undefined, hash), node)
      const created = nowMs - g.age * 1000
      const bound = g.state !== 'pending'
      const ready = g.state === 'ready'
      const phase = g.state === 'failed' ? 'Failed' : g.state === 'succeeded' ? 'Succeeded' : bound ? 'Running' : 'Pending'
      const { generateName: _g, ownerReferences, ...meta } = base.metadata
      return {
        ...base,
        metadata: {
          ...meta,
          name: `${ds.metadata.name ?? ''}-${node}-${i}`,
          uid: `pod-uid-${node}-${i}`,
          resourceVersion: '1',
          creationTimestamp: T.format(created),
          ...(g.orphan ? {} : { ownerReferences }),
          ...(g.state === 'terminating' ? { deletionTimestamp: T.format(nowMs + 30_000), deletionGracePeriodSeconds: 30 } : {}),
        },
        spec: { ...base.spec, ...(bound ? { nodeName: node } : {}) },
        status: {
          phase,
          ...(ready ? { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: T.format(Math.max(created, nowMs - g.readyFor * 1000)) }] } : {}),
        },
      }
    })

/**
 * A world: a fleet, a DaemonSet, 0–2 pods per node (plus sometimes one aimed at a missing node),
 * and sometimes its current and an outdated revision.
 */
export const world = (c: Constraints = {}): fc.Arbitrary<World> => {
  const now = c.now ?? defaultNow
  const nowMs = now.getTime()
  return fc.record({ nodes: fleet(c), ds: daemonSet(c) }).chain(({ nodes, ds }) => {
    const names = [...nodes.map((n) => n.metadata.name ?? ''), 'gone']
    return fc
      .record({
        perNode: fc.tuple(...names.map((n, k) => fc.array(fc.nat(), { maxLength: n === 'gone' ? 1 : 2 }).chain((xs) => fc.tuple(...xs.map((_, i) => podArb(ds, n, k * 10 + i, nowMs)))))),
        currentRevision: fc.boolean(),
        oldRevision: fc.boolean(),
      })
      .map(({ perNode, currentRevision, oldRevision }): World => {
        const pods = perNode.flat().filter((p) => !(targetIsGone(p) && (p.spec.nodeName ?? '') !== ''))
        const revision = (d: DaemonSet, n: number): ControllerRevision => {
          const hash = daemonSetHash(d.spec.template, undefined)
          const r = newRevision(d, { name: revisionName(d.metadata.name ?? '', hash), revision: n, labels: { [controllerRevisionHashLabel]: hash } })
          return { ...r, metadata: { ...r.metadata, uid: `rev-uid-${n}`, resourceVersion: '1', creationTimestamp: T.format(nowMs - (10 - n) * 1000) } }
        }
        const revisions = [...(oldRevision ? [revision(outdated(ds), 1)] : []), ...(currentRevision ? [revision(ds, 2)] : [])]
        const objects: ReadonlyArray<KubeObject> = [ds, ...nodes, ...pods, ...revisions]
        return { ds, nodes, pods, revisions, objects, view: ClusterView.fromObjects(objects), now }
      })
  })
}

const targetIsGone = (p: Pod): boolean =>
  p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms[0]?.matchFields?.[0]?.values?.[0] === 'gone'

// -------------------------------------------------------------------------------------
// node churn and DaemonSet edits
// -------------------------------------------------------------------------------------

/** A change to the fleet or the DaemonSet, with its target picked at injection time (`resolveChange`). */
export type ChangePlan =
  | { readonly _tag: 'AddNode'; readonly node: Node }
  | { readonly _tag: 'RemoveNode'; readonly pick: number }
  | { readonly _tag: 'RelabelNode'; readonly pick: number; readonly role: string }
  | { readonly _tag: 'TaintNode'; readonly pick: number; readonly taints: ReadonlyArray<Taint> }
  | { readonly _tag: 'CordonNode'; readonly pick: number; readonly cordoned: boolean }
  | { readonly _tag: 'SetImage'; readonly image: string }
  | { readonly _tag: 'SetStrategy'; readonly strategy: NonNullable<DaemonSet['spec']['updateStrategy']> }

/** The change tags. */
export type ChangeTag = ChangePlan['_tag']

/** Every change tag. */
export const changeTags: ReadonlyArray<ChangeTag> = ['AddNode', 'RemoveNode', 'RelabelNode', 'TaintNode', 'CordonNode', 'SetImage', 'SetStrategy']

/** A change plan among `tags` (default all); added nodes are named `extra-<k>`. */
export const changePlan = (tags: ReadonlyArray<ChangeTag> = changeTags, c: FleetConstraints = {}): fc.Arbitrary<ChangePlan> => {
  const pick = fc.nat({ max: 1000 })
  const arbs: { readonly [T in ChangeTag]: fc.Arbitrary<ChangePlan> } = {
    AddNode: fc.nat({ max: 9 }).chain((k) => fleetNode(`extra-${k}`, c)).map((node): ChangePlan => ({ _tag: 'AddNode', node })),
    RemoveNode: pick.map((p): ChangePlan => ({ _tag: 'RemoveNode', pick: p })),
    RelabelNode: fc.record({ pick, role: fc.constantFrom(...roles) }).map((r): ChangePlan => ({ _tag: 'RelabelNode', ...r })),
    TaintNode: fc.record({ pick, taints: fc.array(fleetTaint(), { maxLength: 2 }).map(withoutDuplicateTaints) }).map((r): ChangePlan => ({ _tag: 'TaintNode', ...r })),
    CordonNode: fc.record({ pick, cordoned: fc.boolean() }).map((r): ChangePlan => ({ _tag: 'CordonNode', ...r })),
    SetImage: fc.constantFrom(...images).map((image): ChangePlan => ({ _tag: 'SetImage', image })),
    SetStrategy: updateStrategy().map((strategy): ChangePlan => ({ _tag: 'SetStrategy', strategy })),
  }
  return fc.oneof(...tags.map((t) => arbs[t]))
}

const sortedNodes = (view: ClusterView.ClusterView): ReadonlyArray<Node> =>
  [...(ClusterView.listOf(view, 'Node') as ReadonlyArray<Node>)].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))

/**
 * The `Fault` a change stands for in `view`: an `ExternalCreate` / `ExternalDelete` /
 * `ExternalEdit` of a node (the `pick`-th by name, modulo) or of the DaemonSet `dsName`;
 * `undefined` when there is no target (or the node to add exists).
 */
export const resolveChange = (plan: ChangePlan, view: ClusterView.ClusterView, dsName = 'agent'): Fault | undefined => {
  const nodes = sortedNodes(view)
  const node = 'pick' in plan && nodes.length > 0 ? nodes[plan.pick % nodes.length] : undefined
  const ds = ClusterView.lookup(view, 'DaemonSet', 'default', dsName)
  switch (plan._tag) {
    case 'AddNode':
      return ClusterView.lookup(view, 'Node', undefined, plan.node.metadata.name ?? '') === undefined ? { _tag: 'ExternalCreate', object: plan.node } : undefined
    case 'RemoveNode':
      return node === undefined ? undefined : { _tag: 'ExternalDelete', target: ObjectRef.of(node) }
    case 'RelabelNode':
      return node === undefined ? undefined : { _tag: 'ExternalEdit', target: ObjectRef.of(node), patch: { metadata: { labels: { role: plan.role } } } }
    case 'TaintNode':
      return node === undefined ? undefined : { _tag: 'ExternalEdit', target: ObjectRef.of(node), patch: { spec: { taints: plan.taints.length === 0 ? null : plan.taints } } }
    case 'CordonNode':
      return node === undefined ? undefined : { _tag: 'ExternalEdit', target: ObjectRef.of(node), patch: { spec: { unschedulable: plan.cordoned ? true : null } } }
    case 'SetImage':
      return ds === undefined ? undefined : { _tag: 'ExternalEdit', target: ObjectRef.of(ds), patch: { spec: { template: { spec: { containers: [container(plan.image)] } } } } }
    case 'SetStrategy':
      return ds === undefined ? undefined : { _tag: 'ExternalEdit', target: ObjectRef.of(ds), patch: { spec: { updateStrategy: { ...plan.strategy, ...(plan.strategy.rollingUpdate === undefined ? { rollingUpdate: null } : {}) } } } }
  }
}

/** A short rendering of a change plan, for counterexamples. */
export const showChange = (plan: ChangePlan): string =>
  plan._tag === 'AddNode' ? `AddNode(${plan.node.metadata.name ?? ''})` : `${plan._tag}(${JSON.stringify({ ...plan, _tag: undefined })})`
