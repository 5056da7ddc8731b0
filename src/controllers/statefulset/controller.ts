/**
 * The StatefulSet controller as a `Controller` value: what wakes a set (upstream's pod handlers:
 * a pod change wakes its controlling set, an orphan every set of its namespace that could adopt
 * it; a ControllerRevision change its controlling set; and, beyond upstream, a claim change the
 * set whose claim it is by name), the summary and status counters the CLI shows.
 */
import type { KubeObject } from '../../api/object.js'
import type { StatefulSet } from '../../api/workloads.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import type { Key, PerObjectController, StatusField, Wake } from '../../core/Controller.js'
import { controllerOf, keyOfObject, perObject } from '../../core/Controller.js'
import { fromLabelSelector } from '../../core/selector.js'
import { claimTemplates } from './claims.js'
import { isMemberOf } from './identity.js'
import type { Options } from './options.js'
import { isRunningAndReady, isTerminating } from './podState.js'
import { reconcileWith } from './reconcile.js'
import { sizeLine } from '../../core/sizeLine.js'

const setsOf = (o: KubeObject, view: View): ReadonlyArray<StatefulSet> => ClusterView.listOf(view, 'StatefulSet', o.metadata.namespace ?? '')

/** The sets of the pod's namespace that could adopt it: their selector matches its labels and its name makes it a member. */
const podAdopters = (pod: KubeObject, view: View): ReadonlyArray<KubeObject> =>
  setsOf(pod, view).filter((s) => pod.kind === 'Pod' && isMemberOf(s, pod) && fromLabelSelector(s.spec.selector)(pod.metadata.labels))

/** The sets of the revision's namespace whose selector matches it (orphan revisions are adopted). */
const revisionAdopters = (rev: KubeObject, view: View): ReadonlyArray<KubeObject> =>
  setsOf(rev, view).filter((s) => fromLabelSelector(s.spec.selector)(rev.metadata.labels))

const digits = /^[0-9]+$/

/** A claim change wakes the sets one of whose templates names it (`<template>-<set>-<ordinal>`). */
const claimOwners: Wake = {
  kind: 'PersistentVolumeClaim',
  keys: (claim, view): ReadonlyArray<Key> => {
    const name = claim.metadata.name ?? ''
    return setsOf(claim, view)
      .filter((s) =>
        claimTemplates(s).some((t) => {
          const prefix = `${t.name}-${s.metadata.name ?? ''}-`
          return name.startsWith(prefix) && digits.test(name.slice(prefix.length))
        }),
      )
      .map(keyOfObject)
  },
}

/** `web 3 desired, 3 pods, 2 ready` (`1 pod`): desired replicas, live pods, running and ready pods. */
export const summary = (set: StatefulSet, view: View): string => {
  const pods = ClusterView.controlledOf(view, set.metadata.uid ?? '', 'Pod').filter((p) => !isTerminating(p))
  return sizeLine(set.metadata.name ?? '', set.spec.replicas ?? 1, pods.length, pods.filter(isRunningAndReady).length)
}

/** The status counters the timeline shows for StatefulSets. */
export const statusFields: ReadonlyArray<StatusField> = [
  ['replicas', 'replicas'],
  ['readyReplicas', 'ready'],
  ['availableReplicas', 'available'],
  ['currentReplicas', 'current'],
  ['updatedReplicas', 'updated'],
]

/**
 * The StatefulSet controller under `options` (its feature gates). Upstream's StatefulSet
 * controller keeps no expectations: its pods have fixed names, so a create the cache has not
 * seen yet fails with AlreadyExists instead of doubling a pod.
 */
export const controllerWith = (options: Options): PerObjectController<StatefulSet> =>
  perObject('StatefulSet', 'StatefulSet', reconcileWith(options), {
    wakes: [controllerOf('Pod', 'StatefulSet', podAdopters), controllerOf('ControllerRevision', 'StatefulSet', revisionAdopters), claimOwners],
    summary,
    statusFields,
  })

/** The StatefulSet controller with every feature gate at its default. */
export const controller: PerObjectController<StatefulSet> = controllerWith({})
