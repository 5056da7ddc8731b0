/**
 * ReplicaSet orderings and counters (upstream controller_utils.go `ReplicaSetsByCreationTimestamp`,
 * `ReplicaSetsBySizeOlder/Newer`, deployment_util.go `ReplicaSetsByRevision` and the counters),
 * over timestamps with fractional seconds and UTC offsets.
 */
import { describe, expect, it } from 'vitest'
import type { ReplicaSet } from '../../../src/api/workloads.js'
import * as D from '../../../src/controllers/deployment/index.js'
import { replicaSet } from './fixtures.js'

const at = (name: string, creationTimestamp: string | undefined, replicas = 1, revision?: number): ReplicaSet => {
  const rs = replicaSet({ image: name, name, replicas, ...(revision === undefined ? {} : { revision }) })
  const { creationTimestamp: _drop, ...metadata } = rs.metadata
  return { ...rs, metadata: creationTimestamp === undefined ? metadata : { ...metadata, creationTimestamp } }
}
const names = (rss: ReadonlyArray<ReplicaSet>): ReadonlyArray<string | undefined> => rss.map((rs) => rs.metadata.name)
const sign = (n: number): number => Math.sign(n)

describe('byCreationTimestamp', () => {
  it('compares instants, not strings: offsets and fractional seconds', () => {
    const a = at('a', '2024-01-01T12:30:00+01:00') // 11:30Z
    const b = at('b', '2024-01-01T11:45:00Z')
    const c = at('c', '2024-01-01T11:45:00.5Z')
    const e = at('e', '2024-01-01T06:45:00.25-05:00') // 11:45:00.25Z
    expect(names([c, b, e, a].sort(D.byCreationTimestamp))).toEqual(['a', 'b', 'e', 'c'])
    expect(sign(D.byCreationTimestamp(a, b))).toBe(-1)
    expect(sign(D.byCreationTimestamp(c, b))).toBe(1)
  })

  it('the same instant in two spellings falls back to the name; a missing time sorts first', () => {
    const x = at('x', '2024-01-01T13:00:00+01:00')
    const y = at('y', '2024-01-01T12:00:00.000Z')
    expect(sign(D.byCreationTimestamp(x, y))).toBe(-1)
    expect(sign(D.byCreationTimestamp(y, x))).toBe(1)
    expect(D.byCreationTimestamp(x, x)).toBe(0)
    const none = at('z', undefined)
    expect(sign(D.byCreationTimestamp(none, x))).toBe(-1)
    expect(sign(D.byCreationTimestamp(x, none))).toBe(1)
    expect(sign(D.byCreationTimestamp(none, at('a', undefined)))).toBe(1)
  })
})

describe('bySizeOlder / bySizeNewer / byRevision', () => {
  const big = at('big', '2024-01-01T12:00:00Z', 5)
  const oldSmall = at('old', '2024-01-01T11:00:00Z', 2)
  const newSmall = at('new', '2024-01-01T12:00:00.5+00:00', 2)

  it('larger first; equal sizes older first (down) or newer first (up)', () => {
    expect(names([newSmall, oldSmall, big].sort(D.bySizeOlder))).toEqual(['big', 'old', 'new'])
    expect(names([oldSmall, newSmall, big].sort(D.bySizeNewer))).toEqual(['big', 'new', 'old'])
  })

  it('revision ascending; equal or unparsable revisions fall back to creation time', () => {
    const r1 = at('r1', '2024-01-01T12:00:00Z', 1, 1)
    const r2 = at('r2', '2024-01-01T11:00:00Z', 1, 2)
    const r2b = at('r2b', '2024-01-01T10:00:00+01:00', 1, 2) // 09:00Z: older than r2
    const odd = { ...at('odd', '2024-01-01T12:30:00Z'), metadata: { ...at('odd', '2024-01-01T12:30:00Z').metadata, annotations: { [D.revisionAnnotation]: 'x' } } }
    expect(names([r2, r1, r2b].sort(D.byRevision))).toEqual(['r1', 'r2b', 'r2'])
    expect(sign(D.byRevision(odd, r1))).toBe(1)
    expect(sign(D.byRevision(r1, odd))).toBe(-1)
    expect(sign(D.byRevision(r2, odd))).toBe(-1)
    expect(sign(D.byRevision(odd, r2))).toBe(1)
  })
})

describe('counters', () => {
  const a = replicaSet({ image: 'a', replicas: 3, status: { replicas: 4, readyReplicas: 3, availableReplicas: 2, observedGeneration: 1, terminatingReplicas: 1 } })
  const b = replicaSet({ image: 'b', replicas: 0, status: { replicas: 1, readyReplicas: 1, availableReplicas: 1, observedGeneration: 1, terminatingReplicas: 2 } })
  const bare = { ...a, spec: { selector: a.spec.selector }, status: {} } as ReplicaSet

  it('sum spec (absent = 1), status replicas, ready, available and terminating', () => {
    expect(D.replicaCount([a, b, bare])).toBe(4)
    expect(D.actualReplicaCount([a, b, bare])).toBe(5)
    expect(D.readyReplicaCount([a, b, bare])).toBe(4)
    expect(D.availableReplicaCount([a, b, bare])).toBe(3)
    expect(D.terminatingReplicaCount([a, b, bare])).toBe(3)
    expect(D.terminatingReplicaCount([])).toBe(0)
  })

  it('a ReplicaSet without status is never-synced: skipped by terminating', () => {
    const { status: _drop, ...noStatus } = a
    expect(D.terminatingReplicaCount([noStatus as ReplicaSet, b])).toBe(2)
  })

  it('filterActive keeps spec > 0 (absent counts as 1), in input order', () => {
    expect(D.filterActive([a, b, bare])).toEqual([a, bare])
  })
})
