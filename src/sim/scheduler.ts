/**
 * The simulated scheduler: binds pending pods to eligible nodes, deterministically.
 *
 * A node is eligible for a pod when it is Ready (its Ready condition is neither False nor
 * Unknown), schedulable (or the pod tolerates the unschedulable taint), matches the pod's
 * `nodeSelector` and required node affinity, has no NoSchedule/NoExecute taint the pod does not
 * tolerate, and holds fewer non-terminal pods than `status.allocatable.pods` (default 110).
 * Among eligible nodes the one with the fewest pods wins, then the smallest name.
 *
 * Cost: pending pods are grouped by their scheduling constraints; each group filters the nodes
 * once per round and keeps them in a min-heap by (pod count, name), so binding p pods onto n
 * nodes costs O(n · groups + p log n), never O(p · n).
 */
import type { Pod } from '../api/pod.js'
import * as ClusterView from '../core/ClusterView.js'
import * as ObjectRef from '../core/ObjectRef.js'
import { defaultScheduler, fitsNode, podCapacity } from '../core/nodes.js'
import * as Pods from '../core/pods.js'
import * as T from '../core/time.js'
import { condition, setCondition } from '../core/conditions.js'
import type { Engine } from './engine.js'
import { keyOfObject, record, stamp, traceTime, tracesEnvironment } from './engine.js'
import * as Pacing from './pacing.js'
import { commit, put } from './store.js'

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

/** Pods with the same signature have the same eligible nodes. */
const signature = (pod: Pod): string => {
  const s = pod.spec
  const required = s.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  if (s.nodeSelector === undefined && required === undefined && s.tolerations === undefined) return ''
  // Plain JSON: equal constraints written by the same code serialise alike, and a rare miss
  // only costs a cache entry, never a wrong placement.
  return JSON.stringify([s.nodeSelector ?? null, required ?? null, s.tolerations ?? null])
}

const unschedulableMessage = (nodes: number): string => `0/${nodes} nodes are available`

/** Whether the pod should be scheduled by us now: unbound, not terminating or terminal, ours. */
const schedulable = (p: Pod): boolean =>
  p.metadata.deletionTimestamp === undefined && !Pods.isTerminal(p) && (p.spec.schedulerName ?? defaultScheduler) === defaultScheduler

/** Binds the pending pods (priority, then age, then namespace/name order), one batch. */
export const run = (e: Engine): void => {
  commit(e)
  const view = e.view
  const pending = ClusterView.podsOnNode(view, '').filter(schedulable)
  if (pending.length === 0) return
  const ordered = pending
    .map((pod) => ({ pod, prio: pod.spec.priority ?? 0, created: T.parse(pod.metadata.creationTimestamp) ?? 0, key: keyOfObject(pod) }))
    .sort((a, b) => b.prio - a.prio || a.created - b.created || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
  const nodes = ClusterView.listOf(view, 'Node')
  const byName = new Map(nodes.map((n) => [n.metadata.name ?? '', n]))
  const counts = new Map<string, number>()
  const countOf = (name: string): number => {
    let c = counts.get(name)
    if (c === undefined) {
      c = ClusterView.podsOnNode(view, name).filter((p) => !Pods.isTerminal(p)).length
      counts.set(name, c)
    }
    return c
  }
  const heaps = new Map<string, Array<Entry>>()
  const heapFor = (pod: Pod): Array<Entry> => {
    const sig = signature(pod)
    let h = heaps.get(sig)
    if (h === undefined) {
      h = []
      for (const n of nodes) if (fitsNode(pod, n)) push(h, { count: countOf(n.metadata.name ?? ''), name: n.metadata.name ?? '' })
      heaps.set(sig, h)
    }
    return h
  }
  const pick = (h: Array<Entry>): string | undefined => {
    for (;;) {
      const top = pop(h)
      if (top === undefined) return undefined
      const c = countOf(top.name)
      if (c !== top.count) {
        push(h, { count: c, name: top.name })
        continue
      }
      const node = byName.get(top.name)
      if (node === undefined || c >= podCapacity(node)) continue
      counts.set(top.name, c + 1)
      push(h, { count: c + 1, name: top.name })
      return top.name
    }
  }
  const time = stamp(e)
  const rate = e.settings.schedulerRate
  e.schedulerBacklog = false
  for (const { pod, key } of ordered) {
    if (rate !== undefined && !Pacing.ready(rate, e.limiters.scheduler, e.now)) {
      e.schedulerBacklog = true
      break
    }
    const spend = (): void => {
      if (rate !== undefined) e.limiters.scheduler = Pacing.take(rate, e.limiters.scheduler, e.now, 1)
    }
    const node = pick(heapFor(pod))
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
    const message = unschedulableMessage(nodes.length)
    const old = pod.status?.conditions?.find((c) => c.type === 'PodScheduled')
    if (old?.status === 'False' && old.reason === 'Unschedulable' && old.message === message) continue
    const marked: Pod = {
      ...pod,
      status: {
        ...pod.status,
        conditions: setCondition(pod.status?.conditions, condition('PodScheduled', 'False', time, 'Unschedulable', message)),
      },
    }
    put(e, key, marked)
    spend()
    if (tracesEnvironment(e)) {
      record(e, { _tag: 'Environment', time: traceTime(e), source: 'scheduler', target: ObjectRef.of(marked), event: { _tag: 'Unschedulable' } })
    }
  }
  commit(e)
}
