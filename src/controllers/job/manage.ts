/**
 * How many pods a Job should run, and which to create or delete (upstream `manageJob` and
 * `activePodsForRemoval`). A sync either deletes or creates, never both.
 */
import * as Indexes from '../../api/jobIndexes.js'
import type { Indexes as IndexSet } from '../../api/jobIndexes.js'
import type { Pod } from '../../api/pod.js'
import type { Job } from '../../api/workloads.js'
import { compareStrings } from '../../core/order.js'
import { isReady } from '../../core/pods.js'
import { sortActivePods } from '../../core/ranking.js'
import { indexRemainingMs } from './backoff.js'
import { completionsOf } from './counting.js'
import { completionIndex, hasBackoffLimitPerIndex, isIndexed } from './jobPods.js'
import { maxPodCreateDeletePerSync } from './keys.js'

/** How many pods the Job wants active (upstream's `wantActive`). */
export const wantActive = (job: Job, active: number, succeeded: number): number => {
  const parallelism = job.spec.parallelism ?? 1
  if (job.spec.completions === undefined) return succeeded > 0 ? active : parallelism
  return Math.max(0, Math.min(job.spec.completions - succeeded, parallelism))
}

/**
 * Upstream `appendDuplicatedIndexPodsForRemoval`: walking the pods by completion index (no index
 * first), those without a valid index and all but the most valuable pod (ActivePods order) of a
 * repeated index are to go; the first one at or beyond `completions` and all after it too.
 */
const duplicatesForRemoval = (active: ReadonlyArray<Pod>, completions: number): { readonly rm: ReadonlyArray<Pod>; readonly left: ReadonlyArray<Pod> } => {
  const rm: Array<Pod> = []
  const left: Array<Pod> = []
  const sorted = [...active].sort((a, b) => completionIndex(a) - completionIndex(b) || compareStrings(a.metadata.name ?? '', b.metadata.name ?? ''))
  let i = 0
  while (i < sorted.length) {
    const ix = completionIndex(sorted[i] as Pod)
    if (ix >= completions) {
      rm.push(...sorted.slice(i))
      break
    }
    let j = i
    while (j < sorted.length && completionIndex(sorted[j] as Pod) === ix) j++
    const group = sorted.slice(i, j)
    if (ix < 0) rm.push(...group)
    else {
      const ranked = sortActivePods(group)
      rm.push(...ranked.slice(0, -1))
      left.push(ranked[ranked.length - 1] as Pod)
    }
    i = j
  }
  return { rm, left }
}

/**
 * Upstream `activePodsForRemoval`: for an Indexed Job first the pods `duplicatesForRemoval`
 * picks; then, while fewer than `atLeast`, the least valuable of the rest (ActivePods order).
 */
export const activePodsForRemoval = (job: Job, active: ReadonlyArray<Pod>, atLeast: number): ReadonlyArray<Pod> => {
  const { rm, left } = isIndexed(job) ? duplicatesForRemoval(active, completionsOf(job)) : { rm: [], left: active }
  return rm.length < atLeast ? [...rm, ...sortActivePods(left).slice(0, atLeast - rm.length)] : rm
}

/** Upstream's pod-event batch period (`syncJobBatchPeriod`): a delayed sync never waits less (ms). */
export const syncBatchMs = 1000

/** What `manageJob` decided (a `Wait` lasts at least `syncBatchMs`). */
export type Decision =
  | { readonly _tag: 'Delete'; readonly pods: ReadonlyArray<Pod> }
  | { readonly _tag: 'Create'; readonly count: number; readonly indexes?: ReadonlyArray<number> }
  | { readonly _tag: 'Wait'; readonly ms: number }
  | { readonly _tag: 'Nothing' }

/** Inputs of `decide` besides the Job. */
export interface ManageInput {
  readonly active: ReadonlyArray<Pod>
  readonly succeeded: number
  /** Terminating pods (counted only when the Job replaces only failed pods). */
  readonly terminating: number
  /** Indexes not to create: succeeded, failed, and for the Failed policy those of terminating pods. */
  readonly taken: IndexSet
  /** The failed pod kept per index until its replacement exists (backoffLimitPerIndex). */
  readonly delayed: ReadonlyMap<number, Pod>
  /** The global pod-creation backoff left (ms). */
  readonly backoffMs: number
  readonly nowMs: number
}

/** Upstream `manageJob`: delete what is too many (all when suspended), else create what is missing, unless a backoff holds. */
export const decide = (job: Job, input: ManageInput, terminatingCredit: number): Decision => {
  const active = input.active
  if (job.spec.suspend === true) return active.length === 0 ? { _tag: 'Nothing' } : { _tag: 'Delete', pods: activePodsForRemoval(job, active, active.length) }
  const want = wantActive(job, active.length, input.succeeded)
  const toDelete = activePodsForRemoval(job, active, Math.max(active.length - want, 0)).slice(0, maxPodCreateDeletePerSync)
  if (toDelete.length > 0) return { _tag: 'Delete', pods: toDelete }
  let diff = want - terminatingCredit - active.length
  if (diff <= 0) return { _tag: 'Nothing' }
  if (!hasBackoffLimitPerIndex(job) && input.backoffMs > 0) return { _tag: 'Wait', ms: Math.max(input.backoffMs, syncBatchMs) }
  diff = Math.min(diff, maxPodCreateDeletePerSync)
  if (!isIndexed(job)) return { _tag: 'Create', count: diff }
  const activeIndexes = Indexes.union([], active.map(completionIndex).filter((i) => i >= 0))
  let indexes = Indexes.firstFree(diff, completionsOf(job), Indexes.union([input.taken, activeIndexes]))
  if (hasBackoffLimitPerIndex(job)) {
    const waits = indexes.map((i) => indexRemainingMs(input.delayed.get(i), input.nowMs))
    const now = indexes.filter((_, k) => waits[k] === 0)
    if (now.length === 0 && indexes.length > 0) return { _tag: 'Wait', ms: Math.max(Math.min(...waits), syncBatchMs) }
    indexes = now
  }
  return indexes.length === 0 ? { _tag: 'Nothing' } : { _tag: 'Create', count: indexes.length, indexes }
}

/** How many of `pods` are ready. */
export const readyCount = (pods: ReadonlyArray<Pod>): number => pods.filter(isReady).length
