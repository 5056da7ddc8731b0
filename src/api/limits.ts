/**
 * Numeric limits of the Kubernetes API, shared by validation, defaulting and the controllers
 * (`core/` re-exports them; `api/` imports nothing from `core/`).
 */

/** The largest int32, upstream's "no limit" for several int32 fields (`math.MaxInt32`). */
export const maxInt32 = 2147483647
