/**
 * Building and repairing a StatefulSet's pods (spec §A.3.2, §A.6.2): the pod for an ordinal from
 * a revision's template, which revision a missing pod gets, and the pod control calls that create
 * a pod with its claims, repair one in place, delete one, and fix claims' owner references.
 */
import type { PersistentVolumeClaim } from '../../api/node.js'
import type { Pod } from '../../api/pod.js'
import type { StatefulSet } from '../../api/workloads.js'
import * as ClusterView from '../../core/ClusterView.js'
import { controllerRevisionHashLabel } from '../../core/history.js'
import { newControllerRef } from '../../core/ownership.js'
import { podsPrefix } from '../replicaset/manage.js'
import { claimNames, claimsFor, hasUnexpectedController, isClaimOwnerUpToDate, withRetentionOwnerRefs, withStorage } from './claims.js'
import { ordinalOf, podName, startOrdinal, withIdentity } from './identity.js'
import { withRevision } from './revisions.js'
import type { Revisions } from './revisions.js'
import * as S from './sync.js'
import type { Sync } from './sync.js'

/**
 * Upstream `newStatefulSetPod`: the pod for `ordinal` from `set`'s template (labels, annotations,
 * finalizers, spec, `generateName: <set>-`, a controller reference), named `<set>-<ordinal>`,
 * with the identity labels, `hostname` = its name, `subdomain` = `spec.serviceName` (set only
 * here: both are immutable) and the claim volumes.
 */
export const newStatefulSetPod = (set: StatefulSet, ordinal: number): Pod => {
  const tm = set.spec.template.metadata ?? {}
  const named: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName(set, ordinal),
      generateName: podsPrefix(set.metadata.name ?? ''),
      ...(tm.labels === undefined ? {} : { labels: tm.labels }),
      ...(tm.annotations === undefined ? {} : { annotations: tm.annotations }),
      ...(tm.finalizers === undefined ? {} : { finalizers: tm.finalizers }),
      ownerReferences: [newControllerRef(set)],
    },
    spec: set.spec.template.spec,
  }
  const identified = withIdentity(set, named)
  const serviceName = set.spec.serviceName ?? ''
  const { hostname: _h, subdomain: _s, ...spec } = identified.spec
  return withStorage(set, {
    ...identified,
    spec: { ...spec, hostname: identified.metadata.name ?? '', ...(serviceName === '' ? {} : { subdomain: serviceName }) },
  })
}

/** The sets a sync builds pods from: the live set with the current and with the update revision's template. */
export interface VersionedSets {
  readonly currentSet: StatefulSet
  readonly updateSet: StatefulSet
}

/**
 * Upstream `newVersionedStatefulSetPod`: a missing pod gets the current revision when (type
 * RollingUpdate without a `rollingUpdate` block and its ordinal is below start +
 * `status.currentReplicas`) or (a `rollingUpdate` block exists and its ordinal is below start +
 * partition); otherwise the update revision. OnDelete therefore always uses the update revision.
 */
export const newVersionedPod = (sets: VersionedSets, revisions: Revisions, ordinal: number): Pod => {
  const { set, revision } = versionFor(sets, revisions, ordinal)
  return withRevision(newStatefulSetPod(set, ordinal), revision)
}

/** The set (with its revision's template) and the revision name `newVersionedPod` uses for `ordinal`. */
const versionFor = (sets: VersionedSets, revisions: Revisions, ordinal: number): { readonly set: StatefulSet; readonly revision: string } => {
  const set = sets.currentSet
  const strategy = set.spec.updateStrategy
  const start = startOrdinal(set)
  const rolling = strategy?.rollingUpdate
  const useCurrent =
    ((strategy?.type ?? 'RollingUpdate') === 'RollingUpdate' && rolling === undefined && ordinal < start + (set.status?.currentReplicas ?? 0)) ||
    (rolling !== undefined && ordinal < start + (rolling.partition ?? 0))
  return useCurrent
    ? { set, revision: revisions.current.metadata.name ?? '' }
    : { set: sets.updateSet, revision: revisions.update.metadata.name ?? '' }
}

/**
 * What a missing slot holds until its pod is built: a pod with no phase (not created), the
 * name `<set>-<ordinal>` and the revision label `newVersionedPod` would give it — all the passes
 * read of it before creating it.
 */
export const placeholder = (sets: VersionedSets, revisions: Revisions, ordinal: number): Pod => {
  const set = sets.currentSet
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: podName(set, ordinal),
      ...(set.metadata.namespace === undefined ? {} : { namespace: set.metadata.namespace }),
      labels: { [controllerRevisionHashLabel]: versionFor(sets, revisions, ordinal).revision },
    },
    spec: { containers: [] },
  }
}

// -------------------------------------------------------------------------------------
// pod control (upstream StatefulPodControl)
// -------------------------------------------------------------------------------------

const lookupClaim = (s: Sync, claim: PersistentVolumeClaim): PersistentVolumeClaim | undefined =>
  ClusterView.lookup(s.view, 'PersistentVolumeClaim', claim.metadata.namespace, claim.metadata.name ?? '')

/**
 * Upstream `createPersistentVolumeClaims`: creates each of the pod's claims the view lacks (with
 * a `SuccessfulCreate` event); a claim being deleted is an error. Returns false on error (after
 * creating the others, as upstream).
 */
const createClaims = (s: Sync, set: StatefulSet, pod: Pod): boolean => {
  let ok = true
  for (const claim of claimsFor(set, ordinalOf(pod))) {
    const existing = lookupClaim(s, claim)
    if (existing === undefined) {
      S.create(s, claim)
      S.event(s, 'Normal', 'SuccessfulCreate', `create Claim ${claim.metadata.name ?? ''} Pod ${pod.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''} success`)
    } else if (existing.metadata.deletionTimestamp !== undefined) {
      ok = false
    }
  }
  return ok
}

/** The pod's claims that exist in the view, in template order. */
const existingClaims = (s: Sync, set: StatefulSet, pod: Pod): ReadonlyArray<PersistentVolumeClaim> => {
  const out: Array<PersistentVolumeClaim> = []
  for (const name of claimNames(set, ordinalOf(pod))) {
    const found = ClusterView.lookup(s.view, 'PersistentVolumeClaim', set.metadata.namespace, name)
    if (found !== undefined) out.push(found)
  }
  return out
}

/** Upstream `ClaimsMatchRetentionPolicy`: every existing claim of the pod has the owner references the policy wants. */
export const claimsMatchRetentionPolicy = (s: Sync, set: StatefulSet, pod: Pod): boolean =>
  existingClaims(s, set, pod).every((c) => isClaimOwnerUpToDate(c, set, pod))

/**
 * Upstream `UpdatePodClaimForRetentionPolicy`: for each existing claim of the pod, a
 * `ConflictingController` warning when another controller manages it, and an Update when its
 * owner references are not what the policy wants. Claims the view lacks (e.g. created in this
 * sync: upstream reads its informer cache) are picked up by a later sync.
 */
export const updateClaimsForRetentionPolicy = (s: Sync, set: StatefulSet, pod: Pod): void => {
  for (const claim of existingClaims(s, set, pod)) {
    if (hasUnexpectedController(claim, set, pod)) {
      S.event(
        s,
        'Warning',
        'ConflictingController',
        `PersistentVolumeClaim ${claim.metadata.name ?? ''} has a conflicting OwnerReference that acts as a managing controller, the retention policy is ignored for this claim`,
      )
    }
    if (!isClaimOwnerUpToDate(claim, set, pod)) S.update(s, withRetentionOwnerRefs(claim, set, pod))
  }
}

/** Upstream `createMissingPersistentVolumeClaims`: the pod's missing claims, then their owner references. */
export const createMissingClaims = (s: Sync, set: StatefulSet, pod: Pod): boolean => {
  if (!createClaims(s, set, pod)) return false
  updateClaimsForRetentionPolicy(s, set, pod)
  return true
}

/**
 * Upstream `CreateStatefulPod`: the pod's claims, then the pod (with a `SuccessfulCreate`
 * event), then the claims' owner references. Returns false when a claim is being deleted (no
 * pod is created).
 */
export const createPod = (s: Sync, set: StatefulSet, pod: Pod): boolean => {
  if (!createClaims(s, set, pod)) return false
  S.create(s, pod)
  S.event(s, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''} successful`)
  updateClaimsForRetentionPolicy(s, set, pod)
  return true
}

/** Upstream `DeleteStatefulPod`: the delete and its `SuccessfulDelete` event. */
export const deletePod = (s: Sync, set: StatefulSet, pod: Pod): void => {
  S.remove(s, pod)
  S.event(s, 'Normal', 'SuccessfulDelete', `delete Pod ${pod.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''} successful`)
}

/**
 * Upstream `UpdateStatefulPod` with `updateSet`: identity and storage repaired (missing claims
 * created first), claims' owner references fixed, then one pod Update (with a
 * `SuccessfulUpdate` event). Returns false when a claim is being deleted (nothing more is done).
 */
export const updatePod = (s: Sync, set: StatefulSet, pod: Pod, identityOk: boolean, storageOk: boolean): boolean => {
  let next = identityOk ? pod : withIdentity(set, pod)
  if (!storageOk) {
    next = withStorage(set, next)
    if (!createClaims(s, set, next)) return false
  }
  if (!claimsMatchRetentionPolicy(s, set, next)) updateClaimsForRetentionPolicy(s, set, next)
  S.update(s, next)
  S.event(s, 'Normal', 'SuccessfulUpdate', `update Pod ${next.metadata.name ?? ''} in StatefulSet ${set.metadata.name ?? ''} successful`)
  return true
}
