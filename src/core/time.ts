/**
 * Time helpers: RFC 3339 strings in objects, milliseconds in arithmetic. Time is always an input.
 */
import { format } from '../api/time.js'

/** Milliseconds since the epoch of an RFC 3339 string; `undefined` for a missing or bad value. */
export const parse = (s: string | undefined): number | undefined => {
  if (s === undefined || s === '') return undefined
  const ms = Date.parse(s)
  return Number.isNaN(ms) ? undefined : ms
}

/** The Kubernetes form of a time: RFC 3339 in UTC with whole seconds (`2024-01-01T00:00:00Z`). */
export { format }

/** `format` of a `Date`. */
export const formatDate = (d: Date): string => format(d.getTime())
