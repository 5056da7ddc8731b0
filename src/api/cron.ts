/**
 * CronJob schedules as kube-controller-manager reads them: robfig/cron v3's `ParseStandard`
 * grammar and `Next`, built on `cron-parser`. Every way the two libraries differ is handled here,
 * and nowhere else:
 *
 * - **Grammar** (robfig's, checked here before cron-parser sees anything): exactly five fields;
 *   `*` and `?` in any field; lists, ranges `a-b`, steps `*\/n`, `a-b/n` and `a/n` (= `a-max/n`);
 *   case-insensitive three-letter month and weekday names; day of week `0-6` (robfig rejects
 *   Sunday as `7`, which cron-parser takes); no `L`, `#`, `H` or seconds field (cron-parser
 *   extensions); empty list items are skipped (`1,,2`); a `*` or `?` range ignores what follows
 *   its hyphen (`*-5` is `*`); a value may repeat (`1,1`, refused by cron-parser); numbers may
 *   carry a `+` sign and leading zeros.
 * - **Descriptors**: `@yearly` / `@annually`, `@monthly`, `@weekly`, `@daily` / `@midnight`,
 *   `@hourly`, exactly as written (robfig compares case-sensitively and has no `@minutely`,
 *   `@weekdays`, …), and `@every <Go duration>`: every `d` (sub-second part dropped, at least
 *   1 s) after the time it is asked from, which cron-parser has no notion of.
 * - **Day of month and day of week**: robfig ANDs them when either was written with `*` or `?`
 *   (step 1), and ORs them otherwise; cron-parser ANDs only for a field that is exactly `*`
 *   (`*\/1` or `*,5` are ORed there). Each field is handed to cron-parser as the `*` or the
 *   explicit list that gives robfig's rule, and a field left with no value (`,`) as the other
 *   field alone or as a schedule that never fires. A day of month no month has (`59 23 31 2 *`)
 *   never fires, where cron-parser refuses the expression.
 * - **Time zones**: a `TZ=<zone>` or `CRON_TZ=<zone>` prefix sets the zone (the controller adds
 *   `TZ=<spec.timeZone>`); none is the controller manager's zone, modelled as UTC. robfig
 *   matches wall-clock fields instant by instant, so across daylight saving time a wall time
 *   the clock skips never fires (`30 2 * * *` skips a spring-forward night) and one it repeats
 *   fires twice (`30 1 * * *` on a fall-back night); cron-parser moves the first to the next
 *   hour and drops the second. Here cron-parser evaluates each stretch of constant UTC offset as
 *   a fixed-offset clock, and a match is kept only inside its stretch, which gives robfig's rule.
 *   (robfig's hour loop can carry a match into the next day when a DST change skips midnight;
 *   that quirk is not reproduced: docs/guide/cronjob.md.)
 * - **Horizon**: with nothing to fire up to the end of the fifth local year after the search
 *   start, there is no next time (robfig's zero time); cron-parser would search on.
 *
 * Parsed schedules and their next times are memoised (deterministic caches, bounded), so the
 * functions stay pure and a simulation of many CronJobs on one schedule computes each tick once.
 */
import { CronExpressionParser } from 'cron-parser'
import type { CronExpression } from 'cron-parser'
import * as E from 'fp-ts/lib/Either.js'
import type { Zone } from './timezone.js'
import { loadLocation, localYear, nextTransition, offsetAt, utc, wallMs } from './timezone.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** The values one field allows, and whether it was written with a `*` or `?` of step 1. */
export interface FieldValues {
  readonly values: ReadonlyArray<number>
  readonly star: boolean
}

/** A five-field schedule: its fields, its zone, and the cron-parser expression it runs on. */
export interface SpecSchedule {
  readonly _tag: 'Spec'
  readonly minute: FieldValues
  readonly hour: FieldValues
  readonly dayOfMonth: FieldValues
  readonly month: FieldValues
  readonly dayOfWeek: FieldValues
  readonly zone: Zone
  /** @internal the cron-parser expression (second 0; reset before each use), or `undefined` for a schedule that never fires */
  readonly expression: CronExpression | undefined
  /** @internal memoised next times */
  readonly memo: Map<number, number | undefined>
}

/** `@every <duration>`: every `delayMs` (whole seconds, at least 1 s) after the time asked from. */
export interface EverySchedule {
  readonly _tag: 'Every'
  readonly delayMs: number
}

/** A parsed schedule (robfig's `cron.Schedule`). */
export type Schedule = SpecSchedule | EverySchedule

// -------------------------------------------------------------------------------------
// grammar
// -------------------------------------------------------------------------------------

interface Bounds {
  readonly name: string
  readonly min: number
  readonly max: number
  readonly names?: ReadonlyArray<string>
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec']
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat']

/** The five fields of `ParseStandard`, in order. */
const FIELDS: ReadonlyArray<Bounds> = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'day of week', min: 0, max: 6, names: DAYS },
]

const show = (s: string): string => JSON.stringify(s)

/** Go's `strconv.Atoi` for a non-negative value (robfig's `mustParseInt`). */
const parseInt64 = (s: string): E.Either<string, number> => {
  if (!/^[+-]?[0-9]+$/.test(s)) return E.left(`failed to parse int from ${s}`)
  const n = BigInt(s)
  if (n > 9223372036854775807n || n < -9223372036854775808n) return E.left(`failed to parse int from ${s}: value out of range`)
  if (n < 0n) return E.left(`negative number (${n}) not allowed: ${s}`)
  return E.right(n > 64n ? 64 : Number(n))
}

/** A number or, where the field has them, a name (`jan`, `MON`). */
const intOrName = (s: string, b: Bounds): E.Either<string, number> => {
  const i = b.names?.indexOf(s.toLowerCase()) ?? -1
  return i >= 0 ? E.right(i + (b.name === 'month' ? 1 : 0)) : parseInt64(s)
}

/** One list item of a field (robfig's `getRange`): its values and whether it is a star. */
const range = (expr: string, b: Bounds): E.Either<string, FieldValues> => {
  const invalid = (why: string): E.Either<string, FieldValues> => E.left(`invalid ${b.name} ${show(expr)}: ${why}`)
  const rangeAndStep = expr.split('/')
  const lowAndHigh = (rangeAndStep[0] ?? '').split('-')
  let start: number
  let end: number
  let star = false
  if (lowAndHigh[0] === '*' || lowAndHigh[0] === '?') {
    start = b.min
    end = b.max
    star = true
  } else {
    const lo = intOrName(lowAndHigh[0] ?? '', b)
    if (E.isLeft(lo)) return invalid(lo.left)
    start = lo.right
    if (lowAndHigh.length === 1) end = start
    else if (lowAndHigh.length === 2) {
      const hi = intOrName(lowAndHigh[1] ?? '', b)
      if (E.isLeft(hi)) return invalid(hi.left)
      end = hi.right
    } else return invalid('too many hyphens')
  }
  let step = 1
  if (rangeAndStep.length === 2) {
    const s = parseInt64(rangeAndStep[1] ?? '')
    if (E.isLeft(s)) return invalid(s.left)
    step = s.right
    if (lowAndHigh.length === 1) end = b.max
    if (step > 1) star = false
  } else if (rangeAndStep.length > 2) return invalid('too many slashes')
  if (start < b.min || end > b.max) return E.left(`${b.name} ${show(expr)} is out of range ${b.min}-${b.max}`)
  if (start > end) return E.left(`${b.name} ${show(expr)}: the range starts (${start}) after it ends (${end})`)
  if (step === 0) return E.left(`step in ${b.name} ${show(expr)} must be positive`)
  const values: Array<number> = []
  for (let v = start; v <= end; v += step) values.push(v)
  return E.right({ values, star })
}

/** One field (robfig's `getField`): the union of its comma-separated items (empty items skipped). */
const field = (text: string, b: Bounds): E.Either<string, FieldValues> => {
  const seen = new Set<number>()
  let star = false
  for (const item of text.split(',')) {
    if (item === '') continue
    const r = range(item, b)
    if (E.isLeft(r)) return r
    for (const v of r.right.values) seen.add(v)
    star ||= r.right.star
  }
  return E.right({ values: [...seen].sort((x, y) => x - y), star })
}

/** Go's `strings.Fields` separators (`unicode.IsSpace`). */
const GO_SPACE = /[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+/

const NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  'µs': 1_000n,
  'μs': 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
}
const MAX_DURATION = 9223372036854775807n

/** Go's `time.ParseDuration`, in nanoseconds, with Go's error text. */
export const parseGoDuration = (text: string): E.Either<string, bigint> => {
  const bad = E.left(`time: invalid duration ${show(text)}`)
  let s = text
  let neg = false
  if (s.startsWith('-') || s.startsWith('+')) {
    neg = s.startsWith('-')
    s = s.slice(1)
  }
  if (s === '0') return E.right(0n)
  if (s === '') return bad
  let total = 0n
  while (s !== '') {
    const m = /^([0-9]*)(?:\.([0-9]*))?/.exec(s)
    const whole = m?.[1] ?? ''
    const frac = m?.[2]
    if (whole === '' && (frac === undefined || frac === '')) return bad
    s = s.slice(m?.[0].length ?? 0)
    const unit = /^[^0-9.]*/.exec(s)?.[0] ?? ''
    if (unit === '') return E.left(`time: missing unit in duration ${show(text)}`)
    const scale = NS[unit]
    if (scale === undefined) return E.left(`time: unknown unit ${show(unit)} in duration ${show(text)}`)
    s = s.slice(unit.length)
    const f = frac ?? ''
    total += BigInt(whole === '' ? 0 : whole) * scale + (f === '' ? 0n : (BigInt(f) * scale) / 10n ** BigInt(f.length))
    if (total > MAX_DURATION + (neg ? 1n : 0n)) return bad
  }
  return E.right(neg ? -total : total)
}

/** `@every d`: robfig's `Every` (the delay rounded down to whole seconds, at least one second). */
const every = (descriptor: string, arg: string): E.Either<string, Schedule> => {
  const d = parseGoDuration(arg)
  if (E.isLeft(d)) return E.left(`failed to parse duration ${descriptor}: ${d.left}`)
  const delay = d.right < 1_000_000_000n ? 1_000_000_000n : d.right - (d.right % 1_000_000_000n)
  return E.right({ _tag: 'Every', delayMs: Number(delay / 1_000_000n) })
}

const all = (b: Bounds): FieldValues => ({ values: Array.from({ length: b.max - b.min + 1 }, (_, i) => b.min + i), star: true })
const one = (v: number): FieldValues => ({ values: [v], star: false })
const [, hourB, domB, monthB, dowB] = FIELDS as [Bounds, Bounds, Bounds, Bounds, Bounds]

/** robfig's descriptors, as the fields they stand for (`@every` aside). */
const DESCRIPTORS: Readonly<Record<string, ReadonlyArray<FieldValues>>> = {
  '@yearly': [one(0), one(0), one(1), one(1), all(dowB)],
  '@annually': [one(0), one(0), one(1), one(1), all(dowB)],
  '@monthly': [one(0), one(0), one(1), all(monthB), all(dowB)],
  '@weekly': [one(0), one(0), all(domB), all(monthB), one(0)],
  '@daily': [one(0), one(0), all(domB), all(monthB), all(dowB)],
  '@midnight': [one(0), one(0), all(domB), all(monthB), all(dowB)],
  '@hourly': [one(0), all(hourB), all(domB), all(monthB), all(dowB)],
}

// -------------------------------------------------------------------------------------
// cron-parser
// -------------------------------------------------------------------------------------

const list = (f: FieldValues): string => f.values.join(',')

/**
 * The day fields as cron-parser must see them to apply robfig's rule (AND when either is a
 * star, OR otherwise), or `undefined` when no day can match.
 */
const dayFields = (dom: FieldValues, dow: FieldValues): readonly [string, string] | undefined => {
  if (dom.star || dow.star) {
    if (dom.values.length === 0 || dow.values.length === 0) return undefined
    return [dom.star ? '*' : list(dom), dow.star ? '*' : list(dow)]
  }
  if (dom.values.length === 0 && dow.values.length === 0) return undefined
  if (dom.values.length === 0) return ['*', list(dow)]
  if (dow.values.length === 0) return [list(dom), '*']
  return [list(dom), list(dow)]
}

/** The cron-parser expression of a five-field schedule (second 0, UTC), or `undefined` when it never fires. */
const toCronParser = (f: ReadonlyArray<FieldValues>): CronExpression | undefined => {
  const [minute, hour, dom, month, dow] = f as [FieldValues, FieldValues, FieldValues, FieldValues, FieldValues]
  const days = dayFields(dom, dow)
  if (days === undefined || minute.values.length === 0 || hour.values.length === 0 || month.values.length === 0) return undefined
  try {
    return CronExpressionParser.parse(`0 ${list(minute)} ${list(hour)} ${days[0]} ${list(month)} ${days[1]}`, { tz: 'UTC', currentDate: 0 })
  } catch {
    return undefined // a day of month no listed month has: robfig accepts it and never fires
  }
}

const spec = (f: ReadonlyArray<FieldValues>, zone: Zone): SpecSchedule => {
  const [minute, hour, dayOfMonth, month, dayOfWeek] = f as [FieldValues, FieldValues, FieldValues, FieldValues, FieldValues]
  return { _tag: 'Spec', minute, hour, dayOfMonth, month, dayOfWeek, zone, expression: toCronParser(f), memo: new Map() }
}

// -------------------------------------------------------------------------------------
// parse
// -------------------------------------------------------------------------------------

const parseUncached = (text: string): E.Either<string, Schedule> => {
  if (text === '') return E.left('empty spec string')
  let zone = utc
  let body = text
  if (text.startsWith('TZ=') || text.startsWith('CRON_TZ=')) {
    const space = text.indexOf(' ')
    if (space < 0) return E.left(`a TZ= or CRON_TZ= prefix must be followed by a space and the schedule, got ${show(text)}`)
    const name = text.slice(text.indexOf('=') + 1, space)
    const loc = loadLocation(name)
    if (E.isLeft(loc)) return E.left(`provided bad location ${name}: ${loc.left}`)
    zone = loc.right
    body = text.slice(space).trim()
  }
  if (body.startsWith('@')) {
    const known = DESCRIPTORS[body]
    if (known !== undefined) return E.right(spec(known, zone))
    if (body.startsWith('@every ')) return every(body, body.slice('@every '.length))
    return E.left(`unrecognized descriptor ${show(body)}`)
  }
  const parts = body.split(GO_SPACE).filter((p) => p !== '')
  if (parts.length !== 5) {
    return E.left(`must have 5 fields (minute hour day-of-month month day-of-week) or be a descriptor such as @hourly, got ${parts.length}`)
  }
  const fields: Array<FieldValues> = []
  for (const [i, b] of FIELDS.entries()) {
    const f = field(parts[i] ?? '', b)
    if (E.isLeft(f)) return f
    fields.push(f.right)
  }
  return E.right(spec(fields, zone))
}

const parsed = new Map<string, E.Either<string, Schedule>>()
const maxParsed = 1024

/**
 * robfig/cron v3 `ParseStandard(text)`: the schedule, or why it is invalid. An optional
 * `TZ=<zone> ` or `CRON_TZ=<zone> ` prefix sets the zone; without one the schedule runs in the
 * controller manager's zone, modelled as UTC. Memoised by text.
 */
export const parseStandard = (text: string): E.Either<string, Schedule> => {
  let r = parsed.get(text)
  if (r === undefined) {
    r = parseUncached(text)
    if (parsed.size >= maxParsed) parsed.clear()
    parsed.set(text, r)
  }
  return r
}

// -------------------------------------------------------------------------------------
// next
// -------------------------------------------------------------------------------------

/**
 * cron-parser's first match strictly after `from` and not after `until` (UTC wall clock), if any.
 * The schedule's one expression is reset to `from` first (it is an iterator; nothing else uses it).
 */
const cronParserNext = (expression: CronExpression, from: number, until: number): number | undefined => {
  try {
    expression.reset(new Date(from))
    const t = expression.next().getTime()
    return t <= until ? t : undefined
  } catch {
    return undefined // cron-parser's loop limit: nothing for years
  }
}

/** The first whole second after `t`. */
const nextSecond = (t: number): number => Math.floor(t / 1000) * 1000 + 1000

/**
 * robfig's `SpecSchedule.Next`: the first whole second after `t` whose wall clock in the
 * schedule's zone matches, found stretch by stretch of constant offset.
 */
const specNext = (s: SpecSchedule, t: number): number | undefined => {
  const expression = s.expression
  if (expression === undefined) return undefined
  const limitYear = localYear(s.zone, nextSecond(t)) + 5
  const until = wallMs(limitYear + 1, 1, 1) - 1000
  let from = t
  for (;;) {
    const first = nextSecond(from)
    const offset = offsetAt(s.zone, first)
    const end = nextTransition(s.zone, first)
    const wall = cronParserNext(expression, from + offset, until)
    if (wall !== undefined && (end === undefined || wall - offset < end)) return wall - offset
    if (end === undefined || localYear(s.zone, end) > limitYear) return undefined
    from = end - 1
  }
}

const maxMemo = 512

/**
 * The schedule's next time strictly after `t` (ms), at whole seconds, as robfig's `Next`:
 * `undefined` where robfig returns its zero time (nothing within five years). `@every d` gives
 * `t` rounded down to the second, plus `d`.
 */
export const next = (s: Schedule, t: number): number | undefined => {
  if (s._tag === 'Every') return Math.floor(t / 1000) * 1000 + s.delayMs
  if (s.memo.has(t)) return s.memo.get(t)
  const r = specNext(s, t)
  if (s.memo.size >= maxMemo) s.memo.clear()
  s.memo.set(t, r)
  return r
}

/**
 * Whether the whole second `t` is a time the schedule fires at. `@every` fires relative to when
 * it is asked, so any whole second may be one of its times.
 */
export const isTick = (s: Schedule, t: number): boolean => t % 1000 === 0 && (s._tag === 'Every' || next(s, t - 1000) === t)
