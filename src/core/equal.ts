/**
 * Structural equality of JSON-shaped values, as `canonicalJson(a) === canonicalJson(b)` decides
 * it (key order ignored, `undefined` members absent), without building strings.
 */

/** True when `a` and `b` are the same JSON value. */
export const jsonEqual = (a: unknown, b: unknown): boolean => {
  if (a === b) return true
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false
    for (let i = 0; i < a.length; i++) if (!jsonEqual(a[i], b[i])) return false
    return true
  }
  if (Array.isArray(b)) return false
  const ra = a as Readonly<Record<string, unknown>>
  const rb = b as Readonly<Record<string, unknown>>
  let na = 0
  for (const k in ra) {
    if (!Object.prototype.hasOwnProperty.call(ra, k) || ra[k] === undefined) continue
    na++
    if (!jsonEqual(ra[k], rb[k])) return false
  }
  let nb = 0
  for (const k in rb) if (Object.prototype.hasOwnProperty.call(rb, k) && rb[k] !== undefined) nb++
  return na === nb
}
