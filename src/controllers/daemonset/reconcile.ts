/**
 * The sync of one DaemonSet (upstream `syncDaemonSet`): history, placement, the rolling update,
 * history cleanup and status, as a pure plan. Upstream's failed-pod backoff is the explicit
 * `backoff` input (see `backoff.ts`); its expectations are kept by the simulation's runtime.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Node } from '../../api/node.js'
import type { Pod } from '../../api/pod.js'
import type { DaemonSet } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { byNamespaceName } from '../../core/order.js'
import { claim } from '../../core/ownership.js'
import * as Selector from '../../core/selector.js'
import { nextAvailabilityCheck } from '../../core/pods.js'
import { isValidSelector } from '../replicaset/owner.js'
import { emptyBackoff } from './backoff.js'
import type { FailedPodBackoff } from './backoff.js'
import { oldestFirst } from './daemonPods.js'
import { placements as placementsOf, podsByNode } from './eligibility.js'
import type { PodsByNode } from './eligibility.js'
import { cleanupHistory, constructHistory } from './history.js'
import { burstReplicas, decide, syncNodes } from './manage.js'
import { rollingUpdate } from './rollingUpdate.js'
import { isRollingUpdate } from './strategy.js'
import { availabilityRequeue, countDaemonPods, nextStatus, statusUnchanged } from './status.js'

/** How one sync is modelled. */
export interface ReconcileOptions {
  /**
   * `'production'` (default): the rolling update runs only in a sync whose placement wrote no
   * pod, because upstream's expectations are unsatisfied after its own creates and deletes.
   * `'sameSync'`: as upstream's unit tests, whose fake client shows writes at once, the rolling
   * update runs in the same sync on the state after placement (created pods appear without
   * status on their node, deleted pods disappear).
   */
  readonly rollingUpdate?: 'production' | 'sameSync'
}

/** The event upstream records for a DaemonSet whose selector is `{}`. */
export const selectingAllReason = 'SelectingAll'

/** The pods the DaemonSet may claim: those it controls and the orphans of its namespace, by name. */
export const candidatePods = (ds: DaemonSet, view: View): ReadonlyArray<Pod> => {
  const ns = ds.metadata.namespace ?? ''
  const uid = ds.metadata.uid
  const owned = uid === undefined ? [] : ClusterView.controlledOf(view, uid, 'Pod').filter((p) => (p.metadata.namespace ?? '') === ns)
  return [...owned, ...ClusterView.orphans(view, 'Pod', ns)].sort(byNamespaceName)
}

/**
 * Upstream's pod event handler requeues the DaemonSet `minReadySeconds` + 1 s after one of its
 * pods turns ready; a pure sync asks for the same: the seconds until the first ready pod that is
 * not yet available becomes so (exactly then: the simulated clock has no skew to pad for).
 */
export const readyPodRequeue = (ds: DaemonSet, pods: ReadonlyArray<Pod>, nowMs: number): number | undefined => {
  let min: number | undefined
  for (const p of pods) {
    const s = nextAvailabilityCheck(p, ds.spec.minReadySeconds ?? 0, nowMs)
    if (s !== undefined && (min === undefined || s < min)) min = s
  }
  return min
}

const isWritePod = (a: Action): boolean => a._tag === 'Create' || a._tag === 'Delete'

/** The grouped pods after `creates` and `deletes` were seen at once (the `sameSync` model). */
const afterWrites = (ds: DaemonSet, pods: PodsByNode, creates: ReadonlyArray<string>, deletes: ReadonlyArray<Pod>, hash: string): PodsByNode => {
  const gone = new Set(deletes)
  const out = new Map<string, Array<Pod>>()
  for (const [node, list] of pods) out.set(node, list.filter((p) => !gone.has(p)))
  const created = syncNodes(ds, creates, [], hash).filter((a): a is A.Create => a._tag === 'Create')
  created.forEach((c, i) => {
    const p = c.object as Pod
    const node = creates[i] as string
    const pod = { ...p, metadata: { ...p.metadata, name: `${p.metadata.generateName ?? ''}${i}` } }
    out.set(node, [...(out.get(node) ?? []), pod].sort(oldestFirst))
  })
  return out
}

/**
 * The DaemonSet sync with `options` (see `ReconcileOptions`): what the controller does now for
 * `ds`, given the failed-pod `backoff` it remembers.
 */
export const reconcileWith =
  (options: ReconcileOptions = {}) =>
  (ds: DaemonSet, view: View, now: Date, backoff: FailedPodBackoff = emptyBackoff): ReadonlyArray<Action> => {
    const target = ObjectRef.of(ds)
    const sel = ds.spec.selector
    if (Object.keys(sel).length === 0) {
      return [A.event(target, 'Warning', selectingAllReason, 'This daemon set is selecting all pods. A non-empty selector is required.')]
    }
    if (ds.metadata.deletionTimestamp !== undefined || !isValidSelector(sel)) return []
    const matches = Selector.fromLabelSelector(sel)
    const nowMs = now.getTime()
    const { claimed, actions: podClaims } = claim(ds, matches, candidatePods(ds, view))
    const history = constructHistory(ds, view, matches, claimed, podClaims)
    if (history._tag === 'Collision') return history.actions
    const { hash } = history
    const out: Array<Action> = [...history.actions, ...(history.podClaimsEmitted ? [] : podClaims)]
    const nodes = ClusterView.listOf(view, 'Node') as ReadonlyArray<Node>
    const placements = placementsOf(ds, nodes)
    const pods = podsByNode(claimed, false)
    const decided = decide({ ds, placements, pods, hash, backoff, nowMs })
    const manageWrites = syncNodes(ds, decided.creates, decided.deletes, hash)
    out.push(...decided.events, ...manageWrites)
    let failed = false
    if (isRollingUpdate(ds) && (options.rollingUpdate === 'sameSync' || !manageWrites.some(isWritePod))) {
      const state =
        options.rollingUpdate === 'sameSync'
          ? afterWrites(ds, pods, decided.creates.slice(0, burstReplicas), decided.deletes.slice(0, burstReplicas), hash)
          : pods
      const plan = rollingUpdate({ ds, placements, pods: state, hash, nowMs })
      if (E.isRight(plan)) out.push(...syncNodes(ds, plan.right.creates, plan.right.deletes, hash))
      else failed = true
    }
    if (!failed) out.push(...cleanupHistory(ds, history.old, claimed))
    const counts = countDaemonPods(ds, placements, pods, hash, nowMs)
    if (!statusUnchanged(ds, counts)) out.push(A.updateStatus({ ...ds, status: nextStatus(ds, counts, true) }))
    const requeues = [decided.requeueAfter, availabilityRequeue(ds, counts), readyPodRequeue(ds, claimed, nowMs)].filter((s): s is number => s !== undefined)
    if (requeues.length > 0) out.push(A.requeueAfter(target, Math.min(...requeues)))
    return out
  }

/**
 * What the DaemonSet controller does now for `ds` (production model): claim its revisions and
 * pods, keep the current template's revision, place one pod on every node that should run one,
 * roll out the current template, trim history, write status, and ask to be called again for
 * failed pods in backoff and for minReadySeconds.
 */
export const reconcile: (ds: DaemonSet, view: View, now: Date, backoff?: FailedPodBackoff) => ReadonlyArray<Action> = reconcileWith()
