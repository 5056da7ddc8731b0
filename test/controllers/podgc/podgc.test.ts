/**
 * Pod GC (upstream pkg/controller/podgc/gc_controller.go): the terminated-pod threshold (evicted
 * first, then oldest, ties by name), pods of missing nodes after the 40 s quarantine (Failed with
 * DisruptionTarget, then a forced delete), terminating pods on out-of-service nodes, unscheduled
 * terminating pods; and the controller in the simulation.
 */
import { describe, expect, it } from 'vitest'
import type { Node } from '../../../src/api/node.js'
import type { Pod } from '../../../src/api/pod.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { controller, controllerWith, quarantineSeconds, reconcile, reconcileWith, rememberQuarantine } from '../../../src/controllers/podgc/index.js'
import * as Simulation from '../../../src/sim/index.js'
import { deepFreeze, node, podsOf, replicaSet, start } from '../../sim/fixtures.js'

const now = new Date('2024-01-01T01:00:00Z')
const at = (minutes: number): string => new Date(Date.parse('2024-01-01T00:00:00Z') + minutes * 60_000).toISOString().replace('.000Z', 'Z')

const pod = (
  name: string,
  opts: { readonly phase?: string; readonly reason?: string; readonly node?: string; readonly created?: number; readonly deleting?: boolean } = {},
): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'default',
    uid: `uid-${name}`,
    creationTimestamp: at(opts.created ?? 0),
    ...(opts.deleting === true ? { deletionTimestamp: at(59), deletionGracePeriodSeconds: 30 } : {}),
  },
  spec: { containers: [{ name: 'c', image: 'nginx' }], ...(opts.node === undefined ? {} : { nodeName: opts.node }) },
  status: { phase: opts.phase ?? 'Running', ...(opts.reason === undefined ? {} : { reason: opts.reason }) },
})

const n = (name: string, extra: Partial<Node['spec']> = {}, ready = true): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, uid: `uid-${name}` },
  spec: extra,
  status: { conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }] },
})

const view = (...objs: ReadonlyArray<Pod | Node>) => deepFreeze(ClusterView.fromObjects(objs))
const deleted = (as: ReadonlyArray<Action>): ReadonlyArray<string> => as.flatMap((a) => (a._tag === 'Delete' ? [a.target.name] : []))

describe('terminated pods over the threshold', () => {
  const gc = reconcileWith({ terminatedPodThreshold: 2 })
  const pods = [
    pod('old-ok', { phase: 'Succeeded', created: 1, node: 'a' }),
    pod('evicted', { phase: 'Failed', reason: 'Evicted', created: 9, node: 'a' }),
    pod('b-tie', { phase: 'Failed', created: 2, node: 'a' }),
    pod('a-tie', { phase: 'Failed', created: 2, node: 'a' }),
    pod('young', { phase: 'Succeeded', created: 5, node: 'a' }),
    pod('running', { created: 0, node: 'a' }),
    pod('pending', { phase: 'Pending', created: 0, node: 'a' }),
  ]
  it('deletes the surplus: evicted first, then the oldest, ties by name; forced, uid-preconditioned, no status write for terminal pods', () => {
    const out = gc(view(n('a'), ...pods), now)
    expect(deleted(out)).toEqual(['evicted', 'old-ok', 'a-tie'])
    expect(out.every((a) => a._tag === 'Delete')).toBe(true)
    expect(out[0]).toMatchObject({ gracePeriodSeconds: 0, preconditions: { uid: 'uid-evicted' } })
  })
  it('keeps them all at or under the threshold, and with the step off (≤ 0)', () => {
    expect(reconcileWith({ terminatedPodThreshold: 5 })(view(n('a'), ...pods), now)).toEqual([])
    expect(reconcileWith({ terminatedPodThreshold: 0 })(view(n('a'), ...pods), now)).toEqual([])
    expect(deleted(reconcileWith({ terminatedPodThreshold: 4 })(view(n('a'), ...pods), now))).toEqual(['evicted'])
  })
  it('defaults to 12,500', () => {
    const many = Array.from({ length: 12_501 }, (_, i) => pod(`p${String(i).padStart(5, '0')}`, { phase: 'Succeeded', node: 'a', created: i % 7 }))
    expect(deleted(reconcile(view(n('a'), ...many), now))).toHaveLength(1)
    expect(reconcile(view(n('a'), ...many.slice(1)), now)).toEqual([])
  })
  it('woken: only runs when a woken pod is terminated', () => {
    const v = view(n('a'), ...pods)
    expect(gc(v, now, new Set(['Pod/default/running']))).toEqual([])
    expect(deleted(gc(v, now, new Set(['Pod/default/young'])))).toEqual(['evicted', 'old-ok', 'a-tie'])
  })
})

describe('pods of a missing node', () => {
  const orphan = pod('orphan', { node: 'gone' })
  const done = pod('done', { node: 'gone', phase: 'Succeeded' })
  it('first start a 40 s quarantine (a requeue of the node)', () => {
    expect(reconcile(view(orphan, done), now)).toEqual([{ _tag: 'RequeueAfter', target: { apiVersion: 'v1', kind: 'Node', name: 'gone' }, seconds: quarantineSeconds }])
  })
  it('during the quarantine wait for what is left of it', () => {
    const q = new Map([['gone', now.getTime() + 10_000]])
    expect(reconcile(view(orphan), now, undefined, q)).toMatchObject([{ _tag: 'RequeueAfter', seconds: 10 }])
  })
  it('after it: Failed with DisruptionTarget, then a forced delete; terminal pods just deleted', () => {
    const q = new Map([['gone', now.getTime()]])
    const out = reconcile(view(orphan, done, n('here'), pod('fine', { node: 'here' })), now, undefined, q)
    expect(out.map((a) => a._tag)).toEqual(['Delete', 'UpdateStatus', 'Delete'])
    expect(deleted(out)).toEqual(['done', 'orphan'])
    const marked = out[1]
    expect(marked?._tag === 'UpdateStatus' && marked.object.kind === 'Pod' && marked.object.status).toMatchObject({
      phase: 'Failed',
      conditions: [{ type: 'DisruptionTarget', status: 'True', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }],
    })
  })
  it('woken by the node key looks at its pods; by another pod, not', () => {
    const q = new Map([['gone', now.getTime()]])
    expect(deleted(reconcile(view(orphan), now, new Set(['Node//gone']), q))).toEqual(['orphan'])
    expect(reconcile(view(orphan, pod('x', { node: 'here' }), n('here')), now, new Set(['Pod/default/x']), q)).toEqual([])
  })
})

describe('terminating pods', () => {
  it('on an out-of-service node that is not Ready: forced', () => {
    const oos = n('down', { taints: [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }] }, false)
    const out = reconcile(view(oos, pod('t', { node: 'down', deleting: true }), pod('alive', { node: 'down' })), now)
    expect(out.map((a) => a._tag)).toEqual(['UpdateStatus', 'Delete'])
    expect(deleted(out)).toEqual(['t'])
    // Ready, or without the taint: left to the kubelet.
    const readyOos = n('up', { taints: [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }] }, true)
    expect(reconcile(view(readyOos, pod('t', { node: 'up', deleting: true })), now)).toEqual([])
    expect(reconcile(view(n('down', {}, false), pod('t', { node: 'down', deleting: true })), now)).toEqual([])
  })
  it('unscheduled: forced', () => {
    expect(deleted(reconcile(view(pod('u', { deleting: true, phase: 'Pending' }), pod('waiting', { phase: 'Pending' })), now))).toEqual(['u'])
  })
})

describe('quarantine memory', () => {
  it('starts at the 40 s requeue, keeps a running one, drops those that are over', () => {
    const requeue: Action = { _tag: 'RequeueAfter', target: { apiVersion: 'v1', kind: 'Node', name: 'x' }, seconds: 40 }
    const shorter: Action = { _tag: 'RequeueAfter', target: { apiVersion: 'v1', kind: 'Node', name: 'y' }, seconds: 10 }
    const q = rememberQuarantine(new Map(), [requeue, shorter], now)
    expect([...q]).toEqual([['x', now.getTime() + 40_000]])
    expect(rememberQuarantine(q, [requeue], new Date(now.getTime() + 5000))).toBe(q)
    expect([...rememberQuarantine(q, [], new Date(now.getTime() + 40_000))]).toEqual([])
  })
})

describe('in the simulation', () => {
  it('a removed node: its pods go 40 s later and the ReplicaSet replaces them elsewhere', () => {
    let sim = Simulation.runUntilStable(
      Simulation.make({
        objects: [node('a'), node('b'), replicaSet('web', 2)],
        start,
        pacing: false,
        checkWakes: true,
        controllers: { 'pod-garbage-collector': controller },
      }),
      { seconds: 30 },
    )
    const onA = podsOf(sim).filter((p) => p.spec.nodeName === 'a').map((p) => p.metadata.name)
    expect(onA).toHaveLength(1)
    sim = Simulation.inject(sim, { _tag: 'NodeRemove', name: 'a' })
    const removedAt = sim.now.getTime()
    sim = Simulation.runUntilStable(sim, { seconds: 39 })
    expect(podsOf(sim).map((p) => p.metadata.name)).toContain(onA[0])
    sim = Simulation.runUntilStable(sim, { seconds: 120 })
    expect(podsOf(sim).map((p) => p.metadata.name)).not.toContain(onA[0])
    expect(podsOf(sim).filter((p) => p.spec.nodeName === 'b')).toHaveLength(2)
    const gone = sim.trace.find((t) => t._tag === 'Action' && t.action._tag === 'Delete' && t.action.target.name === onA[0])
    expect(gone?._tag === 'Action' && Date.parse(gone.time) - removedAt).toBe(40_000)
  })
  it('a node back within the quarantine keeps its pods', () => {
    let sim = Simulation.runUntilStable(
      Simulation.make({ objects: [node('a'), replicaSet('web', 1)], start, pacing: false, controllers: { 'pod-garbage-collector': controllerWith() } }),
      { seconds: 30 },
    )
    const before = podsOf(sim).map((p) => p.metadata.name)
    sim = Simulation.inject(sim, { _tag: 'NodeRemove', name: 'a' })
    sim = Simulation.runUntilStable(sim, { seconds: 20 })
    sim = Simulation.inject(sim, { _tag: 'NodeAdd', name: 'a' })
    sim = Simulation.runUntilStable(sim, { seconds: 120 })
    expect(podsOf(sim).map((p) => p.metadata.name)).toEqual(before)
  })
})

describe('the rules at their edges', () => {
  const gc = reconcileWith({ terminatedPodThreshold: 1 })
  const bare = (p: Pod, drop: ReadonlyArray<'status' | 'uid'>): Pod => {
    const { uid, ...meta } = p.metadata
    const { status, ...rest } = p
    return { ...rest, metadata: drop.includes('uid') ? meta : { ...meta, uid }, ...(drop.includes('status') ? {} : { status }) } as Pod
  }
  it('a woken pod with no phase counts as terminated; Pending, Running and Unknown do not', () => {
    const pods = [pod('a-old', { phase: 'Succeeded', node: 'a', created: 1 }), pod('b-new', { phase: 'Failed', node: 'a', created: 2 })]
    for (const phase of ['Pending', 'Running', 'Unknown']) {
      expect(gc(view(n('a'), ...pods, pod('w', { phase, node: 'a' })), now, new Set(['Pod/default/w']))).toEqual([])
    }
    const statusless = bare(pod('w', { node: 'a' }), ['status'])
    // it is terminated itself, and the oldest: it goes first
    expect(deleted(gc(view(n('a'), ...pods, statusless), now, new Set(['Pod/default/w'])))).toEqual(['w', 'a-old'])
  })
  it('woken pods: one terminated among them is enough', () => {
    const pods = [pod('a-old', { phase: 'Succeeded', node: 'a', created: 1 }), pod('b-new', { phase: 'Failed', node: 'a', created: 2 }), pod('r', { node: 'a' })]
    expect(deleted(gc(view(n('a'), ...pods), now, new Set(['Pod/default/r', 'Pod/default/b-new'])))).toEqual(['a-old'])
  })
  it('evicted goes first only when Failed with reason Evicted', () => {
    const pods = [
      pod('old', { phase: 'Failed', node: 'a', created: 1 }),
      pod('succeeded-evicted', { phase: 'Succeeded', reason: 'Evicted', node: 'a', created: 5 }),
      pod('failed-other', { phase: 'Failed', reason: 'OOMKilled', node: 'a', created: 6 }),
    ]
    expect(deleted(gc(view(n('a'), ...pods), now))).toEqual(['old', 'succeeded-evicted'])
  })
  it('a pod collected by two rules is deleted once', () => {
    const oos = n('down', { taints: [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }] }, false)
    const out = gc(view(oos, pod('t', { node: 'down', deleting: true, phase: 'Failed', created: 1 }), pod('u', { node: 'down', phase: 'Failed', created: 2 })), now)
    expect(out).toEqual([{ _tag: 'Delete', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 't', uid: 'uid-t' }, gracePeriodSeconds: 0, preconditions: { uid: 'uid-t' } }])
  })
  it('a pod without a uid is deleted without a precondition; one without a status is marked Failed', () => {
    const u = bare(pod('u', { deleting: true }), ['uid', 'status'])
    expect(reconcile(view(u), now)).toEqual([
      { _tag: 'UpdateStatus', object: { ...u, status: { phase: 'Failed' } } },
      { _tag: 'Delete', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'u' }, gracePeriodSeconds: 0 },
    ])
  })
  it('a pod without a status on a missing node gets the DisruptionTarget condition alone', () => {
    const o = bare(pod('o', { node: 'gone' }), ['status'])
    const out = reconcile(view(o), now, undefined, new Map([['gone', now.getTime()]]))
    expect(out[0]).toEqual({
      _tag: 'UpdateStatus',
      object: {
        ...o,
        status: {
          phase: 'Failed',
          conditions: [{ type: 'DisruptionTarget', status: 'True', lastTransitionTime: '2024-01-01T01:00:00Z', reason: 'DeletionByPodGC', message: 'PodGC: node no longer exists' }],
        },
      },
    })
  })
  it('a NotReady node with only other taints, or without a spec, keeps its terminating pods', () => {
    const tainted = n('down', { taints: [{ key: 'node.kubernetes.io/unreachable', effect: 'NoExecute' }] }, false)
    expect(reconcile(view(tainted, pod('t', { node: 'down', deleting: true })), now)).toEqual([])
    const { spec: _s, ...specless } = n('down', {}, false)
    expect(reconcile(view(specless as Node, pod('t', { node: 'down', deleting: true })), now)).toEqual([])
  })
  it('woken pods that are running on a healthy node, or unscheduled and not terminating, need nothing', () => {
    const v = view(n('a'), pod('r', { node: 'a', deleting: false }), pod('u', { phase: 'Pending' }))
    expect(reconcile(v, now, new Set(['Pod/default/r', 'Pod/default/u']))).toEqual([])
  })
  it('missing nodes are requeued in name order, unscheduled terminating pods deleted in key order', () => {
    const v = view(pod('on-z', { node: 'zeta' }), pod('on-a', { node: 'alpha' }), pod('u2', { deleting: true, phase: 'Pending' }), pod('u1', { deleting: true, phase: 'Pending' }))
    const out = reconcile(v, now, new Set(['Pod/default/on-z', 'Pod/default/on-a', 'Pod/default/u2', 'Pod/default/u1']))
    expect(out.flatMap((a) => (a._tag === 'RequeueAfter' ? [a.target.name] : []))).toEqual(['alpha', 'zeta'])
    expect(deleted(out)).toEqual(['u1', 'u2'])
  })
})

describe('quarantine memory at its edges', () => {
  const req = (name: string, seconds: number, kind = 'Node'): Action => ({ _tag: 'RequeueAfter', target: { apiVersion: 'v1', kind, name }, seconds })
  it('only a 40 s requeue of a Node starts one', () => {
    expect([...rememberQuarantine(new Map(), [req('x', 40, 'Pod')], now)]).toEqual([])
    expect([...rememberQuarantine(new Map(), [req('x', 39)], now)]).toEqual([])
  })
  it('a quarantine that ends while another starts is a new memory', () => {
    const q = new Map([['old', now.getTime() - 1]])
    expect([...rememberQuarantine(q, [req('new', 40)], now)]).toEqual([['new', now.getTime() + 40_000]])
    const two = new Map([['kept', now.getTime() + 5000], ['old', now.getTime() - 1]])
    expect([...rememberQuarantine(two, [req('new', 40)], now)]).toEqual([['kept', now.getTime() + 5000], ['new', now.getTime() + 40_000]])
  })
})

describe('the declaration', () => {
  it('is named pod-garbage-collector and woken by a pod or node change under its key', () => {
    expect(controller.name).toBe('pod-garbage-collector')
    const keys = (kind: string, o: Pod | Node) => controller.wakes.filter((w) => w.kind === kind).flatMap((w) => [...w.keys(o, view())])
    expect(keys('Pod', pod('p'))).toEqual(['Pod/default/p'])
    expect(keys('Node', n('a'))).toEqual(['Node//a'])
  })
})

describe('ordering and scope, more edges', () => {
  it('terminating pods of an out-of-service node go evicted first, then oldest', () => {
    const oos = n('down', { taints: [{ key: 'node.kubernetes.io/out-of-service', effect: 'NoExecute' }] }, false)
    const v = view(oos, pod('young', { node: 'down', deleting: true, created: 9 }), pod('old', { node: 'down', deleting: true, created: 1 }))
    expect(deleted(reconcile(v, now, new Set(['Pod/default/young', 'Pod/default/old'])))).toEqual(['old', 'young'])
  })
  it('a terminating pod on a healthy node is left to its kubelet', () => {
    expect(reconcile(view(n('a'), pod('t', { node: 'a', deleting: true })), now, new Set(['Pod/default/t']))).toEqual([])
  })
})
