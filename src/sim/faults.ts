/**
 * Faults and external actors, applied at the current simulated time and recorded in the trace.
 *
 * NodeDown stops the node's kubelet, nothing more: the node lifecycle controller notices the
 * silence after its grace period (Ready=Unknown, the `unreachable` taints) and the taint eviction
 * controller evicts the pods when their tolerations run out (300 s by default). NodeUp starts the
 * kubelet again.
 *
 * EvictPod is the Eviction API: the pod is marked `DisruptionTarget` and deleted gracefully.
 */
import type { Node, Taint } from '../api/node.js'
import type { KubeObject } from '../api/object.js'
import { decodeKind } from '../api/decode.js'
import * as ObjectRef from '../core/ObjectRef.js'
import { unschedulableTaint } from '../core/nodes.js'
import { kubeletStopped, lastHeartbeatAnnotation } from '../controllers/nodelifecycle/heartbeat.js'
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

/**
 * The node's kubelet stops: it posts nothing more and advances none of its pods. The simulation
 * records its last heartbeat on the Node (now); what follows is the controllers' doing.
 */
const nodeDown = (e: Engine, name: string): Report => {
  const node = get(e, nodeKey(name))
  if (node?.kind !== 'Node') return { detail: `no node ${name}` }
  if (kubeletStopped(node)) return { detail: 'kubelet already stopped' }
  writeNode(e, { ...node, metadata: { ...node.metadata, annotations: { ...node.metadata.annotations, [lastHeartbeatAnnotation]: stamp(e) } } })
  return {}
}

/** The Eviction API: `DisruptionTarget=True` on a non-terminal pod, then a graceful delete. */
const evictPod = (e: Engine, namespace: string, name: string): Report => {
  const key = ObjectRef.keyOf('Pod', namespace, name)
  const cur = get(e, key)
  if (cur?.kind !== 'Pod') return { result: 'rejected', detail: `NotFound: Pod "${name}" not found` }
  if (!Pods.isTerminal(cur) && cur.metadata.deletionTimestamp === undefined) {
    const marked = Api.updateStatus(e, {
      ...cur,
      status: {
        ...cur.status,
        conditions: setCondition(cur.status?.conditions, condition('DisruptionTarget', 'True', stamp(e), 'EvictionByEvictionAPI', 'Eviction API: evicting')),
      },
    })
    if (marked.result !== 'applied') return fromOutcome(marked)
  }
  return fromOutcome(Api.remove(e, { apiVersion: 'v1', kind: 'Pod', namespace, name }, undefined, undefined))
}

/** What a kubelet posts for each condition it owns when it is healthy. */
const healthy: ReadonlyArray<readonly [type: string, status: 'True' | 'False', reason: string, message: string]> = [
  ['MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'],
]

/**
 * The node's kubelet starts again: its heartbeat is current, it posts Ready (and healthy
 * pressure conditions, where the node has them) and runs its pods again. Taints are the node
 * lifecycle controller's to remove.
 */
const nodeUp = (e: Engine, name: string): Report => {
  const node = get(e, nodeKey(name))
  if (node?.kind !== 'Node') return { detail: `no node ${name}` }
  const time = stamp(e)
  const { [lastHeartbeatAnnotation]: _drop, ...annotations } = node.metadata.annotations ?? {}
  const { annotations: _a, ...meta } = node.metadata
  const posted = healthy
    .filter(([type]) => type === 'Ready' || (node.status?.conditions ?? []).some((c) => c.type === type))
    .map(([type, status, reason, message]) => ({ ...condition(type, status, time, reason, message), lastHeartbeatTime: time }))
  writeNode(e, {
    ...node,
    metadata: Object.keys(annotations).length === 0 ? meta : { ...meta, annotations },
    status: { ...node.status, conditions: setConditions(node.status?.conditions, posted) },
  })
  Kubelet.resume(e, name)
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
      case 'EvictPod':
        return evictPod(e, fault.namespace, fault.name)
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
