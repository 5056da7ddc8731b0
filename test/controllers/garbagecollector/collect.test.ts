/**
 * The garbage collector's decisions, one rule at a time (upstream garbagecollector.go's
 * attemptToDeleteItem, orphanDependents and the foreground finalizer), on PersistentVolumeClaims
 * and Nodes as owners and dependents (inert kinds: no other controller acts on them).
 */
import { describe, expect, it } from 'vitest'
import type { OwnerReference } from '../../../src/api/meta.js'
import type { Node, PersistentVolumeClaim } from '../../../src/api/node.js'
import type { KubeObject } from '../../../src/api/object.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import type { Action } from '../../../src/core/Action.js'
import { asDependent, asOwner, classify, controller as gcController, reconcile } from '../../../src/controllers/garbagecollector/index.js'
import { deepFreeze } from '../../sim/fixtures.js'

const t0 = '2024-01-01T00:00:00Z'

const ref = (o: KubeObject, extra: Partial<OwnerReference> = {}): OwnerReference => ({
  apiVersion: o.apiVersion,
  kind: o.kind,
  name: o.metadata.name ?? '',
  uid: o.metadata.uid ?? '',
  ...extra,
})

const claim = (
  name: string,
  opts: { readonly owners?: ReadonlyArray<OwnerReference>; readonly ns?: string; readonly finalizers?: ReadonlyArray<string>; readonly deleting?: boolean } = {},
): PersistentVolumeClaim => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: {
    name,
    namespace: opts.ns ?? 'default',
    uid: `uid-${opts.ns ?? 'default'}-${name}`,
    resourceVersion: '1',
    ...(opts.owners === undefined ? {} : { ownerReferences: opts.owners }),
    ...(opts.finalizers === undefined ? {} : { finalizers: opts.finalizers }),
    ...(opts.deleting === true ? { deletionTimestamp: t0 } : {}),
  },
})

const nodeObj = (name: string, owners?: ReadonlyArray<OwnerReference>): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, uid: `uid-node-${name}`, ...(owners === undefined ? {} : { ownerReferences: owners }) },
})

const view = (...objs: ReadonlyArray<KubeObject>) => deepFreeze(ClusterView.fromObjects(objs))
const tags = (as: ReadonlyArray<Action>) => as.map((a) => a._tag)
const refsOf = (a: Action | undefined) => (a?._tag === 'Update' ? a.object.metadata.ownerReferences : undefined)

describe('classifying an owner reference', () => {
  const owner = claim('owner')
  it('solid when the uid resolves to the named object in the namespace', () => {
    expect(classify(view(owner), claim('d'), ref(owner))).toBe('solid')
  })
  it('dangling when the owner is absent, another object has the uid, or the name or kind differs', () => {
    expect(classify(view(), claim('d'), ref(owner))).toBe('dangling')
    expect(classify(view(owner), claim('d'), ref(owner, { name: 'other' }))).toBe('dangling')
    expect(classify(view(owner), claim('d'), ref(owner, { kind: 'ConfigMap' }))).toBe('dangling')
  })
  it('dangling when a same-name owner has another uid', () => {
    expect(classify(view(owner), claim('d'), ref(owner, { uid: 'another' }))).toBe('dangling')
  })
  it('dangling when the owner is in another namespace; a cluster-scoped owner is found from any namespace', () => {
    const elsewhere = claim('owner', { ns: 'other' })
    expect(classify(view(elsewhere), claim('d'), ref(elsewhere))).toBe('dangling')
    const n = nodeObj('n1')
    expect(classify(view(n), claim('d'), ref(n))).toBe('solid')
  })
  it('waiting when the owner is being deleted in the foreground; solid while deleted otherwise', () => {
    const fg = claim('owner', { deleting: true, finalizers: ['foregroundDeletion'] })
    expect(classify(view(fg), claim('d'), ref(fg))).toBe('waiting')
    const orphaning = claim('owner', { deleting: true, finalizers: ['orphan'] })
    expect(classify(view(orphaning), claim('d'), ref(orphaning))).toBe('solid')
    const fgNotDeleting = claim('owner', { finalizers: ['foregroundDeletion'] })
    expect(classify(view(fgNotDeleting), claim('d'), ref(fgNotDeleting))).toBe('solid')
  })
})

describe('a dependent', () => {
  const owner = claim('owner')
  const gone = claim('gone')
  it('without owner references is never touched', () => {
    expect(asDependent(view(), claim('d'))).toEqual([])
    expect(asDependent(view(), claim('d', { owners: [] }))).toEqual([])
  })
  it('with every owner solid is left alone', () => {
    expect(asDependent(view(owner), claim('d', { owners: [ref(owner)] }))).toEqual([])
  })
  it('with all owners gone is deleted in the background, uid-preconditioned', () => {
    const d = claim('d', { owners: [ref(gone)] })
    expect(asDependent(view(d), d)).toEqual([
      {
        _tag: 'Delete',
        target: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'd', uid: 'uid-default-d' },
        propagationPolicy: 'Background',
        preconditions: { uid: 'uid-default-d' },
      },
    ])
  })
  it('is deleted with the propagation its own finalizers ask for', () => {
    const orphanish = claim('d', { owners: [ref(gone)], finalizers: ['orphan'] })
    expect(asDependent(view(), orphanish)).toMatchObject([{ _tag: 'Delete', propagationPolicy: 'Orphan' }])
    const fg = claim('d', { owners: [ref(gone)], finalizers: ['foregroundDeletion'] })
    expect(asDependent(view(), fg)).toMatchObject([{ _tag: 'Delete', propagationPolicy: 'Foreground' }])
  })
  it('keeping a solid owner loses only the dangling and waiting references, order kept', () => {
    const fg = claim('fg', { deleting: true, finalizers: ['foregroundDeletion'] })
    const d = claim('d', { owners: [ref(gone), ref(owner), ref(fg)] })
    const out = asDependent(view(owner, fg), d)
    expect(tags(out)).toEqual(['Update'])
    expect(refsOf(out[0])).toEqual([ref(owner)])
  })
  it('waiting for a foreground owner with dependents of its own is deleted in the foreground', () => {
    const fg = claim('fg', { deleting: true, finalizers: ['foregroundDeletion'] })
    const d = claim('d', { owners: [ref(fg, { blockOwnerDeletion: true })] })
    const grandchild = claim('g', { owners: [ref(d)] })
    expect(asDependent(view(fg, d, grandchild), d)).toMatchObject([{ _tag: 'Delete', propagationPolicy: 'Foreground' }])
    // Without dependents: background.
    expect(asDependent(view(fg, d), d)).toMatchObject([{ _tag: 'Delete', propagationPolicy: 'Background' }])
  })
  it('in a foreground cycle first stops blocking the waiting owners', () => {
    const a0 = claim('a', { deleting: true, finalizers: ['foregroundDeletion'] })
    const b = claim('b', { owners: [ref(a0, { blockOwnerDeletion: true })] })
    const a = { ...a0, metadata: { ...a0.metadata, ownerReferences: [ref(b, { blockOwnerDeletion: true })] } }
    const out = asDependent(view(a, b), b)
    expect(tags(out)).toEqual(['Update', 'Delete'])
    expect(refsOf(out[0])).toEqual([ref(a0, { blockOwnerDeletion: false })])
    expect(out[1]).toMatchObject({ propagationPolicy: 'Foreground' })
  })
  it('being deleted is left to finish', () => {
    expect(asDependent(view(), claim('d', { owners: [ref(gone)], deleting: true }))).toEqual([])
  })
  it('cluster-scoped with a namespaced owner is ignored for good', () => {
    expect(asDependent(view(), nodeObj('n', [ref(owner)]))).toEqual([])
  })
  it('cluster-scoped with a gone cluster-scoped owner is deleted', () => {
    expect(tags(asDependent(view(), nodeObj('n', [ref(nodeObj('m'))])))).toEqual(['Delete'])
  })
  it('naming an owner in another namespace is warned about and deleted', () => {
    const elsewhere = claim('owner', { ns: 'other' })
    const out = asDependent(view(elsewhere), claim('d', { owners: [ref(elsewhere)] }))
    expect(tags(out)).toEqual(['Event', 'Delete'])
    expect(out[0]).toMatchObject({ type: 'Warning', reason: 'OwnerRefInvalidNamespace' })
  })
})

describe('an owner being deleted', () => {
  it('not being deleted, or without a propagation finalizer, needs nothing', () => {
    expect(asOwner(view(), claim('o'))).toEqual([])
    expect(asOwner(view(), claim('o', { deleting: true, finalizers: ['example.com/keep'] }))).toEqual([])
  })
  it('with orphan: its dependents lose the reference (others kept); then the finalizer goes', () => {
    const o = claim('o', { deleting: true, finalizers: ['example.com/keep', 'orphan'] })
    const other = claim('other')
    const d1 = claim('d1', { owners: [ref(o), ref(other)] })
    const d2 = claim('d2', { owners: [ref(o)] })
    const out = asOwner(view(o, other, d1, d2), o)
    expect(tags(out)).toEqual(['Update', 'Update'])
    expect(out.map(refsOf).sort()).toEqual([undefined, [ref(other)]].sort())
    const after = asOwner(view(o, other), o)
    expect(after).toEqual([{ _tag: 'Update', object: { ...o, metadata: { ...o.metadata, finalizers: ['example.com/keep'] } } }])
  })
  it('with orphan: a dependent in another namespace with the uid is not its dependent', () => {
    const o = claim('o', { deleting: true, finalizers: ['orphan'] })
    const stranger = claim('d', { ns: 'other', owners: [ref(o)] })
    expect(asOwner(view(o, stranger), o)).toMatchObject([{ _tag: 'Update', object: { metadata: { name: 'o' } } }])
  })
  it('with foregroundDeletion: deletes its dependents, and lets go once no blocking dependent is left', () => {
    const o = claim('o', { deleting: true, finalizers: ['foregroundDeletion'] })
    const blocking = claim('b', { owners: [ref(o, { blockOwnerDeletion: true })] })
    const loose = claim('l', { owners: [ref(o)] })
    expect(asOwner(view(o, blocking, loose), o)).toMatchObject([
      { _tag: 'Delete', target: { name: 'b' } },
      { _tag: 'Delete', target: { name: 'l' } },
    ])
    const terminating = claim('b', { owners: [ref(o, { blockOwnerDeletion: true })], deleting: true })
    expect(asOwner(view(o, terminating), o)).toEqual([])
    const { finalizers: _f, ...released } = o.metadata
    expect(asOwner(view(o, loose), o)).toEqual([{ _tag: 'Update', object: { ...o, metadata: released } }])
  })
})

describe('a sync', () => {
  const gone = claim('gone')
  const a = claim('a', { owners: [ref(gone)] })
  const b = claim('b', { owners: [ref(gone)] })
  const kept = claim('kept')
  it('full: every object, in kind/namespace/name order, whatever the view was built from', () => {
    const one = reconcile(view(b, kept, a), new Date(0))
    const two = reconcile(view(a, b, kept), new Date(0))
    expect(one).toEqual(two)
    expect(one.map((x) => (x._tag === 'Delete' ? x.target.name : ''))).toEqual(['a', 'b'])
  })
  it('woken: the objects named and the dependents of a gone or deleting owner only', () => {
    const v = view(a, b, kept)
    expect(reconcile(v, new Date(0), new Set(['uid-default-gone']))).toHaveLength(2)
    expect(reconcile(v, new Date(0), new Set(['uid-default-a']))).toMatchObject([{ _tag: 'Delete', target: { name: 'a' } }])
    expect(reconcile(v, new Date(0), new Set(['uid-default-kept']))).toEqual([])
    expect(reconcile(v, new Date(0), new Set())).toEqual([])
  })
  it('woken by a deleting owner: it and its dependents, each dependent looked at once', () => {
    const o = claim('o', { deleting: true, finalizers: ['foregroundDeletion'] })
    const d = claim('d', { owners: [ref(o, { blockOwnerDeletion: true })] })
    expect(reconcile(view(o, d), new Date(0), new Set(['uid-default-o']))).toMatchObject([{ _tag: 'Delete', target: { name: 'd' } }])
    expect(reconcile(view(o, d), new Date(0))).toHaveLength(1)
    const z = claim('z', { deleting: true, finalizers: ['foregroundDeletion'] })
    const e = claim('e', { owners: [ref(z, { blockOwnerDeletion: true })] })
    expect(reconcile(view(z, e), new Date(0)).map((x) => (x._tag === 'Delete' ? x.target.name : ''))).toEqual(['e'])
  })
})

describe('the rules at their edges', () => {
  const gone = claim('gone')
  const uidless = (c: PersistentVolumeClaim): PersistentVolumeClaim => {
    const { uid: _u, ...meta } = c.metadata
    return { ...c, metadata: meta }
  }
  it('a dependent without a uid is deleted without a precondition', () => {
    const d = uidless(claim('d', { owners: [ref(gone)] }))
    expect(asDependent(view(), d)).toEqual([
      { _tag: 'Delete', target: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'd' }, propagationPolicy: 'Background' },
    ])
  })
  it('warns about another namespace only when the uid names an object of that kind and name', () => {
    const elsewhere = claim('owner', { ns: 'other' })
    const out = asDependent(view(elsewhere), claim('d', { owners: [ref(elsewhere)] }))
    expect(out[0]).toEqual({
      _tag: 'Event',
      target: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'default', name: 'd', uid: 'uid-default-d' },
      type: 'Warning',
      reason: 'OwnerRefInvalidNamespace',
      message: 'ownerRef [v1/PersistentVolumeClaim, namespace: default, name: owner, uid: uid-other-owner] does not exist in namespace "default"',
    })
    expect(tags(asDependent(view(elsewhere), claim('d', { owners: [ref(elsewhere, { name: 'renamed' })] })))).toEqual(['Delete'])
    expect(tags(asDependent(view(elsewhere), claim('d', { owners: [ref(elsewhere, { kind: 'ConfigMap' })] })))).toEqual(['Delete'])
  })
  it('a cluster-scoped dependent with one namespaced owner among others is left alone', () => {
    expect(asDependent(view(), nodeObj('n', [ref(nodeObj('m')), ref(gone)]))).toEqual([])
  })
  it('in a foreground cycle relaxes only the waiting references that block', () => {
    const a0 = claim('a', { deleting: true, finalizers: ['foregroundDeletion'] })
    const z = claim('z', { deleting: true, finalizers: ['foregroundDeletion'] })
    const b = claim('b', { owners: [ref(a0, { blockOwnerDeletion: true }), ref(gone, { blockOwnerDeletion: true }), ref(z)] })
    const a = { ...a0, metadata: { ...a0.metadata, ownerReferences: [ref(b, { blockOwnerDeletion: true })] } }
    // b's dependents: a (deleting its dependents: the cycle) and an ordinary one
    const c = claim('c', { owners: [ref(b)] })
    const out = asDependent(view(a, b, c, z), b)
    expect(tags(out)).toEqual(['Update', 'Delete'])
    expect(refsOf(out[0])).toEqual([ref(a0, { blockOwnerDeletion: false }), ref(gone, { blockOwnerDeletion: true }), ref(z)])
    // no dependent deleting its own: no cycle, no update
    expect(tags(asDependent(view(a0, b, c, z), b))).toEqual(['Delete'])
  })
  it('an owner not being deleted needs nothing whatever its finalizers', () => {
    const o = claim('o', { finalizers: ['orphan'] })
    expect(asOwner(view(o, claim('d', { owners: [ref(o)] })), o)).toEqual([])
  })
  it('a foreground owner is blocked only by its own blocking references', () => {
    const o = claim('o', { deleting: true, finalizers: ['foregroundDeletion'] })
    const other = claim('other')
    const d = claim('d', { owners: [ref(other, { blockOwnerDeletion: true }), ref(o)] })
    const { finalizers: _f, ...released } = o.metadata
    expect(asOwner(view(o, other, d), o)).toEqual([{ _tag: 'Update', object: { ...o, metadata: released } }])
  })
  it('an orphaned dependent keeps its other finalizers; an owner keeps its other finalizers', () => {
    const o = claim('o', { deleting: true, finalizers: ['orphan', 'example.com/keep'] })
    expect(asOwner(view(o), o)).toEqual([{ _tag: 'Update', object: { ...o, metadata: { ...o.metadata, finalizers: ['example.com/keep'] } } }])
  })
  it('a custom kind owner: found from its namespace, or from anywhere when it has none', () => {
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default', uid: 'uid-w' } } as unknown as KubeObject
    const global = { apiVersion: 'example.com/v1', kind: 'Cluster', metadata: { name: 'c', uid: 'uid-c' } } as unknown as KubeObject
    expect(classify(view(widget), claim('d'), ref(widget))).toBe('solid')
    expect(classify(view(widget), claim('d', { ns: 'other' }), ref(widget))).toBe('dangling')
    expect(classify(view(global), claim('d', { ns: 'other' }), ref(global))).toBe('solid')
  })
})

describe('a woken sync at its edges', () => {
  const gone = claim('gone')
  it('a live owner woken does not bring its dependents along', () => {
    const owner = claim('owner')
    const d = claim('d', { owners: [ref(owner), ref(gone)] })
    expect(reconcile(view(owner, d), new Date(0), new Set(['uid-default-owner']))).toEqual([])
    expect(tags(reconcile(view(owner, d), new Date(0), new Set(['uid-default-d'])))).toEqual(['Update'])
  })
  it('a foreground owner woken brings its non-blocking dependents along with its release', () => {
    const o = claim('o', { deleting: true, finalizers: ['foregroundDeletion'] })
    const loose = claim('l', { owners: [ref(o)] })
    const out = reconcile(view(o, loose), new Date(0), new Set(['uid-default-o']))
    expect(out.map((a) => `${a._tag} ${a._tag === 'Delete' ? a.target.name : a._tag === 'Update' ? a.object.metadata.name : ''}`)).toEqual(['Delete l', 'Update o'])
  })
})

describe('the declaration', () => {
  it('garbage-collector, woken by any change under the uids of the object and of its owners', () => {
    expect(gcController.name).toBe('garbage-collector')
    const [w] = gcController.wakes
    expect(gcController.wakes).toHaveLength(1)
    expect(w?.kind).toBe('*')
    expect(w?.events).toBeUndefined()
    const o = claim('d', { owners: [ref(claim('a')), ref(claim('b'))] })
    expect(w?.keys(o, view())).toEqual(['uid-default-d', 'uid-default-a', 'uid-default-b'])
    const { uid: _u, ...meta } = o.metadata
    expect(w?.keys({ ...o, metadata: meta }, view())).toEqual(['uid-default-a', 'uid-default-b'])
  })
})

describe('foreground blocking, one more edge', () => {
  it('a dependent blocking its foreground owner through one of several references keeps the finalizer', () => {
    const o = claim('o', { deleting: true, finalizers: ['foregroundDeletion'] })
    const other = claim('other')
    const d = claim('d', { owners: [ref(other), ref(o, { blockOwnerDeletion: true })] })
    // the finalizer stays; the dependent, with a solid owner left, only loses the waiting reference
    const out = asOwner(view(o, other, d), o)
    expect(tags(out)).toEqual(['Update'])
    expect(out[0]?._tag === 'Update' && out[0].object.metadata.name).toBe('d')
    expect(refsOf(out[0])).toEqual([ref(other)])
  })
})
