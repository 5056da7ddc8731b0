import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decode, decodeManifests, encode } from '../../src/api/decode.js'
import { sanitize } from '../../src/api/sanitize.js'
import { deepFreeze, manifests } from './util.js'

const anything = fc.anything({
  withBigInt: true,
  withBoxedValues: true,
  withDate: true,
  withMap: true,
  withSet: true,
  withNullPrototype: true,
  withObjectString: true,
  withSparseArray: true,
  withTypedArray: true,
  withUnicodeString: true,
})

const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype'])
const hasForbiddenKey = (v: unknown): boolean =>
  typeof v === 'object' && v !== null && Object.entries(v).some(([k, x]) => FORBIDDEN.has(k) || hasForbiddenKey(x))

describe('properties', () => {
  it('decode and sanitize never throw, whatever the input, and never mutate it', () => {
    fc.assert(
      fc.property(anything, (input) => {
        const frozen = typeof input === 'object' && input !== null && !ArrayBuffer.isView(input) ? deepFreeze(input) : input
        expect(['Left', 'Right']).toContain(sanitize(frozen)._tag)
        expect(decode(frozen)._tag).toBe('Left')
      }),
      { numRuns: 300 },
    )
  })

  it('sanitize returns an equal copy of any JSON value', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 6 }), (json) => {
        fc.pre(!hasForbiddenKey(json))
        const out = sanitize(json)
        expect(E.isRight(out) && out.right).toEqual(JSON.parse(JSON.stringify(json)))
      }),
      { numRuns: 300 },
    )
  })

  it('decodeManifests never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(['Left', 'Right']).toContain(decodeManifests(text)._tag)
      }),
      { numRuns: 300 },
    )
  })

  it('unknown fields of any JSON shape survive decode and encode', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string().filter((k) => !FORBIDDEN.has(k)), fc.jsonValue({ maxDepth: 3 })), (extra) => {
        fc.pre(!hasForbiddenKey(extra))
        const spec = manifests.deployment()['spec'] as Record<string, unknown>
        const input = { ...manifests.deployment(), spec: { ...spec, extra } }
        const out = decode(input)
        expect(E.isRight(out) && (encode(out.right) as { spec: { extra: unknown } }).spec.extra).toEqual(
          JSON.parse(JSON.stringify(extra, (_k, v: unknown) => (v === null ? undefined : v))),
        )
      }),
      { numRuns: 200 },
    )
  })
})
