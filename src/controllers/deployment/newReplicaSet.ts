/**
 * Finding and creating the new ReplicaSet, and the revision bookkeeping that goes with it
 * (spec §1.7, §3.3; upstream `getAllReplicaSetsAndSyncRevision` / `getNewReplicaSet`,
 * `FindNewReplicaSet`, `FindOldReplicaSets`, `EqualIgnoreHash`, `MaxRevision`, `LastRevision`).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { LabelSelector } from '../../api/meta.js'
import type { PodTemplateSpec } from '../../api/pod.js'
import type { Deployment, ReplicaSet } from '../../api/workloads.js'
import * as ClusterView from '../../core/ClusterView.js'
import { computeHash, podTemplateHashLabel, withoutHashLabel } from '../../core/hash.js'
import { isControlledBy, newControllerRef } from '../../core/ownership.js'
import {
  revisionAnnotation,
  revisionOf,
  setDeploymentRevision,
  setNewReplicaSetAnnotations,
} from './annotations.js'
import { maxSurge, newRSNewReplicas, replicasOf } from './fenceposts.js'
import { byCreationTimestamp, sorted } from './orderings.js'
import type { Step, Sync } from './plan.js'
import * as P from './plan.js'
import {
  foundNewRSReason,
  getCondition,
  hasProgressDeadline,
  newCondition,
  newReplicaSetReason,
  progressingType,
  setCondition,
} from './progress.js'

// -------------------------------------------------------------------------------------
// template equality and lookup
// -------------------------------------------------------------------------------------

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** Absent, null, an empty list, or a map whose members are all empty (Go: nil and empty alike). */
const isEmptyValue = (v: unknown): boolean =>
  v === undefined ||
  v === null ||
  (Array.isArray(v) && v.length === 0) ||
  (isRecord(v) && Object.values(v).every(isEmptyValue))

/** Deep equality where absent, null, empty lists and empty maps are all equal (upstream's semantic equality). */
const semanticEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  const ea = isEmptyValue(a)
  const eb = isEmptyValue(b)
  if (ea || eb) return ea && eb
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => semanticEqual(x, b[i]))
  }
  if (isRecord(a) && isRecord(b)) {
    for (const k of Object.keys(a)) if (!semanticEqual(a[k], b[k])) return false
    for (const k of Object.keys(b)) if (!(k in a) && !isEmptyValue(b[k])) return false
    return true
  }
  return false
}

/**
 * Upstream `EqualIgnoreHash`: the templates are equal once the `pod-template-hash` label is
 * removed from both; absent and empty maps or lists compare equal.
 */
export const equalIgnoreHash = (a: PodTemplateSpec | undefined, b: PodTemplateSpec | undefined): boolean =>
  semanticEqual(a === undefined ? undefined : withoutHashLabel(a), b === undefined ? undefined : withoutHashLabel(b))

/** The oldest ReplicaSet whose template equals the Deployment's (upstream `FindNewReplicaSet`). */
export const findNewReplicaSet = (d: Deployment, rsList: ReadonlyArray<ReplicaSet>): ReplicaSet | undefined =>
  sorted(rsList, byCreationTimestamp).find((rs) => equalIgnoreHash(rs.spec.template, d.spec.template))

/** What `findOldReplicaSets` returns. */
export interface OldReplicaSets {
  /** Old ReplicaSets with `spec.replicas != 0`. */
  readonly requiredOld: ReadonlyArray<ReplicaSet>
  /** Every ReplicaSet but the new one, oldest first. */
  readonly allOld: ReadonlyArray<ReplicaSet>
}

/** Every ReplicaSet but the new one (upstream `FindOldReplicaSets`), in creation order. */
export const findOldReplicaSets = (d: Deployment, rsList: ReadonlyArray<ReplicaSet>): OldReplicaSets =>
  oldOf(rsList, findNewReplicaSet(d, rsList))

const oldOf = (rsList: ReadonlyArray<ReplicaSet>, newRS: ReplicaSet | undefined): OldReplicaSets => {
  const allOld = sorted(rsList, byCreationTimestamp).filter((rs) => rs !== newRS)
  return { requiredOld: allOld.filter((rs) => (rs.spec.replicas ?? 1) !== 0), allOld }
}

/** The highest parsable revision (0 when none). */
export const maxRevision = (rss: ReadonlyArray<ReplicaSet>): number =>
  rss.reduce((m, rs) => Math.max(m, revisionOf(rs) ?? 0), 0)

/**
 * The second-highest revision (upstream `LastRevision`); a duplicate of the highest counts as
 * second. 0 when there is none.
 */
export const lastRevision = (rss: ReadonlyArray<ReplicaSet>): number => {
  let max = 0
  let sec = 0
  for (const rs of rss) {
    const v = revisionOf(rs)
    if (v === undefined) continue
    if (v >= max) {
      sec = max
      max = v
    } else {
      sec = Math.max(sec, v)
    }
  }
  return sec
}

// -------------------------------------------------------------------------------------
// building the new ReplicaSet
// -------------------------------------------------------------------------------------

const MAX_NAME = 253

/**
 * `<deployment>-<hash>`, the Deployment name truncated to `253 − len(hash) − 1` characters when
 * longer (upstream `generateReplicaSetName`).
 */
export const replicaSetName = (deploymentName: string, hash: string): string =>
  `${deploymentName.slice(0, MAX_NAME - hash.length - 1)}-${hash}`

const selectorWithHash = (sel: LabelSelector, hash: string): LabelSelector => ({
  ...sel,
  matchLabels: { ...sel.matchLabels, [podTemplateHashLabel]: hash },
})

/**
 * The ReplicaSet a Deployment would create now, before sizing and annotations: template and
 * selector carry `pod-template-hash = computeHash(template, status.collisionCount)`, labels are
 * the template's, the controller reference points at the Deployment, and `replicas` is 0.
 */
export const newReplicaSetFor = (d: Deployment): ReplicaSet => {
  const hash = computeHash(d.spec.template, d.status?.collisionCount)
  const labels = { ...d.spec.template.metadata?.labels, [podTemplateHashLabel]: hash }
  const template: PodTemplateSpec = { ...d.spec.template, metadata: { ...d.spec.template.metadata, labels } }
  const namespace = d.metadata.namespace
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: replicaSetName(d.metadata.name ?? '', hash),
      ...(namespace === undefined ? {} : { namespace }),
      ownerReferences: [newControllerRef(d)],
      labels,
    },
    spec: {
      replicas: 0,
      minReadySeconds: d.spec.minReadySeconds ?? 0,
      selector: selectorWithHash(d.spec.selector, hash),
      template,
    },
  }
}

// -------------------------------------------------------------------------------------
// getAllReplicaSetsAndSyncRevision
// -------------------------------------------------------------------------------------

/** The new ReplicaSet (when found or created) and every other claimed ReplicaSet. */
export interface AllReplicaSets {
  readonly newRS: ReplicaSet | undefined
  readonly oldRSs: ReadonlyArray<ReplicaSet>
}

const setProgressing = (s: Sync, status: string, reason: string, message: string): Sync =>
  P.setDeployment(s, {
    ...s.d,
    status: setCondition(s.d.status ?? {}, newCondition(progressingType, status, reason, message, s.now)),
  })

const withRevision = (s: Sync, rev: string): { readonly s: Sync; readonly changed: boolean } => {
  const r = setDeploymentRevision(s.d, rev)
  return { s: r.changed ? P.setDeployment(s, r.value) : s, changed: r.changed }
}

const syncExisting = (s: Sync, existing: ReplicaSet, newRevision: number): Step<ReplicaSet> => {
  const d = s.d
  const r = replicasOf(d)
  const { value: copy, changed } = setNewReplicaSetAnnotations(d, existing, newRevision, true, r, r + maxSurge(d))
  const minReady = d.spec.minReadySeconds ?? 0
  if (changed || (copy.spec.minReadySeconds ?? 0) !== minReady) {
    const updated: ReplicaSet = { ...copy, spec: { ...copy.spec, minReadySeconds: minReady } }
    return P.ok(P.writeReplicaSet(s, updated), updated)
  }
  let { s: next, changed: write } = withRevision(s, copy.metadata.annotations?.[revisionAnnotation] ?? '')
  if (hasProgressDeadline(d) && getCondition(next.d.status, progressingType) === undefined) {
    next = setProgressing(next, 'True', foundNewRSReason, `Found new replica set "${copy.metadata.name ?? ''}"`)
    write = true
  }
  return P.ok(write ? P.writeStatus(next) : next, copy)
}

const createNew = (s: Sync, oldRSs: ReadonlyArray<ReplicaSet>, newRevision: number): Step<ReplicaSet> => {
  const d = s.d
  const r = replicasOf(d)
  const base = newReplicaSetFor(d)
  const size = newRSNewReplicas(d, [...oldRSs, base], base)
  if (E.isLeft(size)) return P.stop(s)
  const sized: ReplicaSet = { ...base, spec: { ...base.spec, replicas: size.right } }
  const newRS = setNewReplicaSetAnnotations(d, sized, newRevision, false, r, r + maxSurge(d)).value
  const name = newRS.metadata.name ?? ''
  const existing = ClusterView.lookup(s.view, 'ReplicaSet', d.metadata.namespace, name)
  if (existing !== undefined) {
    if (!isControlledBy(existing, d.metadata.uid) || !equalIgnoreHash(d.spec.template, existing.spec.template)) {
      // A hash collision: bump collisionCount and end the sync; the next sync hashes anew.
      const collisionCount = (d.status?.collisionCount ?? 0) + 1
      return P.stop(P.writeStatus(P.setDeployment(s, { ...d, status: { ...d.status, collisionCount } })))
    }
    const { s: next, changed } = withRevision(s, String(newRevision))
    return P.ok(changed ? P.writeStatus(next) : next, existing)
  }
  let next = P.createReplicaSet(s, newRS)
  if (size.right > 0) {
    next = P.event(next, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${name} to ${size.right}`)
  }
  next = withRevision(next, String(newRevision)).s
  if (hasProgressDeadline(d)) {
    next = setProgressing(next, 'True', newReplicaSetReason, `Created new replica set "${name}"`)
  }
  return P.ok(next.d === s.d ? next : P.writeStatus(next), newRS)
}

/**
 * Upstream `getAllReplicaSetsAndSyncRevision`: the new ReplicaSet — its annotations and
 * minReadySeconds synced (an Update) or, when in sync, the Deployment's revision annotation and
 * a missing Progressing condition synced (an UpdateStatus) — and the old ones. With `create`, a
 * missing new ReplicaSet is created already sized by `newRSNewReplicas`, and a name taken by a
 * different ReplicaSet is a hash collision that ends the sync.
 */
export const getAllReplicaSetsAndSyncRevision = (s: Sync, create: boolean): Step<AllReplicaSets> => {
  const existing = findNewReplicaSet(s.d, s.rsList)
  const { allOld } = oldOf(s.rsList, existing)
  const newRevision = maxRevision(allOld) + 1
  const found: Step<ReplicaSet | undefined> =
    existing !== undefined
      ? syncExisting(s, existing, newRevision)
      : create
        ? createNew(s, allOld, newRevision)
        : P.ok(s, undefined)
  return E.map(([next, newRS]: readonly [Sync, ReplicaSet | undefined]) => [next, { newRS, oldRSs: allOld }] as const)(
    found,
  )
}

/** `[...oldRSs, newRS]`, leaving out a missing new ReplicaSet (upstream's nil entries are skipped everywhere). */
export const allOf = (all: AllReplicaSets): ReadonlyArray<ReplicaSet> =>
  all.newRS === undefined ? all.oldRSs : [...all.oldRSs, all.newRS]

