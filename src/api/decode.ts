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
import type * as t from 'io-ts'
import * as DecodeError from './DecodeError.js'
import type { FieldIssue } from './DecodeError.js'
import { applyDefaults } from './defaults.js'
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
// decode
// -------------------------------------------------------------------------------------

const isJsonObject = (v: Json): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v)

const SUPPORTED = Object.keys(kinds).join(', ')
const NOT_AN_OBJECT = 'expected a Kubernetes object (a mapping with apiVersion and kind)'

const isListKind = (kind: unknown): kind is string =>
  typeof kind === 'string' && (kind === 'List' || (kind.endsWith('List') && !isKind(kind)))

/** Problems with `kind` and `apiVersion`, and the kind when it is a supported one. */
const header = (json: JsonObject): { readonly kind?: Kind; readonly issues: ReadonlyArray<FieldIssue> } => {
  const { kind, apiVersion } = json
  if (kind === undefined) return { issues: [{ path: 'kind', message: `required; supported kinds: ${SUPPORTED}` }] }
  if (typeof kind !== 'string') return { issues: [{ path: 'kind', message: `expected string, got ${describe(kind)}` }] }
  if (!isKind(kind)) {
    const hint = isListKind(kind) ? ' (a list of objects: use decodeManifests)' : ''
    return { issues: [{ path: 'kind', message: `unsupported kind ${JSON.stringify(kind)}${hint}; supported kinds: ${SUPPORTED}` }] }
  }
  const want = kinds[kind].apiVersion
  const issues: ReadonlyArray<FieldIssue> =
    apiVersion === want
      ? []
      : apiVersion === undefined
        ? [{ path: 'apiVersion', message: `required; kind ${kind} is served as ${JSON.stringify(want)}` }]
        : [
            {
              path: 'apiVersion',
              message: `expected ${JSON.stringify(want)} for kind ${kind}, got ${typeof apiVersion === 'string' ? JSON.stringify(apiVersion) : describe(apiVersion)}`,
            },
          ]
  return { kind, issues }
}

/** Structure, then defaults, then validation, for sanitized JSON. */
const fromJson = (json: Json): Either<DecodeError.DecodeError, KubeObject> => {
  if (!isJsonObject(json)) return E.left(DecodeError.single('', `${NOT_AN_OBJECT}, got ${describe(json)}`))
  const head = header(json)
  if (head.kind === undefined) return E.left(DecodeError.make(head.issues))
  const structural = kinds[head.kind].codec.decode(json)
  if (head.issues.length > 0 || E.isLeft(structural)) {
    const issues = E.isLeft(structural) ? structural.left.map(toIssue) : []
    return E.left(DecodeError.make(dedupe([...head.issues, ...issues])))
  }
  // The registry pairs each kind with its codec, so a Right is an object of that kind.
  const obj = applyDefaults(structural.right as KubeObject)
  const issues = validate(obj)
  return issues.length > 0 ? E.left(DecodeError.make(issues)) : E.right(obj)
}

/** The `kind` of `input` when it is a plain string data property, read without running a getter. */
const peekKind = (input: unknown): unknown =>
  typeof input === 'object' && input !== null ? Object.getOwnPropertyDescriptor(input, 'kind')?.value : undefined

/**
 * Sanitised input with `null` fields dropped, except inside a ControllerRevision's `data`, which
 * is kept exactly as stored (revisions are compared by meaning, `core/history.ts`).
 */
const clean = (input: unknown): Either<DecodeError.DecodeError, Json> =>
  sanitize(input, { dropNullFields: true, ...(peekKind(input) === 'ControllerRevision' ? { keepNullsUnder: 'data' } : {}) })

/**
 * Decodes one object of any supported kind, as the API server would accept it: structure
 * (io-ts), then the API server's defaults, then its validation. `Date` timestamps are
 * normalised to RFC 3339, `null` fields count as unset, unknown fields are kept. Every
 * failing field is reported at once, by path.
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
 * const bad = decode({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web' }, spec: {} })
 * assert.ok(bad._tag === 'Left' && bad.left.message === 'spec.selector: required\nspec.template: required')
 */
export const decode = (input: unknown): Either<DecodeError.DecodeError, KubeObject> =>
  pipe(clean(input), E.flatMap(fromJson))

/** `decode`, requiring the object to be of `kind`. */
export const decodeKind = <K extends Kind>(kind: K, input: unknown): Either<DecodeError.DecodeError, ObjectOfKind<K>> =>
  pipe(
    clean(input),
    E.flatMap((json) =>
      isJsonObject(json) && json['kind'] !== undefined && json['kind'] !== kind
        ? E.left(DecodeError.single('kind', `expected ${JSON.stringify(kind)}, got ${JSON.stringify(json['kind'])}`))
        : fromJson(json),
    ),
    E.map((obj) => obj as ObjectOfKind<K>),
  )

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

/** The objects of one document: itself, or the items of a `List` (`kubectl get -o json`). */
const objectsOf = (doc: Readonly<Record<string, unknown>>): Either<ReadonlyArray<FieldIssue>, ReadonlyArray<readonly [string, unknown]>> => {
  const kind = doc['kind']
  if (!isListKind(kind)) return E.right([['', doc]])
  const items = doc['items']
  if (items === undefined || items === null) return E.right([])
  if (!Array.isArray(items)) return E.left([{ path: 'items', message: `expected array, got ${describe(items)}` }])
  // A typed list (`DeploymentList` from the API) may leave kind and apiVersion off its items.
  const itemKind = kind === 'List' ? undefined : kind.slice(0, -'List'.length)
  return E.right(
    items.map((item: unknown, i) => [
      indexPath('items', i),
      itemKind !== undefined && isRecord(item) && item['kind'] === undefined
        ? { apiVersion: doc['apiVersion'], kind: itemKind, ...item }
        : item,
    ]),
  )
}

/** Decodes one parsed document into its objects, or the issues, paths relative to the document. */
const decodeDocument = (value: unknown): Either<ReadonlyArray<FieldIssue>, ReadonlyArray<KubeObject>> => {
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
      const results = entries.map(([path, item]) => pipe(decode(item), E.mapLeft((e) => prefixed(path, e.issues))))
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
}

/** A document claimed by `isExtra`: its JSON (nulls kept) and its position prefix (`[document 2]`, or `''`). */
export interface ExtraDocument {
  readonly path: string
  readonly value: Json
}

/** What a manifest text holds: the decoded objects, and the documents claimed by `isExtra`. */
export interface Manifests {
  readonly objects: ReadonlyArray<KubeObject>
  readonly extras: ReadonlyArray<ExtraDocument>
}

/**
 * `decodeManifests`, letting the caller claim some documents (`options.isExtra`) instead of
 * decoding them as Kubernetes objects.
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
      if (E.isLeft(json)) found.push({ index: i, issues: json.left.issues })
      else claimed.push({ index: i, value: json.right })
      return
    }
    const decoded = decodeDocument(value)
    if (E.isLeft(decoded)) found.push({ index: i, issues: decoded.left })
    else objects.push(...decoded.right)
  })
  if (whole !== undefined) return E.left(DecodeError.single('', whole))
  const prefixOf = (i: number): string => (present > 1 ? `[document ${i + 1}]` : '')
  const issues = found.flatMap(({ index: i, issues: list }) => {
    const prefix = prefixOf(i)
    return list.map((f) => ({ path: prefix === '' ? f.path : f.path === '' ? prefix : `${prefix} ${f.path}`, message: f.message }))
  })
  const extras = claimed.map(({ index: i, value }): ExtraDocument => ({ path: prefixOf(i), value }))
  return issues.length > 0 ? E.left(DecodeError.make(issues)) : E.right({ objects, extras })
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
