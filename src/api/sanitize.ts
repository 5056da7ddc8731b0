/**
 * The first pass over untrusted input: a fresh plain-JSON copy, or a DecodeError naming the
 * offending field. It never mutates or throws, and bounded depth keeps the stack safe.
 *
 * Accepted: `null`, booleans, finite numbers, strings, arrays, plain objects, instances of
 * plain data classes (a prototype that holds only `constructor`, as `@kubernetes/client-node`
 * models are) and `Date` (normalised to the Kubernetes RFC 3339 form, whole seconds in UTC:
 * `2024-01-01T00:00:00Z`). Object properties that are `undefined` are left out, as
 * `JSON.stringify` does.
 *
 * Every key is kept, `__proto__`, `constructor` and `prototype` included (Kubernetes accepts
 * `constructor` as a label key, and any key in a free-form map): each becomes an own data
 * property of a fresh object, so no key can reach an object prototype. Validation then holds
 * labels and annotations to Kubernetes' key syntax (which `__proto__` fails).
 *
 * Rejected, with the field path: cycles;
 * nesting deeper than `maxDepth`; strings larger than the API server accepts; non-finite
 * numbers; functions, symbols, bigints, `undefined` array elements, accessor properties and
 * other class instances (`Map`, `Set`, `Buffer`, ...).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Either } from 'fp-ts/lib/Either.js'
import * as DecodeError from './DecodeError.js'
import type { FieldIssue } from './DecodeError.js'
import { earliestMs, format as formatTime } from './time.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A JSON value as `JSON.parse` returns it. */
export type Json = null | boolean | number | string | JsonArray | JsonObject
/** A JSON array. */
export interface JsonArray extends ReadonlyArray<Json> {}
/** A JSON object (a plain object, `Object.prototype` as its prototype). */
export interface JsonObject {
  readonly [key: string]: Json
}

/** Bounds and switches for `sanitize`; every field is optional. */
export interface SanitizeOptions {
  /** Deepest nesting of arrays and objects accepted (the root is level 0). Default 64, at most 1,000. */
  readonly maxDepth?: number
  /** Largest string accepted, in UTF-8 bytes. Default 1 MiB. */
  readonly maxStringBytes?: number
  /** Most values (scalars, arrays and objects) accepted in total. Default 1,000,000. */
  readonly maxValues?: number
  /** Leave out object properties whose value is `null` (Kubernetes reads them as unset). Default false. */
  readonly dropNullFields?: boolean
  /** With `dropNullFields`: a top-level field whose contents keep their `null`s (a ControllerRevision's `data`). */
  readonly keepNullsUnder?: string
}

/** The default bounds: generous for any real Kubernetes object, small enough to fail fast. */
export const defaultLimits = {
  maxDepth: 64,
  maxStringBytes: 1024 * 1024,
  maxValues: 1_000_000,
} as const

/** Stop collecting after this many issues: one bad input should not make a huge report. */
const MAX_ISSUES = 100
const MAX_DEPTH_CAP = 1000

// -------------------------------------------------------------------------------------
// paths
// -------------------------------------------------------------------------------------

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** `parent.name` for a field, `parent[name]` when the name is not an identifier (a label key). */
export const fieldPath = (parent: string, name: string): string =>
  IDENTIFIER.test(name) ? (parent === '' ? name : `${parent}.${name}`) : `${parent}[${name}]`

/** `parent[key]` for a map key (labels, annotations, nodeSelector). */
export const keyPath = (parent: string, key: string): string => `${parent}[${key}]`

/** `parent[i]` for an array element. */
export const indexPath = (parent: string, index: number): string => `${parent}[${index}]`

/** Joins a prefix (`items[2]`) and a relative path (`spec.replicas`, `[0]` or ``). */
export const joinPath = (prefix: string, path: string): string =>
  prefix === '' ? path : path === '' ? prefix : path.startsWith('[') ? `${prefix}${path}` : `${prefix}.${path}`

const renderPath = (segments: ReadonlyArray<string | number>): string =>
  segments.reduce<string>((p, s) => (typeof s === 'number' ? indexPath(p, s) : fieldPath(p, s)), '')

// -------------------------------------------------------------------------------------
// helpers
// -------------------------------------------------------------------------------------

/** The UTF-8 length of `s` in bytes, without allocating. */
export const utf8Length = (s: string): number => {
  let n = 0
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i)
    if (c < 0x80) n += 1
    else if (c < 0x800) n += 2
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1)
      if (d >= 0xdc00 && d <= 0xdfff) {
        n += 4
        i++
      } else n += 3
    } else n += 3
  }
  return n
}

/** The last millisecond with a four-digit year, as RFC 3339 requires. */
const LAST_MS = 253402300799999 // 9999-12-31T23:59:59.999Z

const isDate = (v: object): boolean => Object.prototype.toString.call(v) === '[object Date]'

const describeValue = (v: unknown): string =>
  v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v

/** Why an object cannot be copied as data, or `undefined` when it can. */
const unsupportedObject = (o: object): string | undefined => {
  const proto: unknown = Object.getPrototypeOf(o)
  if (proto === null || proto === Object.prototype) return undefined
  if (
    typeof proto === 'object' &&
    Object.getPrototypeOf(proto) === Object.prototype &&
    Reflect.ownKeys(proto).every((k) => k === 'constructor')
  )
    return undefined
  const ctor: unknown = typeof proto === 'object' ? Object.getOwnPropertyDescriptor(proto, 'constructor')?.value : undefined
  const name = typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'class'
  return `unsupported value (a ${name} instance); expected JSON data: objects, arrays, strings, numbers, booleans, null or Date`
}

/**
 * Adds an own data property. `__proto__` is defined rather than assigned, since assigning it
 * would set the object's prototype instead of adding a key.
 */
const defineOwn = (o: Record<string, Json>, key: string, value: Json): void => {
  if (key === '__proto__') Object.defineProperty(o, key, { value, writable: true, enumerable: true, configurable: true })
  else o[key] = value
}

// -------------------------------------------------------------------------------------
// sanitize
// -------------------------------------------------------------------------------------

/**
 * A fresh plain-JSON copy of `input`, or a DecodeError listing every rejected field by path
 * (at most 100 of them). `{ metadata: { creationTimestamp: new Date(0) } }` becomes
 * `{ metadata: { creationTimestamp: '1970-01-01T00:00:00Z' } }`.
 */
export const sanitize = (input: unknown, options: SanitizeOptions = {}): Either<DecodeError.DecodeError, Json> => {
  const maxDepth = Math.min(options.maxDepth ?? defaultLimits.maxDepth, MAX_DEPTH_CAP)
  const maxStringBytes = options.maxStringBytes ?? defaultLimits.maxStringBytes
  const maxValues = options.maxValues ?? defaultLimits.maxValues
  const dropNulls = options.dropNullFields ?? false
  const keepNullsUnder = options.keepNullsUnder
  const dropsNullsHere = (): boolean => dropNulls && (keepNullsUnder === undefined || segments[0] !== keepNullsUnder)

  const issues: Array<FieldIssue> = []
  const segments: Array<string | number> = []
  const ancestors = new Set<object>()
  let values = 0
  let stopped = false

  const fail = (message: string): undefined => {
    if (issues.length < MAX_ISSUES) issues.push({ path: renderPath(segments), message })
    else stopped = true
    return undefined
  }

  const stringValue = (s: string): string | undefined =>
    // Each UTF-16 unit is at most 3 UTF-8 bytes, so only long strings need counting.
    s.length * 3 > maxStringBytes && utf8Length(s) > maxStringBytes
      ? fail(
          `string of ${utf8Length(s)} bytes is larger than the API server accepts (at most ${maxStringBytes} bytes)`,
        )
      : s

  const dateValue = (d: object): string | undefined => {
    const ms = Date.prototype.getTime.call(d)
    if (Number.isNaN(ms)) return fail('invalid Date')
    if (ms < earliestMs || ms > LAST_MS) return fail('Date outside the years 0000-9999 that RFC 3339 can express')
    return formatTime(ms)
  }

  const arrayValue = (a: ReadonlyArray<unknown>, depth: number): Json | undefined => {
    const out: Array<Json> = []
    let ok = true
    for (let i = 0; i < a.length && !stopped; i++) {
      segments.push(i)
      const item = a[i]
      const v = item === undefined ? fail('undefined is not a JSON value') : visit(item, depth + 1)
      segments.pop()
      if (v === undefined) ok = false
      else out.push(v)
    }
    return ok ? out : undefined
  }

  const objectValue = (o: object, depth: number): Json | undefined => {
    const why = unsupportedObject(o)
    if (why !== undefined) return fail(why)
    const out: Record<string, Json> = {}
    let ok = true
    for (const key of Object.keys(o)) {
      if (stopped) break
      segments.push(key)
      const d = Object.getOwnPropertyDescriptor(o, key)
      if (d !== undefined && !('value' in d)) {
        ok = false
        fail('accessor property (getter or setter); expected a data property')
      } else {
        const raw: unknown = d?.value
        if (raw !== undefined && !(raw === null && dropsNullsHere())) {
          const v = visit(raw, depth + 1)
          if (v === undefined) ok = false
          else defineOwn(out, key, v)
        }
      }
      segments.pop()
    }
    return ok ? out : undefined
  }

  // Recursion is bounded by maxDepth (at most 1,000), so it cannot overflow the stack.
  const visit = (v: unknown, depth: number): Json | undefined => {
    if (++values > maxValues) {
      stopped = true
      issues.push({ path: renderPath(segments), message: `more than ${maxValues} values; too large for one object` })
      return undefined
    }
    switch (typeof v) {
      case 'string':
        return stringValue(v)
      case 'number':
        return Number.isFinite(v) ? (v === 0 ? 0 : v) : fail(`${String(v)} is not a JSON number`)
      case 'boolean':
        return v
      case 'undefined':
        return fail('undefined is not a JSON value')
      case 'bigint':
        return fail('bigint is not a JSON value; use a number')
      case 'symbol':
      case 'function':
        return fail(`${typeof v} is not a JSON value`)
      case 'object': {
        if (v === null) return null
        if (isDate(v)) return dateValue(v)
        if (depth >= maxDepth) return fail(`nested deeper than ${maxDepth} levels`)
        if (ancestors.has(v)) return fail('circular reference')
        ancestors.add(v)
        const out = Array.isArray(v) ? arrayValue(v, depth) : objectValue(v, depth)
        ancestors.delete(v)
        return out
      }
    }
  }

  let result: Json | undefined
  try {
    result = visit(input, 0)
  } catch (e) {
    // A proxy trap or exotic object threw while being read; report where, never rethrow.
    issues.push({ path: renderPath(segments), message: `could not be read: ${e instanceof Error ? e.message : describeValue(e)}` })
  }
  return issues.length > 0 || result === undefined
    ? E.left(DecodeError.make(issues.length > 0 ? issues : [{ path: '', message: 'could not be read' }]))
    : E.right(result)
}
