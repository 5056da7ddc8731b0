/**
 * Time helpers: RFC 3339 text to milliseconds in every form Go's parser accepts, the Kubernetes
 * whole-second UTC form back, and the arbitraries that write those forms.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isRfc3339 } from '../../src/api/validate.js'
import { anyTimestamp, preciseInstantMs, timestampText } from '../../src/arbitraries/meta.js'
import * as T from '../../src/core/time.js'

describe('parse', () => {
  it.each([
    ['2024-01-01T00:00:00Z', Date.UTC(2024, 0, 1)],
    ['2024-01-01T00:00:00.5Z', Date.UTC(2024, 0, 1) + 500],
    ['2024-01-01T00:00:00.123456789Z', Date.UTC(2024, 0, 1) + 123],
    ['2024-01-01T01:00:00+01:00', Date.UTC(2024, 0, 1)],
    ['2023-12-31T18:30:00.250-05:30', Date.UTC(2024, 0, 1) + 250],
    ['2024-01-01T00:00:00+00:00', Date.UTC(2024, 0, 1)],
  ])('%s', (s, ms) => {
    expect(T.parse(s)).toBe(ms)
  })
  it.each([[undefined], [''], ['yesterday'], ['2024-13-01T00:00:00Z']])('%s is no time', (s) => {
    expect(T.parse(s)).toBeUndefined()
  })
})

describe('format', () => {
  it('writes whole seconds in UTC, flooring milliseconds', () => {
    expect(T.format(Date.UTC(2024, 0, 1) + 999)).toBe('2024-01-01T00:00:00Z')
    expect(T.format(Date.UTC(2024, 0, 1) - 1)).toBe('2023-12-31T23:59:59Z')
    expect(T.formatDate(new Date(Date.UTC(2024, 5, 1, 12)))).toBe('2024-06-01T12:00:00Z')
  })
  it('sorts as time does, so whole-second UTC texts compare as strings (property)', () => {
    fc.assert(
      fc.property(preciseInstantMs(), preciseInstantMs(), (a, b) => {
        expect(T.format(a) <= T.format(b)).toBe(Math.floor(a / 1000) <= Math.floor(b / 1000))
      }),
      { numRuns: 200 },
    )
  })
})

describe('timestampText and anyTimestamp', () => {
  it('write the instant they are given, in a form the decoder accepts (property)', () => {
    fc.assert(
      fc.property(
        preciseInstantMs().chain((ms) => timestampText(ms).map((text) => [ms, text] as const)),
        ([ms, text]) => {
          expect(isRfc3339(text), text).toBe(true)
          expect(T.parse(text)).toBe(ms)
        },
      ),
      { numRuns: 300 },
    )
  })
  it('reach fractional seconds, offsets of both signs and the Kubernetes form', () => {
    const texts = fc.sample(anyTimestamp(), { numRuns: 300, seed: 3 })
    const whole = fc.sample(timestampText(Date.UTC(2024, 0, 1)), { numRuns: 100, seed: 3 })
    expect(texts.some((t) => /\.\d+/.test(t))).toBe(true)
    expect(texts.some((t) => /\+\d\d:\d\d$/.test(t))).toBe(true)
    expect(texts.some((t) => /-\d\d:\d\d$/.test(t))).toBe(true)
    expect(texts.some((t) => /:30$/.test(t))).toBe(true)
    expect(whole).toContain('2024-01-01T00:00:00Z')
    expect(texts.every((t) => isRfc3339(t))).toBe(true)
  })
})
