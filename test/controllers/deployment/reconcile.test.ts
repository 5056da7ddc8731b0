/**
 * Single-sync tests of Deployment.reconcile: the dispatch order of upstream's syncDeployment and
 * the actions each branch issues (after the intent of upstream's deployment_controller_test.go,
 * sync_test.go, recreate_test.go, rollback and progress tests).
 */
import { describe, expect, it } from 'vitest'
import type { Deployment, ReplicaSet } from '../../../src/api/workloads.js'
import * as D from '../../../src/controllers/deployment/index.js'
import { reconcile } from '../../../src/controllers/registry.js'
import { computeHash } from '../../../src/core/hash.js'
import {
  ago,
  deployment,
  events,
  now,
  podOf,
  replicaSet,
  rsSizes,
  run,
  scaledBy,
  shape,
  specWrite,
  statusWrite,
  template,
  viewOf,
  writtenRS,
  completeStatus,
} from './fixtures.js'

const complete = (replicas: number, generation = 1) => completeStatus(replicas, generation)

const newName = (image = 'nginx:1', collisions?: number): string => `web-${computeHash(template(image), collisions)}`

describe('dispatch', () => {
  it('an empty selector only warns (and records the generation once)', () => {
    const d = deployment({ selector: {}, generation: 3 })
    expect(run(d)).toEqual([
      expect.objectContaining({ _tag: 'Event', type: 'Warning', reason: 'SelectingAll', message: 'This deployment is selecting all pods. A non-empty selector is required.' }),
      expect.objectContaining({ _tag: 'UpdateStatus' }),
    ])
    expect(statusWrite(run(d))?.status?.observedGeneration).toBe(3)
    expect(shape(run(deployment({ selector: {}, status: { observedGeneration: 1 } })))).toEqual(['Event SelectingAll'])
  })

  it('is registered for the Deployment kind', () => {
    const d = deployment()
    expect(reconcile(d, viewOf(d), now)).toEqual(D.reconcile(d, viewOf(d), now))
  })

  it('a Deployment being deleted only gets its status, even with a template change pending', () => {
    const old = replicaSet({ image: 'old', replicas: 10, revision: 1 })
    const d = deployment({ deleting: true, status: { observedGeneration: 1 } })
    const actions = run(d, old)
    expect(shape(actions)).toEqual(['UpdateStatus Deployment/web'])
    expect(statusWrite(actions)?.status).toMatchObject({ replicas: 10, availableReplicas: 10, observedGeneration: 1 })
  })

  it('adopts a selected orphan ReplicaSet and treats it as its own', () => {
    const orphan = replicaSet({ owned: false, replicas: 10, revision: 1 })
    const d = deployment({ status: complete(10), annotations: { [D.revisionAnnotation]: '1' } })
    const actions = run(d, orphan)
    const adopted = writtenRS(actions, orphan.metadata.name ?? '')
    expect(adopted?.metadata.ownerReferences).toEqual([expect.objectContaining({ kind: 'Deployment', uid: 'dep-uid', controller: true })])
    expect(adopted?.metadata.resourceVersion).toBe('10')
    expect(actions.filter((a) => a._tag === 'Create')).toEqual([])
  })

  it('a paused Deployment creates no new ReplicaSet for a changed template and records DeploymentPaused', () => {
    const old = replicaSet({ image: 'old', replicas: 10, revision: 1, annotations: scaledBy(10, 3) })
    const d = deployment({ paused: true, status: complete(10), annotations: { [D.revisionAnnotation]: '1' } })
    const actions = run(d, old)
    expect(actions.some((a) => a._tag === 'Create')).toBe(false)
    expect(rsSizes(actions)).toEqual({})
    expect(D.getCondition(statusWrite(actions)?.status, 'Progressing')).toMatchObject({
      status: 'Unknown',
      reason: D.pausedReason,
      message: 'Deployment is paused',
    })
  })

  it('paused: a replicas change scales proportionally, and history is cleaned up', () => {
    const a = replicaSet({ image: 'a', name: 'a', replicas: 4, revision: 1, annotations: scaledBy(10, 3), age: 300 })
    const b = replicaSet({ image: 'b', name: 'b', replicas: 9, revision: 2, annotations: scaledBy(10, 3), age: 200 })
    const empty = replicaSet({ image: 'c', name: 'c', replicas: 0, revision: 0, age: 400 })
    const d = deployment({ replicas: 20, paused: true, revisionHistoryLimit: 1 })
    const actions = run(d, a, b, empty)
    // allowed 25 (20 + ceil(25% of 20)), 13 → 25: b (9) first by size
    expect(rsSizes(actions)).toEqual({ a: 8, b: 17 })
    expect(actions.filter((x) => x._tag === 'Delete').map((x) => (x._tag === 'Delete' ? x.target.name : ''))).toEqual(['c'])
  })

  it('resuming records DeploymentResumed, which restarts the deadline clock', () => {
    const old = replicaSet({ replicas: 10, revision: 1, annotations: scaledBy(10, 3) })
    const paused = { type: 'Progressing', status: 'Unknown', reason: D.pausedReason, message: 'Deployment is paused', lastUpdateTime: ago(9000), lastTransitionTime: ago(9000) }
    const d = deployment({ status: { ...complete(10), conditions: [paused] }, annotations: { [D.revisionAnnotation]: '1' } })
    const cond = D.getCondition(statusWrite(run(d, old))?.status, 'Progressing')
    expect(cond).toMatchObject({ status: 'True', reason: D.newRSAvailableReason })
    const slow = replicaSet({ replicas: 10, revision: 1, annotations: scaledBy(10, 3), status: { replicas: 10, readyReplicas: 5, availableReplicas: 5, observedGeneration: 1, terminatingReplicas: 0 } })
    const stuck = deployment({
      status: { observedGeneration: 1, replicas: 10, updatedReplicas: 10, readyReplicas: 5, availableReplicas: 5, conditions: [paused] },
      annotations: { [D.revisionAnnotation]: '1' },
    })
    const resumed = D.getCondition(statusWrite(run(stuck, slow))?.status, 'Progressing')
    expect(resumed).toMatchObject({ status: 'Unknown', reason: D.resumedReason, message: 'Deployment is resumed', lastUpdateTime: ago(0) })
  })

  it('a timed-out rollout is never overwritten by the paused condition', () => {
    const timedOut = { type: 'Progressing', status: 'False', reason: D.timedOutReason, lastUpdateTime: ago(10), lastTransitionTime: ago(10) }
    const d = deployment({ paused: true, status: { conditions: [timedOut] } })
    expect(D.getCondition(D.checkPausedConditions(D.startSync(viewOf(d), now, d, [], [])).d.status, 'Progressing')).toEqual(timedOut)
  })

  it('paused is checked before rollback: the request waits', () => {
    const d = deployment({ paused: true, annotations: { [D.rollbackToAnnotation]: '1' } })
    expect(specWrite(run(d, replicaSet({ image: 'old', revision: 1 })))).toBeUndefined()
  })

  it('a scaling event (desired-replicas annotation ≠ replicas) scales instead of rolling', () => {
    const current = replicaSet({ replicas: 10, revision: 1, annotations: scaledBy(10, 3) })
    const d = deployment({ replicas: 20, generation: 2, status: complete(10), annotations: { [D.revisionAnnotation]: '1' } })
    const actions = run(d, current)
    expect(shape(actions)).toEqual([`Update ReplicaSet/${newName()}`, 'Event ScalingReplicaSet', 'UpdateStatus Deployment/web'])
    expect(writtenRS(actions, newName())?.metadata.annotations).toMatchObject(scaledBy(20, 5))
    expect(events(actions)).toEqual([['Normal', 'ScalingReplicaSet', `Scaled up replica set ${newName()} to 20 from 10`]])
    const status = statusWrite(actions)?.status
    expect(status).toMatchObject({ observedGeneration: 2, replicas: 10 })
    expect(D.getCondition(status, 'Available')).toMatchObject({ status: 'False' })
    expect(D.getCondition(status, 'Progressing')).toMatchObject({ reason: D.newRSAvailableReason })
  })
})

describe('RollingUpdate', () => {
  it('a new Deployment gets its ReplicaSet created at full size, revision 1, NewReplicaSetCreated', () => {
    const d = deployment()
    const actions = run(d)
    expect(shape(actions)).toEqual([`Create ReplicaSet/${newName()}`, 'Event ScalingReplicaSet', 'UpdateStatus Deployment/web'])
    const rs = writtenRS(actions, newName())
    expect(rs?.spec.replicas).toBe(10)
    expect(rs?.metadata.annotations).toEqual({ [D.revisionAnnotation]: '1', ...scaledBy(10, 3) })
    expect(events(actions)).toEqual([['Normal', 'ScalingReplicaSet', `Scaled up replica set ${newName()} to 10`]])
    const written = statusWrite(actions)
    expect(written?.metadata.annotations?.[D.revisionAnnotation]).toBe('1')
    expect(written?.metadata.resourceVersion).toBe('100')
    expect(D.getCondition(written?.status, 'Progressing')).toMatchObject({
      status: 'True',
      reason: D.newReplicaSetReason,
      message: `Created new replica set "${newName()}"`,
    })
    expect(D.getCondition(written?.status, 'Available')).toMatchObject({ status: 'False', reason: D.minimumReplicasUnavailable })
  })

  it('a template change creates the new set within the surge and scales the old one down in the same sync', () => {
    const old = replicaSet({ image: 'nginx:0', replicas: 10, revision: 1, annotations: scaledBy(10, 3) })
    const d = deployment({ generation: 2, status: complete(10), annotations: { [D.revisionAnnotation]: '1' } })
    const actions = run(d, old)
    const oldName = old.metadata.name ?? ''
    expect(shape(actions)).toEqual([
      `Create ReplicaSet/${newName()}`,
      'Event ScalingReplicaSet',
      'UpdateStatus Deployment/web',
      `Update ReplicaSet/${oldName}`,
      'Event ScalingReplicaSet',
    ])
    expect(rsSizes(actions)).toEqual({ [newName()]: 3, [oldName]: 8 })
    expect(writtenRS(actions, newName())?.metadata.annotations?.[D.revisionAnnotation]).toBe('2')
    expect(events(actions)[1]).toEqual(['Normal', 'ScalingReplicaSet', `Scaled down replica set ${oldName} to 8 from 10`])
    // the status is computed from the sets as they were before this sync's scaling (Σ spec 13 − 10 available)
    expect(statusWrite(actions)?.status).toMatchObject({ observedGeneration: 2, unavailableReplicas: 3 })
    expect(statusWrite(actions)?.status).not.toHaveProperty('updatedReplicas')
  })

  it('one kind of scaling per sync: scaling the new set up ends the sync', () => {
    const old = replicaSet({ image: 'nginx:0', replicas: 8, revision: 1, annotations: scaledBy(10, 3) })
    const cur = replicaSet({ replicas: 3, revision: 2, annotations: scaledBy(10, 3), status: { replicas: 3, availableReplicas: 3, readyReplicas: 3, observedGeneration: 1, terminatingReplicas: 0 } })
    const d = deployment({ status: { replicas: 13, updatedReplicas: 3, availableReplicas: 11 }, annotations: { [D.revisionAnnotation]: '2' } })
    const actions = run(d, old, cur)
    expect(rsSizes(actions)).toEqual({ [newName()]: 5 })
  })

  it('scales old sets down only within the availability budget (unavailable new pods count against it)', () => {
    const old = replicaSet({ image: 'nginx:0', replicas: 8, revision: 1, annotations: scaledBy(10, 3) })
    const cur = replicaSet({ replicas: 5, revision: 2, annotations: scaledBy(10, 3), status: { replicas: 5, availableReplicas: 0, observedGeneration: 1, terminatingReplicas: 0 } })
    const d = deployment({ annotations: { [D.revisionAnnotation]: '2' } })
    expect(rsSizes(run(d, old, cur))).toEqual({})
  })

  it('a complete rollout cleans up history beyond revisionHistoryLimit (status read at the start of the sync)', () => {
    const cur = replicaSet({ replicas: 10, revision: 3, annotations: scaledBy(10, 3), age: 100 })
    const r1 = replicaSet({ image: 'v1', name: 'r1', replicas: 0, revision: 1, age: 300 })
    const r2 = replicaSet({ image: 'v2', name: 'r2', replicas: 0, revision: 2, age: 200 })
    const d = deployment({ revisionHistoryLimit: 1, status: complete(10), annotations: { [D.revisionAnnotation]: '3' } })
    const actions = run(d, cur, r1, r2)
    expect(actions).toEqual([expect.objectContaining({ _tag: 'Delete', target: expect.objectContaining({ name: 'r1' }), preconditions: { uid: 'uid-r1' } })])
    expect(run(deployment({ revisionHistoryLimit: 1, annotations: { [D.revisionAnnotation]: '3' } }), cur, r1, r2).some((a) => a._tag === 'Delete')).toBe(false)
  })

  it('a completed, unchanged Deployment is a fixpoint: no actions', () => {
    const cur = replicaSet({ replicas: 10, revision: 1, annotations: scaledBy(10, 3) })
    const d = deployment({ status: complete(10), annotations: { [D.revisionAnnotation]: '1' } })
    expect(run(d, cur)).toEqual([])
  })

  it('syncs the new set\'s minReadySeconds and revision, merged with the scaling into one Update', () => {
    const old = replicaSet({ image: 'nginx:0', replicas: 10, revision: 2, annotations: scaledBy(10, 3) })
    const cur = replicaSet({ replicas: 0, revision: 1, annotations: scaledBy(10, 3) })
    const d = deployment({ minReadySeconds: 5, annotations: { [D.revisionAnnotation]: '2' } })
    const actions = run(d, old, cur)
    const updates = actions.filter((a) => a._tag === 'Update')
    expect(updates).toHaveLength(1)
    const rs = writtenRS(actions, newName())
    expect(rs?.spec).toMatchObject({ minReadySeconds: 5, replicas: 3 })
    expect(rs?.metadata.annotations).toMatchObject({ [D.revisionAnnotation]: '3', [D.revisionHistoryAnnotation]: '1' })
    expect(rs?.metadata.resourceVersion).toBe('10')
  })

  it('records the existing new set\'s revision on the Deployment and FoundNewReplicaSet when no condition exists', () => {
    const cur = replicaSet({ replicas: 10, revision: 4, annotations: scaledBy(10, 3) })
    const d = deployment({ status: { observedGeneration: 1, replicas: 10, updatedReplicas: 10, readyReplicas: 10, availableReplicas: 10 } })
    const written = statusWrite(run(d, cur))
    expect(written?.metadata.annotations?.[D.revisionAnnotation]).toBe('4')
    expect(D.getCondition(written?.status, 'Progressing')).toMatchObject({ reason: D.newRSAvailableReason })
  })

  it('a hash collision bumps collisionCount and ends the sync', () => {
    const squatter = replicaSet({ image: 'other', name: newName(), owned: false, replicas: 1, revision: 1 })
    const d = deployment({ selector: { matchLabels: { app: 'web', track: 'x' } }, template: template('nginx:1', { app: 'web', track: 'x' }) })
    const name = `web-${computeHash(d.spec.template)}`
    const taken = { ...squatter, metadata: { ...squatter.metadata, name } }
    const actions = run(d, taken)
    expect(shape(actions)).toEqual(['UpdateStatus Deployment/web'])
    expect(statusWrite(actions)?.status?.collisionCount).toBe(1)
    const next = deployment({ ...d, selector: d.spec.selector, template: d.spec.template, status: { collisionCount: 1 } })
    expect(writtenRS(run(next, taken), `web-${computeHash(d.spec.template, 1)}`)?.spec.replicas).toBe(10)
  })

  it('copies a ReplicaFailure condition from the new set', () => {
    const failure = { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: ago(30) }
    const cur = replicaSet({ replicas: 10, revision: 1, annotations: scaledBy(10, 3), status: { replicas: 5, availableReplicas: 5, observedGeneration: 1, terminatingReplicas: 0, conditions: [failure] } })
    const d = deployment({ status: complete(5), annotations: { [D.revisionAnnotation]: '1' } })
    expect(D.getCondition(statusWrite(run(d, cur))?.status, 'ReplicaFailure')).toEqual({ ...failure, lastUpdateTime: ago(30) })
  })
})

describe('progress deadline', () => {
  const updated = (secondsAgo: number) => ({
    type: 'Progressing',
    status: 'True',
    reason: D.replicaSetUpdatedReason,
    message: 'ReplicaSet "x" is progressing.',
    lastUpdateTime: ago(secondsAgo),
    lastTransitionTime: ago(secondsAgo),
  })
  const stuckSets = () => [
    replicaSet({ image: 'nginx:0', replicas: 8, revision: 1, annotations: scaledBy(10, 3) }),
    replicaSet({ replicas: 5, revision: 2, annotations: scaledBy(10, 3), status: { replicas: 5, availableReplicas: 0, observedGeneration: 1, terminatingReplicas: 0 } }),
  ]
  const stuckStatus = (secondsAgo: number) => ({
    observedGeneration: 1,
    replicas: 13,
    updatedReplicas: 5,
    readyReplicas: 8,
    availableReplicas: 8,
    unavailableReplicas: 5,
    terminatingReplicas: 0,
    conditions: [
      { type: 'Available', status: 'True', reason: D.minimumReplicasAvailable, message: 'Deployment has minimum availability.', lastUpdateTime: ago(900), lastTransitionTime: ago(900) },
      updated(secondsAgo),
    ],
  })

  it('without progress, requeues for the deadline (+1 s)', () => {
    const d = deployment({ status: stuckStatus(100), annotations: { [D.revisionAnnotation]: '2' } })
    expect(run(d, ...stuckSets())).toEqual([expect.objectContaining({ _tag: 'RequeueAfter', seconds: 501 })])
  })

  it('past the deadline, reports ProgressDeadlineExceeded', () => {
    const d = deployment({ status: stuckStatus(601), annotations: { [D.revisionAnnotation]: '2' } })
    const cond = D.getCondition(statusWrite(run(d, ...stuckSets()))?.status, 'Progressing')
    expect(cond).toEqual({
      type: 'Progressing',
      status: 'False',
      reason: D.timedOutReason,
      message: `ReplicaSet "${newName()}" has timed out progressing.`,
      lastUpdateTime: ago(0),
      lastTransitionTime: ago(0),
    })
  })

  it('progress refreshes lastUpdateTime and keeps lastTransitionTime', () => {
    const [old, cur] = stuckSets()
    const better = { ...cur!, status: { ...cur!.status, availableReplicas: 2, readyReplicas: 2 } } as ReplicaSet
    const d = deployment({ status: stuckStatus(300), annotations: { [D.revisionAnnotation]: '2' } })
    const cond = D.getCondition(statusWrite(run(d, old!, better))?.status, 'Progressing')
    expect(cond).toMatchObject({ reason: D.replicaSetUpdatedReason, lastUpdateTime: ago(0), lastTransitionTime: ago(300) })
  })

  it('without a deadline the Progressing condition is removed', () => {
    const d = deployment({ progressDeadlineSeconds: null, status: stuckStatus(100), annotations: { [D.revisionAnnotation]: '2' } })
    expect(D.getCondition(statusWrite(run(d, ...stuckSets()))?.status, 'Progressing')).toBeUndefined()
  })
})

describe('Recreate', () => {
  const old = () => replicaSet({ image: 'nginx:0', replicas: 3, revision: 1, annotations: scaledBy(3) })

  it('scales every old set to 0 first, without creating the new one', () => {
    const d = deployment({ strategy: 'Recreate', replicas: 3, annotations: { [D.revisionAnnotation]: '1' } })
    const actions = run(d, old())
    expect(rsSizes(actions)).toEqual({ [old().metadata.name ?? '']: 0 })
    expect(actions.some((a) => a._tag === 'Create')).toBe(false)
  })

  it.each(['Running', 'Pending', 'Unknown', ''])('waits while an old pod is in phase %j', (phase) => {
    const empty = replicaSet({ image: 'nginx:0', replicas: 0, revision: 1, annotations: scaledBy(3) })
    const d = deployment({ strategy: 'Recreate', replicas: 3, annotations: { [D.revisionAnnotation]: '1' } })
    const pod = podOf(empty, 'p', phase)
    expect(run(d, empty, pod).some((a) => a._tag === 'Create')).toBe(false)
  })

  it('a terminating old pod still blocks; terminal ones do not', () => {
    const empty = replicaSet({ image: 'nginx:0', replicas: 0, revision: 1, annotations: scaledBy(3) })
    const d = deployment({ strategy: 'Recreate', replicas: 3, annotations: { [D.revisionAnnotation]: '1' } })
    expect(run(d, empty, podOf(empty, 'p', 'Running', { deletionTimestamp: ago(1) })).some((a) => a._tag === 'Create')).toBe(false)
    const actions = run(d, empty, podOf(empty, 'a', 'Failed'), podOf(empty, 'b', 'Succeeded'))
    const created = actions.find((a) => a._tag === 'Create')
    expect(created?._tag === 'Create' && created.object.kind === 'ReplicaSet' ? created.object.spec.replicas : undefined).toBe(3)
  })
})

describe('rollback', () => {
  const v1 = () => replicaSet({ image: 'nginx:0', replicas: 0, revision: 1, annotations: { ...scaledBy(10, 3), 'kubernetes.io/change-cause': 'v1' }, age: 600 })
  const v2 = () => replicaSet({ replicas: 10, revision: 2, annotations: { ...scaledBy(10, 3), 'kubernetes.io/change-cause': 'v2' }, age: 300 })
  const withRequest = (rev: string): Deployment =>
    deployment({ status: complete(10), annotations: { [D.revisionAnnotation]: '2', [D.rollbackToAnnotation]: rev, 'kubernetes.io/change-cause': 'v2' } })

  it('copies the template and annotations of the requested revision and clears the request', () => {
    const actions = run(withRequest('1'), v1(), v2())
    expect(shape(actions)).toEqual(['Update Deployment/web', 'Event DeploymentRollback'])
    const d = specWrite(actions)
    expect(d?.spec.template).toEqual(template('nginx:0'))
    expect(d?.metadata.annotations).toEqual({ [D.revisionAnnotation]: '2', 'kubernetes.io/change-cause': 'v1' })
    expect(events(actions)).toEqual([['Normal', 'DeploymentRollback', 'Rolled back deployment "web" to revision 1']])
  })

  it('revision 0 means the previous revision', () => {
    expect(specWrite(run(withRequest('0'), v1(), v2()))?.spec.template).toEqual(template('nginx:0'))
  })

  it('warns when the revision does not exist, or the template is already current', () => {
    expect(events(run(withRequest('7'), v1(), v2()))).toEqual([['Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find the revision to rollback to.']])
    expect(events(run(withRequest('0'), v2()))).toEqual([['Warning', 'DeploymentRollbackRevisionNotFound', 'Unable to find last revision.']])
    const same = run(withRequest('2'), v1(), v2())
    expect(events(same)).toEqual([
      ['Warning', 'DeploymentRollbackTemplateUnchanged', 'The rollback revision contains the same template as current deployment "web"'],
    ])
    expect(specWrite(same)?.metadata.annotations?.[D.rollbackToAnnotation]).toBeUndefined()
  })

  it('after the rollback the old set becomes new again with a higher revision and no new ReplicaSet', () => {
    const rolled = deployment({ image: 'nginx:0', status: complete(10, 2), generation: 2, annotations: { [D.revisionAnnotation]: '2' } })
    const actions = run(rolled, v1(), v2())
    expect(actions.some((a) => a._tag === 'Create')).toBe(false)
    const reused = writtenRS(actions, v1().metadata.name ?? '')
    expect(reused?.metadata.annotations).toMatchObject({ [D.revisionAnnotation]: '3', [D.revisionHistoryAnnotation]: '1' })
    expect(reused?.spec.replicas).toBe(3)
  })
})

describe('purity', () => {
  it('is deterministic and leaves its (frozen) inputs alone', () => {
    const old = replicaSet({ image: 'nginx:0', replicas: 10, revision: 1, annotations: scaledBy(10, 3) })
    const d = deployment({ status: complete(10), annotations: { [D.revisionAnnotation]: '1' } })
    const view = viewOf(d, old)
    expect(D.reconcile(d, view, now)).toEqual(D.reconcile(d, view, now))
    expect(Object.isFrozen(d)).toBe(true)
  })
})

describe('rolloutSummary', () => {
  it('lists the sets oldest revision first, marking the current one', () => {
    const old = replicaSet({ image: 'nginx:0', replicas: 2, revision: 1 })
    const cur = replicaSet({ replicas: 8, revision: 2, status: { replicas: 8, readyReplicas: 6, availableReplicas: 5 } })
    const d = deployment()
    expect(D.rolloutSummary(viewOf(d, cur, old), d)).toEqual([
      { name: old.metadata.name, revision: 1, current: false, replicas: 2, observed: 2, ready: 2, available: 2 },
      { name: cur.metadata.name, revision: 2, current: true, replicas: 8, observed: 8, ready: 6, available: 5 },
    ])
  })
})

describe('dispatch details', () => {
  it('claims only ReplicaSets of its own namespace, even ones whose controller reference names its uid', () => {
    const mine = replicaSet({ name: 'mine', replicas: 1 })
    const elsewhere = { ...replicaSet({ name: 'elsewhere', replicas: 1 }), metadata: { ...replicaSet({ name: 'elsewhere' }).metadata, namespace: 'team-a' } }
    const orphan = { ...replicaSet({ name: 'orphan', owned: false }), metadata: { ...replicaSet({ name: 'orphan', owned: false }).metadata, namespace: 'team-a' } }
    const d = deployment()
    expect(D.claimReplicaSets(d, viewOf(d, mine, elsewhere, orphan))).toEqual({ rsList: [mine], actions: [] })
  })

  it('without a progress deadline, pausing records no condition', () => {
    const d = deployment({ paused: true, progressDeadlineSeconds: null })
    expect(D.checkPausedConditions(D.startSync(viewOf(d), now, d, [], [])).actions).toEqual([])
  })

  it('an unknown strategy type only syncs the revision', () => {
    const base = deployment({ annotations: { [D.revisionAnnotation]: '1' }, status: complete(10) })
    const d: Deployment = { ...base, spec: { ...base.spec, strategy: { type: 'BlueGreen' } } }
    expect(run(d, replicaSet({ replicas: 3, revision: 1, annotations: scaledBy(10, 3) }))).toEqual([])
  })
})
