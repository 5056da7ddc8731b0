/**
 * `api/timezone.ts`: loading zones as Go's `time.LoadLocation` does, offsets and their
 * transitions, local years, and RFC 3339 text in a zone (the CronJob's scheduled-timestamp
 * annotation).
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { Zone } from '../../src/api/timezone.js'
import { formatRFC3339, loadLocation, localYear, nextTransition, offsetAt, utc, wallMs } from '../../src/api/timezone.js'

const zone = (name: string): Zone => {
  const z = loadLocation(name)
  if (E.isLeft(z)) throw new Error(z.left)
  return z.right
}
const at = (iso: string): number => Date.parse(iso)
const hours = (h: number): number => h * 3_600_000

describe('loadLocation', () => {
  it.each(['', 'UTC', 'Local'])('%j is UTC (Local models the controller manager in a container)', (name) => {
    expect(loadLocation(name)).toEqual(E.right(utc))
  })

  it.each(['Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'US/Eastern', 'Etc/UTC', 'Asia/Kathmandu'])('loads %s under its own name', (name) => {
    expect(loadLocation(name)).toEqual(E.right({ name }))
  })

  it.each([
    ['Mars/Olympus', 'unknown time zone Mars/Olympus'],
    ['europe/berlin', 'unknown time zone europe/berlin'],
    ['utc', 'unknown time zone utc'],
    ['Europe/../Paris', 'time: invalid location name'],
    ['/etc/localtime', 'time: invalid location name'],
    ['\\x', 'time: invalid location name'],
  ])('refuses %j: %s', (name, message) => {
    expect(loadLocation(name)).toEqual(E.left(message))
  })
})

describe('offsets and transitions', () => {
  it('reads standard and summer offsets, including half and three-quarter hours', () => {
    expect(offsetAt(zone('Europe/Berlin'), at('2024-01-15T12:00:00Z'))).toBe(hours(1))
    expect(offsetAt(zone('Europe/Berlin'), at('2024-07-15T12:00:00Z'))).toBe(hours(2))
    expect(offsetAt(zone('America/New_York'), at('2024-07-15T12:00:00Z'))).toBe(hours(-4))
    expect(offsetAt(zone('Asia/Kathmandu'), at('2024-07-15T12:00:00Z'))).toBe(hours(5.75))
    expect(offsetAt(zone('Australia/Lord_Howe'), at('2024-07-15T12:00:00Z'))).toBe(hours(10.5))
    expect(offsetAt(zone('Australia/Lord_Howe'), at('2024-12-15T12:00:00Z'))).toBe(hours(11))
    expect(offsetAt(utc, at('2024-07-15T12:00:00Z'))).toBe(0)
  })

  it('finds each transition to the second, and the offset changes exactly there', () => {
    const berlin = zone('Europe/Berlin')
    const spring = nextTransition(berlin, at('2024-01-01T00:00:00Z'))
    expect(spring).toBe(at('2024-03-31T01:00:00Z'))
    expect(nextTransition(berlin, spring!)).toBe(at('2024-10-27T01:00:00Z'))
    expect(nextTransition(berlin, spring! - 1)).toBe(spring)
    expect(offsetAt(berlin, spring! - 1000)).toBe(hours(1))
    expect(offsetAt(berlin, spring!)).toBe(hours(2))
    const howe = nextTransition(zone('Australia/Lord_Howe'), at('2024-06-01T00:00:00Z'))
    expect(howe).toBe(at('2024-10-05T15:30:00Z'))
    expect(nextTransition(utc, 0)).toBeUndefined()
    expect(nextTransition(zone('Asia/Tokyo'), at('2024-01-01T00:00:00Z'))).toBeUndefined()
  })

  it('a transition in the last second of a UTC year belongs to the next year', () => {
    // Pacific/Apia moved across the date line at the end of 2011-12-29 local (2011-12-30T10:00Z)
    const apia = zone('Pacific/Apia')
    const t = nextTransition(apia, at('2011-12-01T00:00:00Z'))
    expect(t).toBe(at('2011-12-30T10:00:00Z'))
    expect(offsetAt(apia, t! - 1000)).toBe(hours(-10))
    expect(offsetAt(apia, t!)).toBe(hours(14))
  })

  it('local years follow the wall clock, and far years still work', () => {
    expect(localYear(zone('Asia/Tokyo'), at('2023-12-31T16:00:00Z'))).toBe(2024)
    expect(localYear(utc, at('2023-12-31T16:00:00Z'))).toBe(2023)
    expect(localYear(zone('America/New_York'), at('2024-01-01T03:00:00Z'))).toBe(2023)
    expect(wallMs(1, 1, 1)).toBe(-62135596800000)
    expect(wallMs(99, 12, 31, 23, 59, 59)).toBe(Date.parse('0099-12-31T23:59:59Z'))
    expect(offsetAt(zone('America/New_York'), wallMs(1, 1, 1))).toBe(-(4 * 3600 + 56 * 60 + 2) * 1000)
  })
})

describe('formatRFC3339 (Go t.In(zone).Format(time.RFC3339))', () => {
  it.each([
    ['2016-05-19T10:00:00Z', 'Europe/Rome', '2016-05-19T12:00:00+02:00'],
    ['2016-05-19T10:00:00Z', 'UTC', '2016-05-19T10:00:00Z'],
    ['2016-01-19T10:00:00Z', 'Europe/London', '2016-01-19T10:00:00Z'],
    ['2016-05-19T10:00:00Z', 'America/New_York', '2016-05-19T06:00:00-04:00'],
    ['2016-05-19T10:00:00Z', 'Asia/Kathmandu', '2016-05-19T15:45:00+05:45'],
    ['2016-05-19T10:00:00Z', 'America/St_Johns', '2016-05-19T07:30:00-02:30'],
    ['2016-05-19T10:00:00.900Z', 'UTC', '2016-05-19T10:00:00Z'],
    ['0001-01-01T00:00:00Z', 'America/New_York', '0000-12-31T19:03:58-04:56'],
  ])('%s in %s is %s', (instant, name, text) => {
    expect(formatRFC3339(at(instant), zone(name))).toBe(text)
  })
})
