/**
 * JSON merge patch (RFC 7386), as `kubectl patch --type=merge` applies it.
 */

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/**
 * `target` with `patch` merged in: a non-object patch replaces the target; in an object patch
 * `null` removes a member and any other value is merged recursively. Arrays are replaced
 * whole. Neither input is changed.
 *
 * @example
 * mergePatch({ a: 1, b: { c: 2, d: 3 } }, { b: { c: null, e: 4 } }) // { a: 1, b: { d: 3, e: 4 } }
 */
export const mergePatch = (target: unknown, patch: unknown): unknown => {
  if (!isObject(patch)) return patch
  const out = new Map<string, unknown>(isObject(target) ? Object.entries(target) : [])
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) out.delete(k)
    else out.set(k, mergePatch(out.get(k), v))
  }
  return Object.fromEntries(out)
}
