/**
 * The cluster-wide controllers' invariants (GC-1..4, TTL-1..2, PODGC-1, NL-1..2): each holds on a
 * world that keeps it and reports a world broken in exactly the way it forbids; the catalogue's
 * `pass` entries look only at their own controller's passes.
 */
import { describe, expect, it } from 'vitest'
import type { OwnerReference } from '../../src/api/meta.js'
import type { Node, PersistentVolumeClaim, Taint } from '../../src/api/node.js'
import type { KubeObject } from '../../src/api/object.js'
import type { Pod, Toleration } from '../../src/api/pod.js'
import type { Job } from '../../src/api/workloads.js'
import * as A from '../../src/core/Action.js'
import type { Action } from '../../src/core/Action.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as ObjectRef from '../../src/core/ObjectRef.js'
import * as Invariants from '../../src/invariants/index.js'
import { deepFreeze } from '../sim/fixtures.js'

const { GarbageCollector: GC, TtlAfterFinished: TTL, PodGc: PODGC, NodeLifecycle: NL, catalogue } = Invariants

const t0 = Date.parse('2024-01-01T00:00:00Z')
const iso = (s: number): string => new Date(t0 + s * 1000).toISOString().replace('.000Z', 'Z')
const at = (s: number): Date => new Date(t0 + s * 1000)
const view = (...objs: ReadonlyArray<KubeObject>) => deepFreeze(ClusterView.fromObjects(objs))
const ids = (vs: ReadonlyArray<Invariants.Violation>) => vs.map((v) => v.id)

const refTo = (o: KubeObject, extra: Partial<OwnerReference> = {}): OwnerReference => ({ apiVersion: o.apiVersion, kind: o.kind, name: o.metadata.name ?? '', uid: o.metadata.uid ?? '', ...extra })

const claim = (
  name: string,
  opts: { readonly owners?: ReadonlyArray<OwnerReference>; readonly ns?: string; readonly finalizers?: ReadonlyArray<string>; readonly deleting?: boolean; readonly uid?: string } = {},
): PersistentVolumeClaim => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: {
    name,
    namespace: opts.ns ?? 'default',
    uid: opts.uid ?? `uid-${name}`,
    ...(opts.owners === undefined ? {} : { ownerReferences: opts.owners }),
    ...(opts.finalizers === undefined ? {} : { finalizers: opts.finalizers }),
    ...(opts.deleting === true ? { deletionTimestamp: iso(0) } : {}),
  },
})

describe('GC-1: no dangling owner references at a fixpoint', () => {
  const owner = claim('owner')
  it('holds when every reference resolves, for objects being deleted, and for references upstream ignores', () => {
    const clusterOwner: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'n', uid: 'uid-n' } }
    const ignored: Node = { apiVersion: 'v1', kind: 'Node', metadata: { name: 'm', uid: 'uid-m', ownerReferences: [refTo(owner), { apiVersion: 'v1', kind: 'Node', name: 'x', uid: 'gone' }] } }
    expect(GC.gc1NoDanglingOwners(view(owner, clusterOwner, ignored, claim('d', { owners: [refTo(owner), refTo(clusterOwner)] }), claim('e', { owners: [{ ...refTo(owner), uid: 'gone' }], deleting: true })))).toEqual([])
  })
  it('reports a reference to a missing owner, to a same-name owner with another uid, and to an owner in another namespace', () => {
    const v = view(owner, claim('owner', { ns: 'other', uid: 'uid-other-owner' }), claim('d1', { owners: [{ ...refTo(owner), uid: 'gone' }] }), claim('d2', { ns: 'other', owners: [refTo(owner)] }))
    expect(GC.gc1NoDanglingOwners(v).map((x) => x.message)).toEqual([
      'PersistentVolumeClaim default/d1 keeps a reference to PersistentVolumeClaim owner (uid gone), which does not exist',
      'PersistentVolumeClaim other/d2 keeps a reference to PersistentVolumeClaim owner (uid uid-owner), which does not exist',
    ])
  })
})

describe('GC-2: orphaning keeps the dependents; the owner goes once unreferenced', () => {
  const owner = claim('owner', { finalizers: ['orphan'], deleting: true })
  const dep = claim('d', { owners: [refTo(owner)] })
  const loose = claim('d', { owners: [] })
  it('holds when the dependent loses the reference and stays, then the owner goes', () => {
    expect(GC.gc2OrphanedDependentsKept(view(owner, dep), view(owner, loose))).toEqual([])
    expect(GC.gc2OrphanGoesUnreferenced(view(owner, loose), view(loose))).toEqual([])
    expect(GC.gc2OrphanedDependentsKept(view(owner, claim('x', { owners: [refTo(owner)], deleting: true })), view(owner))).toEqual([])
  })
  it('reports a dependent deleted (or being deleted) while its owner is orphaned, and an owner gone while still referenced', () => {
    expect(ids(GC.gc2OrphanedDependentsKept(view(owner, dep), view(owner)))).toEqual(['GC-2'])
    expect(ids(GC.gc2OrphanedDependentsKept(view(owner, dep), view(owner, claim('d', { owners: [refTo(owner)], deleting: true }))))).toEqual(['GC-2'])
    expect(ids(GC.gc2OrphanGoesUnreferenced(view(owner, dep), view(dep)))).toEqual(['GC-2'])
  })
  it('is one catalogue step entry: the dependents part only without faults', () => {
    const e = catalogue.find((x) => x.id === 'GC-2')
    const step = (faults: boolean) => ({ before: { view: view(owner, dep), now: at(0) }, after: { view: view(owner), now: at(1) }, faults })
    expect(e?.takes === 'step' && ids(e.check(step(false)))).toEqual(['GC-2'])
    expect(e?.takes === 'step' && e.check(step(true))).toEqual([])
  })
})

describe('GC-3: a foreground owner goes last', () => {
  const owner = claim('owner', { finalizers: ['foregroundDeletion'], deleting: true })
  it('holds when only non-blocking dependents (or other namespaces’ objects) remain', () => {
    const after = view(claim('d', { owners: [refTo(owner)] }), claim('e', { ns: 'x', owners: [refTo(owner, { blockOwnerDeletion: true })] }))
    expect(GC.gc3ForegroundOwnerLast(view(owner), after)).toEqual([])
    expect(GC.gc3ForegroundOwnerLast(view(owner), view(owner, claim('b', { owners: [refTo(owner, { blockOwnerDeletion: true })] })))).toEqual([])
  })
  it('reports the owner gone while a blocking dependent remains (even one being deleted)', () => {
    const after = view(claim('b', { owners: [refTo(owner, { blockOwnerDeletion: true })], deleting: true }))
    expect(GC.gc3ForegroundOwnerLast(view(owner), after).map((v) => v.message)).toEqual([
      'PersistentVolumeClaim default/owner went before PersistentVolumeClaim default/b, which blocks its deletion',
    ])
  })
})

describe('GC-4: the garbage collector deletes only owned objects', () => {
  const v = view(claim('owned', { owners: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'x', uid: 'gone' }] }), claim('free'))
  const del = (name: string): Action => A.del({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: 'default', name })
  it('holds for deletes of objects with references; reports others and missing ones', () => {
    expect(GC.gc4OnlyOwnedCollected(v, [del('owned'), A.update(claim('free'))])).toEqual([])
    expect(ids(GC.gc4OnlyOwnedCollected(v, [del('free'), del('missing')]))).toEqual(['GC-4', 'GC-4'])
  })
  it('as a catalogue pass entry, only about the garbage collector', () => {
    const e = catalogue.find((x) => x.id === 'GC-4')
    expect(e?.takes === 'pass' && ids(e.check({ controller: 'garbage-collector', view: v, now: at(0), actions: [del('free')] }))).toEqual(['GC-4'])
    expect(e?.takes === 'pass' && e.check({ controller: 'pod-garbage-collector', view: v, now: at(0), actions: [del('free')] })).toEqual([])
  })
})

describe('TTL-1 and TTL-2', () => {
  const job = (name: string, ttl: number | undefined, finished: number | undefined, deleting = false): Job => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(deleting ? { deletionTimestamp: iso(0) } : {}) },
    spec: { ...(ttl === undefined ? {} : { ttlSecondsAfterFinished: ttl }), template: { spec: { containers: [{ name: 'c', image: 'x' }], restartPolicy: 'Never' } } },
    ...(finished === undefined ? {} : { status: { conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: iso(finished) }] } }),
  })
  const del = (j: Job, extra: Partial<Extract<Action, { _tag: 'Delete' }>> = {}): Action => ({ ...A.del(ObjectRef.of(j), { propagationPolicy: 'Foreground', preconditions: { uid: j.metadata.uid ?? '' } }), ...extra } as Action)
  it('TTL-1 holds for a foreground, uid-preconditioned delete at or after finish + ttl', () => {
    const j = job('a', 60, 10)
    expect(TTL.ttl1NotBeforeExpiry(view(j), at(70), [del(j), A.requeueAfter(ObjectRef.of(j), 1)])).toEqual([])
  })
  it('TTL-1 reports a delete before expiry, without Foreground or precondition, or of a Job without TTL or unfinished', () => {
    const j = job('a', 60, 10)
    expect(TTL.ttl1NotBeforeExpiry(view(j), at(69), [del(j)]).map((v) => v.message)).toEqual(['Job default/a is deleted 1s before its TTL runs out'])
    expect(ids(TTL.ttl1NotBeforeExpiry(view(j), at(70), [del(j, { propagationPolicy: 'Background' })]))).toEqual(['TTL-1'])
    expect(ids(TTL.ttl1NotBeforeExpiry(view(j), at(70), [del(j, { preconditions: {} })]))).toEqual(['TTL-1'])
    const noTtl = job('b', undefined, 10)
    const running = job('c', 5, undefined)
    expect(ids(TTL.ttl1NotBeforeExpiry(view(noTtl, running), at(70), [del(noTtl), del(running)]))).toEqual(['TTL-1', 'TTL-1'])
  })
  it('TTL-2 reports only an expired Job still there and not being deleted', () => {
    const v = view(job('a', 60, 10), job('b', 60, 50), job('c', undefined, 0), job('d', 0, 0, true), job('e', 0, undefined))
    expect(TTL.ttl2ExpiredJobsDeleted(v, at(70)).map((x) => x.message)).toEqual(['Job default/a expired 0s ago and is still there'])
    expect(TTL.ttl2ExpiredJobsDeleted(v, at(69))).toEqual([])
  })
})

describe('PODGC-1', () => {
  const pod = (name: string, phase: string): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec: { containers: [] }, status: { phase } })
  it('counts terminated pods (not Pending, Running or Unknown) against the threshold; ≤ 0 is no bound', () => {
    const v = view(pod('a', 'Succeeded'), pod('b', 'Failed'), pod('c', 'Running'), pod('d', 'Pending'), pod('e', 'Unknown'))
    expect(PODGC.podgc1With(2)(v)).toEqual([])
    expect(PODGC.podgc1With(1)(v).map((x) => x.message)).toEqual(['2 terminated pods are left, above the threshold of 1'])
    expect(PODGC.podgc1With(0)(v)).toEqual([])
    expect(PODGC.podgc1TerminatedWithinThreshold(v)).toEqual([])
  })
})

describe('NL-1 and NL-2', () => {
  const unreachable = (s: number): Taint => ({ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: iso(s) })
  const node = (name: string, taints: ReadonlyArray<Taint>): Node => ({ apiVersion: 'v1', kind: 'Node', metadata: { name, uid: `uid-${name}` }, spec: { taints } })
  const admitted: ReadonlyArray<Toleration> = [{ key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 }]
  const pod = (name: string, tolerations: ReadonlyArray<Toleration>, extra: { readonly notReadySince?: number; readonly deleting?: boolean; readonly node?: string } = {}): Pod => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(extra.deleting === true ? { deletionTimestamp: iso(0) } : {}) },
    spec: { containers: [], nodeName: extra.node ?? 'a', tolerations },
    status: { phase: 'Running', conditions: extra.notReadySince === undefined ? [] : [{ type: 'Ready', status: 'False', lastTransitionTime: iso(extra.notReadySince) }] },
  })
  const evict = (name: string): Action => A.del({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name })
  it('NL-1 holds for an eviction of an intolerant pod at once, and of a tolerating one once its time ran out', () => {
    const v = view(node('a', [unreachable(100)]), pod('p', admitted), pod('q', []), pod('r', admitted, { notReadySince: 50 }))
    expect(NL.nl1EvictedNoEarlier(v, at(400), [evict('p'), evict('q')])).toEqual([])
    expect(NL.nl1EvictedNoEarlier(v, at(350), [evict('r')])).toEqual([])
    expect(NL.nl1EvictedNoEarlier(v, at(100), [evict('q'), A.requeueAfter(ObjectRef.of(pod('p', admitted)), 300)])).toEqual([])
  })
  it('NL-1 reports an eviction before the time ran out, of a pod tolerating for ever, from an untainted node, of a missing pod', () => {
    const v = view(node('a', [unreachable(100)]), node('b', []), pod('p', admitted), pod('f', [{ operator: 'Exists' }]), pod('u', [], { node: 'b' }))
    expect(NL.nl1EvictedNoEarlier(v, at(399), [evict('p')]).map((x) => x.message)).toEqual(['Pod default/p is evicted 1s before its tolerations run out'])
    expect(ids(NL.nl1EvictedNoEarlier(v, at(999), [evict('f'), evict('u'), evict('missing')]))).toEqual(['NL-1', 'NL-1', 'NL-1'])
    expect(NL.nl1EvictedNoEarlier(view(pod('p', admitted)), at(0), [evict('p')])).toEqual([])
  })
  it('NL-1 as a catalogue pass entry, only about taint eviction', () => {
    const e = catalogue.find((x) => x.id === 'NL-1')
    const v = view(node('a', [unreachable(100)]), pod('p', admitted))
    expect(e?.takes === 'pass' && ids(e.check({ controller: 'taint-eviction-controller', view: v, now: at(101), actions: [evict('p')] }))).toEqual(['NL-1'])
    expect(e?.takes === 'pass' && e.check({ controller: 'garbage-collector', view: v, now: at(101), actions: [evict('p')] })).toEqual([])
  })
  it('NL-2 reports pods staying on a NoExecute-tainted node they do not tolerate for ever; those being deleted or tolerating for ever are fine', () => {
    const v = view(node('a', [unreachable(0)]), node('b', []), pod('p', admitted), pod('q', []), pod('f', [{ operator: 'Exists' }]), pod('d', [], { deleting: true }), pod('u', [], { node: 'b' }))
    expect(NL.nl2NoIntolerantPods(v).map((x) => x.target?.name)).toEqual(['p', 'q'])
  })
})
