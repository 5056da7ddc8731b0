import { describe, expect, it } from 'vitest'
import type { Action } from '../../../src/core/Action.js'
import type { Pod } from '../../../src/api/pod.js'
import * as ReplicaSet from '../../../src/controllers/replicaset/index.js'
import { reconcile as registryReconcile } from '../../../src/controllers/registry.js'
import { ago, controlledBy, now, nowString, pod, rc, rs, viewOf } from './fixtures.js'

const tags = (as: ReadonlyArray<Action>): ReadonlyArray<string> => as.map((a) => a._tag)
const creates = (as: ReadonlyArray<Action>) => as.filter((a): a is Extract<Action, { _tag: 'Create' }> => a._tag === 'Create')
const deletes = (as: ReadonlyArray<Action>) => as.filter((a): a is Extract<Action, { _tag: 'Delete' }> => a._tag === 'Delete')
const updates = (as: ReadonlyArray<Action>) => as.filter((a): a is Extract<Action, { _tag: 'Update' }> => a._tag === 'Update')
const statusOf = (as: ReadonlyArray<Action>) => {
  const u = as.find((a): a is Extract<Action, { _tag: 'UpdateStatus' }> => a._tag === 'UpdateStatus')
  return u === undefined ? undefined : (u.object as ReturnType<typeof rs>).status
}
const deletedNames = (as: ReadonlyArray<Action>) => deletes(as).map((d) => d.target.name)

describe('slow start', () => {
  it.each([
    [0, []],
    [1, [1]],
    [3, [1, 2]],
    [10, [1, 2, 4, 3]],
    [500, [1, 2, 4, 8, 16, 32, 64, 128, 245]],
  ])('batches for %i are %j', (n, batches) => {
    expect(ReplicaSet.slowStartBatches(n)).toEqual(batches)
  })

  it('stops after the batch holding the first failure', () => {
    expect(ReplicaSet.slowStartAttempts(10, undefined)).toBe(10)
    expect(ReplicaSet.slowStartAttempts(10, 0)).toBe(1)
    expect(ReplicaSet.slowStartAttempts(10, 1)).toBe(3)
    expect(ReplicaSet.slowStartAttempts(10, 4)).toBe(7)
    expect(ReplicaSet.slowStartAttempts(10, 9)).toBe(10)
  })
})

describe('manageReplicas', () => {
  it('creates the missing pods from the template, each followed by its event', () => {
    const r = rs({ replicas: 3 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r })), now)
    expect(tags(out)).toEqual(['Create', 'Event', 'Create', 'Event', 'UpdateStatus'])
    const p = creates(out)[0]!.object as Pod
    expect(p.metadata).toEqual({
      generateName: 'web-',
      namespace: 'default',
      labels: { app: 'web', tier: 'front' },
      annotations: { note: 'x' },
      ownerReferences: [controlledBy(r)],
    })
    expect(p.spec).toEqual(r.spec.template?.spec)
    expect(out[1]).toEqual({
      _tag: 'Event',
      target: { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'default', name: 'web', uid: 'rs-uid' },
      type: 'Normal',
      reason: 'SuccessfulCreate',
      message: 'Created pod: web-',
    })
  })

  it('caps creates at the burst limit of 500', () => {
    const r = rs({ replicas: 1000 })
    expect(creates(ReplicaSet.reconcile(r, viewOf(r), now))).toHaveLength(500)
  })

  it('caps deletes at the burst limit of 500', () => {
    const r = rs({ replicas: 0 })
    const pods = Array.from({ length: 600 }, (_, i) => pod(`p${i}`, { owner: r }))
    expect(deletes(ReplicaSet.reconcile(r, viewOf(r, ...pods), now))).toHaveLength(500)
  })

  it('deletes with a uid precondition and a SuccessfulDelete event', () => {
    const r = rs({ replicas: 1 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r, node: 'n1', readyFor: 60 }), pod('b', { owner: r })), now)
    expect(out.slice(0, 2)).toEqual([
      {
        _tag: 'Delete',
        target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'b', uid: 'uid-b' },
        preconditions: { uid: 'uid-b' },
      },
      { _tag: 'Event', target: expect.objectContaining({ name: 'web' }), type: 'Normal', reason: 'SuccessfulDelete', message: 'Deleted pod: b' },
    ])
  })

  it('uses the name without a dash as prefix when the dash would make it too long', () => {
    expect(ReplicaSet.podsPrefix('short-name')).toBe('short-name-')
    const long = 'a'.repeat(300)
    expect(ReplicaSet.podsPrefix(long)).toBe(long)
  })

  it('does nothing while the ReplicaSet is being deleted, but still writes the status', () => {
    const r = rs({ replicas: 3, deleting: true })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r })), now)
    expect(tags(out)).toEqual(['UpdateStatus'])
    expect(statusOf(out)?.replicas).toBe(1)
  })

  it('fails with ReplicaFailure FailedCreate when the template has no labels', () => {
    const base = rs({ replicas: 2 })
    const r = { ...base, spec: { ...base.spec, template: { spec: base.spec.template!.spec } } }
    const out = ReplicaSet.reconcile(r, viewOf(r), now)
    expect(creates(out)).toHaveLength(0)
    expect(statusOf(out)?.conditions).toEqual([
      { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'unable to create pods, no labels', lastTransitionTime: nowString },
    ])
  })
})

describe('ReplicaFailure from the previous status', () => {
  const failure = { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: ago(60) }
  it('is removed by a sync with nothing to create or delete', () => {
    const r = rs({ replicas: 1, status: { replicas: 1, fullyLabeledReplicas: 1, observedGeneration: 1, conditions: [failure] } })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r })), now)
    expect(statusOf(out)?.conditions).toBeUndefined()
  })
  it('is removed by a sync whose creates succeed, as upstream after calls without an error', () => {
    const r = rs({ replicas: 2, status: { replicas: 1, fullyLabeledReplicas: 1, terminatingReplicas: 0, observedGeneration: 1, conditions: [failure] } })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r })), now)
    expect(creates(out)).toHaveLength(1)
    expect(tags(out)).toContain('UpdateStatus')
    expect(statusOf(out)?.conditions).toBeUndefined()
  })
  it('is removed by a sync whose deletes succeed, other conditions kept', () => {
    const other = { type: 'Custom', status: 'True' }
    const r = rs({ replicas: 0, status: { replicas: 1, fullyLabeledReplicas: 1, terminatingReplicas: 0, observedGeneration: 1, conditions: [other, failure] } })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r })), now)
    expect(tags(out)).toContain('Delete')
    expect(statusOf(out)?.conditions).toEqual([other])
  })
  it('is kept, not renewed, while the failure goes on', () => {
    const base = rs({ replicas: 1, status: { replicas: 0, fullyLabeledReplicas: 0, terminatingReplicas: 0, observedGeneration: 1, conditions: [failure] } })
    const r = { ...base, spec: { ...base.spec, template: { spec: base.spec.template!.spec } } }
    const out = ReplicaSet.reconcile(r, viewOf(r), now)
    expect(creates(out)).toHaveLength(0)
    expect(tags(out)).not.toContain('UpdateStatus')
  })
})

describe('claiming', () => {
  it('adopts a matching orphan and counts it in the same sync', () => {
    const r = rs({ replicas: 1 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('orphan')), now)
    expect(tags(out)).toEqual(['Update', 'UpdateStatus'])
    const adopted = updates(out)[0]!.object
    expect(adopted.metadata.ownerReferences).toEqual([controlledBy(r)])
    expect(adopted.metadata.resourceVersion).toBe('5')
    expect(statusOf(out)?.replicas).toBe(1)
  })

  it('releases an owned pod whose labels stopped matching and replaces it', () => {
    const r = rs({ replicas: 1 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('moved', { owner: r, labels: { app: 'other' } })), now)
    expect(tags(out)).toEqual(['Update', 'Create', 'Event', 'UpdateStatus'])
    expect(updates(out)[0]!.object.metadata.ownerReferences).toBeUndefined()
  })

  it('ignores matching pods controlled by another owner', () => {
    const r = rs({ replicas: 1 })
    const other = rs({ name: 'other', uid: 'other-uid' })
    const out = ReplicaSet.reconcile(r, viewOf(r, other, pod('theirs', { owner: other })), now)
    expect(tags(out)).toEqual(['Create', 'Event', 'UpdateStatus'])
  })

  it('neither adopts nor releases while the ReplicaSet is being deleted', () => {
    const r = rs({ replicas: 1, deleting: true })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('orphan'), pod('moved', { owner: r, labels: { app: 'x' } })), now)
    expect(updates(out)).toHaveLength(0)
  })

  it('does not adopt an orphan that is being deleted', () => {
    const r = rs({ replicas: 1 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('going', { deleting: true })), now)
    expect(updates(out)).toHaveLength(0)
    expect(creates(out)).toHaveLength(1)
  })

  it('does nothing at all for an invalid selector', () => {
    const base = rs({ replicas: 1 })
    const r = { ...base, spec: { ...base.spec, selector: { matchExpressions: [{ key: 'app', operator: 'Near' }] } } }
    expect(ReplicaSet.reconcile(r, viewOf(r, pod('orphan')), now)).toEqual([])
  })
})

describe('which pods count', () => {
  it('does not count a terminating pod and replaces it at once', () => {
    const r = rs({ replicas: 2 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r }), pod('b', { owner: r, deleting: true })), now)
    expect(creates(out)).toHaveLength(1)
    expect(statusOf(out)).toMatchObject({ replicas: 1, terminatingReplicas: 1 })
  })

  it('ignores Failed and Succeeded pods: not counted, not deleted', () => {
    const r = rs({ replicas: 1 })
    const out = ReplicaSet.reconcile(
      r,
      viewOf(r, pod('f', { owner: r, phase: 'Failed', node: 'n' }), pod('s', { owner: r, phase: 'Succeeded', node: 'n' })),
      now,
    )
    expect(deletes(out)).toHaveLength(0)
    expect(creates(out)).toHaveLength(1)
    expect(statusOf(out)).toMatchObject({ replicas: 0, terminatingReplicas: 0 })
  })

  it('computes the status from the pods observed before this sync acts', () => {
    const r = rs({ replicas: 3 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r, node: 'n', readyFor: 5 })), now)
    expect(statusOf(out)).toEqual({
      replicas: 1,
      fullyLabeledReplicas: 1,
      readyReplicas: 1,
      availableReplicas: 1,
      terminatingReplicas: 0,
      observedGeneration: 1,
    })
  })

  it('counts fully labeled pods against the template labels, not the selector', () => {
    const r = rs({ replicas: 2 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r }), pod('b', { owner: r, labels: { app: 'web' } })), now)
    expect(statusOf(out)).toMatchObject({ replicas: 2, fullyLabeledReplicas: 1 })
  })
})

describe('minReadySeconds', () => {
  it('counts a pod ready exactly minReadySeconds ago as available (<=)', () => {
    const r = rs({ replicas: 1, minReadySeconds: 10 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r, node: 'n', readyFor: 10 })), now)
    expect(statusOf(out)).toMatchObject({ readyReplicas: 1, availableReplicas: 1 })
    expect(tags(out)).not.toContain('RequeueAfter')
  })

  it('requeues at the earliest pod availability', () => {
    const r = rs({ replicas: 2, minReadySeconds: 10 })
    const out = ReplicaSet.reconcile(
      r,
      viewOf(r, pod('a', { owner: r, node: 'n', readyFor: 9 }), pod('b', { owner: r, node: 'n', readyFor: 4 })),
      now,
    )
    expect(statusOf(out)).toMatchObject({ readyReplicas: 2, availableReplicas: 0 })
    expect(out.at(-1)).toEqual({ _tag: 'RequeueAfter', target: expect.objectContaining({ name: 'web' }), seconds: 1 })
  })

  it('requeues after minReadySeconds when a ready pod has no transition time', () => {
    const r = rs({ replicas: 1, minReadySeconds: 30 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r, node: 'n', readyFor: null })), now)
    expect(statusOf(out)).toMatchObject({ readyReplicas: 1, availableReplicas: 0 })
    expect(out.at(-1)).toMatchObject({ _tag: 'RequeueAfter', seconds: 30 })
  })
})

describe('status write', () => {
  const counts = { replicas: 1, fullyLabeledReplicas: 1, readyReplicas: 0, availableReplicas: 0, terminatingReplicas: 0 }
  it('is skipped when nothing changed and generation == observedGeneration', () => {
    const r = rs({ replicas: 1, generation: 4, status: { ...counts, observedGeneration: 4 } })
    expect(ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r })), now)).toEqual([])
  })
  it('is written to record a new generation even when the counts are the same', () => {
    const r = rs({ replicas: 1, generation: 5, status: { ...counts, observedGeneration: 4 } })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r })), now)
    expect(statusOf(out)).toEqual({ ...counts, observedGeneration: 5 })
  })
  it('is written when terminatingReplicas goes from unset to 0', () => {
    const { terminatingReplicas: _t, ...old } = counts
    const r = rs({ replicas: 1, generation: 4, status: { ...old, observedGeneration: 4 } })
    expect(statusOf(ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r })), now))?.terminatingReplicas).toBe(0)
  })
  it('keeps the resourceVersion as the precondition', () => {
    const r = rs({ replicas: 0 })
    const u = ReplicaSet.reconcile(r, viewOf(r), now).find((a) => a._tag === 'UpdateStatus')
    expect(u?._tag === 'UpdateStatus' && u.object.metadata.resourceVersion).toBe('10')
  })
})

describe('action order', () => {
  it('is claims, then creates with events, then the status, then the requeue', () => {
    const r = rs({ replicas: 3, minReadySeconds: 10 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('orphan', { node: 'n', readyFor: 1 })), now)
    expect(tags(out)).toEqual(['Update', 'Create', 'Event', 'Create', 'Event', 'UpdateStatus', 'RequeueAfter'])
  })
})

describe('scale-down ranking', () => {
  const r = rs({ replicas: 1 })
  const pick = (...pods: ReadonlyArray<Pod>) => deletedNames(ReplicaSet.reconcile(r, viewOf(r, ...pods), now))

  it('prefers unscheduled, then pending, then unknown, then running pods', () => {
    expect(pick(pod('run', { owner: r, node: 'n' }), pod('unsched', { owner: r }))).toEqual(['unsched'])
    expect(pick(pod('run', { owner: r, node: 'n' }), pod('pend', { owner: r, node: 'n', phase: 'Pending' }))).toEqual(['pend'])
    expect(pick(pod('run', { owner: r, node: 'n' }), pod('unk', { owner: r, node: 'n', phase: 'Unknown' }))).toEqual(['unk'])
  })
  it('prefers not-ready pods', () => {
    expect(pick(pod('ready', { owner: r, node: 'n', readyFor: 60 }), pod('notready', { owner: r, node: 'n' }))).toEqual(['notready'])
  })
  it('prefers the lower deletion cost, before readiness time', () => {
    expect(pick(pod('dear', { owner: r, node: 'n', readyFor: 1, cost: '10' }), pod('cheap', { owner: r, node: 'n', readyFor: 9000, cost: '-5' }))).toEqual(['cheap'])
  })
  it('reads a malformed deletion cost ("+5", "007") as 0', () => {
    expect(pick(pod('plus', { owner: r, node: 'n', cost: '+5' }), pod('one', { owner: r, node: 'n', cost: '1' }))).toEqual(['plus'])
    expect(pick(pod('zeros', { owner: r, node: 'n', cost: '007' }), pod('one', { owner: r, node: 'n', cost: '1' }))).toEqual(['zeros'])
    expect(pick(pod('minus', { owner: r, node: 'n', cost: '-1' }), pod('zero', { owner: r, node: 'n', cost: '0' }))).toEqual(['minus'])
  })
  it('prefers the pod ready for less time, in log2 buckets', () => {
    expect(pick(pod('old', { owner: r, node: 'n', readyFor: 3600 }), pod('new', { owner: r, node: 'n', readyFor: 10 }))).toEqual(['new'])
  })
  it('prefers more restarts, then the younger pod', () => {
    expect(pick(pod('calm', { owner: r, node: 'n', restarts: 0 }), pod('flappy', { owner: r, node: 'n', restarts: 5 }))).toEqual(['flappy'])
    expect(pick(pod('elder', { owner: r, node: 'n', age: 86400 }), pod('young', { owner: r, node: 'n', age: 60 }))).toEqual(['young'])
  })
  it('prefers pods on nodes crowded with related pods when the ReplicaSet has a controller', () => {
    const owner = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'dep-uid', controller: true }
    const a = rs({ replicas: 1, owner })
    const b = rs({ name: 'web-old', uid: 'rs-old', labels: { app: 'web', v: 'old' }, replicas: 2, owner })
    const view = viewOf(
      a,
      b,
      pod('mine-n1', { owner: a, node: 'n1', readyFor: 60 }),
      pod('mine-n2', { owner: a, node: 'n2', readyFor: 60 }),
      pod('old-1', { owner: b, node: 'n2', labels: { app: 'web', v: 'old' } }),
      pod('old-2', { owner: b, node: 'n2', labels: { app: 'web', v: 'old' } }),
    )
    expect(deletedNames(ReplicaSet.reconcile(a, view, now))).toEqual(['mine-n2'])
    expect(ReplicaSet.relatedPods(a, view).map((p) => p.metadata.name).sort()).toEqual(['mine-n1', 'mine-n2', 'old-1', 'old-2'])
    expect(ReplicaSet.relatedPods(rs(), view)).toEqual([])
  })
})

describe('ReplicationController', () => {
  it('creates pods owned as v1 ReplicationController, without terminatingReplicas', () => {
    const c = rc({ replicas: 2 })
    const out = ReplicaSet.ReplicationController.reconcile(c, viewOf(c), now)
    expect(creates(out)).toHaveLength(2)
    expect(creates(out)[0]!.object.metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'ReplicationController', name: 'legacy', uid: 'rc-uid', controller: true, blockOwnerDeletion: true },
    ])
    const s = statusOf(out)
    expect(s).toEqual({ replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, observedGeneration: 1 })
  })
  it('adopts by equality selector', () => {
    const c = rc({ replicas: 1 })
    const out = ReplicaSet.ReplicationController.reconcile(c, viewOf(c, pod('o', { labels: { app: 'legacy', extra: '1' } })), now)
    expect(tags(out)).toEqual(['Update', 'UpdateStatus'])
  })
  it('does nothing with an empty selector, which selects nothing', () => {
    const c = rc({ replicas: 1, selector: {} })
    expect(ReplicaSet.ReplicationController.reconcile(c, viewOf(c, pod('o', { labels: { app: 'legacy' } })), now)).toEqual([])
  })
  it('is registered alongside the ReplicaSet controller', () => {
    const c = rc({ replicas: 1 })
    const v = viewOf(c)
    expect(registryReconcile(c, v, now)).toEqual(ReplicaSet.ReplicationController.reconcile(c, v, now))
    const r = rs({ replicas: 1 })
    expect(registryReconcile(r, viewOf(r), now)).toEqual(ReplicaSet.reconcile(r, viewOf(r), now))
  })
})
