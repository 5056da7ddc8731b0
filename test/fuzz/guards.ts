/**
 * What every fuzz target checks besides its own properties: no prototype pollution, inputs
 * frozen and untouched, a time bound per input; and how many inputs a target runs (`FUZZ_RUNS`).
 */
import { expect } from 'vitest'

/**
 * Inputs per target: `FUZZ_RUNS` when set (≥ 100,000 for the large runs), else `ci` (seconds
 * of work in CI).
 */
export const fuzzRuns = (ci: number): number => {
  const n = Number(process.env.FUZZ_RUNS)
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : ci
}

/** A test's timeout: vitest's 60 s in CI, hours for a large `FUZZ_RUNS` run. */
export const fuzzTimeoutMs = process.env.FUZZ_RUNS === undefined ? 60_000 : 6 * 3_600_000

/** fast-check settings for a fuzz target: `FUZZ_SEED` replays a run. */
export const fuzzParameters = (ci: number): { readonly numRuns: number; readonly seed?: number } => {
  const seed = Number(process.env.FUZZ_SEED)
  return Number.isInteger(seed) ? { numRuns: fuzzRuns(ci), seed } : { numRuns: fuzzRuns(ci) }
}

const prototypes: ReadonlyArray<readonly [string, object]> = [
  ['Object.prototype', Object.prototype],
  ['Array.prototype', Array.prototype],
  ['Function.prototype', Function.prototype],
  ['String.prototype', String.prototype],
]

/** The own keys of the built-in prototypes, to compare after a run. */
const prototypeKeys = (): string =>
  prototypes.map(([name, p]) => `${name}:${Reflect.ownKeys(p).map(String).sort().join(',')}`).join('\n')

const pristine = prototypeKeys()

/** Fails when any built-in prototype gained, lost or changed a key, or a fresh object inherits a stray one. */
export const expectNoPollution = (): void => {
  expect(prototypeKeys()).toBe(pristine)
  const fresh: Record<string, unknown> = {}
  for (const k of ['polluted', 'isAdmin', 'x', 'a', 'b', 'value']) expect(fresh[k], `Object.prototype.${k}`).toBeUndefined()
  expect(Object.getPrototypeOf(fresh)).toBe(Object.prototype)
}

/** Freezes `x` and everything reachable from it, iteratively (inputs may be deeply nested). */
export { deepFreeze } from '../api/util.js'

/**
 * A text fingerprint of a plain-data value (own keys, `__proto__` included, in order), to check
 * that an input is untouched. Iterative; cycles and accessors are marked, not followed.
 */
export const fingerprint = (x: unknown): string => {
  const out: Array<string> = []
  const stack: Array<unknown> = [x]
  const seen = new Set<object>()
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v !== 'object' || v === null) {
      out.push(typeof v === 'string' ? JSON.stringify(v) : typeof v === 'bigint' || typeof v === 'symbol' ? typeof v : String(v))
      continue
    }
    if (seen.has(v)) {
      out.push('<seen>')
      continue
    }
    seen.add(v)
    out.push(Array.isArray(v) ? `[${v.length}` : '{')
    for (const k of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k)
      out.push(String(k))
      if (d !== undefined && 'value' in d) stack.push(d.value)
      else out.push('<accessor>')
    }
  }
  return out.join('\u0000')
}

/** Runs `f`, failing when it takes longer than `ms` (a hang or super-linear work, not a speed test). */
export const withinMs = <A>(ms: number, what: string, f: () => A): A => {
  const t0 = performance.now()
  const out = f()
  const took = performance.now() - t0
  expect(took, `${what} took ${Math.round(took)} ms (bound ${ms} ms)`).toBeLessThan(ms)
  return out
}
