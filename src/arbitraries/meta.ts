/**
 * Arbitraries for the parts every object shares: DNS-1123 names, label keys, values and maps,
 * label selectors (with labels that match them), uids, RFC 3339 timestamps, owner references
 * and `ObjectMeta`.
 *
 * Everything is valid by construction (no `.filter`), shrinks toward short, simple values,
 * and is shaped as the API server stores it: empty maps and lists are left out.
 *
 * Constraint fields marked `Given<A>` accept either a fixed value or an arbitrary of it.
 */
import fc from 'fast-check'
import type { LabelSelector, LabelSelectorRequirement, ObjectMeta, OwnerReference, StringMap } from '../api/meta.js'
import * as T from '../core/time.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** A constraint that is either a fixed value or an arbitrary producing it. */
export type Given<A> = A | fc.Arbitrary<A>

/** The arbitrary for a `Given` value (a fixed value becomes `fc.constant`). */
export const given = <A>(value: Given<A>): fc.Arbitrary<A> =>
  value instanceof fc.Arbitrary ? value : fc.constant(value)

/** A closed interval of instants; either end defaults to the default window's. */
export interface TimeWindow {
  readonly min?: Date
  readonly max?: Date
}

/** The default window for timestamps: 2020-01-01T00:00:00Z to 2030-01-01T00:00:00Z. */
export const defaultWindow: { readonly min: Date; readonly max: Date } = {
  min: new Date(Date.UTC(2020, 0, 1)),
  max: new Date(Date.UTC(2030, 0, 1)),
}

/** The instant the single-object arbitraries use as "now" when none is given: 2024-06-01T00:00:00Z. */
export const defaultNow: Date = new Date(Date.UTC(2024, 5, 1))

// -------------------------------------------------------------------------------------
// strings
// -------------------------------------------------------------------------------------

const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789'
const ALNUM = `${LOWER_ALNUM}ABCDEFGHIJKLMNOPQRSTUVWXYZ`

/** Strings of `min..max` characters whose first and last come from `edge` and the others from `inner`. */
const edged = (edge: string, inner: string, min: number, max: number): fc.Arbitrary<string> => {
  const e = fc.constantFrom(...edge)
  if (max <= 1) return e
  const body = fc
    .tuple(e, fc.string({ unit: fc.constantFrom(...inner), minLength: Math.max(0, min - 2), maxLength: max - 2 }), e)
    .map(([a, b, c]) => a + b + c)
  return min <= 1 ? fc.oneof(e, body) : body
}

/** `edged` strings of 1..maxLength characters: mostly at most 12, sometimes within 2 of `maxLength`. */
const shaped = (edge: string, inner: string, maxLength: number): fc.Arbitrary<string> =>
  maxLength <= 12
    ? edged(edge, inner, 1, maxLength)
    : fc.oneof(
        { weight: 14, arbitrary: edged(edge, inner, 1, 12) },
        { weight: 1, arbitrary: edged(edge, inner, maxLength - 2, maxLength) },
      )

/** Bounds for the name arbitraries. */
export interface NameConstraints {
  /** Longest name generated; at most 63 for labels and 253 for subdomains (the defaults). */
  readonly maxLength?: number
}

/**
 * A DNS-1123 label (`[a-z0-9]([-a-z0-9]*[a-z0-9])?`, at most 63 characters): namespace names,
 * container names. Biased toward short names, with occasional names near the limit.
 */
export const dnsLabel = (constraints: NameConstraints = {}): fc.Arbitrary<string> =>
  shaped(LOWER_ALNUM, `${LOWER_ALNUM}-`, Math.min(constraints.maxLength ?? 63, 63))

/** Joins labels with dots, truncating the last one that would overflow `max`. */
const joinWithin = (labels: ReadonlyArray<string>, max: number): string => {
  let out = ''
  for (const l of labels) {
    const room = out === '' ? max : max - out.length - 1
    if (room < 1) break
    const part = l.length <= room ? l : l.slice(0, room).replace(/-+$/, '')
    out = out === '' ? part : `${out}.${part}`
    if (part.length < l.length) break
  }
  return out
}

/**
 * A DNS-1123 subdomain (dot-separated labels, at most 253 characters): the names of most
 * objects. Biased toward one short label.
 */
export const dnsSubdomain = (constraints: NameConstraints = {}): fc.Arbitrary<string> => {
  const max = Math.min(constraints.maxLength ?? 253, 253)
  const label = dnsLabel({ maxLength: max })
  const longLabel = edged(LOWER_ALNUM, `${LOWER_ALNUM}-`, Math.min(max, 60), Math.min(max, 63))
  return fc
    .oneof(
      { weight: 6, arbitrary: fc.array(label, { minLength: 1, maxLength: 1 }) },
      { weight: 3, arbitrary: fc.array(label, { minLength: 2, maxLength: 3 }) },
      { weight: 1, arbitrary: fc.array(longLabel, { minLength: 4, maxLength: 5 }) },
    )
    .map((labels) => joinWithin(labels, max))
}

/** The name part of a qualified name (`[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?`, at most 63). */
const qualifiedNamePart = (): fc.Arbitrary<string> => shaped(ALNUM, `${ALNUM}-_.`, 63)

/** Well-known label keys, so that independently generated label maps share keys. */
export const commonLabelKeys: ReadonlyArray<string> = [
  'app',
  'tier',
  'env',
  'track',
  'app.kubernetes.io/name',
  'app.kubernetes.io/component',
]

/** Common label values, so that independently generated label maps share values. */
export const commonLabelValues: ReadonlyArray<string> = ['web', 'db', 'cache', 'prod', 'canary', 'a', 'b', '']

/** Bounds for `labelKey`. */
export interface LabelKeyConstraints {
  /** Whether keys carry a DNS-subdomain prefix (`example.com/name`); default: sometimes. */
  readonly prefixed?: boolean
}

/** A label or annotation key: an optional DNS-subdomain prefix and `/`, then a name of at most 63. */
export const labelKey = (constraints: LabelKeyConstraints = {}): fc.Arbitrary<string> => {
  const prefix = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('example.com', 'app.kubernetes.io', 'k8s.io') },
    { weight: 1, arbitrary: dnsSubdomain() },
  )
  const withPrefix = fc.tuple(prefix, qualifiedNamePart()).map(([p, n]) => `${p}/${n}`)
  switch (constraints.prefixed) {
    case true:
      return withPrefix
    case false:
      return qualifiedNamePart()
    default:
      return fc.oneof({ weight: 3, arbitrary: qualifiedNamePart() }, { weight: 1, arbitrary: withPrefix })
  }
}

/** A label value: empty, or `[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?` of at most 63 characters. */
export const labelValue = (): fc.Arbitrary<string> =>
  fc.oneof({ weight: 1, arbitrary: fc.constant('') }, { weight: 6, arbitrary: qualifiedNamePart() })

/** Bounds and sources for `labels`. */
export interface LabelsConstraints {
  readonly minKeys?: number
  /** Default 4. */
  readonly maxKeys?: number
  /** Keys; default mostly `commonLabelKeys`, sometimes any `labelKey()`. */
  readonly keys?: fc.Arbitrary<string>
  /** Values; default mostly `commonLabelValues`, sometimes any `labelValue()`. */
  readonly values?: fc.Arbitrary<string>
}

const defaultKeys = (): fc.Arbitrary<string> =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...commonLabelKeys) }, { weight: 1, arbitrary: labelKey() })

const defaultValues = (): fc.Arbitrary<string> =>
  fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...commonLabelValues) }, { weight: 1, arbitrary: labelValue() })

/** A label map (plain object). Keys and values default to small shared vocabularies, so maps overlap. */
export const labels = (constraints: LabelsConstraints = {}): fc.Arbitrary<StringMap> =>
  fc.dictionary(constraints.keys ?? defaultKeys(), constraints.values ?? defaultValues(), {
    minKeys: constraints.minKeys ?? 0,
    maxKeys: constraints.maxKeys ?? 4,
    noNullPrototype: true,
  })

// -------------------------------------------------------------------------------------
// selectors
// -------------------------------------------------------------------------------------

/** The set-based selector operators. */
export type SelectorOperator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'

/** What `labelSelector` generates. */
export interface LabelSelectorConstraints {
  /** Labels every generated selector must match; default: an arbitrary `labels()` map is matched. */
  readonly labels?: StringMap
  /** Operators allowed in `matchExpressions`; default all four. `[]` gives `matchLabels` only. */
  readonly operators?: ReadonlyArray<SelectorOperator>
  /** Most `matchLabels` entries (default 3). */
  readonly maxMatchLabels?: number
  /** Most `matchExpressions` (default 2). */
  readonly maxExpressions?: number
  /**
   * Whether the empty selector `{}` (which selects everything) may be generated; default true.
   * Workload kinds reject it, so pass `false` for them. Contradictory constraints (e.g. given
   * `labels: {}` with only `In`/`Exists` operators) throw when the arbitrary is built.
   */
  readonly allowEmpty?: boolean
}

const requirement = (key: string, operator: SelectorOperator, values?: ReadonlyArray<string>): LabelSelectorRequirement =>
  values === undefined ? { key, operator } : { key, operator, values }

/** `v` when `avoid` lacks it, otherwise the first of `v0`, `v1`, ... that `avoid` lacks. */
const outside = (v: string, avoid: ReadonlyArray<string>): string => {
  if (!avoid.includes(v)) return v
  let i = 0
  while (avoid.includes(`v${i}`)) i++
  return `v${i}`
}

/** Sorted distinct values, as kubectl and most manifests write them. */
const distinct = (vs: ReadonlyArray<string>): ReadonlyArray<string> => Array.from(new Set(vs)).sort()

/** A requirement on a key the labels carry, satisfied by its value. */
const presentRequirement = (
  key: string,
  value: string,
  ops: ReadonlyArray<SelectorOperator>,
): fc.Arbitrary<LabelSelectorRequirement> | undefined => {
  const choices: Array<fc.Arbitrary<LabelSelectorRequirement>> = []
  const others = fc.array(defaultValues(), { maxLength: 2 })
  if (ops.includes('In')) choices.push(others.map((vs) => requirement(key, 'In', distinct([value, ...vs]))))
  if (ops.includes('NotIn'))
    choices.push(
      fc.array(defaultValues(), { minLength: 1, maxLength: 2 }).map((vs) =>
        requirement(key, 'NotIn', distinct(vs.map((v) => outside(v, [value])))),
      ),
    )
  if (ops.includes('Exists')) choices.push(fc.constant(requirement(key, 'Exists')))
  return choices.length === 0 ? undefined : fc.oneof(...choices)
}

/**
 * A requirement on a key the labels lack (`NotIn` or `DoesNotExist`), so it always holds;
 * `undefined` if neither operator is allowed.
 */
const absentRequirement = (
  keys: ReadonlyArray<string>,
  ops: ReadonlyArray<SelectorOperator>,
): fc.Arbitrary<LabelSelectorRequirement> | undefined => {
  const key = defaultKeys().map((k) => outside(k, keys))
  const choices: Array<fc.Arbitrary<LabelSelectorRequirement>> = []
  if (ops.includes('NotIn'))
    choices.push(
      fc
        .tuple(key, fc.array(defaultValues(), { minLength: 1, maxLength: 2 }))
        .map(([k, vs]) => requirement(k, 'NotIn', distinct(vs))),
    )
  if (ops.includes('DoesNotExist')) choices.push(key.map((k) => requirement(k, 'DoesNotExist')))
  return choices.length === 0 ? undefined : fc.oneof(...choices)
}

const ALL_OPERATORS: ReadonlyArray<SelectorOperator> = ['In', 'NotIn', 'Exists', 'DoesNotExist']

const selectorOf = ([matchLabels, matchExpressions]: readonly [
  ReadonlyArray<readonly [string, string]>,
  ReadonlyArray<LabelSelectorRequirement>,
]): LabelSelector => ({
  ...(matchLabels.length === 0 ? {} : { matchLabels: Object.fromEntries(matchLabels) }),
  ...(matchExpressions.length === 0 ? {} : { matchExpressions }),
})

/** Selectors that `l` satisfies: each matchLabels entry is one of its pairs, each requirement holds for it. */
const selectorMatching = (l: StringMap, c: LabelSelectorConstraints): fc.Arbitrary<LabelSelector> => {
  const ops = c.operators ?? ALL_OPERATORS
  const entries = Object.entries(l)
  const maxMl = Math.min(c.maxMatchLabels ?? 3, entries.length)
  const maxEx = c.maxExpressions ?? 2
  const present = entries.flatMap(([k, v]) => {
    const r = presentRequirement(k, v, ops)
    return r === undefined ? [] : [r]
  })
  const absent = absentRequirement(Object.keys(l), ops)
  const requirements = [
    ...(present.length === 0 ? [] : [{ weight: 2, arbitrary: fc.oneof(...present) }]),
    ...(absent === undefined ? [] : [{ weight: 1, arbitrary: absent }]),
  ]
  const ml = (min: number) => fc.subarray(entries, { minLength: min, maxLength: Math.max(min, maxMl) })
  const exprs = (min: number): fc.Arbitrary<ReadonlyArray<LabelSelectorRequirement>> =>
    requirements.length > 0 && maxEx > 0
      ? fc.array(fc.oneof(...requirements), { minLength: min, maxLength: Math.max(min, maxEx) })
      : fc.constant([])
  if (c.allowEmpty ?? true) return fc.tuple(ml(0), exprs(0)).map(selectorOf)
  // Non-empty by construction: at least one matchLabels entry, or at least one requirement.
  const nonEmpty: Array<fc.Arbitrary<LabelSelector>> = []
  if (maxMl > 0) nonEmpty.push(fc.tuple(ml(1), exprs(0)).map(selectorOf))
  if (requirements.length > 0 && maxEx > 0) nonEmpty.push(fc.tuple(ml(0), exprs(1)).map(selectorOf))
  if (nonEmpty.length === 0) throw new Error('labelSelector: no non-empty selector matches these labels under these constraints')
  return fc.oneof(...nonEmpty)
}

/** True when only a non-empty label map can be matched by a non-empty selector of these operators. */
const needsKeys = (c: LabelSelectorConstraints): boolean =>
  c.allowEmpty === false && !(c.operators ?? ALL_OPERATORS).some((o) => o === 'NotIn' || o === 'DoesNotExist')

/**
 * A label selector with `matchLabels` and `matchExpressions` (`In`, `NotIn`, `Exists`,
 * `DoesNotExist`). With `labels`, every selector generated matches them; without, each selector
 * matches some generated label map (use `selectorAndLabels` to get both).
 */
export const labelSelector = (constraints: LabelSelectorConstraints = {}): fc.Arbitrary<LabelSelector> =>
  constraints.labels !== undefined
    ? selectorMatching(constraints.labels, constraints)
    : labels({ minKeys: needsKeys(constraints) ? 1 : 0 }).chain((l) => selectorMatching(l, constraints))

/** A selector together with labels it selects. */
export interface SelectorAndLabels {
  readonly selector: LabelSelector
  readonly labels: StringMap
}

/** Constraints for `selectorAndLabels`: the selector's, plus the source of the labels. */
export interface SelectorAndLabelsConstraints extends Omit<LabelSelectorConstraints, 'labels'> {
  readonly labels?: LabelsConstraints
}

/**
 * Labels and a selector that matches them, valid by construction. The labels usually carry
 * keys the selector does not mention.
 */
export const selectorAndLabels = (constraints: SelectorAndLabelsConstraints = {}): fc.Arbitrary<SelectorAndLabels> => {
  const { labels: lc, ...sc } = constraints
  const minKeys = Math.max(lc?.minKeys ?? 0, needsKeys(sc) ? 1 : 0)
  return labels({ ...lc, minKeys }).chain((l) => selectorMatching(l, sc).map((selector) => ({ selector, labels: l })))
}

/**
 * Labels that a non-empty `selector` does NOT match, made from `base` (usually labels it does
 * match) by breaking one of its requirements: near misses, for testing release and adoption.
 * Throws for the empty selector, which matches every label map.
 */
export const labelsNotMatching = (selector: LabelSelector, base: StringMap = {}): fc.Arbitrary<StringMap> => {
  const without = (k: string): StringMap => Object.fromEntries(Object.entries(base).filter(([key]) => key !== k))
  const withValue = (k: string, v: string): StringMap => ({ ...base, [k]: v })
  const breakers: Array<fc.Arbitrary<StringMap>> = []
  for (const [k, v] of Object.entries(selector.matchLabels ?? {}))
    breakers.push(fc.oneof(fc.constant(without(k)), defaultValues().map((x) => withValue(k, outside(x, [v])))))
  for (const r of selector.matchExpressions ?? []) {
    const vs = r.values ?? []
    switch (r.operator) {
      case 'In':
        breakers.push(
          fc.oneof(
            fc.constant(without(r.key)),
            defaultValues().map((x) => withValue(r.key, outside(x, vs))),
          ),
        )
        break
      case 'NotIn':
        if (vs.length > 0) breakers.push(fc.constantFrom(...vs).map((x) => withValue(r.key, x)))
        break
      case 'Exists':
        breakers.push(fc.constant(without(r.key)))
        break
      case 'DoesNotExist':
        breakers.push(defaultValues().map((x) => withValue(r.key, x)))
        break
    }
  }
  if (breakers.length === 0) throw new Error('labelsNotMatching: the selector matches every label map')
  return fc.oneof(...breakers)
}

// -------------------------------------------------------------------------------------
// identity and time
// -------------------------------------------------------------------------------------

/** An object uid as the API server assigns it: a lowercase version-4 UUID. */
export const uid = (): fc.Arbitrary<string> => fc.uuid({ version: 4 })

/** A `resourceVersion`: a decimal string, as etcd revisions are. */
export const resourceVersion = (): fc.Arbitrary<string> => fc.integer({ min: 1, max: 999_999_999 }).map(String)

const windowSeconds = (w: TimeWindow): readonly [number, number] => {
  const min = Math.ceil((w.min ?? defaultWindow.min).getTime() / 1000)
  const max = Math.floor((w.max ?? defaultWindow.max).getTime() / 1000)
  if (min > max) throw new Error('time window: min is after max')
  return [min, max]
}

/** Milliseconds of a whole-second instant within the window (default `defaultWindow`). */
export const instantMs = (window: TimeWindow = {}): fc.Arbitrary<number> => {
  const [min, max] = windowSeconds(window)
  return fc.integer({ min, max }).map((s) => s * 1000)
}

/** An RFC 3339 timestamp in the Kubernetes form (`2024-01-01T00:00:00Z`) within the window. */
export const timestamp = (window: TimeWindow = {}): fc.Arbitrary<string> => instantMs(window).map(T.format)

/** A simulated "now": a whole-second `Date` within the window (default `defaultWindow`). */
export const now = (window: TimeWindow = {}): fc.Arbitrary<Date> => instantMs(window).map((ms) => new Date(ms))

/** Milliseconds of an instant within the window, to the millisecond (not only whole seconds). */
export const preciseInstantMs = (window: TimeWindow = {}): fc.Arbitrary<number> => {
  const min = (window.min ?? defaultWindow.min).getTime()
  const max = (window.max ?? defaultWindow.max).getTime()
  if (min > max) throw new Error('time window: min is after max')
  return fc.integer({ min, max })
}

/** UTC offsets (minutes) `timestampText` writes times in, besides `Z`: whole and half hours, both signs. */
const offsetsMinutes: ReadonlyArray<number> = [0, 60, -60, 330, -210, 840, -720]

const two = (n: number): string => String(n).padStart(2, '0')

/**
 * The RFC 3339 texts of the instant `ms` (whole milliseconds), as other writers than the API
 * server's own clock may store it: `Z` or a `±hh:mm` offset (`+00:00` included), and up to 9
 * fraction digits (as many as `ms` needs at least, `.5` for 500 ms, padded with zeros beyond, so
 * the text names exactly `ms`). Whole seconds also come in the Kubernetes form `2024-01-01T00:00:00Z`. Every
 * text decodes (`isRfc3339`) and `Date.parse` gives back `ms`.
 */
export const timestampText = (ms: number): fc.Arbitrary<string> => {
  const millis = ((ms % 1000) + 1000) % 1000
  const significant = millis === 0 ? 0 : millis % 100 === 0 ? 1 : millis % 10 === 0 ? 2 : 3
  const digits = fc.integer({ min: Math.max(1, significant), max: 9 })
  const fraction = (millis === 0 ? fc.oneof(fc.constant(0), digits) : digits).map((n) =>
    n === 0 ? '' : `.${String(millis).padStart(3, '0').padEnd(n, '0').slice(0, n)}`,
  )
  const offset = fc.oneof(fc.constant(undefined), fc.constantFrom(...offsetsMinutes))
  return fc.tuple(offset, fraction).map(([minutes, frac]) => {
    const local = new Date(ms + (minutes ?? 0) * 60_000).toISOString().slice(0, 19)
    if (minutes === undefined) return `${local}${frac}Z`
    const abs = Math.abs(minutes)
    return `${local}${frac}${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`
  })
}

/** A timestamp within the window in any RFC 3339 form `timestampText` writes. */
export const anyTimestamp = (window: TimeWindow = {}): fc.Arbitrary<string> => preciseInstantMs(window).chain(timestampText)

// -------------------------------------------------------------------------------------
// owner references
// -------------------------------------------------------------------------------------

/** An owner's `apiVersion` and `kind`. */
export interface OwnerKind {
  readonly apiVersion: string
  readonly kind: string
}

/** The kinds that own other objects in the modelled controllers. */
export const ownerKinds: ReadonlyArray<OwnerKind> = [
  { apiVersion: 'apps/v1', kind: 'ReplicaSet' },
  { apiVersion: 'apps/v1', kind: 'Deployment' },
  { apiVersion: 'apps/v1', kind: 'StatefulSet' },
  { apiVersion: 'apps/v1', kind: 'DaemonSet' },
  { apiVersion: 'batch/v1', kind: 'Job' },
  { apiVersion: 'batch/v1', kind: 'CronJob' },
  { apiVersion: 'v1', kind: 'ReplicationController' },
]

/** What `ownerReference` generates. */
export interface OwnerReferenceConstraints {
  /** Owner kinds to pick from; default `ownerKinds`. */
  readonly kinds?: ReadonlyArray<OwnerKind>
  /** `true`: a controller reference; `false`: never one; default either. */
  readonly controller?: boolean
  readonly name?: Given<string>
  readonly uid?: Given<string>
}

/**
 * An owner reference. Controller references carry `blockOwnerDeletion: true`, as controllers
 * set them; other references sometimes carry `controller: false`.
 */
export const ownerReference = (constraints: OwnerReferenceConstraints = {}): fc.Arbitrary<OwnerReference> => {
  const kinds = constraints.kinds ?? ownerKinds
  if (kinds.length === 0) throw new Error('ownerReference: kinds is empty')
  const shape =
    constraints.controller === true
      ? fc.constant('controller' as const)
      : constraints.controller === false
        ? fc.constantFrom('plain' as const, 'notController' as const)
        : fc.constantFrom('controller' as const, 'plain' as const, 'notController' as const)
  return fc
    .record({
      kind: fc.constantFrom(...kinds),
      name: given(constraints.name ?? dnsSubdomain()),
      uid: given(constraints.uid ?? uid()),
      shape,
    })
    .map(({ kind, name, uid: u, shape: s }) => ({
      apiVersion: kind.apiVersion,
      kind: kind.kind,
      name,
      uid: u,
      ...(s === 'controller' ? { controller: true, blockOwnerDeletion: true } : s === 'notController' ? { controller: false } : {}),
    }))
}

/** What `ownerReferences` generates. */
export interface OwnerReferencesConstraints {
  /** Most references (default 2). */
  readonly maxLength?: number
  /** `true`: exactly one controller reference; `false`: none; default at most one. */
  readonly withController?: boolean
  readonly kinds?: ReadonlyArray<OwnerKind>
}

/** A list of owner references with at most one controller reference (the API server rejects two). */
export const ownerReferences = (constraints: OwnerReferencesConstraints = {}): fc.Arbitrary<ReadonlyArray<OwnerReference>> => {
  const max = constraints.maxLength ?? 2
  const kinds = constraints.kinds === undefined ? {} : { kinds: constraints.kinds }
  const plain = fc.array(ownerReference({ ...kinds, controller: false }), { maxLength: max })
  const ctrl = ownerReference({ ...kinds, controller: true })
  const withCtrl = fc
    .tuple(ctrl, fc.array(ownerReference({ ...kinds, controller: false }), { maxLength: Math.max(0, max - 1) }), fc.nat())
    .map(([c, rest, at]) => {
      const i = at % (rest.length + 1)
      return [...rest.slice(0, i), c, ...rest.slice(i)]
    })
  if (max === 0 || constraints.withController === false) return plain
  return constraints.withController === true ? withCtrl : fc.oneof(plain, withCtrl)
}

// -------------------------------------------------------------------------------------
// ObjectMeta
// -------------------------------------------------------------------------------------

/** What `objectMeta` generates. Every field is optional. */
export interface ObjectMetaConstraints {
  /** Default `dnsSubdomain()`. */
  readonly name?: Given<string>
  /** When set, `name` is this prefix plus 5 characters, as the API server picks it, and `generateName` is kept. */
  readonly generateName?: string
  /** Default `'default'`; ignored when `clusterScoped`. */
  readonly namespace?: Given<string>
  /** No namespace (Nodes and other cluster-scoped kinds). Default false. */
  readonly clusterScoped?: boolean
  /** Default `labels()`. */
  readonly labels?: Given<StringMap>
  /** Default none. */
  readonly annotations?: Given<StringMap>
  /** Default none. */
  readonly ownerReferences?: Given<ReadonlyArray<OwnerReference>>
  /** Default none. */
  readonly finalizers?: Given<ReadonlyArray<string>>
  /** Default `uid()`. */
  readonly uid?: Given<string>
  /** Window for `creationTimestamp` (default `defaultWindow`). */
  readonly created?: TimeWindow
  /**
   * `true`: always being deleted, `false`: never; default: sometimes. A deleted object has a
   * `deletionGracePeriodSeconds` and a `deletionTimestamp` of its delete request (at or after
   * creation) plus that grace period.
   */
  readonly terminating?: boolean
  /** Whether `metadata.generation` is set (kinds with a spec; default false). */
  readonly generation?: boolean
}

/** The characters the API server draws generated name suffixes from (no vowels, no look-alikes). */
export const nameSuffixAlphabet = 'bcdfghjklmnpqrstvwxz2456789'

/** A 5-character generated-name suffix. */
export const nameSuffix = (): fc.Arbitrary<string> =>
  fc.string({ unit: fc.constantFrom(...nameSuffixAlphabet), minLength: 5, maxLength: 5 })

/**
 * Object metadata as the API server stores it: name, namespace (unless cluster-scoped), uid,
 * resourceVersion and creationTimestamp always; labels, annotations, owner references and
 * finalizers when non-empty; generation and deletion fields when asked for.
 */
export const objectMeta = (constraints: ObjectMetaConstraints = {}): fc.Arbitrary<ObjectMeta> => {
  const gen = constraints.generateName
  const name = gen !== undefined ? nameSuffix().map((s) => gen + s) : given(constraints.name ?? dnsSubdomain())
  const terminating =
    constraints.terminating === undefined
      ? fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })
      : fc.constant(constraints.terminating)
  return fc
    .record({
      name,
      namespace: given(constraints.namespace ?? 'default'),
      uid: given(constraints.uid ?? uid()),
      resourceVersion: resourceVersion(),
      generation: fc.integer({ min: 1, max: 20 }),
      created: instantMs(constraints.created ?? {}),
      terminating,
      deleteAfter: fc.integer({ min: 0, max: 3600 }),
      grace: fc.constantFrom(30, 0, 1, 60),
      labels: given(constraints.labels ?? labels()),
      annotations: given(constraints.annotations ?? {}),
      ownerReferences: given(constraints.ownerReferences ?? []),
      finalizers: given(constraints.finalizers ?? []),
    })
    .map((m) => ({
      name: m.name,
      ...(gen === undefined ? {} : { generateName: gen }),
      ...(constraints.clusterScoped === true ? {} : { namespace: m.namespace }),
      uid: m.uid,
      resourceVersion: m.resourceVersion,
      ...(constraints.generation === true ? { generation: m.generation } : {}),
      creationTimestamp: T.format(m.created),
      ...(m.terminating
        ? { deletionTimestamp: T.format(m.created + (m.deleteAfter + m.grace) * 1000), deletionGracePeriodSeconds: m.grace }
        : {}),
      ...(Object.keys(m.labels).length === 0 ? {} : { labels: m.labels }),
      ...(Object.keys(m.annotations).length === 0 ? {} : { annotations: m.annotations }),
      ...(m.ownerReferences.length === 0 ? {} : { ownerReferences: m.ownerReferences }),
      ...(m.finalizers.length === 0 ? {} : { finalizers: m.finalizers }),
    }))
}
