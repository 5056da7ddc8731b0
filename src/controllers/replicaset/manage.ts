/**
 * manageReplicas: the pod creates and deletes one sync issues (upstream `manageReplicas`,
 * spec/replicaset-deployment.md §2.3), with the pod built from the template as upstream's
 * `GetPodFromTemplate` builds it.
 */
import type { Pod, PodTemplateSpec } from '../../api/pod.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import type { ClusterView } from '../../core/ClusterView.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { newControllerRef } from '../../core/ownership.js'
import * as Ranking from '../../core/ranking.js'
import type { OwnerSpec, ReplicaOwner } from './owner.js'
import { relatedPods } from './related.js'
import { burstReplicas, slowStartBatches } from './slowStart.js'
import type { ManageOutcome } from './status.js'

/** Longest valid DNS subdomain, the limit on a pod's name. */
const maxNameLength = 253

/**
 * The `generateName` of the owner's pods: `<name>-`, or `<name>` when adding the dash would make
 * the name too long (upstream `getPodsPrefix`).
 */
export const podsPrefix = (name: string): string => (name.length + 1 > maxNameLength ? name : `${name}-`)

/**
 * The pod upstream creates from `template` for `owner`: `generateName`, the owner's namespace,
 * the template's labels, annotations and finalizers, a controller reference to `owner`, and the
 * template's spec. The template's name and other metadata are not copied.
 */
export const podFromTemplate = (owner: ReplicaOwner, template: PodTemplateSpec): Pod => {
  const tm = template.metadata ?? {}
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podsPrefix(owner.metadata.name ?? ''),
      ...(owner.metadata.namespace === undefined ? {} : { namespace: owner.metadata.namespace }),
      ...(tm.labels === undefined ? {} : { labels: { ...tm.labels } }),
      ...(tm.annotations === undefined ? {} : { annotations: { ...tm.annotations } }),
      ...(tm.finalizers === undefined ? {} : { finalizers: [...tm.finalizers] }),
      ownerReferences: [newControllerRef(owner)],
    },
    spec: template.spec,
  }
}

/** Upstream's error when the template has no labels: the create is refused before any API call. */
export const noLabelsError = 'unable to create pods, no labels'

/**
 * Upstream `getPodsToDelete`: the `diff` active pods to delete first, ranked by
 * `Ranking.sortForDeletion` with each pod's co-location rank counted over `related`.
 */
export const getPodsToDelete = (
  active: ReadonlyArray<Pod>,
  related: ReadonlyArray<Pod>,
  diff: number,
  nowMs: number,
): ReadonlyArray<Pod> => Ranking.podsToDelete(active, related, diff, nowMs)

/** What `manageReplicas` decided. */
export interface ManagePlan {
  /** Creates (each followed by its `SuccessfulCreate` event) or deletes (each followed by `SuccessfulDelete`). */
  readonly actions: ReadonlyArray<Action>
  readonly outcome: ManageOutcome
  /** How many pods are created (in slow-start batch order). */
  readonly creates: number
  /** The pods deleted, in ranking order. */
  readonly deletes: ReadonlyArray<Pod>
}

const none: ManagePlan = { actions: [], outcome: { _tag: 'Ok' }, creates: 0, deletes: [] }

/**
 * Compares the claimed active pods with `spec.replicas`: creates up to `burstReplicas` missing
 * pods, in slow-start batch order, or deletes up to `burstReplicas` surplus pods chosen by
 * `getPodsToDelete`. Deletes carry a uid precondition. A template without labels creates
 * nothing and fails with upstream's error.
 */
export const manageReplicas = (owner: OwnerSpec, active: ReadonlyArray<Pod>, view: ClusterView, nowMs: number): ManagePlan => {
  const diff = active.length - owner.replicas
  const target = ObjectRef.of(owner.object)
  if (diff < 0) {
    const n = Math.min(-diff, burstReplicas)
    const template = owner.template
    if (template === undefined || Object.keys(template.metadata?.labels ?? {}).length === 0) {
      return { actions: [], outcome: { _tag: 'Failed', message: noLabelsError }, creates: 0, deletes: [] }
    }
    const pod = podFromTemplate(owner.object, template)
    const message = `Created pod: ${pod.metadata.generateName ?? ''}`
    const actions: Array<Action> = []
    for (const size of slowStartBatches(n)) {
      for (let i = 0; i < size; i++) actions.push(A.create(pod), A.event(target, 'Normal', 'SuccessfulCreate', message))
    }
    return { actions, outcome: { _tag: 'Ok' }, creates: n, deletes: [] }
  }
  if (diff > 0) {
    const n = Math.min(diff, burstReplicas)
    const victims = getPodsToDelete(active, relatedPods(owner.object, view), n, nowMs)
    const actions: Array<Action> = []
    for (const p of victims) {
      const name = p.metadata.name ?? ''
      actions.push(
        A.del(ObjectRef.of(p), p.metadata.uid === undefined ? {} : { preconditions: { uid: p.metadata.uid } }),
        A.event(target, 'Normal', 'SuccessfulDelete', `Deleted pod: ${name}`),
      )
    }
    return { actions, outcome: { _tag: 'Ok' }, creates: 0, deletes: victims }
  }
  return none
}
