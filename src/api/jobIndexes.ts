/**
 * The index-set format of Indexed Jobs (`status.completedIndexes`, `status.failedIndexes`,
 * `spec.successPolicy.rules[].succeededIndexes`): comma-separated runs, `N` for one index,
 * `A,B` for a run of two, `A-B` for longer runs (`1,3-5,7`, `2,3,5-7`).
 *
 * A set is a sorted list of disjoint, non-adjacent closed intervals, so sets over huge index
 * ranges stay small.
 */

/** A closed run of indexes `[first, last]`. */
export interface Interval {
  readonly first: number
  readonly last: number
}

/** A set of indexes: sorted, disjoint, non-adjacent intervals. */
export type Indexes = ReadonlyArray<Interval>

/** The empty set. */
export const empty: Indexes = []

const DECIMAL = /^[+-]?\d+$/

/** Go's `strconv.Atoi` on a decimal: an optional sign and digits, else `undefined`. */
const atoi = (s: string): number | undefined => (DECIMAL.test(s) ? Number(s) : undefined)

/**
 * The set a status string holds, read as upstream's controller reads it
 * (`parseIndexesFromString`): elements whose first number does not parse are skipped, the first
 * element starting at or beyond `completions` ends the reading, a last index beyond it is
 * clamped, an element adjacent to the previous one joins it.
 */
export const parse = (text: string, completions: number): Indexes => {
  const out: Array<Interval> = []
  if (text === '') return out
  for (const part of text.split(',')) {
    const limits = part.split('-')
    const first = atoi(limits[0] ?? '')
    if (first === undefined) continue
    if (first >= completions) break
    let last = first
    if (limits.length > 1) {
      const second = atoi(limits[1] ?? '')
      if (second === undefined) continue
      last = Math.min(second, completions - 1)
    }
    const prev = out[out.length - 1]
    if (prev !== undefined && prev.last === first - 1) out[out.length - 1] = { first: prev.first, last }
    else out.push({ first, last })
  }
  return out
}

/** The status string of `set`: runs joined by `,`; a run of two prints as `A,B`, longer ones as `A-B`. */
export const format = (set: Indexes): string =>
  set
    .map(({ first, last }) => (last === first ? `${first}` : last === first + 1 ? `${first},${last}` : `${first}-${last}`))
    .join(',')

/** How many indexes `set` holds. */
export const size = (set: Indexes): number => set.reduce((n, i) => n + (i.last - i.first + 1), 0)

/** Whether `set` holds `index` (binary search). */
export const has = (set: Indexes, index: number): boolean => {
  let lo = 0
  let hi = set.length - 1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    const i = set[mid] as Interval
    if (index < i.first) hi = mid - 1
    else if (index > i.last) lo = mid + 1
    else return true
  }
  return false
}

/** The union of several sets and loose indexes (in any order, repeats allowed). */
export const union = (sets: ReadonlyArray<Indexes>, indexes: Iterable<number> = []): Indexes => {
  const runs: Array<Interval> = []
  for (const s of sets) runs.push(...s)
  for (const i of indexes) runs.push({ first: i, last: i })
  runs.sort((a, b) => a.first - b.first || a.last - b.last)
  const out: Array<Interval> = []
  for (const r of runs) {
    const prev = out[out.length - 1]
    if (prev !== undefined && r.first <= prev.last + 1) {
      if (r.last > prev.last) out[out.length - 1] = { first: prev.first, last: r.last }
    } else {
      out.push(r)
    }
  }
  return out
}

/** The indexes of `set`, ascending. */
export const toArray = (set: Indexes): ReadonlyArray<number> => {
  const out: Array<number> = []
  for (const { first, last } of set) for (let i = first; i <= last; i++) out.push(i)
  return out
}

/** The lowest `count` indexes in `[0, completions)` that `taken` does not hold (upstream `firstPendingIndexes`). */
export const firstFree = (count: number, completions: number, taken: Indexes): ReadonlyArray<number> => {
  const out: Array<number> = []
  let next = 0
  for (const run of [...taken, { first: completions, last: completions }]) {
    for (let i = next; i < Math.min(run.first, completions) && out.length < count; i++) out.push(i)
    if (out.length >= count || run.first >= completions) break
    next = Math.max(next, run.last + 1)
  }
  return out
}

/**
 * Why `text` is not a valid index set below `completions` as the API server validates it
 * (`succeededIndexes`: ascending, non-overlapping runs `N` or `A-B` with A < B, each interval's
 * numbers checked before its order; the empty string is valid), or `undefined`.
 */
export const formatProblem = (text: string, completions: number): string | undefined => {
  if (text === '') return undefined
  let prev = -1
  for (const part of text.split(',')) {
    const limits = part.split('-')
    if (limits.length > 2) return `the fragment ${JSON.stringify(part)} violates the requirement that an index interval can have at most two parts separated by '-'`
    const bounds: Array<number> = []
    for (const limit of limits) {
      const x = atoi(limit)
      if (x === undefined || x < 0) return `cannot convert string to integer for index: ${JSON.stringify(limit)}`
      if (x >= completions) return `too large index: ${JSON.stringify(limit)}`
      bounds.push(x)
    }
    const [first, last] = [bounds[0] as number, bounds[bounds.length - 1] as number]
    if (bounds.length === 2 && first >= last) return `non-increasing order, previous: ${first}, current: ${last}`
    if (first <= prev) return `non-increasing order, previous: ${prev}, current: ${first}`
    prev = last
  }
  return undefined
}

/** How many indexes `a` and `b` share. */
export const intersectionSize = (a: Indexes, b: Indexes): number => {
  let n = 0
  let i = 0
  let j = 0
  while (i < a.length && j < b.length) {
    const x = a[i] as Interval
    const y = b[j] as Interval
    const lo = Math.max(x.first, y.first)
    const hi = Math.min(x.last, y.last)
    if (lo <= hi) n += hi - lo + 1
    if (x.last < y.last) i++
    else j++
  }
  return n
}
