/**
 * The taint eviction controller (upstream pkg/controller/tainteviction): which tolerations a pod
 * uses and for how long (GetMatchingTolerations, getMinTolerationTime), when it is evicted, the
 * schedule it remembers, and which pods a pass looks at.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Node, Taint } from '../../../src/api/node.js'
import type { Pod, Toleration } from '../../../src/api/pod.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import {
  controller,
  decide,
  eventReason,
  evict,
  matchingTolerations,
  minTolerationSeconds,
  name,
  noExecuteTaints,
  reconcile,
  remember,
} from '../../../src/controllers/tainteviction/index.js'
import type { Evictions } from '../../../src/controllers/tainteviction/index.js'
import { deepFreeze } from '../../sim/fixtures.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 100)
const t0 = Date.parse('2024-01-01T00:00:00Z')
const iso = (s: number): string => new Date(t0 + s * 1000).toISOString().replace('.000Z', 'Z')
const at = (s: number): Date => new Date(t0 + s * 1000)

const unreachable: Taint = { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: iso(0) }
const admitted: ReadonlyArray<Toleration> = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
]

const node = (nodeName: string, taints: ReadonlyArray<Taint> = []): Node =>
  deepFreeze({ apiVersion: 'v1', kind: 'Node', metadata: { name: nodeName, uid: `uid-${nodeName}` }, spec: taints.length === 0 ? {} : { taints } } as Node)

const pod = (podName: string, nodeName: string, tolerations: ReadonlyArray<Toleration> = admitted, extra: Partial<Pod['metadata']> = {}): Pod =>
  deepFreeze({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: podName, namespace: 'default', uid: `uid-${podName}`, resourceVersion: '3', ...extra },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName, tolerations },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: iso(0) }] },
  } as Pod)

const key = (p: string): string => `Pod/default/${p}`
const view = (...objs: ReadonlyArray<Node | Pod>) => deepFreeze(ClusterView.fromObjects(objs))
const tags = (as: ReadonlyArray<Action>) => as.map((a) => a._tag)

describe('tolerations', () => {
  it('the first toleration of each taint is used; one taint not tolerated is none', () => {
    const forever: Toleration = { operator: 'Exists' }
    expect(matchingTolerations([], [])).toEqual([])
    expect(matchingTolerations([unreachable], [])).toBeUndefined()
    expect(matchingTolerations([unreachable, { key: 'x', effect: 'NoExecute' }], admitted)).toBeUndefined()
    expect(matchingTolerations([unreachable], [forever, ...admitted])).toEqual([forever])
    expect(matchingTolerations([unreachable], admitted)).toEqual([admitted[1]])
  })

  it('last the least tolerationSeconds; none → 0; any ≤ 0 → 0; none with seconds → for ever (−1)', () => {
    expect(minTolerationSeconds([])).toBe(0)
    expect(minTolerationSeconds([{ tolerationSeconds: 300 }, { tolerationSeconds: 60 }, {}])).toBe(60)
    expect(minTolerationSeconds([{ tolerationSeconds: 300 }, { tolerationSeconds: 0 }])).toBe(0)
    expect(minTolerationSeconds([{ tolerationSeconds: -5 }, { tolerationSeconds: 60 }])).toBe(0)
    expect(minTolerationSeconds([{}, { operator: 'Exists' }])).toBe(-1)
  })

  it('(property) min is 0 for an empty list or a non-positive value, −1 without values, else the least positive', () => {
    fc.assert(
      fc.property(fc.array(fc.option(fc.integer({ min: -10, max: 1000 }), { nil: undefined })), (secs) => {
        const tols = secs.map((s): Toleration => (s === undefined ? {} : { tolerationSeconds: s }))
        const given = secs.filter((s): s is number => s !== undefined)
        const want = secs.length === 0 || given.some((s) => s <= 0) ? 0 : given.length === 0 ? -1 : Math.min(...given)
        expect(minTolerationSeconds(tols)).toBe(want)
      }),
      { numRuns: runs },
    )
  })
})

describe('one pod', () => {
  const n = node('a', [unreachable, { key: 'x', effect: 'NoSchedule' }])

  it('on a node with NoExecute taints it tolerates for 300 s: evicted 300 s after first seen, requeued until then', () => {
    expect(noExecuteTaints(n)).toEqual([unreachable])
    expect(decide(key('p'), pod('p', 'a'), n, undefined, at(10))).toEqual([{ _tag: 'RequeueAfter', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p', uid: 'uid-p' }, seconds: 300 }])
    const entry = { createdAt: t0 + 10_000, fireAt: t0 + 310_000 }
    expect(decide(key('p'), pod('p', 'a'), n, entry, at(100))).toMatchObject([{ _tag: 'RequeueAfter', seconds: 210 }])
    expect(tags(decide(key('p'), pod('p', 'a'), n, entry, at(310)))).toEqual(['Event', 'UpdateStatus', 'Delete'])
  })

  it('an eviction scheduled this instant is scheduled again from now (the same time)', () => {
    const entry = { createdAt: t0 + 10_000, fireAt: t0 + 20_000 }
    expect(decide(key('p'), pod('p', 'a'), n, entry, at(10))).toMatchObject([{ _tag: 'RequeueAfter', seconds: 300 }])
  })

  it('not tolerating a NoExecute taint: evicted at once', () => {
    expect(tags(decide(key('p'), pod('p', 'a', []), n, undefined, at(0)))).toEqual(['Event', 'UpdateStatus', 'Delete'])
  })

  it('tolerating for ever, or the node untainted: a scheduled eviction is cancelled with an event, none else', () => {
    const entry = { createdAt: t0, fireAt: t0 + 300_000 }
    const forever = pod('p', 'a', [{ operator: 'Exists' }])
    expect(decide(key('p'), forever, n, entry, at(5))).toEqual([
      { _tag: 'Event', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p' }, type: 'Normal', reason: eventReason, message: 'Cancelling deletion of Pod default/p' },
    ])
    expect(decide(key('p'), forever, n, undefined, at(5))).toEqual([])
    expect(tags(decide(key('p'), pod('p', 'a'), node('a'), entry, at(5)))).toEqual(['Event'])
    expect(decide(key('p'), pod('p', 'a'), node('a'), undefined, at(5))).toEqual([])
  })

  it('gone: a scheduled eviction is cancelled; being deleted or unbound: left alone', () => {
    const entry = { createdAt: t0, fireAt: t0 }
    expect(tags(decide(key('p'), undefined, undefined, entry, at(5)))).toEqual(['Event'])
    expect(decide(key('p'), undefined, undefined, undefined, at(5))).toEqual([])
    expect(decide(key('p'), pod('p', 'a', [], { deletionTimestamp: iso(1) }), n, entry, at(5))).toEqual([])
    expect(decide(key('p'), pod('p', '', []), undefined, entry, at(5))).toEqual([])
  })

  it('on a node that is gone: a scheduled eviction fires as it was, none is started', () => {
    expect(decide(key('p'), pod('p', 'a'), undefined, undefined, at(5))).toEqual([])
    expect(tags(decide(key('p'), pod('p', 'a'), undefined, { createdAt: t0, fireAt: t0 }, at(5)))).toEqual(['Event', 'UpdateStatus', 'Delete'])
    expect(decide(key('p'), pod('p', 'a'), undefined, { createdAt: t0, fireAt: t0 + 9000 }, at(5))).toMatchObject([{ _tag: 'RequeueAfter', seconds: 4 }])
  })

  it('an eviction: the event, DisruptionTarget=True (DeletionByTaintManager, required) unless already so, a plain graceful delete', () => {
    const out = evict(pod('p', 'a'), at(7))
    expect(out[0]).toEqual({ _tag: 'Event', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p', uid: 'uid-p' }, type: 'Normal', reason: eventReason, message: 'Marking for deletion Pod default/p' })
    expect(out[1]).toMatchObject({ _tag: 'UpdateStatus', required: true })
    const marked = out[1]?._tag === 'UpdateStatus' ? out[1].object : undefined
    expect(marked?.kind === 'Pod' && marked.status?.conditions?.at(-1)).toEqual({
      type: 'DisruptionTarget',
      status: 'True',
      reason: 'DeletionByTaintManager',
      message: 'Taint manager: deleting due to NoExecute taint',
      lastTransitionTime: iso(7),
    })
    expect(out[2]).toEqual({ _tag: 'Delete', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p', uid: 'uid-p' } })
    const already = marked?.kind === 'Pod' ? marked : pod('x', 'a')
    expect(tags(evict(already, at(9)))).toEqual(['Event', 'Delete'])
    const byApi = { ...already, status: { ...already.status, conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'EvictionByEvictionAPI', lastTransitionTime: iso(1) }] } } as Pod
    expect(tags(evict(byApi, at(9)))).toEqual(['Event', 'UpdateStatus', 'Delete'])
  })
})

describe('the schedule (memory)', () => {
  const ref = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'p' }
  it('a requeue starts one (now, now + seconds), or keeps one falling due then; a cancellation drops it', () => {
    const m0: Evictions = new Map()
    const m1 = remember(m0, [{ _tag: 'RequeueAfter', target: ref, seconds: 300 }], at(10))
    expect([...m1]).toEqual([[key('p'), { createdAt: t0 + 10_000, fireAt: t0 + 310_000 }]])
    const m2 = remember(m1, [{ _tag: 'RequeueAfter', target: ref, seconds: 210 }], at(100))
    expect(m2.get(key('p'))).toEqual({ createdAt: t0 + 10_000, fireAt: t0 + 310_000 })
    const m3 = remember(m1, [{ _tag: 'RequeueAfter', target: ref, seconds: 60 }], at(100))
    expect(m3.get(key('p'))).toEqual({ createdAt: t0 + 100_000, fireAt: t0 + 160_000 })
    expect([...remember(m1, [{ _tag: 'Event', target: ref, type: 'Normal', reason: eventReason, message: 'Cancelling deletion of Pod default/p' }], at(20))]).toEqual([])
    expect(remember(m1, [{ _tag: 'Event', target: ref, type: 'Normal', reason: eventReason, message: 'Marking for deletion Pod default/p' }], at(20)).size).toBe(1)
    expect(remember(m1, [{ _tag: 'RequeueAfter', target: { ...ref, kind: 'Node' }, seconds: 5 }], at(20))).toEqual(m1)
  })

  it('an eviction done (the pod seen being deleted) drops it; a delete that failed keeps it to fire again', () => {
    const m: Evictions = new Map([[key('p'), { createdAt: t0, fireAt: t0 }]])
    expect(remember(m, [], at(5), undefined, view(pod('p', 'a', admitted, { deletionTimestamp: iso(5) }))).size).toBe(0)
    expect(remember(m, [], at(5), undefined, view(pod('p', 'a'))).size).toBe(1)
  })
})

describe('a pass', () => {
  const tainted = node('a', [unreachable])
  const v = view(tainted, node('b'), pod('p', 'a'), pod('q', 'a', []), pod('r', 'b'), pod('s', 'b', []))

  it('full (or woken by its own name): the pods of every node with NoExecute taints and the remembered ones, in key order', () => {
    const memory: Evictions = new Map([[key('gone'), { createdAt: t0, fireAt: t0 + 1 }]])
    const out = reconcile(v, at(0), undefined, memory)
    expect(out.map((a) => `${a._tag} ${'target' in a ? a.target.name : a.object.metadata.name}`)).toEqual([
      'Event gone',
      'RequeueAfter p',
      'Event q',
      'UpdateStatus q',
      'Delete q',
    ])
    expect(reconcile(v, at(0), new Set([name]), memory)).toEqual(out)
  })

  it('woken: the pods of the nodes named and the pods named only', () => {
    expect(tags(reconcile(v, at(0), new Set(['Node//b'])))).toEqual([])
    expect(tags(reconcile(v, at(0), new Set(['Pod/default/q', 'Pod/default/r'])))).toEqual(['Event', 'UpdateStatus', 'Delete'])
    expect(tags(reconcile(v, at(0), new Set(['Node//a'])))).toEqual(['RequeueAfter', 'Event', 'UpdateStatus', 'Delete'])
    expect(reconcile(v, at(0), new Set(['Job/default/x']))).toEqual([])
  })

  it('is declared cluster-wide, woken by nodes and by pods on nodes with NoExecute taints or gone, remembering its schedule', () => {
    expect(controller.name).toBe('taint-eviction-controller')
    const keys = (o: Node | Pod) => controller.wakes.filter((w) => w.kind === o.kind).flatMap((w) => [...w.keys(o, v)])
    expect(keys(tainted)).toEqual(['Node//a'])
    expect(keys(pod('p', 'a'))).toEqual(['Pod/default/p'])
    expect(keys(pod('p', 'b'))).toEqual([])
    expect(keys(pod('p', 'gone'))).toEqual(['Pod/default/p'])
    expect(keys(pod('p', ''))).toEqual([])
    expect(controller.memory?.initial.size).toBe(0)
  })
})
