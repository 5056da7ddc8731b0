/**
 * Status: the counts a ReplicaSet or ReplicationController reports, the ReplicaFailure
 * condition, the write-skip rule and the availability requeue (spec/replicaset-deployment.md
 * §2.4–2.5).
 */
import * as Conditions from '../../core/conditions.js'
import type { Condition } from '../../api/meta.js'
import type { Pod } from '../../api/pod.js'
import type { ReplicaSetStatus } from '../../api/workloads.js'
import { jsonEqual } from '../../core/equal.js'
import * as Pods from '../../core/pods.js'
import * as T from '../../core/time.js'
import type { OwnerSpec } from './owner.js'

/** The condition type set when creating or deleting pods failed. */
export const replicaFailure = 'ReplicaFailure'

/**
 * What a sync knows of its pod creates and deletes when it computes the status:
 * - `Ok`: none failed — it issued none, or the API server accepts them (a write fails only by
 *   a fault, which the next sync sees, as upstream's next sync after a failed call);
 * - `Failed`: it knows upstream's create call fails (the one failure a pure sync can know: a
 *   template without labels, with pods missing), with upstream's error text.
 */
export type ManageOutcome = { readonly _tag: 'Ok' } | { readonly _tag: 'Failed'; readonly message: string }

/** The counts over the active pods an owner claims. */
export interface PodCounts {
  readonly replicas: number
  readonly fullyLabeledReplicas: number
  readonly readyReplicas: number
  readonly availableReplicas: number
}

/** True for the canonical whole-second UTC form `2024-01-01T00:00:00Z`, which sorts as time does. */
const canonical = (s: string): boolean => s.length === 20 && s.charCodeAt(19) === 90 /* Z */ && s.charCodeAt(10) === 84 /* T */

/**
 * A predicate "ready since `since` makes the pod available at `nowMs`", comparing canonical
 * timestamps as strings (they sort as time does) and parsing any other form.
 */
const availableSince = (minReadySeconds: number, nowMs: number): ((since: string | undefined) => boolean) => {
  const limitMs = nowMs - minReadySeconds * 1000
  const limit = T.format(limitMs)
  return (since) => {
    if (since === undefined) return false
    if (canonical(since)) return since <= limit
    const ms = T.parse(since)
    return ms !== undefined && ms <= limitMs
  }
}

/**
 * Counts `active` pods: all of them, those whose labels include every template label, the ready
 * ones, and the ready ones available for `minReadySeconds` at `nowMs` (boundary `<=`, as
 * `Pods.isAvailable`).
 */
export const countPods = (
  active: ReadonlyArray<Pod>,
  templateLabels: Readonly<Record<string, string>> | undefined,
  minReadySeconds: number,
  nowMs: number,
): PodCounts => {
  let fullyLabeled = 0
  let ready = 0
  let available = 0
  const wanted = Object.entries(templateLabels ?? {})
  const isAvailableSince = minReadySeconds > 0 ? availableSince(minReadySeconds, nowMs) : undefined
  for (const p of active) {
    const labels = p.metadata.labels
    if (wanted.every(([k, v]) => labels !== undefined && labels[k] === v)) {
      fullyLabeled++
    }
    const c = Pods.readyCondition(p)
    if (c?.status === 'True') {
      ready++
      if (isAvailableSince === undefined || isAvailableSince(c.lastTransitionTime)) available++
    }
  }
  return { replicas: active.length, fullyLabeledReplicas: fullyLabeled, readyReplicas: ready, availableReplicas: available }
}

/**
 * Upstream `calculateStatus`: the new status from the active and terminating pods observed
 * before this sync's creates and deletes. Conditions and unknown fields carry over;
 * `terminatingReplicas` is set only for ReplicaSets. ReplicaFailure is added on a known failure
 * when absent (reason `FailedCreate`, as upstream names a failure with pods missing; time
 * `nowMs`), and removed when no create or delete failed (`Ok`), as upstream removes it after a
 * sync whose calls succeeded. `observedGeneration` is not touched here (see `nextStatus`).
 */
export const calculateStatus = (
  owner: OwnerSpec,
  active: ReadonlyArray<Pod>,
  terminating: ReadonlyArray<Pod>,
  outcome: ManageOutcome,
  nowMs: number,
): ReplicaSetStatus => {
  const old = owner.object.status ?? {}
  const counts = countPods(active, owner.template?.metadata?.labels, owner.minReadySeconds, nowMs)
  let next: ReadonlyArray<Condition> | undefined = old.conditions
  if (outcome._tag === 'Ok') {
    next = Conditions.without(old.conditions, replicaFailure)
  } else if (Conditions.find(old.conditions, replicaFailure) === undefined) {
    const cond = Conditions.condition(replicaFailure, 'True', T.format(nowMs), 'FailedCreate', outcome.message)
    next = [...(old.conditions ?? []), cond]
  }
  const { conditions: _c, ...rest } = old
  return {
    ...rest,
    ...counts,
    ...(owner.terminatingReplicas ? { terminatingReplicas: terminating.length } : {}),
    ...(next === undefined || next.length === 0 ? {} : { conditions: next }),
  }
}

const n = (v: number | undefined): number => v ?? 0

/**
 * Upstream's write-skip rule: true when the counts, `terminatingReplicas` (absent ≠ 0) and the
 * conditions (times included) equal the old status and `generation == observedGeneration`.
 */
export const statusUnchanged = (owner: OwnerSpec, next: ReplicaSetStatus): boolean => {
  const old = owner.object.status ?? {}
  return (
    n(old.replicas) === n(next.replicas) &&
    n(old.fullyLabeledReplicas) === n(next.fullyLabeledReplicas) &&
    n(old.readyReplicas) === n(next.readyReplicas) &&
    n(old.availableReplicas) === n(next.availableReplicas) &&
    old.terminatingReplicas === next.terminatingReplicas &&
    n(owner.object.metadata.generation) === n(old.observedGeneration) &&
    sameConditions(old.conditions, next.conditions)
  )
}

/** Equal condition lists, times included; absent and empty are alike. */
const sameConditions = (a: ReadonlyArray<Condition> | undefined, b: ReadonlyArray<Condition> | undefined): boolean =>
  jsonEqual(a ?? [], b ?? [])

/** The status to write: `next` stamped with `observedGeneration = metadata.generation`. */
export const nextStatus = (owner: OwnerSpec, next: ReplicaSetStatus): ReplicaSetStatus => {
  const g = owner.object.metadata.generation
  const { observedGeneration: _o, ...rest } = next
  return g === undefined ? rest : { ...rest, observedGeneration: g }
}

/**
 * Seconds until the earliest ready-but-not-yet-available pod becomes available, or
 * `undefined` when none will.
 */
export const nextAvailabilityCheck = (active: ReadonlyArray<Pod>, minReadySeconds: number, nowMs: number): number | undefined => {
  let min: number | undefined
  for (const p of active) {
    const s = Pods.nextAvailabilityCheck(p, minReadySeconds, nowMs)
    if (s !== undefined && (min === undefined || s < min)) min = s
  }
  return min
}

/**
 * Newest upstream's availability requeue: when `minReadySeconds > 0` and some ready pods are not
 * yet available, call again at the earliest next availability check, else after
 * `minReadySeconds`. `undefined` means no requeue.
 */
export const availabilityRequeue = (
  owner: OwnerSpec,
  status: ReplicaSetStatus,
  active: ReadonlyArray<Pod>,
  nowMs: number,
): number | undefined => {
  if (owner.minReadySeconds <= 0 || n(status.readyReplicas) === n(status.availableReplicas)) return undefined
  return nextAvailabilityCheck(active, owner.minReadySeconds, nowMs) ?? owner.minReadySeconds
}
