/**
 * Fuzz targets for the boundary: hostile values to `decode`, hostile JSON and YAML text to
 * `decodeManifests`. Every input: no throw, a time bound, the input deep-frozen and untouched,
 * no prototype pollution, the same answer twice, and every decoded object round-trips through
 * `encode`, JSON text and YAML text. `FUZZ_RUNS=100000` for the large runs.
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { DUMP_SCHEMA, dump } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { decode, decodeManifests, encode } from '../../src/api/decode.js'
import type { KubeObject } from '../../src/api/object.js'
import * as Arb from '../../src/arbitraries/index.js'
import { deepFreeze, expectNoPollution, fingerprint, fuzzParameters, fuzzTimeoutMs, withinMs } from './guards.js'

/** Per-input bound: far above any real input's cost, far below a hang or quadratic blow-up. */
const BOUND_MS = 5000

// -------------------------------------------------------------------------------------
// values
// -------------------------------------------------------------------------------------

/** Keys that break naive code: prototype names, Kubernetes field names, odd text. */
const hostileKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'then'),
  fc.constantFrom('apiVersion', 'kind', 'metadata', 'spec', 'status', 'labels', 'annotations', 'items', 'name', 'replicas', 'selector', 'template'),
  fc.string({ maxLength: 6 }),
)

/** Hostile leaves: huge, odd and non-JSON values. */
const hostileLeaf = fc.oneof(
  fc.constantFrom<unknown>(null, undefined, true, false, 0, -0, NaN, Infinity, -Infinity, 2 ** 53, -1, 1e308, '', '0', 'yes', '1:30', '2024-01-01'),
  fc.string({ maxLength: 12 }),
  fc.double(),
  fc.integer(),
  fc.date(),
  fc.constantFrom<unknown>(new Date(Number.NaN), new Date(8.64e15), 1n, Symbol('s'), () => 1, new Map(), new Set([1]), new Uint8Array(2), /x/),
)

/** Trees of hostile keys and leaves (created fresh per run, so they can be frozen). */
const hostileTree: fc.Arbitrary<unknown> = fc.letrec<{ tree: unknown }>((tie) => ({
  tree: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileLeaf,
    fc.array(tie('tree'), { maxLength: 4 }),
    fc.array(fc.tuple(hostileKey, tie('tree')), { maxLength: 5 }).map((entries) => {
      const o: Record<string, unknown> = {}
      for (const [k, v] of entries) Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true })
      return o
    }),
  ),
})).tree

/** Nesting `depth` levels deep, built iteratively. */
const nested = (depth: number, asArray: boolean): unknown => {
  let v: unknown = 1
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v }
  return v
}

/** Valid objects of every kind the arbitraries make. */
const validObject: fc.Arbitrary<KubeObject> = fc.oneof(
  Arb.pod(),
  Arb.node(),
  Arb.ReplicaSet.replicaSet(),
  Arb.ReplicaSet.replicationController(),
  Arb.Deployment.deployment(),
)

/** A path into a plain-data value, and a function setting what is there. */
const setAt = (root: unknown, picks: ReadonlyArray<number>, value: unknown): unknown => {
  if (picks.length === 0 || typeof root !== 'object' || root === null) return value
  const [pick, ...rest] = picks as [number, ...Array<number>]
  if (Array.isArray(root)) {
    if (root.length === 0) return [value]
    const i = pick % root.length
    return root.map((x: unknown, j) => (j === i ? setAt(x, rest, value) : x))
  }
  const keys = Object.keys(root)
  if (keys.length === 0) return { x: value }
  const key = keys[pick % keys.length]!
  const out: Record<string, unknown> = {}
  for (const k of keys)
    Object.defineProperty(out, k, {
      value: k === key ? setAt((root as Record<string, unknown>)[k], rest, value) : (root as Record<string, unknown>)[k],
      enumerable: true,
      writable: true,
      configurable: true,
    })
  return out
}

/** A valid object with one field replaced by a hostile value. */
const mutatedObject = fc
  .tuple(validObject, fc.array(fc.nat(), { maxLength: 6 }), hostileTree)
  .map(([o, picks, value]) => setAt(encode(o), picks, value))

/** Everything `decode` is fuzzed with. */
const hostileInput = fc.oneof(
  { weight: 3, arbitrary: mutatedObject },
  { weight: 2, arbitrary: hostileTree },
  { weight: 1, arbitrary: validObject.map((o) => encode(o)) },
  { weight: 1, arbitrary: fc.tuple(fc.nat({ max: 3000 }), fc.boolean()).map(([d, a]) => nested(d, a)) },
  { weight: 1, arbitrary: fc.json({ maxDepth: 4 }).map((s) => JSON.parse(s) as unknown) },
  { weight: 1, arbitrary: fc.constantFrom('{"__proto__":{"polluted":true}}', '{"constructor":{"prototype":{"polluted":true}}}').map((s) => JSON.parse(s) as unknown) },
)

// -------------------------------------------------------------------------------------
// text
// -------------------------------------------------------------------------------------

/** YAML text of a value, every string quoted as YAML 1.1 needs (`'yes'`, `'1:30'`). */
const yamlOf = (v: unknown): string => dump(v, { schema: DUMP_SCHEMA })

/** Pieces that stress a YAML reader when dropped into valid text. */
const yamlPiece = fc.constantFrom(
  '[', ']', '{', '}', ':', ': ', '- ', ',', '&a ', '*a', '<<: *a\n', '---\n', '...\n', '!!binary ', '!!timestamp ', '!!set ', '!foo ',
  '"', "'", '\t', '# c\n', '|\n', '>-\n', '%YAML 1.1\n', '\uFEFF', '? ', '\n  ', 'yes', 'on', '0x1f', '0755', '1:30', '.inf', '~',
  '__proto__: ', 'constructor: ', '\\', '\u0000', '\r\n', '    ',
)

/** A text with `piece` inserted at `at` and `cut` characters removed there. */
const mutateText = (text: string, at: number, piece: string, cut: number): string => {
  const i = text.length === 0 ? 0 : at % (text.length + 1)
  return text.slice(0, i) + piece + text.slice(i + cut)
}

const mutatedYaml = fc
  .tuple(fc.array(validObject, { minLength: 1, maxLength: 3 }), fc.array(fc.tuple(fc.nat(), yamlPiece, fc.nat({ max: 4 })), { maxLength: 4 }))
  .map(([objects, edits]) => edits.reduce((t, [at, piece, cut]) => mutateText(t, at, piece, cut), objects.map((o) => yamlOf(encode(o))).join('---\n')))

/** Structures that once exhausted the parser: deep flow and block nesting, alias fans, many documents, many keys. */
const structuralYaml = fc.oneof(
  fc.nat({ max: 3000 }).map((n) => `a: ${'['.repeat(n)}${']'.repeat(n)}`),
  fc.nat({ max: 3000 }).map((n) => `a: ${'{b: '.repeat(n)}1${'}'.repeat(n)}`),
  fc.nat({ max: 1000 }).map((n) => `a:\n${Array.from({ length: n }, (_, i) => `${' '.repeat(i)}-`).join('\n')} x\n`),
  fc.nat({ max: 2000 }).map((n) => `spec:\n  ${'- '.repeat(n)}x\n`),
  fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 })).map(([fan, levels]) => {
    let t = 'a0: &a0 [x]\n'
    for (let i = 1; i <= levels; i++) t += `a${i}: &a${i} [${Array.from({ length: fan }, () => `*a${i - 1}`).join(', ')}]\n`
    return t
  }),
  fc.nat({ max: 2000 }).map((n) => '---\n'.repeat(n)),
  fc.nat({ max: 3000 }).map((n) => `kind: X\ndata:\n${Array.from({ length: n }, (_, i) => `  k${i}: v\n`).join('')}`),
  fc.nat({ max: 200 }).map((n) => `base: &b {x: 1, y: 2}\n${Array.from({ length: n }, (_, i) => `m${i}: {<<: *b, z: ${i}}\n`).join('')}`),
  fc.nat({ max: 50 }).map((n) => `a: &a [*a]\n${'b: *a\n'.repeat(n)}`),
)

/** JSON text: valid objects and Lists of them, mutated or not. */
const jsonText = fc.oneof(
  validObject.map((o) => JSON.stringify(encode(o))),
  fc.array(validObject, { maxLength: 4 }).map((items) => JSON.stringify({ apiVersion: 'v1', kind: 'List', items: items.map(encode) })),
  fc.tuple(validObject, fc.nat(), yamlPiece, fc.nat({ max: 3 })).map(([o, at, p, cut]) => mutateText(JSON.stringify(encode(o)), at, p, cut)),
  fc.nat({ max: 5000 }).map((n) => `${'['.repeat(n)}${']'.repeat(n)}`),
  fc.json({ maxDepth: 5 }),
)

const hostileText = fc.oneof(
  { weight: 3, arbitrary: mutatedYaml },
  { weight: 2, arbitrary: structuralYaml },
  { weight: 2, arbitrary: jsonText },
  { weight: 1, arbitrary: fc.string({ unit: fc.constantFrom(...'ab:-[]{}&*!|>#\'"\n ,?%@`'.split('')), maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
)

// -------------------------------------------------------------------------------------
// checks
// -------------------------------------------------------------------------------------

/** A decoded object comes back unchanged through `encode`, JSON text and YAML text. */
const expectRoundTrips = (o: KubeObject): void => {
  expect(decode(encode(o))).toEqual(E.right(o))
  expect(decodeManifests(JSON.stringify(encode(o)))).toEqual(E.right([o]))
  expect(decodeManifests(yamlOf(encode(o)))).toEqual(E.right([o]))
}

describe('fuzz: decode', () => {
  it('hostile values: no throw, bounded time, input untouched, no pollution, deterministic, round-trips', () => {
    fc.assert(
      fc.property(hostileInput, (raw) => {
        const input = deepFreeze(raw)
        const before = fingerprint(input)
        const first = withinMs(BOUND_MS, 'decode', () => decode(input))
        expect(fingerprint(input)).toBe(before)
        expectNoPollution()
        expect(decode(input)).toEqual(first)
        if (E.isRight(first)) expectRoundTrips(first.right)
        else expect(first.left.issues.length).toBeGreaterThan(0)
      }),
      fuzzParameters(300),
    )
  }, fuzzTimeoutMs)
})

describe('fuzz: decodeManifests', () => {
  it('hostile JSON and YAML text: no throw, bounded time, no pollution, deterministic, round-trips', () => {
    fc.assert(
      fc.property(hostileText, (text) => {
        const first = withinMs(BOUND_MS, 'decodeManifests', () => decodeManifests(text))
        expectNoPollution()
        expect(decodeManifests(text)).toEqual(first)
        if (E.isRight(first)) for (const o of first.right) expectRoundTrips(o)
        else expect(first.left.message.length).toBeGreaterThan(0)
      }),
      fuzzParameters(300),
    )
  }, fuzzTimeoutMs)

  it('valid objects as YAML and as JSON decode alike', () => {
    fc.assert(
      fc.property(fc.array(validObject, { minLength: 1, maxLength: 4 }), (objects) => {
        const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objects.map(encode) })
        const yaml = objects.map((o) => yamlOf(encode(o))).join('---\n')
        const a = decodeManifests(json)
        expect(E.isRight(a)).toBe(true)
        expect(decodeManifests(yaml)).toEqual(a)
      }),
      // An agreement check, not a hostile target: 10,000 inputs at most in the large runs.
      { ...fuzzParameters(100), numRuns: Math.min(fuzzParameters(100).numRuns, 10_000) },
    )
  }, fuzzTimeoutMs)
})
