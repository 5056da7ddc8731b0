/**
 * Status conditions, one set of helpers for every writer: `find` and `without` for any list;
 * `setCondition` as the kubelet, scheduler and node lifecycle write them (in place, keeping
 * `lastTransitionTime` unless the status changes); `replaceCondition` as upstream's workload
 * controllers' `Set…Condition` (nothing changes for the same status and reason; the condition
 * moves to the end of the list).
 */
import type { Condition } from '../api/meta.js'

/** A condition of `type` with `status`, stamped `time` (RFC 3339), and optional reason/message. */
export const condition = (
  type: string,
  status: 'True' | 'False' | 'Unknown',
  time: string,
  reason?: string,
  message?: string,
): Condition => ({
  type,
  status,
  lastTransitionTime: time,
  ...(reason === undefined ? {} : { reason }),
  ...(message === undefined ? {} : { message }),
})

/**
 * `conditions` with `c` in place of the condition of the same type (appended when absent).
 * When the status is unchanged the old `lastTransitionTime` is kept.
 */
export const setCondition = (conditions: ReadonlyArray<Condition> | undefined, c: Condition): ReadonlyArray<Condition> => {
  const list = conditions ?? []
  const i = list.findIndex((x) => x.type === c.type)
  if (i < 0) return [...list, c]
  const old = list[i]
  const next = old !== undefined && old.status === c.status && old.lastTransitionTime !== undefined
    ? { ...c, lastTransitionTime: old.lastTransitionTime }
    : c
  return list.map((x, j) => (j === i ? next : x))
}

/** `setCondition` for several conditions in order. */
export const setConditions = (
  conditions: ReadonlyArray<Condition> | undefined,
  cs: ReadonlyArray<Condition>,
): ReadonlyArray<Condition> => cs.reduce<ReadonlyArray<Condition>>((acc, c) => setCondition(acc, c), conditions ?? [])

/** The condition of `type` in `conditions`, if any. */
export const find = (conditions: ReadonlyArray<Condition> | undefined, type: string): Condition | undefined =>
  conditions?.find((c) => c.type === type)

/** `conditions` without those of `type` (the same list when there is none). */
export const without = (conditions: ReadonlyArray<Condition> | undefined, type: string): ReadonlyArray<Condition> => {
  const list = conditions ?? []
  return list.some((c) => c.type === type) ? list.filter((c) => c.type !== type) : list
}

/** `c` with `lastTransitionTime` set to `t` (removed when `t` is undefined). */
export const withTransition = (c: Condition, t: string | undefined): Condition => {
  const { lastTransitionTime: _drop, ...rest } = c
  return t === undefined ? rest : { ...rest, lastTransitionTime: t }
}

/**
 * Upstream's workload `Set…Condition` (Deployment, ReplicaSet, DaemonSet, StatefulSet, Job):
 * `undefined` (no change, times included) when a condition of that type has the same status and
 * reason; else the list with `c` at its end in place of the old one, keeping the old
 * `lastTransitionTime` when the status is the same.
 */
export const replaceCondition = (conditions: ReadonlyArray<Condition> | undefined, c: Condition): ReadonlyArray<Condition> | undefined => {
  const current = find(conditions, c.type)
  if (current !== undefined && current.status === c.status && current.reason === c.reason) return undefined
  const next = current !== undefined && current.status === c.status ? withTransition(c, current.lastTransitionTime) : c
  return [...without(conditions, c.type), next]
}
