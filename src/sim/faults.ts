/**
 * Faults and external actors, applied at the current simulated time and recorded in the trace.
 *
 * NodeDown is a simplification of node lifecycle: the node's Ready condition turns Unknown, it
 * gets the unreachable NoSchedule and NoExecute taints, and every non-terminal pod on it fails
 * at once (phase Failed, reason NodeLost, Ready=False) instead of being evicted after the
 * 300 s toleration.
 */
import type { Node, Taint } from '../api/node.js'
import type { KubeObject } from '../api/object.js'
import type { Pod } from '../api/pod.js'
import { decodeKind } from '../api/decode.js'
import * as ClusterView from '../core/ClusterView.js'
import * as ObjectRef from '../core/ObjectRef.js'
import { notReadyKey, unreachableKey, unschedulableTaint } from '../core/nodes.js'
import * as Pods from '../core/pods.js'
import * as E from 'fp-ts/lib/Either.js'
import * as Api from './apiserver.js'
import type { Outcome } from './apiserver.js'
import { condition, setCondition, setConditions } from '../core/conditions.js'
import type { Engine } from './engine.js'
import { get, keyOfObject, record, stamp, traceTime } from './engine.js'
import * as Kubelet from './kubelet.js'
import { mergePatch } from './mergePatch.js'
import { commit, put } from './store.js'
import type { Fault, TraceEntry } from './types.js'


type Report = Omit<Extract<TraceEntry, { _tag: 'Fault' }>, '_tag' | 'time' | 'fault'>

const nodeKey = (name: string): string => ObjectRef.keyOf('Node', undefined, name)

const fromOutcome = (o: Outcome): Report => ({
  result: o.result,
  ...(o.ref === undefined ? {} : { ref: o.ref }),
  ...(o.detail === undefined ? {} : { detail: o.detail }),
})

const writeNode = (e: Engine, node: Node): void => {
  put(e, keyOfObject(node), node)
}

const nodeDown = (e: Engine, name: string): Report => {
  const node = get(e, nodeKey(name))
  if (node?.kind !== 'Node') return { detail: `no node ${name}` }
  const time = stamp(e)
  const keep = (node.spec?.taints ?? []).filter((t) => t.key !== unreachableKey)
  const taints: ReadonlyArray<Taint> = [
    ...keep,
    { key: unreachableKey, effect: 'NoSchedule' },
    { key: unreachableKey, effect: 'NoExecute', timeAdded: time },
  ]
  writeNode(e, {
    ...node,
    spec: { ...node.spec, taints },
    status: {
      ...node.status,
      conditions: setCondition(
        node.status?.conditions,
        condition('Ready', 'Unknown', time, 'NodeStatusUnknown', 'Kubelet stopped posting node status.'),
      ),
    },
  })
  let failed = 0
  for (const pod of ClusterView.podsOnNode(e.view, name)) {
    const cur = get(e, keyOfObject(pod))
    if (cur?.kind !== 'Pod' || Pods.isTerminal(cur)) continue
    failed += 1
    const next: Pod = {
      ...cur,
      status: {
        ...cur.status,
        phase: 'Failed',
        reason: 'NodeLost',
        message: `Node ${name} which was running pod ${cur.metadata.name ?? ''} is unresponsive`,
        conditions: setConditions(cur.status?.conditions, [
          condition('ContainersReady', 'False', time, 'NodeLost'),
          condition('Ready', 'False', time, 'NodeLost'),
        ]),
        containerStatuses: (cur.status?.containerStatuses ?? []).map((s) => ({ ...s, ready: false })),
      },
    }
    put(e, keyOfObject(next), next)
  }
  return { detail: `${failed} pod(s) failed` }
}

const nodeUp = (e: Engine, name: string): Report => {
  const node = get(e, nodeKey(name))
  if (node?.kind !== 'Node') return { detail: `no node ${name}` }
  const time = stamp(e)
  const taints = (node.spec?.taints ?? []).filter((t) => t.key !== unreachableKey && t.key !== notReadyKey)
  const { taints: _drop, ...spec } = node.spec ?? {}
  writeNode(e, {
    ...node,
    spec: taints.length === 0 ? spec : { ...spec, taints },
    status: {
      ...node.status,
      conditions: setCondition(node.status?.conditions, condition('Ready', 'True', time, 'KubeletReady', 'kubelet is posting ready status')),
    },
  })
  return {}
}

/** Writes `change(node)` through the API server, or says there is no such node. */
const editNode = (e: Engine, name: string, change: (node: Node) => Node): Report => {
  const node = get(e, nodeKey(name))
  if (node?.kind !== 'Node') return { result: 'rejected', detail: `NotFound: Node "${name}" not found` }
  return fromOutcome(Api.update(e, change(node)))
}

const withTaints = (node: Node, taints: ReadonlyArray<Taint>): Node => {
  const { taints: _drop, ...spec } = node.spec ?? {}
  return { ...node, spec: taints.length === 0 ? spec : { ...spec, taints } }
}

const sameTaint = (a: Taint, b: Taint): boolean => a.key === b.key && a.effect === b.effect

const nodeAdd = (e: Engine, f: Extract<Fault, { _tag: 'NodeAdd' }>): Report => {
  const node: Node = {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: f.name, labels: { 'kubernetes.io/hostname': f.name, ...f.labels } },
    spec: f.taints === undefined || f.taints.length === 0 ? {} : { taints: f.taints },
    status: {
      conditions: [condition('Ready', 'True', stamp(e), 'KubeletReady', 'kubelet is posting ready status')],
      allocatable: { pods: String(f.pods ?? 110) },
    },
  }
  return fromOutcome(Api.create(e, node))
}

const nodeLabel = (node: Node, labels: Readonly<Record<string, string | null>>): Node => {
  const next: Record<string, string> = { ...node.metadata.labels }
  for (const [k, v] of Object.entries(labels)) {
    if (v === null) delete next[k]
    else next[k] = v
  }
  return { ...node, metadata: { ...node.metadata, labels: next } }
}

const cordon = (node: Node, on: boolean): Node => {
  const rest = (node.spec?.taints ?? []).filter((t) => !sameTaint(t, unschedulableTaint))
  const tainted = withTaints(node, on ? [...rest, { ...unschedulableTaint }] : rest)
  const { unschedulable: _drop, ...spec } = tainted.spec ?? {}
  return { ...tainted, spec: on ? { ...spec, unschedulable: true } : spec }
}

const externalEdit = (e: Engine, target: ObjectRef.ObjectRef, patch: unknown): Report => {
  const cur = get(e, Api.keyOfRef(target))
  if (cur === undefined) return { result: 'rejected', detail: `NotFound: ${target.kind} "${target.name}" not found` }
  const { status: _s, ...body } = cur as KubeObject & { readonly status?: unknown }
  const { status: _p, ...patchBody } = (typeof patch === 'object' && patch !== null && !Array.isArray(patch) ? patch : {}) as {
    readonly status?: unknown
  }
  const merged = mergePatch(body, patchBody)
  const decoded = decodeKind(cur.kind, merged)
  if (E.isLeft(decoded)) return { result: 'rejected', detail: `Invalid: ${decoded.left.message.split('\n').join('; ')}` }
  const edited = decoded.right
  if (edited.metadata.name !== cur.metadata.name || (edited.metadata.namespace ?? '') !== (cur.metadata.namespace ?? '')) {
    return {
      result: 'rejected',
      detail: `BadRequest: the name of the object (${edited.metadata.name ?? ''}) does not match the name on the URL (${cur.metadata.name ?? ''})`,
    }
  }
  return fromOutcome(Api.update(e, edited))
}

/** Applies `fault` now, records it in the trace and commits its writes. */
export const apply = (e: Engine, fault: Fault): void => {
  const report = ((): Report => {
    switch (fault._tag) {
      case 'PodCrash':
        return Kubelet.crash(e, ObjectRef.keyOf('Pod', fault.namespace, fault.name))
          ? {}
          : { detail: `no running pod ${fault.namespace}/${fault.name}` }
      case 'NodeDown':
        return nodeDown(e, fault.name)
      case 'NodeUp':
        return nodeUp(e, fault.name)
      case 'NodeAdd':
        return nodeAdd(e, fault)
      case 'NodeRemove':
        return fromOutcome(Api.remove(e, { apiVersion: 'v1', kind: 'Node', name: fault.name }, 'Background', undefined))
      case 'NodeLabel':
        return editNode(e, fault.name, (n) => nodeLabel(n, fault.labels))
      case 'NodeTaint':
        return editNode(e, fault.name, (n) => withTaints(n, [...(n.spec?.taints ?? []).filter((t) => !sameTaint(t, fault.taint)), fault.taint]))
      case 'NodeUntaint':
        return editNode(e, fault.name, (n) =>
          withTaints(n, (n.spec?.taints ?? []).filter((t) => t.key !== fault.key || (fault.effect !== undefined && t.effect !== fault.effect))),
        )
      case 'NodeCordon':
        return editNode(e, fault.name, (n) => cordon(n, true))
      case 'NodeUncordon':
        return editNode(e, fault.name, (n) => cordon(n, false))
      case 'ExternalDelete':
        return fromOutcome(Api.remove(e, fault.target, fault.propagationPolicy ?? 'Background', fault.preconditions))
      case 'ExternalEdit':
        return externalEdit(e, fault.target, fault.patch)
      case 'ExternalCreate':
        return fromOutcome(Api.create(e, fault.object))
      case 'StaleView': {
        const lag = Math.max(0, Math.min(Math.floor(fault.lag), e.settings.viewHistory - 1))
        e.stale = { lag, rounds: Math.max(0, Math.floor(fault.rounds)) }
        return lag === fault.lag ? {} : { detail: `lag capped at ${lag} rounds` }
      }
      case 'DropActions':
        e.drops += Math.max(0, Math.floor(fault.count))
        return {}
      case 'ControllerRestart':
        e.expectations = e.expectations.clear()
        e.memory.clear()
        e.suspended.length = 0
        e.wakeAll = true
        return {}
    }
  })()
  record(e, { _tag: 'Fault', time: traceTime(e), fault, ...report })
  commit(e)
}
