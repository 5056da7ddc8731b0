import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OwnerReference } from '../../src/api/meta.js'
import type { KubeObject } from '../../src/api/object.js'
import { ownerReferences } from '../../src/arbitraries/meta.js'
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

describe('controller references', () => {
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', uid: 'cm-uid' }
  const notController = { ...theirs, controller: false }

  it.each([
    ['controller first', [mine, cm], mine],
    ['controller after a plain reference', [cm, mine], mine],
    ['controller after a controller: false reference', [notController, mine], mine],
    ['no controller', [cm, notController], undefined],
    ['no references', undefined, undefined],
  ])('controllerRef finds the controller reference wherever it is listed: %s', (_what, refs, want) => {
    expect(_.controllerRef(pod('p', {}, refs === undefined ? {} : { ownerReferences: refs }))).toEqual(want)
  })

  it('isControlledBy needs a uid and the controller reference to it', () => {
    expect(_.isControlledBy(pod('p', {}, { ownerReferences: [cm, mine] }), 'uid-web')).toBe(true)
    expect(_.isControlledBy(pod('p', {}, { ownerReferences: [{ ...mine, controller: false }] }), 'uid-web')).toBe(false)
    expect(_.isControlledBy(pod('p', {}, { ownerReferences: [mine] }), 'uid-other')).toBe(false)
    expect(_.isControlledBy(pod('orphan'), undefined)).toBe(false)
    expect(_.isControlledBy(pod('p', {}, { ownerReferences: [mine] }), undefined)).toBe(false)
  })

  it('newControllerRef points at the owner, blocking its deletion; missing name and uid are empty', () => {
    expect(_.newControllerRef(rs())).toStrictEqual(mine)
    expect(_.newControllerRef({ apiVersion: 'v1', kind: 'X', metadata: {} } as unknown as KubeObject)).toStrictEqual({
      apiVersion: 'v1',
      kind: 'X',
      name: '',
      uid: '',
      controller: true,
      blockOwnerDeletion: true,
    })
  })

  it('adopt appends the controller reference after the references already there', () => {
    expect(_.adopt(pod('p', {}, { ownerReferences: [cm] }), rs()).metadata.ownerReferences).toEqual([cm, mine])
    expect(_.adopt(pod('p'), rs()).metadata.ownerReferences).toEqual([mine])
  })

  it('release drops every reference to the owner and the field when none is left', () => {
    expect(_.release(pod('p', {}, { ownerReferences: [cm, mine] }), 'uid-web').metadata.ownerReferences).toEqual([cm])
    expect('ownerReferences' in _.release(pod('p', {}, { ownerReferences: [mine] }), 'uid-web').metadata).toBe(false)
    expect('ownerReferences' in _.release(pod('p'), 'uid-web').metadata).toBe(false)
  })
})

describe('claim, case by case', () => {
  const names = (r: _.ClaimResult<KubeObject>) => ({
    claimed: r.claimed.map((p) => p.metadata.name),
    updates: r.actions.map((a) => (a._tag === 'Update' ? a.object.metadata.name : a._tag)),
  })
  const cm = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', uid: 'cm-uid' }

  it('adopts an orphan that lists a non-controller reference, keeping it', () => {
    const r = _.claim(rs(), sel, [pod('o', {}, { labels: { app: 'web' }, ownerReferences: [cm] })])
    expect(names(r)).toEqual({ claimed: ['o'], updates: ['o'] })
    expect(r.claimed[0]?.metadata.ownerReferences).toEqual([cm, mine])
    expect(r.actions[0]).toEqual({ _tag: 'Update', object: r.claimed[0] })
  })

  it('keeps a pod whose controller reference to it comes after another reference', () => {
    expect(names(_.claim(rs(), sel, [pod('k', {}, { labels: { app: 'web' }, ownerReferences: [cm, mine] })]))).toEqual({ claimed: ['k'], updates: [] })
  })

  it('ignores a pod controlled by another owner that lists a non-controller reference to this one first', () => {
    const p = pod('f', {}, { labels: { app: 'web' }, ownerReferences: [{ ...mine, controller: false }, theirs] })
    expect(names(_.claim(rs(), sel, [p]))).toEqual({ claimed: [], updates: [] })
  })

  it('an owner without a uid adopts orphans but releases nothing', () => {
    const owner = { ...rs(), metadata: { name: 'web', namespace: 'default' } } as KubeObject
    const r = _.claim(owner, sel, [pod('o', {}, { labels: { app: 'web' } }), pod('m', {}, { labels: { app: 'db' }, ownerReferences: [mine] })])
    expect(names(r)).toEqual({ claimed: ['o'], updates: ['o'] })
  })

  it('adopts in its own namespace only, the default namespace included', () => {
    const owner = { ...rs(), metadata: { name: 'web', uid: 'uid-web' } } as KubeObject
    const r = _.claim(owner, sel, [pod('same', {}, { labels: { app: 'web' }, namespace: undefined }), pod('named', {}, { labels: { app: 'web' } })])
    expect(names(r)).toEqual({ claimed: ['same'], updates: ['same'] })
  })

  it('releases with the resourceVersion as precondition and keeps other references', () => {
    const r = _.claim(rs(), sel, [pod('m', {}, { labels: { app: 'db' }, ownerReferences: [cm, mine], resourceVersion: '9' })])
    expect(r.actions).toEqual([{ _tag: 'Update', object: pod('m', {}, { labels: { app: 'db' }, ownerReferences: [cm], resourceVersion: '9' }) }])
    expect(r.claimed).toEqual([])
  })
})

describe('claim over owner references listed in any order (property)', () => {
  const podArb = fc.record({
    refs: ownerReferences({ maxLength: 3 }),
    mineIsController: fc.boolean(),
    matching: fc.boolean(),
    reversed: fc.boolean(),
  })
  it('keeps, adopts, releases and ignores by the one reference marked controller, wherever it is', () => {
    fc.assert(
      fc.property(fc.array(podArb, { maxLength: 6 }), (specs) => {
        const listed = (refs: ReadonlyArray<OwnerReference>, mineIsController: boolean, reversed: boolean) => {
          const rs2 = refs.map((r) => (r.controller === true && mineIsController ? mine : r))
          return reversed ? [...rs2].reverse() : rs2
        }
        const pods = specs.map((x, i) =>
          pod(`p${i}`, {}, { labels: { app: x.matching ? 'web' : 'db' }, ...(x.refs.length === 0 ? {} : { ownerReferences: listed(x.refs, x.mineIsController, x.reversed) }) }),
        )
        const r = _.claim(rs(), sel, pods)
        const ctrl = specs.map((x) => x.refs.find((ref) => ref.controller === true))
        const want = specs.flatMap((x, i) => {
          const c = ctrl[i]
          if (c === undefined) return x.matching ? [[`p${i}`, 'adopt']] : []
          if (!x.mineIsController) return []
          return [[`p${i}`, x.matching ? 'keep' : 'release']]
        })
        const got = pods.flatMap((p) => {
          const u = r.actions.find((a) => a._tag === 'Update' && a.object.metadata.name === p.metadata.name)
          const kept = r.claimed.some((c) => c.metadata.name === p.metadata.name)
          if (u !== undefined) return [[p.metadata.name, kept ? 'adopt' : 'release']]
          return kept ? [[p.metadata.name, 'keep']] : []
        })
        expect(got).toEqual(want)
        for (const c of r.claimed) expect(_.isControlledBy(c, 'uid-web')).toBe(true)
      }),
      { numRuns: 200 },
    )
  })
})
