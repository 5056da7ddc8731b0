/**
 * Faults and external actors as fast-check arbitraries of the simulation's `Fault` data: pod
 * crash, node down and up, external delete, label edit and scale change (JSON merge patches),
 * stale view, dropped actions and controller restart; and node churn (nodes joining, leaving,
 * relabelled, tainted, untainted, cordoned, uncordoned), opt-in with `nodeChurnPlanTags`.
 *
 * Two styles:
 * - `fault(targets)` and the single-fault arbitraries draw `Fault` values over targets known
 *   when the test is written (the initial objects);
 * - `faultPlan(constraints)` draws a `FaultPlan` whose target is an index, resolved with
 *   `resolveFault(plan, view)` against the cluster as it is when the fault is injected. Pods
 *   come and go during a simulation, so fault sequences over a running cluster use plans.
 *   Plans shrink toward the first target, few rounds and the simplest faults.
 */
import fc from 'fast-check'
import type { Kind } from '../api/object.js'
import * as ClusterView from '../core/ClusterView.js'
import type { ClusterView as View } from '../core/ClusterView.js'
import * as ObjectRef from '../core/ObjectRef.js'
import type { ObjectRef as Ref } from '../core/ObjectRef.js'
import type { Fault } from '../sim/types.js'
import { commonLabelKeys, commonLabelValues } from './meta.js'

// -------------------------------------------------------------------------------------
// faults over known targets
// -------------------------------------------------------------------------------------

/** A namespaced object name. */
export interface Named {
  readonly namespace: string
  readonly name: string
}

/** A pod's containers crash. */
export const podCrash = (pods: ReadonlyArray<Named>): fc.Arbitrary<Fault> =>
  fc.constantFrom(...pods).map((p): Fault => ({ _tag: 'PodCrash', namespace: p.namespace, name: p.name }))

/** A node goes down. */
export const nodeDown = (nodes: ReadonlyArray<string>): fc.Arbitrary<Fault> =>
  fc.constantFrom(...nodes).map((name): Fault => ({ _tag: 'NodeDown', name }))

/** A node comes back. */
export const nodeUp = (nodes: ReadonlyArray<string>): fc.Arbitrary<Fault> =>
  fc.constantFrom(...nodes).map((name): Fault => ({ _tag: 'NodeUp', name }))

/** Someone deletes one of `targets`. */
export const externalDelete = (targets: ReadonlyArray<Ref>): fc.Arbitrary<Fault> =>
  fc.constantFrom(...targets).map((target): Fault => ({ _tag: 'ExternalDelete', target }))

/** A label value to set, or `null` to remove the key (merge-patch semantics). */
const labelValueOrRemove = (): fc.Arbitrary<string | null> =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...commonLabelValues) }, { weight: 1, arbitrary: fc.constant(null) })

/** The merge patch that sets (or with `null` removes) one label. */
export const labelPatch = (key: string, value: string | null): unknown => ({ metadata: { labels: { [key]: value } } })

/** The merge patch that sets `spec.replicas`. */
export const scalePatch = (replicas: number): unknown => ({ spec: { replicas } })

/** Someone sets or removes a label on one of `targets` (default keys: `commonLabelKeys`). */
export const labelEdit = (targets: ReadonlyArray<Ref>, keys: ReadonlyArray<string> = commonLabelKeys): fc.Arbitrary<Fault> =>
  fc
    .record({ target: fc.constantFrom(...targets), key: fc.constantFrom(...keys), value: labelValueOrRemove() })
    .map(({ target, key, value }): Fault => ({ _tag: 'ExternalEdit', target, patch: labelPatch(key, value) }))

/** Someone scales one of `targets` to 0..`maxReplicas`. */
export const scaleChange = (targets: ReadonlyArray<Ref>, maxReplicas = 5): fc.Arbitrary<Fault> =>
  fc
    .record({ target: fc.constantFrom(...targets), replicas: fc.nat({ max: maxReplicas }) })
    .map(({ target, replicas }): Fault => ({ _tag: 'ExternalEdit', target, patch: scalePatch(replicas) }))

/** Bounds of `staleView`. */
export interface StaleViewConstraints {
  /** Most rounds behind (default 3). */
  readonly maxLag?: number
  /** Most rounds it lasts (default 3). */
  readonly maxRounds?: number
}

const staleViewArgs = (c: StaleViewConstraints = {}): fc.Arbitrary<{ readonly lag: number; readonly rounds: number }> =>
  fc.record({ lag: fc.integer({ min: 1, max: Math.max(1, c.maxLag ?? 3) }), rounds: fc.integer({ min: 1, max: Math.max(1, c.maxRounds ?? 3) }) })

/** The controllers see an old view for a while. */
export const staleView = (c: StaleViewConstraints = {}): fc.Arbitrary<Fault> =>
  staleViewArgs(c).map(({ lag, rounds }): Fault => ({ _tag: 'StaleView', lag, rounds }))

/** The next 1..`max` controller writes are lost (default 3). */
export const dropActions = (max = 3): fc.Arbitrary<Fault> =>
  fc.integer({ min: 1, max: Math.max(1, max) }).map((count): Fault => ({ _tag: 'DropActions', count }))

/** The controller manager restarts. */
export const controllerRestart = (): fc.Arbitrary<Fault> => fc.constant<Fault>({ _tag: 'ControllerRestart' })

/** The targets `fault` may pick from; empty lists switch those faults off. */
export interface FaultTargets {
  readonly pods?: ReadonlyArray<Named>
  readonly nodes?: ReadonlyArray<string>
  /** Objects someone may delete. */
  readonly deletable?: ReadonlyArray<Ref>
  /** Objects someone may relabel. */
  readonly labelable?: ReadonlyArray<Ref>
  /** Objects someone may scale (`spec.replicas`). */
  readonly scalable?: ReadonlyArray<Ref>
  readonly maxReplicas?: number
}

/** Any fault over the given targets (stale view, dropped actions and restart always possible). */
export const fault = (t: FaultTargets = {}): fc.Arbitrary<Fault> => {
  const nonEmpty = <A>(xs: ReadonlyArray<A> | undefined): xs is ReadonlyArray<A> => xs !== undefined && xs.length > 0
  return fc.oneof(
    controllerRestart(),
    dropActions(),
    staleView(),
    ...(nonEmpty(t.pods) ? [podCrash(t.pods)] : []),
    ...(nonEmpty(t.nodes) ? [nodeDown(t.nodes), nodeUp(t.nodes)] : []),
    ...(nonEmpty(t.deletable) ? [externalDelete(t.deletable)] : []),
    ...(nonEmpty(t.labelable) ? [labelEdit(t.labelable)] : []),
    ...(nonEmpty(t.scalable) ? [scaleChange(t.scalable, t.maxReplicas)] : []),
  )
}

// -------------------------------------------------------------------------------------
// plans: faults whose targets are picked at injection time
// -------------------------------------------------------------------------------------

/** A fault whose target (if any) is the `pick`-th candidate, modulo their number, at injection time. */
export type FaultPlan =
  | { readonly _tag: 'PodCrash'; readonly pick: number }
  | { readonly _tag: 'NodeDown'; readonly pick: number }
  | { readonly _tag: 'NodeUp'; readonly pick: number }
  | { readonly _tag: 'DeletePod'; readonly pick: number }
  | { readonly _tag: 'EvictPod'; readonly pick: number }
  | { readonly _tag: 'LabelPod'; readonly pick: number; readonly key: string; readonly value: string | null }
  | { readonly _tag: 'Scale'; readonly pick: number; readonly replicas: number }
  | { readonly _tag: 'StaleView'; readonly lag: number; readonly rounds: number }
  | { readonly _tag: 'DropActions'; readonly count: number }
  | { readonly _tag: 'ControllerRestart' }
  | { readonly _tag: 'NodeAdd'; readonly index: number; readonly labels: Readonly<Record<string, string>> }
  | { readonly _tag: 'NodeRemove'; readonly pick: number }
  | { readonly _tag: 'NodeLabel'; readonly pick: number; readonly key: string; readonly value: string | null }
  | { readonly _tag: 'NodeTaint'; readonly pick: number; readonly key: string; readonly effect: string }
  | { readonly _tag: 'NodeUntaint'; readonly pick: number; readonly key: string }
  | { readonly _tag: 'NodeCordon'; readonly pick: number }
  | { readonly _tag: 'NodeUncordon'; readonly pick: number }

/** The plan tags. */
export type FaultPlanTag = FaultPlan['_tag']

/** Every plan tag. */
export const faultPlanTags: ReadonlyArray<FaultPlanTag> = [
  'PodCrash',
  'NodeDown',
  'NodeUp',
  'DeletePod',
  'LabelPod',
  'Scale',
  'StaleView',
  'DropActions',
  'ControllerRestart',
]

/** The node churn plan tags (not in `faultPlanTags`: ask for them with `tags`). */
export const nodeChurnPlanTags: ReadonlyArray<FaultPlanTag> = [
  'NodeAdd',
  'NodeRemove',
  'NodeLabel',
  'NodeTaint',
  'NodeUntaint',
  'NodeCordon',
  'NodeUncordon',
]

/** Node label keys and values node churn plans use by default. */
export const churnLabels = { keys: ['zone', 'disk'], values: ['a', 'b'] } as const

/** Taint keys node churn plans use by default. */
export const churnTaintKeys: ReadonlyArray<string> = ['dedicated', 'node.kubernetes.io/memory-pressure']

/** What `faultPlan` generates. */
export interface FaultPlanConstraints {
  /** Which faults (default `faultPlanTags`; node churn is in `nodeChurnPlanTags`). */
  readonly tags?: ReadonlyArray<FaultPlanTag>
  /** Kinds a `Scale` plan targets (default ReplicaSet and ReplicationController). */
  readonly scaleKinds?: ReadonlyArray<Kind>
  /** Largest replicas a `Scale` plan sets (default 5). */
  readonly maxReplicas?: number
  /** Label keys a `LabelPod` plan edits (default `commonLabelKeys`). */
  readonly labelKeys?: ReadonlyArray<string>
  readonly staleView?: StaleViewConstraints
  /** Most writes a `DropActions` plan loses (default 3). */
  readonly maxDrops?: number
  /** Node label keys and values node churn sets (default `churnLabels`). */
  readonly nodeLabels?: { readonly keys: ReadonlyArray<string>; readonly values: ReadonlyArray<string> }
  /** Taint keys node churn adds and removes (default `churnTaintKeys`). */
  readonly taintKeys?: ReadonlyArray<string>
}

/** A fault plan; see `resolveFault`. */
export const faultPlan = (c: FaultPlanConstraints = {}): fc.Arbitrary<FaultPlan> => {
  const tags = c.tags ?? faultPlanTags
  const pick = fc.nat({ max: 1000 })
  const labelKey = fc.constantFrom(...(c.nodeLabels ?? churnLabels).keys)
  const labelValue = fc.constantFrom(...(c.nodeLabels ?? churnLabels).values)
  const taintKey = fc.constantFrom(...(c.taintKeys ?? churnTaintKeys))
  const arbs: { readonly [T in FaultPlanTag]: fc.Arbitrary<FaultPlan> } = {
    ControllerRestart: fc.constant<FaultPlan>({ _tag: 'ControllerRestart' }),
    DropActions: fc.integer({ min: 1, max: Math.max(1, c.maxDrops ?? 3) }).map((count): FaultPlan => ({ _tag: 'DropActions', count })),
    StaleView: staleViewArgs(c.staleView).map((r): FaultPlan => ({ _tag: 'StaleView', ...r })),
    PodCrash: pick.map((p): FaultPlan => ({ _tag: 'PodCrash', pick: p })),
    NodeDown: pick.map((p): FaultPlan => ({ _tag: 'NodeDown', pick: p })),
    NodeUp: pick.map((p): FaultPlan => ({ _tag: 'NodeUp', pick: p })),
    DeletePod: pick.map((p): FaultPlan => ({ _tag: 'DeletePod', pick: p })),
    EvictPod: pick.map((p): FaultPlan => ({ _tag: 'EvictPod', pick: p })),
    LabelPod: fc
      .record({ pick, key: fc.constantFrom(...(c.labelKeys ?? commonLabelKeys)), value: labelValueOrRemove() })
      .map((r): FaultPlan => ({ _tag: 'LabelPod', ...r })),
    Scale: fc.record({ pick, replicas: fc.nat({ max: c.maxReplicas ?? 5 }) }).map((r): FaultPlan => ({ _tag: 'Scale', ...r })),
    NodeAdd: fc
      .record({ index: fc.nat({ max: 9 }), labels: fc.dictionary(labelKey, labelValue, { maxKeys: 2 }) })
      .map((r): FaultPlan => ({ _tag: 'NodeAdd', ...r })),
    NodeRemove: pick.map((p): FaultPlan => ({ _tag: 'NodeRemove', pick: p })),
    NodeLabel: fc
      .record({ pick, key: labelKey, value: fc.option(labelValue, { nil: null }) })
      .map((r): FaultPlan => ({ _tag: 'NodeLabel', ...r })),
    NodeTaint: fc
      .record({ pick, key: taintKey, effect: fc.constantFrom('NoSchedule', 'PreferNoSchedule', 'NoExecute') })
      .map((r): FaultPlan => ({ _tag: 'NodeTaint', ...r })),
    NodeUntaint: fc.record({ pick, key: taintKey }).map((r): FaultPlan => ({ _tag: 'NodeUntaint', ...r })),
    NodeCordon: pick.map((p): FaultPlan => ({ _tag: 'NodeCordon', pick: p })),
    NodeUncordon: pick.map((p): FaultPlan => ({ _tag: 'NodeUncordon', pick: p })),
  }
  return fc.oneof(...tags.map((t) => arbs[t]))
}

const byKey = <A extends { readonly metadata: { readonly name?: string; readonly namespace?: string } }>(xs: ReadonlyArray<A>): ReadonlyArray<A> =>
  [...xs].sort((a, b) => {
    const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`
    const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`
    return ka < kb ? -1 : ka > kb ? 1 : 0
  })

const nth = <A>(xs: ReadonlyArray<A>, pick: number): A | undefined => (xs.length === 0 ? undefined : xs[pick % xs.length])

/**
 * The `Fault` a plan stands for in `view`: its target is the `pick`-th (modulo) candidate in
 * name order — pods not yet being deleted, nodes, objects of `scaleKinds` — or `undefined` when
 * there is no candidate.
 */
export const resolveFault = (
  plan: FaultPlan,
  view: View,
  scaleKinds: ReadonlyArray<Kind> = ['ReplicaSet', 'ReplicationController'],
): Fault | undefined => {
  const livePods = () => byKey(ClusterView.listOf(view, 'Pod').filter((p) => p.metadata.deletionTimestamp === undefined))
  const nodes = () => byKey(ClusterView.listOf(view, 'Node'))
  switch (plan._tag) {
    case 'ControllerRestart':
      return { _tag: 'ControllerRestart' }
    case 'DropActions':
      return { _tag: 'DropActions', count: plan.count }
    case 'StaleView':
      return { _tag: 'StaleView', lag: plan.lag, rounds: plan.rounds }
    case 'PodCrash': {
      const p = nth(livePods(), plan.pick)
      return p === undefined ? undefined : { _tag: 'PodCrash', namespace: p.metadata.namespace ?? '', name: p.metadata.name ?? '' }
    }
    case 'NodeDown':
    case 'NodeUp': {
      const n = nth(nodes(), plan.pick)
      return n === undefined ? undefined : { _tag: plan._tag, name: n.metadata.name ?? '' }
    }
    case 'DeletePod': {
      const p = nth(livePods(), plan.pick)
      return p === undefined ? undefined : { _tag: 'ExternalDelete', target: ObjectRef.of(p) }
    }
    case 'EvictPod': {
      const p = nth(livePods(), plan.pick)
      return p === undefined ? undefined : { _tag: 'EvictPod', namespace: p.metadata.namespace ?? '', name: p.metadata.name ?? '' }
    }
    case 'LabelPod': {
      const p = nth(livePods(), plan.pick)
      return p === undefined ? undefined : { _tag: 'ExternalEdit', target: ObjectRef.of(p), patch: labelPatch(plan.key, plan.value) }
    }
    case 'Scale': {
      const o = nth(byKey(scaleKinds.flatMap((k) => ClusterView.list(view, k))), plan.pick)
      return o === undefined ? undefined : { _tag: 'ExternalEdit', target: ObjectRef.of(o), patch: scalePatch(plan.replicas) }
    }
    case 'NodeAdd':
      return { _tag: 'NodeAdd', name: `churn-${plan.index}`, labels: plan.labels }
    case 'NodeRemove':
    case 'NodeCordon':
    case 'NodeUncordon': {
      const n = nth(nodes(), plan.pick)
      return n === undefined ? undefined : { _tag: plan._tag, name: n.metadata.name ?? '' }
    }
    case 'NodeLabel': {
      const n = nth(nodes(), plan.pick)
      return n === undefined ? undefined : { _tag: 'NodeLabel', name: n.metadata.name ?? '', labels: { [plan.key]: plan.value } }
    }
    case 'NodeTaint': {
      const n = nth(nodes(), plan.pick)
      return n === undefined ? undefined : { _tag: 'NodeTaint', name: n.metadata.name ?? '', taint: { key: plan.key, effect: plan.effect } }
    }
    case 'NodeUntaint': {
      const n = nth(nodes(), plan.pick)
      return n === undefined ? undefined : { _tag: 'NodeUntaint', name: n.metadata.name ?? '', key: plan.key }
    }
  }
}

/** A short, readable rendering of a plan, for counterexamples and command names. */
export const showPlan = (plan: FaultPlan): string => {
  const { _tag, ...rest } = plan
  const args = Object.entries(rest).map(([k, v]) => `${k}=${JSON.stringify(v)}`)
  return args.length === 0 ? _tag : `${_tag}(${args.join(', ')})`
}
