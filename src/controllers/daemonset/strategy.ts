/**
 * The update strategy's numbers (upstream `SurgeCount`, `UnavailableCount`, `AllowsSurge` and
 * `updatedDesiredNodeCounts`): percentages of the desired number scheduled, rounded up.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { DaemonSet } from '../../api/workloads.js'
import { scaledValue } from '../../core/intOrString.js'

/** Whether the DaemonSet rolls out with RollingUpdate (the default). */
export const isRollingUpdate = (ds: DaemonSet): boolean => (ds.spec.updateStrategy?.type ?? 'RollingUpdate') === 'RollingUpdate'

/** Upstream `SurgeCount`: `maxSurge` of `n` nodes, rounded up; 0 without RollingUpdate or without `maxSurge`. */
export const surgeCount = (ds: DaemonSet, n: number): E.Either<string, number> => {
  const v = ds.spec.updateStrategy?.rollingUpdate?.maxSurge
  return !isRollingUpdate(ds) || v === undefined ? E.right(0) : scaledValue(v, n, true)
}

/** Upstream `UnavailableCount`: `maxUnavailable` of `n` nodes, rounded up; 0 without RollingUpdate or a `rollingUpdate` block; an error when unset. */
export const unavailableCount = (ds: DaemonSet, n: number): E.Either<string, number> => {
  const r = ds.spec.updateStrategy?.rollingUpdate
  if (!isRollingUpdate(ds) || r === undefined) return E.right(0)
  return r.maxUnavailable === undefined ? E.left('nil value for IntOrString') : scaledValue(r.maxUnavailable, n, true)
}

/** Upstream `AllowsSurge`: `maxSurge` resolves to more than 0 for one node. */
export const allowsSurge = (ds: DaemonSet): boolean => {
  const s = surgeCount(ds, 1)
  return E.isRight(s) && s.right > 0
}

/** The rolling update's budgets for `desired` nodes. */
export interface Budgets {
  readonly maxSurge: number
  readonly maxUnavailable: number
}

/**
 * Both budgets for `desired` nodes; when both are 0 and some node should run a pod,
 * `maxUnavailable` is 1 (upstream's guard against an impossible configuration). An invalid
 * int-or-string is an error naming the field.
 */
export const budgets = (ds: DaemonSet, desired: number): E.Either<string, Budgets> => {
  const u = unavailableCount(ds, desired)
  if (E.isLeft(u)) return E.left(`invalid value for MaxUnavailable: ${u.left}`)
  const s = surgeCount(ds, desired)
  if (E.isLeft(s)) return E.left(`invalid value for MaxSurge: ${s.left}`)
  const maxUnavailable = desired > 0 && u.right === 0 && s.right === 0 ? 1 : u.right
  return E.right({ maxSurge: s.right, maxUnavailable })
}
