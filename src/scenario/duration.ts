/**
 * Durations as Kubernetes and Go write them (`90s`, `1m30s`, `2h`, `500ms`), or plain seconds.
 */
import * as E from 'fp-ts/lib/Either.js'

const unitSeconds: Readonly<Record<string, number>> = { ms: 0.001, s: 1, m: 60, h: 3600 }
const part = /([0-9]+(?:\.[0-9]+)?)(ms|s|m|h)/y

/** Parses a duration into seconds: a non-negative number, or a Go-style string such as `1m30s`. */
export const parseDuration = (v: unknown): E.Either<string, number> => {
  if (typeof v === 'number') return Number.isFinite(v) && v >= 0 ? E.right(v) : E.left('must be a non-negative number of seconds')
  if (typeof v !== 'string' || v === '') return E.left('must be a duration such as "90s" or "2m"')
  if (/^[0-9]+(\.[0-9]+)?$/.test(v)) return E.right(Number(v))
  let total = 0
  part.lastIndex = 0
  while (part.lastIndex < v.length) {
    const at = part.lastIndex
    const m = part.exec(v)
    if (m === null || m.index !== at) return E.left(`invalid duration "${v}" (use e.g. "90s", "1m30s", "2h")`)
    total += Number(m[1]) * unitSeconds[m[2]!]!
  }
  return E.right(total)
}

/** Renders seconds as a short duration (`95s` → `1m35s`). */
export const formatDuration = (seconds: number): string => {
  if (seconds < 60) return `${+seconds.toFixed(3)}s`
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = +(seconds % 60).toFixed(3)
  return `${h > 0 ? `${h}h` : ''}${m > 0 ? `${m}m` : ''}${s > 0 ? `${s}s` : ''}`
}
