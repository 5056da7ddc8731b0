/**
 * The taint eviction controller (upstream `pkg/controller/tainteviction`): a pod bound to a node
 * with NoExecute taints is evicted — `DisruptionTarget=True` (reason `DeletionByTaintManager`),
 * then a graceful delete — at once when it does not tolerate them all, else when its tolerations
 * run out (`minTolerationSeconds` of the tolerations it uses), counted from when the controller
 * first saw it there; tolerations without `tolerationSeconds` keep it for ever. Pods already being
 * deleted are left alone.
 *
 * The scheduled evictions are the controller's memory (upstream's timed work queue), keyed by pod:
 * a sync asks to be woken when one falls due (`RequeueAfter`), and a cancelled one is announced with
 * upstream's `Cancelling deletion` event; a restart forgets them, so the time starts again.
 */
import type { Node, Taint } from '../../api/node.js'
import type { Pod } from '../../api/pod.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import { condition, find, setCondition } from '../../core/conditions.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { compareStrings } from '../../core/order.js'
import * as T from '../../core/time.js'
import { matchingTolerations, minTolerationSeconds } from './tolerations.js'

/** The controller's name (upstream's). */
export const name = 'taint-eviction-controller'

/** A scheduled eviction: when it was scheduled and when it falls due (ms). */
export interface ScheduledEviction {
  readonly createdAt: number
  readonly fireAt: number
}

/** The controller's memory: pod key (`Pod/namespace/name`) → its scheduled eviction. */
export type Evictions = ReadonlyMap<string, ScheduledEviction>

/** The event reason of an eviction and of a cancelled one. */
export const eventReason = 'TaintManagerEviction'

const cancelPrefix = 'Cancelling deletion of Pod '

/** The node's NoExecute taints. */
export const noExecuteTaints = (node: Node | undefined): ReadonlyArray<Taint> => (node?.spec?.taints ?? []).filter((t) => t.effect === 'NoExecute')

const refOf = (key: string): ObjectRef.ObjectRef => {
  const [, namespace, podName] = ObjectRef.parseKey(key)
  return { apiVersion: 'v1', kind: 'Pod', ...(namespace === undefined ? {} : { namespace }), name: podName }
}

const shown = (key: string): string => {
  const [, namespace, podName] = ObjectRef.parseKey(key)
  return `${namespace ?? ''}/${podName}`
}

const cancel = (key: string): ReadonlyArray<Action> => [A.event(refOf(key), 'Normal', eventReason, `${cancelPrefix}${shown(key)}`)]

/** upstream `addConditionAndDeletePod`: the event, `DisruptionTarget=True` (when not already so), a graceful delete. */
export const evict = (pod: Pod, now: Date): ReadonlyArray<Action> => {
  const ref = ObjectRef.of(pod)
  const mark = condition('DisruptionTarget', 'True', T.formatDate(now), 'DeletionByTaintManager', 'Taint manager: deleting due to NoExecute taint')
  const had = find(pod.status?.conditions, 'DisruptionTarget')
  const marked =
    had?.status === mark.status && had.reason === mark.reason && had.message === mark.message
      ? []
      : [A.required({ _tag: 'UpdateStatus' as const, object: { ...pod, status: { ...pod.status, conditions: setCondition(pod.status?.conditions, mark) } } })]
  return [A.event(ref, 'Normal', eventReason, `Marking for deletion Pod ${shown(ObjectRef.key(ref))}`), ...marked, A.del(ref)]
}

/**
 * What the controller does now for the pod under `key` (`undefined`: gone), bound to `node`,
 * given its scheduled eviction `entry`.
 */
export const decide = (key: string, pod: Pod | undefined, node: Node | undefined, entry: ScheduledEviction | undefined, now: Date): ReadonlyArray<Action> => {
  if (pod === undefined) return entry === undefined ? [] : cancel(key)
  if (pod.metadata.deletionTimestamp !== undefined || (pod.spec.nodeName ?? '') === '') return []
  const nowMs = now.getTime()
  const due = (fireAt: number): ReadonlyArray<Action> => (fireAt <= nowMs ? evict(pod, now) : [A.requeueAfter(ObjectRef.of(pod), (fireAt - nowMs) / 1000)])
  // A node that is gone leaves a scheduled eviction to fire as it was.
  if (node === undefined) return entry === undefined ? [] : due(entry.fireAt)
  const taints = noExecuteTaints(node)
  if (taints.length === 0) return entry === undefined ? [] : cancel(key)
  const used = matchingTolerations(taints, pod.spec.tolerations ?? [])
  if (used === undefined) return evict(pod, now)
  const seconds = minTolerationSeconds(used)
  if (seconds < 0) return entry === undefined ? [] : cancel(key)
  return due(entry !== undefined && entry.createdAt < nowMs ? entry.fireAt : nowMs + seconds * 1000)
}

/** The pod keys a pass looks at: all those on tainted nodes and remembered (full pass), or those the woken keys name. */
const subjects = (view: View, woken: ReadonlySet<string> | undefined, memory: Evictions): ReadonlyArray<string> => {
  const keys = new Set<string>()
  const onNode = (n: string): void => {
    for (const p of ClusterView.podsOnNode(view, n)) keys.add(ObjectRef.keyOf('Pod', p.metadata.namespace, p.metadata.name ?? ''))
  }
  if (woken === undefined || woken.has(name)) {
    for (const n of ClusterView.listOf(view, 'Node')) if (noExecuteTaints(n).length > 0) onNode(n.metadata.name ?? '')
    for (const k of memory.keys()) keys.add(k)
  } else {
    for (const k of woken) {
      const [kind, , objectName] = ObjectRef.parseKey(k)
      if (kind === 'Node') onNode(objectName)
      else if (kind === 'Pod') keys.add(k)
    }
  }
  return [...keys].sort(compareStrings)
}

/** One pass: the woken pods (every pod that may need it for a full pass), in key order. */
export const reconcile = (view: View, now: Date, woken?: ReadonlySet<string>, memory: Evictions = new Map()): ReadonlyArray<Action> =>
  subjects(view, woken, memory).flatMap((key) => {
    const [, namespace, podName] = ObjectRef.parseKey(key)
    const pod = ClusterView.lookup(view, 'Pod', namespace, podName)
    const node = pod === undefined ? undefined : ClusterView.lookup(view, 'Node', undefined, pod.spec.nodeName ?? '')
    return decide(key, pod, node, memory.get(key), now)
  })

/**
 * The memory after a pass at `now` that observed `view` and sent `actions`: a requeue of a pod
 * schedules its eviction (kept as it was when it falls due at the same time), a cancellation
 * event drops it, and so does the pod being deleted (an eviction done).
 */
export const remember = (memory: Evictions, actions: ReadonlyArray<Action>, now: Date, _object?: unknown, view?: View): Evictions => {
  const next = new Map(memory)
  const nowMs = now.getTime()
  for (const a of actions) {
    if (a._tag === 'RequeueAfter' && a.target.kind === 'Pod') {
      const key = ObjectRef.key(a.target)
      const fireAt = Math.round(nowMs + a.seconds * 1000)
      if (next.get(key)?.fireAt !== fireAt) next.set(key, { createdAt: nowMs, fireAt })
    } else if (a._tag === 'Event' && a.reason === eventReason && a.message.startsWith(cancelPrefix)) {
      next.delete(ObjectRef.key(a.target))
    }
  }
  if (view !== undefined) {
    for (const key of [...next.keys()]) {
      const [, namespace, podName] = ObjectRef.parseKey(key)
      if (ClusterView.lookup(view, 'Pod', namespace, podName)?.metadata.deletionTimestamp !== undefined) next.delete(key)
    }
  }
  return next
}
