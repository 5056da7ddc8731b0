/**
 * Boundaries of the DaemonSet helpers one by one: budgets and their errors, pod construction,
 * target nodes and ordering, the per-node decisions, the rolling update's counting, history
 * numbering and cleanup limits, status and requeues.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src/api/pod.js'
import type { DaemonSet } from '../../../src/api/workloads.js'
import * as DS from '../../../src/controllers/daemonset/index.js'
import { controllerRevisionHashLabel } from '../../../src/core/history.js'
import { createdOn, deletedPods, ds, hashOf, node, now, ofTag, pod, revisionOf, statusOf, viewOf } from './fixtures.js'

const nowMs = now.getTime()
const old = ds({ image: 'agent:0' })
const oldHash = hashOf(old)
const withStrategy = (d: DaemonSet, updateStrategy: DaemonSet['spec']['updateStrategy']): DaemonSet => {
  const { updateStrategy: _u, ...spec } = d.spec
  return { ...d, spec: updateStrategy === undefined ? spec : { ...spec, updateStrategy } }
}

describe('strategy numbers', () => {
  it('RollingUpdate without a rollingUpdate block: no surge, no unavailability (then the fallback of 1)', () => {
    const d = withStrategy(ds(), { type: 'RollingUpdate' })
    expect(DS.unavailableCount(d, 5)).toEqual(E.right(0))
    expect(DS.surgeCount(d, 5)).toEqual(E.right(0))
    expect(DS.budgets(d, 5)).toEqual(E.right({ maxSurge: 0, maxUnavailable: 1 }))
    expect(DS.isRollingUpdate(withStrategy(ds(), undefined))).toBe(true)
  })

  it('an unset maxUnavailable in a rollingUpdate block is an error; so is a bad percent', () => {
    const d = withStrategy(ds(), { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0 } })
    expect(DS.unavailableCount(d, 5)._tag).toBe('Left')
    expect(DS.budgets(d, 5)).toEqual(E.left('invalid value for MaxUnavailable: nil value for IntOrString'))
    const s = withStrategy(ds(), { type: 'RollingUpdate', rollingUpdate: { maxSurge: 'lots', maxUnavailable: 0 } })
    const b = DS.budgets(s, 5)
    expect(E.isLeft(b) && b.left.startsWith('invalid value for MaxSurge')).toBe(true)
    expect(DS.allowsSurge(s)).toBe(false)
  })

  it('ints pass through unscaled; a surge DaemonSet keeps maxUnavailable as given', () => {
    expect(DS.budgets(ds({ maxSurge: 2, maxUnavailable: 0 }), 10)).toEqual(E.right({ maxSurge: 2, maxUnavailable: 0 }))
    expect(DS.budgets(ds({ maxUnavailable: 7 }), 3)).toEqual(E.right({ maxSurge: 0, maxUnavailable: 7 }))
    expect(DS.budgets(ds({ maxUnavailable: '100%' }), 3)).toEqual(E.right({ maxSurge: 0, maxUnavailable: 3 }))
  })
})

describe('daemon pods', () => {
  it('templateGeneration reads signed integers only', () => {
    const g = (v: string) => DS.templateGeneration(ds({ annotations: { [DS.templateGenerationAnnotation]: v } }))
    expect(g('7')).toBe(7)
    expect(g('-2')).toBe(-2)
    expect(g('1.5')).toBeUndefined()
    expect(g('')).toBeUndefined()
    expect(DS.templateGeneration(ds())).toBeUndefined()
  })

  it('createPodTemplate: labels only when known, template untouched otherwise', () => {
    const d = ds()
    expect(DS.createPodTemplate(d.spec.template, undefined, '').metadata?.labels).toEqual({ app: 'agent' })
    expect(DS.createPodTemplate(d.spec.template, 0, 'h').metadata?.labels).toEqual({ app: 'agent', [DS.podTemplateGenerationLabel]: '0', [controllerRevisionHashLabel]: 'h' })
    expect(DS.createPodTemplate({ spec: d.spec.template.spec }, undefined, 'h').metadata?.labels).toEqual({ [controllerRevisionHashLabel]: 'h' })
  })

  it('daemonPod copies labels, annotations and finalizers, and the namespace when there is one', () => {
    const d = ds()
    const t = { metadata: { labels: { a: '1' }, annotations: { n: 'x' }, finalizers: ['f'] }, spec: d.spec.template.spec }
    const p = DS.daemonPod(d, t, 'n9')
    expect(p.metadata).toMatchObject({ generateName: 'agent-', namespace: 'default', labels: { a: '1' }, annotations: { n: 'x' }, finalizers: ['f'] })
    const { namespace: _n, ...meta } = d.metadata
    const bare = DS.daemonPod({ ...d, metadata: meta }, { spec: d.spec.template.spec }, 'n9')
    expect(bare.metadata.namespace).toBeUndefined()
    expect(bare.metadata.labels).toBeUndefined()
    expect(Object.keys(bare.metadata).sort()).toEqual(['generateName', 'ownerReferences'])
  })

  it('podsPrefix appends a dash up to 252 characters', () => {
    expect(DS.podsPrefix('a'.repeat(252))).toBe(`${'a'.repeat(252)}-`)
    expect(DS.podsPrefix('a'.repeat(253))).toBe('a'.repeat(253))
  })

  it('replaceNodeAffinity keeps pod (anti-)affinity', () => {
    const a = DS.replaceNodeAffinity({ podAffinity: { x: 1 } }, 'n1')
    expect(a.podAffinity).toEqual({ x: 1 })
    expect(a.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([DS.nodeNameTerm('n1')])
  })

  it('oldestFirst treats a missing creation time as the oldest', () => {
    const a = pod('a', { node: 'n1' })
    const b: Pod = { ...pod('b', { node: 'n1' }), metadata: { ...pod('b', { node: 'n1' }).metadata, creationTimestamp: '' } }
    expect([a, b].sort(DS.oldestFirst).map((p) => p.metadata.name)).toEqual(['b', 'a'])
    expect(DS.oldestFirst(a, a)).toBe(0)
  })

  it('podsByNode groups by target and leaves out terminal pods being deleted unless asked', () => {
    const pods = [pod('x', { node: 'n1', phase: 'Failed', deleting: true }), pod('y', { node: 'n1', phase: 'Succeeded' }), pod('z', { node: 'n1', deleting: true })]
    expect(DS.podsByNode(pods, false).get('n1')?.map((p) => p.metadata.name)).toEqual(['y', 'z'])
    expect(DS.podsByNode(pods, true).get('n1')).toHaveLength(3)
  })
})

describe('per-node decisions', () => {
  const decide = (d: DaemonSet, nodes: ReadonlyArray<ReturnType<typeof node>>, pods: ReadonlyArray<Pod>) =>
    DS.decide({ ds: d, placements: DS.placements(d, nodes), pods: DS.podsByNode(pods, false), hash: hashOf(d), backoff: DS.emptyBackoff, nowMs })

  it('surge: no create where the node may only keep a pod; a succeeded pod is deleted and replaced', () => {
    const s = ds({ maxSurge: 1, maxUnavailable: 0 })
    const keepOnly = node('n1', { taints: [{ key: 'k', effect: 'NoSchedule' }] })
    expect(decide(s, [keepOnly], [pod('f', { node: 'n1', owner: s, phase: 'Succeeded' })])).toMatchObject({ creates: [] })
    const r = decide(s, [node('n1')], [pod('f', { node: 'n1', owner: s, phase: 'Succeeded' })])
    expect(r.creates).toEqual(['n1'])
    expect(r.deletes.map((p) => p.metadata.name)).toEqual(['f'])
  })

  it('surge with one running pod: nothing to do', () => {
    const s = ds({ maxSurge: 1, maxUnavailable: 0 })
    expect(decide(s, [node('n1')], [pod('a', { node: 'n1', owner: s, hash: oldHash })])).toMatchObject({ creates: [], deletes: [] })
  })

  it('no backoff requeue without failed pods; the shortest delay among nodes', () => {
    const d = ds()
    expect(decide(d, [node('n1')], []).requeueAfter).toBeUndefined()
    const backoff = { 'ds-uid/1/n1': { delayMs: 4000, lastUpdateMs: nowMs }, 'ds-uid/1/n2': { delayMs: 2000, lastUpdateMs: nowMs } }
    const r = DS.decide({
      ds: d,
      placements: DS.placements(d, [node('n1'), node('n2')]),
      pods: DS.podsByNode([pod('f1', { node: 'n1', phase: 'Failed' }), pod('f2', { node: 'n2', phase: 'Failed' })], false),
      hash: hashOf(d),
      backoff,
      nowMs,
    })
    expect(r.requeueAfter).toBe(2)
    expect(r.deletes).toEqual([])
    expect(r.backoff).toBe(backoff)
  })

  it('a deleting pod on a node that may not stay is not deleted again', () => {
    const d = ds()
    const evict = node('n1', { taints: [{ key: 'k', effect: 'NoExecute' }] })
    expect(decide(d, [evict], [pod('t', { node: 'n1', deleting: true })]).deletes).toEqual([])
  })
})

describe('rolling update counting', () => {
  const roll = (d: DaemonSet, nodes: ReadonlyArray<ReturnType<typeof node>>, pods: ReadonlyArray<Pod>) =>
    DS.rollingUpdate({ ds: d, placements: DS.placements(d, nodes), pods: DS.podsByNode(pods, false), hash: hashOf(d), nowMs })

  it('an eligible node with no pod at all counts as unavailable', () => {
    const d = ds({ maxUnavailable: 1 })
    const olds = [pod('o2', { node: 'n2', owner: d, hash: oldHash, readyFor: 50 })]
    expect(roll(d, [node('n1'), node('n2')], olds)).toEqual(E.right({ creates: [], deletes: [] }))
    expect(roll(ds({ maxUnavailable: 2 }), [node('n1'), node('n2')], olds)).toEqual(E.right({ creates: [], deletes: olds }))
  })

  it('an available old pod on a node past the budget is skipped, later ones too', () => {
    const d = ds({ maxUnavailable: 1 })
    const olds = ['n1', 'n2', 'n3'].map((n) => pod(`o-${n}`, { node: n, owner: d, hash: oldHash, readyFor: 50 }))
    expect(roll(d, [node('n1'), node('n2'), node('n3')], olds)).toEqual(E.right({ creates: [], deletes: [olds[0]] }))
  })

  it('surge: old pods on nodes that should not run one go only while available pods exceed desired, one per extra', () => {
    const s = ds({ maxSurge: 1, maxUnavailable: 0 })
    const t = [{ key: 'k', effect: 'NoSchedule' }]
    const nodes = [node('n1'), node('n2', { taints: t }), node('n3', { taints: t })]
    const a = pod('a', { node: 'n1', owner: s, readyFor: 10 })
    const b = pod('b', { node: 'n2', owner: s, hash: oldHash, readyFor: 10 })
    const c = pod('c', { node: 'n3', owner: s, hash: oldHash, readyFor: 10 })
    expect(roll(s, nodes, [a, b, c])).toEqual(E.right({ creates: [], deletes: [b, c] }))
    expect(roll(s, nodes, [a, b])).toEqual(E.right({ creates: [], deletes: [b] }))
    expect(roll(s, nodes, [b])).toEqual(E.right({ creates: [], deletes: [] }))
  })

  it('surge: nodes with an updated pod only are left to placement; percent surge of the desired count', () => {
    const s = ds({ maxSurge: '50%', maxUnavailable: 0 })
    const nodes = [node('n1'), node('n2'), node('n3'), node('n4')]
    const pods = [pod('a', { node: 'n1', owner: s, readyFor: 10 }), ...['n2', 'n3', 'n4'].map((n) => pod(`o-${n}`, { node: n, owner: s, hash: oldHash, readyFor: 10 }))]
    expect(roll(s, nodes, pods)).toEqual(E.right({ creates: ['n2', 'n3'], deletes: [] }))
  })
})

describe('history numbering and limits', () => {
  it('keeps the revision number when it is already one past the old ones', () => {
    const d = ds()
    const oldRev = revisionOf(old, 1)
    const owned = { ...oldRev, metadata: { ...oldRev.metadata, ownerReferences: revisionOf(d).metadata.ownerReferences ?? [] } }
    const out = DS.reconcile(d, viewOf(d, revisionOf(d, 2), owned, node('n1')), now)
    expect(ofTag(out, 'Update').filter((u) => u.object.kind === 'ControllerRevision')).toEqual([])
  })

  it('keeps exactly revisionHistoryLimit old revisions', () => {
    const d = ds({ revisionHistoryLimit: 2 })
    const owner = revisionOf(d).metadata.ownerReferences ?? []
    const olds = [1, 2].map((n) => {
      const r = revisionOf(ds({ image: `agent:o${n}` }), n)
      return { ...r, metadata: { ...r.metadata, ownerReferences: owner } }
    })
    expect(ofTag(DS.reconcile(d, viewOf(d, revisionOf(d, 3), ...olds, node('n1')), now), 'Delete')).toEqual([])
    const one = ds({ revisionHistoryLimit: 1 })
    expect(ofTag(DS.reconcile(one, viewOf(one, revisionOf(one, 3), ...olds, node('n1')), now), 'Delete').map((x) => x.target.name)).toEqual([olds[0]!.metadata.name])
  })

  it('a revision of the current name and data that another DaemonSet controls is used as is', () => {
    const d = ds()
    const r = revisionOf(d)
    const foreign = { ...r, metadata: { ...r.metadata, ownerReferences: [{ ...(r.metadata.ownerReferences ?? [])[0]!, uid: 'other' }] } }
    const out = DS.reconcile(d, viewOf(d, foreign, node('n1')), now)
    expect(ofTag(out, 'Create').map((c) => c.object.kind)).toEqual(['Pod'])
    expect((ofTag(out, 'Create')[0]!.object as Pod).metadata.labels?.[controllerRevisionHashLabel]).toBe(hashOf(d))
  })

  it('adopts an orphan revision of the current template', () => {
    const d = ds()
    const r = revisionOf(d)
    const { ownerReferences: _o, ...meta } = r.metadata
    const out = DS.reconcile(d, viewOf(d, { ...r, metadata: meta }, node('n1')), now)
    const u = ofTag(out, 'Update').find((a) => a.object.kind === 'ControllerRevision')
    expect(u?.object.metadata.ownerReferences?.[0]?.uid).toBe('ds-uid')
    expect(ofTag(out, 'Create').map((c) => c.object.kind)).toEqual(['Pod'])
  })
})

describe('status and requeues', () => {
  it('a DaemonSet without generation writes no observedGeneration', () => {
    const d = ds()
    const { generation: _g, ...meta } = d.metadata
    const nog: DaemonSet = { ...d, metadata: meta, status: {} }
    const s = statusOf(DS.reconcile(nog, viewOf(nog, revisionOf(nog), node('n1')), now))
    expect(s?.observedGeneration).toBeUndefined()
    expect(s?.desiredNumberScheduled).toBe(1)
  })

  it('readyPodRequeue: the earliest ready-but-not-available pod; none at minReadySeconds 0 or when all are available', () => {
    const d = ds({ minReadySeconds: 10 })
    const pods = [pod('a', { node: 'n1', readyFor: 3 }), pod('b', { node: 'n2', readyFor: 8 }), pod('c', { node: 'n3', readyFor: 30 }), pod('d', { node: 'n4' })]
    expect(DS.readyPodRequeue(d, pods, nowMs)).toBe(2)
    expect(DS.readyPodRequeue(ds(), pods, nowMs)).toBeUndefined()
    expect(DS.readyPodRequeue(d, [pods[2]!], nowMs)).toBeUndefined()
  })

  it('the sameSync model names created pods apart and sorts them in', () => {
    const d = ds({ maxUnavailable: 2 })
    const pods = ['n2', 'n3'].map((n) => pod(`o-${n}`, { node: n, owner: d, hash: oldHash, readyFor: 50 }))
    const out = DS.reconcileWith({ rollingUpdate: 'sameSync' })(d, viewOf(d, revisionOf(d), node('n1'), node('n2'), node('n3'), ...pods), now)
    expect(createdOn(out)).toEqual(['n1'])
    expect(deletedPods(out)).toEqual(['o-n2'])
    const prod = DS.reconcileWith({ rollingUpdate: 'production' })(d, viewOf(d, revisionOf(d), node('n1'), node('n2'), node('n3'), ...pods), now)
    expect(deletedPods(prod)).toEqual([])
    expect(DS.backoffSeconds(DS.emptyBackoff, 'x')).toBe(0)
  })
})

describe('more boundaries', () => {
  it('a revision missing its label and needing a new number gets one Update carrying both', () => {
    const d = ds()
    const cur = revisionOf(d, 1)
    const { [controllerRevisionHashLabel]: _h, ...labels } = cur.metadata.labels ?? {}
    const oldRev = revisionOf(old, 1)
    const owned = { ...oldRev, metadata: { ...oldRev.metadata, ownerReferences: cur.metadata.ownerReferences ?? [] } }
    const out = DS.reconcile(d, viewOf(d, { ...cur, metadata: { ...cur.metadata, labels } }, owned, node('n1')), now)
    const revUpdates = ofTag(out, 'Update').filter((u) => u.object.kind === 'ControllerRevision' && u.object.metadata.name === cur.metadata.name)
    expect(revUpdates).toHaveLength(1)
    expect(revUpdates[0]!.object).toMatchObject({ revision: 2, metadata: { labels: { [controllerRevisionHashLabel]: cur.metadata.name } } })
  })

  it('of two current revisions with the same number, the later one (by creation, then name) is kept', () => {
    const d = ds()
    const a = revisionOf(d, 3)
    const b = { ...a, metadata: { ...a.metadata, name: 'agent-zzz', uid: 'zzz', labels: { app: 'agent', [controllerRevisionHashLabel]: 'zzz' } } }
    const out = DS.reconcile(d, viewOf(d, a, b, node('n1')), now)
    expect(ofTag(out, 'Delete').filter((x) => x.target.kind === 'ControllerRevision').map((x) => x.target.name)).toEqual([a.metadata.name])
  })

  it('an invalid budget also skips the history cleanup', () => {
    const d = ds({ maxUnavailable: 'x', revisionHistoryLimit: 0 })
    const oldRev = revisionOf(old, 1)
    const owned = { ...oldRev, metadata: { ...oldRev.metadata, ownerReferences: revisionOf(d).metadata.ownerReferences ?? [] } }
    const out = DS.reconcile(d, viewOf(d, revisionOf(d, 2), owned, node('n1'), pod('a', { node: 'n1', owner: d, readyFor: 5 })), now)
    expect(ofTag(out, 'Delete')).toEqual([])
    const fine = ds({ revisionHistoryLimit: 0 })
    expect(ofTag(DS.reconcile(fine, viewOf(fine, revisionOf(fine, 2), owned, node('n1'), pod('a', { node: 'n1', owner: fine, readyFor: 5 })), now), 'Delete').map((x) => x.target.name)).toEqual([oldRev.metadata.name])
  })

  it('a node where the DaemonSet may only keep a pod wakes it too', () => {
    const keepOnly = node('n1', { taints: [{ key: 'k', effect: 'NoSchedule' }] })
    expect(DS.daemonSetsForNode(keepOnly, viewOf(ds()))).toEqual(['DaemonSet/default/agent'])
    const pinned = ds({ spec: { nodeName: 'elsewhere' } })
    expect(DS.daemonSetsForNode(node('n1'), viewOf(pinned))).toEqual([])
  })
})
