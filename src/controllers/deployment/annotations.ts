/**
 * Deployment and ReplicaSet annotations: keys, parsing, the Deployment → new ReplicaSet copy
 * rule and the revision bookkeeping (spec/replicaset-deployment.md §1.9, upstream
 * `deployment_util.go`).
 */
import { maxInt32 as MAX_INT32 } from '../../core/intOrString.js'
import type { StringMap } from '../../api/meta.js'
import type { Deployment, ReplicaSet } from '../../api/workloads.js'

// -------------------------------------------------------------------------------------
// keys
// -------------------------------------------------------------------------------------

/** Rollout sequence number, on ReplicaSets and on the Deployment. */
export const revisionAnnotation = 'deployment.kubernetes.io/revision'
/** Earlier revisions a ReplicaSet served (after rollbacks), comma-separated. */
export const revisionHistoryAnnotation = 'deployment.kubernetes.io/revision-history'
/** `spec.replicas` of the Deployment when it last scaled the ReplicaSet. */
export const desiredReplicasAnnotation = 'deployment.kubernetes.io/desired-replicas'
/** `spec.replicas + maxSurge` of the Deployment when it last scaled the ReplicaSet. */
export const maxReplicasAnnotation = 'deployment.kubernetes.io/max-replicas'
/** A rollback request: the revision to roll back to (`0` = the previous one). */
export const rollbackToAnnotation = 'deprecated.deployment.rollback.to'
/** kubectl's record of the last applied manifest; never copied to ReplicaSets. */
export const lastAppliedConfigAnnotation = 'kubectl.kubernetes.io/last-applied-configuration'

/** Upstream's limit on the revision-history annotation, in characters. */
export const revisionHistoryLimitChars = 2000

/** Annotations never copied from a Deployment to its ReplicaSets. */
export const skippedAnnotations: ReadonlySet<string> = new Set([
  lastAppliedConfigAnnotation,
  revisionAnnotation,
  revisionHistoryAnnotation,
  desiredReplicasAnnotation,
  maxReplicasAnnotation,
  rollbackToAnnotation,
])


// -------------------------------------------------------------------------------------
// parsing
// -------------------------------------------------------------------------------------

const int64 = /^[+-]?[0-9]+$/

/**
 * The revision of an object (upstream `Revision`): a missing annotation is 0; an annotation that
 * is not a decimal integer gives `undefined` (callers skip such objects).
 */
export const revision = (annotations: StringMap | undefined): number | undefined => {
  const v = annotations?.[revisionAnnotation]
  if (v === undefined) return 0
  return int64.test(v) ? Number(v) : undefined
}

/** The revision of a ReplicaSet; see `revision`. */
export const revisionOf = (rs: ReplicaSet): number | undefined => revision(rs.metadata.annotations)

/**
 * A non-negative int32 annotation: `undefined` when missing, empty, not plain digits (`"-1"`,
 * `"+1"`) or above 2147483647; `"0"` is valid.
 */
export const nonNegativeInt32 = (annotations: StringMap | undefined, key: string): number | undefined => {
  const v = annotations?.[key]
  if (v === undefined || !/^[0-9]+$/.test(v)) return undefined
  const n = Number(v)
  return n > MAX_INT32 ? undefined : n
}

/** The desired-replicas annotation of a ReplicaSet, when present and valid. */
export const desiredReplicas = (rs: ReplicaSet): number | undefined =>
  nonNegativeInt32(rs.metadata.annotations, desiredReplicasAnnotation)

/** The max-replicas annotation of a ReplicaSet, when present and valid. */
export const maxReplicas = (rs: ReplicaSet): number | undefined =>
  nonNegativeInt32(rs.metadata.annotations, maxReplicasAnnotation)

/** The revision a rollback request asks for, or `undefined` when there is none or it is not an integer. */
export const rollbackTo = (d: Deployment): number | undefined => {
  const v = d.metadata.annotations?.[rollbackToAnnotation]
  if (v === undefined || !int64.test(v)) return undefined
  return Number(v)
}

// -------------------------------------------------------------------------------------
// updates
// -------------------------------------------------------------------------------------

const withAnnotations = <T extends Deployment | ReplicaSet>(obj: T, annotations: StringMap): T =>
  ({ ...obj, metadata: { ...obj.metadata, annotations } }) as T

/** The result of an annotation update: the object and whether its annotations changed. */
export interface Updated<T> {
  readonly value: T
  readonly changed: boolean
}

/**
 * Copies the Deployment's annotations onto the ReplicaSet's, except the skip list. Only adds or
 * overwrites; never removes.
 */
export const copyDeploymentAnnotations = (d: Deployment, rs: ReplicaSet): Updated<ReplicaSet> => {
  const current = rs.metadata.annotations ?? {}
  const next: Record<string, string> = { ...current }
  let changed = false
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (skippedAnnotations.has(k) || current[k] === v) continue
    next[k] = v
    changed = true
  }
  return { value: changed ? withAnnotations(rs, next) : rs, changed }
}

/** Whether the desired/max annotations differ from `desired` and `max` (upstream `ReplicasAnnotationsNeedUpdate`). */
export const replicasAnnotationsNeedUpdate = (rs: ReplicaSet, desired: number, max: number): boolean => {
  const a = rs.metadata.annotations
  return a === undefined || a[desiredReplicasAnnotation] !== String(desired) || a[maxReplicasAnnotation] !== String(max)
}

/** Sets the desired/max annotations (upstream `SetReplicasAnnotations`). */
export const setReplicasAnnotations = (rs: ReplicaSet, desired: number, max: number): Updated<ReplicaSet> => {
  if (!replicasAnnotationsNeedUpdate(rs, desired, max)) return { value: rs, changed: false }
  return {
    value: withAnnotations(rs, {
      ...rs.metadata.annotations,
      [desiredReplicasAnnotation]: String(desired),
      [maxReplicasAnnotation]: String(max),
    }),
    changed: true,
  }
}

/**
 * Appends `old` to a revision history, dropping the oldest entries until the result fits in
 * `limit` characters; `undefined` when even the single entry does not fit.
 */
export const appendRevisionHistory = (history: string, old: string, limit: number): string | undefined => {
  if (history === '') return old
  const entries = history.split(',')
  let total = history.length + old.length + 1
  let start = 0
  while (total > limit && start < entries.length) {
    total -= (entries[start]?.length ?? 0) + 1
    start++
  }
  return total <= limit ? [...entries.slice(start), old].join(',') : undefined
}

/**
 * Upstream `SetNewReplicaSetAnnotations`: copy the Deployment's annotations, raise the revision to
 * `newRevision` when it is lower (recording the old one in revision-history when there was one),
 * and on a ReplicaSet about to be created (`exists` false) set desired = `desired` and max =
 * `max`. A non-numeric existing revision stops the update and reports "unchanged" (the copied
 * annotations stay on the in-memory object, as upstream's do).
 */
export const setNewReplicaSetAnnotations = (
  d: Deployment,
  rs: ReplicaSet,
  newRevision: number,
  exists: boolean,
  desired: number,
  max: number,
  limitChars: number = revisionHistoryLimitChars,
): Updated<ReplicaSet> => {
  const copied = copyDeploymentAnnotations(d, rs)
  let out = copied.value
  let changed = copied.changed
  const annotations = out.metadata.annotations ?? {}
  const oldString = annotations[revisionAnnotation]
  const had = oldString !== undefined
  let old = 0
  if (had && oldString !== '') {
    if (!int64.test(oldString)) return { value: out, changed: false }
    old = Number(oldString)
  }
  if (old < newRevision) {
    const next: Record<string, string> = { ...annotations, [revisionAnnotation]: String(newRevision) }
    if (had) {
      const history = appendRevisionHistory(annotations[revisionHistoryAnnotation] ?? '', oldString, limitChars)
      if (history !== undefined) next[revisionHistoryAnnotation] = history
    }
    out = withAnnotations(out, next)
    changed = true
  }
  if (!exists) {
    const r = setReplicasAnnotations(out, desired, max)
    out = r.value
    changed = changed || r.changed
  }
  return { value: out, changed }
}

/** Sets the Deployment's revision annotation (upstream `SetDeploymentRevision`). */
export const setDeploymentRevision = (d: Deployment, rev: string): Updated<Deployment> =>
  d.metadata.annotations?.[revisionAnnotation] === rev
    ? { value: d, changed: false }
    : { value: withAnnotations(d, { ...d.metadata.annotations, [revisionAnnotation]: rev }), changed: true }

/**
 * The Deployment's annotations after a rollback to `rs` (upstream `SetDeploymentAnnotationsTo`):
 * its own skip-listed annotations plus every non-skipped annotation of the ReplicaSet.
 */
export const rollbackAnnotations = (d: Deployment, rs: ReplicaSet): StringMap => {
  const out: Record<string, string> = {}
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) if (skippedAnnotations.has(k)) out[k] = v
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!skippedAnnotations.has(k)) out[k] = v
  return out
}
