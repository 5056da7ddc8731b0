/**
 * Arbitraries for ReplicaSets, ReplicationControllers and the pods around them: pods the owner
 * controls (some no longer matching its selector), matching and non-matching orphans, pods
 * another controller owns, pods of another namespace, terminating and terminal pods, pods on
 * failed nodes, pods with pod-deletion-cost annotations or extra (non-controller) owner
 * references, and Ready times in every RFC 3339 form, some on the availability boundary.
 *
 * Everything is valid by construction (no `.filter`): selectors are non-empty and match the
 * template labels, names are unique per namespace and uids cluster-wide, and every timestamp
 * but deletion times is at or before the world's `now`.
 *
 * Exported as the `ReplicaSet` namespace of `kube-reconcile/arbitraries` (`ReplicaSet.world(…)`).
 */
import fc from 'fast-check'
import { newControllerRef } from '../core/ownership.js'
import type { OwnerReference, StringMap } from '../api/meta.js'
import type { Node } from '../api/node.js'
import type { KubeObject } from '../api/object.js'
import type { Pod, PodTemplateSpec } from '../api/pod.js'
import type { ReplicaSet, ReplicaSetStatus, ReplicationController } from '../api/workloads.js'
import * as ClusterView from '../core/ClusterView.js'
import { podDeletionCostAnnotation } from '../core/ranking.js'
import * as T from '../core/time.js'
import {
  defaultNow,
  dnsLabel,
  given,
  labelsNotMatching,
  objectMeta,
  ownerReference,
  selectorAndLabels,
  timestampText,
  uid as uidArb,
} from './meta.js'
import type { Given } from './meta.js'
import { node } from './node.js'
import { pod, podTemplate } from './pod.js'
import type { PodPhase } from './pod.js'

// -------------------------------------------------------------------------------------
// owners
// -------------------------------------------------------------------------------------

/** What `replicaSet` and `replicationController` generate. Every field is optional. */
export interface Constraints {
  /** Fewest replicas (default 0). */
  readonly minReplicas?: number
  /** Most replicas (default 5). */
  readonly maxReplicas?: number
  /** Default `dnsLabel({ maxLength: 40 })`. */
  readonly name?: Given<string>
  /** Default `'default'`. */
  readonly namespace?: Given<string>
  readonly uid?: Given<string>
  /** Default: mostly 0, sometimes 1–30 seconds. */
  readonly minReadySeconds?: Given<number>
  /** Whether the owner is being deleted (default false). */
  readonly deleting?: Given<boolean>
  /** The owner's own controller reference (e.g. to a Deployment); default none. */
  readonly controller?: Given<OwnerReference | undefined>
  /** The pod template; default one with `restartPolicy: Always` and labels the selector matches. */
  readonly template?: Given<PodTemplateSpec>
  /** Whether a previously written status is present; default sometimes. */
  readonly withStatus?: Given<boolean>
  /** Creation time is at or before this (default `defaultNow`). */
  readonly now?: Date
}

const minReadyDefault = (): fc.Arbitrary<number> =>
  fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 30 }) })

/** A previous status with consistent counts (available ≤ ready ≤ replicas, fullyLabeled ≤ replicas). */
const previousStatus = (maxReplicas: number, generation: number, terminating: boolean): fc.Arbitrary<ReplicaSetStatus> =>
  fc
    .record({
      replicas: fc.nat({ max: maxReplicas + 1 }),
      ready: fc.nat({ max: maxReplicas + 1 }),
      available: fc.nat({ max: maxReplicas + 1 }),
      labeled: fc.nat({ max: maxReplicas + 1 }),
      terminatingReplicas: fc.nat({ max: 2 }),
      observed: fc.integer({ min: 1, max: generation }),
    })
    .map((s) => {
      const ready = Math.min(s.ready, s.replicas)
      return {
        replicas: s.replicas,
        fullyLabeledReplicas: Math.min(s.labeled, s.replicas),
        readyReplicas: ready,
        availableReplicas: Math.min(s.available, ready),
        ...(terminating ? { terminatingReplicas: s.terminatingReplicas } : {}),
        observedGeneration: s.observed,
      }
    })

interface OwnerParts {
  readonly meta: KubeObject['metadata']
  readonly replicas: number
  readonly minReadySeconds: number
  readonly controller: OwnerReference | undefined
  readonly withStatus: boolean
  readonly statusSeed: ReplicaSetStatus
}

const ownerParts = (c: Constraints, terminatingStatus: boolean): fc.Arbitrary<OwnerParts> => {
  const nowMs = (c.now ?? defaultNow).getTime()
  const min = Math.max(0, c.minReplicas ?? 0)
  const max = Math.max(min, c.maxReplicas ?? 5)
  return fc
    .record({
      meta: objectMeta({
        name: c.name ?? dnsLabel({ maxLength: 40 }),
        namespace: c.namespace ?? 'default',
        ...(c.uid === undefined ? {} : { uid: c.uid }),
        labels: {},
        created: { min: new Date(nowMs - 7 * 86400 * 1000), max: new Date(nowMs) },
        terminating: false,
        generation: true,
      }),
      deleting: given(c.deleting ?? false),
      replicas: fc.integer({ min, max }),
      minReadySeconds: given(c.minReadySeconds ?? minReadyDefault()),
      controller: given<OwnerReference | undefined>(c.controller ?? undefined),
      withStatus: given(c.withStatus ?? fc.boolean()),
    })
    .chain((p) =>
      previousStatus(max, p.meta.generation ?? 1, terminatingStatus).map((statusSeed) => ({
        meta: {
          ...p.meta,
          ...(p.deleting ? { deletionTimestamp: p.meta.creationTimestamp ?? '', deletionGracePeriodSeconds: 0, finalizers: ['foregroundDeletion'] } : {}),
          ...(p.controller === undefined ? {} : { ownerReferences: [p.controller] }),
        },
        replicas: p.replicas,
        minReadySeconds: p.minReadySeconds,
        controller: p.controller,
        withStatus: p.withStatus,
        statusSeed,
      })),
    )
}

const templateWith = (labels: StringMap): fc.Arbitrary<PodTemplateSpec> =>
  podTemplate({ labels, restartPolicies: ['Always'], maxContainers: 1 })

/**
 * A ReplicaSet (`apps/v1`) as the API server stores it: a non-empty selector that matches the
 * template's labels, `restartPolicy: Always`, `spec.replicas` within the bounds, `generation`,
 * labels copied from the template, and sometimes a previous status.
 */
export const replicaSet = (constraints: Constraints = {}): fc.Arbitrary<ReplicaSet> =>
  fc
    .record({
      parts: ownerParts(constraints, true),
      sl: selectorAndLabels({ allowEmpty: false, labels: { minKeys: 1, maxKeys: 3 } }),
    })
    .chain(({ parts, sl }) =>
      given(constraints.template ?? templateWith(sl.labels)).map((template): ReplicaSet => {
        const labels = template.metadata?.labels ?? sl.labels
        return {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: { ...parts.meta, labels },
          spec: {
            replicas: parts.replicas,
            minReadySeconds: parts.minReadySeconds,
            selector: constraints.template === undefined ? sl.selector : { matchLabels: labels },
            template,
          },
          ...(parts.withStatus ? { status: parts.statusSeed } : {}),
        }
      }),
    )

/**
 * A ReplicationController (`v1`) as the API server stores it: an equality selector made of a
 * non-empty subset of the template's labels, the rest as for `replicaSet`; its status has no
 * `terminatingReplicas`.
 */
export const replicationController = (constraints: Constraints = {}): fc.Arbitrary<ReplicationController> =>
  fc
    .record({
      parts: ownerParts(constraints, false),
      template: given(constraints.template ?? selectorAndLabels({ labels: { minKeys: 1, maxKeys: 3 } }).chain((sl) => templateWith(sl.labels))),
    })
    .chain(({ parts, template }) => {
      const entries = Object.entries(template.metadata?.labels ?? { app: 'rc' })
      return fc.subarray(entries, { minLength: 1 }).map((sel): ReplicationController => {
        const t: PodTemplateSpec =
          template.metadata?.labels === undefined ? { ...template, metadata: { ...template.metadata, labels: { app: 'rc' } } } : template
        return {
          apiVersion: 'v1',
          kind: 'ReplicationController',
          metadata: { ...parts.meta, labels: t.metadata?.labels ?? {} },
          spec: { replicas: parts.replicas, minReadySeconds: parts.minReadySeconds, selector: Object.fromEntries(sel), template: t },
          ...(parts.withStatus ? { status: parts.statusSeed } : {}),
        }
      })
    })

// -------------------------------------------------------------------------------------
// worlds: an owner and the pods around it
// -------------------------------------------------------------------------------------

/** A generated ReplicaSet or ReplicationController with the nodes and pods around it. */
export interface World {
  readonly now: Date
  readonly owner: ReplicaSet | ReplicationController
  /** Another object of the owner's kind under the same controller, when the owner has one. */
  readonly sibling: ReplicaSet | ReplicationController | undefined
  readonly nodes: ReadonlyArray<Node>
  readonly pods: ReadonlyArray<Pod>
  /** Nodes, owner, sibling, pods. */
  readonly objects: ReadonlyArray<KubeObject>
  /** `ClusterView.fromObjects(objects)`. */
  readonly view: ClusterView.ClusterView
}

/** What `world` generates. Every field is optional. */
export interface WorldConstraints {
  /** Owner kinds to pick from (default both, ReplicaSet more often). */
  readonly kinds?: ReadonlyArray<'ReplicaSet' | 'ReplicationController'>
  /** Most replicas (default 5). */
  readonly maxReplicas?: number
  /** Most pods in each category (owned, released, orphan, stranger, foreign; default 4). */
  readonly maxPodsPerCategory?: number
  /** Fewest / most nodes (default 1 / 3). */
  readonly minNodes?: number
  readonly maxNodes?: number
  /** Whether some nodes are down (Ready=Unknown); default sometimes. */
  readonly failedNodes?: boolean
  /** Whether pods may be terminating; default sometimes. */
  readonly terminating?: boolean
  /** Pod phases to pick from (default all four). */
  readonly phases?: ReadonlyArray<PodPhase>
  /** Whether the owner may be being deleted (default: sometimes). */
  readonly ownerDeleting?: boolean
  /** Whether the owner may have a controller (a Deployment) and a sibling (default: sometimes). */
  readonly siblings?: boolean
  /** The world's instant (default `defaultNow`). */
  readonly now?: Date
  /**
   * Whether pods of another namespace are generated too: matching orphans and pods with a
   * (cross-namespace, so void) controller reference to the owner, which it must neither adopt
   * nor count. Default false.
   */
  readonly otherNamespace?: boolean
  /**
   * Whether Ready transition times may move by up to a second, land on the availability
   * boundary `now − minReadySeconds` (give or take 1 ms or 1 s) and be written with fractional
   * seconds and `±hh:mm` offsets (`timestampText`). Default true.
   */
  readonly timestampForms?: boolean
}

/** A pod-deletion-cost value: valid integers, and malformed ones that count as 0. */
export const deletionCost = (): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.integer({ min: -1000, max: 1000 }).map(String) },
    { weight: 1, arbitrary: fc.constantFrom('+5', '007', '', 'abc', '99999999999', '-2147483648', '2147483647') },
  )

/** Sometimes a deletion-cost annotation. */
const costAnnotations = (): fc.Arbitrary<StringMap> =>
  fc.option(deletionCost(), { freq: 3 }).map((c) => (c === null ? {} : { [podDeletionCostAnnotation]: c }))

const templateOf = (o: ReplicaSet | ReplicationController): PodTemplateSpec =>
  o.spec.template ?? { spec: { containers: [{ name: 'app', image: 'nginx' }] } }

const selectorOf = (o: ReplicaSet | ReplicationController) =>
  o.kind === 'ReplicaSet' ? o.spec.selector : { matchLabels: o.spec.selector ?? {} }

const withLabels = (t: PodTemplateSpec, labels: StringMap, annotations: StringMap): PodTemplateSpec => ({
  ...t,
  metadata: {
    ...t.metadata,
    labels,
    ...(Object.keys(annotations).length === 0 ? {} : { annotations: { ...t.metadata?.annotations, ...annotations } }),
  },
})

/**
 * Owner references `refs` with sometimes one more, non-controller reference, before or after
 * them: upstream finds the controller reference wherever it is in the list.
 */
const withExtraRef = (refs: ReadonlyArray<OwnerReference>): fc.Arbitrary<ReadonlyArray<OwnerReference>> =>
  fc
    .tuple(
      fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: ownerReference({ controller: false }) }),
      fc.boolean(),
    )
    .map(([extra, first]) => (extra === undefined ? refs : first ? [extra, ...refs] : [...refs, extra]))

/**
 * `p` with its Ready transition time kept, moved back by under a second, or put on the
 * availability boundary `nowMs − minReadySeconds` (± 1 ms, ± 1 s) — held within creation and
 * `nowMs` — and written in the Kubernetes form (whole seconds) or any `timestampText` form.
 */
const retimed = (p: Pod, minReadySeconds: number, nowMs: number): fc.Arbitrary<Pod> => {
  const conditions = p.status?.conditions ?? []
  const ready = conditions.find((c) => c.type === 'Ready')
  const t = T.parse(ready?.lastTransitionTime)
  if (ready === undefined || t === undefined) return fc.constant(p)
  const created = T.parse(p.metadata.creationTimestamp) ?? t
  const boundary = nowMs - minReadySeconds * 1000
  return fc
    .oneof(
      { weight: 2, arbitrary: fc.constant(t) },
      { weight: 1, arbitrary: fc.integer({ min: 1, max: 999 }).map((d) => t - d) },
      { weight: 1, arbitrary: fc.constantFrom(-1000, -1, 0, 1, 1000).map((d) => boundary + d) },
    )
    .map((ms) => Math.min(nowMs, Math.max(created, ms)))
    .chain((ms) => (ms % 1000 === 0 ? fc.oneof(fc.constant(T.format(ms)), timestampText(ms)) : timestampText(ms)))
    .map((text) => ({
      ...p,
      status: { ...p.status, conditions: conditions.map((c) => (c === ready ? { ...c, lastTransitionTime: text } : c)) },
    }))
}

/** Gives every pod a unique name (`pod-<i>`) and every object a unique uid. */
const assemble = (
  now: Date,
  nodes: ReadonlyArray<Node>,
  owner: ReplicaSet | ReplicationController,
  sibling: ReplicaSet | ReplicationController | undefined,
  rawPods: ReadonlyArray<Pod>,
): World => {
  const uids = new Set<string>()
  const fresh = (u: string | undefined, i: number): string => {
    let candidate = u ?? ''
    for (let k = 0; candidate === '' || uids.has(candidate); k++) candidate = `00000000-0000-4000-8000-${(i * 1000 + k).toString(16).padStart(12, '0')}`
    uids.add(candidate)
    return candidate
  }
  for (const o of [owner, ...(sibling === undefined ? [] : [sibling])]) uids.add(o.metadata.uid ?? '')
  for (const r of owner.metadata.ownerReferences ?? []) uids.add(r.uid)
  for (const p of rawPods) for (const r of p.metadata.ownerReferences ?? []) uids.add(r.uid)
  const ns = nodes.map((n, i): Node => ({ ...n, metadata: { ...n.metadata, uid: fresh(n.metadata.uid, 1_000_000 + i) } }))
  const pods = rawPods.map((p, i): Pod => ({ ...p, metadata: { ...p.metadata, name: `pod-${i}`, uid: fresh(p.metadata.uid, i) } }))
  const objects: ReadonlyArray<KubeObject> = [...ns, owner, ...(sibling === undefined ? [] : [sibling]), ...pods]
  const generated = { now, owner, sibling, nodes: ns, pods, objects, view: ClusterView.fromObjects(objects) }
  Object.defineProperty(generated, fc.toStringMethod, {
    value: () => `ReplicaSet.world(${fc.stringify({ now, objects })})`,
    enumerable: false,
  })
  return generated
}

/**
 * A ReplicaSet or ReplicationController at one instant with nodes (some down) and pods of every
 * relation to it: controlled and matching, controlled but released by a label edit, matching
 * and non-matching orphans, matching pods another controller owns (its sibling under the
 * same Deployment when it has one), and on request matching pods of another namespace (orphans,
 * and pods claiming the owner as controller across namespaces). Pods may be pending, running,
 * ready, failed, succeeded, terminating, on a failed node, carry deletion costs and a
 * non-controller owner reference before or after their controller reference; Ready times come
 * in every RFC 3339 form (see `WorldConstraints.timestampForms`).
 */
export const world = (constraints: WorldConstraints = {}): fc.Arbitrary<World> =>
  fc.uniqueArray(uidArb(), { minLength: 4, maxLength: 4 }).chain(([ownerUid = '', siblingUid = '', deploymentUid = '', strangerUid = '']) =>
    worldWith(constraints, { ownerUid, siblingUid, deploymentUid, strangerUid }),
  )

interface WorldUids {
  readonly ownerUid: string
  readonly siblingUid: string
  readonly deploymentUid: string
  readonly strangerUid: string
}

const worldWith = (constraints: WorldConstraints, ids: WorldUids): fc.Arbitrary<World> => {
  const now = constraints.now ?? defaultNow
  const kinds = constraints.kinds ?? ['ReplicaSet', 'ReplicaSet', 'ReplicationController']
  const maxPods = constraints.maxPodsPerCategory ?? 4
  const deploymentRef: OwnerReference = {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    name: 'deploy',
    uid: ids.deploymentUid,
    controller: true,
    blockOwnerDeletion: true,
  }
  const controller: fc.Arbitrary<OwnerReference | undefined> =
    constraints.siblings === false
      ? fc.constant(undefined)
      : constraints.siblings === true
        ? fc.constant(deploymentRef)
        : fc.option(fc.constant(deploymentRef), { nil: undefined })
  const ownerBase = {
    maxReplicas: constraints.maxReplicas ?? 5,
    now,
    uid: ids.ownerUid,
    deleting:
      constraints.ownerDeleting === undefined
        ? fc.oneof({ weight: 9, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })
        : fc.constant(constraints.ownerDeleting),
    controller,
  }
  const ownerArb: fc.Arbitrary<ReplicaSet | ReplicationController> = fc
    .constantFrom(...kinds)
    .chain((k): fc.Arbitrary<ReplicaSet | ReplicationController> =>
      k === 'ReplicaSet' ? replicaSet(ownerBase) : replicationController(ownerBase),
    )
  const readiness =
    constraints.failedNodes === false
      ? (['True'] as const)
      : constraints.failedNodes === true
        ? (['True', 'Unknown'] as const)
        : (['True', 'True', 'True', 'Unknown'] as const)
  const nodesArb = fc.uniqueArray(
    node({
      name: dnsLabel({ maxLength: 20 }).map((n) => `node-${n}`),
      readiness: [...readiness],
      unschedulable: false,
      maxTaints: 0,
      now,
      minPods: 110,
    }),
    { minLength: constraints.minNodes ?? 1, maxLength: constraints.maxNodes ?? 3, selector: (n) => n.metadata.name },
  )
  return fc.record({ owner: ownerArb, nodes: nodesArb }).chain(({ owner, nodes }) => {
    const nodeNames = nodes.map((n) => n.metadata.name ?? '')
    const template = templateOf(owner)
    const labels = template.metadata?.labels ?? {}
    const selector = selectorOf(owner)
    const ns = owner.metadata.namespace ?? 'default'
    const ctrl = owner.metadata.ownerReferences?.find((r) => r.controller === true)
    const minReady = owner.spec.minReadySeconds ?? 0
    const podsOf = (
      t: fc.Arbitrary<PodTemplateSpec>,
      refs: ReadonlyArray<OwnerReference>,
      namespace: string = ns,
      maxLength: number = maxPods,
    ): fc.Arbitrary<ReadonlyArray<Pod>> =>
      fc.array(
        pod({
          template: t,
          namespace,
          ownerReferences: withExtraRef(refs),
          nodeNames,
          now,
          ...(constraints.phases === undefined ? {} : { phases: constraints.phases }),
          ...(constraints.terminating === undefined ? {} : { terminating: constraints.terminating }),
        }).chain((p) => (constraints.timestampForms === false ? fc.constant(p) : retimed(p, minReady, now.getTime()))),
        { maxLength },
      )
    const matching = costAnnotations().map((a) => withLabels(template, labels, a))
    const notMatching = fc.tuple(labelsNotMatching(selector, labels), costAnnotations()).map(([l, a]) => withLabels(template, l, a))
    const sibling: ReplicaSet | ReplicationController | undefined =
      ctrl === undefined
        ? undefined
        : ({
            ...owner,
            metadata: { ...owner.metadata, name: `${owner.metadata.name ?? 'rs'}-old`, uid: ids.siblingUid, ownerReferences: [ctrl] },
          } as ReplicaSet | ReplicationController)
    const stranger: OwnerReference = {
      apiVersion: 'apps/v1',
      kind: 'StatefulSet',
      name: 'stranger',
      uid: ids.strangerUid,
      controller: true,
      blockOwnerDeletion: true,
    }
    const foreignRef = sibling === undefined ? stranger : newControllerRef(sibling)
    const elsewhere = `${ns}-other`
    const maxElsewhere = constraints.otherNamespace === true ? Math.max(1, Math.ceil(maxPods / 2)) : 0
    return fc
      .record({
        owned: podsOf(matching, [newControllerRef(owner)]),
        released: podsOf(notMatching, [newControllerRef(owner)]),
        orphans: podsOf(matching, []),
        strangers: podsOf(notMatching, []),
        foreign: podsOf(matching, [foreignRef]),
        elsewhere: fc
          .tuple(podsOf(matching, [], elsewhere, maxElsewhere), podsOf(matching, [newControllerRef(owner)], elsewhere, maxElsewhere))
          .map(([a, b]) => [...a, ...b]),
      })
      .map((g) =>
        assemble(now, nodes, owner, sibling, [...g.owned, ...g.released, ...g.orphans, ...g.strangers, ...g.foreign, ...g.elsewhere]),
      )
  })
}
