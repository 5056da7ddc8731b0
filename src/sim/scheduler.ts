/**
 * The simulated scheduler: binds pending pods to eligible nodes, deterministically.
 *
 * A node is eligible for a pod when it is Ready (its Ready condition is neither False nor
 * Unknown), schedulable (or the pod tolerates the unschedulable taint), matches the pod's
 * `nodeSelector` and required node affinity, has no NoSchedule/NoExecute taint the pod does not
 * tolerate, and holds fewer non-terminal pods than `status.allocatable.pods` (default 110).
 * A pod whose PersistentVolumeClaims are missing, being deleted or not yet bound fits nowhere
 * (upstream's VolumeBinding plugin with `Immediate` binding).
 * Among eligible nodes the one with the fewest pods wins, then the smallest name.
 *
 * Cost: pending pods are grouped by their scheduling constraints; each group filters the nodes
 * once per round and keeps them in a min-heap by (pod count, name), so binding p pods onto n
 * nodes costs O(n · groups + p log n), never O(p · n).
 */
import type { KubeObject } from '../api/object.js'
import type { Node } from '../api/node.js'
import type { Pod } from '../api/pod.js'
import type { Actor } from './actor.js'
import * as ClusterView from '../core/ClusterView.js'
import * as ObjectRef from '../core/ObjectRef.js'
import { defaultScheduler, fitsNode, podCapacity } from '../core/nodes.js'
import * as Pods from '../core/pods.js'
import * as T from '../core/time.js'
import { condition, setCondition } from '../core/conditions.js'
import type { Engine } from './engine.js'
import { keyOfObject, lookupKey, record, stamp, traceTime, tracesEnvironment } from './engine.js'
import * as Pacing from './pacing.js'
import { commit, put } from './store.js'
import { claimProblem } from './volumes.js'

// -------------------------------------------------------------------------------------
// predicates
// -------------------------------------------------------------------------------------

// -------------------------------------------------------------------------------------
// heap of nodes by (pod count, name)
// -------------------------------------------------------------------------------------

interface Entry {
  readonly count: number
  readonly name: string
}

const less = (a: Entry, b: Entry): boolean => a.count < b.count || (a.count === b.count && a.name < b.name)

const push = (h: Array<Entry>, x: Entry): void => {
  h.push(x)
  let i = h.length - 1
  while (i > 0) {
    const p = (i - 1) >> 1
    const hp = h[p] as Entry
    if (!less(x, hp)) break
    h[i] = hp
    i = p
  }
  h[i] = x
}

const pop = (h: Array<Entry>): Entry | undefined => {
  const top = h[0]
  const last = h.pop()
  if (top === undefined || last === undefined || h.length === 0) return top
  let i = 0
  for (;;) {
    const l = 2 * i + 1
    if (l >= h.length) break
    const r = l + 1
    const c = r < h.length && less(h[r] as Entry, h[l] as Entry) ? r : l
    const hc = h[c] as Entry
    if (!less(hc, last)) break
    h[i] = hc
    i = c
  }
  h[i] = last
  return top
}

// -------------------------------------------------------------------------------------
// the scheduling pass
// -------------------------------------------------------------------------------------

/**
 * The only nodes a pod may go to when every term of its required node affinity names one by
 * `matchFields metadata.name In [node]` (a DaemonSet's pods), else `undefined` (any node).
 */
const pinnedNodes = (pod: Pod): ReadonlyArray<string> | undefined => {
  const terms = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms
  if (terms === undefined || terms.length === 0) return undefined
  const out: Array<string> = []
  for (const t of terms) {
    const pin = (t.matchFields ?? []).find((f) => f.key === 'metadata.name' && f.operator === 'In' && f.values?.length === 1)
    const name = pin?.values?.[0]
    if (name === undefined) return undefined
    out.push(name)
  }
  return out
}

/** Pods with the same signature have the same eligible nodes. */
const signature = (pod: Pod): string => {
  const s = pod.spec
  const required = s.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  if (s.nodeSelector === undefined && required === undefined && s.tolerations === undefined) return ''
  // Plain JSON: equal constraints written by the same code serialise alike, and a rare miss
  // only costs a cache entry, never a wrong placement.
  return JSON.stringify([s.nodeSelector ?? null, required ?? null, s.tolerations ?? null])
}

const unschedulableMessage = (nodes: number, reason: string | undefined): string =>
  `0/${nodes} nodes are available${reason === undefined ? '' : `: ${reason}.`}`

/** Whether the pod should be scheduled by us now: unbound, not terminating or terminal, ours. */
const schedulable = (p: Pod): boolean =>
  p.metadata.deletionTimestamp === undefined && !Pods.isTerminal(p) && (p.spec.schedulerName ?? defaultScheduler) === defaultScheduler

/** Whether a pod takes a slot on its node: bound and not terminal. */
const counted = (o: KubeObject | undefined): o is Pod => o?.kind === 'Pod' && (o.spec.nodeName ?? '') !== '' && !Pods.isTerminal(o)

/** Whether the scheduler should try to bind the pod: unbound and schedulable by us. */
const wanted = (o: KubeObject | undefined): o is Pod => o?.kind === 'Pod' && (o.spec.nodeName ?? '') === '' && schedulable(o)

/** Moves the node's count by `by`, copying the handed-in map at the first change of a call. */
const bump = (e: Engine, node: string, by: number): void => {
  const s = e.scheduling
  if (!s.owned) {
    s.counts = new Map(s.counts)
    s.owned = true
  }
  const counts = s.counts as Map<string, number>
  const n = (counts.get(node) ?? 0) + by
  if (n === 0) counts.delete(node)
  else counts.set(node, n)
}

/** A node's entry in one signature's heap, and the count of its live entry. */
interface NodeHeap {
  readonly heap: Array<Entry>
  /** Node → the count of its one live entry (absent: not in the heap, e.g. full). */
  readonly latest: Map<string, number>
  /** The nodes the signature's pods may go to. */
  readonly eligible: Set<string>
}

/** The scheduler's cached nodes and per-signature heaps (see `Engine.nodeHeaps`). */
export interface NodeHeaps {
  readonly nodes: ReadonlyMap<string, Node>
  readonly heaps: Map<string, NodeHeap>
}

/** A node lost a pod: its entry in every heap it is eligible for comes back at its new count. */
const freed = (e: Engine, node: string): void => {
  if (e.nodeHeaps === undefined) return
  const c = e.scheduling.counts.get(node) ?? 0
  for (const h of e.nodeHeaps.heaps.values()) {
    if (!h.eligible.has(node) || h.latest.get(node) === c) continue
    h.latest.set(node, c)
    push(h.heap, { count: c, name: node })
  }
}

/** Parked pods go back to the active queue (upstream: on a cluster event that may make them fit). */
const unpark = (e: Engine): void => {
  const s = e.scheduling
  for (const k of s.parked) s.active.add(k)
  s.parked.clear()
}

/**
 * Keeps the scheduler's queues and node counts up to date: an unbound pod of ours joins the
 * active queue (a change of a parked pod makes it active again); a node change, or a pod that
 * stops taking a slot (removed, terminal, unbound), makes every parked pod active again.
 */
const observe = (e: Engine, key: string, before: KubeObject | undefined, after: KubeObject | undefined): void => {
  const s = e.scheduling
  if (key.startsWith('Node/')) {
    e.nodeHeaps = undefined
    unpark(e)
    return
  }
  // A claim that appears, binds or goes may let a pod waiting for it fit.
  if (key.startsWith('PersistentVolumeClaim/')) {
    unpark(e)
    return
  }
  if (!key.startsWith('Pod/')) return
  const was = counted(before) ? (before.spec.nodeName ?? '') : undefined
  const is = counted(after) ? (after.spec.nodeName ?? '') : undefined
  if (was !== is) {
    if (was !== undefined) bump(e, was, -1)
    if (is !== undefined) bump(e, is, 1)
    if (was !== undefined) {
      unpark(e)
      freed(e, was)
    }
  }
  if (wanted(after)) {
    s.parked.delete(key)
    s.active.add(key)
  } else {
    s.active.delete(key)
    s.parked.delete(key)
  }
}

/**
 * Binds the active pods (priority, then age, then namespace/name order), one batch; the pods
 * that fit nowhere are parked until a node changes or capacity frees up.
 */export const run = (e: Engine): void => {
  commit(e)
  const s = e.scheduling
  e.schedulerBacklog = false
  if (s.active.size === 0) return
  const view = e.view
  const pending: Array<Pod> = []
  for (const key of s.active) {
    const p = lookupKey(view, key)
    if (wanted(p)) pending.push(p)
    else s.active.delete(key)
  }
  const ordered = pending
    .map((pod) => ({ pod, prio: pod.spec.priority ?? 0, created: T.parse(pod.metadata.creationTimestamp) ?? 0, key: keyOfObject(pod) }))
    .sort((a, b) => b.prio - a.prio || a.created - b.created || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const cache = (e.nodeHeaps ??= { nodes: new Map(ClusterView.listOf(view, 'Node').map((n) => [n.metadata.name ?? '', n])), heaps: new Map() })
  const countOf = (name: string): number => s.counts.get(name) ?? 0
  const heapFor = (pod: Pod): NodeHeap => {
    const sig = signature(pod)
    let h = cache.heaps.get(sig)
    if (h === undefined) {
      h = { heap: [], latest: new Map(), eligible: new Set() }
      // A pod pinned to named nodes is checked against those only, not against the whole fleet.
      const pinned = pinnedNodes(pod)
      const candidates: Iterable<readonly [string, Node]> =
        pinned === undefined ? cache.nodes : [...new Set(pinned)].flatMap((name) => {
          const n = cache.nodes.get(name)
          return n === undefined ? [] : [[name, n] as const]
        })
      for (const [name, n] of candidates) {
        if (!fitsNode(pod, n)) continue
        h.eligible.add(name)
        h.latest.set(name, countOf(name))
        push(h.heap, { count: countOf(name), name })
      }
      cache.heaps.set(sig, h)
    }
    return h
  }
  /** The least loaded eligible node with room, its entry moved up by one pod. */
  const pick = (h: NodeHeap): string | undefined => {
    for (;;) {
      const top = pop(h.heap)
      if (top === undefined) return undefined
      if (h.latest.get(top.name) !== top.count) continue
      const c = countOf(top.name)
      if (c !== top.count) {
        h.latest.set(top.name, c)
        push(h.heap, { count: c, name: top.name })
        continue
      }
      const node = cache.nodes.get(top.name)
      if (node === undefined || c >= podCapacity(node)) {
        h.latest.delete(top.name)
        continue
      }
      h.latest.set(top.name, c + 1)
      push(h.heap, { count: c + 1, name: top.name })
      return top.name
    }
  }
  const time = stamp(e)
  const rate = e.settings.schedulerRate
  for (const { pod, key } of ordered) {
    if (rate !== undefined && !Pacing.ready(rate, e.limiters.scheduler, e.now)) {
      e.schedulerBacklog = true
      break
    }
    const spend = (): void => {
      if (rate !== undefined) e.limiters.scheduler = Pacing.take(rate, e.limiters.scheduler, e.now, 1)
    }
    const claims = claimProblem(view, pod)
    const node = claims === undefined ? pick(heapFor(pod)) : undefined
    if (node !== undefined) {
      const bound: Pod = {
        ...pod,
        spec: { ...pod.spec, nodeName: node },
        status: { ...pod.status, conditions: setCondition(pod.status?.conditions, condition('PodScheduled', 'True', time)) },
      }
      put(e, key, bound)
      spend()
      if (tracesEnvironment(e)) {
        record(e, { _tag: 'Environment', time: traceTime(e), source: 'scheduler', target: ObjectRef.of(bound), event: { _tag: 'Bound', node } })
      }
      continue
    }
    s.active.delete(key)
    s.parked.add(key)
    const message = unschedulableMessage(cache.nodes.size, claims)
    const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled')
    if (old?.status === 'False' && old.reason === 'Unschedulable' && old.message === message) continue
    const marked: Pod = {
      ...pod,
      status: {
        ...pod.status,
        conditions: setCondition(pod.status?.conditions, condition('PodScheduled', 'False', time, 'Unschedulable', message)),
      },
    }
    put(e, key, marked, 'scheduler')
    spend()
    if (tracesEnvironment(e)) {
      record(e, { _tag: 'Environment', time: traceTime(e), source: 'scheduler', target: ObjectRef.of(marked), event: { _tag: 'Unschedulable' } })
    }
  }
  commit(e)
}

/** The scheduler as an environment actor; it has work due only when rate limiting left pods waiting. */
export const actor: Actor = {
  name: 'scheduler',
  observe,
  run: (e) => run(e),
  nextDue: (e) => {
    const rate = e.settings.schedulerRate
    return rate !== undefined && e.schedulerBacklog ? Pacing.readyAt(rate, Pacing.refill(rate, e.limiters.scheduler, e.now)) : undefined
  },
}
