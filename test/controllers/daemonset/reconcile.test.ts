/**
 * Table tests of the DaemonSet sync, rule by rule (spec Part B; upstream daemon_controller_test.go,
 * update_test.go and daemonset_util_test.go behaviours): sync order, placement, duplicates,
 * failed and succeeded pods with the backoff, surge placement, both rolling updates, history and
 * status.
 */
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src/api/pod.js'
import type { DaemonSet } from '../../../src/api/workloads.js'
import * as DS from '../../../src/controllers/daemonset/index.js'
import { reconcile as registryReconcile } from '../../../src/controllers/registry.js'
import { controllerRevisionHashLabel } from '../../../src/core/history.js'
import { ago, createdOn, deletedPods, ds, hashOf, node, now, ofTag, pod, revisionOf, statusOf, viewOf } from './fixtures.js'
import type { KubeObject } from '../../../src/api/object.js'

const run = (d: DaemonSet, ...objects: ReadonlyArray<KubeObject>) => DS.reconcile(d, viewOf(d, revisionOf(d), ...objects), now)
const reasons = (as: ReturnType<typeof run>) => ofTag(as, 'Event').map((e) => e.reason)
const nodes = (n: number) => Array.from({ length: n }, (_, i) => node(`n${i + 1}`))
const old = ds({ image: 'agent:0' })
const oldHash = hashOf(old)

describe('sync order and guards', () => {
  it('an empty selector emits only the SelectingAll warning', () => {
    const d = ds({ selector: {} })
    const out = DS.reconcile(d, viewOf(d, node('n1')), now)
    expect(out).toEqual([expect.objectContaining({ _tag: 'Event', type: 'Warning', reason: 'SelectingAll' })])
  })

  it('a DaemonSet being deleted does nothing, not even a status write', () => {
    expect(run(ds({ deleting: true }), node('n1'))).toEqual([])
  })

  it('an invalid selector does nothing', () => {
    const d = ds({ selector: { matchExpressions: [{ key: 'app', operator: 'In', values: [] }] } })
    expect(DS.reconcile(d, viewOf(d, node('n1')), now)).toEqual([])
  })

  it('the registry runs it', () => {
    const d = ds()
    expect(createdOn(registryReconcile(d, viewOf(d, revisionOf(d), node('n1')), now))).toEqual(['n1'])
  })

  it('emits revision, pod, event, status and requeue actions in upstream order', () => {
    const d = ds({ minReadySeconds: 30 })
    const out = DS.reconcile(d, viewOf(d, node('n1'), node('n2'), pod('a', { node: 'n1', owner: d, readyFor: 5 })), now)
    expect(out.map((a) => `${a._tag}${a._tag === 'Create' ? ':' + a.object.kind : ''}`)).toEqual([
      'Create:ControllerRevision',
      'Create:Pod',
      'Event',
      'UpdateStatus',
      'RequeueAfter',
    ])
  })

  it('does not mutate its (frozen) inputs and is deterministic', () => {
    const d = ds()
    const v = viewOf(d, ...nodes(3), pod('a', { node: 'n1' }))
    expect(JSON.stringify(DS.reconcile(d, v, now))).toEqual(JSON.stringify(DS.reconcile(d, v, now)))
  })
})

describe('placement (manage)', () => {
  it('creates one pod per eligible node without one, aimed at it by metadata.name affinity', () => {
    const d = ds()
    const out = run(d, ...nodes(3), pod('a', { node: 'n2' }))
    expect(createdOn(out)).toEqual(['n1', 'n3'])
    const p = ofTag(out, 'Create').find((c) => c.object.kind === 'Pod')!.object as Pod
    expect(p.spec.nodeName).toBeUndefined()
    expect(p.metadata.generateName).toBe('agent-')
    expect(p.metadata.labels).toEqual({ app: 'agent', [controllerRevisionHashLabel]: hashOf(d) })
    expect(p.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'DaemonSet', name: 'agent', uid: 'ds-uid', controller: true })
    expect(p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution).toEqual({
      nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] }],
    })
    expect(p.spec.tolerations).toHaveLength(6)
    expect(reasons(out)).toEqual(['SuccessfulCreate', 'SuccessfulCreate'])
  })

  it('replaces the user required node affinity but keeps preferred terms', () => {
    const d = ds({
      spec: {
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'role', operator: 'Exists' }] }] },
            preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1 }],
          },
        },
      },
    })
    const out = run(d, node('n1', { labels: { role: 'x' } }))
    const p = ofTag(out, 'Create').find((c) => c.object.kind === 'Pod')!.object as Pod
    expect(p.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution).toEqual([{ weight: 1 }])
    expect(p.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms).toEqual([
      { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n1'] }] },
    ])
  })

  it('labels created pods with pod-template-generation when the annotation is an integer', () => {
    const d = ds({ annotations: { [DS.templateGenerationAnnotation]: '4' } })
    const p = ofTag(run(d, node('n1')), 'Create').find((c) => c.object.kind === 'Pod')!.object as Pod
    expect(p.metadata.labels?.[DS.podTemplateGenerationLabel]).toBe('4')
    const e = ds({ annotations: { [DS.templateGenerationAnnotation]: 'x' } })
    const q = ofTag(run(e, node('n1')), 'Create').find((c) => c.object.kind === 'Pod')!.object as Pod
    expect(q.metadata.labels?.[DS.podTemplateGenerationLabel]).toBeUndefined()
  })

  it('creates nothing on a node whose taint the pod does not tolerate, and keeps (NoSchedule) or deletes (NoExecute) its pod', () => {
    const d = ds()
    const out = run(
      d,
      node('ns', { taints: [{ key: 'k', effect: 'NoSchedule' }] }),
      node('ne', { taints: [{ key: 'k', effect: 'NoExecute' }] }),
      node('nx', { taints: [{ key: 'k', effect: 'NoSchedule' }] }),
      pod('keep', { node: 'ns', readyFor: 10 }),
      pod('evict', { node: 'ne', readyFor: 10 }),
    )
    expect(createdOn(out)).toEqual([])
    expect(deletedPods(out)).toEqual(['evict'])
    expect(statusOf(out)).toMatchObject({ desiredNumberScheduled: 0, numberMisscheduled: 2, currentNumberScheduled: 0 })
  })

  it('deletes every live pod (any phase) on a node that should not keep one, skipping those being deleted', () => {
    const d = ds({ spec: { nodeSelector: { role: 'web' } } })
    const out = run(
      d,
      node('n1', { labels: { role: 'db' } }),
      pod('a', { node: 'n1' }),
      pod('b', { node: 'n1', phase: 'Failed' }),
      pod('c', { node: 'n1', deleting: true }),
    )
    expect(deletedPods(out)).toEqual(['a', 'b'])
  })

  it('trims duplicates to the oldest (bound first, then creation time, then name), even if outdated and unready', () => {
    const d = ds()
    const out = run(
      d,
      node('n1'),
      pod('new-ready', { node: 'n1', readyFor: 100, createdAgo: 100 }),
      pod('old-unready', { node: 'n1', hash: oldHash, createdAgo: 500 }),
      pod('pending-older', { node: 'n1', pending: true, createdAgo: 900 }),
      pod('z-same-time', { node: 'n1', createdAgo: 500 }),
    )
    expect(deletedPods(out)).toEqual(['z-same-time', 'new-ready', 'pending-older'])
  })

  it('does not create on a node whose only pod is terminating', () => {
    expect(createdOn(run(ds(), node('n1'), pod('a', { node: 'n1', deleting: true })))).toEqual([])
  })

  it('deletes unscheduled pods aimed at a missing node, but not bound pods on a missing node', () => {
    const out = run(ds(), node('n1'), pod('a', { node: 'n1' }), pod('lost', { node: 'gone', pending: true }), pod('bound', { node: 'gone2' }))
    expect(deletedPods(out)).toEqual(['lost'])
  })

  it('ignores pods with no target node', () => {
    const d = ds()
    const p = pod('x', { node: 'n1', pending: true })
    const bare: Pod = { ...p, spec: { containers: p.spec.containers } }
    expect(createdOn(run(d, node('n1'), bare))).toEqual(['n1'])
  })

  it('adopts matching orphans and releases pods that stopped matching', () => {
    const d = ds()
    const out = run(d, node('n1'), node('n2'), pod('orphan', { node: 'n1', owner: undefined }), pod('strayed', { node: 'n2', labels: { app: 'other' } }))
    const updates = ofTag(out, 'Update').map((u) => u.object as Pod)
    const byName = new Map(updates.map((u) => [u.metadata.name, u]))
    expect([...byName.keys()].sort()).toEqual(['orphan', 'strayed'])
    expect(byName.get('orphan')?.metadata.ownerReferences?.[0]?.uid).toBe('ds-uid')
    expect(byName.get('strayed')?.metadata.ownerReferences).toBeUndefined()
    expect(createdOn(out)).toEqual(['n2'])
  })

  it('caps creates and deletes at 250 a sync', () => {
    const d = ds()
    expect(createdOn(run(d, ...nodes(260)))).toHaveLength(250)
    const e = ds({ spec: { nodeSelector: { none: 'x' } } })
    const pods = nodes(260).map((n, i) => pod(`p${i}`, { node: n.metadata.name ?? '', owner: e }))
    expect(deletedPods(DS.reconcile(e, viewOf(e, revisionOf(e), ...nodes(260), ...pods), now))).toHaveLength(250)
  })
})

describe('failed and succeeded pods', () => {
  it('deletes a failed pod with a FailedDaemonPod warning naming the node and raises the backoff', () => {
    const d = ds()
    const out = run(d, node('n1'), pod('f', { node: 'n1', phase: 'Failed' }))
    expect(deletedPods(out)).toEqual(['f'])
    const e = ofTag(out, 'Event').find((x) => x.reason === 'FailedDaemonPod')
    expect(e).toMatchObject({ type: 'Warning', message: 'Found failed daemon pod default/f on node n1, will try to kill it' })
    expect(createdOn(out)).toEqual([])
    expect(DS.rememberBackoff(DS.emptyBackoff, out, now, d)).toEqual({ 'ds-uid/1/n1': { delayMs: 1000, lastUpdateMs: now.getTime() } })
    const observed = { ...d, status: { ...d.status, observedGeneration: 3 } }
    expect(Object.keys(DS.rememberBackoff(DS.emptyBackoff, out, now, observed))).toEqual(['ds-uid/3/n1'])
  })

  it('within the backoff window leaves the failed pod and requeues after the delay', () => {
    const d = ds()
    const backoff = { 'ds-uid/1/n1': { delayMs: 4000, lastUpdateMs: now.getTime() - 3999 } }
    const out = DS.reconcile(d, viewOf(d, revisionOf(d), node('n1'), pod('f', { node: 'n1', phase: 'Failed' })), now, backoff)
    expect(deletedPods(out)).toEqual([])
    expect(ofTag(out, 'RequeueAfter')).toEqual([expect.objectContaining({ seconds: 4 })])
  })

  it('a backoff of an older observed generation does not hold a failed pod back (upstream keys it by generation)', () => {
    const d0 = ds()
    const d = { ...d0, status: { ...d0.status, observedGeneration: 2 } }
    const backoff = { 'ds-uid/1/n1': { delayMs: 4000, lastUpdateMs: now.getTime() - 10 } } // generation 1's
    const out = DS.reconcile(d, viewOf(d, revisionOf(d), node('n1'), pod('f', { node: 'n1', phase: 'Failed' })), now, backoff)
    expect(deletedPods(out)).toEqual(['f'])
  })

  it('at the end of the window (now − last = delay) deletes it again', () => {
    const d = ds()
    const backoff = { 'ds-uid/1/n1': { delayMs: 4000, lastUpdateMs: now.getTime() - 4000 } }
    const out = DS.reconcile(d, viewOf(d, revisionOf(d), node('n1'), pod('f', { node: 'n1', phase: 'Failed' })), now, backoff)
    expect(deletedPods(out)).toEqual(['f'])
    expect(DS.rememberBackoff(backoff, out, now, d)['ds-uid/1/n1']?.delayMs).toBe(8000)
  })

  it('deletes at most one failed pod per node and backoff window', () => {
    const out = run(ds(), node('n1'), pod('f1', { node: 'n1', phase: 'Failed', createdAgo: 20 }), pod('f2', { node: 'n1', phase: 'Failed', createdAgo: 10 }))
    expect(deletedPods(out)).toEqual(['f1'])
    expect(ofTag(out, 'RequeueAfter')[0]?.seconds).toBe(1)
  })

  it('deletes succeeded pods without backoff, with a SucceededDaemonPod event', () => {
    const out = run(ds(), node('n1'), pod('s1', { node: 'n1', phase: 'Succeeded' }), pod('s2', { node: 'n1', phase: 'Succeeded' }))
    expect(deletedPods(out)).toEqual(['s1', 's2'])
    expect(reasons(out).filter((r) => r === 'SucceededDaemonPod')).toHaveLength(2)
  })

  it('a failed pod next to a running one: the failed one goes, the running one stays', () => {
    expect(deletedPods(run(ds(), node('n1'), pod('f', { node: 'n1', phase: 'Failed', createdAgo: 9000 }), pod('r', { node: 'n1' })))).toEqual(['f'])
  })
})

describe('the backoff table', () => {
  const ms = now.getTime()
  it('starts at 1 s, doubles, caps at 15 min', () => {
    let b = DS.emptyBackoff
    const seen: Array<number> = []
    for (let i = 0; i < 12; i++) {
      b = DS.nextBackoff(b, 'k', ms)
      seen.push(b['k']!.delayMs)
    }
    expect(seen.slice(0, 4)).toEqual([1000, 2000, 4000, 8000])
    expect(seen[11]).toBe(DS.maxBackoffMs)
  })

  it('restarts at 1 s after twice the cap without update (strictly more)', () => {
    const b = { k: { delayMs: 8000, lastUpdateMs: ms - 2 * DS.maxBackoffMs } }
    expect(DS.nextBackoff(b, 'k', ms)['k']!.delayMs).toBe(16000)
    const c = { k: { delayMs: 8000, lastUpdateMs: ms - 2 * DS.maxBackoffMs - 1 } }
    expect(DS.nextBackoff(c, 'k', ms)['k']!.delayMs).toBe(1000)
  })

  it('inBackoff is strict', () => {
    const b = { k: { delayMs: 1000, lastUpdateMs: ms - 999 } }
    expect(DS.inBackoff(b, 'k', ms)).toBe(true)
    expect(DS.inBackoff(b, 'k', ms + 1)).toBe(false)
    expect(DS.inBackoff(b, 'other', ms)).toBe(false)
  })

  it('rememberBackoff reads only FailedDaemonPod events with a DaemonSet uid and drops expired entries', () => {
    const ev = (reason: string, message: string, uid?: string) =>
      ({ _tag: 'Event', target: { apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'a', ...(uid === undefined ? {} : { uid }) }, type: 'Warning', reason, message }) as const
    const stale = { 'u/1/old': { delayMs: 1000, lastUpdateMs: ms - 2 * DS.maxBackoffMs - 1 }, 'u/1/kept': { delayMs: 1000, lastUpdateMs: ms } }
    const out = DS.rememberBackoff(stale, [ev('FailedDaemonPod', DS.failedPodMessage('ns', 'p', 'n9'), 'u'), ev('Other', DS.failedPodMessage('ns', 'p', 'n8'), 'u'), ev('FailedDaemonPod', 'garbled', 'u'), ev('FailedDaemonPod', DS.failedPodMessage('ns', 'p', 'n7'))], now, ds())
    expect(Object.keys(out).sort()).toEqual(['u/1/kept', 'u/1/n9'])
    expect(DS.rememberBackoff(DS.emptyBackoff, [], now, ds())).toBe(DS.emptyBackoff)
  })
})

describe('placement with surge (maxSurge > 0)', () => {
  const surge = ds({ maxSurge: 1, maxUnavailable: 0 })
  const h = hashOf(surge)
  it('creates on a node whose only pod failed (non-surge would wait)', () => {
    expect(createdOn(run(surge, node('n1'), pod('f', { node: 'n1', phase: 'Failed', owner: surge })))).toEqual(['n1'])
    const d = ds()
    expect(createdOn(run(d, node('n1'), pod('f', { node: 'n1', phase: 'Failed' })))).toEqual([])
  })

  it('keeps the oldest new and the oldest old pod, deleting other duplicates', () => {
    const out = run(
      surge,
      node('n1'),
      pod('new1', { node: 'n1', owner: surge, hash: h, createdAgo: 50, readyFor: 1 }),
      pod('new2', { node: 'n1', owner: surge, hash: h, createdAgo: 40 }),
      pod('old1', { node: 'n1', owner: surge, hash: oldHash, createdAgo: 500, readyFor: 400 }),
      pod('old2', { node: 'n1', owner: surge, hash: oldHash, createdAgo: 400 }),
    )
    expect(deletedPods(out)).toEqual(['old2', 'new2', 'old1'])
  })

  it('deletes the old pod once the new one is available', () => {
    const out = run(surge, node('n1'), pod('new', { node: 'n1', owner: surge, hash: h, createdAgo: 50, readyFor: 1 }), pod('old', { node: 'n1', owner: surge, hash: oldHash, createdAgo: 500, readyFor: 400 }))
    expect(deletedPods(out)).toEqual(['old'])
  })

  it('keeps the old pod while the new one is not available, unless the old one is not ready', () => {
    const both = (oldReady: boolean) =>
      run(surge, node('n1'), pod('new', { node: 'n1', owner: surge, hash: h, createdAgo: 50 }), pod('old', { node: 'n1', owner: surge, hash: oldHash, createdAgo: 500, ...(oldReady ? { readyFor: 400 } : {}) }))
    expect(deletedPods(both(true))).toEqual([])
    expect(deletedPods(both(false))).toEqual(['old'])
  })

  it('with minReadySeconds, a ready but not yet available new pod keeps the old one', () => {
    const d = ds({ maxSurge: 1, maxUnavailable: 0, minReadySeconds: 10 })
    const hd = hashOf(d)
    const mk = (readyFor: number) => DS.reconcile(d, viewOf(d, revisionOf(d), node('n1'), pod('new', { node: 'n1', owner: d, hash: hd, createdAgo: 50, readyFor }), pod('old', { node: 'n1', owner: d, hash: oldHash, createdAgo: 500, readyFor: 400 })), now)
    expect(deletedPods(mk(9))).toEqual([])
    expect(deletedPods(mk(10))).toEqual(['old'])
  })
})

describe('rolling update, maxSurge 0 (delete then create)', () => {
  const oldPods = (d: DaemonSet, n: number, o: { readonly readyFor?: number } = { readyFor: 100 }) =>
    Array.from({ length: n }, (_, i) => pod(`old${i + 1}`, { node: `n${i + 1}`, owner: d, hash: oldHash, ...o }))

  it('deletes up to maxUnavailable available old pods', () => {
    for (const [mu, want] of [[1, 1], [2, 2], [5, 4], ['50%', 2], ['26%', 2], ['25%', 1]] as const) {
      const d = ds({ maxUnavailable: mu })
      expect(deletedPods(run(d, ...nodes(4), ...oldPods(d, 4)))).toHaveLength(want)
    }
  })

  it('runs only when placement wrote nothing (production); in the same sync with sameSync', () => {
    const d = ds({ maxUnavailable: 2 })
    const view = viewOf(d, revisionOf(d), ...nodes(4), ...oldPods(d, 3))
    expect(deletedPods(DS.reconcile(d, view, now))).toEqual([])
    expect(createdOn(DS.reconcile(d, view, now))).toEqual(['n4'])
    const same = DS.reconcileWith({ rollingUpdate: 'sameSync' })(d, view, now)
    expect(createdOn(same)).toEqual(['n4'])
    expect(deletedPods(same)).toHaveLength(1)
  })

  it('always replaces unavailable old pods, and they count against maxUnavailable (since 1.31)', () => {
    const d = ds({ maxUnavailable: 2 })
    const pods = [...oldPods(d, 1, {}), ...oldPods(d, 4).slice(1)]
    const out = run(d, ...nodes(4), ...pods)
    expect(deletedPods(out)).toEqual(['old1', 'old2'])
    const three = run(d, ...nodes(4), ...oldPods(d, 3, {}), oldPods(d, 4)[3]!)
    expect(deletedPods(three)).toEqual(['old1', 'old2', 'old3'])
  })

  it('counts nodes with no live pod, with an unavailable new pod, or with both old and new as unavailable', () => {
    const d = ds({ maxUnavailable: 2 })
    const h = hashOf(d)
    const base = oldPods(d, 4).slice(2)
    expect(deletedPods(run(d, ...nodes(4), pod('t', { node: 'n1', owner: d, hash: oldHash, deleting: true }), pod('n', { node: 'n2', owner: d, hash: h }), ...base))).toEqual([])
    expect(deletedPods(run(d, ...nodes(4), pod('t', { node: 'n1', owner: d, hash: oldHash, deleting: true }), pod('n', { node: 'n2', owner: d, hash: h, readyFor: 5 }), ...base))).toEqual(['old3'])
  })

  it('a node with an available new pod consumes no budget', () => {
    const d = ds({ maxUnavailable: 1 })
    const out = run(d, ...nodes(3), pod('n', { node: 'n1', owner: d, hash: hashOf(d), readyFor: 5 }), ...oldPods(d, 3).slice(1))
    expect(deletedPods(out)).toEqual(['old2'])
  })

  it('treats the legacy pod-template-generation label as updated', () => {
    const d = ds({ maxUnavailable: 1, annotations: { [DS.templateGenerationAnnotation]: '2' } })
    const legacy = pod('legacy', { node: 'n1', owner: d, hash: oldHash, readyFor: 100, labels: { [DS.podTemplateGenerationLabel]: '2' } })
    expect(deletedPods(run(d, ...nodes(2), legacy, oldPods(d, 2)[1]!))).toEqual(['old2'])
  })

  it('falls back to maxUnavailable 1 when both resolve to 0', () => {
    const d = ds({ maxUnavailable: '10%', maxSurge: 0 })
    expect(DS.budgets(d, 4)).toEqual({ _tag: 'Right', right: { maxSurge: 0, maxUnavailable: 1 } })
    const z = ds({ maxUnavailable: 0, maxSurge: 0 })
    expect(DS.budgets(z, 3)).toEqual({ _tag: 'Right', right: { maxSurge: 0, maxUnavailable: 1 } })
    expect(DS.budgets(z, 0)).toEqual({ _tag: 'Right', right: { maxSurge: 0, maxUnavailable: 0 } })
  })

  it('an invalid budget stops the rolling update and the history cleanup, not the status', () => {
    const d = ds({ maxUnavailable: 'x' })
    const out = run(d, ...nodes(2), ...oldPods(d, 2))
    expect(deletedPods(out)).toEqual([])
    expect(statusOf(out)).toMatchObject({ desiredNumberScheduled: 2, updatedNumberScheduled: 0 })
  })

  it('OnDelete never deletes an outdated pod', () => {
    const d = ds({ strategy: 'OnDelete' })
    expect(deletedPods(run(d, ...nodes(3), ...oldPods(d, 3)))).toEqual([])
    expect(DS.budgets(d, 3)).toEqual({ _tag: 'Right', right: { maxSurge: 0, maxUnavailable: 1 } })
  })

  it('rounds percentages up', () => {
    const d = ds({ maxUnavailable: '10%' })
    expect(DS.unavailableCount(d, 11)).toEqual({ _tag: 'Right', right: 2 })
    expect(DS.unavailableCount(d, 10)).toEqual({ _tag: 'Right', right: 1 })
    expect(DS.surgeCount(ds({ maxSurge: '1%', maxUnavailable: 0 }), 1)).toEqual({ _tag: 'Right', right: 1 })
    expect(DS.allowsSurge(ds({ maxSurge: '1%', maxUnavailable: 0 }))).toBe(true)
    expect(DS.allowsSurge(ds({ maxSurge: '0%', maxUnavailable: 1 }))).toBe(false)
    expect(DS.allowsSurge(ds({ strategy: 'OnDelete' }))).toBe(false)
  })
})

describe('rolling update, maxSurge > 0 (create then delete)', () => {
  const s = (maxSurge: number | string, extra: Parameters<typeof ds>[0] = {}) => ds({ maxSurge, maxUnavailable: 0, ...extra })
  const olds = (d: DaemonSet, n: number, ready = true) =>
    Array.from({ length: n }, (_, i) => pod(`old${i + 1}`, { node: `n${i + 1}`, owner: d, hash: oldHash, ...(ready ? { readyFor: 100 } : {}) }))

  it('creates updated pods next to available old ones, up to maxSurge', () => {
    for (const [ms, want] of [[1, 1], [2, 2], [9, 4], ['50%', 2], ['26%', 2]] as const) {
      const d = s(ms)
      expect(createdOn(run(d, ...nodes(4), ...olds(d, 4)))).toHaveLength(want)
    }
  })

  it('replaces unavailable old pods at once, regardless of maxSurge', () => {
    const d = s(1)
    expect(createdOn(run(d, ...nodes(4), ...olds(d, 3, false), olds(d, 4)[3]!))).toEqual(['n1', 'n2', 'n3', 'n4'])
    expect(createdOn(run(s(1), ...nodes(4), ...olds(d, 3, false), olds(d, 4)[3]!, pod('new4', { node: 'n4', owner: d, hash: hashOf(d), createdAgo: 5 })))).toEqual(['n1', 'n2', 'n3'])
  })

  it('counts nodes with an unavailable new pod against maxSurge, and deletes old pods whose new pod is available', () => {
    const d = s(2)
    const h = hashOf(d)
    const out = DS.reconcileWith({ rollingUpdate: 'sameSync' })(
      d,
      viewOf(d, revisionOf(d), ...nodes(4),
      ...olds(d, 4),
      pod('new1', { node: 'n1', owner: d, hash: h, createdAgo: 10 }),
      pod('new2', { node: 'n2', owner: d, hash: h, createdAgo: 10, readyFor: 5 })),
      now,
    )
    expect(deletedPods(out)).toEqual(['old2'])
    expect(createdOn(run(d, ...nodes(4), ...olds(d, 4), pod('new2', { node: 'n2', owner: d, hash: h, createdAgo: 10, readyFor: 5 })))).toEqual([])
    expect(createdOn(out)).toEqual(['n3'])
  })

  it('deletes an unavailable old pod on a node that should no longer run one', () => {
    const d = s(1, { spec: { nodeSelector: { role: 'web' } } })
    const out = run(
      d,
      node('n1', { labels: { role: 'web' } }),
      node('n2', { labels: { role: 'db' }, taints: [{ key: 'k', effect: 'NoSchedule' }] }),
      pod('keep', { node: 'n1', owner: d, hash: hashOf(d), readyFor: 10 }),
    )
    expect(deletedPods(out)).toEqual([])
    const e = s(1)
    const t = [{ key: 'k', effect: 'NoSchedule' }]
    const unready = run(e, node('n1'), node('n2', { taints: t }), pod('a', { node: 'n1', owner: e, hash: hashOf(e), readyFor: 10 }), pod('b', { node: 'n2', owner: e, hash: oldHash }))
    expect(deletedPods(unready)).toEqual(['b'])
  })

  it('deletes available old pods on nodes that should not run one only while more are available than desired', () => {
    const e = s(1)
    const t = [{ key: 'k', effect: 'NoSchedule' }]
    const base = [node('n1'), node('n2', { taints: t }), node('n3', { taints: t })]
    const b = pod('b', { node: 'n2', owner: e, hash: oldHash, readyFor: 10 })
    const c = pod('c', { node: 'n3', owner: e, hash: oldHash, readyFor: 10 })
    expect(deletedPods(run(e, ...base, pod('a', { node: 'n1', owner: e, hash: hashOf(e), readyFor: 10 }), b, c))).toEqual(['b', 'c'])
    expect(deletedPods(run(e, ...base, pod('a', { node: 'n1', owner: e, hash: hashOf(e) }), b, c))).toEqual(['b'])
    expect(deletedPods(run(e, base[0]!, base[1]!, pod('a', { node: 'n1', owner: e, hash: hashOf(e) }), b))).toEqual([])
  })

  it('treats a node with duplicates as surging (no new candidates while at the budget)', () => {
    const d = s(1)
    const dup = [pod('x1', { node: 'n1', owner: d, hash: oldHash, readyFor: 100, createdAgo: 50 }), pod('x2', { node: 'n1', owner: d, hash: oldHash, readyFor: 100, createdAgo: 40 })]
    const out = DS.reconcileWith({ rollingUpdate: 'sameSync' })(d, viewOf(d, revisionOf(d), ...nodes(2), ...dup, olds(d, 2)[1]!), now)
    expect(deletedPods(out)).toEqual(['x2'])
    expect(DS.rollingUpdate({ ds: d, placements: DS.placements(d, nodes(2)), pods: DS.podsByNode([...dup, olds(d, 2)[1]!], false), hash: hashOf(d), nowMs: now.getTime() })).toEqual({ _tag: 'Right', right: { creates: [], deletes: [] } })
  })

  it('an outdated pod on a node that no longer exists stops the surge rolling update', () => {
    const d = s(1)
    const lost = pod('lost', { node: 'gone', owner: d, hash: oldHash, readyFor: 100 })
    expect(DS.rollingUpdate({ ds: d, placements: DS.placements(d, nodes(1)), pods: DS.podsByNode([lost], false), hash: hashOf(d), nowMs: now.getTime() })._tag).toBe('Left')
  })
})

describe('findUpdatedPodsOnNode', () => {
  const d = ds()
  const h = hashOf(d)
  it('splits into updated and outdated, ignoring pods being deleted; undefined with two of a kind', () => {
    const n = pod('n', { node: 'n1', hash: h })
    const o = pod('o', { node: 'n1', hash: oldHash })
    expect(DS.findUpdatedPodsOnNode([n, o], h, undefined)).toEqual({ updated: n, outdated: o })
    expect(DS.findUpdatedPodsOnNode([n, pod('n2', { node: 'n1', hash: h })], h, undefined)).toBeUndefined()
    expect(DS.findUpdatedPodsOnNode([o, pod('o2', { node: 'n1', hash: oldHash })], h, undefined)).toBeUndefined()
    expect(DS.findUpdatedPodsOnNode([o, pod('o2', { node: 'n1', hash: oldHash, deleting: true })], h, undefined)).toEqual({ updated: undefined, outdated: o })
  })

  it('isPodUpdated: hash label (non-empty) or generation label', () => {
    const p = pod('p', { node: 'n1', hash: '', labels: { [DS.podTemplateGenerationLabel]: '3' } })
    expect(DS.isPodUpdated(p, '', undefined)).toBe(false)
    expect(DS.isPodUpdated(p, '', 3)).toBe(true)
    expect(DS.isPodUpdated(p, 'h', 2)).toBe(false)
    expect(DS.isPodUpdated(pod('q', { node: 'n1', hash: 'h' }), 'h', undefined)).toBe(true)
  })
})

describe('targetNode and the oldest-first order', () => {
  it('reads spec.nodeName, else the first metadata.name In field with one value', () => {
    const p = pod('p', { node: 'n1', pending: true })
    expect(DS.targetNode(p)).toBe('n1')
    expect(DS.targetNode({ ...p, spec: { ...p.spec, nodeName: 'n2' } })).toBe('n2')
    const two = { ...p, spec: { ...p.spec, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'In', values: ['a', 'b'] }] }] } } } } }
    expect(DS.targetNode(two)).toBeUndefined()
    const notIn = { ...p, spec: { ...p.spec, affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchFields: [{ key: 'metadata.name', operator: 'NotIn', values: ['a'] }] }, { matchFields: [{ key: 'metadata.name', operator: 'In', values: ['c'] }] }] } } } } }
    expect(DS.targetNode(notIn)).toBe('c')
  })

  it('orders bound before unbound, then older, then by name', () => {
    const a = pod('a', { node: 'n1', createdAgo: 10 })
    const b = pod('b', { node: 'n1', createdAgo: 10 })
    const c = pod('c', { node: 'n1', createdAgo: 20 })
    const u = pod('u', { node: 'n1', createdAgo: 99, pending: true })
    expect([u, b, a, c].sort(DS.oldestFirst).map((p) => p.metadata.name)).toEqual(['c', 'a', 'b', 'u'])
  })
})

describe('history', () => {
  it('creates the current revision numbered one past the old ones, with the hash label and the template patch', () => {
    const d = ds()
    const oldRev = { ...revisionOf(old, 4), metadata: { ...revisionOf(old, 4).metadata, ownerReferences: revisionOf(d).metadata.ownerReferences ?? [] } }
    const out = DS.reconcile(d, viewOf(d, oldRev, node('n1')), now)
    const rev = ofTag(out, 'Create').find((c) => c.object.kind === 'ControllerRevision')!.object
    expect(rev).toMatchObject({ metadata: { name: `agent-${hashOf(d)}`, labels: { app: 'agent', [controllerRevisionHashLabel]: hashOf(d) } }, revision: 5 })
  })

  it('matches a revision read from a cluster by meaning (nulls and key order ignored)', () => {
    const d = ds()
    const r = revisionOf(d)
    const stored = { ...r, data: { spec: { template: { $patch: 'replace', spec: { containers: [{ image: 'agent:1', name: 'c' }] }, metadata: { labels: { app: 'agent' }, creationTimestamp: null } } } } }
    const out = DS.reconcile(d, viewOf(d, stored, node('n1')), now)
    expect(ofTag(out, 'Create').filter((c) => c.object.kind === 'ControllerRevision')).toEqual([])
  })

  it('labels a revision without the hash label with its own name', () => {
    const d = ds()
    const r = revisionOf(d)
    const { [controllerRevisionHashLabel]: _h, ...labels } = r.metadata.labels ?? {}
    const out = DS.reconcile(d, viewOf(d, { ...r, metadata: { ...r.metadata, labels } }, node('n1')), now)
    const u = ofTag(out, 'Update').find((a) => a.object.kind === 'ControllerRevision')
    expect(u?.object.metadata.labels?.[controllerRevisionHashLabel]).toBe(r.metadata.name)
  })

  it('renumbers the current revision when an old one is as high', () => {
    const d = ds()
    const oldRev = revisionOf(old, 3)
    const owned = { ...oldRev, metadata: { ...oldRev.metadata, ownerReferences: revisionOf(d).metadata.ownerReferences ?? [] } }
    const out = DS.reconcile(d, viewOf(d, revisionOf(d, 2), owned, node('n1')), now)
    const u = ofTag(out, 'Update').find((a) => a.object.kind === 'ControllerRevision')
    expect(u?.object).toMatchObject({ metadata: { name: revisionOf(d).metadata.name }, revision: 4 })
  })

  it('a name clash with other data raises collisionCount and ends the sync', () => {
    const d = ds()
    const clash = { ...revisionOf(old, 1), metadata: { ...revisionOf(old, 1).metadata, name: `agent-${hashOf(d)}`, ownerReferences: [{ ...revisionOf(old, 1).metadata.ownerReferences![0]!, uid: 'other' }] } }
    const out = DS.reconcile(d, viewOf(d, clash, node('n1')), now)
    expect(out.map((a) => a._tag)).toEqual(['UpdateStatus'])
    expect(statusOf(out)?.collisionCount).toBe(1)
    const bumped = ds({ status: { collisionCount: 1, observedGeneration: 1 } })
    expect(hashOf(bumped)).not.toBe(hashOf(d))
  })

  it('deduplicates current revisions: keeps the highest, relabels pods, deletes the others', () => {
    const d = ds()
    const a = revisionOf(d, 1)
    const b = { ...revisionOf(d, 2), metadata: { ...revisionOf(d, 2).metadata, name: 'agent-dup', uid: 'dup', labels: { app: 'agent', [controllerRevisionHashLabel]: 'dup' } } }
    const out = DS.reconcile(d, viewOf(d, a, b, node('n1'), pod('p', { node: 'n1', readyFor: 10 })), now)
    expect(ofTag(out, 'Update').map((u) => `${u.object.kind}:${u.object.metadata.labels?.[controllerRevisionHashLabel]}`)).toEqual(['Pod:dup'])
    expect(ofTag(out, 'Delete').filter((x) => x.target.kind === 'ControllerRevision').map((x) => x.target.name)).toEqual([a.metadata.name])
  })

  it('cleans up old revisions beyond the limit, lowest first, keeping those a pod still runs', () => {
    const d = ds({ revisionHistoryLimit: 1 })
    const owner = revisionOf(d).metadata.ownerReferences ?? []
    const olds = [1, 2, 3].map((n) => {
      const r = revisionOf(ds({ image: `agent:o${n}` }), n)
      return { ...r, metadata: { ...r.metadata, ownerReferences: owner } }
    })
    const live = pod('p', { node: 'n1', hash: olds[0]!.metadata.labels?.[controllerRevisionHashLabel] ?? '', readyFor: 10 })
    const out = DS.reconcile(d, viewOf(d, revisionOf(d, 4), ...olds, node('n1'), live), now)
    expect(ofTag(out, 'Delete').filter((x) => x.target.kind === 'ControllerRevision').map((x) => x.target.name)).toEqual([olds[1]!.metadata.name, olds[2]!.metadata.name])
    const keepAll = DS.reconcile(ds({ revisionHistoryLimit: 3 }), viewOf(d, revisionOf(d, 4), ...olds, node('n1'), live), now)
    expect(ofTag(keepAll, 'Delete').filter((x) => x.target.kind === 'ControllerRevision')).toEqual([])
  })
})

describe('status', () => {
  it('counts desired, current, misscheduled, ready, available, updated and unavailable over the oldest pod per node', () => {
    const d = ds({ minReadySeconds: 10 })
    const h = hashOf(d)
    const out = DS.reconcile(
      d,
      viewOf(
        d,
        revisionOf(d),
        node('n1'),
        node('n2'),
        node('n3'),
        node('n4', { taints: [{ key: 'k', effect: 'NoSchedule' }] }),
        pod('a', { node: 'n1', owner: d, hash: h, readyFor: 10 }),
        pod('b', { node: 'n2', owner: d, hash: oldHash, readyFor: 9 }),
        pod('m', { node: 'n4', owner: d, hash: h, readyFor: 100 }),
      ),
      now,
    )
    expect(statusOf(out)).toEqual({
      observedGeneration: 1,
      desiredNumberScheduled: 3,
      currentNumberScheduled: 2,
      numberMisscheduled: 1,
      numberReady: 2,
      updatedNumberScheduled: 1,
      numberAvailable: 1,
      numberUnavailable: 2,
    })
    expect(ofTag(out, 'RequeueAfter')).toEqual([expect.objectContaining({ seconds: 1 })])
  })

  it('skips the write when every counter is unchanged and observedGeneration >= generation', () => {
    const d0 = ds()
    const counts = { desiredNumberScheduled: 1, currentNumberScheduled: 1, numberMisscheduled: 0, numberReady: 1, updatedNumberScheduled: 1, numberAvailable: 1, numberUnavailable: 0 }
    const p = pod('a', { node: 'n1', readyFor: 10 })
    expect(statusOf(run(ds({ status: { ...counts, observedGeneration: 1 } }), node('n1'), p))).toBeUndefined()
    expect(statusOf(run(ds({ status: { ...counts, observedGeneration: 2 } }), node('n1'), p))).toBeUndefined()
    expect(statusOf(run(ds({ generation: 2, status: { ...counts, observedGeneration: 1 } }), node('n1'), p))?.observedGeneration).toBe(2)
    for (const k of Object.keys(counts)) {
      expect(statusOf(run(ds({ status: { ...counts, [k]: (counts as Record<string, number>)[k]! + 1, observedGeneration: 1 } }), node('n1'), p))).toEqual({ ...counts, observedGeneration: 1 })
    }
    expect(d0.status?.observedGeneration).toBe(1)
  })

  it('counts ready by the condition only, and a node with only a terminating pod as scheduled', () => {
    const d = ds()
    const pending = pod('a', { node: 'n1', phase: 'Pending', readyFor: 1 })
    const out = run(d, node('n1'), node('n2'), pending, pod('t', { node: 'n2', deleting: true }))
    expect(statusOf(out)).toMatchObject({ currentNumberScheduled: 2, numberReady: 1, numberAvailable: 1 })
  })

  it('does not count terminal pods being deleted, nor pods on nodes not in the list', () => {
    const out = run(ds(), node('n1'), pod('x', { node: 'n1', phase: 'Failed', deleting: true }), pod('y', { node: 'gone', readyFor: 5 }))
    expect(statusOf(out)).toMatchObject({ desiredNumberScheduled: 1, currentNumberScheduled: 0 })
    expect(createdOn(out)).toEqual(['n1'])
  })

  it('no minReadySeconds requeue when ready equals available or minReadySeconds is 0', () => {
    expect(ofTag(run(ds({ minReadySeconds: 10 }), node('n1'), pod('a', { node: 'n1', readyFor: 20 })), 'RequeueAfter')).toEqual([])
    expect(ofTag(run(ds(), node('n1'), pod('a', { node: 'n1', readyFor: 0 })), 'RequeueAfter')).toEqual([])
  })

  it('keeps unknown status fields such as collisionCount', () => {
    const out = run(ds({ status: { collisionCount: 0, observedGeneration: 1 } }), node('n1'))
    expect(statusOf(out)?.collisionCount).toBe(0)
    expect(ago(0)).toBe('2024-01-01T12:00:00Z')
  })
})

describe("behaviours of upstream's daemon_controller_test.go and update_test.go", () => {
  it('launches on a node without room (capacity is the scheduler’s business) and on a not-ready node', () => {
    const full = { ...node('n1'), status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { pods: '0' } } }
    expect(createdOn(run(ds(), full, node('n2', { ready: false })))).toEqual(['n1', 'n2'])
  })

  it('launches on nodes under memory/disk/pid pressure (tolerated) but not on a network-unavailable node unless host-network', () => {
    const pressure = ['memory-pressure', 'disk-pressure', 'pid-pressure'].map((k, i) => node(`p${i}`, { taints: [{ key: `node.kubernetes.io/${k}`, effect: 'NoSchedule' }] }))
    const net = node('net', { taints: [{ key: 'node.kubernetes.io/network-unavailable', effect: 'NoSchedule' }] })
    expect(createdOn(run(ds(), ...pressure, net))).toEqual(['p0', 'p1', 'p2'])
    const host = ds({ spec: { hostNetwork: true } as never })
    expect(createdOn(run(host, net))).toEqual(['net'])
  })

  it('a node-name DaemonSet launches only on that node; a selector DaemonSet deletes pods on unselected nodes', () => {
    expect(createdOn(run(ds({ spec: { nodeName: 'n2' } }), ...nodes(3)))).toEqual(['n2'])
    const sel = ds({ spec: { nodeSelector: { disk: 'ssd' } } })
    const out = run(sel, node('n1', { labels: { disk: 'ssd' } }), node('n2'), pod('a', { node: 'n2', owner: sel }))
    expect(createdOn(out)).toEqual(['n1'])
    expect(deletedPods(out)).toEqual(['a'])
  })

  it('updates all not-ready old pods at once, then the available ones one at a time', () => {
    const d = ds({ maxUnavailable: 1 })
    const pods = nodes(4).map((n, i) => pod(`o${i}`, { node: n.metadata.name ?? '', owner: d, hash: oldHash, ...(i < 2 ? {} : { readyFor: 10 }) }))
    expect(deletedPods(run(d, ...nodes(4), ...pods))).toEqual(['o0', 'o1'])
    expect(deletedPods(run(d, ...nodes(4), ...pods.slice(2), pod('n0', { node: 'n1', owner: d, readyFor: 1 }), pod('n1', { node: 'n2', owner: d, readyFor: 1 })))).toEqual(['o2'])
  })

  it('no template change: no rolling update, no new revision', () => {
    const d = ds({ generation: 2, observedGeneration: 1, maxUnavailable: 2 })
    const out = run(d, ...nodes(2), pod('a', { node: 'n1', owner: d, readyFor: 10 }), pod('b', { node: 'n2', owner: d, readyFor: 10 }))
    expect(deletedPods(out)).toEqual([])
    expect(ofTag(out, 'Create')).toEqual([])
    expect(statusOf(out)?.observedGeneration).toBe(2)
  })

  it('NoSchedule taint added under a running intolerant pod does not evict it; NoExecute does', () => {
    const p = pod('a', { node: 'n1', readyFor: 10 })
    expect(deletedPods(run(ds(), node('n1', { taints: [{ key: 'k', effect: 'NoSchedule' }] }), p))).toEqual([])
    expect(deletedPods(run(ds(), node('n1', { taints: [{ key: 'k', effect: 'NoExecute' }] }), p))).toEqual(['a'])
  })
})
