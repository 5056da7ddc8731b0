/**
 * The Kubernetes text form of a time, which decoding normalises `Date` values to
 * (`core/time.ts` re-exports it; `api/` imports nothing from `core/`).
 */

/** The Kubernetes form of a time: RFC 3339 in UTC with whole seconds (`2024-01-01T00:00:00Z`). */
export const format = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z')
