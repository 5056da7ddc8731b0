/**
 * `api/cron.ts`: robfig/cron v3 `ParseStandard` on top of cron-parser. Each difference between the
 * two libraries has its own tests (grammar, descriptors, `@every`, `?`, day-of-month/day-of-week,
 * names, ranges and steps, Sunday as 7, DST in IANA zones, impossible schedules, the five-year
 * horizon), with robfig's own test vectors; properties check `next` against a brute-force
 * minute-by-minute reference in every zone and, where the libraries agree, against cron-parser.
 */
import { CronExpressionParser } from 'cron-parser'
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { isTick, next, parseGoDuration, parseStandard } from '../../src/api/cron.js'
import type { Schedule, SpecSchedule } from '../../src/api/cron.js'
import { CronJob as Arb } from '../../src/arbitraries/index.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 60)

const parse = (text: string): Schedule => {
  const s = parseStandard(text)
  if (E.isLeft(s)) throw new Error(`${text}: ${s.left}`)
  return s.right
}
const error = (text: string): string => {
  const s = parseStandard(text)
  if (E.isRight(s)) throw new Error(`${text} parsed`)
  return s.left
}
const at = (iso: string): number => Date.parse(iso)
const iso = (ms: number | undefined): string | undefined => (ms === undefined ? undefined : new Date(ms).toISOString())

describe('grammar (robfig ParseStandard)', () => {
  it.each([
    '* * * * *',
    '? ? ? ? ?',
    '*/15 9-17 * * 1-5',
    '0 0 1 JAN,jul MON-FRI',
    '0 0 1 jan-Mar sun',
    '5/15 * * * *',
    '+5 * * * *',
    '05 * * * *',
    '1,,2 * * * *',
    '*-5 * * * *',
    '*-5-7/2 * * * *',
    '0 0 , * 1',
    '*/99999 * * * *',
    '  0 * * * *',
    '0\t*\t*\t*\t*',
    'TZ=Europe/Berlin 0 6 * * *',
    'CRON_TZ=UTC @daily',
    'TZ= 0 * * * *',
    'TZ=UTC   0 * * * *',
    '@yearly',
    '@annually',
    '@monthly',
    '@weekly',
    '@daily',
    '@midnight',
    '@hourly',
    '@every 1h30m',
    '@every -5m',
    '@every 0',
    '@every 1.5s',
    '@every 500ms',
    '@every .5h',
    '@every 1µs',
  ])('accepts %j', (text) => {
    expect(E.isRight(parseStandard(text))).toBe(true)
  })

  it.each([
    ['', 'empty spec string'],
    ['* * * *', 'must have 5 fields (minute hour day-of-month month day-of-week) or be a descriptor such as @hourly, got 4'],
    ['0 0 0 * * *', 'must have 5 fields (minute hour day-of-month month day-of-week) or be a descriptor such as @hourly, got 6'],
    ['   ', 'must have 5 fields (minute hour day-of-month month day-of-week) or be a descriptor such as @hourly, got 0'],
    ['61 * * * *', 'minute "61" is out of range 0-59'],
    ['* 24 * * *', 'hour "24" is out of range 0-23'],
    ['0 0 0 * *', 'day of month "0" is out of range 1-31'],
    ['0 0 32 * *', 'day of month "32" is out of range 1-31'],
    ['0 0 * 13 *', 'month "13" is out of range 1-12'],
    ['0 0 * * 7', 'day of week "7" is out of range 0-6'],
    ['0 0 * * 5-7', 'day of week "5-7" is out of range 0-6'],
    ['5-1 * * * *', 'minute "5-1": the range starts (5) after it ends (1)'],
    ['*/0 * * * *', 'step in minute "*/0" must be positive'],
    ['1-2-3 * * * *', 'invalid minute "1-2-3": too many hyphens'],
    ['1/2/3 * * * *', 'invalid minute "1/2/3": too many slashes'],
    ['x * * * *', 'invalid minute "x": failed to parse int from x'],
    ['jan * * * *', 'invalid minute "jan": failed to parse int from jan'],
    ['0 0 * sun *', 'invalid month "sun": failed to parse int from sun'],
    ['0 0 * january *', 'invalid month "january": failed to parse int from january'],
    ['0 0 L * *', 'invalid day of month "L": failed to parse int from L'],
    ['0 0 * * 1#1', 'invalid day of week "1#1": failed to parse int from 1#1'],
    ['0 0 * * 5L', 'invalid day of week "5L": failed to parse int from 5L'],
    ['H * * * *', 'invalid minute "H": failed to parse int from H'],
    ['-1 * * * *', 'invalid minute "-1": failed to parse int from '],
    ['*/-5 * * * *', 'invalid minute "*/-5": negative number (-5) not allowed: -5'],
    ['5--3 * * * *', 'invalid minute "5--3": too many hyphens'],
    ['99999999999999999999 * * * *', 'invalid minute "99999999999999999999": failed to parse int from 99999999999999999999: value out of range'],
    ['@HOURLY', 'unrecognized descriptor "@HOURLY"'],
    ['@minutely', 'unrecognized descriptor "@minutely"'],
    ['@weekdays', 'unrecognized descriptor "@weekdays"'],
    ['@hourly ', 'unrecognized descriptor "@hourly "'],
    ['@every', 'unrecognized descriptor "@every"'],
    [' @hourly', 'must have 5 fields (minute hour day-of-month month day-of-week) or be a descriptor such as @hourly, got 1'],
    ['@every forever', 'failed to parse duration @every forever: time: invalid duration "forever"'],
    ['@every 5', 'failed to parse duration @every 5: time: missing unit in duration "5"'],
    ['@every 5d', 'failed to parse duration @every 5d: time: unknown unit "d" in duration "5d"'],
    ['@every  5m', 'failed to parse duration @every  5m: time: invalid duration " 5m"'],
    ['@every 3000000h', 'failed to parse duration @every 3000000h: time: invalid duration "3000000h"'],
    ['TZ=Mars/Olympus 0 * * * *', 'provided bad location Mars/Olympus: unknown time zone Mars/Olympus'],
    ['CRON_TZ=europe/berlin 0 * * * *', 'provided bad location europe/berlin: unknown time zone europe/berlin'],
    ['TZ=UTC', 'a TZ= or CRON_TZ= prefix must be followed by a space and the schedule, got "TZ=UTC"'],
  ])('rejects %j: %s', (text, message) => {
    expect(error(text)).toBe(message)
  })

  it('reads fields as robfig does: values, star flags, names, N/step, empty items, *-x', () => {
    const s = parse('5/20 */6 1,15,, jan-MAR mon-wed/2') as SpecSchedule
    expect(s.minute).toEqual({ values: [5, 25, 45], star: false })
    expect(s.hour).toEqual({ values: [0, 6, 12, 18], star: false })
    expect(s.dayOfMonth).toEqual({ values: [1, 15], star: false })
    expect(s.month).toEqual({ values: [1, 2, 3], star: false })
    expect(s.dayOfWeek).toEqual({ values: [1, 3], star: false })
    const star = parse('*-5 */1 ?,5 * ?/1') as SpecSchedule
    expect(star.minute.star && star.minute.values.length === 60).toBe(true)
    expect([star.hour.star, star.dayOfMonth.star, star.dayOfWeek.star]).toEqual([true, true, true])
    const stepped = parse('* */2 * * *') as SpecSchedule
    expect(stepped.hour.star).toBe(false)
    expect((parse('0 0 , * *') as SpecSchedule).dayOfMonth).toEqual({ values: [], star: false })
  })

  it('descriptors stand for their five-field forms', () => {
    const pairs: ReadonlyArray<readonly [string, string]> = [
      ['@yearly', '0 0 1 1 *'],
      ['@annually', '0 0 1 1 *'],
      ['@monthly', '0 0 1 * *'],
      ['@weekly', '0 0 * * 0'],
      ['@daily', '0 0 * * *'],
      ['@midnight', '0 0 * * *'],
      ['@hourly', '0 * * * *'],
    ]
    for (const [d, f] of pairs) {
      for (const t of [at('2012-07-09T23:35:00Z'), at('2016-02-28T12:00:00Z'), at('2024-12-31T23:59:59Z')]) {
        expect(iso(next(parse(d), t)), `${d} after ${iso(t)}`).toBe(iso(next(parse(f), t)))
      }
    }
  })
})

describe('parseGoDuration (time.ParseDuration)', () => {
  it.each([
    ['0', 0n],
    ['-0', 0n],
    ['1h30m', 5_400_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['.5s', 500_000_000n],
    ['5.s', 5_000_000_000n],
    ['1h0.5s', 3_600_500_000_000n],
    ['-5m', -300_000_000_000n],
    ['+2us', 2_000n],
    ['3μs', 3_000n],
    ['7ns', 7n],
    ['9223372036854775807ns', 9_223_372_036_854_775_807n],
  ])('%s is %d ns', (text, ns) => {
    expect(parseGoDuration(text)).toEqual(E.right(ns))
  })

  it.each([
    ['', 'time: invalid duration ""'],
    ['-', 'time: invalid duration "-"'],
    ['.s', 'time: invalid duration ".s"'],
    ['1', 'time: missing unit in duration "1"'],
    ['1x', 'time: unknown unit "x" in duration "1x"'],
    ['9223372036854775808ns', 'time: invalid duration "9223372036854775808ns"'],
  ])('%j is invalid', (text, message) => {
    expect(parseGoDuration(text)).toEqual(E.left(message))
  })
})

describe('next (robfig Next)', () => {
  it.each([
    // robfig's TestNext, five-field forms
    ['2012-07-09T14:45:00Z', '0/15 * * * *', '2012-07-09T15:00:00.000Z'],
    ['2012-07-09T14:59:00Z', '0/15 * * * *', '2012-07-09T15:00:00.000Z'],
    ['2012-07-09T14:59:59Z', '0/15 * * * *', '2012-07-09T15:00:00.000Z'],
    ['2012-07-09T15:45:00Z', '20-35/15 * * * *', '2012-07-09T16:20:00.000Z'],
    ['2012-07-09T23:46:00Z', '*/15 * * * *', '2012-07-10T00:00:00.000Z'],
    ['2012-07-09T23:45:00Z', '20-35/15 * * * *', '2012-07-10T00:20:00.000Z'],
    ['2012-07-09T23:35:00Z', '0 0 9 Apr-Oct ?', '2012-08-09T00:00:00.000Z'],
    ['2012-07-09T23:35:00Z', '0 0 */5 Apr,Aug,Oct Mon', '2012-08-01T00:00:00.000Z'],
    ['2012-07-09T23:35:00Z', '0 0 */5 Oct Mon', '2012-10-01T00:00:00.000Z'],
    ['2012-07-09T23:35:00Z', '0 0 * Feb Mon', '2013-02-04T00:00:00.000Z'],
    ['2012-07-09T23:35:00Z', '0 0 * Feb Mon/2', '2013-02-01T00:00:00.000Z'],
    ['2012-12-31T23:59:45Z', '* * * * *', '2013-01-01T00:00:00.000Z'],
    ['2012-07-09T23:35:00Z', '0 0 29 Feb ?', '2016-02-29T00:00:00.000Z'],
    // strictly after; sub-second times move to the next whole second first
    ['2012-07-09T15:00:00Z', '0/15 * * * *', '2012-07-09T15:15:00.000Z'],
    ['2012-07-09T14:59:59.999Z', '0/15 * * * *', '2012-07-09T15:00:00.000Z'],
    // daylight saving time in America/New_York (robfig's TZ= vectors)
    ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 30 2 11 Mar ?', '2013-03-11T06:30:00.000Z'],
    ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 * * * ?', '2012-03-11T06:00:00.000Z'],
    ['2012-03-11T01:00:00-05:00', 'TZ=America/New_York 0 * * * ?', '2012-03-11T07:00:00.000Z'],
    ['2012-03-11T03:00:00-04:00', 'CRON_TZ=America/New_York 0 * * * ?', '2012-03-11T08:00:00.000Z'],
    ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 1 * * ?', '2012-03-11T06:00:00.000Z'],
    ['2012-03-11T01:00:00-05:00', 'TZ=America/New_York 0 1 * * ?', '2012-03-12T05:00:00.000Z'],
    ['2012-03-11T00:00:00-05:00', 'TZ=America/New_York 0 2 * * ?', '2012-03-12T06:00:00.000Z'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 30 2 04 Nov ?', '2012-11-04T07:30:00.000Z'],
    ['2012-11-04T01:45:00-04:00', 'TZ=America/New_York 30 1 04 Nov ?', '2012-11-04T06:30:00.000Z'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 * * * ?', '2012-11-04T05:00:00.000Z'],
    ['2012-11-04T01:00:00-04:00', 'TZ=America/New_York 0 * * * ?', '2012-11-04T06:00:00.000Z'],
    ['2012-11-04T01:00:00-05:00', 'TZ=America/New_York 0 * * * ?', '2012-11-04T07:00:00.000Z'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 1 * * ?', '2012-11-04T05:00:00.000Z'],
    ['2012-11-04T01:00:00-04:00', 'TZ=America/New_York 0 1 * * ?', '2012-11-04T06:00:00.000Z'],
    ['2012-11-04T01:00:00-05:00', 'TZ=America/New_York 0 1 * * ?', '2012-11-05T06:00:00.000Z'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 2 * * ?', '2012-11-04T07:00:00.000Z'],
    ['2012-11-04T02:00:00-05:00', 'TZ=America/New_York 0 2 * * ?', '2012-11-05T07:00:00.000Z'],
    ['2012-11-04T00:00:00-04:00', 'TZ=America/New_York 0 3 * * ?', '2012-11-04T08:00:00.000Z'],
    ['2012-11-04T03:00:00-05:00', 'TZ=America/New_York 0 3 * * ?', '2012-11-05T08:00:00.000Z'],
    // half-hour DST (Lord Howe: +10:30 → +11 on 2024-10-06 at 02:00 local): 02:15 does not exist
    ['2024-10-05T12:00:00Z', 'TZ=Australia/Lord_Howe 15 2 * * *', '2024-10-06T15:15:00.000Z'],
    // a descriptor in a zone
    ['2024-03-30T12:00:00Z', 'TZ=Europe/Berlin @daily', '2024-03-30T23:00:00.000Z'],
    ['2024-03-31T12:00:00Z', 'TZ=Europe/Berlin @daily', '2024-03-31T22:00:00.000Z'],
  ])('after %s, %j fires at %s', (from, text, expected) => {
    expect(iso(next(parse(text), at(from)))).toBe(expected)
  })

  it.each([
    ['2012-07-09T23:35:00Z', '0 0 30 Feb ?'],
    ['2012-07-09T23:35:00Z', '0 0 31 Apr ?'],
    ['2016-05-19T10:00:00Z', '59 23 31 2 *'],
    ['2016-05-19T10:00:00Z', '0 0 30,31 2 *'],
    ['2016-05-19T10:00:00Z', '0 0 , * *'],
    ['2016-05-19T10:00:00Z', '0 0 * * ,'],
    ['2016-05-19T10:00:00Z', ', * * * *'],
  ])('after %s, %j never fires (robfig zero time; cron-parser refuses or has no such field)', (from, text) => {
    expect(next(parse(text), at(from))).toBeUndefined()
  })

  it('searches to the end of the fifth local year, no further', () => {
    const feb29 = parse('0 0 29 2 *')
    expect(iso(next(feb29, at('2095-03-01T00:00:00Z')))).toBe('2096-02-29T00:00:00.000Z')
    expect(iso(next(feb29, at('2099-03-01T00:00:00Z')))).toBe('2104-02-29T00:00:00.000Z')
    expect(next(feb29, at('2097-03-01T00:00:00Z'))).toBeUndefined()
    // the limit is the local year: in Tokyo, 2098-12-31T20:00Z is already 2099
    expect(iso(next(parse('TZ=Asia/Tokyo 0 0 29 2 *'), at('2098-12-31T16:00:00Z')))).toBe('2104-02-28T15:00:00.000Z')
    expect(next(parse('0 0 29 2 *'), at('2098-12-31T16:00:00Z'))).toBeUndefined()
  })

  it('day of month and day of week: OR when both are restricted, AND when either is a star (robfig TestActivation)', () => {
    const cases: ReadonlyArray<readonly [string, string, boolean]> = [
      ['2012-07-15T00:00:00Z', '* * 1,15 * Sun', true],
      ['2012-06-15T00:00:00Z', '* * 1,15 * Sun', true],
      ['2012-08-01T00:00:00Z', '* * 1,15 * Sun', true],
      ['2012-07-15T00:00:00Z', '* * */10 * Sun', true],
      ['2012-07-15T00:00:00Z', '* * * * Mon', false],
      ['2012-07-09T00:00:00Z', '* * 1,15 * *', false],
      ['2012-07-15T00:00:00Z', '* * 1,15 * *', true],
      ['2012-07-15T00:00:00Z', '* * */2 * Sun', true],
      // a star with step 1, or a star in a list, still makes it AND (cron-parser would OR these)
      ['2012-07-16T00:00:00Z', '* * */1 * Sun', false],
      ['2012-07-16T00:00:00Z', '* * ?,5 * Sun', false],
      ['2012-07-15T00:00:00Z', '* * */1 * Sun', true],
      // `?` is a star
      ['2012-07-16T00:00:00Z', '* * ? * Sun', false],
      // a full range written out is not a star: OR, so every day
      ['2012-07-16T00:00:00Z', '* * 1-31 * Sun', true],
      // an empty day field leaves the other one alone under OR, nothing under AND
      ['2012-07-16T00:00:00Z', '0 0 , * 1', true],
      ['2012-07-17T00:00:00Z', '0 0 , * 1', false],
      ['2012-07-09T15:00:00Z', '@hourly', true],
      ['2012-07-09T15:04:00Z', '@hourly', false],
      ['2012-07-09T00:00:00Z', '@daily', true],
      ['2012-07-09T00:00:00Z', '@weekly', false],
      ['2012-07-08T00:00:00Z', '@weekly', true],
      ['2012-07-01T00:00:00Z', '@monthly', true],
      ['2012-07-09T15:20:00Z', '5/15 * * * *', true],
      ['2012-07-09T15:40:00Z', '0/15 * * * *', false],
    ]
    for (const [t, text, expected] of cases) expect(isTick(parse(text), at(t)), `${text} at ${t}`).toBe(expected)
  })

  it('isTick is false between seconds, and true at any whole second for @every', () => {
    expect(isTick(parse('* * * * *'), at('2012-07-09T15:00:00.500Z'))).toBe(false)
    expect(isTick(parse('@every 7m'), at('2012-07-09T15:00:01Z'))).toBe(true)
    expect(isTick(parse('@every 7m'), at('2012-07-09T15:00:01.5Z'))).toBe(false)
  })

  it('@every: the delay after the time asked, its sub-second part dropped, at least one second', () => {
    const from = at('2012-07-09T15:00:00.750Z')
    const after = (d: string): string | undefined => iso(next(parse(`@every ${d}`), from))
    expect(after('1h30m')).toBe('2012-07-09T16:30:00.000Z')
    expect(after('90s')).toBe('2012-07-09T15:01:30.000Z')
    expect(after('1.5h')).toBe('2012-07-09T16:30:00.000Z')
    expect(after('1m0.999s')).toBe('2012-07-09T15:01:00.000Z')
    expect(after('500ms')).toBe('2012-07-09T15:00:01.000Z')
    expect(after('-5m')).toBe('2012-07-09T15:00:01.000Z')
    expect(after('0')).toBe('2012-07-09T15:00:01.000Z')
    expect(iso(next(parse('TZ=Europe/Berlin @every 1h'), from))).toBe('2012-07-09T16:00:00.000Z')
  })

  it('memoises without changing answers: any order of questions gives the same times', () => {
    const texts = ['TZ=Europe/Berlin 30 1,2 * * *', '*/7 * * * *', 'TZ=America/Santiago 0 0 * * *']
    const times = [at('2024-10-27T00:10:00Z'), at('2024-03-31T00:30:00Z'), at('2024-09-07T03:30:00Z'), at('2024-04-06T02:00:00Z')]
    const fresh = (text: string, t: number): number | undefined => {
      const s = parse(text) as SpecSchedule
      s.memo.clear()
      return next(s, t)
    }
    const expected = texts.flatMap((x) => times.map((t) => fresh(x, t)))
    const shuffled = texts.flatMap((x) => [...times].reverse().map((t) => next(parse(x), t))).reverse()
    expect(new Set(shuffled)).toEqual(new Set(expected))
    expect(texts.flatMap((x) => times.map((t) => next(parse(x), t)))).toEqual(expected)
    expect(parseStandard('*/7 * * * *')).toBe(parseStandard('*/7 * * * *'))
  })
})

// -------------------------------------------------------------------------------------
// properties
// -------------------------------------------------------------------------------------

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']
const fieldFormats = new Map<string, Intl.DateTimeFormat>()
/** Wall-clock fields of `ms` in `zone`, read straight from Intl (independent of `api/timezone.ts`). */
const wall = (zone: string, ms: number): { month: number; day: number; hour: number; minute: number; weekday: number } => {
  let f = fieldFormats.get(zone)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', { timeZone: zone, hourCycle: 'h23', weekday: 'short', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric' })
    fieldFormats.set(zone, f)
  }
  const p: Record<string, string> = {}
  for (const part of f.formatToParts(new Date(ms))) p[part.type] = part.value
  return { month: Number(p['month']), day: Number(p['day']), hour: Number(p['hour']), minute: Number(p['minute']), weekday: WEEKDAYS.indexOf(p['weekday'] ?? '') }
}

/** The first whole minute after `t` (within `minutes`) whose wall clock in `zone` matches `s`, by brute force. */
const reference = (s: SpecSchedule, zone: string, t: number, minutes: number): number | undefined => {
  const has = (f: { readonly values: ReadonlyArray<number> }, v: number): boolean => f.values.includes(v)
  for (let m = Math.floor(t / 60_000) * 60_000 + 60_000, i = 0; i < minutes; m += 60_000, i++) {
    const w = wall(zone, m)
    if (!has(s.minute, w.minute) || !has(s.hour, w.hour) || !has(s.month, w.month)) continue
    const dom = has(s.dayOfMonth, w.day)
    const dow = has(s.dayOfWeek, w.weekday)
    if (s.dayOfMonth.star || s.dayOfWeek.star ? dom && dow : dom || dow) return m
  }
  return undefined
}

const zones = [...Arb.dstZones, ...Arb.fixedZones]
const horizonMinutes = 3 * 24 * 60

describe('next against a brute-force reference (wall-clock fields, minute by minute)', () => {
  it('agrees in every zone, around DST transitions and elsewhere', () => {
    const instant = fc.constantFrom(...zones).chain((zone) =>
      fc.tuple(fc.constant(zone), fc.oneof(Arb.nearTransition(zone, 30), Arb.nearTransition(zone, 30, new Date(Date.UTC(2025, 2, 1))), fc.integer({ min: 0, max: 86400 * 700 }).map((s) => new Date(Date.UTC(2024, 0, 1) + s * 1000)))),
    )
    fc.assert(
      fc.property(fc.oneof({ weight: 4, arbitrary: Arb.standardSchedule() }, { weight: 1, arbitrary: fc.constantFrom(...Arb.descriptors) }), instant, fc.integer({ min: 0, max: 59_999 }), (text, [zone, when], ms) => {
        const s = parse(`TZ=${zone} ${text}`) as SpecSchedule
        const t = when.getTime() + ms
        const ours = next(s, t)
        const ref = reference(s, zone, t, horizonMinutes)
        if (ref !== undefined) expect(iso(ours), `${text} in ${zone} after ${iso(t)}`).toBe(iso(ref))
        else expect(ours === undefined || ours > t + horizonMinutes * 60_000, `${text} in ${zone} after ${iso(t)}: ${iso(ours)}`).toBe(true)
      }),
      { numRuns: runs },
    )
  })

  it('the time found is a tick, after the time asked, and nothing between is one (dense schedules)', () => {
    fc.assert(
      fc.property(Arb.frequentSchedule(), fc.constantFrom(...zones), fc.integer({ min: 0, max: 86400 * 400 }), ({ schedule }, zone, s) => {
        const sched = parse(`TZ=${zone} ${schedule}`)
        const t = Date.UTC(2024, 0, 1) + s * 1000
        const n = next(sched, t)
        expect(n).toBeDefined()
        expect(n! > t && isTick(sched, n!)).toBe(true)
        if (sched._tag === 'Spec') for (let m = Math.floor(t / 60_000) * 60_000 + 60_000; m < n!; m += 60_000) expect(isTick(sched, m)).toBe(false)
      }),
      { numRuns: runs },
    )
  })
})

describe('next against cron-parser where the libraries agree', () => {
  /** A day field with no star item (robfig and cron-parser then both OR or both AND). */
  const dayField = (min: number, max: number): fc.Arbitrary<string> =>
    fc.oneof(
      fc.constant('*'),
      fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(',')),
      fc.tuple(fc.integer({ min, max }), fc.integer({ min, max })).map(([a, b]) => `${Math.min(a, b)}-${Math.max(a, b)}`),
    )
  const numeric = (min: number, max: number): fc.Arbitrary<string> =>
    fc.oneof(
      fc.constant('*'),
      fc.integer({ min: 1, max: Math.ceil((max - min + 1) / 2) }).map((s) => `*/${s}`),
      fc.uniqueArray(fc.integer({ min, max }), { minLength: 1, maxLength: 3 }).map((xs) => xs.join(',')),
    )

  it('in UTC, on schedules without the grammar cron-parser reads differently', () => {
    fc.assert(
      fc.property(
        fc.tuple(numeric(0, 59), numeric(0, 23), dayField(1, 31), numeric(1, 12), dayField(0, 6)).map((fs) => fs.join(' ')),
        fc.integer({ min: 0, max: 86400 * 700 }),
        (text, s) => {
          const t = Date.UTC(2024, 0, 1) + s * 1000
          let theirs: number | undefined
          try {
            theirs = CronExpressionParser.parse(text, { tz: 'UTC', currentDate: new Date(t), endDate: new Date(Date.UTC(2029, 11, 31, 23, 59, 59)) })
              .next()
              .getTime()
          } catch {
            theirs = undefined
          }
          expect(iso(next(parse(text), t)), text).toBe(iso(theirs))
        },
      ),
      { numRuns: runs },
    )
  })

  it('and the differences are real: cron-parser takes what robfig refuses and ORs what robfig ANDs', () => {
    expect(() => CronExpressionParser.parse('0 0 * * 7')).not.toThrow()
    expect(E.isLeft(parseStandard('0 0 * * 7'))).toBe(true)
    expect(() => CronExpressionParser.parse('@weekdays')).not.toThrow()
    expect(() => CronExpressionParser.parse('0 0 1,1 * *')).toThrow()
    expect(E.isRight(parseStandard('0 0 1,1 * *'))).toBe(true)
    expect(E.isLeft(parseStandard('@weekdays'))).toBe(true)
    const t = at('2012-07-15T12:00:00Z')
    const cp = CronExpressionParser.parse('0 0 */1 * 1', { tz: 'UTC', currentDate: new Date(t) }).next().getTime()
    expect(iso(cp)).toBe('2012-07-16T00:00:00.000Z')
    expect(iso(next(parse('0 0 */1 * 1'), at('2012-07-16T12:00:00Z')))).toBe('2012-07-23T00:00:00.000Z')
    const berlin = CronExpressionParser.parse('30 2 * * *', { tz: 'Europe/Berlin', currentDate: new Date(at('2024-03-30T12:00:00Z')) }).next().getTime()
    expect(iso(berlin)).toBe('2024-03-31T01:30:00.000Z')
    expect(iso(next(parse('TZ=Europe/Berlin 30 2 * * *'), at('2024-03-30T12:00:00Z')))).toBe('2024-04-01T00:30:00.000Z')
    expect(iso(next(parse('TZ=Europe/Berlin 30 2 * * *'), at('2024-10-27T00:30:00Z')))).toBe('2024-10-27T01:30:00.000Z')
  })
})
