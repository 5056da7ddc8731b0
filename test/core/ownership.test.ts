import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/api/object.js'
import * as _ from '../../src/core/ownership.js'
import { fromLabelSelector } from '../../src/core/selector.js'
import { deepFreeze } from '../helpers/freeze.js'
import { ownerRef, pod } from '../helpers/objects.js'

const rs = (deleting = false): KubeObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web', namespace: 'default', uid: 'uid-web', ...(deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}) },
    spec: { selector: { matchLabels: { app: 'web' } } },
  }) as KubeObject
const sel = fromLabelSelector({ matchLabels: { app: 'web' } })
const mine = ownerRef('ReplicaSet', 'web', 'uid-web')
const theirs = ownerRef('ReplicaSet', 'other', 'uid-other')

const cases = deepFreeze([
  pod('owned-match', {}, { labels: { app: 'web' }, ownerReferences: [mine] }),
  pod('owned-nomatch', {}, { labels: { app: 'db' }, ownerReferences: [mine] }),
  pod('foreign', {}, { labels: { app: 'web' }, ownerReferences: [theirs] }),
  pod('orphan-match', {}, { labels: { app: 'web' }, resourceVersion: '7' }),
  pod('orphan-nomatch', {}, { labels: { app: 'db' } }),
  pod('orphan-deleting', {}, { labels: { app: 'web' }, deletionTimestamp: '2024-01-01T00:00:00Z' }),
  pod('orphan-elsewhere', {}, { labels: { app: 'web' }, namespace: 'other' }),
])

describe('claim', () => {
  it('keeps, releases, adopts and ignores as upstream ControllerRefManager does', () => {
    const r = _.claim(rs(), sel, cases)
    expect(r.claimed.map((p) => p.metadata.name)).toEqual(['owned-match', 'orphan-match'])
    expect(r.actions.map((a) => [a._tag, a._tag === 'Update' ? a.object.metadata.name : ''])).toEqual([
      ['Update', 'owned-nomatch'],
      ['Update', 'orphan-match'],
    ])
    const [release, adopt] = r.actions
    expect(release?._tag === 'Update' && release.object.metadata.ownerReferences).toBeUndefined()
    const adopted = adopt?._tag === 'Update' ? adopt.object : undefined
    expect(adopted?.metadata.resourceVersion).toBe('7')
    expect(_.controllerRef(adopted!)).toEqual(mine)
    expect(_.isControlledBy(r.claimed[1]!, 'uid-web')).toBe(true)
  })

  it('an owner being deleted keeps what it controls and selects, but adopts and releases nothing', () => {
    const r = _.claim(rs(true), sel, cases)
    expect(r.claimed.map((p) => p.metadata.name)).toEqual(['owned-match'])
    expect(r.actions).toEqual([])
  })

  it('release keeps owner references to others', () => {
    const p = pod('x', {}, { ownerReferences: [mine, { ...theirs, controller: false }] })
    expect(_.release(p, 'uid-web').metadata.ownerReferences).toEqual([{ ...theirs, controller: false }])
  })
})
