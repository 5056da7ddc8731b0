/**
 * The boundary: untrusted input in, a defaulted and validated KubeObject (or a DecodeError
 * naming every failing field) out. `decode` takes one object, `decodeManifests` takes the
 * text of a manifest file (JSON, or YAML with `---` separated documents), and `encode` turns
 * an object back into plain JSON. Nothing here throws, mutates its input or hangs on hostile
 * input (huge strings, deep nesting, cycles, alias bombs).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Either } from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import * as t from 'io-ts'
import * as DecodeError from './DecodeError.js'
import type { FieldIssue } from './DecodeError.js'
import { applyDefaults } from './defaults.js'
import { genericObject } from './generic.js'
import type { GenericFields } from './generic.js'
import { ObjectMeta } from './meta.js'
import type { Kind, KubeObject, ObjectOfKind } from './object.js'
import { isKind, kinds } from './object.js'
import type { Json, JsonObject } from './sanitize.js'
import { fieldPath, indexPath, joinPath, keyPath, sanitize } from './sanitize.js'
import { validate } from './validate.js'
import { forEachDocument, yamlLimits } from './yaml.js'

// -------------------------------------------------------------------------------------
// limits
// -------------------------------------------------------------------------------------

/**
 * The bounds `decodeManifests` enforces on its text, each checked before anything deeper runs
 * (docs/guide/inputs.md). Exceeding one is a `DecodeError` naming the limit and where.
 */
export const manifestLimits = {
  /** Longest text accepted, JSON or YAML, in UTF-16 code units (64 MiB for ASCII text). */
  maxTextLength: 64 * 1024 * 1024,
  /** Longest YAML text (16 MiB): YAML takes about 30 bytes of heap per byte while it is parsed. */
  maxYamlLength: yamlLimits.maxTextLength,
  /** Most YAML documents (counted by their `---` and `...` markers, before parsing). */
  maxDocuments: yamlLimits.maxDocuments,
  /** Deepest YAML nesting (100), counted by the parser; objects are also held to `sanitize`'s 64 levels. */
  maxDepth: yamlLimits.maxDepth,
  /** Most YAML alias nodes (`*name`) in one document. */
  maxAliasCount: yamlLimits.maxAliases,
  /** Most values in one YAML document with its aliases expanded (bounds key count and alias expansion). */
  maxValues: yamlLimits.maxValues,
  /** Most keys YAML merge keys (`<<`) may copy in one document. */
  maxMergeKeys: yamlLimits.maxMergeKeys,
} as const

// -------------------------------------------------------------------------------------
// io-ts errors → issues
// -------------------------------------------------------------------------------------

/** The parts of an io-ts type this module reads; every io-ts class carries a `_tag`. */
interface TypeInfo {
  readonly _tag?: string
  readonly name: string
  readonly type?: TypeInfo
  readonly types?: ReadonlyArray<TypeInfo>
  readonly value?: unknown
}

const info = (type: t.Decoder<unknown, unknown>): TypeInfo => type as unknown as TypeInfo

/** Sees through the wrappers that add no structure of their own. */
const unwrap = (type: TypeInfo): TypeInfo => {
  let u = type
  while ((u._tag === 'ReadonlyType' || u._tag === 'RefinementType' || u._tag === 'ExactType') && u.type !== undefined)
    u = u.type
  return u
}

/** A short name for what a type expects: `string`, `object`, `number or string`, `"v1"`. */
const expected = (type: TypeInfo): string => {
  const u = unwrap(type)
  switch (u._tag) {
    case 'StringType':
      return 'string'
    case 'NumberType':
      return 'number'
    case 'BooleanType':
      return 'boolean'
    case 'NullType':
      return 'null'
    case 'ArrayType':
    case 'ReadonlyArrayType':
    case 'UnknownArrayType':
      return 'array'
    case 'InterfaceType':
    case 'PartialType':
    case 'IntersectionType':
    case 'DictionaryType':
    case 'UnknownRecordType':
    case 'StrictType':
      return 'object'
    case 'LiteralType':
      return JSON.stringify(u.value)
    case 'UnionType':
      return [...new Set((u.types ?? []).map(expected))].join(' or ')
    default:
      return u.name
  }
}

/** What a JSON value is, for messages: `string`, `number`, `boolean`, `null`, `array`, `object`. */
const describe = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v)

/**
 * One issue per io-ts error: its path in our form (`spec.template.spec.containers[0].image`)
 * and what the field at that path expects. Intersection and union members add no path, so
 * their errors collapse onto the field they describe.
 */
const toIssue = (error: t.ValidationError): FieldIssue => {
  const ctx = error.context
  let path = ''
  let at = ctx[0]?.type
  for (let i = 1; i < ctx.length; i++) {
    const parent = ctx[i - 1]
    const entry = ctx[i]
    if (parent === undefined || entry === undefined) continue
    switch (unwrap(info(parent.type))._tag) {
      case 'IntersectionType':
      case 'UnionType':
        continue
      case 'ArrayType':
      case 'ReadonlyArrayType':
        path = indexPath(path, Number(entry.key))
        break
      case 'DictionaryType':
        path = keyPath(path, entry.key)
        break
      default:
        path = fieldPath(path, entry.key)
    }
    at = entry.type
  }
  const message =
    error.value === undefined
      ? 'required'
      : `expected ${at === undefined ? 'a valid value' : expected(info(at))}, got ${describe(error.value)}`
  return { path, message }
}

/** Keeps the first issue per path, in order. */
const dedupe = (issues: ReadonlyArray<FieldIssue>): ReadonlyArray<FieldIssue> => {
  const seen = new Set<string>()
  return issues.filter((i) => (seen.has(i.path) ? false : (seen.add(i.path), true)))
}

/** io-ts errors as field issues in our path form, one per path (for codecs beyond the kinds). */
export const issuesOf = (errors: t.Errors): ReadonlyArray<FieldIssue> => dedupe(errors.map(toIssue))

// -------------------------------------------------------------------------------------
// structure, with every failing field set aside
// -------------------------------------------------------------------------------------

type Key = string | number
type Mutable = { [key: string]: Json } | Array<Json>

/** Where an io-ts error is, as keys from the root, and the type expected there. */
const locate = (error: t.ValidationError): { readonly keys: ReadonlyArray<Key>; readonly at: TypeInfo | undefined } => {
  const ctx = error.context
  const keys: Array<Key> = []
  let at = ctx[0] === undefined ? undefined : info(ctx[0].type)
  for (let i = 1; i < ctx.length; i++) {
    const parent = ctx[i - 1]
    const entry = ctx[i]
    if (parent === undefined || entry === undefined) continue
    const tag = unwrap(info(parent.type))._tag
    if (tag === 'IntersectionType' || tag === 'UnionType') continue
    keys.push(tag === 'ArrayType' || tag === 'ReadonlyArrayType' ? Number(entry.key) : entry.key)
    at = info(entry.type)
  }
  return { keys, at }
}

/** The smallest value of a type (`''`, `0`, `{}`, `[]`, a literal), to stand in for a missing required field. */
const placeholder = (type: TypeInfo | undefined): Json | undefined => {
  const u = type === undefined ? undefined : unwrap(type)
  switch (u?._tag) {
    case 'StringType':
      return ''
    case 'NumberType':
      return 0
    case 'BooleanType':
      return false
    case 'LiteralType':
      return typeof u.value === 'string' || typeof u.value === 'number' || typeof u.value === 'boolean' ? u.value : undefined
    case 'ArrayType':
    case 'ReadonlyArrayType':
    case 'UnknownArrayType':
      return []
    case 'UnionType':
      return placeholder(u.types?.[0])
    case 'InterfaceType':
    case 'PartialType':
    case 'IntersectionType':
    case 'DictionaryType':
    case 'UnknownRecordType':
    case 'StrictType':
      return {}
    default:
      return undefined
  }
}

/**
 * Sets aside the field an io-ts error names, in place: a missing required field gets a
 * placeholder, a wrong array element is replaced by one, any other wrong field is removed.
 */
const setAside = (root: Mutable, keys: ReadonlyArray<Key>, at: TypeInfo | undefined, missing: boolean): void => {
  let parent: Json = root
  for (const k of keys.slice(0, -1)) {
    const next: Json | undefined =
      typeof k === 'number' ? (Array.isArray(parent) ? parent[k] : undefined) : isJsonObject(parent) ? parent[k] : undefined
    if (next === undefined || next === null || typeof next !== 'object') return
    parent = next
  }
  const last = keys[keys.length - 1]
  if (last === undefined || typeof parent !== 'object' || parent === null) return
  const value = placeholder(at)
  if (Array.isArray(parent)) {
    if (typeof last === 'number') (parent as Array<Json>)[last] = value ?? {}
  } else if (missing && value !== undefined) (parent as { [key: string]: Json })[String(last)] = value
  else delete (parent as { [key: string]: Json })[String(last)]
}

/** The structural issues of `json` under `codec`, the paths they set aside, and the value once they are (if it then decodes). */
interface Structure {
  readonly issues: ReadonlyArray<FieldIssue>
  readonly failed: ReadonlySet<string>
  readonly value?: unknown
}

/** The empty issue list and set of paths, shared (valid objects are the common case). */
const noIssues: ReadonlyArray<FieldIssue> = []
const nothingFailed: ReadonlySet<string> = new Set()

/** Most rounds of setting fields aside: each round reaches one level deeper into missing required fields. */
const maxRepairRounds = 16

/**
 * Decodes `json` (owned by the caller: fields are set aside in place) with `codec`. When its
 * structure is wrong the issues are those io-ts reports; the failing fields are then set aside
 * (`setAside`) until the rest decodes, so that validation can still judge everything else, as
 * the API server reports every problem of an object at once.
 */
const structure = (codec: t.Mixed, json: JsonObject): Structure => {
  let result = codec.decode(json)
  if (E.isRight(result)) return { issues: noIssues, failed: nothingFailed, value: result.right }
  const issues = issuesOf(result.left)
  const failed = new Set<string>()
  const root = json as unknown as Mutable
  for (let round = 0; round < maxRepairRounds && E.isLeft(result); round++) {
    for (const error of result.left) {
      const { keys, at } = locate(error)
      failed.add(toIssue(error).path)
      setAside(root, keys, at, error.value === undefined)
    }
    result = codec.decode(json)
  }
  return { issues, failed, ...(E.isRight(result) ? { value: result.right } : {}) }
}

/** True when `path` is one of `failed` or inside one (its prefixes end before a `.` or a `[`): linear in the path. */
const withinAny = (path: string, failed: ReadonlySet<string>): boolean => {
  if (failed.size === 0) return false
  if (failed.has('') || failed.has(path)) return true
  for (let i = 1; i < path.length; i++) {
    const c = path.charAt(i)
    if ((c === '.' || c === '[') && failed.has(path.slice(0, i))) return true
  }
  return false
}

/** Where an issue sorts: the object's sections in the order the API server validates them. */
const sectionRank = (path: string): number => {
  const head = /^[A-Za-z0-9_$]*/.exec(path)?.[0] ?? ''
  return head === 'apiVersion' ? 0 : head === 'kind' ? 1 : head === 'metadata' ? 2 : head === 'status' ? 4 : 3
}

/** Header issues, then structural, then what validation finds outside the fields set aside, ordered by section. */
const combine = (
  header: ReadonlyArray<FieldIssue>,
  shape: Structure,
  semantic: ReadonlyArray<FieldIssue>,
): ReadonlyArray<FieldIssue> =>
  [
    ...header,
    ...shape.issues.filter((i) => !header.some((h) => h.path === i.path)),
    ...semantic.filter((i) => !withinAny(i.path, shape.failed)),
  ]
    .map((issue, i) => [issue, i] as const)
    .sort(([a, i], [b, j]) => sectionRank(a.path) - sectionRank(b.path) || i - j)
    .map(([issue]) => issue)

// -------------------------------------------------------------------------------------
// decode
// -------------------------------------------------------------------------------------

const isJsonObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

const NOT_AN_OBJECT = 'expected a Kubernetes object (a mapping with apiVersion and kind)'
const KIND_REQUIRED = "required: the object's type, such as Deployment or Service"

const isListKind = (kind: unknown): boolean =>
  typeof kind === 'string' && (kind === 'List' || (kind.endsWith('List') && !isKind(kind)))

/** Options of `decode`. */
export interface DecodeOptions {
  /**
   * The kind of an input that has none, as `@kubernetes/client-node` returns list items
   * (`{ kind: 'Pod' }`); an input with another kind is an error.
   */
  readonly kind?: string
  /** The apiVersion of an input that has none; for a modelled kind it defaults to the kind's own. */
  readonly apiVersion?: string
}

const GROUP = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/

/** Why `v` is not an apiVersion (`<group>/<version>`, or `<version>` for the core group). */
const apiVersionProblem = (v: string): string | undefined => {
  const parts = v.split('/')
  const version = parts[parts.length - 1] ?? ''
  if (parts.length > 2) return `expected <group>/<version> or <version>, got ${JSON.stringify(v)}`
  if (version === '') return `version must not be empty, got ${JSON.stringify(v)}`
  const group = parts.length === 2 ? (parts[0] ?? '') : ''
  return parts.length === 2 && (group.length > 253 || !GROUP.test(group))
    ? `the group must be a DNS-1123 subdomain, got ${JSON.stringify(group)}`
    : undefined
}

/** `got "x"` or `got number` for messages. */
const got = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : describe(v))

/** `json` with the kind and apiVersion the options give where it has none, and the issues when it has others. */
const withOptions = (json: JsonObject, options: DecodeOptions): { readonly json: JsonObject; readonly issues: ReadonlyArray<FieldIssue> } => {
  const issues: Array<FieldIssue> = []
  if (options.kind !== undefined && json['kind'] !== undefined && json['kind'] !== options.kind)
    issues.push({ path: 'kind', message: `expected ${JSON.stringify(options.kind)}, got ${got(json['kind'])}` })
  const kind = json['kind'] ?? options.kind
  const apiVersion = options.apiVersion ?? (options.kind !== undefined && isKind(kind) ? kinds[kind].apiVersion : undefined)
  if (options.apiVersion !== undefined && json['apiVersion'] !== undefined && json['apiVersion'] !== options.apiVersion)
    issues.push({ path: 'apiVersion', message: `expected ${JSON.stringify(options.apiVersion)}, got ${got(json['apiVersion'])}` })
  const filled = (json['apiVersion'] === undefined && apiVersion !== undefined) || (json['kind'] === undefined && kind !== undefined)
  // Filled in front, where kubectl writes them.
  return {
    json: filled ? { ...(apiVersion === undefined ? {} : { apiVersion }), ...(kind === undefined ? {} : { kind }), ...json } : json,
    issues,
  }
}

/** Problems with `apiVersion` for a modelled kind (decoding goes on with the kind's own). */
const modelledHeader = (kind: Kind, apiVersion: Json | undefined): ReadonlyArray<FieldIssue> => {
  const want = kinds[kind].apiVersion
  if (apiVersion === want) return noIssues
  return apiVersion === undefined
    ? [{ path: 'apiVersion', message: `required; kind ${kind} is served as ${JSON.stringify(want)}` }]
    : [{ path: 'apiVersion', message: `expected ${JSON.stringify(want)} for kind ${kind}, got ${got(apiVersion)}` }]
}

/** Problems with `apiVersion` for a generic object. */
const genericHeader = (apiVersion: Json | undefined): ReadonlyArray<FieldIssue> => {
  if (apiVersion === undefined) return [{ path: 'apiVersion', message: 'required, such as v1 or apps/v1' }]
  if (typeof apiVersion !== 'string') return [{ path: 'apiVersion', message: `expected string, got ${describe(apiVersion)}` }]
  const problem = apiVersionProblem(apiVersion)
  return problem === undefined ? [] : [{ path: 'apiVersion', message: problem }]
}

/** Structure, defaults and validation of an object of a modelled kind. */
const fromModelled = (kind: Kind, json: JsonObject, header: ReadonlyArray<FieldIssue>): Either<DecodeError.DecodeError, KubeObject> => {
  const version = modelledHeader(kind, json['apiVersion'])
  const shape = structure(kinds[kind].codec, version.length === 0 ? json : { ...json, apiVersion: kinds[kind].apiVersion })
  // The registry pairs each kind with its codec, so a decoded value is an object of that kind.
  const obj = shape.value === undefined ? undefined : applyDefaults(shape.value as KubeObject)
  const semantic = obj === undefined ? noIssues : validate(obj)
  if (obj !== undefined && header.length === 0 && version.length === 0 && shape.issues.length === 0 && semantic.length === 0) return E.right(obj)
  return E.left(DecodeError.make(combine([...header, ...version], shape, semantic)))
}

/** What every object has: the structure a generic object is held to. */
const GenericShape = t.type({ apiVersion: t.string, kind: t.string, metadata: ObjectMeta })

/** `apiVersion`, `kind` and `metadata` of a generic object checked, its defaults applied, the rest kept. */
const fromGeneric = (json: JsonObject, header: ReadonlyArray<FieldIssue>): Either<DecodeError.DecodeError, KubeObject> => {
  const head = [...header, ...genericHeader(json['apiVersion'])]
  const shape = structure(GenericShape, json)
  const obj = shape.value === undefined ? undefined : applyDefaults(genericObject(shape.value as GenericFields))
  const issues = combine(head, shape, obj === undefined ? [] : validate(obj))
  return issues.length > 0 || obj === undefined ? E.left(DecodeError.make(issues)) : E.right(obj)
}

/** Structure, then defaults, then validation, for sanitized JSON: every problem at once. */
const fromJson = (input: Json, options: DecodeOptions): Either<DecodeError.DecodeError, KubeObject> => {
  if (!isJsonObject(input)) return E.left(DecodeError.single('', `${NOT_AN_OBJECT}, got ${describe(input)}`))
  const { json, issues } = withOptions(input, options)
  const kind = json['kind']
  if (isKind(kind)) return fromModelled(kind, json, issues)
  if (isListKind(kind))
    return E.left(DecodeError.make([...issues, { path: 'kind', message: `${JSON.stringify(kind)} is a list of objects: use decodeManifests` }]))
  if (typeof kind === 'string' && kind !== '') return fromGeneric(json, issues)
  // Without a kind, the metadata is still judged, as any object's.
  const kindIssue = { path: 'kind', message: kind === undefined || kind === '' ? KIND_REQUIRED : `expected string, got ${describe(kind)}` }
  const rest = fromGeneric({ ...json, kind: 'Unknown' }, issues)
  return E.left(DecodeError.make(E.isLeft(rest) ? [kindIssue, ...rest.left.issues].sort((a, b) => sectionRank(a.path) - sectionRank(b.path)) : [...issues, kindIssue]))
}

/** The `kind` of `input` when it is a plain string data property, read without running a getter. */
const peekKind = (input: unknown): unknown =>
  typeof input === 'object' && input !== null ? Object.getOwnPropertyDescriptor(input, 'kind')?.value : undefined

/**
 * Sanitised input with `null` fields dropped (Kubernetes reads them as unset), except inside a
 * ControllerRevision's `data`, which is kept exactly as stored (revisions are compared by
 * meaning, `core/history.ts`).
 */
const clean = (input: unknown, options: DecodeOptions): Either<DecodeError.DecodeError, Json> => {
  const peeked = peekKind(input)
  const kind = peeked === undefined ? options.kind : peeked
  return sanitize(input, { dropNullFields: true, ...(kind === 'ControllerRevision' ? { keepNullsUnder: 'data' } : {}) })
}

/**
 * Decodes one object, as the API server would accept it. An object of a modelled kind gets its
 * structure checked (io-ts), then the API server's defaults, then its validation; any other
 * kind (a Service, a ConfigMap, a custom resource) decodes as a generic object: `apiVersion`,
 * `kind` and `metadata` checked as the API server checks every object, the rest kept as given.
 * Every problem is reported at once, structural and semantic together, by path. `Date`
 * timestamps are normalised to RFC 3339, `null` fields count as unset, unknown fields are kept.
 * `options` supply the kind and apiVersion of an input without them (list items as
 * `@kubernetes/client-node` returns them).
 *
 * @example
 * import * as assert from 'node:assert'
 * import { decode } from 'kube-reconcile'
 *
 * const pod = decode({
 *   apiVersion: 'v1',
 *   kind: 'Pod',
 *   metadata: { name: 'web' },
 *   spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
 * })
 * assert.ok(pod._tag === 'Right' && pod.right.metadata.namespace === 'default')
 *
 * const bad = decode({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'Bad_Name' }, spec: { replicas: -1 } })
 * assert.ok(bad._tag === 'Left' && bad.left.issues.map((i) => i.path).join() === 'metadata.name,spec.selector,spec.replicas,spec.template')
 *
 * const item = decode({ metadata: { name: 'web', namespace: 'shop' }, spec: { ports: [{ port: 80 }] } }, { kind: 'Service', apiVersion: 'v1' })
 * assert.ok(item._tag === 'Right' && String(item.right.kind) === 'Service')
 */
export const decode = (input: unknown, options: DecodeOptions = {}): Either<DecodeError.DecodeError, KubeObject> =>
  pipe(
    clean(input, options),
    E.flatMap((json) => fromJson(json, options)),
  )

/** `decode`, requiring the object to be of `kind` (given to an input without one, with the kind's apiVersion). */
export interface DecodeKind {
  <K extends Kind>(kind: K, input: unknown): Either<DecodeError.DecodeError, ObjectOfKind<K>>
  (kind: string, input: unknown): Either<DecodeError.DecodeError, KubeObject>
}

/** `decode`, requiring the object to be of `kind` (given to an input without one, with the kind's apiVersion). */
export const decodeKind = ((kind: string, input: unknown) => decode(input, { kind })) as DecodeKind

/**
 * The object as plain JSON (a deep copy with `Object.prototype` objects), ready for
 * `JSON.stringify` or a YAML writer. Unknown fields are kept; `decode(encode(o))` equals `o`.
 */
export const encode = (obj: KubeObject): unknown => JSON.parse(JSON.stringify(obj)) as unknown

// -------------------------------------------------------------------------------------
// manifests
// -------------------------------------------------------------------------------------

/** One document of the text: its parsed value, or why it could not be parsed. */
type Parsed = Either<string, unknown>

/** The whole text as one JSON document, when it is JSON. */
const parseJson = (text: string): Parsed | undefined => {
  let i = 0
  while (i < text.length && ' \t\r\n'.includes(text.charAt(i))) i++
  if (text.charAt(i) !== '{' && text.charAt(i) !== '[') return undefined
  try {
    return E.right(JSON.parse(text) as unknown)
  } catch {
    return undefined // not JSON after all: YAML (a superset) will say what is wrong
  }
}

/**
 * Hands each document of the text to `each`, in order: the JSON document, or the YAML documents
 * one at a time (`yaml.ts`). Returns a problem with the whole text, if any.
 */
const forEachParsed = (text: string, each: (doc: Parsed) => void): string | undefined => {
  const json = parseJson(text)
  if (json === undefined) return forEachDocument(text, each)
  each(json)
  return undefined
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

const prefixed = (prefix: string, issues: ReadonlyArray<FieldIssue>): ReadonlyArray<FieldIssue> =>
  issues.map((i) => ({ path: joinPath(prefix, i.path), message: i.message }))

/** One object of a document: where it is in the document (`items[2]`, or `''`), its value, and what its list says of it. */
type Entry = readonly [path: string, item: unknown, options: DecodeOptions]

/** The objects of one document: itself, or the items of a `List` (`kubectl get -o json`). */
const objectsOf = (doc: Readonly<Record<string, unknown>>): Either<ReadonlyArray<FieldIssue>, ReadonlyArray<Entry>> => {
  const kind = doc['kind']
  if (typeof kind !== 'string' || !isListKind(kind)) return E.right([['', doc, {}]])
  const items = doc['items']
  if (items === undefined || items === null) return E.right([])
  if (!Array.isArray(items)) return E.left([{ path: 'items', message: `expected array, got ${describe(items)}` }])
  // A typed list (`DeploymentList` from the API) may leave kind and apiVersion off its items.
  const apiVersion = doc['apiVersion']
  const options: DecodeOptions =
    kind === 'List' ? {} : { kind: kind.slice(0, -'List'.length), ...(typeof apiVersion === 'string' ? { apiVersion } : {}) }
  return E.right(items.map((item: unknown, i): Entry => [indexPath('items', i), item, isRecord(item) && item['kind'] === undefined ? options : {}]))
}

/** An object decoded from a document, with its path in the document. */
interface Found {
  readonly path: string
  readonly object: KubeObject
}

/** Decodes one parsed document into its objects, or the issues, paths relative to the document. */
const decodeDocument = (value: unknown): Either<ReadonlyArray<FieldIssue>, ReadonlyArray<Found>> => {
  if (Array.isArray(value))
    return E.left([
      {
        path: '',
        message: `${NOT_AN_OBJECT}, got array; separate objects with --- or wrap them in a List (kind: List, items: [...])`,
      },
    ])
  if (!isRecord(value)) return E.left([{ path: '', message: `${NOT_AN_OBJECT}, got ${describe(value)}` }])
  return pipe(
    objectsOf(value),
    E.flatMap((entries) => {
      const results = entries.map(([path, item, options]) =>
        pipe(
          decode(item, options),
          E.bimap((e) => prefixed(path, e.issues), (object): Found => ({ path, object })),
        ),
      )
      const issues = results.flatMap((r) => (E.isLeft(r) ? r.left : []))
      return issues.length > 0 ? E.left(issues) : E.right(results.flatMap((r) => (E.isRight(r) ? [r.right] : [])))
    }),
  )
}

/** Options of `decodeManifestsWith`. */
export interface ManifestOptions {
  /**
   * Claims a document for the caller (e.g. a scenario file's `kind: Scenario`): it is returned
   * in `extras`, sanitized but not decoded. Called with the parsed document (plain data).
   */
  readonly isExtra?: (document: unknown) => boolean
  /**
   * The problems of a claimed document (paths relative to it), reported with those of the
   * other documents, each with its document's position.
   */
  readonly checkExtra?: (document: Json) => ReadonlyArray<FieldIssue>
}

/** A document claimed by `isExtra`: its JSON (nulls kept) and its position prefix (`[document 2]`, or `''`). */
export interface ExtraDocument {
  readonly path: string
  readonly value: Json
}

/** What a manifest text holds: the decoded objects, and the documents claimed by `isExtra`. */
export interface Manifests {
  readonly objects: ReadonlyArray<KubeObject>
  /**
   * Where each object of `objects` (same index) is in the text: `[document 2]`,
   * `[document 1] items[3]`, `items[3]`, or `''` for the only object of a one-document text.
   */
  readonly positions: ReadonlyArray<string>
  readonly extras: ReadonlyArray<ExtraDocument>
}

/** Keeps each issue once (same path and message), in order. */
const once = (issues: ReadonlyArray<FieldIssue>): ReadonlyArray<FieldIssue> => {
  const seen = new Set<string>()
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`
    return seen.has(k) ? false : (seen.add(k), true)
  })
}

/** `[document 2] spec.replicas`: a document prefix and a path in the document. */
const atDocument = (prefix: string, path: string): string => (prefix === '' ? path : path === '' ? prefix : `${prefix} ${path}`)

/**
 * `decodeManifests`, letting the caller claim some documents (`options.isExtra`) instead of
 * decoding them as Kubernetes objects, and saying where each object is in the text.
 */
export const decodeManifestsWith = (text: string, options: ManifestOptions = {}): Either<DecodeError.DecodeError, Manifests> => {
  if (typeof text !== 'string') return E.left(DecodeError.single('', `expected text, got ${describe(text)}`))
  if (text.length > manifestLimits.maxTextLength)
    return E.left(
      DecodeError.single(
        '',
        `input of ${text.length} characters is larger than the limit of ${manifestLimits.maxTextLength} characters`,
      ),
    )
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text
  // Documents are decoded as they are read, so only one raw document is alive at a time; their
  // position prefix (`[document 2]`) is known only at the end, when it is clear whether the text
  // held more than one.
  const found: Array<{ readonly index: number; readonly issues: ReadonlyArray<FieldIssue> }> = []
  const claimed: Array<{ readonly index: number; readonly value: Json }> = []
  const objects: Array<KubeObject> = []
  const where: Array<{ readonly index: number; readonly path: string }> = []
  let index = 0
  let present = 0
  const whole = forEachParsed(body, (doc) => {
    const i = index++
    if (E.isRight(doc) && (doc.right === null || doc.right === undefined)) return
    present++
    if (E.isLeft(doc)) {
      found.push({ index: i, issues: [{ path: '', message: doc.left }] })
      return
    }
    const value = doc.right
    if (options.isExtra?.(value) === true) {
      const json = sanitize(value)
      const problems = E.isLeft(json) ? json.left.issues : (options.checkExtra?.(json.right) ?? [])
      if (problems.length > 0) found.push({ index: i, issues: problems })
      else if (E.isRight(json)) claimed.push({ index: i, value: json.right })
      return
    }
    const decoded = decodeDocument(value)
    if (E.isLeft(decoded)) found.push({ index: i, issues: once(decoded.left) })
    else
      for (const f of decoded.right) {
        objects.push(f.object)
        where.push({ index: i, path: f.path })
      }
  })
  if (whole !== undefined) return E.left(DecodeError.single('', whole))
  const prefixOf = (i: number): string => (present > 1 ? `[document ${i + 1}]` : '')
  const issues = found.flatMap(({ index: i, issues: list }) => list.map((f) => ({ path: atDocument(prefixOf(i), f.path), message: f.message })))
  const extras = claimed.map(({ index: i, value }): ExtraDocument => ({ path: prefixOf(i), value }))
  const positions = where.map(({ index: i, path }) => atDocument(prefixOf(i), path))
  return issues.length > 0 ? E.left(DecodeError.make(issues)) : E.right({ objects, positions, extras })
}

/**
 * Decodes the text of a manifest file: JSON, or YAML (1.1, as kubectl reads it) with any number
 * of `---` separated documents. Empty documents are skipped; a `List` (`kubectl get -o json`,
 * or a typed list such as `DeploymentList`) is flattened into its items. Every failing field of
 * every document is reported at once; when the text holds several documents each path starts
 * with the document's position (`[document 2] spec.replicas: ...`). Every bound of
 * `manifestLimits` (text length, documents, nesting, aliases, expanded values, merged keys) is
 * checked before the work it protects, and a duplicate key is an error naming the key; time is
 * linear in the text and the answer for a text never depends on the caller's stack
 * (docs/guide/inputs.md).
 */
export const decodeManifests = (text: string): Either<DecodeError.DecodeError, ReadonlyArray<KubeObject>> =>
  pipe(
    decodeManifestsWith(text),
    E.map((m) => m.objects),
  )
