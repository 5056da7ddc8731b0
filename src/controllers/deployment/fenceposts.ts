/**
 * Rolling-update arithmetic: maxSurge / maxUnavailable resolution and the new ReplicaSet's next
 * size (spec §1.6 and §3.4, upstream `ResolveFenceposts`, `MaxSurge`, `MaxUnavailable`,
 * `MinAvailable`, `NewRSNewReplicas`).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { IntOrString } from '../../api/meta.js'
import type { Deployment, ReplicaSet } from '../../api/workloads.js'
import { scaledValue } from '../../core/intOrString.js'
import { replicaCount, specReplicas } from './orderings.js'

/** The resolved fenceposts: how far above and below the desired count a rollout may go. */
export interface Fenceposts {
  readonly surge: number
  readonly unavailable: number
}

/**
 * Resolves maxSurge (percent rounded UP) and maxUnavailable (percent rounded DOWN) against
 * `desired`; an absent value counts as 0. When both resolve to 0, unavailable becomes 1 so a
 * rollout can always progress. A string without `%` is an error (`Left` with upstream's message).
 *
 * Upstream's examples: 10 replicas at "39%"/"39%" resolve to surge 4, unavailable 3; "0%"/"0%"
 * of 0 replicas to surge 0, unavailable 1.
 */
export const resolveFenceposts = (
  maxSurge: IntOrString | undefined,
  maxUnavailable: IntOrString | undefined,
  desired: number,
): E.Either<string, Fenceposts> => {
  const surge = scaledValue(maxSurge ?? 0, desired, true)
  if (E.isLeft(surge)) return surge
  const unavailable = scaledValue(maxUnavailable ?? 0, desired, false)
  if (E.isLeft(unavailable)) return unavailable
  return E.right(
    surge.right === 0 && unavailable.right === 0
      ? { surge: 0, unavailable: 1 }
      : { surge: surge.right, unavailable: unavailable.right },
  )
}

/** `spec.replicas` of a Deployment (defaulted to 1 when absent). */
export const replicasOf = (d: Deployment): number => d.spec.replicas ?? 1

/** The strategy type (`RollingUpdate` when absent, the API default). */
export const strategyType = (d: Deployment): string => d.spec.strategy?.type ?? 'RollingUpdate'

/** True for the RollingUpdate strategy. */
export const isRollingUpdate = (d: Deployment): boolean => strategyType(d) === 'RollingUpdate'

const fenceposts = (d: Deployment): Fenceposts => {
  const ru = d.spec.strategy?.rollingUpdate
  return E.getOrElse((): Fenceposts => ({ surge: 0, unavailable: 0 }))(
    resolveFenceposts(ru?.maxSurge, ru?.maxUnavailable, replicasOf(d)),
  )
}

/** The resolved maxSurge: 0 unless RollingUpdate; not capped; 0 when the values do not parse. */
export const maxSurge = (d: Deployment): number => (isRollingUpdate(d) ? fenceposts(d).surge : 0)

/**
 * The resolved maxUnavailable: 0 unless RollingUpdate or when `spec.replicas` is 0; otherwise
 * capped at `spec.replicas`.
 */
export const maxUnavailable = (d: Deployment): number => {
  const r = replicasOf(d)
  if (!isRollingUpdate(d) || r === 0) return 0
  return Math.min(fenceposts(d).unavailable, r)
}

/** `spec.replicas − maxUnavailable` for RollingUpdate, 0 otherwise. */
export const minAvailable = (d: Deployment): number => (isRollingUpdate(d) ? replicasOf(d) - maxUnavailable(d) : 0)

/**
 * The size the new ReplicaSet may grow to now (upstream `NewRSNewReplicas`). RollingUpdate:
 * `spec(new) + min(replicas + surge − Σ spec(all), replicas − spec(new))`, or `spec(new)` when the
 * SPEC sum already reaches `replicas + surge` (surge resolved on its own, rounded up, no default).
 * Recreate: `replicas`. Any other strategy, or an unparsable maxSurge, is an error.
 */
export const newRSNewReplicas = (
  d: Deployment,
  allRSs: ReadonlyArray<ReplicaSet>,
  newRS: ReplicaSet,
): E.Either<string, number> => {
  const r = replicasOf(d)
  switch (strategyType(d)) {
    case 'RollingUpdate': {
      const ms = d.spec.strategy?.rollingUpdate?.maxSurge
      if (ms === undefined) return E.left('nil value for IntOrString')
      return E.map((surge: number) => {
        const current = replicaCount(allRSs)
        const maxTotal = r + surge
        const own = specReplicas(newRS)
        if (current >= maxTotal) return own
        return own + Math.min(maxTotal - current, r - own)
      })(scaledValue(ms, r, true))
    }
    case 'Recreate':
      return E.right(r)
    default:
      return E.left(`deployment type ${strategyType(d)} isn't supported`)
  }
}
