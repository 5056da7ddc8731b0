/**
 * DaemonSet invariants (docs/guide/daemonset.md lists each with the test that checks it). Checks
 * over a view take every DaemonSet in it; checks over a sync take the DaemonSet, the view it was
 * reconciled against, and its actions; checks over a step compare two views of one run.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Node } from '../api/node.js'
import type { Pod } from '../api/pod.js'
import type { DaemonSet, DaemonSetStatus } from '../api/workloads.js'
import type { Action } from '../core/Action.js'
import { isWrite } from '../core/Action.js'
import * as ClusterView from '../core/ClusterView.js'
import type { ClusterView as View } from '../core/ClusterView.js'
import { daemonTolerations, nodeShouldRunDaemonPod, untoleratedTaint } from '../core/daemonEligibility.js'
import { controllerRevisionHashLabel } from '../core/history.js'
import * as ObjectRef from '../core/ObjectRef.js'
import { isControlledBy } from '../core/ownership.js'
import { isAvailable, isTerminal } from '../core/pods.js'
import { toleratedBy } from '../core/nodes.js'
import { fromLabelSelector } from '../core/selector.js'
import { nodeNameField, targetNode } from '../controllers/daemonset/daemonPods.js'
import { burstReplicas } from '../controllers/daemonset/manage.js'
import { reconcile } from '../controllers/daemonset/reconcile.js'
import { budgets, isRollingUpdate, surgeCount } from '../controllers/daemonset/strategy.js'
import { violation } from './Violation.js'
import type { Violation } from './Violation.js'

const show = (o: DaemonSet | Pod | Node): string => ObjectRef.show(ObjectRef.of(o))

/** The DaemonSets a fixpoint check is about: not being deleted, with a non-empty selector. */
const activeDaemonSets = (view: View): ReadonlyArray<DaemonSet> =>
  ClusterView.listOf(view, 'DaemonSet').filter((d) => d.metadata.deletionTimestamp === undefined && Object.keys(d.spec.selector).length > 0)

/** A live pod: neither terminal nor being deleted. */
const isLive = (p: Pod): boolean => !isTerminal(p) && p.metadata.deletionTimestamp === undefined

/** The live pods `ds` controls, by the node they are for. */
export const livePodsByNode = (ds: DaemonSet, view: View): ReadonlyMap<string, ReadonlyArray<Pod>> => {
  const out = new Map<string, Array<Pod>>()
  for (const p of ClusterView.controlledOf(view, ds.metadata.uid ?? '', 'Pod')) {
    const node = targetNode(p)
    if (!isLive(p) || node === undefined) continue
    out.set(node, [...(out.get(node) ?? []), p])
  }
  return out
}

const nodesOf = (view: View): ReadonlyArray<Node> => ClusterView.listOf(view, 'Node') as ReadonlyArray<Node>

/**
 * DS-1 (at a fixpoint): every DaemonSet runs exactly one live pod on every node that should run
 * one, none on a node that should not keep one, at most one on a node that may keep but not get
 * one, and no unscheduled pod aimed at a node that does not exist.
 */
export const ds1OnePodPerEligibleNode = (view: View): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  const nodes = nodesOf(view)
  const names = new Set(nodes.map((n) => n.metadata.name ?? ''))
  for (const ds of activeDaemonSets(view)) {
    const live = livePodsByNode(ds, view)
    for (const node of nodes) {
      const name = node.metadata.name ?? ''
      const n = live.get(name)?.length ?? 0
      const p = nodeShouldRunDaemonPod(node, ds.spec.template)
      const want = p.shouldRun ? 'exactly 1' : p.shouldContinueRunning ? 'at most 1' : 'none'
      const ok = p.shouldRun ? n === 1 : p.shouldContinueRunning ? n <= 1 : n === 0
      if (!ok) out.push(violation('DS-1', `${show(ds)} has ${n} live pods on node ${name}, wants ${want}`, ObjectRef.of(ds)))
    }
    for (const [name, pods] of live) {
      if (names.has(name)) continue
      for (const p of pods) if ((p.spec.nodeName ?? '') === '') out.push(violation('DS-1', `${show(p)} is aimed at missing node ${name}`, ObjectRef.of(p)))
    }
  }
  return out
}

/** Eligible nodes (that should run a pod of `ds`) without an available live pod of it. */
export const unavailableNodes = (ds: DaemonSet, view: View, now: Date): number => {
  const live = livePodsByNode(ds, view)
  const minReady = ds.spec.minReadySeconds ?? 0
  let n = 0
  for (const node of nodesOf(view)) {
    if (!nodeShouldRunDaemonPod(node, ds.spec.template).shouldRun) continue
    if (!(live.get(node.metadata.name ?? '') ?? []).some((p) => isAvailable(p, minReady, now.getTime()))) n++
  }
  return n
}

/** Nodes with two or more live pods of `ds`. */
export const doubledNodes = (ds: DaemonSet, view: View): number => [...livePodsByNode(ds, view).values()].filter((ps) => ps.length >= 2).length

const desiredIn = (ds: DaemonSet, view: View): number =>
  nodesOf(view).filter((n) => nodeShouldRunDaemonPod(n, ds.spec.template).shouldRun).length

const surgeOf = (ds: DaemonSet, view: View): number => {
  const s = surgeCount(ds, desiredIn(ds, view))
  return E.isRight(s) ? s.right : 0
}

/**
 * DS-2 (over a round without faults): a RollingUpdate DaemonSet with `maxSurge` 0 never makes
 * more eligible nodes lack an available pod than `maxUnavailable` allows: after the round, at
 * most max(maxUnavailable, the number before) such nodes. From a healthy start that is
 * maxUnavailable throughout the rollout.
 */
export const ds2UnavailableBound = (before: View, beforeNow: Date, after: View, afterNow: Date): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const ds of activeDaemonSets(after)) {
    if (!isRollingUpdate(ds) || surgeOf(ds, after) > 0) continue
    const b = budgets(ds, desiredIn(ds, after))
    if (E.isLeft(b)) continue
    const prev = ClusterView.lookup(before, 'DaemonSet', ds.metadata.namespace, ds.metadata.name ?? '')
    if (prev === undefined || prev.metadata.uid !== ds.metadata.uid) continue
    const was = unavailableNodes(ds, before, beforeNow)
    const is = unavailableNodes(ds, after, afterNow)
    if (is > Math.max(b.right.maxUnavailable, was)) {
      out.push(violation('DS-2', `${show(ds)} left ${is} eligible nodes without an available pod (was ${was}, maxUnavailable ${b.right.maxUnavailable})`, ObjectRef.of(ds)))
    }
  }
  return out
}

/**
 * DS-3 (over a round without faults): a DaemonSet with `maxSurge` > 0 never has more nodes with
 * two live pods than maxSurge allows: after the round, at most max(maxSurge, the number before).
 */
export const ds3SurgeBound = (before: View, after: View): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const ds of activeDaemonSets(after)) {
    const surge = surgeOf(ds, after)
    if (!isRollingUpdate(ds) || surge === 0) continue
    const prev = ClusterView.lookup(before, 'DaemonSet', ds.metadata.namespace, ds.metadata.name ?? '')
    if (prev === undefined || prev.metadata.uid !== ds.metadata.uid) continue
    const was = doubledNodes(ds, before)
    const is = doubledNodes(ds, after)
    if (is > Math.max(surge, was)) out.push(violation('DS-3', `${show(ds)} has ${is} nodes with two pods (was ${was}, maxSurge ${surge})`, ObjectRef.of(ds)))
  }
  return out
}

const createdPods = (actions: ReadonlyArray<Action>): ReadonlyArray<Pod> =>
  actions.flatMap((a) => (a._tag === 'Create' && a.object.kind === 'Pod' ? [a.object] : []))

/**
 * DS-4 (over a sync): every pod a DaemonSet creates targets an existing node whose NoSchedule and
 * NoExecute taints the pod's own tolerations tolerate, and that its template may run on.
 */
export const ds4NoCreateOnUntoleratedNode = (ds: DaemonSet, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const p of createdPods(actions)) {
    const name = targetNode(p) ?? ''
    const node = ClusterView.lookup(view, 'Node', undefined, name)
    if (node === undefined) {
      out.push(violation('DS-4', `${show(ds)} creates a pod for missing node ${name}`, ObjectRef.of(ds)))
      continue
    }
    const taint = untoleratedTaint(node.spec?.taints ?? [], p.spec.tolerations ?? [], ['NoSchedule', 'NoExecute'])
    if (taint !== undefined || !nodeShouldRunDaemonPod(node, ds.spec.template).shouldRun) {
      const why = taint === undefined ? 'its template may not run there' : `it does not tolerate ${taint.key}:${taint.effect}`
      out.push(violation('DS-4', `${show(ds)} creates a pod on node ${name}, but ${why}`, ObjectRef.of(ds)))
    }
  }
  return out
}

/** The status counts' relations DS-5 checks, as messages (none = consistent). */
export const ds5StatusCountsOf = (s: DaemonSetStatus | undefined): ReadonlyArray<string> => {
  if (s === undefined || s.desiredNumberScheduled === undefined) return []
  const desired = s.desiredNumberScheduled
  const current = s.currentNumberScheduled ?? 0
  const ready = s.numberReady ?? 0
  const available = s.numberAvailable ?? 0
  const updated = s.updatedNumberScheduled ?? 0
  const out: Array<string> = []
  if (!(available <= ready)) out.push(`numberAvailable ${available} > numberReady ${ready}`)
  if (!(ready <= current)) out.push(`numberReady ${ready} > currentNumberScheduled ${current}`)
  if (!(current <= desired)) out.push(`currentNumberScheduled ${current} > desiredNumberScheduled ${desired}`)
  if (!(updated <= current)) out.push(`updatedNumberScheduled ${updated} > currentNumberScheduled ${current}`)
  if ((s.numberUnavailable ?? 0) !== desired - available) out.push(`numberUnavailable ${s.numberUnavailable ?? 0} ≠ desired ${desired} − available ${available}`)
  if ((s.numberMisscheduled ?? 0) < 0) out.push(`numberMisscheduled ${s.numberMisscheduled ?? 0} < 0`)
  return out
}

/** DS-5 (any view): every DaemonSet's status counts are consistent (available ≤ ready ≤ current ≤ desired, updated ≤ current, unavailable = desired − available). */
export const ds5StatusCountsConsistent = (view: View): ReadonlyArray<Violation> =>
  ClusterView.listOf(view, 'DaemonSet').flatMap((d) => ds5StatusCountsOf(d.status).map((m) => violation('DS-5', `${show(d)}: ${m}`, ObjectRef.of(d))))

/** DS-6 (at a fixpoint): reconciling any DaemonSet again writes nothing. */
export const ds6FixpointIsQuiet = (view: View, now: Date): ReadonlyArray<Violation> =>
  ClusterView.listOf(view, 'DaemonSet').flatMap((d) => {
    const writes = reconcile(d, view, now).filter(isWrite)
    return writes.length === 0 ? [] : [violation('DS-6', `${show(d)} would still write: ${writes.map((a) => a._tag).join(', ')}`, ObjectRef.of(d))]
  })

/**
 * DS-7 (over a sync): every pod a DaemonSet creates is in its namespace, controlled by it, with
 * the required node affinity exactly `metadata.name In [node]`, every daemon toleration, the
 * template's labels and the current revision hash label, and no `spec.nodeName`.
 */
export const ds7CreatedPodsShape = (ds: DaemonSet, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  const hostNetwork = (ds.spec.template.spec as { readonly hostNetwork?: unknown }).hostNetwork === true
  for (const p of createdPods(actions)) {
    const terms = p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []
    const f = terms[0]?.matchFields?.[0]
    const problems = [
      (p.metadata.namespace ?? '') === (ds.metadata.namespace ?? '') ? '' : 'namespace',
      isControlledBy(p, ds.metadata.uid) ? '' : 'controller reference',
      terms.length === 1 && terms[0]?.matchExpressions === undefined && terms[0]?.matchFields?.length === 1 && f?.key === nodeNameField && f.operator === 'In' && f.values?.length === 1
        ? ''
        : 'node affinity',
      daemonTolerations(hostNetwork).every((t) => toleratedBy(p.spec.tolerations, { key: t.key ?? '', effect: t.effect ?? '' })) ? '' : 'daemon tolerations',
      Object.entries(ds.spec.template.metadata?.labels ?? {}).every(([k, v]) => p.metadata.labels?.[k] === v) ? '' : 'template labels',
      (p.metadata.labels?.[controllerRevisionHashLabel] ?? '') !== '' ? '' : 'hash label',
      (p.spec.nodeName ?? '') === '' ? '' : 'spec.nodeName set',
    ].filter((x) => x !== '')
    if (problems.length > 0) out.push(violation('DS-7', `${show(ds)} creates a pod with wrong ${problems.join(', ')}`, ObjectRef.of(ds)))
  }
  return out
}

/** DS-8 (over a sync): at most 250 pod creates and 250 pod deletes, and deletes only of pods the DaemonSet controls or adopts (orphans its selector matches). */
export const ds8BurstAndOwnership = (ds: DaemonSet, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  const creates = createdPods(actions).length
  const deletes = actions.filter((a) => a._tag === 'Delete' && a.target.kind === 'Pod')
  if (creates > burstReplicas) out.push(violation('DS-8', `${show(ds)} creates ${creates} pods in one sync`, ObjectRef.of(ds)))
  if (deletes.length > burstReplicas) out.push(violation('DS-8', `${show(ds)} deletes ${deletes.length} pods in one sync`, ObjectRef.of(ds)))
  for (const a of deletes) {
    if (a._tag !== 'Delete') continue
    const p = ClusterView.lookup(view, 'Pod', a.target.namespace, a.target.name)
    const adoptable = p !== undefined && p.metadata.ownerReferences?.some((r) => r.controller === true) !== true && fromLabelSelector(ds.spec.selector)(p.metadata.labels)
    if (p === undefined || !(isControlledBy(p, ds.metadata.uid) || adoptable)) {
      out.push(violation('DS-8', `${show(ds)} deletes ${ObjectRef.show(a.target)}, which it does not control`, ObjectRef.of(ds)))
    }
  }
  return out
}

/** Every sync check (DS-4, DS-7, DS-8). */
export const checkSync = (ds: DaemonSet, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => [
  ...ds4NoCreateOnUntoleratedNode(ds, view, actions),
  ...ds7CreatedPodsShape(ds, actions),
  ...ds8BurstAndOwnership(ds, view, actions),
]

/** Every fixpoint check (DS-1, DS-5, DS-6). */
export const checkFixpoint = (view: View, now: Date): ReadonlyArray<Violation> => [
  ...ds1OnePodPerEligibleNode(view),
  ...ds5StatusCountsConsistent(view),
  ...ds6FixpointIsQuiet(view, now),
]

/** Every step check (DS-2, DS-3; both hold only without faults). */
export const checkStep = (step: {
  readonly before: { readonly view: View; readonly now: Date }
  readonly after: { readonly view: View; readonly now: Date }
  readonly faults: boolean
}): ReadonlyArray<Violation> => [
  ...(step.faults ? [] : ds2UnavailableBound(step.before.view, step.before.now, step.after.view, step.after.now)),
  ...(step.faults ? [] : ds3SurgeBound(step.before.view, step.after.view)),
]
