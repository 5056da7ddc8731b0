/**
 * A stable pod-template hash: FNV-1a (32-bit) over canonical JSON of the template, plus the
 * collision count, encoded with upstream's safe alphabet. Upstream hashes a Go struct dump that
 * TypeScript cannot reproduce, so the values differ from upstream's, but the properties match:
 * deterministic, independent of key order and of an existing `pod-template-hash` label,
 * changed by the collision count, drawn from `bcdfghjklmnpqrstvwxz2456789`.
 */
import type { PodTemplateSpec } from '../api/pod.js'

/** The label carrying the template hash on Deployment-managed ReplicaSets and pods. */
export const podTemplateHashLabel = 'pod-template-hash'

const alphanums = 'bcdfghjklmnpqrstvwxz2456789'

/** Canonical JSON: object keys sorted, `undefined` members dropped. */
export const canonicalJson = (v: unknown): string => {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null'
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`
  const entries = Object.entries(v as Record<string, unknown>)
    .filter(([, x]) => x !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonicalJson(x)}`).join(',')}}`
}

const fnv1a = (bytes: Iterable<number>): number => {
  let h = 0x811c9dc5
  for (const b of bytes) {
    h ^= b
    h = Math.imul(h, 0x01000193) >>> 0
  }
  return h >>> 0
}

/** The template without its `pod-template-hash` label. */
export const withoutHashLabel = (template: PodTemplateSpec): PodTemplateSpec => {
  const labels = template.metadata?.labels
  if (labels === undefined || !(podTemplateHashLabel in labels)) return template
  const { [podTemplateHashLabel]: _drop, ...rest } = labels
  return { ...template, metadata: { ...template.metadata, labels: rest } }
}

/** Safe-encodes a decimal string into upstream's vowel-free alphabet. */
export const safeEncode = (s: string): string =>
  Array.from(s, (c) => alphanums[c.charCodeAt(0) % alphanums.length]).join('')

/** The template hash for `template` and the Deployment's `status.collisionCount`. */
export const computeHash = (template: PodTemplateSpec, collisionCount?: number): string => {
  const bytes: Array<number> = Array.from(new TextEncoder().encode(canonicalJson(withoutHashLabel(template))))
  if (collisionCount !== undefined) {
    const c = collisionCount >>> 0
    bytes.push(c & 0xff, (c >>> 8) & 0xff, (c >>> 16) & 0xff, (c >>> 24) & 0xff, 0, 0, 0, 0)
  }
  return safeEncode(String(fnv1a(bytes)))
}
