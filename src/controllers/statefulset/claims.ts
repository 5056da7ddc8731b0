/**
 * PersistentVolumeClaims (spec §A.7): claims named `<template>-<set>-<ordinal>` built from
 * `volumeClaimTemplates`, the pod volumes that mount them, the storage "matches" check, and the
 * retention policy expressed as owner references on each claim (§A.7.4), with upstream's
 * handling of stale references and foreign controllers.
 */
import type { ObjectMeta, OwnerReference, StringMap } from '../../api/meta.js'
import type { PersistentVolumeClaim } from '../../api/node.js'
import type { Pod } from '../../api/pod.js'
import type { StatefulSet } from '../../api/workloads.js'
import { newControllerRef } from '../../core/ownership.js'
import { inOrdinalRange, ordinalOf } from './identity.js'

/** One entry of `spec.volumeClaimTemplates`, as the controller reads it. */
export interface ClaimTemplate {
  readonly name: string
  readonly metadata: ObjectMeta
  readonly spec: unknown
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * The set's claim templates, in spec order. Entries without a `metadata.name` are skipped (the
 * API server rejects them; the controller never sees one from a real cluster).
 */
export const claimTemplates = (set: StatefulSet): ReadonlyArray<ClaimTemplate> => {
  const given = set.spec.volumeClaimTemplates
  if (given === undefined || given.length === 0) return noTemplates
  const known = parsed.get(given)
  if (known !== undefined) return known
  const out: Array<ClaimTemplate> = []
  for (const t of given) {
    const meta = isRecord(t) ? t['metadata'] : undefined
    const name = isRecord(meta) ? meta['name'] : undefined
    if (typeof name !== 'string' || name === '') continue
    out.push({ name, metadata: meta as ObjectMeta, spec: isRecord(t) ? t['spec'] : undefined })
  }
  parsed.set(given, out)
  return out
}

const noTemplates: ReadonlyArray<ClaimTemplate> = []

/** The templates read from each `volumeClaimTemplates` array (objects are never mutated, so reading once is enough). */
const parsed = new WeakMap<object, ReadonlyArray<ClaimTemplate>>()

/** `<template>-<set>-<ordinal>`. */
export const claimName = (set: StatefulSet, template: ClaimTemplate, ordinal: number): string =>
  `${template.name}-${set.metadata.name ?? ''}-${ordinal}`

/**
 * The claim for `template` and `ordinal`: the template's metadata and spec, named and placed in
 * the set's namespace, labelled with the template's labels and the selector's `matchLabels` on
 * top (the selector wins).
 */
export const newClaim = (set: StatefulSet, template: ClaimTemplate, ordinal: number): PersistentVolumeClaim => {
  const { name: _n, namespace: _ns, labels, ...meta } = template.metadata
  const match: StringMap | undefined = set.spec.selector.matchLabels
  const merged = labels === undefined ? match : { ...labels, ...match }
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: {
      ...meta,
      name: claimName(set, template, ordinal),
      ...(set.metadata.namespace === undefined ? {} : { namespace: set.metadata.namespace }),
      ...(merged === undefined ? {} : { labels: merged }),
    },
    ...(isRecord(template.spec) ? { spec: template.spec as NonNullable<PersistentVolumeClaim['spec']> } : {}),
  }
}

/** The names of the claims of the pod with `ordinal`, one per template in spec order. */
export const claimNames = (set: StatefulSet, ordinal: number): ReadonlyArray<string> => claimTemplates(set).map((t) => claimName(set, t, ordinal))

/** The claims of the pod with `ordinal`, one per template in spec order. */
export const claimsFor = (set: StatefulSet, ordinal: number): ReadonlyArray<PersistentVolumeClaim> =>
  claimTemplates(set).map((t) => newClaim(set, t, ordinal))

interface ClaimVolume {
  readonly name?: unknown
  readonly persistentVolumeClaim?: { readonly claimName?: unknown }
}

/**
 * Upstream `storageMatches`: the pod has an ordinal and, for every template, a volume of the
 * template's name (the last one of that name) whose claim is `<template>-<set>-<ordinal>`.
 */
export const storageMatches = (set: StatefulSet, pod: Pod): boolean => {
  const ordinal = ordinalOf(pod)
  if (ordinal < 0) return false
  const volumes = pod.spec.volumes ?? []
  return claimTemplates(set).every((t) => lastVolume(volumes, t.name)?.persistentVolumeClaim?.claimName === claimName(set, t, ordinal))
}

/** The last volume named `name` (as a map keyed by name keeps it). */
const lastVolume = (volumes: ReadonlyArray<unknown>, name: string): ClaimVolume | undefined => {
  for (let i = volumes.length - 1; i >= 0; i--) {
    const v = volumes[i]
    if (isRecord(v) && v['name'] === name) return v as ClaimVolume
  }
  return undefined
}

/**
 * Upstream `updateStorage`: one volume per template, named after it and mounting the pod's
 * claim, followed by the pod's other volumes (a volume named like a template is replaced).
 */
export const withStorage = (set: StatefulSet, pod: Pod): Pod => {
  const templates = claimTemplates(set)
  if (templates.length === 0) return pod
  const ordinal = ordinalOf(pod)
  const names = new Set(templates.map((t) => t.name))
  const claimVolumes = templates.map((t) => ({ name: t.name, persistentVolumeClaim: { claimName: claimName(set, t, ordinal) } }))
  const others = (pod.spec.volumes ?? []).filter((v) => !(isRecord(v) && names.has(v['name'] as string)))
  return { ...pod, spec: { ...pod.spec, volumes: [...claimVolumes, ...others] } }
}

// -------------------------------------------------------------------------------------
// retention policy
// -------------------------------------------------------------------------------------

/** A retention choice. */
export type RetentionType = 'Retain' | 'Delete'

/** `spec.persistentVolumeClaimRetentionPolicy`, each part defaulting to Retain. */
export interface Retention {
  readonly whenDeleted: RetentionType
  readonly whenScaled: RetentionType
}

const asType = (v: string | undefined): RetentionType => (v === 'Delete' ? 'Delete' : 'Retain')

/** The set's retention policy (missing parts are Retain). */
export const retentionOf = (set: StatefulSet): Retention => ({
  whenDeleted: asType(set.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted),
  whenScaled: asType(set.spec.persistentVolumeClaimRetentionPolicy?.whenScaled),
})

/** True for Retain / Retain. */
export const retainsAll = (r: Retention): boolean => r.whenDeleted === 'Retain' && r.whenScaled === 'Retain'

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '')

/** The owner a claim's reference may point at: the set (group `apps`) or the pod (core group). */
interface Owner {
  readonly group: string
  readonly kind: string
  readonly name: string
  readonly uid: string | undefined
}

const setOwner = (set: StatefulSet): Owner => ({ group: 'apps', kind: 'StatefulSet', name: set.metadata.name ?? '', uid: set.metadata.uid })
const podOwner = (pod: Pod): Owner => ({ group: '', kind: 'Pod', name: pod.metadata.name ?? '', uid: pod.metadata.uid })

/** Upstream `matchesRef`: same group, kind and name (the uid is not compared). */
const matchesRef = (ref: OwnerReference, owner: Owner): boolean =>
  groupOf(ref.apiVersion) === owner.group && ref.kind === owner.kind && ref.name === owner.name

const refsOf = (claim: PersistentVolumeClaim): ReadonlyArray<OwnerReference> => claim.metadata.ownerReferences ?? []

/** Upstream `hasStaleOwnerRef`: the first reference matching `owner` has another uid (a previous incarnation's). */
const hasStaleOwnerRef = (claim: PersistentVolumeClaim, owner: Owner): boolean => {
  const ref = refsOf(claim).find((r) => matchesRef(r, owner))
  return ref !== undefined && ref.uid !== owner.uid
}

const hasOwnerRef = (claim: PersistentVolumeClaim, owner: Owner): boolean =>
  owner.uid !== undefined && refsOf(claim).some((r) => r.uid === owner.uid)

/**
 * True when the pod has a claim with a reference to a pod of its name but another uid (or the
 * pod has no uid yet): a claim a previous incarnation's deletion is about to take with it
 * (upstream `hasStaleOwnerRef` as `PodClaimIsStale` uses it).
 */
export const claimIsStale = (claim: PersistentVolumeClaim, pod: Pod): boolean => hasStaleOwnerRef(claim, podOwner(pod))

/**
 * Upstream `hasUnexpectedController`: under a policy other than Retain / Retain, the claim has a
 * reference to the set or pod with another uid, or a controller reference to anything else.
 */
export const hasUnexpectedController = (claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean => {
  if (retainsAll(retentionOf(set))) return false
  const s = setOwner(set)
  const p = podOwner(pod)
  for (const ref of refsOf(claim)) {
    if (matchesRef(ref, s)) {
      if (ref.uid !== s.uid) return true
    } else if (matchesRef(ref, p)) {
      if (ref.uid !== p.uid) return true
    } else if (ref.controller === true) {
      return true
    }
  }
  return false
}

const hasNonControllerOwner = (claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean =>
  refsOf(claim).some(
    (r) => (r.uid === set.metadata.uid || (pod.metadata.uid !== undefined && r.uid === pod.metadata.uid)) && r.controller !== true,
  )

/**
 * Upstream `isClaimOwnerUpToDate`: whether the claim's owner references already say what the
 * retention policy wants for this pod (§A.7.4). A stale reference to the set or the pod, or a
 * foreign controller with no reference to ours, leaves the claim alone (up to date).
 */
export const isClaimOwnerUpToDate = (claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean => {
  if (refsOf(claim).length === 0) return !wantsSetRef(retentionOf(set), set, pod) && !wantsPodRef(retentionOf(set), set, pod)
  const s = setOwner(set)
  const p = podOwner(pod)
  if (hasStaleOwnerRef(claim, s) || hasStaleOwnerRef(claim, p)) return true
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, s) || hasOwnerRef(claim, p))
  if (hasNonControllerOwner(claim, set, pod)) return false
  const wantSet = wantsSetRef(retentionOf(set), set, pod)
  const wantPod = wantsPodRef(retentionOf(set), set, pod)
  return hasOwnerRef(claim, s) === wantSet && hasOwnerRef(claim, p) === wantPod
}

const condemned = (set: StatefulSet, pod: Pod): boolean => !inOrdinalRange(set, ordinalOf(pod))

/** The set owns the claim under whenDeleted=Delete, except a condemned pod's claim under whenScaled=Delete. */
const wantsSetRef = (r: Retention, set: StatefulSet, pod: Pod): boolean =>
  r.whenDeleted === 'Delete' && !(r.whenScaled === 'Delete' && condemned(set, pod))

/** The pod owns the claim only under whenScaled=Delete when the pod is condemned. */
const wantsPodRef = (r: Retention, set: StatefulSet, pod: Pod): boolean => r.whenScaled === 'Delete' && condemned(set, pod)

/**
 * Upstream `updateClaimOwnerRefForSetAndPod`: the claim with every reference to the set or the
 * pod (by group, kind and name) removed, then — unless another controller manages it — the
 * controller references the policy wants added. Other owners are kept.
 */
export const withRetentionOwnerRefs = (claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): PersistentVolumeClaim => {
  const s = setOwner(set)
  const p = podOwner(pod)
  const unexpected = hasUnexpectedController(claim, set, pod)
  const kept = refsOf(claim).filter((r) => !matchesRef(r, s) && !matchesRef(r, p))
  const r = retentionOf(set)
  const added = unexpected
    ? []
    : [...(wantsSetRef(r, set, pod) ? [newControllerRef(set)] : []), ...(wantsPodRef(r, set, pod) ? [newControllerRef(pod)] : [])]
  const refs = [...kept, ...added]
  const { ownerReferences: _drop, ...meta } = claim.metadata
  return { ...claim, metadata: refs.length === 0 ? meta : { ...meta, ownerReferences: refs } }
}
