import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { jsonEqual } from '../../src/core/equal.js'
import { canonicalJson } from '../../src/core/hash.js'

describe('jsonEqual', () => {
  it.each([
    [{ a: 1, b: [1, { c: 'x' }] }, { b: [1, { c: 'x' }], a: 1 }, true],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [[1, 2], [2, 1], false],
    [[], {}, false],
    [null, {}, false],
    ['1', 1, false],
  ])('%j vs %j', (a, b, expected) => {
    expect(jsonEqual(a, b)).toBe(expected)
  })

  it('agrees with comparing canonical JSON (property)', () => {
    const json = fc.jsonValue({ maxDepth: 3 })
    fc.assert(
      fc.property(json, json, (a, b) => {
        expect(jsonEqual(a, b)).toBe(canonicalJson(a) === canonicalJson(b))
        expect(jsonEqual(a, JSON.parse(JSON.stringify(a)))).toBe(true)
      }),
      { numRuns: 300 },
    )
  })
})
