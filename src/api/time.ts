/**
 * The Kubernetes text form of a time, which decoding normalises `Date` values to
 * (`core/time.ts` re-exports it; `api/` imports nothing from `core/`), and the range of
 * instants that form can express.
 */

/** The earliest instant RFC 3339 can express (a four-digit year): `0000-01-01T00:00:00Z`, in ms. */
export const earliestMs = -62167219200000
/** The latest whole second RFC 3339 can express: `9999-12-31T23:59:59Z`, in ms. */
export const latestMs = 253402300799000

/**
 * `ms` held to the RFC 3339 range [`earliestMs`, `latestMs`]; `NaN` gives `earliestMs`. Every
 * clock the controllers and the simulation write goes through here, so every timestamp they
 * write decodes.
 */
export const clampMs = (ms: number): number => (Number.isNaN(ms) ? earliestMs : Math.min(latestMs, Math.max(earliestMs, ms)))

/**
 * The Kubernetes form of a time: RFC 3339 in UTC with whole seconds (`2024-01-01T00:00:00Z`).
 * Total: an instant outside the years 0000-9999 is clamped to the nearest end of that range
 * (`NaN` to the earliest), so the result always decodes and this never throws.
 */
export const format = (ms: number): string =>
  new Date(Math.floor(clampMs(ms) / 1000) * 1000).toISOString().replace('.000Z', 'Z')
