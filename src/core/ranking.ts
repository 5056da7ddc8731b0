/**
 * Scale-down ranking: which pods a ReplicaSet deletes first (upstream `ActivePodsWithRanks`,
 * spec/replicaset-deployment.md §1.2), with pod-deletion-cost and logarithmic time buckets.
 */
import type { Pod } from '../api/pod.js'
import { compareStrings } from './order.js'
import { isActive, isReady, maxRestarts, readyCondition } from './pods.js'
import * as T from './time.js'

/** The annotation whose integer value makes a pod cheaper (lower) or dearer to delete. */
export const podDeletionCostAnnotation = 'controller.kubernetes.io/pod-deletion-cost'

/** Upstream's syntax: `0`, digits without a leading zero, or `-` and any digits (`-007` is -7). */
const costSyntax = /^(0|[1-9][0-9]*|-[0-9]+)$/

/**
 * The pod's deletion cost: the annotation as a signed 32-bit integer; missing or invalid
 * (`"+5"`, `"007"`, `""`, `"-"`, out of range) counts as 0.
 */
export const deletionCost = (pod: Pod): number => {
  const v = pod.metadata.annotations?.[podDeletionCostAnnotation]
  if (v === undefined || !costSyntax.test(v)) return 0
  const n = Number(v)
  return n >= -2147483648 && n <= 2147483647 ? n + 0 : 0 // `+ 0`: "-0" is 0, not -0
}

const phaseOrdinal = (pod: Pod): number => {
  switch (pod.status?.phase) {
    case 'Unknown':
      return 1
    case 'Running':
      return 2
    default:
      return 0
  }
}

/**
 * log2 bucket of an age in nanoseconds (−1 for a non-positive age), as upstream computes it;
 * `NaN` for either time (none known) gives −1 too, a bucket `timeLess` never reads.
 */
const bucket = (nowMs: number, tMs: number): number => {
  const ns = (nowMs - tMs) * 1e6
  return ns > 0 ? Math.floor(Math.log2(ns)) : -1
}

interface Keyed {
  readonly pod: Pod
  readonly unassigned: boolean
  readonly phase: number
  readonly ready: boolean
  readonly cost: number
  readonly rank: number
  readonly readyMs: number | undefined
  readonly readyBucket: number
  readonly restarts: number
  readonly createdMs: number | undefined
  readonly createdBucket: number
  readonly uid: string
  readonly namespace: string
  readonly name: string
}

/** `a` zero wins; else the later time wins (upstream `afterOrZero`). */
const afterOrZero = (a: number | undefined, b: number | undefined): boolean =>
  a === undefined || b === undefined ? a === undefined : a > b

/**
 * `a`'s time `ta` (bucket `ba`) before `b`'s `tb` (bucket `bb`) in deletion order: with `nowMs`,
 * the younger log2 age bucket first, the lower uid within a bucket; without `nowMs` or a time,
 * `afterOrZero`.
 */
const timeLess = (
  a: Keyed,
  b: Keyed,
  ta: number | undefined,
  tb: number | undefined,
  ba: number,
  bb: number,
  nowMs: number | undefined,
): boolean => {
  if (nowMs === undefined || ta === undefined || tb === undefined) return afterOrZero(ta, tb)
  return ba === bb ? a.uid < b.uid : ba < bb
}

/** Upstream `ActivePodsWithRanks.Less`: true when `a` should be deleted before `b`. */
const less = (a: Keyed, b: Keyed, nowMs: number | undefined): boolean => {
  if (a.unassigned !== b.unassigned) return a.unassigned
  if (a.phase !== b.phase) return a.phase < b.phase
  if (a.ready !== b.ready) return !a.ready
  if (a.cost !== b.cost) return a.cost < b.cost
  if (a.rank !== b.rank) return a.rank > b.rank
  // both ready or both not (checked above); only ready pods compare ready times
  if (a.ready && a.readyMs !== b.readyMs) return timeLess(a, b, a.readyMs, b.readyMs, a.readyBucket, b.readyBucket, nowMs)
  if (a.restarts !== b.restarts) return a.restarts > b.restarts
  if (a.createdMs !== b.createdMs) {
    return timeLess(a, b, a.createdMs, b.createdMs, a.createdBucket, b.createdBucket, nowMs)
  }
  return false
}

/**
 * The canonical order of pods that rank alike: namespace, name, uid. Upstream leaves such ties
 * to the informer's (random) listing order; a fixed tie-break makes the choice a function of the
 * pods alone, whatever order they were listed in.
 */
const compareIdentity = (a: Keyed, b: Keyed): number =>
  compareStrings(a.namespace, b.namespace) || compareStrings(a.name, b.name) || compareStrings(a.uid, b.uid)

/** The total order used for selection: upstream's `Less`, then namespace, name and uid. */
const compare = (a: Keyed, b: Keyed, nowMs: number | undefined): number =>
  less(a, b, nowMs) ? -1 : less(b, a, nowMs) ? 1 : compareIdentity(a, b)

const keyed = (pod: Pod, rank: number, nowMs: number | undefined): Keyed => {
  const readyMs = T.parse(readyCondition(pod)?.lastTransitionTime)
  const createdMs = T.parse(pod.metadata.creationTimestamp)
  return {
    pod,
    unassigned: (pod.spec.nodeName ?? '') === '',
    phase: phaseOrdinal(pod),
    ready: isReady(pod),
    cost: deletionCost(pod),
    rank,
    readyMs,
    readyBucket: bucket(nowMs ?? NaN, readyMs ?? NaN),
    restarts: maxRestarts(pod),
    createdMs,
    createdBucket: bucket(nowMs ?? NaN, createdMs ?? NaN),
    uid: pod.metadata.uid ?? '',
    namespace: pod.metadata.namespace ?? '',
    name: pod.metadata.name ?? '',
  }
}

/**
 * The `k` smallest of `xs` under `cmp`, in order: a bounded max-heap, O(n log k), so picking
 * 500 victims among 100,000 pods does not sort them all.
 */
const smallest = <A>(xs: ReadonlyArray<A>, k: number, cmp: (a: A, b: A) => number): Array<A> => {
  if (k <= 0) return []
  if (k * 4 >= xs.length) return xs.slice().sort(cmp).slice(0, k)
  const heap: Array<A> = []
  const up = (i: number): void => {
    while (i > 0) {
      const parent = (i - 1) >> 1
      if (cmp(heap[i]!, heap[parent]!) <= 0) return
      ;[heap[i], heap[parent]] = [heap[parent]!, heap[i]!]
      i = parent
    }
  }
  const down = (i: number): void => {
    for (;;) {
      const l = 2 * i + 1
      const r = l + 1
      let top = i
      if (l < heap.length && cmp(heap[l]!, heap[top]!) > 0) top = l
      if (r < heap.length && cmp(heap[r]!, heap[top]!) > 0) top = r
      if (top === i) return
      ;[heap[i], heap[top]] = [heap[top]!, heap[i]!]
      i = top
    }
  }
  for (const x of xs) {
    if (heap.length < k) {
      heap.push(x)
      up(heap.length - 1)
    } else if (cmp(x, heap[0]!) < 0) {
      heap[0] = x
      down(0)
    }
  }
  return heap.sort(cmp)
}

/**
 * Sorts pods so that the ones to delete first come first. `ranks` gives each pod's co-location
 * rank (default 0); `nowMs` enables the logarithmic time comparison. Pods that rank alike are
 * ordered by namespace, name and uid. Upstream's order is not transitive — two pods with equal
 * Ready times fall through to restarts and creation, two whose Ready times differ within one log2
 * bucket are decided by uid — so three pods can form a cycle; for those the result depends on the
 * order of `pods`, as upstream's depends on its informer's listing. Same `pods`, same result.
 */
export const sortForDeletion = (
  pods: ReadonlyArray<Pod>,
  nowMs: number | undefined,
  ranks: (pod: Pod) => number = () => 0,
): ReadonlyArray<Pod> =>
  pods
    .map((p) => keyed(p, ranks(p), nowMs))
    .sort((a, b) => compare(a, b, nowMs))
    .map((k) => k.pod)

/**
 * Upstream `ActivePods` order (no deletion cost, no rank, exact times), least valuable first:
 * the order the Job controller deletes in. Ties by namespace, name and uid.
 */
export const sortActivePods = (pods: ReadonlyArray<Pod>): ReadonlyArray<Pod> =>
  pods
    .map((p) => ({ ...keyed(p, 0, undefined), cost: 0 }))
    .sort((a, b) => compare(a, b, undefined))
    .map((k) => k.pod)

/**
 * Upstream `getPodsToDelete`: the first `diff` pods to delete. The rank of a pod is how many
 * active `related` pods share its node (unscheduled pods share the key `''`). When `diff`
 * covers every active pod, all of them are returned in namespace/name/uid order.
 */
export const podsToDelete = (
  active: ReadonlyArray<Pod>,
  related: ReadonlyArray<Pod>,
  diff: number,
  nowMs: number,
): ReadonlyArray<Pod> => {
  if (diff >= active.length) return active.map((p) => keyed(p, 0, undefined)).sort(compareIdentity).map((k) => k.pod)
  const onNode = new Map<string, number>()
  for (const p of related) {
    if (!isActive(p)) continue
    const n = p.spec.nodeName ?? ''
    onNode.set(n, (onNode.get(n) ?? 0) + 1)
  }
  const ks = active.map((p) => keyed(p, onNode.get(p.spec.nodeName ?? '') ?? 0, nowMs))
  return smallest(ks, diff, (a, b) => compare(a, b, nowMs)).map((k) => k.pod)
}
