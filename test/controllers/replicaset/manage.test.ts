/**
 * The pieces of `manageReplicas` and of the owner's view one by one: the pod built from the
 * template, the `generateName` length limit, the no-labels failure, delete preconditions, slow
 * start with other initial batch sizes, selector validity and the defaults of both kinds, and
 * how the CLI sums an owner up.
 */
import { describe, expect, it } from 'vitest'
import type { LabelSelector } from '../../../src/api/meta.js'
import type { Pod } from '../../../src/api/pod.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { replicaSetController, replicationControllerController, sizeSummary } from '../../../src/controllers/replicaset/controller.js'
import * as ReplicaSet from '../../../src/controllers/replicaset/index.js'
import { deepFreeze } from '../../helpers/freeze.js'
import { controlledBy, now, pod, rc, rs, viewOf } from './fixtures.js'

const tags = (as: ReadonlyArray<Action>): ReadonlyArray<string> => as.map((a) => a._tag)
const noLabels = (r: ReturnType<typeof rs>) => ({ ...r, spec: { ...r.spec, template: { spec: r.spec.template!.spec } } })

describe('podFromTemplate', () => {
  it('copies labels, annotations and finalizers, sets generateName, namespace and the controller reference, and nothing else', () => {
    const r = rs()
    const template = { metadata: { name: 'ignored', labels: { app: 'web' }, annotations: { a: '1' }, finalizers: ['f'] }, spec: { containers: [{ name: 'c', image: 'x' }] } }
    expect(ReplicaSet.podFromTemplate(r, template)).toStrictEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'web-',
        namespace: 'default',
        labels: { app: 'web' },
        annotations: { a: '1' },
        finalizers: ['f'],
        ownerReferences: [controlledBy(r)],
      },
      spec: template.spec,
    })
  })
  it('leaves out what the template and the owner do not have', () => {
    const r = rs()
    const { namespace: _ns, ...metadata } = r.metadata
    const bare = { ...r, metadata }
    expect(ReplicaSet.podFromTemplate(bare, { spec: { containers: [] } }).metadata).toStrictEqual({
      generateName: 'web-',
      ownerReferences: [controlledBy(bare)],
    })
    expect(ReplicaSet.podFromTemplate(r, { metadata: {}, spec: { containers: [] } }).metadata).toStrictEqual({
      generateName: 'web-',
      namespace: 'default',
      ownerReferences: [controlledBy(r)],
    })
  })
})

describe('podsPrefix', () => {
  it.each([
    [252, true],
    [253, false],
    [1, true],
  ])('a name of %i characters gets a dash: %s', (n, dash) => {
    const name = 'a'.repeat(n)
    expect(ReplicaSet.podsPrefix(name)).toBe(dash ? `${name}-` : name)
  })
})

describe('manageReplicas', () => {
  it('a template without labels fails only when pods are missing', () => {
    const r = noLabels(rs({ replicas: 1 }))
    const spec = ReplicaSet.ofReplicaSet(r)
    const one = [pod('a', { owner: r })]
    expect(ReplicaSet.manageReplicas(spec, one, viewOf(r), now.getTime())).toEqual({ actions: [], outcome: { _tag: 'Ok' }, creates: 0, deletes: [] })
    expect(ReplicaSet.manageReplicas(spec, [], viewOf(r), now.getTime())).toEqual({
      actions: [],
      outcome: { _tag: 'Failed', message: ReplicaSet.noLabelsError },
      creates: 0,
      deletes: [],
    })
    const out = ReplicaSet.reconcile(r, viewOf(r, ...one), now)
    expect(tags(out)).toEqual(['UpdateStatus'])
    expect(out[0]?._tag === 'UpdateStatus' && (out[0].object as ReturnType<typeof rs>).status?.conditions).toBeUndefined()
  })
  it('a ReplicaSet without a template fails as one without labels', () => {
    const r = rs({ replicas: 1 })
    const bare = { ...r, spec: { ...r.spec, template: undefined } } as unknown as ReturnType<typeof rs>
    expect(ReplicaSet.manageReplicas(ReplicaSet.ofReplicaSet(bare), [], viewOf(bare), now.getTime()).outcome).toEqual({ _tag: 'Failed', message: ReplicaSet.noLabelsError })
  })
  it('plans the creates and the pods to delete as data', () => {
    const r = rs({ replicas: 3 })
    const spec = ReplicaSet.ofReplicaSet(r)
    expect(ReplicaSet.manageReplicas(spec, [], viewOf(r), now.getTime()).creates).toBe(3)
    const pods = ['a', 'b', 'c', 'd', 'e'].map((n) => pod(n, { owner: r }))
    const m = ReplicaSet.manageReplicas(spec, pods, viewOf(r, ...pods), now.getTime())
    expect(m.deletes.map((p) => p.metadata.name)).toEqual(['a', 'b'])
    expect(m.creates).toBe(0)
  })
  it('deletes a pod without a uid without a precondition', () => {
    const r = rs({ replicas: 0 })
    const { uid: _uid, ...metadata } = pod('x', { owner: r }).metadata
    const p: Pod = deepFreeze({ ...pod('x', { owner: r }), metadata })
    const m = ReplicaSet.manageReplicas(ReplicaSet.ofReplicaSet(r), [p], viewOf(r, p), now.getTime())
    expect(m.actions[0]).toStrictEqual({ _tag: 'Delete', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'x' } })
  })
  it('getPodsToDelete ranks with the related pods', () => {
    const crowded = pod('crowded', { node: 'n1', readyFor: 3600 })
    const quiet = pod('quiet', { node: 'n2', readyFor: 60 })
    expect(ReplicaSet.getPodsToDelete([crowded, quiet], [crowded, quiet, pod('other', { node: 'n1' })], 1, now.getTime())).toEqual([crowded])
    expect(ReplicaSet.getPodsToDelete([crowded, quiet], [], 1, now.getTime())).toEqual([quiet])
  })
})

describe('slow start', () => {
  it.each([
    [10, 3, [3, 6, 1]],
    [5, 0, [1, 2, 2]],
    [5, 2.7, [2, 3]],
    [2.5, 1, [1, 1]],
    [-3, 1, []],
  ])('count %d from initial batch %d: %j', (count, initial, batches) => {
    expect(ReplicaSet.slowStartBatches(count, initial)).toEqual(batches)
  })
  it('counts the calls up to the batch holding the first failure, with another initial size', () => {
    expect(ReplicaSet.slowStartAttempts(10, 0, 3)).toBe(3)
    expect(ReplicaSet.slowStartAttempts(10, 3, 3)).toBe(9)
    expect(ReplicaSet.slowStartAttempts(10, 9, 3)).toBe(10)
    expect(ReplicaSet.slowStartAttempts(10, 50, 3)).toBe(10)
    expect(ReplicaSet.slowStartAttempts(0, 0)).toBe(0)
  })
})

describe('owner specs', () => {
  const sel = (matchExpressions: NonNullable<LabelSelector['matchExpressions']>): LabelSelector => ({ matchExpressions })
  it.each([
    ['no selector', undefined, true],
    ['labels only', { matchLabels: { a: 'b' } }, true],
    ['In with values', sel([{ key: 'a', operator: 'In', values: ['x'] }]), true],
    ['In without values', sel([{ key: 'a', operator: 'In', values: [] }]), false],
    ['In, values absent', sel([{ key: 'a', operator: 'In' }]), false],
    ['NotIn with values', sel([{ key: 'a', operator: 'NotIn', values: ['x'] }]), true],
    ['NotIn without values', sel([{ key: 'a', operator: 'NotIn' }]), false],
    ['Exists', sel([{ key: 'a', operator: 'Exists' }]), true],
    ['Exists with values', sel([{ key: 'a', operator: 'Exists', values: ['x'] }]), false],
    ['DoesNotExist', sel([{ key: 'a', operator: 'DoesNotExist', values: [] }]), true],
    ['DoesNotExist with values', sel([{ key: 'a', operator: 'DoesNotExist', values: ['x'] }]), false],
    ['an unknown operator', sel([{ key: 'a', operator: 'Gt', values: ['1'] }]), false],
    ['one bad requirement among good ones', sel([{ key: 'a', operator: 'Exists' }, { key: 'b', operator: 'In' }]), false],
  ])('%s: valid %s', (_what, selector, valid) => {
    expect(ReplicaSet.isValidSelector(selector)).toBe(valid)
  })

  it('defaults replicas to 1 and minReadySeconds to 0, for both kinds', () => {
    const r = rs()
    expect(ReplicaSet.ofReplicaSet(r)).toMatchObject({ object: r, replicas: 1, minReadySeconds: 0, template: r.spec.template, terminatingReplicas: true })
    expect(ReplicaSet.ofReplicaSet(rs({ replicas: 0, minReadySeconds: 7 }))).toMatchObject({ replicas: 0, minReadySeconds: 7 })
    const c = rc()
    const { replicas: _r, ...spec } = c.spec
    const bare = { ...c, spec }
    expect(ReplicaSet.ofReplicationController(bare)).toMatchObject({ replicas: 1, minReadySeconds: 0, template: c.spec.template, terminatingReplicas: false })
    expect(ReplicaSet.ofReplicationController({ ...c, spec: { ...c.spec, minReadySeconds: 4 } }).minReadySeconds).toBe(4)
    expect(ReplicaSet.ownerSpec(c).terminatingReplicas).toBe(false)
    expect(ReplicaSet.ownerSpec(r).terminatingReplicas).toBe(true)
  })

  it('an RC selector is an equality map; an empty or absent one is invalid', () => {
    const c = rc({ selector: { app: 'legacy' } })
    expect(ReplicaSet.ofReplicationController(c).matches?.({ app: 'legacy', x: 'y' })).toBe(true)
    expect(ReplicaSet.ofReplicationController(c).matches?.({ app: 'other' })).toBe(false)
    expect(ReplicaSet.ofReplicationController(rc({ selector: {} })).matches).toBeUndefined()
    const { selector: _s, ...spec } = c.spec
    expect(ReplicaSet.ofReplicationController({ ...c, spec }).matches).toBeUndefined()
  })
  it('an invalid ReplicaSet selector gives no matcher', () => {
    const r = rs()
    expect(ReplicaSet.ofReplicaSet({ ...r, spec: { ...r.spec, selector: sel([{ key: 'a', operator: 'In' }]) } }).matches).toBeUndefined()
    expect(ReplicaSet.ofReplicaSet(r).matches?.({ app: 'web' })).toBe(true)
  })
})

describe('how the CLI and the timeline sum an owner up', () => {
  it('counts desired replicas (default 1), active pods (singular for one) and ready pods', () => {
    const r = rs()
    const v = viewOf(r, pod('a', { owner: r, node: 'n', readyFor: 5 }), pod('t', { owner: r, deleting: true }), pod('f', { owner: r, node: 'n', phase: 'Failed' }))
    expect(sizeSummary(r, v)).toBe('web 1 desired, 1 pod, 1 ready')
    expect(sizeSummary(rs({ replicas: 0 }), ClusterView.fromObjects([]))).toBe('web 0 desired, 0 pods, 0 ready')
  })
  it('shows the same counters for both kinds', () => {
    const fields = [
      ['replicas', 'replicas'],
      ['readyReplicas', 'ready'],
      ['availableReplicas', 'available'],
      ['terminatingReplicas', 'terminating'],
    ]
    expect(replicaSetController.statusFields).toEqual(fields)
    expect(replicationControllerController.statusFields).toEqual(fields)
    expect(replicationControllerController.summary).toBe(sizeSummary)
    expect(replicaSetController.summary).toBe(sizeSummary)
  })
})
