/**
 * The node lifecycle and taint eviction invariants.
 *
 * | id | takes | holds when |
 * | --- | --- | --- |
 * | NL-1 | pass | taint eviction evicts a pod only from a node with a NoExecute taint it does not tolerate, or once its tolerations have run out |
 * | NL-2 | fixpoint | no pod that is not being deleted is bound to a node with NoExecute taints it does not tolerate for ever |
 *
 * NL-1 counts a toleration's time from the earliest `timeAdded` among the node's NoExecute taints,
 * or from the pod's turn to `Ready=False` when that came first (a node whose `not-ready` taint was
 * swapped for `unreachable` keeps the clock it started with, as upstream's does). Upstream starts
 * the clock when the controller first sees the pod there, which is never earlier; a pod whose node
 * had one of several NoExecute taints removed meanwhile is the one case this bound misjudges.
 */
import type { Node } from '../api/node.js'
import type { Pod } from '../api/pod.js'
import type { Action } from '../core/Action.js'
import { find } from '../core/conditions.js'
import * as CV from '../core/ClusterView.js'
import type { ClusterView } from '../core/ClusterView.js'
import * as Ref from '../core/ObjectRef.js'
import * as T from '../core/time.js'
import { noExecuteTaints } from '../controllers/tainteviction/reconcile.js'
import { matchingTolerations, minTolerationSeconds } from '../controllers/tainteviction/tolerations.js'
import { violation } from './Violation.js'
import type { Violation } from './Violation.js'

const nodeOf = (view: ClusterView, pod: Pod): Node | undefined => CV.lookup(view, 'Node', undefined, pod.spec.nodeName ?? '')

/** The earliest time (ms) the pod may have been seen on its tainted node: see the module comment. */
const since = (node: Node, pod: Pod): number => {
  const times = noExecuteTaints(node).map((t) => T.parse(t.timeAdded) ?? -Infinity)
  const ready = find(pod.status?.conditions, 'Ready')
  if (ready?.status === 'False') times.push(T.parse(ready.lastTransitionTime) ?? -Infinity)
  return Math.min(...times)
}

/** NL-1: every pod a taint eviction pass (at `now`, having observed `view`) deletes was due for eviction. */
export const nl1EvictedNoEarlier = (view: ClusterView, now: Date, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> =>
  actions.flatMap((a) => {
    if (a._tag !== 'Delete' || a.target.kind !== 'Pod') return []
    const pod = CV.lookup(view, 'Pod', a.target.namespace, a.target.name)
    const node = pod === undefined ? undefined : nodeOf(view, pod)
    const what = Ref.show(a.target)
    if (pod === undefined) return [violation('NL-1', `${what} is evicted but was not there`, a.target)]
    // A node that went away leaves its scheduled evictions to fire.
    if (node === undefined) return []
    const taints = noExecuteTaints(node)
    if (taints.length === 0) return [violation('NL-1', `${what} is evicted from node ${node.metadata.name ?? ''}, which has no NoExecute taint`, a.target)]
    const used = matchingTolerations(taints, pod.spec.tolerations ?? [])
    if (used === undefined) return []
    const seconds = minTolerationSeconds(used)
    if (seconds < 0) return [violation('NL-1', `${what} is evicted although it tolerates the taints of node ${node.metadata.name ?? ''} for ever`, a.target)]
    const due = since(node, pod) + seconds * 1000
    return now.getTime() >= due ? [] : [violation('NL-1', `${what} is evicted ${(due - now.getTime()) / 1000}s before its tolerations run out`, a.target)]
  })

/** NL-2: at a fixpoint, every pod bound to a node with NoExecute taints is being deleted or tolerates them all for ever. */
export const nl2NoIntolerantPods = (view: ClusterView): ReadonlyArray<Violation> =>
  CV.listOf(view, 'Node').flatMap((node) => {
    const taints = noExecuteTaints(node)
    if (taints.length === 0) return []
    return CV.podsOnNode(view, node.metadata.name ?? '').flatMap((pod) => {
      if (pod.metadata.deletionTimestamp !== undefined) return []
      const used = matchingTolerations(taints, pod.spec.tolerations ?? [])
      return used !== undefined && minTolerationSeconds(used) < 0
        ? []
        : [violation('NL-2', `${Ref.show(Ref.of(pod))} stays on node ${node.metadata.name ?? ''}, whose NoExecute taints it does not tolerate for ever`, Ref.of(pod))]
    })
  })
