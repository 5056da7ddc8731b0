/**
 * How the Job controller reads its pods: completion indexes, the tracking finalizer, which pods
 * count as failed (which depends on the replacement policy), and when a pod finished.
 */
import type { ContainerStatus, Pod } from '../../api/pod.js'
import type { Job } from '../../api/workloads.js'
import { find } from '../../core/conditions.js'
import * as T from '../../core/time.js'
import { completionIndexKey, indexFailureCountKey, indexIgnoredFailureCountKey, trackingFinalizer } from './keys.js'

const MAX_INT32 = 2147483647
const DECIMAL = /^[+-]?\d+$/

/** Whether the Job runs in Indexed completion mode. */
export const isIndexed = (job: Job): boolean => job.spec.completionMode === 'Indexed'

/** Whether the Job limits failures per index. */
export const hasBackoffLimitPerIndex = (job: Job): boolean => isIndexed(job) && job.spec.backoffLimitPerIndex !== undefined

/** The pod's completion index from its annotation; -1 when absent, unparsable or negative. */
export const completionIndex = (pod: Pod): number => {
  const v = pod.metadata.annotations?.[completionIndexKey]
  if (v === undefined || !DECIMAL.test(v)) return -1
  const n = Number(v)
  return n >= 0 && Number.isSafeInteger(n) ? n : -1
}

/** Whether the pod has an index in `[0, completions)`. */
export const hasValidIndex = (pod: Pod, completions: number): boolean => {
  const i = completionIndex(pod)
  return i >= 0 && i < completions
}

/** Whether the pod carries the Job tracking finalizer. */
export const isTracked = (pod: Pod): boolean => (pod.metadata.finalizers ?? []).includes(trackingFinalizer)

/** Whether the Job replaces only failed pods (podReplacementPolicy Failed, or any pod failure policy). */
export const onlyReplaceFailedPods = (job: Job): boolean =>
  job.spec.podReplacementPolicy === 'Failed' || job.spec.podFailurePolicy !== undefined

/**
 * Upstream `isPodFailed`: phase Failed; or, unless only failed pods are replaced, being deleted
 * without having succeeded (a terminating pod then counts as failed at once).
 */
export const isPodFailed = (pod: Pod, job: Job): boolean => {
  if (pod.status?.phase === 'Failed') return true
  if (onlyReplaceFailedPods(job)) return false
  return pod.metadata.deletionTimestamp !== undefined && pod.status?.phase !== 'Succeeded'
}

/** A count annotation read as upstream does: an int32 ≥ 0, anything else 0. */
const countAnnotation = (pod: Pod, key: string): number => {
  const v = pod.metadata.annotations?.[key]
  if (v === undefined || !DECIMAL.test(v)) return 0
  const n = Number(v)
  return n >= 0 && n <= MAX_INT32 ? n : 0
}

/** The pod's counted failures of its index so far. */
export const indexFailureCount = (pod: Pod): number => countAnnotation(pod, indexFailureCountKey)

/** The pod's ignored failures of its index so far. */
export const indexIgnoredFailureCount = (pod: Pod): number => countAnnotation(pod, indexIgnoredFailureCountKey)

/** Counted plus ignored failures of the pod's index (upstream `getIndexAbsoluteFailureCount`). */
export const indexAbsoluteFailureCount = (pod: Pod): number => indexFailureCount(pod) + indexIgnoredFailureCount(pod)

/** A container status's `state.terminated`, read defensively (`state` is free-form in the codec). */
export interface Terminated {
  readonly exitCode: number
  readonly finishedAt?: string
}

/** The `state.terminated` of a container status, if it has one. */
export const terminatedState = (state: unknown): Terminated | undefined => {
  if (typeof state !== 'object' || state === null) return undefined
  const t = (state as { readonly terminated?: unknown }).terminated
  if (typeof t !== 'object' || t === null) return undefined
  const { exitCode, finishedAt } = t as { readonly exitCode?: unknown; readonly finishedAt?: unknown }
  return {
    exitCode: typeof exitCode === 'number' ? exitCode : 0,
    ...(typeof finishedAt === 'string' ? { finishedAt } : {}),
  }
}

/**
 * Upstream `latestFinishTime`: from `prev`, the latest `finishedAt` of `statuses`; `undefined` as
 * soon as one of them has not terminated (or has no time).
 */
const latestFinish = (prev: number | undefined, statuses: ReadonlyArray<ContainerStatus>): number | undefined => {
  let latest = prev
  for (const s of statuses) {
    const t = T.parse(terminatedState(s.state)?.finishedAt)
    if (t === undefined || t === 0) return undefined
    if (latest === undefined || latest < t) latest = t
  }
  return latest
}

/** Whether an init container is a sidecar (`restartPolicy: Always`). */
const isSidecar = (c: { readonly restartPolicy?: unknown }): boolean => c.restartPolicy === 'Always'

/**
 * Upstream `getFinishTimeFromContainers` (SidecarContainers on): the latest finish of the regular
 * containers, then of the sidecar init containers on top of it.
 */
const containersFinishedAt = (pod: Pod): number | undefined => {
  const sidecars = new Set((pod.spec.initContainers ?? []).filter((c) => isSidecar(c as { readonly restartPolicy?: unknown })).map((c) => c.name))
  const regular = latestFinish(undefined, pod.status?.containerStatuses ?? [])
  return latestFinish(regular, (pod.status?.initContainerStatuses ?? []).filter((s) => sidecars.has(s.name)))
}

/**
 * When the pod finished (upstream `getFinishedTime`), ms: the latest container `finishedAt` (regular
 * and sidecar containers) when they all have one; else the `Ready=False` transition; else the deletion time less the
 * grace period; else the creation time (0 without any).
 */
export const finishedTime = (pod: Pod): number => {
  const latest = containersFinishedAt(pod)
  if (latest !== undefined) return latest
  const ready = find(pod.status?.conditions, 'Ready')
  const readyAt = ready?.status === 'False' ? T.parse(ready.lastTransitionTime) : undefined
  if (readyAt !== undefined && readyAt !== 0) return readyAt
  const deleted = T.parse(pod.metadata.deletionTimestamp)
  if (deleted !== undefined) return deleted - (pod.metadata.deletionGracePeriodSeconds ?? 0) * 1000
  return T.parse(pod.metadata.creationTimestamp) ?? 0
}
