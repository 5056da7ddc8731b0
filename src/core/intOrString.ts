/**
 * Int-or-string resolution with upstream's rounding (`GetScaledValueFromIntOrPercent`).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { IntOrString } from '../api/meta.js'

/** The largest int32, upstream's "no limit" for several int32 fields (`math.MaxInt32`). */
export { maxInt32 } from '../api/limits.js'

const percent = /^([0-9]+)%$/

/**
 * Resolves an int or a percent of `total`: ints pass through unchanged (not clamped);
 * `"p%"` gives `ceil(p*total/100)` when `roundUp`, else `floor`. A string without `%` is an error.
 */
export const scaledValue = (v: IntOrString, total: number, roundUp: boolean): E.Either<string, number> => {
  if (typeof v === 'number') return E.right(v)
  const m = percent.exec(v)
  if (m === null) return E.left(`invalid value for IntOrString: invalid type: string is not a percentage: "${v}"`)
  const exact = (Number(m[1]) * total) / 100
  return E.right(roundUp ? Math.ceil(exact) : Math.floor(exact))
}

/** Rounds half away from zero, like upstream's `RoundToInt32`. */
export const roundHalfAwayFromZero = (x: number): number => (x < 0 ? -Math.floor(-x + 0.5) : Math.floor(x + 0.5))
