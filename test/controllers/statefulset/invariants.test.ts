/**
 * The StatefulSet invariants on hand-made worlds: each holds on a healthy one and fails on a
 * world (or a sync) broken in exactly the way it forbids.
 */
import { describe, expect, it } from 'vitest'
import type { Action } from '../../../src/core/Action.js'
import * as A from '../../../src/core/Action.js'
import * as ObjectRef from '../../../src/core/ObjectRef.js'
import type { StatefulSet } from '../../../src/api/workloads.js'
import * as STS from '../../../src/controllers/statefulset/index.js'
import { catalogue } from '../../../src/invariants/catalogue.js'
import * as Inv from '../../../src/invariants/statefulset.js'
import { deepFreeze } from '../../helpers/freeze.js'
import { claim, now, pod, revisionOf, sts, viewOf, withStatus } from './fixtures.js'

const ids = (vs: ReadonlyArray<{ readonly id: string }>): ReadonlyArray<string> => [...new Set(vs.map((v) => v.id))]

/** A settled set of three ready pods with claims, its revision and a matching status. */
const settled = (o: Parameters<typeof sts>[0] = {}) => {
  const s0 = sts({ claims: ['www'], ...o })
  const rev = revisionOf(s0)
  const n = s0.spec.replicas ?? 1
  const start = s0.spec.ordinals?.start ?? 0
  const name = rev.metadata.name ?? ''
  const set = withStatus(s0, { observedGeneration: 1, replicas: n, readyReplicas: n, availableReplicas: n, currentReplicas: n, updatedReplicas: n, currentRevision: name, updateRevision: name, collisionCount: 0 })
  const pods = Array.from({ length: n }, (_, i) => pod(set, start + i))
  const claims = pods.map((p) => claim(set, 'www', STS.ordinalOf(p)))
  return { set, rev, pods, claims, objects: [set, rev, ...pods, ...claims] }
}

const podCreate = (set: StatefulSet, ordinal: number): Action => A.create(STS.newStatefulSetPod(set, ordinal))
const podDelete = (name: string): Action => A.del({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name })

describe('STS-1 ordinals with claims (fixpoint)', () => {
  it('holds on a settled set, fails on a missing ordinal, an extra ordinal, an unmounted or missing claim', () => {
    const w = settled()
    expect(Inv.sts1OrdinalsWithClaims(viewOf(...w.objects))).toEqual([])
    const [p0, p1, p2] = w.pods
    expect(ids(Inv.sts1OrdinalsWithClaims(viewOf(w.set, w.rev, p0!, p1!, ...w.claims)))).toEqual(['STS-1'])
    expect(ids(Inv.sts1OrdinalsWithClaims(viewOf(...w.objects, pod(w.set, 3), claim(w.set, 'www', 3))))).toEqual(['STS-1'])
    expect(ids(Inv.sts1OrdinalsWithClaims(viewOf(w.set, w.rev, p0!, p1!, p2!, ...w.claims.slice(1))))).toEqual(['STS-1'])
    const unmounted = deepFreeze({ ...p2!, spec: { ...p2!.spec, volumes: [] } })
    expect(ids(Inv.sts1OrdinalsWithClaims(viewOf(w.set, w.rev, p0!, p1!, unmounted, ...w.claims)))).toEqual(['STS-1'])
  })

  it('counts ordinals from spec.ordinals.start and ignores terminating pods and sets being deleted', () => {
    const w = settled({ start: 4 })
    expect(Inv.sts1OrdinalsWithClaims(viewOf(...w.objects, pod(w.set, 9, { state: 'terminating' })))).toEqual([])
    const deleting = deepFreeze({ ...w.set, metadata: { ...w.set.metadata, deletionTimestamp: now.toISOString() } })
    expect(Inv.sts1OrdinalsWithClaims(viewOf(deleting, w.rev))).toEqual([])
  })
})

describe('STS-2 one identity per ordinal', () => {
  it('view: fails when two live pods share an ordinal', () => {
    const w = settled()
    expect(Inv.sts2UniqueOrdinals(viewOf(...w.objects))).toEqual([])
    const twin = deepFreeze({ ...pod(w.set, 1), metadata: { ...pod(w.set, 1).metadata, name: 'web-01', uid: 'twin' } })
    expect(ids(Inv.sts2UniqueOrdinals(viewOf(...w.objects, twin)))).toEqual(['STS-2'])
  })

  it('sync: fails on creating a held ordinal, an ordinal out of range, a foreign name, or one ordinal twice', () => {
    const w = settled({ replicas: 4 })
    const view = viewOf(...w.objects.filter((o) => o.metadata.name !== 'web-3'))
    expect(Inv.sts2CreatesFreshIdentities(w.set, view, [podCreate(w.set, 3)])).toEqual([])
    expect(ids(Inv.sts2CreatesFreshIdentities(w.set, view, [podCreate(w.set, 1)]))).toEqual(['STS-2'])
    expect(ids(Inv.sts2CreatesFreshIdentities(w.set, view, [podCreate(w.set, 4)]))).toEqual(['STS-2'])
    expect(ids(Inv.sts2CreatesFreshIdentities(w.set, view, [podCreate(w.set, 3), podCreate(w.set, 3)]))).toEqual(['STS-2'])
    const odd = STS.newStatefulSetPod(w.set, 3)
    expect(ids(Inv.sts2CreatesFreshIdentities(w.set, view, [A.create({ ...odd, metadata: { ...odd.metadata, name: 'web-03' } })]))).toEqual(['STS-2'])
  })
})

describe('STS-3 OrderedReady', () => {
  it('fails on two creates, a create above a pod that is not Running and Ready, a scale-down not from the top, or a create with a scale-down', () => {
    const w = settled({ replicas: 5 })
    const [p0, p1] = w.pods
    const view = viewOf(w.set, w.rev, p0!, p1!)
    expect(Inv.sts3OrderedReady(w.set, view, [podCreate(w.set, 2)])).toEqual([])
    expect(ids(Inv.sts3OrderedReady(w.set, view, [podCreate(w.set, 2), podCreate(w.set, 3)]))).toEqual(['STS-3'])
    expect(ids(Inv.sts3OrderedReady(w.set, view, [podCreate(w.set, 3)]))).toEqual(['STS-3'])
    const notReady = viewOf(w.set, w.rev, p0!, pod(w.set, 1, { state: 'running' }))
    expect(ids(Inv.sts3OrderedReady(w.set, notReady, [podCreate(w.set, 2)]))).toEqual(['STS-3'])
    const down = withStatus({ ...w.set, spec: { ...w.set.spec, replicas: 2 } }, w.set.status ?? {})
    const all = viewOf(down, w.rev, ...w.pods)
    expect(Inv.sts3OrderedReady(down, all, [podDelete('web-4')])).toEqual([])
    expect(ids(Inv.sts3OrderedReady(down, all, [podDelete('web-3')]))).toEqual(['STS-3'])
    expect(ids(Inv.sts3OrderedReady(down, all, [podDelete('web-4'), podDelete('web-3')]))).toEqual(['STS-3'])
    expect(ids(Inv.sts3OrderedReady(down, viewOf(down, w.rev, p0!, ...w.pods.slice(2)), [podCreate(down, 1), podDelete('web-4')]))).toEqual(['STS-3'])
  })

  it('says nothing about Parallel sets', () => {
    const w = settled({ replicas: 3, policy: 'Parallel' })
    expect(Inv.sts3OrderedReady(w.set, viewOf(w.set), [podCreate(w.set, 0), podCreate(w.set, 1), podCreate(w.set, 2)])).toEqual([])
  })
})

describe('STS-4 rolling update', () => {
  const rolling = (o: Parameters<typeof sts>[0] = {}) => {
    const w = settled({ replicas: 4, ...o })
    const next = withStatus({ ...w.set, spec: { ...w.set.spec, template: { ...w.set.spec.template, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } } } }, w.set.status ?? {})
    const rev2 = revisionOf(next, 2)
    return { ...w, next, rev2, view: viewOf(next, w.rev, rev2, ...w.pods) }
  }

  it('holds for the top outdated pod; fails below the partition, out of order, for an updated pod, or under OnDelete', () => {
    const r = rolling({ partition: 2 })
    expect(Inv.sts4DescendingAbovePartition(r.next, r.view, [podDelete('web-3')])).toEqual([])
    expect(ids(Inv.sts4DescendingAbovePartition(r.next, r.view, [podDelete('web-2')]))).toEqual(['STS-4'])
    expect(ids(Inv.sts4DescendingAbovePartition(r.next, r.view, [podDelete('web-1')]))).toEqual(['STS-4'])
    const updated3 = pod(r.next, 3, { revision: r.rev2.metadata.name ?? '' })
    const v2 = viewOf(r.next, r.rev, r.rev2, ...r.pods.slice(0, 3), updated3)
    expect(ids(Inv.sts4DescendingAbovePartition(r.next, v2, [podDelete('web-3')]))).toEqual(['STS-4'])
    const od = rolling({ strategy: 'OnDelete' })
    expect(ids(Inv.sts4DescendingAbovePartition(od.next, od.view, [podDelete('web-3')]))).toEqual(['STS-4'])
  })

  it('legacy: one pod per sync, above updated ready pods only', () => {
    const r = rolling()
    expect(Inv.sts4LegacyOneAtATime(r.next, r.view, [podDelete('web-3')])).toEqual([])
    expect(ids(Inv.sts4LegacyOneAtATime(r.next, r.view, [podDelete('web-3'), podDelete('web-2')]))).toEqual(['STS-4'])
    expect(ids(Inv.sts4LegacyOneAtATime(r.next, r.view, [podDelete('web-2')]))).toEqual(['STS-4'])
  })

  it('does not count failed-pod deletions or scale-down as replacements', () => {
    const r = rolling()
    const failed = pod(r.set, 1, { state: 'failed' })
    const v = viewOf(r.next, r.rev, r.rev2, r.pods[0]!, failed, ...r.pods.slice(2))
    expect(Inv.sts4DescendingAbovePartition(r.next, v, [podDelete('web-1')])).toEqual([])
    expect(Inv.sts4DescendingAbovePartition(r.next, viewOf(r.next, r.rev, r.rev2, ...r.pods, pod(r.set, 7)), [podDelete('web-7')])).toEqual([])
  })
})

describe('STS-5 claims', () => {
  it('sync: fails on a claim delete or a claim not named <template>-<set>-<ordinal>', () => {
    const w = settled()
    const c = claim(w.set, 'www', 1)
    expect(Inv.sts5ClaimsKept(w.set, viewOf(), [A.create(c)])).toEqual([])
    expect(ids(Inv.sts5ClaimsKept(w.set, viewOf(), [A.del(ObjectRef.of(c))]))).toEqual(['STS-5'])
    expect(ids(Inv.sts5ClaimsKept(w.set, viewOf(), [A.create({ ...c, metadata: { ...c.metadata, name: 'www-web-x' } })]))).toEqual(['STS-5'])
    expect(ids(Inv.sts5ClaimsKept(w.set, viewOf(), [A.create({ ...c, metadata: { ...c.metadata, name: 'data-web-1' } })]))).toEqual(['STS-5'])
  })

  it('step: fails when a claim is replaced (new uid), or disappears under Retain/Retain; not under whenScaled=Delete', () => {
    const w = settled()
    const before = viewOf(...w.objects)
    expect(Inv.sts5SameClaimAcrossRounds(before, before)).toEqual([])
    const replaced = deepFreeze({ ...w.claims[1]!, metadata: { ...w.claims[1]!.metadata, uid: 'new' } })
    expect(ids(Inv.sts5SameClaimAcrossRounds(before, viewOf(...w.objects.filter((o) => o !== w.claims[1]), replaced)))).toEqual(['STS-5'])
    expect(ids(Inv.sts5SameClaimAcrossRounds(before, viewOf(...w.objects.filter((o) => o !== w.claims[1]))))).toEqual(['STS-5'])
    const d = settled({ whenScaled: 'Delete' })
    expect(Inv.sts5SameClaimAcrossRounds(viewOf(...d.objects), viewOf(...d.objects.filter((o) => o !== d.claims[1])))).toEqual([])
  })
})

describe('STS-6 status', () => {
  it('counts: ready > replicas, available > ready, current or updated > replicas each fail', () => {
    expect(Inv.sts6StatusCountsOf({ replicas: 3, readyReplicas: 3, availableReplicas: 2, currentReplicas: 3, updatedReplicas: 1 })).toEqual([])
    for (const bad of [{ readyReplicas: 4 }, { availableReplicas: 4, readyReplicas: 3 }, { currentReplicas: 4 }, { updatedReplicas: 4 }]) {
      expect(Inv.sts6StatusCountsOf({ replicas: 3, ...bad }).length, JSON.stringify(bad)).toBe(1)
    }
  })

  it('sync: fails on a written status that is inconsistent or misses the generation', () => {
    const w = settled()
    expect(Inv.sts6WrittenStatus(w.set, viewOf(), [A.updateStatus(w.set)])).toEqual([])
    expect(ids(Inv.sts6WrittenStatus(w.set, viewOf(), [A.updateStatus({ ...w.set, status: { ...w.set.status, readyReplicas: 9 } })]))).toEqual(['STS-6'])
    expect(ids(Inv.sts6WrittenStatus(w.set, viewOf(), [A.updateStatus({ ...w.set, status: { ...w.set.status, observedGeneration: 0 } })]))).toEqual(['STS-6'])
  })

  it('fixpoint: fails when counts disagree with the pods, the update revision is not the newest, a pod is at an unknown revision, or current ≠ updated with one revision', () => {
    const w = settled()
    expect(Inv.sts6StatusAgreesWithPods(viewOf(...w.objects), now)).toEqual([])
    const wrong = withStatus(w.set, { ...w.set.status, readyReplicas: 2 })
    expect(ids(Inv.sts6StatusAgreesWithPods(viewOf(wrong, ...w.objects.slice(1)), now))).toEqual(['STS-6'])
    const newer = revisionOf(sts({ image: 'x' }), 2)
    expect(ids(Inv.sts6StatusAgreesWithPods(viewOf(...w.objects, newer), now))).toEqual(['STS-6'])
    expect(ids(Inv.sts6StatusAgreesWithPods(viewOf(...w.objects, pod(w.set, 5, { revision: 'web-nowhere' })), now))).toContain('STS-6')
    const split = withStatus(w.set, { ...w.set.status, currentReplicas: 2 })
    expect(ids(Inv.sts6StatusAgreesWithPods(viewOf(split, ...w.objects.slice(1)), now))).toEqual(['STS-6'])
    const stale = withStatus(w.set, { ...w.set.status, observedGeneration: 0 })
    expect(ids(Inv.sts6StatusAgreesWithPods(viewOf(stale, ...w.objects.slice(1)), now))).toEqual(['STS-6'])
  })
})

describe('STS-7 quiet fixpoint', () => {
  it('holds on a settled set; fails when a reconcile would still write', () => {
    const w = settled()
    expect(Inv.sts7FixpointIsQuiet(viewOf(...w.objects), now)).toEqual([])
    expect(ids(Inv.sts7FixpointIsQuiet(viewOf(...w.objects.filter((o) => o.metadata.name !== 'web-2')), now))).toEqual(['STS-7'])
    expect(Inv.checkFixpoint(viewOf(...w.objects), now)).toEqual([])
  })
})

describe('the catalogue', () => {
  it('lists STS-1..7 once each, wired to the exported checks', () => {
    const entries = catalogue.filter((e) => e.scope === 'StatefulSet')
    expect(entries.map((e) => e.id)).toEqual(['STS-1', 'STS-2', 'STS-3', 'STS-4', 'STS-5', 'STS-6', 'STS-7'])
    const w = settled({ replicas: 4 })
    const view = viewOf(...w.objects.filter((o) => o.metadata.name !== 'web-3'))
    const sync = entries.find((e) => e.id === 'STS-2')
    expect(sync?.takes === 'sync' && ids(sync.check(w.set, view, [podCreate(w.set, 1)]))).toEqual(['STS-2'])
    expect(sync?.takes === 'sync' && sync.check(w.pods[0]!, view, [podCreate(w.set, 1)])).toEqual([])
    const fix = entries.find((e) => e.id === 'STS-1')
    expect(fix?.takes === 'fixpoint' && ids(fix.check(view, now))).toEqual(['STS-1'])
  })
})
