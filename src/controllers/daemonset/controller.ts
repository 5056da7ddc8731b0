/**
 * The DaemonSet controller as a `Controller` value: upstream's event handlers (a pod or
 * ControllerRevision change wakes its controlling DaemonSet, or, for an orphan, every DaemonSet of
 * its namespace whose selector matches it; a node change wakes the DaemonSets it concerns), the
 * pod expectations, the failed-pod backoff it remembers, and how the CLI and the timeline
 * summarise it.
 */
import type { Node } from '../../api/node.js'
import type { KubeObject } from '../../api/object.js'
import type { DaemonSet } from '../../api/workloads.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import type { Key, PerObjectController, StatusField, Wake } from '../../core/Controller.js'
import { controllerOf, keyOfObject, perObject } from '../../core/Controller.js'
import { nodeShouldRunDaemonPod } from '../../core/daemonEligibility.js'
import { keyOf } from '../../core/ObjectRef.js'
import { controllerRef } from '../../core/ownership.js'
import { isActive, isReady } from '../../core/pods.js'
import { fromLabelSelector } from '../../core/selector.js'
import { emptyBackoff, rememberBackoff } from './backoff.js'
import type { FailedPodBackoff } from './backoff.js'
import { reconcile } from './reconcile.js'
import { sizeLine } from '../../core/sizeLine.js'

/** The DaemonSets of the object's namespace whose selector matches its labels (adopters of an orphan). */
const adopters = (o: KubeObject, view: View): ReadonlyArray<KubeObject> =>
  ClusterView.listOf(view, 'DaemonSet', o.metadata.namespace ?? '').filter((ds) => fromLabelSelector(ds.spec.selector)(o.metadata.labels))

/**
 * The DaemonSets a node change concerns (upstream `addNode` / `updateNode` / `deleteNode`),
 * called with each version of the node: those that may run a pod on it in that version (so a
 * change of what they may do there wakes them) and those that have pods bound to it.
 */
export const daemonSetsForNode = (node: KubeObject, view: View): ReadonlyArray<Key> => {
  const keys = new Set<Key>()
  for (const ds of ClusterView.listOf(view, 'DaemonSet')) {
    const p = nodeShouldRunDaemonPod(node as Node, ds.spec.template)
    if (p.shouldRun || p.shouldContinueRunning) keys.add(keyOfObject(ds))
  }
  for (const pod of ClusterView.podsOnNode(view, node.metadata.name ?? '')) {
    const ref = controllerRef(pod)
    if (ref?.kind === 'DaemonSet') keys.add(keyOf('DaemonSet', pod.metadata.namespace, ref.name))
  }
  return [...keys]
}

/** The node wake: see `daemonSetsForNode`. */
export const nodeWake: Wake = { kind: 'Node', keys: daemonSetsForNode }

/** `fluentd 3 desired, 3 pods, 2 ready` (`1 pod`): desired number scheduled, active pods, ready pods. */
export const sizeSummary = (ds: DaemonSet, view: View): string => {
  const pods = ClusterView.controlledOf(view, ds.metadata.uid ?? '', 'Pod').filter(isActive)
  return sizeLine(ds.metadata.name ?? '', ds.status?.desiredNumberScheduled ?? 0, pods.length, pods.filter(isReady).length)
}

/** The status counters the timeline shows for DaemonSets. */
export const statusFields: ReadonlyArray<StatusField> = [
  ['desiredNumberScheduled', 'desired'],
  ['currentNumberScheduled', 'current'],
  ['numberReady', 'ready'],
  ['numberAvailable', 'available'],
  ['updatedNumberScheduled', 'updated'],
  ['numberMisscheduled', 'misscheduled'],
]

/** The DaemonSet controller. */
export const daemonSetController: PerObjectController<DaemonSet, FailedPodBackoff> = perObject('DaemonSet', 'DaemonSet', reconcile, {
  wakes: [
    controllerOf('Pod', 'DaemonSet', adopters),
    controllerOf('ControllerRevision', 'DaemonSet', adopters),
    nodeWake,
  ],
  expectations: ['pods'],
  summary: sizeSummary,
  statusFields,
  memory: { initial: emptyBackoff, remember: rememberBackoff },
})
