/**
 * The node lifecycle controller (upstream `pkg/controller/nodelifecycle`), one pass:
 * 1. **health**: a node whose kubelet has been silent longer than the grace period (50 s,
 *    `--node-monitor-grace-period`; 60 s for a node that never posted Ready) gets its conditions
 *    `Unknown` and a `NodeNotReady` event, and its pods `Ready=False`; before then the pass asks to
 *    look again when the grace period ends;
 * 2. **pods**: a pod bound to a node that is not Ready gets `Ready=False`;
 * 3. **taints**: NoSchedule taints mirror the node's conditions and cordon, and the NoExecute
 *    `not-ready` / `unreachable` taint its Ready condition, zone disruption permitting (see
 *    `zones.ts`). A node whose status this pass writes gets its taints in the next pass, as
 *    upstream taints what its next monitor pass observes.
 * Woken with node keys, a pass looks at every node (zone states are cluster-wide); woken only with
 * pod keys, at those pods.
 */
import type { Node } from '../../api/node.js'
import type { Pod } from '../../api/pod.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { compareStrings } from '../../core/order.js'
import * as T from '../../core/time.js'
import { markNotReady, notReadyEvent, silenced, staleAt } from './health.js'
import { applyTaints, noExecuteChange, noScheduleChange } from './taints.js'
import type { DisruptionOptions } from './zones.js'
import { disruption, mayTaint, readyStatus, zoneOf } from './zones.js'

/** The controller's options, as kube-controller-manager's flags name them (seconds). */
export interface NodeLifecycleOptions {
  /** `--node-monitor-grace-period`, default 50 (v1.32+; 40 before). */
  readonly nodeMonitorGracePeriodSeconds?: number
  /** `--node-startup-grace-period`, default 60. */
  readonly nodeStartupGracePeriodSeconds?: number
  /** `--unhealthy-zone-threshold`, default 0.55. */
  readonly unhealthyZoneThreshold?: number
  /** `--large-cluster-size-threshold`, default 50. */
  readonly largeClusterSizeThreshold?: number
}

/** upstream's defaults (kube-controller-manager v1.32+). */
export const defaults: Required<NodeLifecycleOptions> = {
  nodeMonitorGracePeriodSeconds: 50,
  nodeStartupGracePeriodSeconds: 60,
  unhealthyZoneThreshold: 0.55,
  largeClusterSizeThreshold: 50,
}

/** The controller's name (upstream's). */
export const name = 'node-lifecycle-controller'

const byName = (a: Node, b: Node): number => compareStrings(a.metadata.name ?? '', b.metadata.name ?? '')

const podKey = (p: Pod): string => ObjectRef.keyOf('Pod', p.metadata.namespace, p.metadata.name ?? '')

/** What one pass does for every node: health first, then (nodes whose status it leaves alone) taints. */
const nodePass = (view: View, now: Date, o: Required<NodeLifecycleOptions>): ReadonlyArray<Action> => {
  const nodes = [...ClusterView.listOf(view, 'Node')].sort(byName)
  const grace = { monitor: o.nodeMonitorGracePeriodSeconds, startup: o.nodeStartupGracePeriodSeconds }
  const out: Array<Action> = []
  const written = new Map<string, Node>()
  for (const n of nodes) {
    const at = staleAt(n, grace)
    if (at === undefined) continue
    if (now.getTime() < at) {
      out.push(A.requeueAfter(ObjectRef.of(n), (at - now.getTime()) / 1000))
      continue
    }
    const next = silenced(n, now)
    if (next === undefined) continue
    written.set(n.metadata.name ?? '', next)
    out.push(A.updateStatus(next))
    if (readyStatus(n) === 'True') out.push(notReadyEvent(n))
  }
  const readyOf = (n: Node): string | undefined => readyStatus(written.get(n.metadata.name ?? '') ?? n)
  const zones: DisruptionOptions = o
  const d = disruption(nodes, readyOf, zones)
  const time = T.formatDate(now)
  for (const n of nodes) {
    const name = n.metadata.name ?? ''
    const ready = readyOf(n)
    if (ready !== undefined && ready !== 'True') {
      const pods = [...ClusterView.podsOnNode(view, name)].sort((a, b) => compareStrings(podKey(a), podKey(b)))
      for (const p of pods) out.push(...markNotReady(p, now))
    }
    if (written.has(name)) continue
    const ns = noScheduleChange(n)
    const ne = noExecuteChange(n, ready, mayTaint(d, zoneOf(n), zones), d.allFullyDisrupted)
    const tainted = applyTaints(n, { add: [...ns.add, ...ne.add], remove: [...ns.remove, ...ne.remove] }, time)
    if (tainted !== undefined) out.push(A.update(tainted))
  }
  return out
}

/** What one pass does for the woken pods: `Ready=False` for those bound to a node that is not Ready. */
const podPass = (view: View, now: Date, keys: ReadonlyArray<string>): ReadonlyArray<Action> =>
  keys.flatMap((key) => {
    const [, namespace, podName] = ObjectRef.parseKey(key)
    const pod = ClusterView.lookup(view, 'Pod', namespace, podName)
    const node = pod === undefined ? undefined : ClusterView.lookup(view, 'Node', undefined, pod.spec.nodeName ?? '')
    if (pod === undefined || node === undefined) return []
    const ready = readyStatus(node)
    return ready !== undefined && ready !== 'True' ? markNotReady(pod, now) : []
  })

/**
 * A node lifecycle pass under `options`: over every node for a full pass (`woken` undefined or
 * holding the controller's name) or one woken by a node, else over the woken pods.
 */
export const reconcileWith =
  (options: NodeLifecycleOptions = {}) =>
  (view: View, now: Date, woken?: ReadonlySet<string>): ReadonlyArray<Action> => {
    const o = { ...defaults, ...options }
    const keys = woken === undefined ? undefined : [...woken].sort(compareStrings)
    if (keys === undefined || keys.some((k) => k === name || k.startsWith('Node/'))) return nodePass(view, now, o)
    return podPass(view, now, keys.filter((k) => k.startsWith('Pod/')))
  }

/** A node lifecycle pass with upstream's defaults. */
export const reconcile = reconcileWith()
