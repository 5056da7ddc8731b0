/**
 * Node health (upstream `tryUpdateNodeHealth` and `MarkPodsNotReady`): a node whose heartbeat is
 * older than the grace period gets its Ready, MemoryPressure, DiskPressure and PIDPressure
 * conditions set to `Unknown`, and the pods bound to a node that is not Ready get `Ready=False`.
 */
import type { Condition } from '../../api/meta.js'
import type { Node } from '../../api/node.js'
import type { Pod } from '../../api/pod.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import { find } from '../../core/conditions.js'
import { jsonEqual } from '../../core/equal.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import * as T from '../../core/time.js'
import { lastHeartbeat } from './heartbeat.js'

/** The conditions the controller turns `Unknown` when the kubelet goes silent (NetworkUnavailable is not its). */
export const monitoredConditions: ReadonlyArray<string> = ['Ready', 'MemoryPressure', 'DiskPressure', 'PIDPressure']

/** The grace periods (seconds). */
export interface Grace {
  /** `--node-monitor-grace-period`: a node with a Ready condition. */
  readonly monitor: number
  /** `--node-startup-grace-period`: a node whose kubelet never posted a Ready condition. */
  readonly startup: number
}

/** When the node's silence outlasts its grace period (ms), or `undefined` while its kubelet runs. */
export const staleAt = (node: Node, grace: Grace): number | undefined => {
  const hb = lastHeartbeat(node)
  if (hb === undefined) return undefined
  const ready = find(node.status?.conditions, 'Ready')
  return hb + (ready === undefined ? grace.startup : grace.monitor) * 1000
}

const unknown = (c: Condition | undefined, type: string, node: Node, time: string): Condition => {
  if (c === undefined) {
    return {
      type,
      status: 'Unknown',
      reason: 'NodeStatusNeverUpdated',
      message: 'Kubelet never posted node status.',
      ...(node.metadata.creationTimestamp === undefined ? {} : { lastHeartbeatTime: node.metadata.creationTimestamp }),
      lastTransitionTime: time,
    }
  }
  if (c.status === 'Unknown') return c
  return { ...c, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: time }
}

/**
 * The node with its monitored conditions `Unknown` at `now`, or `undefined` when its Ready
 * condition would not change (upstream writes the status only when Ready changes).
 */
export const silenced = (node: Node, now: Date): Node | undefined => {
  const time = T.formatDate(now)
  const conditions = [...(node.status?.conditions ?? [])]
  for (const type of monitoredConditions) {
    const i = conditions.findIndex((c) => c.type === type)
    if (i < 0) conditions.push(unknown(undefined, type, node, time))
    else conditions[i] = unknown(conditions[i], type, node, time)
  }
  const before = find(node.status?.conditions, 'Ready')
  if (jsonEqual(before, find(conditions, 'Ready'))) return undefined
  return { ...node, status: { ...node.status, conditions } }
}

/** The Node event upstream records when a node stops being Ready. */
export const notReadyEvent = (node: Node): Action =>
  A.event(ObjectRef.of(node), 'Normal', 'NodeNotReady', `Node ${node.metadata.name ?? ''} status is now: NodeNotReady`)

/**
 * `MarkPodsNotReady` for one pod at `now`: `Ready=False` (its transition time now, the rest of the
 * condition kept) and a `NodeNotReady` warning, when it has a Ready condition that is not False.
 */
export const markNotReady = (pod: Pod, now: Date): ReadonlyArray<Action> => {
  const conditions = pod.status?.conditions ?? []
  const i = conditions.findIndex((c) => c.type === 'Ready')
  const c = conditions[i]
  if (c === undefined || c.status === 'False') return []
  const next: Condition = { ...c, status: 'False', lastTransitionTime: T.formatDate(now) }
  return [
    A.updateStatus({ ...pod, status: { ...pod.status, conditions: conditions.map((x, j) => (j === i ? next : x)) } }),
    A.event(ObjectRef.of(pod), 'Warning', 'NodeNotReady', 'Node is not ready'),
  ]
}
