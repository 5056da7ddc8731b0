/**
 * The node lifecycle controller (upstream pkg/controller/nodelifecycle), rule by rule: health
 * (grace periods, the conditions turned Unknown, the NodeNotReady event), pods marked not Ready,
 * NoSchedule taints mirroring conditions and cordon, the NoExecute taint of the Ready condition
 * (swap, zone disruption), and which nodes and pods a pass looks at.
 */
import { describe, expect, it } from 'vitest'
import type { Condition } from '../../../src/api/meta.js'
import type { Node, Taint } from '../../../src/api/node.js'
import type { Pod } from '../../../src/api/pod.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import {
  applyTaints,
  controller,
  controllerWith,
  defaults,
  disruption,
  excludeDisruptionLabel,
  kubeletStopped,
  lastHeartbeat,
  lastHeartbeatAnnotation,
  markNotReady,
  mayTaint,
  name,
  noExecuteChange,
  noScheduleChange,
  reconcile,
  reconcileWith,
  silenced,
  staleAt,
  wantedNoSchedule,
  zoneOf,
  zoneState,
} from '../../../src/controllers/nodelifecycle/index.js'
import { deepFreeze } from '../../sim/fixtures.js'

const t0 = Date.parse('2024-01-01T00:00:00Z')
const iso = (s: number): string => new Date(t0 + s * 1000).toISOString().replace('.000Z', 'Z')
const at = (s: number): Date => new Date(t0 + s * 1000)

const unreachable = 'node.kubernetes.io/unreachable'
const notReady = 'node.kubernetes.io/not-ready'

const node = (
  nodeName: string,
  opts: {
    readonly ready?: string | null
    readonly stoppedAt?: number
    readonly taints?: ReadonlyArray<Taint>
    readonly labels?: Record<string, string>
    readonly conditions?: ReadonlyArray<Condition>
    readonly unschedulable?: boolean
  } = {},
): Node =>
  deepFreeze({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: nodeName,
      uid: `uid-${nodeName}`,
      resourceVersion: '1',
      creationTimestamp: iso(-1000),
      ...(opts.labels === undefined ? {} : { labels: opts.labels }),
      ...(opts.stoppedAt === undefined ? {} : { annotations: { [lastHeartbeatAnnotation]: iso(opts.stoppedAt) } }),
    },
    spec: {
      ...(opts.taints === undefined ? {} : { taints: opts.taints }),
      ...(opts.unschedulable === undefined ? {} : { unschedulable: opts.unschedulable }),
    },
    status: {
      conditions: [
        ...(opts.ready === null ? [] : [{ type: 'Ready', status: opts.ready ?? 'True', reason: 'KubeletReady', lastHeartbeatTime: iso(-500), lastTransitionTime: iso(-900) }]),
        ...(opts.conditions ?? []),
      ],
    },
  } as Node)

const pod = (podName: string, nodeName: string, ready: string | null = 'True'): Pod =>
  deepFreeze({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: podName, namespace: 'default', uid: `uid-${podName}`, resourceVersion: '1' },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName },
    status: {
      phase: 'Running',
      conditions: ready === null ? [] : [{ type: 'Ready', status: ready, reason: 'r', lastTransitionTime: iso(-800) }],
    },
  } as Pod)

const view = (...objs: ReadonlyArray<Node | Pod>) => deepFreeze(ClusterView.fromObjects(objs))
const grace = { monitor: 50, startup: 60 }
const taintsOf = (a: Action | undefined) => (a?._tag === 'Update' && a.object.kind === 'Node' ? a.object.spec?.taints : undefined)
const tags = (as: ReadonlyArray<Action>) => as.map((a) => `${a._tag} ${'target' in a ? a.target.name : a.object.metadata.name}`)

describe('the heartbeat', () => {
  it('is current (undefined) while the kubelet runs, else the recorded time', () => {
    expect(lastHeartbeat(node('a'))).toBeUndefined()
    expect(kubeletStopped(node('a'))).toBe(false)
    expect(lastHeartbeat(node('a', { stoppedAt: 7 }))).toBe(t0 + 7000)
    expect(kubeletStopped(node('a', { stoppedAt: 7 }))).toBe(true)
  })

  it('goes stale after the monitor grace period, or the startup one for a node that never posted Ready', () => {
    expect(staleAt(node('a'), grace)).toBeUndefined()
    expect(staleAt(node('a', { stoppedAt: 10 }), grace)).toBe(t0 + 60_000)
    expect(staleAt(node('a', { stoppedAt: 10, ready: null }), grace)).toBe(t0 + 70_000)
  })

  it('defaults to upstream v1.32+: 50 s monitor grace, 60 s startup grace, 0.55 and 50 for zones', () => {
    expect(defaults).toEqual({ nodeMonitorGracePeriodSeconds: 50, nodeStartupGracePeriodSeconds: 60, unhealthyZoneThreshold: 0.55, largeClusterSizeThreshold: 50 })
    expect(name).toBe('node-lifecycle-controller')
    expect(controller.name).toBe(name)
  })
})

describe('a silent node', () => {
  it('gets Ready, MemoryPressure, DiskPressure and PIDPressure Unknown: existing ones stopped, missing ones never updated', () => {
    const n = node('a', { stoppedAt: 0, conditions: [{ type: 'MemoryPressure', status: 'False', lastTransitionTime: iso(-900) }, { type: 'NetworkUnavailable', status: 'False' }] })
    const next = silenced(n, at(60))
    expect(next?.status?.conditions).toEqual([
      { type: 'Ready', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastHeartbeatTime: iso(-500), lastTransitionTime: iso(60) },
      { type: 'MemoryPressure', status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.', lastTransitionTime: iso(60) },
      { type: 'NetworkUnavailable', status: 'False' },
      { type: 'DiskPressure', status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: iso(-1000), lastTransitionTime: iso(60) },
      { type: 'PIDPressure', status: 'Unknown', reason: 'NodeStatusNeverUpdated', message: 'Kubelet never posted node status.', lastHeartbeatTime: iso(-1000), lastTransitionTime: iso(60) },
    ])
  })

  it('is written only when its Ready condition changes', () => {
    expect(silenced(node('a', { ready: 'Unknown', stoppedAt: 0 }), at(60))).toBeUndefined()
    expect(silenced(node('a', { ready: 'False', stoppedAt: 0 }), at(60))).toBeDefined()
  })

  it('before the grace period ends: a requeue for the time left; at its end: Unknown, a NodeNotReady event, pods not Ready', () => {
    const v = view(node('a', { stoppedAt: 10 }), node('b'), pod('p1', 'a'), pod('p0', 'a', 'False'), pod('q', 'b'))
    expect(reconcile(v, at(40))).toEqual([{ _tag: 'RequeueAfter', target: { apiVersion: 'v1', kind: 'Node', name: 'a', uid: 'uid-a' }, seconds: 20 }])
    const out = reconcile(v, at(60))
    expect(tags(out)).toEqual(['UpdateStatus a', 'Event a', 'UpdateStatus p1', 'Event p1'])
    expect(out[1]).toMatchObject({ type: 'Normal', reason: 'NodeNotReady', message: 'Node a status is now: NodeNotReady' })
    expect(out[3]).toMatchObject({ type: 'Warning', reason: 'NodeNotReady', message: 'Node is not ready' })
    const p1 = out[2]?._tag === 'UpdateStatus' ? out[2].object : undefined
    expect(p1?.kind === 'Pod' && p1.status?.conditions).toEqual([{ type: 'Ready', status: 'False', reason: 'r', lastTransitionTime: iso(60) }])
  })

  it('with a custom grace period', () => {
    const v = view(node('a', { stoppedAt: 0 }))
    expect(reconcileWith({ nodeMonitorGracePeriodSeconds: 40 })(v, at(40))[0]?._tag).toBe('UpdateStatus')
    expect(reconcile(v, at(40))[0]?._tag).toBe('RequeueAfter')
  })

  it('already Unknown: taints, no status write, no requeue', () => {
    const out = reconcile(view(node('a', { ready: 'Unknown', stoppedAt: 0 }), node('b')), at(100))
    expect(tags(out)).toEqual(['Update a'])
    expect(taintsOf(out[0])).toEqual([
      { key: unreachable, effect: 'NoSchedule', timeAdded: iso(100) },
      { key: unreachable, effect: 'NoExecute', timeAdded: iso(100) },
    ])
  })
})

describe('pods on a node that is not Ready', () => {
  it('get Ready=False once (the rest of the condition kept), with a warning; pods without a Ready condition are left', () => {
    expect(markNotReady(pod('p', 'a'), at(5)).map((a) => a._tag)).toEqual(['UpdateStatus', 'Event'])
    expect(markNotReady(pod('p', 'a', 'False'), at(5))).toEqual([])
    expect(markNotReady(pod('p', 'a', null), at(5))).toEqual([])
  })

  it('woken by a pod: only that pod, if its node is not Ready', () => {
    const v = view(node('a', { ready: 'Unknown' }), node('b'), pod('p', 'a'), pod('q', 'a'), pod('r', 'b'))
    expect(tags(reconcile(v, at(0), new Set(['Pod/default/p'])))).toEqual(['UpdateStatus p', 'Event p'])
    expect(reconcile(v, at(0), new Set(['Pod/default/r', 'Pod/default/gone']))).toEqual([])
  })
})

describe('NoSchedule taints', () => {
  it('mirror the conditions and cordon, in condition order', () => {
    const n = node('a', {
      ready: 'False',
      unschedulable: true,
      conditions: [
        { type: 'MemoryPressure', status: 'True' },
        { type: 'DiskPressure', status: 'True' },
        { type: 'NetworkUnavailable', status: 'True' },
        { type: 'PIDPressure', status: 'True' },
        { type: 'Ready2', status: 'True' },
      ],
    })
    expect(wantedNoSchedule(n).map((t) => t.key)).toEqual([
      notReady,
      'node.kubernetes.io/memory-pressure',
      'node.kubernetes.io/disk-pressure',
      'node.kubernetes.io/network-unavailable',
      'node.kubernetes.io/pid-pressure',
      'node.kubernetes.io/unschedulable',
    ])
    expect(wantedNoSchedule(node('a', { ready: 'Unknown' }))).toEqual([{ key: unreachable, effect: 'NoSchedule' }])
    expect(wantedNoSchedule(node('a'))).toEqual([])
  })

  it('adds the missing, removes the stale managed ones, and leaves other taints alone (matched by key and effect)', () => {
    const n = node('a', {
      ready: 'Unknown',
      taints: [
        { key: notReady, effect: 'NoSchedule' },
        { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' },
        { key: 'dedicated', effect: 'NoSchedule', value: 'gpu' },
        { key: unreachable, effect: 'PreferNoSchedule' },
      ],
    })
    expect(noScheduleChange(n)).toEqual({
      add: [{ key: unreachable, effect: 'NoSchedule' }],
      remove: [{ key: notReady, effect: 'NoSchedule' }, { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }],
    })
    expect(noScheduleChange(node('a', { ready: 'Unknown', taints: [{ key: unreachable, effect: 'NoSchedule', value: 'x' }] }))).toEqual({ add: [], remove: [] })
  })
})

describe('the NoExecute taint', () => {
  const ne = (key: string): Taint => ({ key, effect: 'NoExecute', timeAdded: iso(0) })
  it('False wants not-ready, Unknown unreachable, True neither; no Ready condition changes nothing', () => {
    expect(noExecuteChange(node('a'), 'False', true, false)).toEqual({ add: [{ key: notReady, effect: 'NoExecute' }], remove: [] })
    expect(noExecuteChange(node('a'), 'Unknown', true, false)).toEqual({ add: [{ key: unreachable, effect: 'NoExecute' }], remove: [] })
    expect(noExecuteChange(node('a', { taints: [ne(unreachable)] }), 'Unknown', true, false)).toEqual({ add: [], remove: [] })
    expect(noExecuteChange(node('a', { taints: [ne(unreachable), ne(notReady)] }), 'True', true, false)).toEqual({
      add: [],
      remove: [{ key: notReady, effect: 'NoExecute' }, { key: unreachable, effect: 'NoExecute' }],
    })
    expect(noExecuteChange(node('a'), undefined, true, false)).toEqual({ add: [], remove: [] })
  })

  it('swaps at once, whatever the zone; adds a new one only when the zone allows', () => {
    expect(noExecuteChange(node('a', { taints: [ne(notReady)] }), 'Unknown', false, false)).toEqual({
      add: [{ key: unreachable, effect: 'NoExecute' }],
      remove: [{ key: notReady, effect: 'NoExecute' }],
    })
    expect(noExecuteChange(node('a', { taints: [ne(unreachable)] }), 'False', false, false)).toEqual({
      add: [{ key: notReady, effect: 'NoExecute' }],
      remove: [{ key: unreachable, effect: 'NoExecute' }],
    })
    expect(noExecuteChange(node('a'), 'Unknown', false, false)).toEqual({ add: [], remove: [] })
  })

  it('goes from every node while every zone is fully disrupted', () => {
    expect(noExecuteChange(node('a', { taints: [ne(unreachable)] }), 'Unknown', false, true)).toEqual({ add: [], remove: [{ key: unreachable, effect: 'NoExecute' }] })
  })

  it('applying a change appends stamped taints, drops removed ones, and drops an emptied list', () => {
    const n = node('a', { taints: [ne(notReady), { key: 'x', effect: 'NoSchedule' }] })
    expect(applyTaints(n, { add: [], remove: [] }, iso(5))).toBeUndefined()
    expect(applyTaints(n, { add: [{ key: unreachable, effect: 'NoExecute' }], remove: [{ key: notReady, effect: 'NoExecute' }] }, iso(5))?.spec?.taints).toEqual([
      { key: 'x', effect: 'NoSchedule' },
      { key: unreachable, effect: 'NoExecute', timeAdded: iso(5) },
    ])
    expect(applyTaints(node('a', { taints: [ne(notReady)] }), { add: [], remove: [{ key: notReady, effect: 'NoExecute' }] }, iso(5))?.spec).toEqual({})
  })
})

describe('zones', () => {
  const o = { unhealthyZoneThreshold: 0.55, largeClusterSizeThreshold: 50 }
  it('are keyed by region and zone, the beta labels first; none is the empty zone', () => {
    expect(zoneOf(node('a'))).toBe('')
    expect(zoneOf(node('a', { labels: { 'topology.kubernetes.io/zone': 'z1' } }))).toBe(':\u0000:z1')
    expect(zoneOf(node('a', { labels: { 'topology.kubernetes.io/region': 'r', 'failure-domain.beta.kubernetes.io/region': 'rb', 'topology.kubernetes.io/zone': 'z' } }))).toBe('rb:\u0000:z')
    expect(zoneOf(node('a', { labels: { 'failure-domain.beta.kubernetes.io/zone': 'zb', 'topology.kubernetes.io/zone': 'z' } }))).toBe(':\u0000:zb')
  })

  it('are fully disrupted with no Ready node, partially with more than 2 not Ready making ≥ the threshold', () => {
    expect(zoneState(0, 1, 0.55)).toBe('FullDisruption')
    expect(zoneState(0, 0, 0.55)).toBe('Normal')
    expect(zoneState(2, 3, 0.55)).toBe('PartialDisruption')
    expect(zoneState(1, 2, 0.55)).toBe('Normal')
    expect(zoneState(3, 3, 0.55)).toBe('Normal')
    expect(zoneState(3, 3, 0.5)).toBe('PartialDisruption')
  })

  it('count Ready nodes per zone, leaving out excluded nodes', () => {
    const nodes = [node('a'), node('b', { ready: 'Unknown' }), node('c', { ready: 'Unknown', labels: { [excludeDisruptionLabel]: '' } }), node('d', { ready: 'False', labels: { 'topology.kubernetes.io/zone': 'z' } })]
    const d = disruption(nodes, (n) => n.status?.conditions?.[0]?.status, o)
    expect([...d.zones]).toEqual([
      ['', { state: 'Normal', size: 2 }],
      [':\u0000:z', { state: 'FullDisruption', size: 1 }],
    ])
    expect(d.allFullyDisrupted).toBe(false)
    expect(mayTaint(d, ':\u0000:z', o)).toBe(true)
    expect(disruption([], () => 'True', o).allFullyDisrupted).toBe(false)
  })

  it('allow no new taint while all are fully disrupted, nor in a small partially disrupted zone', () => {
    const all = disruption([node('a', { ready: 'Unknown' })], () => 'Unknown', o)
    expect(all.allFullyDisrupted).toBe(true)
    expect(mayTaint(all, '', o)).toBe(false)
    const partial = (n: number) => disruption(Array.from({ length: n }, (_, i) => node(`n${i}`)), (x) => (Number((x.metadata.name ?? '').slice(1)) < n - 1 ? 'Unknown' : 'True'), o)
    expect(partial(4).zones.get('')?.state).toBe('PartialDisruption')
    expect(mayTaint(partial(4), '', o)).toBe(false)
    expect(mayTaint(partial(51), '', o)).toBe(true)
    expect(mayTaint(partial(4), 'elsewhere', o)).toBe(true)
  })
})

describe('a pass', () => {
  it('full (or woken by a node, or by its own name): every node; taints of a node whose status it writes wait for the next pass', () => {
    const v = view(node('a', { stoppedAt: 0 }), node('b', { ready: 'Unknown', stoppedAt: 0 }), node('c'))
    const full = reconcile(v, at(60))
    expect(tags(full)).toEqual(['UpdateStatus a', 'Event a', 'Update b'])
    expect(reconcile(v, at(60), new Set(['Node//c']))).toEqual(full)
    expect(reconcile(v, at(60), new Set([name]))).toEqual(full)
    expect(reconcile(v, at(60), new Set(['Pod/default/x']))).toEqual([])
  })

  it('counts a node it marks Unknown in this pass for the zones: the last Ready node going leaves the others without NoExecute', () => {
    const v = view(node('a', { stoppedAt: 0 }), node('b', { ready: 'Unknown', stoppedAt: 0 }))
    const out = reconcile(v, at(60))
    expect(tags(out)).toEqual(['UpdateStatus a', 'Event a', 'Update b'])
    expect(taintsOf(out[2])).toEqual([{ key: unreachable, effect: 'NoSchedule', timeAdded: iso(60) }])
    const withReady = reconcile(view(node('a', { stoppedAt: 0 }), node('b', { ready: 'Unknown', stoppedAt: 0 }), node('c')), at(60))
    expect(taintsOf(withReady[2])).toEqual([
      { key: unreachable, effect: 'NoSchedule', timeAdded: iso(60) },
      { key: unreachable, effect: 'NoExecute', timeAdded: iso(60) },
    ])
  })

  it('removes the NoExecute taints of every node once all zones are fully disrupted', () => {
    const t = [{ key: unreachable, effect: 'NoSchedule', timeAdded: iso(0) }, { key: unreachable, effect: 'NoExecute', timeAdded: iso(0) }]
    const out = reconcile(view(node('a', { ready: 'Unknown', taints: t }), node('b', { ready: 'Unknown', taints: t })), at(60))
    expect(out.map(taintsOf)).toEqual([[t[0]], [t[0]]])
  })

  it('a node back (Ready again): its taints go', () => {
    const t = [{ key: unreachable, effect: 'NoSchedule', timeAdded: iso(0) }, { key: unreachable, effect: 'NoExecute', timeAdded: iso(0) }]
    const out = reconcile(view(node('a', { taints: t }), node('b')), at(60))
    expect(tags(out)).toEqual(['Update a'])
    expect(out[0]?._tag === 'Update' && out[0].object.kind === 'Node' && out[0].object.spec).toEqual({})
  })

  it('is deterministic and leaves its inputs alone (they are frozen)', () => {
    const v = view(node('b', { stoppedAt: 0 }), node('a', { stoppedAt: 0 }), node('c'), pod('p', 'a'))
    expect(reconcile(v, at(60))).toEqual(reconcile(view(pod('p', 'a'), node('c'), node('a', { stoppedAt: 0 }), node('b', { stoppedAt: 0 })), at(60)))
  })

  it('declares its wakes: a node change wakes the node; a pod added or updated on a node that is not Ready, the pod', () => {
    const c = controllerWith({})
    const v = view(node('a'), node('b', { ready: 'Unknown' }), node('c', { ready: 'False' }), node('d', { ready: null }))
    const keys = (o: Node | Pod) => c.wakes.filter((w) => w.kind === o.kind).flatMap((w) => [...w.keys(o, v)])
    expect(keys(node('a'))).toEqual(['Node//a'])
    expect(keys(pod('p', 'a'))).toEqual([])
    expect(keys(pod('p', 'b'))).toEqual(['Pod/default/p'])
    expect(keys(pod('p', 'c'))).toEqual(['Pod/default/p'])
    expect(keys(pod('p', 'd'))).toEqual([])
    expect(keys(pod('p', 'gone'))).toEqual([])
    expect(keys({ ...pod('p', 'b'), spec: { containers: [] } } as Pod)).toEqual([])
    expect(c.wakes.find((w) => w.kind === 'Pod')?.events).toEqual(['add', 'update'])
  })
})
