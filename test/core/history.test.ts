import { describe, expect, it } from 'vitest'
import * as fc from 'fast-check'
import type { ControllerRevision } from '../../src/api/node.js'
import type { PodTemplateSpec } from '../../src/api/pod.js'
import type { DaemonSet, StatefulSet } from '../../src/api/workloads.js'
import { decode } from '../../src/api/decode.js'
import {
  compareRevisions,
  controllerRevisionHashLabel,
  daemonSetHash,
  equalRevision,
  newRevision,
  nextRevision,
  revisionHashLabel,
  revisionName,
  sameData,
  sortRevisions,
  statefulSetHash,
  templateOf,
  templatePatch,
} from '../../src/core/history.js'

const template: PodTemplateSpec = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] },
}

const rev = (name: string, revision: number, data: unknown, extra: Partial<ControllerRevision['metadata']> = {}): ControllerRevision => ({
  apiVersion: 'apps/v1',
  kind: 'ControllerRevision',
  metadata: { name, namespace: 'default', ...extra },
  data,
  revision,
})

const sts: StatefulSet = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'ns', uid: 'u-1', annotations: { note: 'x' } },
  spec: { selector: { matchLabels: { app: 'web' } }, serviceName: 'web', template },
}

describe('revision data', () => {
  it('stores the template as a replace patch and reads it back', () => {
    const patch = templatePatch(template)
    expect(patch).toEqual({ spec: { template: { ...template, $patch: 'replace' } } })
    expect(templateOf(rev('r', 1, patch))).toEqual(template)
  })

  it('reads a stored template with nulls as unset', () => {
    const stored = { spec: { template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: template.spec, $patch: 'replace' } } }
    expect(templateOf(rev('r', 1, stored))).toEqual(template)
  })

  it('has no template when data holds none', () => {
    expect(templateOf(rev('r', 1, undefined))).toBeUndefined()
    expect(templateOf(rev('r', 1, { spec: [] }))).toBeUndefined()
    expect(templateOf(rev('r', 1, { spec: { template: 'x' } }))).toBeUndefined()
    expect(templateOf(rev('r', 1, { other: { template } }))).toBeUndefined()
  })

  it('compares by meaning: key order and null members do not matter, values and array elements do', () => {
    expect(sameData({ a: 1, b: { c: null, d: [1, null] } }, { b: { d: [1, null] }, a: 1 })).toBe(true)
    expect(sameData({ a: 1 }, { a: 2 })).toBe(false)
    expect(sameData({ a: [1, null] }, { a: [1] })).toBe(false)
    expect(sameData({ a: {} }, {})).toBe(false)
  })
})

describe('decode keeps a revision data as stored', () => {
  it('keeps nulls inside data and drops them elsewhere', () => {
    const stored = { spec: { template: { metadata: { creationTimestamp: null }, spec: { containers: [] }, $patch: 'replace' } } }
    const r = decode({
      apiVersion: 'apps/v1',
      kind: 'ControllerRevision',
      metadata: { name: 'web-1', labels: null },
      data: stored,
      revision: 1,
    })
    expect(r._tag).toBe('Right')
    if (r._tag !== 'Right' || r.right.kind !== 'ControllerRevision') return
    expect(r.right.data).toEqual(stored)
    expect('labels' in r.right.metadata).toBe(false)
  })

  it('still drops nulls in every other kind', () => {
    const r = decode({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: null } })
    if (r._tag === 'Right') expect(JSON.stringify(r.right)).not.toContain('null')
  })
})

describe('equalRevision', () => {
  const patch = templatePatch(template)
  it('is equal for the same meaning whatever the hash labels say when they are not numeric', () => {
    const a = rev('a', 1, patch, { labels: { [revisionHashLabel]: 'bcdf' } })
    const b = rev('b', 2, JSON.parse(JSON.stringify(patch)), { labels: { [revisionHashLabel]: 'zzzz' } })
    expect(equalRevision(a, b)).toBe(true)
  })
  it('is different when both numeric hash labels differ, even for the same data', () => {
    const a = rev('a', 1, patch, { labels: { [revisionHashLabel]: '12' } })
    const b = rev('b', 1, patch, { labels: { [revisionHashLabel]: '13' } })
    expect(equalRevision(a, b)).toBe(false)
    expect(equalRevision(a, rev('c', 1, patch, { labels: { [revisionHashLabel]: '12' } }))).toBe(true)
    expect(equalRevision(a, rev('d', 1, patch))).toBe(true)
  })
  it('reads hash labels as signed 32-bit integers', () => {
    const big = rev('a', 1, patch, { labels: { [revisionHashLabel]: '4294967296' } })
    const neg = rev('b', 1, patch, { labels: { [revisionHashLabel]: '-1' } })
    const ok = rev('c', 1, patch, { labels: { [revisionHashLabel]: '7' } })
    expect(equalRevision(big, ok)).toBe(true) // out of range: not numeric
    expect(equalRevision(neg, ok)).toBe(false)
    expect(equalRevision(rev('e', 1, patch, { labels: { [revisionHashLabel]: '2147483648' } }), ok)).toBe(true)
    expect(equalRevision(rev('f', 1, patch, { labels: { [revisionHashLabel]: '2147483647' } }), ok)).toBe(false)
  })
  it('is different for different templates', () => {
    const other = templatePatch({ ...template, spec: { containers: [{ name: 'nginx', image: 'nginx:1.26' }] } })
    expect(equalRevision(rev('a', 1, patch), rev('b', 1, other))).toBe(false)
  })
})

describe('ordering and numbering', () => {
  it('sorts by revision, then creation time (any RFC 3339 form), then name', () => {
    const revs = [
      rev('b', 2, {}, { creationTimestamp: '2024-01-01T00:00:00Z' }),
      rev('a', 2, {}, { creationTimestamp: '2024-01-01T00:00:00Z' }),
      rev('c', 2, {}, { creationTimestamp: '2024-01-01T00:30:00+01:00' }),
      rev('z', 1, {}, { creationTimestamp: '2025-01-01T00:00:00Z' }),
    ]
    expect(sortRevisions(revs).map((r) => r.metadata.name)).toEqual(['z', 'c', 'a', 'b'])
    expect(revs.map((r) => r.metadata.name)).toEqual(['b', 'a', 'c', 'z'])
    expect(compareRevisions(revs[0] as ControllerRevision, revs[0] as ControllerRevision)).toBe(0)
  })
  it('numbers one past the highest', () => {
    expect(nextRevision([])).toBe(1)
    expect(nextRevision([rev('a', 3, {}), rev('b', 7, {}), rev('c', 2, {})])).toBe(8)
  })
})

describe('hashes and names', () => {
  const alphabet = /^[bcdfghjklmnpqrstvwxz2456789]+$/
  it('StatefulSet hash: deterministic, by meaning, changed by the collision count and the template', () => {
    const patch = templatePatch(template)
    const h = statefulSetHash(patch, 0)
    expect(h).toMatch(/^[4-9bcdf]+$/)
    expect(statefulSetHash(JSON.parse(JSON.stringify(patch)), 0)).toBe(h)
    expect(statefulSetHash(patch, 1)).not.toBe(h)
    expect(statefulSetHash(templatePatch({ ...template, metadata: { labels: { app: 'x' } } }), 0)).not.toBe(h)
  })
  it('DaemonSet hash: no collision count differs from 0; safe alphabet', () => {
    const h = daemonSetHash(template, undefined)
    expect(h).toMatch(alphabet)
    expect(daemonSetHash(template, 0)).not.toBe(h)
    expect(daemonSetHash(template, 0)).not.toBe(daemonSetHash(template, 1))
    expect(daemonSetHash({ ...template }, undefined)).toBe(h)
  })
  it('hashes are FNV: known values of the empty template', () => {
    // Computed independently (Python): FNV-1 of `{}0`, FNV-1a of `{}` and of `{}` + 3 as 8 LE bytes.
    expect(statefulSetHash({}, 0)).toBe('cccc864bc')
    expect(daemonSetHash({} as PodTemplateSpec, undefined)).toBe('5859f96865')
    expect(daemonSetHash({} as PodTemplateSpec, 3)).toBe('ddbb6b466')
    fc.assert(
      fc.property(fc.string(), fc.nat(1000), (image, c) => {
        const t = { spec: { containers: [{ name: 'c', image }] } }
        return statefulSetHash(templatePatch(t), c) === statefulSetHash(templatePatch(t), c) && alphabet.test(daemonSetHash(t, c))
      }),
      { numRuns: 50 },
    )
  })
  it('names revisions prefix-hash with the prefix cut to 223 characters', () => {
    expect(revisionName('web', 'abc')).toBe('web-abc')
    const long = 'a'.repeat(300)
    expect(revisionName(long, 'h')).toBe(`${'a'.repeat(223)}-h`)
    expect(revisionName('a'.repeat(223), 'h')).toBe(`${'a'.repeat(223)}-h`)
  })
})

describe('newRevision', () => {
  it('belongs to the parent, copies its annotations and the template labels, stores the patch', () => {
    const r = newRevision(sts, { name: 'web-abc', revision: 3, labels: { [revisionHashLabel]: 'abc' } })
    expect(r.metadata).toEqual({
      name: 'web-abc',
      namespace: 'ns',
      labels: { app: 'web', [revisionHashLabel]: 'abc' },
      annotations: { note: 'x' },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid: 'u-1', controller: true, blockOwnerDeletion: true }],
    })
    expect(r.revision).toBe(3)
    expect(templateOf(r)).toEqual(template)
  })
  it('works for a DaemonSet without annotations or namespace', () => {
    const ds: DaemonSet = {
      apiVersion: 'apps/v1',
      kind: 'DaemonSet',
      metadata: { name: 'agent', uid: 'u-2' },
      spec: { selector: { matchLabels: { app: 'a' } }, template },
    }
    const r = newRevision(ds, { name: 'agent-h', revision: 1, labels: { [controllerRevisionHashLabel]: 'h' } })
    expect(r.metadata.annotations).toBeUndefined()
    expect(r.metadata.namespace).toBeUndefined()
    expect(r.metadata.labels).toEqual({ app: 'web', [controllerRevisionHashLabel]: 'h' })
  })
})
