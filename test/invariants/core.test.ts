import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OwnerReference } from '../../src/api/meta.js'
import type { Node } from '../../src/api/node.js'
import type { KubeObject } from '../../src/api/object.js'
import type { Pod } from '../../src/api/pod.js'
import type { ReplicaSet } from '../../src/api/workloads.js'
import { clusterView } from '../../src/arbitraries/cluster.js'
import { ownerReferences } from '../../src/arbitraries/meta.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as _ from '../../src/invariants/core.js'
import { format } from '../../src/invariants/Violation.js'

const numRuns = Number(process.env['PROPERTY_RUNS'] ?? 50)

// -------------------------------------------------------------------------------------
// builders
// -------------------------------------------------------------------------------------

const node = (name: string, allocatablePods = 10): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, uid: `uid-node-${name}` },
  status: { allocatable: { pods: String(allocatablePods) } },
})

interface PodOptions {
  readonly namespace?: string
  readonly nodeName?: string
  readonly phase?: string
  readonly ready?: boolean
  readonly uid?: string
  readonly ownerReferences?: ReadonlyArray<OwnerReference>
  readonly deleting?: boolean
}

const pod = (name: string, o: PodOptions = {}): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name,
    namespace: o.namespace ?? 'default',
    uid: o.uid ?? `uid-pod-${name}`,
    ...(o.ownerReferences === undefined ? {} : { ownerReferences: o.ownerReferences }),
    ...(o.deleting === true ? { deletionTimestamp: '2024-06-01T00:00:30Z' } : {}),
  },
  spec: { containers: [{ name: 'app', image: 'nginx' }], ...(o.nodeName === undefined ? {} : { nodeName: o.nodeName }) },
  status: {
    phase: o.phase ?? (o.nodeName === undefined ? 'Pending' : 'Running'),
    ...(o.ready === undefined ? {} : { conditions: [{ type: 'Ready', status: o.ready ? 'True' : 'False' }] }),
  },
})

const replicaSet = (name: string, namespace = 'default'): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name, namespace, uid: `uid-rs-${namespace}-${name}` },
  spec: { selector: { matchLabels: { app: name } } },
})

const ref = (owner: KubeObject, controller: boolean): OwnerReference => ({
  apiVersion: owner.apiVersion,
  kind: owner.kind,
  name: owner.metadata.name ?? '',
  uid: owner.metadata.uid ?? '',
  ...(controller ? { controller: true } : {}),
})

const view = (...objects: ReadonlyArray<KubeObject>) => ClusterView.fromObjects(objects)

const ids = (vs: ReadonlyArray<{ readonly id: string }>) => vs.map((v) => v.id)

// -------------------------------------------------------------------------------------
// each invariant can fail
// -------------------------------------------------------------------------------------

describe('CORE invariants on hand-built views', () => {
  const a = replicaSet('a')
  const b = replicaSet('b')

  it('CORE-1 flags an object with two controller references, not one with one controller and other owners', () => {
    const bad = pod('p', { ownerReferences: [ref(a, true), ref(b, true)] })
    const good = pod('q', { ownerReferences: [ref(a, true), ref(b, false)] })
    const vs = _.core1AtMostOneController(view(a, b, bad, good))
    expect(ids(vs)).toEqual(['CORE-1'])
    expect(vs[0]?.target?.name).toBe('p')
    expect(vs[0]?.message).toBe('Pod default/p has 2 controller references (ReplicaSet a, ReplicaSet b)')
  })

  it('CORE-2 flags a pod bound to a missing node, not unscheduled pods or pods on present nodes', () => {
    const vs = _.core2PodsOnExistingNodes(view(node('n1'), pod('ok', { nodeName: 'n1' }), pod('lost', { nodeName: 'gone' }), pod('pending')))
    expect(vs.map((v) => v.message)).toEqual(['Pod default/lost is bound to node gone, which does not exist'])
  })

  it('CORE-3 flags the second object with a uid already taken, across kinds and namespaces', () => {
    const vs = _.core3DistinctUids(view(pod('p', { uid: 'same' }), pod('q', { uid: 'same', namespace: 'other' }), pod('r')))
    expect(ids(vs)).toEqual(['CORE-3'])
    expect(vs[0]?.message).toMatch(/has the uid same of Pod/)
  })

  it('CORE-4 flags an owner in another namespace and a cluster-scoped dependent of a namespaced kind', () => {
    const foreign = replicaSet('x', 'other')
    const crossNs = pod('p', { ownerReferences: [ref(foreign, true)] })
    const sameNs = pod('q', { ownerReferences: [ref(a, true)] })
    const ownedByNode = pod('r', { ownerReferences: [ref(node('n1'), false)] })
    const clusterDependent: Node = { ...node('n2'), metadata: { ...node('n2').metadata, ownerReferences: [ref(a, false)] } }
    const vs = _.core4OwnersInScope(view(a, foreign, node('n1'), crossNs, sameNs, ownedByNode, clusterDependent))
    expect(vs.map((v) => v.target?.name).sort()).toEqual(['n2', 'p'])
    expect(ids(vs)).toEqual(['CORE-4', 'CORE-4'])
  })

  it('CORE-4 ignores owners that are not in the view (dangling references are the garbage collector’s business)', () => {
    expect(_.core4OwnersInScope(view(pod('p', { ownerReferences: [ref(replicaSet('gone', 'other'), true)] })))).toEqual([])
  })

  it('CORE-5 flags a node with more non-terminal pods than allocatable, counting terminating but not terminal pods', () => {
    const full = [pod('a1', { nodeName: 'n1' }), pod('a2', { nodeName: 'n1', deleting: true }), pod('a3', { nodeName: 'n1', phase: 'Succeeded' })]
    expect(_.core5NodePodCapacity(view(node('n1', 2), ...full))).toEqual([])
    const vs = _.core5NodePodCapacity(view(node('n1', 1), ...full))
    expect(vs.map((v) => v.message)).toEqual(['Node n1 runs 2 non-terminal pods but allows 1'])
  })

  it('CORE-6 flags an unscheduled Running or Succeeded pod, and allows one failed while being deleted', () => {
    const vs = _.core6UnscheduledPodsPending(
      view(pod('pending'), pod('run', { phase: 'Running' }), pod('done', { phase: 'Succeeded' }), pod('gc', { phase: 'Failed', deleting: true })),
    )
    expect(vs.map((v) => v.target?.name).sort()).toEqual(['done', 'run'])
  })

  it('CORE-7 flags a Ready pod that is not Running, or not bound', () => {
    const vs = _.core7ReadyPodsRunning(
      view(
        node('n1'),
        pod('ok', { nodeName: 'n1', ready: true }),
        pod('finished', { nodeName: 'n1', phase: 'Succeeded', ready: true }),
        pod('floating', { phase: 'Running', ready: true }),
        pod('unready', { nodeName: 'n1', phase: 'Failed', ready: false }),
      ),
    )
    expect(vs.map((v) => v.message).sort()).toEqual([
      'Pod default/finished is Ready but Succeeded',
      'Pod default/floating is Ready but bound to no node',
    ])
  })

  it('checkView runs every invariant, in id order', () => {
    const broken = view(pod('p', { nodeName: 'gone', uid: 'u', ready: true, phase: 'Pending', ownerReferences: [ref(a, true), ref(b, true)] }), pod('q', { uid: 'u' }))
    expect(ids(_.checkView(broken))).toEqual(['CORE-1', 'CORE-2', 'CORE-3', 'CORE-7'])
  })
})

// -------------------------------------------------------------------------------------
// they hold on generated clusters
// -------------------------------------------------------------------------------------

describe('CORE invariants on generated clusters', () => {
  it('all hold on every generated cluster, including pods with arbitrary owner references', () => {
    fc.assert(
      fc.property(clusterView({ pod: { ownerReferences: ownerReferences() } }), (c) => {
        const vs = _.checkView(c.view)
        expect(vs, format(vs)).toEqual([])
      }),
      { numRuns },
    )
  })

  it('are unaffected by the order objects were added in', () => {
    fc.assert(
      fc.property(clusterView({ maxNodes: 2 }), (c) => {
        expect(_.checkView(ClusterView.fromObjects([...c.objects].reverse()))).toEqual([])
      }),
      { numRuns },
    )
  })
})
