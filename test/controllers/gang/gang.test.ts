/**
 * The gang example (examples/gang/gang.ts): a user's all-or-nothing controller for a custom
 * kind. Table tests of its reconcile on hand-built views, then a simulation running it next to
 * the built-in controllers, in event-driven (with wake checking) and full-resync queue modes.
 */
import { describe, expect, it } from 'vitest'
import type { Node } from '../../../src/api/node.js'
import type { KubeObject } from '../../../src/api/object.js'
import type { Pod } from '../../../src/api/pod.js'
import type { Action } from '../../../src/core/Action.js'
import type { ChangeType } from '../../../src/core/Controller.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import type { Simulation } from '../../../src/sim/index.js'
import { deepFreeze } from '../../helpers/freeze.js'
import { Sim, node as simNode, replicaSet, start } from '../../sim/fixtures.js'
import type { PodGang } from '../../../examples/gang/gang.js'
import { gangController, reconcileGang, toObject } from '../../../examples/gang/gang.js'

// -------------------------------------------------------------------------------------
// hand-built objects
// -------------------------------------------------------------------------------------

const template = { metadata: { labels: { gang: 'train' } }, spec: { containers: [{ name: 'worker', image: 'trainer:1' }] } }

const gang = (size: number, extra: Partial<PodGang> = {}): PodGang =>
  deepFreeze({
    apiVersion: 'example.com/v1',
    kind: 'PodGang',
    metadata: { name: 'train', namespace: 'default', uid: 'uid-train', resourceVersion: '7' },
    spec: { size, template },
    ...extra,
  })

/** A node taking `pods` pods; NotReady or tainted `dedicated=db:NoSchedule` on request. */
const node = (name: string, pods: number, extra: { readonly ready?: string; readonly taint?: boolean } = {}): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, uid: `uid-${name}` },
  spec: extra.taint === true ? { taints: [{ key: 'dedicated', value: 'db', effect: 'NoSchedule' }] } : {},
  status: { conditions: [{ type: 'Ready', status: extra.ready ?? 'True' }], allocatable: { pods: String(pods) } },
})

interface PodOpts {
  readonly on?: string
  readonly phase?: string
  readonly ready?: boolean
  readonly owned?: boolean
  readonly deleting?: boolean
  readonly nodeSelector?: Record<string, string>
}

/** A pod bound to `on` (unscheduled without it), owned by the gang when `owned`. */
const pod = (name: string, o: PodOpts = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: 'default',
    uid: `uid-${name}`,
    ...(o.owned === true
      ? { ownerReferences: [{ apiVersion: 'example.com/v1', kind: 'PodGang', name: 'train', uid: 'uid-train', controller: true }] }
      : {}),
    ...(o.deleting === true ? { deletionTimestamp: '2024-01-01T00:00:30Z' } : {}),
  },
  spec: {
    containers: [{ name: 'c', image: 'nginx' }],
    ...(o.on === undefined ? {} : { nodeName: o.on }),
    ...(o.nodeSelector === undefined ? {} : { nodeSelector: o.nodeSelector }),
  },
  status: {
    phase: o.phase ?? (o.on === undefined ? 'Pending' : 'Running'),
    ...(o.ready === true ? { conditions: [{ type: 'Ready', status: 'True' }] } : {}),
  },
})

/** A running pod on n1 that the gang controls. */
const own = (name: string, o: PodOpts = {}): Pod => pod(name, { on: 'n1', owned: true, ...o })

const viewOf = (g: PodGang, ...objects: ReadonlyArray<KubeObject>): ClusterView.ClusterView =>
  ClusterView.fromObjects([toObject(g), ...objects].map(deepFreeze))

/** The test's reading side of `toObject`: a stored PodGang back as the example's type. */
const asGang = (o: KubeObject): PodGang => o as unknown as PodGang

const creates = (as: ReadonlyArray<Action>) => as.flatMap((a) => (a._tag === 'Create' ? [a.object as Pod] : []))
const events = (as: ReadonlyArray<Action>) => as.flatMap((a) => (a._tag === 'Event' ? [a] : []))
const statusWrites = (as: ReadonlyArray<Action>) => as.flatMap((a) => (a._tag === 'UpdateStatus' ? [asGang(a.object)] : []))

// -------------------------------------------------------------------------------------
// reconcileGang
// -------------------------------------------------------------------------------------

describe('reconcileGang: all or nothing', () => {
  it('creates all missing pods from the template when they fit, with a controller reference', () => {
    const g = gang(3)
    const out = reconcileGang(g, viewOf(g, node('n1', 3)))
    const pods = creates(out)
    expect(pods).toHaveLength(3)
    for (const p of pods) {
      expect(p.metadata).toEqual({
        generateName: 'train-',
        namespace: 'default',
        labels: { gang: 'train' },
        ownerReferences: [
          { apiVersion: 'example.com/v1', kind: 'PodGang', name: 'train', uid: 'uid-train', controller: true, blockOwnerDeletion: true },
        ],
      })
      expect(p.spec).toEqual(template.spec)
    }
    expect(events(out)).toEqual([])
  })

  it('creates none, with a NotEnoughCapacity warning naming fit vs. needed, when not all fit', () => {
    const g = gang(3)
    const out = reconcileGang(g, viewOf(g, node('n1', 2)))
    expect(creates(out)).toEqual([])
    expect(events(out)).toEqual([
      {
        _tag: 'Event',
        target: { apiVersion: 'example.com/v1', kind: 'PodGang', namespace: 'default', name: 'train', uid: 'uid-train' },
        type: 'Warning',
        reason: 'NotEnoughCapacity',
        message: '2 of 3 missing pods fit; creating none',
      },
    ])
  })

  // [case, gang size, other objects, pods created (0 = none fit)]
  const capacity: ReadonlyArray<readonly [string, number, ReadonlyArray<KubeObject>, number]> = [
    ['capacity summed over nodes', 3, [node('n1', 2), node('n2', 1)], 3],
    ['a running pod takes a slot', 3, [node('n1', 3), pod('x', { on: 'n1' })], 0],
    ['a terminal pod frees its slot', 3, [node('n1', 3), pod('x', { on: 'n1', phase: 'Succeeded' })], 3],
    ['a terminating pod still takes its slot', 3, [node('n1', 3), pod('x', { on: 'n1', deleting: true })], 0],
    ['an unscheduled pod counts against the total', 3, [node('n1', 4), pod('x'), pod('y')], 0],
    ['an unscheduled pod that fits no candidate node does not', 3, [node('n1', 3), pod('x', { nodeSelector: { disk: 'ssd' } })], 3],
    ['a NotReady node offers nothing', 3, [node('n1', 2), node('n2', 10, { ready: 'False' })], 0],
    ['a node with an untolerated NoSchedule taint offers nothing', 3, [node('n1', 2), node('n2', 10, { taint: true })], 0],
    ['only the missing pods are needed', 3, [node('n1', 3), own('a'), own('b')], 1],
    ['a failed own pod is replaced', 2, [node('n1', 2), own('a'), own('b', { phase: 'Failed' })], 1],
    ['a terminating own pod is replaced once its slot is free', 2, [node('n1', 2), own('a'), own('b', { deleting: true })], 0],
  ]
  it.each(capacity)('%s', (_case, size, objects, created) => {
    const g = gang(size)
    const out = reconcileGang(g, viewOf(g, ...objects))
    expect(creates(out)).toHaveLength(created)
    expect(events(out).map((e) => e.reason)).toEqual(created === 0 ? ['NotEnoughCapacity'] : [])
  })

  it('does nothing when the gang is complete, even on a full cluster', () => {
    const g = gang(2, { status: { created: 2, ready: 1 } })
    const out = reconcileGang(g, viewOf(g, node('n1', 2), own('a', { ready: true }), own('b')))
    expect(out).toEqual([])
  })

  it('creates nothing while the gang is being deleted', () => {
    const g = gang(2, { metadata: { name: 'train', namespace: 'default', uid: 'uid-train', deletionTimestamp: '2024-01-01T00:00:00Z' } })
    expect(creates(reconcileGang(g, viewOf(g, node('n1', 5))))).toEqual([])
  })
})

describe('reconcileGang: status', () => {
  const pods = [node('n1', 5), own('a', { ready: true }), own('b'), own('c', { phase: 'Failed' })]

  it.each([
    ['no status yet', undefined, { created: 2, ready: 1 }],
    ['a stale ready count', { created: 2, ready: 2 }, { created: 2, ready: 1 }],
    ['a stale created count', { created: 3, ready: 1 }, { created: 2, ready: 1 }],
    ['the current status', { created: 2, ready: 1 }, undefined],
  ])('%s: writes %j only when it changes', (_case, status, written) => {
    const g = gang(2, status === undefined ? {} : { status })
    const writes = statusWrites(reconcileGang(g, viewOf(g, ...pods)))
    if (written === undefined) {
      expect(writes).toEqual([])
    } else {
      expect(writes).toHaveLength(1)
      expect(writes[0]).toEqual({ ...g, status: written })
    }
  })

  it('counts active pods only, before its own creates (the next sync sees them)', () => {
    const g = gang(3)
    const out = reconcileGang(g, viewOf(g, node('n1', 3), own('a', { ready: true })))
    expect(creates(out)).toHaveLength(2)
    expect(statusWrites(out).map((w) => w.status)).toEqual([{ created: 1, ready: 1 }])
  })

  it('never changes its inputs', () => {
    const g = gang(3)
    const objects = [node('n1', 4), pod('x'), own('a')]
    const view = viewOf(g, ...objects)
    const before = JSON.stringify([g, objects, ClusterView.toArray(view)])
    reconcileGang(g, view)
    reconcileGang(g, viewOf(g, node('n1', 1)))
    expect(JSON.stringify([g, objects, ClusterView.toArray(view)])).toBe(before)
  })
})

describe('gangController: declaration', () => {
  /** The keys the controller's wakes give for an `event` on `object` (deduplicated, sorted). */
  const woken = (event: ChangeType, object: KubeObject, view: ClusterView.ClusterView): ReadonlyArray<string> =>
    [...new Set(
      gangController.wakes
        .filter((w) => (w.kind === object.kind || w.kind === '*') && (w.events ?? [event]).includes(event))
        .flatMap((w) => [...w.keys(object, view)]),
    )].sort()
  const other = gang(1, { metadata: { name: 'other', namespace: 'team', uid: 'uid-other' } })
  const view = ClusterView.fromObjects([toObject(gang(3)), toObject(other), node('n1', 3)])
  const train = 'PodGang/default/train'

  it('is a per-object controller named gang for PodGang', () => {
    expect([gangController._tag, gangController.name, gangController.kind]).toEqual(['PerObject', 'gang', 'PodGang'])
  })

  it.each<readonly [string, ChangeType, KubeObject, ReadonlyArray<string>]>([
    ['its own change wakes itself', 'update', toObject(gang(3)), [train]],
    ['a pod it controls, added, wakes it', 'add', pod('a', { owned: true }), [train]],
    ['a foreign pod added wakes nothing (it only takes room)', 'add', pod('x', { on: 'n1' }), []],
    ['a foreign pod updated (bound, finished) wakes every gang', 'update', pod('x', { on: 'n1' }), [train, 'PodGang/team/other']],
    ['a foreign pod deleted wakes every gang', 'delete', pod('x', { on: 'n1' }), [train, 'PodGang/team/other']],
    ['a node added wakes every gang', 'add', node('n2', 3), [train, 'PodGang/team/other']],
  ])('%s', (_case, event, object, keys) => {
    expect(woken(event, object, view)).toEqual(keys)
  })
})

// -------------------------------------------------------------------------------------
// simulation: next to the built-in controllers
// -------------------------------------------------------------------------------------

describe('gangController in a simulation', () => {
  /**
   * A gang of 3 and a ReplicaSet of 1 on a 3-pod node: the ReplicaSet's pod (created first in
   * the same round, still unscheduled when the gang syncs) leaves room for 2, so the gang waits.
   * A second node with room for 1 more lets the gang start.
   */
  const trainGang = toObject(gang(3, { metadata: { name: 'train', namespace: 'default' } }))
  const objects: ReadonlyArray<KubeObject> = deepFreeze([simNode('n1', { pods: 3 }), replicaSet('web', 1), trainGang])
  const run = (queue: 'events' | 'resync') => {
    const waiting = Sim.runUntilStable(Sim.make({ objects, start, controllers: { gang: gangController }, checkWakes: true, queue }))
    const added = Sim.inject(waiting, { _tag: 'ExternalCreate', object: simNode('n2', { pods: 1 }) })
    return { waiting, done: Sim.runUntilStable(added), from: waiting.trace.length }
  }

  const gangOf = (sim: Simulation): PodGang | undefined =>
    ClusterView.list(sim.view, 'PodGang', 'default').map(asGang).find((g) => g.metadata.name === 'train')
  const gangPods = (sim: Simulation): ReadonlyArray<Pod> => ClusterView.controlledOf(sim.view, gangOf(sim)?.metadata.uid ?? 'none', 'Pod')
  const gangActions = (sim: Simulation) =>
    sim.trace.flatMap((t, i) => (t._tag === 'Action' && t.source === 'PodGang default/train' ? [{ ...t, i }] : []))

  it('with too little capacity creates no pod, and warns', () => {
    const { waiting } = run('events')
    expect(waiting.stopped).toBe('fixpoint')
    expect(gangPods(waiting)).toEqual([])
    expect(gangActions(waiting).filter((t) => t.action._tag === 'Create')).toEqual([])
    const warnings = gangActions(waiting).flatMap((t) => (t.action._tag === 'Event' ? [t.action] : []))
    expect(warnings.length).toBeGreaterThan(0)
    expect(warnings.every((w) => w.reason === 'NotEnoughCapacity' && w.message === '2 of 3 missing pods fit; creating none')).toBe(true)
    expect(gangOf(waiting)?.status).toEqual({ created: 0, ready: 0 })
    // The ReplicaSet next to it did run.
    expect(ClusterView.listOf(waiting.view, 'Pod').filter((p) => p.metadata.labels?.['app'] === 'web')).toHaveLength(1)
  })

  it('once a Ready node with room is added, creates all pods in one sync and they become ready', () => {
    const { done, from } = run('events')
    expect(done.stopped).toBe('fixpoint')
    const creates = gangActions(done).filter((t) => t.i >= from && t.action._tag === 'Create')
    expect(creates).toHaveLength(3)
    expect(creates.every((t) => t.result === 'applied' && t.time === creates[0]?.time)).toBe(true)
    expect(creates.map((t) => t.i)).toEqual([creates[0]!.i, creates[0]!.i + 1, creates[0]!.i + 2])
    const pods = gangPods(done)
    expect(pods).toHaveLength(3)
    const ready = (p: Pod): boolean => p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') === true
    expect(pods.every((p) => p.spec.nodeName !== undefined && ready(p))).toBe(true)
    expect(new Set(pods.map((p) => p.spec.nodeName))).toEqual(new Set(['n1', 'n2']))
    expect(gangOf(done)?.status).toEqual({ created: 3, ready: 3 })
  })

  it('starts once another workload frees its slot (a pod deletion wakes the waiting gang)', () => {
    const { waiting } = run('events')
    const scaled = Sim.inject(waiting, {
      _tag: 'ExternalEdit',
      target: { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'default', name: 'web' },
      patch: { spec: { replicas: 0 } },
    })
    const done = Sim.runUntilStable(scaled)
    expect(done.stopped).toBe('fixpoint')
    expect(ClusterView.listOf(done.view, 'Pod').filter((p) => p.metadata.labels?.['app'] === 'web')).toEqual([])
    expect(gangPods(done).map((p) => p.spec.nodeName)).toEqual(['n1', 'n1', 'n1'])
    expect(gangOf(done)?.status).toEqual({ created: 3, ready: 3 })
  })

  it('reaches the same pods with a full-resync queue', () => {
    const events = run('events').done
    const resync = run('resync')
    expect(gangPods(resync.waiting)).toEqual([])
    expect(resync.done.stopped).toBe('fixpoint')
    expect(gangPods(resync.done)).toHaveLength(3)
    expect(gangPods(resync.done)).toHaveLength(gangPods(events).length)
    expect(gangOf(resync.done)?.status).toEqual(gangOf(events)?.status)
    expect(ClusterView.listOf(resync.done.view, 'Pod')).toHaveLength(ClusterView.listOf(events.view, 'Pod').length)
  })
})
