/**
 * The pod garbage collector (upstream `pkg/controller/podgc`), one pass:
 * 1. **terminated pods over the threshold** (`--terminated-pod-gc-threshold`, 12,500 by
 *    default; ≤ 0 turns the step off): the surplus goes, evicted pods first, then the oldest,
 *    ties by name;
 * 2. **terminating pods on out-of-service nodes** (not Ready and tainted
 *    `node.kubernetes.io/out-of-service`);
 * 3. **orphaned pods**, bound to a node that does not exist: after a 40 s quarantine (counted
 *    from when pod GC first saw the node missing, kept in its memory) they are marked Failed with
 *    `DisruptionTarget` (reason `DeletionByPodGC`);
 * 4. **unscheduled terminating pods**.
 * Every deletion is forced (grace period 0), after a status write to `Failed` for a pod that is
 * not terminal yet. Woken by pod and node changes, a pass looks at the pods and nodes those
 * changes name; a full pass (first sync, restart) looks at everything that may need it: the
 * terminated pods, the pods of nodes that are missing or out of service, and the unscheduled
 * pods, found through the view's indexes. Neither costs a listing of every pod.
 */
import type { Node } from '../../api/node.js'
import type { Pod } from '../../api/pod.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import { condition, setCondition } from '../../core/conditions.js'
import { isReady } from '../../core/nodes.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { compareStrings } from '../../core/order.js'
import * as T from '../../core/time.js'

/** upstream `--terminated-pod-gc-threshold` default. */
export const defaultTerminatedPodThreshold = 12_500

/** How long a missing node's pods wait before they are collected (upstream `quarantineTime`). */
export const quarantineSeconds = 40

/** The taint that lets pod GC force-delete terminating pods of a node that is down for good. */
export const outOfServiceTaint = 'node.kubernetes.io/out-of-service'

/** Pod GC's memory: node name → when its quarantine ends (ms). */
export type Quarantine = ReadonlyMap<string, number>

/** Options of `reconcileWith`. */
export interface PodGcOptions {
  /** Terminated pods kept before the oldest go; ≤ 0 keeps them all. Default 12,500. */
  readonly terminatedPodThreshold?: number
}

/** Terminated as pod GC counts it: a phase other than Pending, Running and Unknown (an empty phase too). */
const terminated = (p: Pod): boolean => {
  const phase = p.status?.phase ?? ''
  return phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown'
}

const evicted = (p: Pod): boolean => p.status?.phase === 'Failed' && p.status.reason === 'Evicted'

/** upstream `byEvictionAndCreationTimestamp`: evicted first, then oldest, then by name. */
const byEvictionAndAge = (a: Pod, b: Pod): number =>
  Number(evicted(b)) - Number(evicted(a)) ||
  (T.parse(a.metadata.creationTimestamp) ?? 0) - (T.parse(b.metadata.creationTimestamp) ?? 0) ||
  compareStrings(a.metadata.name ?? '', b.metadata.name ?? '')

const keyOf = (p: Pod): string => ObjectRef.keyOf('Pod', p.metadata.namespace, p.metadata.name ?? '')

/** upstream `markFailedAndDeletePodWithCondition`: Failed (with `disruption`, if any) unless terminal, then a forced delete. */
const failAndDelete = (pod: Pod, now: Date, disruption?: { readonly reason: string; readonly message: string }): ReadonlyArray<Action> => {
  const phase = pod.status?.phase
  const marked: ReadonlyArray<Action> =
    phase === 'Succeeded' || phase === 'Failed'
      ? []
      : [
          A.updateStatus({
            ...pod,
            status: {
              ...pod.status,
              phase: 'Failed',
              ...(disruption === undefined
                ? {}
                : {
                    conditions: setCondition(
                      pod.status?.conditions,
                      condition('DisruptionTarget', 'True', T.formatDate(now), disruption.reason, disruption.message),
                    ),
                  }),
            },
          }),
        ]
  const uid = pod.metadata.uid
  return [...marked, A.del(ObjectRef.of(pod), { gracePeriodSeconds: 0, ...(uid === undefined ? {} : { preconditions: { uid } }) })]
}

/** The pods and nodes a pass looks at. */
interface Scope {
  /** Pods to check for steps 2 and 4 and for missing nodes. */
  readonly pods: ReadonlyArray<Pod>
  /** Whether the terminated-pod step runs (a full pass, or a woken pod that is terminated). */
  readonly countTerminated: boolean
  /** Node names whose pods are checked too. */
  readonly nodes: ReadonlyArray<string>
}

const outOfServiceNode = (n: Node): boolean => !isReady(n) && (n.spec?.taints ?? []).some((t) => t.key === outOfServiceTaint)

/**
 * A full pass's scope: the unscheduled pods, and the nodes pods are bound to that are missing or
 * out of service (their pods are looked at).
 */
const fullScope = (view: View): Scope => ({
  pods: ClusterView.podsOnNode(view, ''),
  countTerminated: true,
  nodes: ClusterView.boundNodeNames(view).filter((name) => {
    const n = ClusterView.lookup(view, 'Node', undefined, name)
    return n === undefined || outOfServiceNode(n)
  }),
})

const scopeOf = (view: View, woken: ReadonlySet<string> | undefined): Scope => {
  if (woken === undefined) return fullScope(view)
  const pods: Array<Pod> = []
  const nodes: Array<string> = []
  for (const key of woken) {
    const [kind, namespace, name] = ObjectRef.parseKey(key)
    if (kind === 'Node') nodes.push(name)
    else if (kind === 'Pod') {
      const p = ClusterView.lookup(view, 'Pod', namespace, name)
      if (p !== undefined) pods.push(p)
    }
  }
  return { pods, countTerminated: pods.some(terminated), nodes }
}

/** A pod GC pass under `options`: what it does now, remembering `quarantine`. */
export const reconcileWith =
  (options: PodGcOptions = {}) =>
  (view: View, now: Date, woken?: ReadonlySet<string>, quarantine: Quarantine = new Map()): ReadonlyArray<Action> => {
    const threshold = options.terminatedPodThreshold ?? defaultTerminatedPodThreshold
    const scope = scopeOf(view, woken)
    const out: Array<Action> = []
    const done = new Set<string>()
    const collect = (pods: ReadonlyArray<Pod>, disruption?: { readonly reason: string; readonly message: string }): void => {
      for (const p of pods) {
        const k = keyOf(p)
        if (done.has(k)) continue
        done.add(k)
        out.push(...failAndDelete(p, now, disruption))
      }
    }
    // 1. terminated pods over the threshold (from the view's index of terminated pods)
    if (threshold > 0 && scope.countTerminated) {
      const all = ClusterView.terminatedPods(view)
      if (all.length > threshold) collect([...all].sort(byEvictionAndAge).slice(0, all.length - threshold))
    }
    const nodeOf = (name: string): Node | undefined => ClusterView.lookup(view, 'Node', undefined, name)
    // 2. terminating pods on out-of-service nodes
    const outOfService = (p: Pod): boolean => {
      const n = p.metadata.deletionTimestamp === undefined ? undefined : nodeOf(p.spec.nodeName ?? '')
      return n !== undefined && outOfServiceNode(n)
    }
    const considered = [...scope.pods, ...scope.nodes.flatMap((n) => ClusterView.podsOnNode(view, n))]
    collect(considered.filter(outOfService).sort(byEvictionAndAge))
    // 3. orphaned pods: bound to a missing node, once its quarantine is over
    const missing = new Set<string>()
    for (const p of considered) {
      const n = p.spec.nodeName ?? ''
      if (n !== '' && nodeOf(n) === undefined) missing.add(n)
    }
    for (const n of [...missing].sort(compareStrings)) {
      const until = quarantine.get(n)
      const ref: ObjectRef.ObjectRef = { apiVersion: 'v1', kind: 'Node', name: n }
      if (until === undefined) out.push(A.requeueAfter(ref, quarantineSeconds))
      else if (now.getTime() < until) out.push(A.requeueAfter(ref, (until - now.getTime()) / 1000))
      else {
        const pods = [...ClusterView.podsOnNode(view, n)].sort((a, b) => compareStrings(keyOf(a), keyOf(b)))
        collect(pods, { reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' })
      }
    }
    // 4. unscheduled terminating pods
    collect(
      considered
        .filter((p) => p.metadata.deletionTimestamp !== undefined && (p.spec.nodeName ?? '') === '')
        .sort((a, b) => compareStrings(keyOf(a), keyOf(b))),
    )
    return out
  }

/**
 * Pod GC's memory after a pass at `now` sent `actions`: a quarantine starts (now + 40 s) for each
 * node the pass asked to look at again after the full 40 s; quarantines that are over are dropped
 * (the pass at or after their end collected the node's pods).
 */
export const rememberQuarantine = (quarantine: Quarantine, actions: ReadonlyArray<Action>, now: Date): Quarantine => {
  const nowMs = now.getTime()
  const next = new Map([...quarantine].filter(([, until]) => until > nowMs))
  for (const a of actions) {
    if (a._tag === 'RequeueAfter' && a.target.kind === 'Node' && a.seconds === quarantineSeconds && !next.has(a.target.name)) {
      next.set(a.target.name, nowMs + quarantineSeconds * 1000)
    }
  }
  return next.size === quarantine.size && [...next].every(([k, v]) => quarantine.get(k) === v) ? quarantine : next
}

/** A pod GC pass with upstream's defaults. */
export const reconcile = reconcileWith()
