/**
 * The DS-1..8 invariant functions on hand-made views and syncs: each reports the violation it
 * names on a broken world and stays quiet when the state is fine; and the catalogue lists them.
 */
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src/api/pod.js'
import type { Action } from '../../../src/core/Action.js'
import * as A from '../../../src/core/Action.js'
import { catalogue } from '../../../src/invariants/catalogue.js'
import * as Inv from '../../../src/invariants/daemonset.js'
import * as DS from '../../../src/controllers/daemonset/index.js'
import { ds, hashOf, node, now, pod, revisionOf, viewOf } from './fixtures.js'

const ids = (vs: ReadonlyArray<{ readonly id: string }>): ReadonlyArray<string> => vs.map((v) => v.id)
const d = ds()
const ok = { desiredNumberScheduled: 2, currentNumberScheduled: 2, numberMisscheduled: 0, numberReady: 2, updatedNumberScheduled: 2, numberAvailable: 2, numberUnavailable: 0, observedGeneration: 1 }

describe('DS-1 one pod per eligible node', () => {
  it('holds with one live pod per eligible node', () => {
    expect(Inv.ds1OnePodPerEligibleNode(viewOf(d, node('n1'), node('n2'), pod('a', { node: 'n1' }), pod('b', { node: 'n2' })))).toEqual([])
  })
  it('flags a missing pod, a duplicate, a pod on a node that may not keep one, and a pod aimed at a missing node', () => {
    expect(ids(Inv.ds1OnePodPerEligibleNode(viewOf(d, node('n1'))))).toEqual(['DS-1'])
    expect(ids(Inv.ds1OnePodPerEligibleNode(viewOf(d, node('n1'), pod('a', { node: 'n1' }), pod('b', { node: 'n1' }))))).toEqual(['DS-1'])
    const evicting = node('n1', { taints: [{ key: 'k', effect: 'NoExecute' }] })
    expect(ids(Inv.ds1OnePodPerEligibleNode(viewOf(d, evicting, pod('a', { node: 'n1' }))))).toEqual(['DS-1'])
    expect(ids(Inv.ds1OnePodPerEligibleNode(viewOf(d, node('n1'), pod('a', { node: 'n1' }), pod('x', { node: 'gone', pending: true }))))).toEqual(['DS-1'])
  })
  it('allows zero or one pod where it may keep but not get one, and ignores terminating, terminal and foreign pods', () => {
    const noSchedule = node('n1', { taints: [{ key: 'k', effect: 'NoSchedule' }] })
    expect(Inv.ds1OnePodPerEligibleNode(viewOf(d, noSchedule))).toEqual([])
    expect(Inv.ds1OnePodPerEligibleNode(viewOf(d, noSchedule, pod('a', { node: 'n1' })))).toEqual([])
    expect(ids(Inv.ds1OnePodPerEligibleNode(viewOf(d, noSchedule, pod('a', { node: 'n1' }), pod('b', { node: 'n1' }))))).toEqual(['DS-1'])
    const others = [pod('t', { node: 'n1', deleting: true }), pod('f', { node: 'n1', phase: 'Failed' }), pod('o', { node: 'n1', owner: undefined })]
    expect(ids(Inv.ds1OnePodPerEligibleNode(viewOf(d, node('n1'), ...others)))).toEqual(['DS-1'])
    expect(Inv.ds1OnePodPerEligibleNode(viewOf(ds({ deleting: true }), node('n1')))).toEqual([])
  })
})

describe('DS-2 unavailability bound', () => {
  const u = ds({ maxUnavailable: 1 })
  const h = hashOf(ds({ image: 'agent:0' }))
  const olds = ['n1', 'n2', 'n3'].map((n, i) => pod(`o${i}`, { node: n, owner: u, hash: h, readyFor: 100 }))
  const base = [node('n1'), node('n2'), node('n3')]
  it('flags a round leaving more eligible nodes without an available pod than maxUnavailable (or than before)', () => {
    expect(ids(Inv.ds2UnavailableBound(viewOf(u, ...base, ...olds), now, viewOf(u, ...base, olds[2]!), now))).toEqual(['DS-2'])
    expect(Inv.ds2UnavailableBound(viewOf(u, ...base, ...olds), now, viewOf(u, ...base, olds[1]!, olds[2]!), now)).toEqual([])
    expect(Inv.ds2UnavailableBound(viewOf(u, ...base, olds[2]!), now, viewOf(u, ...base, olds[2]!), now)).toEqual([])
  })
  it('ignores surge DaemonSets, OnDelete and a DaemonSet that is new in the round', () => {
    const s = ds({ maxSurge: 1, maxUnavailable: 0 })
    expect(Inv.ds2UnavailableBound(viewOf(s, ...base, ...olds), now, viewOf(s, ...base), now)).toEqual([])
    const o = ds({ strategy: 'OnDelete' })
    expect(Inv.ds2UnavailableBound(viewOf(o, ...base, ...olds), now, viewOf(o, ...base), now)).toEqual([])
    expect(Inv.ds2UnavailableBound(viewOf(...base), now, viewOf(u, ...base), now)).toEqual([])
    expect(Inv.unavailableNodes(u, viewOf(u, ...base, ...olds), now)).toBe(0)
  })
})

describe('DS-3 surge bound', () => {
  const s = ds({ maxSurge: 1, maxUnavailable: 0 })
  const two = (n: string) => [pod(`${n}a`, { node: n, owner: s }), pod(`${n}b`, { node: n, owner: s })]
  const base = [node('n1'), node('n2'), node('n3')]
  it('flags more nodes with two pods than maxSurge (or than before)', () => {
    expect(ids(Inv.ds3SurgeBound(viewOf(s, ...base, ...two('n1')), viewOf(s, ...base, ...two('n1'), ...two('n2'))))).toEqual(['DS-3'])
    expect(Inv.ds3SurgeBound(viewOf(s, ...base), viewOf(s, ...base, ...two('n1')))).toEqual([])
    expect(Inv.ds3SurgeBound(viewOf(s, ...base, ...two('n1'), ...two('n2')), viewOf(s, ...base, ...two('n1'), ...two('n2')))).toEqual([])
    expect(Inv.ds3SurgeBound(viewOf(d, ...base), viewOf(d, ...base, ...two('n1'), ...two('n2')))).toEqual([])
  })
})

describe('DS-4 no pod for an untolerated node', () => {
  const created = (n: string): Action => A.create(DS.daemonPod(d, DS.createPodTemplate(d.spec.template, undefined, hashOf(d)), n))
  it('holds for a node the pod may run on; flags a missing node, an untolerated taint, and a node the template rejects', () => {
    expect(Inv.ds4NoCreateOnUntoleratedNode(d, viewOf(node('n1')), [created('n1')])).toEqual([])
    expect(ids(Inv.ds4NoCreateOnUntoleratedNode(d, viewOf(node('n1')), [created('n2')]))).toEqual(['DS-4'])
    expect(ids(Inv.ds4NoCreateOnUntoleratedNode(d, viewOf(node('n1', { taints: [{ key: 'k', effect: 'NoSchedule' }] })), [created('n1')]))).toEqual(['DS-4'])
    const picky = ds({ spec: { nodeSelector: { role: 'web' } } })
    expect(ids(Inv.ds4NoCreateOnUntoleratedNode(picky, viewOf(node('n1')), [created('n1')]))).toEqual(['DS-4'])
  })
})

describe('DS-5 status counts', () => {
  it('holds for consistent counts and flags each broken relation', () => {
    expect(Inv.ds5StatusCountsConsistent(viewOf(ds({ status: ok })))).toEqual([])
    expect(Inv.ds5StatusCountsOf(undefined)).toEqual([])
    for (const bad of [
      { numberAvailable: 3, numberUnavailable: -1 },
      { numberReady: 3, numberAvailable: 2 },
      { currentNumberScheduled: 3, numberReady: 2 },
      { updatedNumberScheduled: 3 },
      { numberUnavailable: 1 },
      { numberMisscheduled: -1 },
    ]) {
      expect(ids(Inv.ds5StatusCountsConsistent(viewOf(ds({ status: { ...ok, ...bad } })))).length, JSON.stringify(bad)).toBeGreaterThan(0)
    }
  })
})

describe('DS-6 quiet fixpoint', () => {
  it('holds when the DaemonSet would write nothing, flags it otherwise', () => {
    const settled = ds({ status: { ...ok, desiredNumberScheduled: 1, currentNumberScheduled: 1, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1 } })
    expect(Inv.ds6FixpointIsQuiet(viewOf(settled, revisionOf(settled), node('n1'), pod('a', { node: 'n1', readyFor: 10 })), now)).toEqual([])
    expect(ids(Inv.ds6FixpointIsQuiet(viewOf(settled, revisionOf(settled), node('n1'), node('n2'), pod('a', { node: 'n1', readyFor: 10 })), now))).toEqual(['DS-6'])
  })
})

describe('DS-7 created pod shape', () => {
  const good = DS.daemonPod(d, DS.createPodTemplate(d.spec.template, undefined, hashOf(d)), 'n1')
  const bad = (f: (p: Pod) => Pod) => ids(Inv.ds7CreatedPodsShape(d, [A.create(f(good))]))
  it('holds for the pod the controller builds and flags each broken part', () => {
    expect(Inv.ds7CreatedPodsShape(d, [A.create(good)])).toEqual([])
    expect(bad((p) => ({ ...p, metadata: { ...p.metadata, namespace: 'other' } }))).toEqual(['DS-7'])
    expect(bad((p) => ({ ...p, metadata: { ...p.metadata, ownerReferences: [] } }))).toEqual(['DS-7'])
    expect(bad((p) => ({ ...p, spec: { ...p.spec, affinity: {} } }))).toEqual(['DS-7'])
    expect(bad((p) => ({ ...p, spec: { ...p.spec, tolerations: [] } }))).toEqual(['DS-7'])
    expect(bad((p) => ({ ...p, metadata: { ...p.metadata, labels: {} } }))).toEqual(['DS-7'])
    expect(bad((p) => ({ ...p, spec: { ...p.spec, nodeName: 'n1' } }))).toEqual(['DS-7'])
  })
})

describe('DS-8 burst limit and ownership', () => {
  it('flags more than 250 creates or deletes, and deleting a pod it neither controls nor may adopt', () => {
    const good = DS.daemonPod(d, DS.createPodTemplate(d.spec.template, undefined, hashOf(d)), 'n1')
    expect(ids(Inv.ds8BurstAndOwnership(d, viewOf(), Array.from({ length: 251 }, () => A.create(good))))).toEqual(['DS-8'])
    const pods = Array.from({ length: 251 }, (_, i) => pod(`p${i}`, { node: 'n1' }))
    const dels = pods.map((p) => A.del({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: p.metadata.name ?? '' }))
    expect(ids(Inv.ds8BurstAndOwnership(d, viewOf(...pods), dels))).toEqual(['DS-8'])
    expect(Inv.ds8BurstAndOwnership(d, viewOf(...pods), dels.slice(0, 250))).toEqual([])
    const foreign = pod('f', { node: 'n1', owner: ds({ uid: 'other', name: 'other' }) })
    const del = (name: string) => [A.del({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name })]
    expect(ids(Inv.ds8BurstAndOwnership(d, viewOf(foreign), del('f')))).toEqual(['DS-8'])
    expect(ids(Inv.ds8BurstAndOwnership(d, viewOf(), del('nothing')))).toEqual(['DS-8'])
    expect(Inv.ds8BurstAndOwnership(d, viewOf(pod('o', { node: 'n1', owner: undefined })), del('o'))).toEqual([])
    expect(ids(Inv.ds8BurstAndOwnership(d, viewOf(pod('o', { node: 'n1', owner: undefined, labels: { app: 'x' } })), del('o')))).toEqual(['DS-8'])
  })
})

describe('catalogue', () => {
  it('lists DS-1..8 once each, in the DaemonSet scope, and its checks agree with the functions', () => {
    const mine = catalogue.filter((i) => i.scope === 'DaemonSet')
    expect(mine.map((i) => i.id)).toEqual(['DS-1', 'DS-2', 'DS-3', 'DS-4', 'DS-5', 'DS-6', 'DS-7', 'DS-8'])
    const broken = viewOf(d, node('n1'))
    const ds1 = mine.find((i) => i.id === 'DS-1')
    if (ds1?.takes === 'fixpoint') expect(ids(ds1.check(broken, now))).toEqual(['DS-1'])
    const ds4 = mine.find((i) => i.id === 'DS-4')
    if (ds4?.takes === 'sync') {
      expect(ds4.check(node('n1'), broken, [])).toEqual([])
      expect(ids(ds4.check(d, broken, [A.create(DS.daemonPod(d, d.spec.template, 'nx'))]))).toEqual(['DS-4'])
    }
    for (const i of mine) if (i.takes === 'step') expect(i.check({ before: { view: broken, now }, after: { view: broken, now }, faults: true })).toEqual([])
    expect(ids(Inv.checkFixpoint(broken, now))).toContain('DS-1')
    expect(Inv.checkStep({ before: { view: broken, now }, after: { view: broken, now }, faults: false })).toEqual([])
  })
})
