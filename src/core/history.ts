/**
 * ControllerRevision history, shared by the StatefulSet and DaemonSet controllers (upstream
 * `pkg/controller/history`): what a revision stores, how it is named and hashed, how revisions
 * are ordered and numbered, and when two of them are the same.
 *
 * A revision stores a strategic-merge patch that replaces the workload's pod template. Revisions
 * read from a real cluster keep what the API server stored, `null`s included (a stored template
 * has `"creationTimestamp": null`), so revisions are compared by meaning — key order and `null`
 * members ignored — never by bytes: a byte comparison would take a cluster's own revision for a
 * new template and start a rollout nobody asked for.
 *
 * The hashes follow upstream's recipes (StatefulSet: FNV-1 over the patch, then the decimal
 * collision count; DaemonSet: FNV-1a over the template, then the collision count as eight
 * little-endian bytes; both safe-encoded), over canonical JSON instead of Go's serialisation, so
 * the values differ from upstream's while the properties match.
 */
import type { ControllerRevision } from '../api/node.js'
import type { PodTemplateSpec } from '../api/pod.js'
import type { JsonObject } from '../api/sanitize.js'
import type { DaemonSet, StatefulSet } from '../api/workloads.js'
import { canonicalJson, safeEncode } from './hash.js'
import { newControllerRef } from './ownership.js'
import { compareStrings } from './order.js'
import * as T from './time.js'

/** The label carrying a StatefulSet revision's hash (`controller.kubernetes.io/hash`). */
export const revisionHashLabel = 'controller.kubernetes.io/hash'

/**
 * The label `controller-revision-hash`: on a StatefulSet's pods the revision's name, on a
 * DaemonSet's pods and revisions the bare hash.
 */
export const controllerRevisionHashLabel = 'controller-revision-hash'

/** What a revision stores: `{spec: {template: {...template, $patch: 'replace'}}}`. */
export const templatePatch = (template: PodTemplateSpec): JsonObject =>
  ({ spec: { template: { ...template, $patch: 'replace' } } }) as unknown as JsonObject

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> =>
  typeof v === 'object' && v !== null && !Array.isArray(v)

/** The pod template a revision stores, or `undefined` when its data holds none. */
export const templateOf = (revision: ControllerRevision): PodTemplateSpec | undefined => {
  const spec = isRecord(revision.data) ? revision.data['spec'] : undefined
  const template = isRecord(spec) ? spec['template'] : undefined
  if (!isRecord(template)) return undefined
  const { $patch: _patch, ...rest } = withoutNulls(template) as Readonly<Record<string, unknown>>
  return rest as PodTemplateSpec
}

/** `v` with every `null` object member left out, at any depth (array elements are kept). */
const withoutNulls = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(withoutNulls)
  if (!isRecord(v)) return v
  const out: Record<string, unknown> = {}
  for (const [k, x] of Object.entries(v)) if (x !== null && x !== undefined) out[k] = withoutNulls(x)
  return out
}

/** True when `a` and `b` mean the same: key order and `null` object members (read as unset) don't matter. */
export const sameData = (a: unknown, b: unknown): boolean => canonicalJson(withoutNulls(a)) === canonicalJson(withoutNulls(b))

/** A hash label's value as upstream reads it: a base-10 32-bit integer, else `undefined`. */
const numericHash = (r: ControllerRevision): number | undefined => {
  const s = r.metadata.labels?.[revisionHashLabel]
  if (s === undefined || !/^[+-]?\d+$/.test(s)) return undefined
  const n = Number(s)
  return n >= -(2 ** 31) && n < 2 ** 31 ? n >>> 0 : undefined
}

/**
 * Upstream `EqualRevision`, by meaning: revisions whose hash labels are both numeric and differ
 * are different; otherwise they are equal when their data mean the same.
 */
export const equalRevision = (a: ControllerRevision, b: ControllerRevision): boolean => {
  const ha = numericHash(a)
  const hb = numericHash(b)
  if (ha !== undefined && hb !== undefined && ha !== hb) return false
  return sameData(a.data, b.data)
}

const creationMs = (r: ControllerRevision): number => T.parse(r.metadata.creationTimestamp) ?? 0

/** Orders revisions by revision number, then creation time, then name. */
export const compareRevisions = (a: ControllerRevision, b: ControllerRevision): number =>
  a.revision - b.revision || creationMs(a) - creationMs(b) || compareStrings(a.metadata.name ?? '', b.metadata.name ?? '')

/** The revisions in ascending order (`compareRevisions`); the input is not changed. */
export const sortRevisions = (revs: ReadonlyArray<ControllerRevision>): ReadonlyArray<ControllerRevision> =>
  [...revs].sort(compareRevisions)

/** The number a new revision gets: one more than the highest, or 1 when there are none. */
export const nextRevision = (revs: ReadonlyArray<ControllerRevision>): number =>
  revs.reduce((max, r) => Math.max(max, r.revision), 0) + 1

const utf8 = (s: string): Array<number> => Array.from(new TextEncoder().encode(s))

const fnv1 = (bytes: ReadonlyArray<number>): number => {
  let h = 0x811c9dc5
  for (const b of bytes) h = (Math.imul(h, 0x01000193) ^ b) >>> 0
  return h >>> 0
}

const fnv1a = (bytes: ReadonlyArray<number>): number => {
  let h = 0x811c9dc5
  for (const b of bytes) h = Math.imul(h ^ b, 0x01000193) >>> 0
  return h >>> 0
}

/** A StatefulSet revision's hash: FNV-1 over the canonical patch, then the decimal collision count. */
export const statefulSetHash = (patch: JsonObject, collisionCount: number): string =>
  safeEncode(String(fnv1([...utf8(canonicalJson(withoutNulls(patch))), ...utf8(String(collisionCount))])))

/** A DaemonSet's template hash: FNV-1a over the canonical template, then the collision count as eight little-endian bytes. */
export const daemonSetHash = (template: PodTemplateSpec, collisionCount: number | undefined): string => {
  const bytes = utf8(canonicalJson(withoutNulls(template)))
  if (collisionCount !== undefined) {
    const c = collisionCount >>> 0
    bytes.push(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff, 0, 0, 0, 0)
  }
  return safeEncode(String(fnv1a(bytes)))
}

/** `<parent name>-<hash>`, the parent's name (ASCII, as names are) cut to 223 characters so the whole fits 253. */
export const revisionName = (parentName: string, hash: string): string => `${parentName.slice(0, 223)}-${hash}`

/**
 * A new revision of `parent`'s current template: in the parent's namespace, controlled by it,
 * with the parent's annotations, the template's labels plus `labels`, and the template patch.
 */
export const newRevision = (
  parent: StatefulSet | DaemonSet,
  args: { readonly name: string; readonly revision: number; readonly labels: Readonly<Record<string, string>> },
): ControllerRevision => {
  const template = parent.spec.template
  const annotations = parent.metadata.annotations
  return {
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: {
      name: args.name,
      ...(parent.metadata.namespace === undefined ? {} : { namespace: parent.metadata.namespace }),
      labels: { ...template.metadata?.labels, ...args.labels },
      ...(annotations === undefined ? {} : { annotations }),
      ownerReferences: [newControllerRef(parent)],
    },
    data: templatePatch(template),
    revision: args.revision,
  }
}
