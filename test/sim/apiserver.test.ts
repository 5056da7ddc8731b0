/**
 * The simulated API server, scenario style: creates, updates, status updates, preconditions,
 * generation, graceful deletion, finalizers and propagation policies.
 */
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/api/object.js'
import type { Job, ReplicaSet } from '../../src/api/workloads.js'
import * as A from '../../src/core/Action.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as ObjectRef from '../../src/core/ObjectRef.js'
import type { Reconciler } from '../../src/core/Controller.js'
import {
  Sim,
  actions,
  bareOptions,
  getPod,
  node,
  pod,
  podSpec,
  podsOf,
  replicaSet,
  seconds,
  toyOptions,
} from './fixtures.js'

const rsOf = (sim: Sim.Simulation, name: string): ReplicaSet | undefined => ClusterView.lookup(sim.view, 'ReplicaSet', 'default', name)

const job = (name: string): Job => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: { template: { spec: podSpec({ restartPolicy: 'Never' }) } },
})

describe('create', () => {
  it('names from generateName, uid, resourceVersion, generation, creationTimestamp, Pending status, defaults', () => {
    const sim = Sim.step(Sim.make(toyOptions([replicaSet('web', 1)])))
    const [p] = podsOf(sim)
    expect(p?.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(p?.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(p?.metadata.generation).toBe(1)
    expect(p?.metadata.creationTimestamp).toBe('2024-01-01T00:00:00Z')
    expect(Number(p?.metadata.resourceVersion)).toBeGreaterThan(0)
    expect(p?.spec.restartPolicy).toBe('Always')
    expect(p?.spec.terminationGracePeriodSeconds).toBe(30)
    // DefaultTolerationSeconds admission
    expect(p?.spec.tolerations).toEqual([
      { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
    ])
    // no nodes: the pod stays Pending and is marked unschedulable
    expect(p?.status?.phase).toBe('Pending')
    expect(p?.status?.conditions?.find((c) => c.type === 'PodScheduled')).toMatchObject({ status: 'False', reason: 'Unschedulable' })
    const create = actions(sim).find((a) => a.action._tag === 'Create')
    expect(create?.result).toBe('applied')
    expect(create?.ref?.name).toBe(p?.metadata.name)
  })

  it('rejects an existing name as AlreadyExists and an invalid object with the field path', () => {
    let sim = Sim.make(bareOptions([pod('a')]))
    sim = Sim.inject(sim, { _tag: 'ExternalCreate', object: pod('a') })
    sim = Sim.inject(sim, { _tag: 'ExternalCreate', object: pod('Bad_Name') })
    sim = Sim.inject(sim, { _tag: 'ExternalCreate', object: { ...pod('b'), spec: { containers: [{ name: 'c' }] } } })
    const faults = sim.trace.flatMap((t) => (t._tag === 'Fault' ? [t] : []))
    expect(faults.map((f) => f.result)).toEqual(['rejected', 'rejected', 'rejected'])
    expect(faults[0]?.detail).toBe('AlreadyExists: Pod "a" already exists')
    expect(faults[1]?.detail).toMatch(/^Invalid: Pod "Bad_Name" is invalid: metadata\.name: /)
    expect(faults[2]?.detail).toContain('spec.containers[0].image: required')
    expect(podsOf(sim).map((p) => p.metadata.name)).toEqual(['a'])
  })

  it('generates the selector and template labels of a Job', () => {
    const sim = Sim.inject(Sim.make(bareOptions([])), { _tag: 'ExternalCreate', object: job('pi') })
    const j = ClusterView.lookup(sim.view, 'Job', 'default', 'pi')
    const uid = j?.metadata.uid ?? ''
    expect(j?.spec.selector?.matchLabels).toEqual({ 'batch.kubernetes.io/controller-uid': uid })
    expect(j?.spec.template.metadata?.labels).toMatchObject({
      'batch.kubernetes.io/controller-uid': uid,
      'controller-uid': uid,
      'batch.kubernetes.io/job-name': 'pi',
      'job-name': 'pi',
    })
    expect(j?.status).toBeUndefined()
  })
})

describe('update and updateStatus', () => {
  it('a second Update with the same (now stale) resourceVersion is a conflict, recorded in the trace', () => {
    const twice: Reconciler<'ReplicaSet'> = (rs) =>
      rs.metadata.labels?.['touched'] === undefined
        ? [
            A.update({ ...rs, metadata: { ...rs.metadata, labels: { touched: 'first' } } }),
            A.update({ ...rs, metadata: { ...rs.metadata, labels: { touched: 'second' } } }),
          ]
        : []
    const initial = { ...replicaSet('web', 0), metadata: { ...replicaSet('web', 0).metadata, resourceVersion: '7' } }
    const sim = Sim.step(Sim.make(bareOptions([initial], { controllers: { ReplicaSet: twice } })))
    const [first, second] = actions(sim)
    expect(first?.result).toBe('applied')
    expect(second?.result).toBe('conflict')
    expect(second?.detail).toContain('the object has been modified')
    const rs = rsOf(sim, 'web')
    expect(rs?.metadata.labels).toEqual({ touched: 'first' })
    expect(rs?.metadata.resourceVersion).toBe('8')
    expect(Sim.timeline(sim)).toContain('Update ReplicaSet default/web (replicas 0) → conflict: Conflict: Operation cannot be fulfilled')
  })

  it('a uid precondition that does not match is a conflict; an unknown object is NotFound', () => {
    const wrongUid: Reconciler<'ReplicaSet'> = (rs) => [
      A.update({ ...rs, metadata: { ...rs.metadata, uid: 'other', labels: { x: 'y' } } }),
      A.update({ ...rs, metadata: { ...rs.metadata, name: 'missing' } }),
    ]
    const sim = Sim.step(Sim.make(bareOptions([replicaSet('web', 0)], { controllers: { ReplicaSet: wrongUid } })))
    const [a, b] = actions(sim)
    expect(a?.result).toBe('conflict')
    expect(a?.detail).toContain('UID in precondition: other')
    expect(b?.result).toBe('rejected')
    expect(b?.detail).toBe('NotFound: ReplicaSet "missing" not found')
  })

  it('generation goes up on spec changes only; metadata edits and no-op updates keep it', () => {
    let sim = Sim.make(bareOptions([replicaSet('web', 1)]))
    const target = ObjectRef.of(rsOf(sim, 'web') as ReplicaSet)
    const rv0 = rsOf(sim, 'web')?.metadata.resourceVersion
    sim = Sim.inject(sim, { _tag: 'ExternalEdit', target, patch: { spec: { replicas: 3 } } })
    expect(rsOf(sim, 'web')?.metadata.generation).toBe(2)
    expect(rsOf(sim, 'web')?.spec.replicas).toBe(3)
    sim = Sim.inject(sim, { _tag: 'ExternalEdit', target, patch: { metadata: { labels: { team: 'a' } } } })
    expect(rsOf(sim, 'web')?.metadata.generation).toBe(2)
    expect(rsOf(sim, 'web')?.metadata.labels).toEqual({ team: 'a' })
    const rv = rsOf(sim, 'web')?.metadata.resourceVersion
    expect(rv).not.toBe(rv0)
    sim = Sim.inject(sim, { _tag: 'ExternalEdit', target, patch: { spec: { replicas: 3 } } })
    expect(rsOf(sim, 'web')?.metadata.resourceVersion).toBe(rv)
    const last = sim.trace[sim.trace.length - 1]
    expect(last?._tag === 'Fault' && last.detail).toBe('unchanged')
  })

  it('ExternalEdit is validated; name, uid and resourceVersion act as upstream patches do; status is ignored', () => {
    let sim = Sim.make(bareOptions([replicaSet('web', 1)]))
    const before = rsOf(sim, 'web')
    const target = ObjectRef.of(before as ReplicaSet)
    sim = Sim.inject(sim, { _tag: 'ExternalEdit', target, patch: { spec: { replicas: -1 } } })
    sim = Sim.inject(sim, { _tag: 'ExternalEdit', target, patch: { spec: { replicas: 'many' } } })
    sim = Sim.inject(sim, { _tag: 'ExternalEdit', target, patch: { metadata: { name: 'other' } } })
    sim = Sim.inject(sim, { _tag: 'ExternalEdit', target, patch: { metadata: { uid: 'x' } } })
    sim = Sim.inject(sim, { _tag: 'ExternalEdit', target, patch: { metadata: { resourceVersion: '999' }, spec: { replicas: 2 } } })
    sim = Sim.inject(sim, { _tag: 'ExternalEdit', target, patch: { status: { replicas: 9 } } })
    const faults = sim.trace.flatMap((t) => (t._tag === 'Fault' ? [t] : []))
    expect(faults.map((f) => f.result)).toEqual(['rejected', 'rejected', 'rejected', 'conflict', 'conflict', 'applied'])
    expect(faults[0]?.detail).toContain('spec.replicas')
    expect(faults[2]?.detail).toBe('BadRequest: the name of the object (other) does not match the name on the URL (web)')
    expect(faults[3]?.detail).toContain('UID in precondition: x')
    expect(faults[4]?.detail).toContain('the object has been modified')
    expect(faults[5]?.detail).toBe('unchanged')
    expect(rsOf(sim, 'web')).toEqual(before)
  })

  it('UpdateStatus replaces only the status; Update keeps the stored status', () => {
    const both: Reconciler<'ReplicaSet'> = (rs) => {
      const { resourceVersion: _rv, ...unconditional } = rs.metadata
      return rs.status === undefined
        ? [
            A.updateStatus({ ...rs, spec: { ...rs.spec, replicas: 99 }, status: { replicas: 5 } }),
            A.update({ ...rs, metadata: unconditional, status: { replicas: 1 } }),
          ]
        : []
    }
    const sim = Sim.step(Sim.make(bareOptions([replicaSet('web', 2)], { controllers: { ReplicaSet: both } })))
    const rs = rsOf(sim, 'web')
    expect(rs?.spec.replicas).toBe(2)
    expect(rs?.status).toEqual({ replicas: 5 })
    expect(actions(sim).map((a) => [a.result, a.detail])).toEqual([
      ['applied', undefined],
      ['applied', 'unchanged'],
    ])
  })

  it("a status write carries metadata as the kind's status strategy allows: RS labels pass, Deployment labels and pod owner references do not", () => {
    const relabel = <K extends 'ReplicaSet' | 'Deployment' | 'Pod'>(): Reconciler<K> => (obj) => {
      const o = obj as KubeObject
      return o.metadata.annotations?.['seen'] === undefined
        ? [
            A.updateStatus({
              ...o,
              metadata: { ...o.metadata, labels: { a: 'b' }, annotations: { seen: 'yes' }, ownerReferences: [] },
            } as never),
          ]
        : []
    }
    const owner = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: 'uid-x', controller: true }
    const dep = {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'd', namespace: 'default', labels: { keep: 'me' } },
      spec: { selector: { matchLabels: { app: 'd' } }, template: { metadata: { labels: { app: 'd' } }, spec: podSpec() } },
    } as const
    const owned = { ...pod('p'), metadata: { ...pod('p').metadata, ownerReferences: [owner] } }
    const sim = Sim.step(
      Sim.make(
        bareOptions([replicaSet('web', 0), dep as never, owned], {
          controllers: { ReplicaSet: relabel<'ReplicaSet'>(), Deployment: relabel<'Deployment'>(), Pod: relabel<'Pod'>() },
        }),
      ),
    )
    expect(rsOf(sim, 'web')?.metadata).toMatchObject({ labels: { a: 'b' }, annotations: { seen: 'yes' } })
    const d = ClusterView.lookup(sim.view, 'Deployment', 'default', 'd')
    expect(d?.metadata.labels).toEqual({ keep: 'me' })
    expect(d?.metadata.annotations).toEqual({ seen: 'yes' })
    const p = ClusterView.lookup(sim.view, 'Pod', 'default', 'p')
    expect(p?.metadata.ownerReferences).toEqual([owner])
    expect(p?.metadata.labels).toEqual({ a: 'b' })
  })
})

describe('delete', () => {
  it('a bound pod is deleted gracefully and removed by the kubelet after the stop time', () => {
    let sim = Sim.runUntilStable(Sim.make(bareOptions([node('n1'), pod('a')])))
    expect(getPod(sim, 'a')?.status?.phase).toBe('Running')
    const t0 = seconds(sim)
    sim = Sim.inject(sim, { _tag: 'ExternalDelete', target: ObjectRef.of(getPod(sim, 'a') as never) })
    const p = getPod(sim, 'a')
    expect(p?.metadata.deletionTimestamp).toBe('2024-01-01T00:00:32Z')
    expect(p?.metadata.deletionGracePeriodSeconds).toBe(30)
    expect(p?.metadata.generation).toBe(2)
    sim = Sim.runUntilStable(sim)
    expect(getPod(sim, 'a')).toBeUndefined()
    expect(seconds(sim)).toBe(t0 + 1)
    expect(Sim.timeline(sim)).toMatch(/kubelet +Pod default\/a stopped and removed/)
  })

  it('the grace period caps the stop time', () => {
    let sim = Sim.runUntilStable(
      Sim.make(bareOptions([node('n1'), pod('a', { spec: { terminationGracePeriodSeconds: 5 } })], { kubelet: { stopSeconds: 60 } })),
    )
    const t0 = seconds(sim)
    sim = Sim.runUntilStable(Sim.inject(sim, { _tag: 'ExternalDelete', target: ObjectRef.of(getPod(sim, 'a') as never) }))
    expect(getPod(sim, 'a')).toBeUndefined()
    expect(seconds(sim)).toBe(t0 + 5)
  })

  it('an unscheduled pod and a terminal pod are removed at once', () => {
    let sim = Sim.make(bareOptions([pod('a'), { ...pod('b'), spec: podSpec({ nodeName: 'gone' }), status: { phase: 'Succeeded' } }]))
    sim = Sim.inject(sim, { _tag: 'ExternalDelete', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'a' } })
    sim = Sim.inject(sim, { _tag: 'ExternalDelete', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'b' } })
    expect(podsOf(sim)).toEqual([])
    expect(sim.trace.map((t) => (t._tag === 'Fault' ? t.detail : ''))).toEqual(['removed', 'removed'])
  })

  it('finalizers keep a stopped pod until an update removes them', () => {
    let sim = Sim.runUntilStable(Sim.make(bareOptions([node('n1'), pod('a', { finalizers: ['example.com/hold'] })])))
    const target = ObjectRef.of(getPod(sim, 'a') as never)
    sim = Sim.runUntilStable(Sim.inject(sim, { _tag: 'ExternalDelete', target }))
    const stopped = getPod(sim, 'a')
    expect(stopped?.metadata.deletionGracePeriodSeconds).toBe(0)
    expect(stopped?.status?.phase).toBe('Failed')
    expect(sim.stopped).toBe('fixpoint')
    sim = Sim.inject(sim, { _tag: 'ExternalEdit', target, patch: { metadata: { finalizers: ['example.com/hold', 'example.com/more'] } } })
    const forbidden = sim.trace[sim.trace.length - 1]
    expect(forbidden?._tag === 'Fault' && forbidden.result).toBe('rejected')
    expect(forbidden?._tag === 'Fault' && forbidden.detail).toContain('no new finalizers can be added')
    sim = Sim.inject(sim, { _tag: 'ExternalEdit', target, patch: { metadata: { finalizers: null } } })
    expect(getPod(sim, 'a')).toBeUndefined()
    const removed = sim.trace[sim.trace.length - 1]
    expect(removed?._tag === 'Fault' && removed.detail).toBe('removed')
  })

  it('delete preconditions on uid and resourceVersion', () => {
    let sim = Sim.make(bareOptions([pod('a')]))
    const target = ObjectRef.of(getPod(sim, 'a') as never)
    sim = Sim.inject(sim, { _tag: 'ExternalDelete', target, preconditions: { uid: 'nope' } })
    sim = Sim.inject(sim, { _tag: 'ExternalDelete', target, preconditions: { resourceVersion: '999' } })
    expect(getPod(sim, 'a')).toBeDefined()
    const faults = sim.trace.flatMap((t) => (t._tag === 'Fault' ? [t] : []))
    expect(faults.map((f) => f.result)).toEqual(['conflict', 'conflict'])
    expect(faults[1]?.detail).toContain('ResourceVersion in precondition: 999')
  })

  it('other kinds go at once (Background); dependents keep their ownerReferences', () => {
    let sim = Sim.runUntilStable(Sim.make(toyOptions([node('n1'), replicaSet('web', 2)])))
    sim = Sim.inject(sim, { _tag: 'ExternalDelete', target: ObjectRef.of(rsOf(sim, 'web') as never) })
    expect(rsOf(sim, 'web')).toBeUndefined()
    expect(podsOf(sim)).toHaveLength(2)
    for (const p of podsOf(sim)) expect(p.metadata.ownerReferences?.[0]?.uid).toBe('uid-web')
  })

  it('Orphan (a Job default) and Foreground add their finalizers and keep the object', () => {
    const selfDelete: Reconciler<'Job'> = (j) => (j.metadata.deletionTimestamp === undefined ? [A.del(ObjectRef.of(j))] : [])
    let sim = Sim.make(bareOptions([job('pi')], { controllers: { Job: selfDelete } }))
    sim = Sim.step(sim)
    const j = ClusterView.lookup(sim.view, 'Job', 'default', 'pi')
    expect(j?.metadata.finalizers).toEqual(['orphan'])
    expect(j?.metadata.deletionTimestamp).toBe('2024-01-01T00:00:00Z')
    expect(j?.metadata.deletionGracePeriodSeconds).toBe(0)
    sim = Sim.inject(Sim.make(bareOptions([replicaSet('web', 0)])), {
      _tag: 'ExternalDelete',
      target: { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'default', name: 'web' },
      propagationPolicy: 'Foreground',
    })
    expect(rsOf(sim, 'web')?.metadata.finalizers).toEqual(['foregroundDeletion'])
    expect(rsOf(sim, 'web')?.metadata.deletionTimestamp).toBe('2024-01-01T00:00:00Z')
  })
})

describe('uids', () => {
  it('never reuses a stored uid, even when the objects came from an earlier run with the same seed', () => {
    const first = Sim.runUntilStable(Sim.make(toyOptions([node('n1'), replicaSet('a', 3)], { seed: 7 })))
    // The same seed again, over the first run's objects: the generator replays the same uids.
    let again = Sim.make(toyOptions(ClusterView.toArray(first.view), { seed: 7 }))
    again = Sim.runUntilStable(Sim.inject(again, { _tag: 'ExternalCreate', object: replicaSet('b', 3) }))
    const uids = ClusterView.toArray(again.view).map((o) => o.metadata.uid)
    expect(new Set(uids).size).toBe(uids.length)
    const owned = (name: string) => ClusterView.controlledBy(again.view, ClusterView.lookup(again.view, 'ReplicaSet', 'default', name)?.metadata.uid ?? '')
    expect(owned('a').map((p) => p.metadata.name?.slice(0, 2))).toEqual(['a-', 'a-', 'a-'])
    expect(owned('b')).toHaveLength(3)
  })
})
