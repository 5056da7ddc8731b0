import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import * as H from '../../src/core/hash.js'
import * as I from '../../src/core/intOrString.js'

describe('int-or-string', () => {
  it.each([
    [5, 10, true, 5],
    [50, 10, false, 50],
    ['25%', 10, true, 3],
    ['25%', 10, false, 2],
    ['0%', 10, true, 0],
    ['100%', 7, false, 7],
    ['1%', 1, true, 1],
  ] as const)('%s of %d (roundUp %s) = %d', (v, total, up, expected) => {
    expect(I.scaledValue(v, total, up)).toEqual(E.right(expected))
  })

  it('a string without % is an error', () => {
    expect(E.isLeft(I.scaledValue('50', 10, true))).toBe(true)
    expect(E.isLeft(I.scaledValue('5.5%', 10, true))).toBe(true)
  })

  it('percent rounding: ceil when rounding up, floor when down (property)', () => {
    fc.assert(
      fc.property(fc.nat(100), fc.nat(1000), (p, total) => {
        const up = I.scaledValue(`${p}%`, total, true)
        const down = I.scaledValue(`${p}%`, total, false)
        expect(up).toEqual(E.right(Math.ceil((p * total) / 100)))
        expect(down).toEqual(E.right(Math.floor((p * total) / 100)))
      }),
    )
  })

  it('rounds half away from zero', () => {
    expect([2.5, -2.5, 2.4, -2.6, 0].map(I.roundHalfAwayFromZero)).toEqual([3, -3, 2, -3, 0])
  })
})

describe('template hash', () => {
  const t = { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }
  it('is deterministic, ignores key order and the pod-template-hash label', () => {
    const reordered = { spec: { containers: [{ image: 'nginx', name: 'c' }] }, metadata: { labels: { app: 'web' } } }
    const labelled = { ...t, metadata: { labels: { app: 'web', [H.podTemplateHashLabel]: 'abc' } } }
    expect(H.computeHash(t)).toBe(H.computeHash(reordered))
    expect(H.computeHash(t)).toBe(H.computeHash(labelled))
  })
  it('changes with the template and with the collision count, and uses the safe alphabet', () => {
    const other = { ...t, spec: { containers: [{ name: 'c', image: 'nginx:2' }] } }
    expect(H.computeHash(t)).not.toBe(H.computeHash(other))
    expect(H.computeHash(t, 1)).not.toBe(H.computeHash(t, 2))
    expect(H.computeHash(t)).not.toBe(H.computeHash(t, 2147483647))
    for (const h of [H.computeHash(t), H.computeHash(t, 1), H.computeHash(other)]) expect(h).toMatch(/^[bcdf456789]{1,10}$/)
  })
})
