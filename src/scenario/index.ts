/**
 * Scenarios: a timed script of user actions and faults that travels in a manifest file as a
 * document of `kind: Scenario` (`apiVersion: kube-reconcile.io/v1alpha1`), so that one file
 * holds both the cluster and what happens to it.
 *
 * ```yaml
 * apiVersion: kube-reconcile.io/v1alpha1
 * kind: Scenario
 * spec:
 *   until: 3m
 *   seed: 7
 *   events:
 *     - { at: 20s, scale: { kind: ReplicaSet, name: web, replicas: 5 } }
 *     - { at: 40s, crashPod: { selector: { app: web } } }
 *     - { at: 60s, nodeDown: node-2 }
 *     - { at: 70s, addNode: { name: node-4, labels: { zone: z1 } } }
 *     - { at: 80s, taintNode: { name: node-1, key: dedicated, value: gpu, effect: NoSchedule } }
 *     - { at: 90s, cordon: node-3 }
 * ```
 *
 * Node churn: `addNode`, `removeNode`, `labelNode` (`{name, labels}`, a `null` value removes the
 * label), `taintNode` (`{name, key, value?, effect}`), `untaintNode` (`{name, key, effect?}`),
 * `cordon` and `uncordon`.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import * as DE from '../api/DecodeError.js'
import { issuesOf } from '../api/decode.js'
import type { DecodeError } from '../api/DecodeError.js'
import type { StringMap } from '../api/meta.js'
import type { Taint } from '../api/node.js'
import { kinds, isKind } from '../api/object.js'
import * as CV from '../core/ClusterView.js'
import type { ClusterView } from '../core/ClusterView.js'
import { isActive } from '../core/pods.js'
import { isSuperset } from '../core/selector.js'
import type { Fault } from '../sim/types.js'
import { parseDuration } from './duration.js'

export { parseDuration, formatDuration } from './duration.js'

/** The apiVersion of Scenario documents. */
export const apiVersion = 'kube-reconcile.io/v1alpha1'

/** Picks one pod: the `index`-th active pod (by name) in `namespace` whose labels include `selector`. */
export interface PodPick {
  readonly namespace: string
  readonly selector: StringMap
  readonly index: number
}

/** Names one object for an edit or a scale. */
export interface Target {
  readonly kind: string
  readonly namespace: string
  readonly name: string
}

/** What a scenario event does. */
export type Step =
  | { readonly _tag: 'CrashPod'; readonly pick: PodPick }
  | { readonly _tag: 'DeletePod'; readonly pick: PodPick }
  | { readonly _tag: 'EvictPod'; readonly pick: PodPick }
  | { readonly _tag: 'NodeDown'; readonly node: string }
  | { readonly _tag: 'NodeUp'; readonly node: string }
  | { readonly _tag: 'Scale'; readonly target: Target; readonly replicas: number }
  | { readonly _tag: 'Edit'; readonly target: Target; readonly patch: unknown }
  | { readonly _tag: 'Fault'; readonly fault: Fault }

/** One timed event: `at` seconds after the simulation starts. */
export interface ScenarioEvent {
  readonly at: number
  readonly step: Step
}

/** A decoded scenario. */
export interface Scenario {
  readonly name: string
  /** How long to simulate, in seconds. */
  readonly until: number
  readonly seed?: number
  /** Events sorted by time (stable for equal times). */
  readonly events: ReadonlyArray<ScenarioEvent>
}

// -------------------------------------------------------------------------------------
// decoding
// -------------------------------------------------------------------------------------

const PickCodec = t.intersection([
  t.type({ selector: t.record(t.string, t.string) }),
  t.partial({ namespace: t.string, index: t.number }),
])
const TargetCodec = t.intersection([t.type({ kind: t.string, name: t.string }), t.partial({ namespace: t.string })])
const Effect = t.keyof({ NoSchedule: null, PreferNoSchedule: null, NoExecute: null })
const TaintCodec = t.intersection([t.type({ key: t.string, effect: Effect }), t.partial({ value: t.string })])
const AddNodeCodec = t.intersection([
  t.type({ name: t.string }),
  t.partial({ labels: t.record(t.string, t.string), taints: t.array(TaintCodec), pods: t.number }),
])

const EventCodec = t.intersection([
  t.type({ at: t.union([t.string, t.number]) }),
  t.partial({
    crashPod: PickCodec,
    deletePod: PickCodec,
    evictPod: PickCodec,
    nodeDown: t.string,
    nodeUp: t.string,
    scale: t.intersection([TargetCodec, t.type({ replicas: t.number })]),
    edit: t.intersection([TargetCodec, t.type({ patch: t.UnknownRecord })]),
    fault: t.intersection([t.type({ _tag: t.string }), t.UnknownRecord]),
    addNode: AddNodeCodec,
    removeNode: t.string,
    labelNode: t.type({ name: t.string, labels: t.record(t.string, t.union([t.string, t.null])) }),
    taintNode: t.intersection([t.type({ name: t.string }), TaintCodec]),
    untaintNode: t.intersection([t.type({ name: t.string, key: t.string }), t.partial({ effect: Effect })]),
    cordon: t.string,
    uncordon: t.string,
  }),
])

const ScenarioCodec = t.type({
  apiVersion: t.literal(apiVersion),
  kind: t.literal('Scenario'),
  spec: t.intersection([
    t.type({ events: t.array(EventCodec) }),
    t.partial({ until: t.union([t.string, t.number]), seed: t.number }),
  ]),
})

const faultTags: ReadonlySet<string> = new Set([
  'PodCrash',
  'EvictPod',
  'NodeDown',
  'NodeUp',
  'ExternalDelete',
  'ExternalEdit',
  'ExternalCreate',
  'StaleView',
  'DropActions',
  'ControllerRestart',
  'NodeAdd',
  'NodeRemove',
  'NodeLabel',
  'NodeTaint',
  'NodeUntaint',
  'NodeCordon',
  'NodeUncordon',
])

/** True when `u` is a Scenario document (by kind), whether or not it is valid. */
export const isScenarioDocument = (u: unknown): boolean =>
  typeof u === 'object' && u !== null && (u as { kind?: unknown }).kind === 'Scenario'

const target = (x: t.TypeOf<typeof TargetCodec>): Target => ({
  kind: x.kind,
  namespace: kinds[x.kind as keyof typeof kinds]?.namespaced === false ? '' : (x.namespace ?? 'default'),
  name: x.name,
})
const pick = (x: t.TypeOf<typeof PickCodec>): PodPick => ({
  namespace: x.namespace ?? 'default',
  selector: x.selector,
  index: x.index ?? 0,
})

const stepKeys = [
  'crashPod',
  'deletePod',
  'evictPod',
  'nodeDown',
  'nodeUp',
  'scale',
  'edit',
  'fault',
  'addNode',
  'removeNode',
  'labelNode',
  'taintNode',
  'untaintNode',
  'cordon',
  'uncordon',
] as const

const taintOf = (x: t.TypeOf<typeof TaintCodec>): Taint => ({ key: x.key, effect: x.effect, ...(x.value === undefined ? {} : { value: x.value }) })

/** The node-churn fault an event names, if it names one. */
const nodeStep = (e: t.TypeOf<typeof EventCodec>): Fault | undefined => {
  if (e.addNode !== undefined) {
    const a = e.addNode
    return {
      _tag: 'NodeAdd',
      name: a.name,
      ...(a.labels === undefined ? {} : { labels: a.labels }),
      ...(a.taints === undefined ? {} : { taints: a.taints.map(taintOf) }),
      ...(a.pods === undefined ? {} : { pods: a.pods }),
    }
  }
  if (e.removeNode !== undefined) return { _tag: 'NodeRemove', name: e.removeNode }
  if (e.labelNode !== undefined) return { _tag: 'NodeLabel', name: e.labelNode.name, labels: e.labelNode.labels }
  if (e.taintNode !== undefined) return { _tag: 'NodeTaint', name: e.taintNode.name, taint: taintOf(e.taintNode) }
  if (e.untaintNode !== undefined) {
    const u = e.untaintNode
    return { _tag: 'NodeUntaint', name: u.name, key: u.key, ...(u.effect === undefined ? {} : { effect: u.effect }) }
  }
  if (e.cordon !== undefined) return { _tag: 'NodeCordon', name: e.cordon }
  if (e.uncordon !== undefined) return { _tag: 'NodeUncordon', name: e.uncordon }
  return undefined
}

const stepOf = (e: t.TypeOf<typeof EventCodec>, path: string): E.Either<DE.FieldIssue, Step> => {
  const given = stepKeys.filter((k) => e[k] !== undefined)
  if (given.length !== 1) return E.left({ path, message: `needs exactly one of ${stepKeys.join(', ')}` })
  const node = nodeStep(e)
  if (node !== undefined) return E.right({ _tag: 'Fault', fault: node })
  if (e.crashPod !== undefined) return E.right({ _tag: 'CrashPod', pick: pick(e.crashPod) })
  if (e.deletePod !== undefined) return E.right({ _tag: 'DeletePod', pick: pick(e.deletePod) })
  if (e.evictPod !== undefined) return E.right({ _tag: 'EvictPod', pick: pick(e.evictPod) })
  if (e.nodeDown !== undefined) return E.right({ _tag: 'NodeDown', node: e.nodeDown })
  if (e.nodeUp !== undefined) return E.right({ _tag: 'NodeUp', node: e.nodeUp })
  if (e.scale !== undefined) {
    if (!isKind(e.scale.kind)) return E.left({ path: `${path}.scale.kind`, message: `unknown kind "${e.scale.kind}"` })
    if (!Number.isInteger(e.scale.replicas) || e.scale.replicas < 0) {
      return E.left({ path: `${path}.scale.replicas`, message: 'must be a non-negative integer' })
    }
    return E.right({ _tag: 'Scale', target: target(e.scale), replicas: e.scale.replicas })
  }
  if (e.edit !== undefined) {
    if (!isKind(e.edit.kind)) return E.left({ path: `${path}.edit.kind`, message: `unknown kind "${e.edit.kind}"` })
    return E.right({ _tag: 'Edit', target: target(e.edit), patch: e.edit.patch })
  }
  const f = e.fault!
  return faultTags.has(f._tag)
    ? E.right({ _tag: 'Fault', fault: f as unknown as Fault })
    : E.left({ path: `${path}.fault._tag`, message: `unknown fault "${f._tag}"` })
}

/** Decodes a Scenario document; every problem is reported with its field path. */
export const decodeScenario = (u: unknown): E.Either<DecodeError, Scenario> => {
  const r = ScenarioCodec.decode(u)
  if (E.isLeft(r)) return E.left(DE.make(issuesOf(r.left)))
  const spec = r.right.spec
  const issues: Array<DE.FieldIssue> = []
  const until = parseDuration(spec.until ?? '5m')
  if (E.isLeft(until)) issues.push({ path: 'spec.until', message: until.left })
  const events: Array<ScenarioEvent> = []
  spec.events.forEach((e, i) => {
    const path = `spec.events[${i}]`
    const at = parseDuration(e.at)
    if (E.isLeft(at)) issues.push({ path: `${path}.at`, message: at.left })
    const step = stepOf(e, path)
    if (E.isLeft(step)) issues.push(step.left)
    if (E.isRight(at) && E.isRight(step)) events.push({ at: at.right, step: step.right })
  })
  if (issues.length > 0 || E.isLeft(until)) return E.left(DE.make(issues))
  const name = ((u as { metadata?: { name?: unknown } }).metadata?.name as string | undefined) ?? 'scenario'
  return E.right({
    name,
    until: until.right,
    ...(spec.seed === undefined ? {} : { seed: spec.seed }),
    events: events.map((e, i) => [e, i] as const).sort(([a, i], [b, j]) => a.at - b.at || i - j).map(([e]) => e),
  })
}

// -------------------------------------------------------------------------------------
// resolution
// -------------------------------------------------------------------------------------

const pickPod = (view: ClusterView, p: PodPick): string | undefined =>
  CV.listOf(view, 'Pod', p.namespace)
    .filter((pod) => isActive(pod) && isSuperset(pod.metadata.labels, p.selector))
    .map((pod) => pod.metadata.name ?? '')
    .sort()[p.index]

/**
 * The simulation fault a step means in the current view; `undefined` when it names nothing
 * (e.g. no pod matches the selector).
 */
export const toFault = (view: ClusterView, step: Step): Fault | undefined => {
  switch (step._tag) {
    case 'CrashPod': {
      const name = pickPod(view, step.pick)
      return name === undefined ? undefined : { _tag: 'PodCrash', namespace: step.pick.namespace, name }
    }
    case 'DeletePod': {
      const name = pickPod(view, step.pick)
      return name === undefined
        ? undefined
        : { _tag: 'ExternalDelete', target: { apiVersion: 'v1', kind: 'Pod', namespace: step.pick.namespace, name } }
    }
    case 'EvictPod': {
      const name = pickPod(view, step.pick)
      return name === undefined ? undefined : { _tag: 'EvictPod', namespace: step.pick.namespace, name }
    }
    case 'NodeDown':
      return { _tag: 'NodeDown', name: step.node }
    case 'NodeUp':
      return { _tag: 'NodeUp', name: step.node }
    case 'Scale':
    case 'Edit': {
      const info = kinds[step.target.kind as keyof typeof kinds]
      const ref = {
        apiVersion: info.apiVersion,
        kind: step.target.kind,
        ...(info.namespaced ? { namespace: step.target.namespace } : {}),
        name: step.target.name,
      }
      return {
        _tag: 'ExternalEdit',
        target: ref,
        patch: step._tag === 'Scale' ? { spec: { replicas: step.replicas } } : step.patch,
      }
    }
    case 'Fault':
      return step.fault
  }
}
