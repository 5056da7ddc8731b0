/**
 * IANA time zones as Go's `time` package loads and uses them, for CronJob schedules: loading a
 * zone by name (`time.LoadLocation`), the UTC offset in force at an instant, the instants where
 * the offset changes (daylight saving time), the local year, and RFC 3339 text in a zone.
 *
 * Offsets come from the runtime's `Intl` time-zone data. A zone's transitions are found once
 * per calendar year (a probe a day, then a bisection to the second) and memoised per zone and
 * year: a deterministic cache, so every function here is pure. Two transitions less than a day
 * apart would be seen as one (no zone has had them since 1900).
 *
 * The controller manager's own zone (`Local`, and the zone of a schedule without `timeZone`) is
 * modelled as UTC, as in a container without a `TZ` variable.
 */
import * as E from 'fp-ts/lib/Either.js'

/** A loaded zone: its IANA name, or `UTC` (also the model of `Local`). */
export interface Zone {
  readonly name: string
}

/** UTC (`time.UTC`): also `time.LoadLocation("")`, and the model of the controller manager's `Local`. */
export const utc: Zone = { name: 'UTC' }

const formatters = new Map<string, Intl.DateTimeFormat>()

/** The formatter giving wall-clock fields of `name` (cached per zone); throws for an unknown zone. */
const formatterOf = (name: string): Intl.DateTimeFormat => {
  let f = formatters.get(name)
  if (f === undefined) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: name,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    })
    formatters.set(name, f)
  }
  return f
}

/**
 * `time.LoadLocation(name)`: `""` and `UTC` give UTC, `Local` the controller manager's zone
 * (modelled as UTC), any other name must be an IANA zone the runtime knows, spelt with its case
 * (zone files are looked up by exact name). The error is Go's text (`unknown time zone Mars/Base`).
 */
export const loadLocation = (name: string): E.Either<string, Zone> => {
  if (name === '' || name === 'UTC' || name === 'Local') return E.right(utc)
  if (name.includes('..') || name.startsWith('/') || name.startsWith('\\')) return E.left('time: invalid location name')
  try {
    const resolved = formatterOf(name).resolvedOptions().timeZone
    const caseOnly = resolved !== name && resolved.toLowerCase() === name.toLowerCase()
    return caseOnly ? E.left(`unknown time zone ${name}`) : E.right({ name })
  } catch {
    return E.left(`unknown time zone ${name}`)
  }
}

/** Milliseconds since the epoch of a wall-clock reading taken as UTC (any year, 0 and below included). */
export const wallMs = (year: number, month: number, day: number, hour = 0, minute = 0, second = 0): number => {
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second))
  d.setUTCFullYear(year, month - 1, day)
  return d.getTime()
}

/** The offset (ms, whole seconds) of `zone` at `ms`, read from `Intl`. */
const probe = (zone: string, ms: number): number => {
  const at = Math.floor(ms / 1000) * 1000
  const p: Record<string, string> = {}
  for (const part of formatterOf(zone).formatToParts(new Date(at))) p[part.type] = part.value
  const year = p['era'] === 'BC' || p['era'] === 'B' ? 1 - Number(p['year']) : Number(p['year'])
  return wallMs(year, Number(p['month']), Number(p['day']), Number(p['hour']), Number(p['minute']), Number(p['second'])) - at
}

const day = 86_400_000

/** One UTC calendar year of a zone: the offset at its start and each change (instant, new offset). */
interface YearTable {
  readonly start: number
  readonly offset: number
  readonly changes: ReadonlyArray<readonly [at: number, offset: number]>
}

const tables = new Map<string, YearTable>()
const maxTables = 4096

/** The first instant in (lo, hi] whose offset differs from `before` (to the second), given one exists at `hi`; both are whole seconds. */
const bisect = (zone: string, lo: number, hi: number, before: number): number => {
  let a = lo
  let b = hi
  while (b - a > 1000) {
    const mid = Math.floor((a + b) / 2000) * 1000
    if (probe(zone, mid) === before) a = mid
    else b = mid
  }
  return b
}

/** The offsets of `zone` over the UTC year `year` (memoised). */
const yearTable = (zone: string, year: number): YearTable => {
  const key = `${zone}\u0000${year}`
  const known = tables.get(key)
  if (known !== undefined) return known
  const start = wallMs(year, 1, 1)
  const end = wallMs(year + 1, 1, 1)
  const offset = probe(zone, start)
  const changes: Array<readonly [number, number]> = []
  let current = offset
  for (let t = start; t < end; ) {
    const next = Math.min(t + day, end)
    const o = probe(zone, next)
    if (o !== current) {
      const at = bisect(zone, t, next, current)
      if (at < end) changes.push([at, probe(zone, at)]) // one at `end` belongs to the next year
      current = o
    }
    t = next
  }
  const table = { start, offset, changes }
  if (tables.size >= maxTables) tables.clear()
  tables.set(key, table)
  return table
}

/** The UTC year of an instant. */
const utcYear = (ms: number): number => new Date(ms).getUTCFullYear()

/** The offset from UTC (ms) of `zone` at the instant `ms`: wall clock = `ms + offsetAt(zone, ms)`. */
export const offsetAt = (zone: Zone, ms: number): number => {
  if (zone.name === 'UTC') return 0
  const table = yearTable(zone.name, utcYear(ms))
  let o = table.offset
  for (const [at, offset] of table.changes) {
    if (at > ms) break
    o = offset
  }
  return o
}

/** How many years ahead `nextTransition` looks. */
const horizonYears = 7

/** The first instant after `ms` at which the offset of `zone` changes, if one comes within seven years. */
export const nextTransition = (zone: Zone, ms: number): number | undefined => {
  if (zone.name === 'UTC') return undefined
  const first = utcYear(ms)
  for (let y = first; y <= first + horizonYears; y++) {
    for (const [at] of yearTable(zone.name, y).changes) if (at > ms) return at
  }
  return undefined
}

/** The local (wall-clock) year of the instant `ms` in `zone`. */
export const localYear = (zone: Zone, ms: number): number => utcYear(ms + offsetAt(zone, ms))

const pad = (n: number, width = 2): string => String(n).padStart(width, '0')

/**
 * Go's `t.In(zone).Format(time.RFC3339)` of the instant `ms`: the wall clock in `zone` with
 * whole seconds and its offset, `Z` when the offset is zero (`2016-05-19T12:00:00+02:00`,
 * `2016-05-19T10:00:00Z`). An offset with seconds (local mean time before 1900) is shown to the
 * minute, as Go does.
 */
export const formatRFC3339 = (ms: number, zone: Zone): string => {
  const offset = offsetAt(zone, ms)
  const wall = new Date(Math.floor(ms / 1000) * 1000 + offset)
  const year = wall.getUTCFullYear()
  const date = `${pad(year, 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`
  const time = `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}:${pad(wall.getUTCSeconds())}`
  const minutes = Math.trunc(offset / 60_000)
  const zoneText = minutes === 0 ? 'Z' : `${minutes < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`
  return `${date}T${time}${zoneText}`
}
