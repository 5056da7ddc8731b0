/**
 * Status conditions as the kubelet, scheduler and node lifecycle write them: setting a
 * condition keeps its `lastTransitionTime` unless its status changes.
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
