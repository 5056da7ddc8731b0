/**
 * What a Job's pods add to its counts: the terminated pods not yet counted (upstream
 * `getNewFinishedPods`), and the succeeded and failed indexes of an Indexed Job.
 */
import * as Indexes from '../../api/jobIndexes.js'
import type { Indexes as IndexSet } from '../../api/jobIndexes.js'
import type { Pod } from '../../api/pod.js'
import type { Job } from '../../api/workloads.js'
import { matchPodFailurePolicy } from './failurePolicy.js'
import { completionIndex, hasValidIndex, indexFailureCount, isIndexed, isPodFailed, isTracked } from './jobPods.js'

/** The uids the Job's status holds as terminated but not yet counted. */
export interface Uncounted {
  readonly succeeded: ReadonlySet<string>
  readonly failed: ReadonlySet<string>
}

/** The Job's `status.uncountedTerminatedPods` as sets. */
export const uncountedOf = (job: Job): Uncounted => ({
  succeeded: new Set(job.status?.uncountedTerminatedPods?.succeeded ?? []),
  failed: new Set(job.status?.uncountedTerminatedPods?.failed ?? []),
})

/** The Job's completions (0 when unset; only Indexed Jobs read it, and they must set it). */
export const completionsOf = (job: Job): number => job.spec.completions ?? 0

/** Tracked pods not in `uncounted` and, for an Indexed Job, with a valid index (upstream `getValidPodsWithFilter`). */
const validPods = (job: Job, pods: ReadonlyArray<Pod>, uncounted: ReadonlySet<string>, keep: (p: Pod) => boolean): ReadonlyArray<Pod> => {
  const indexed = isIndexed(job)
  const completions = completionsOf(job)
  return pods.filter((p) => isTracked(p) && !uncounted.has(p.metadata.uid ?? '') && (!indexed || hasValidIndex(p, completions)) && keep(p))
}

/** The pods that finished since the status last counted: succeeded, and failed by `isPodFailed`. */
export const newFinishedPods = (job: Job, pods: ReadonlyArray<Pod>): { readonly succeeded: ReadonlyArray<Pod>; readonly failed: ReadonlyArray<Pod> } => {
  const u = uncountedOf(job)
  return {
    succeeded: validPods(job, pods, u.succeeded, (p) => p.status?.phase === 'Succeeded'),
    failed: validPods(job, pods, u.failed, (p) => isPodFailed(p, job)),
  }
}

/** How many of `failed` count (those no Ignore rule matched). */
export const countedFailures = (job: Job, failed: ReadonlyArray<Pod>): number =>
  job.spec.podFailurePolicy === undefined ? failed.length : failed.filter((p) => matchPodFailurePolicy(job, p).countFailed).length

/** The succeeded indexes: the status's, plus those of tracked Succeeded pods with a valid index. */
export const succeededIndexes = (job: Job, pods: ReadonlyArray<Pod>): IndexSet => {
  const completions = completionsOf(job)
  const fresh = pods.filter((p) => p.status?.phase === 'Succeeded' && isTracked(p) && hasValidIndex(p, completions)).map(completionIndex)
  return Indexes.union([Indexes.parse(job.status?.completedIndexes ?? '', completions)], fresh)
}

/**
 * Upstream `isIndexFailed`: a failed pod whose FailIndex rule matched, or whose counted failure
 * comes after `backoffLimitPerIndex` earlier ones (its failure-count annotation).
 */
export const isIndexFailed = (job: Job, pod: Pod): boolean => {
  if (!isPodFailed(pod, job)) return false
  let counted = true
  if (job.spec.podFailurePolicy !== undefined) {
    const m = matchPodFailurePolicy(job, pod)
    if (m.action === 'FailIndex') return true
    counted = m.countFailed
  }
  return counted && indexFailureCount(pod) >= (job.spec.backoffLimitPerIndex ?? 0)
}

/** The failed indexes: the status's, plus those of tracked pods whose index failed (backoffLimitPerIndex). */
export const failedIndexes = (job: Job, pods: ReadonlyArray<Pod>): IndexSet => {
  const completions = completionsOf(job)
  const fresh = pods
    .filter((p) => isTracked(p) && hasValidIndex(p, completions) && isIndexFailed(job, p))
    .map(completionIndex)
  return Indexes.union([Indexes.parse(job.status?.failedIndexes ?? '', completions)], fresh)
}
