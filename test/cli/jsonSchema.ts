/**
 * A small JSON Schema (2020-12) checker for the keywords the shipped Scenario schema uses:
 * `type`, `const`, `enum`, `required`, `properties`, `additionalProperties`, `items`, `oneOf`,
 * `allOf`, `$ref` to `#/$defs/…`, `minimum`, `minLength`, `pattern`, boolean schemas. Any other
 * keyword except the annotations (`description`, `title`, `$schema`, `$id`, `$defs`) throws, so
 * the schema cannot use a keyword this checker would silently ignore.
 */

type Schema = boolean | { readonly [keyword: string]: unknown }

const annotations = new Set(['description', 'title', '$schema', '$id', '$defs'])
const known = new Set(['type', 'const', 'enum', 'required', 'properties', 'additionalProperties', 'items', 'oneOf', 'allOf', '$ref', 'minimum', 'minLength', 'pattern'])

const typeOf = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v

const isType = (v: unknown, t: string): boolean => typeOf(v) === t || (t === 'number' && typeOf(v) === 'integer')

const isObject = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The paths where `value` breaks `schema` (empty when it conforms); `root` resolves `$ref`s. */
export const check = (root: Schema, schema: Schema, value: unknown, path = ''): ReadonlyArray<string> => {
  if (schema === true) return []
  if (schema === false) return [`${path}: not allowed`]
  for (const k of Object.keys(schema)) if (!known.has(k) && !annotations.has(k)) throw new Error(`unsupported keyword ${k}`)
  const out: Array<string> = []
  const s = schema
  if (typeof s['$ref'] === 'string') {
    const name = (s['$ref'] as string).replace('#/$defs/', '')
    const defs = (root as { $defs?: Readonly<Record<string, Schema>> }).$defs ?? {}
    const target = defs[name]
    if (target === undefined) throw new Error(`unknown $ref ${String(s['$ref'])}`)
    out.push(...check(root, target, value, path))
  }
  if (s['type'] !== undefined) {
    const types = Array.isArray(s['type']) ? (s['type'] as ReadonlyArray<string>) : [s['type'] as string]
    if (!types.some((t) => isType(value, t))) return [...out, `${path}: expected ${types.join(' or ')}`]
  }
  if ('const' in s && JSON.stringify(s['const']) !== JSON.stringify(value)) out.push(`${path}: expected ${JSON.stringify(s['const'])}`)
  if (Array.isArray(s['enum']) && !(s['enum'] as ReadonlyArray<unknown>).some((e) => JSON.stringify(e) === JSON.stringify(value))) out.push(`${path}: not in enum`)
  if (typeof s['minimum'] === 'number' && typeof value === 'number' && value < s['minimum']) out.push(`${path}: below minimum`)
  if (typeof s['minLength'] === 'number' && typeof value === 'string' && value.length < s['minLength']) out.push(`${path}: too short`)
  if (typeof s['pattern'] === 'string' && typeof value === 'string' && !new RegExp(s['pattern'], 'u').test(value)) out.push(`${path}: does not match pattern`)
  if (isObject(value)) {
    const props = (s['properties'] ?? {}) as Readonly<Record<string, Schema>>
    for (const r of (s['required'] ?? []) as ReadonlyArray<string>) if (!(r in value)) out.push(`${path}.${r}: required`)
    for (const [k, v] of Object.entries(value)) {
      if (k in props) out.push(...check(root, props[k] as Schema, v, `${path}.${k}`))
      else if (s['additionalProperties'] !== undefined) out.push(...check(root, s['additionalProperties'] as Schema, v, `${path}.${k}`))
    }
  }
  if (Array.isArray(value) && s['items'] !== undefined) value.forEach((v, i) => out.push(...check(root, s['items'] as Schema, v, `${path}[${i}]`)))
  if (Array.isArray(s['allOf'])) for (const sub of s['allOf'] as ReadonlyArray<Schema>) out.push(...check(root, sub, value, path))
  if (Array.isArray(s['oneOf'])) {
    const matching = (s['oneOf'] as ReadonlyArray<Schema>).filter((sub) => check(root, sub, value, path).length === 0).length
    if (matching !== 1) out.push(`${path}: matches ${matching} of oneOf`)
  }
  return out
}
