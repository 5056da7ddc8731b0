/**
 * Where `simulate` starts its clock: `--start`, else the latest time the input records — a
 * creation time, or a time in a status (conditions, start and completion times) — so that a dump
 * of a real cluster keeps its pods' ages, else a fixed default.
 */
import type { KubeObject } from '../api/object.js'
import { isRfc3339 } from '../api/validate.js'

/** The start when neither `--start` nor a time in the input gives one. */
export const defaultStart = '2024-01-01T00:00:00Z'

/** The clock's start and where it came from, for the timeline's header. */
export interface Start {
  readonly at: Date
  /** `--start`, `the latest time in the input (Pod default/web-1 status.startTime)` or `the default start`. */
  readonly from: string
}

/** A status field holding a time: `lastTransitionTime`, `startTime`, `completionTime`, a container state's `startedAt`. */
const timeKey = /(Time|Timestamp|At)$/

/** The latest time under `value` (a status), with its path. */
const latestIn = (value: unknown, path: string, best: { ms: number; path: string }): void => {
  if (Array.isArray(value)) value.forEach((v, i) => latestIn(v, `${path}[${i}]`, best))
  else if (typeof value === 'object' && value !== null)
    for (const [k, v] of Object.entries(value)) {
      const at = `${path}.${k}`
      if (typeof v === 'string' && timeKey.test(k) && isRfc3339(v)) {
        const ms = Date.parse(v)
        if (ms > best.ms) Object.assign(best, { ms, path: at })
      } else latestIn(v, at, best)
    }
}

/** `Pod default/web-1`. */
const show = (o: KubeObject): string => `${String(o.kind)} ${o.metadata.namespace === undefined ? '' : `${o.metadata.namespace}/`}${o.metadata.name ?? ''}`

/** The latest creation or status time of `objects`, and where it is; `undefined` when they record none. */
export const latestTime = (objects: ReadonlyArray<KubeObject>): { readonly at: Date; readonly where: string } | undefined => {
  let found: { at: Date; where: string } | undefined
  for (const o of objects) {
    const best = { ms: -Infinity, path: '' }
    const created = o.metadata.creationTimestamp
    if (created !== undefined && isRfc3339(created)) Object.assign(best, { ms: Date.parse(created), path: 'metadata.creationTimestamp' })
    latestIn((o as { readonly status?: unknown }).status, 'status', best)
    if (best.ms > (found?.at.getTime() ?? -Infinity)) found = { at: new Date(best.ms), where: `${show(o)} ${best.path}` }
  }
  return found
}

/** The clock's start: `--start` when given, else the input's latest time, else `defaultStart`. */
export const startOf = (objects: ReadonlyArray<KubeObject>, given: string | undefined): Start => {
  if (given !== undefined) return { at: new Date(given), from: '--start' }
  const latest = latestTime(objects)
  return latest === undefined
    ? { at: new Date(defaultStart), from: 'the default start: the input records no time' }
    : { at: latest.at, from: `the latest time in the input: ${latest.where}` }
}
