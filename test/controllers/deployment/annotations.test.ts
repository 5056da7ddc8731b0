/**
 * Annotation keys, parsing and the revision bookkeeping (upstream deployment_util.go:
 * `Revision`, `getRollbackTo`, `SetNewReplicaSetAnnotations`, `SetReplicasAnnotations`,
 * `SetDeploymentAnnotationsTo`, `annotationsToSkip`), and the reason strings users match on.
 */
import { describe, expect, it } from 'vitest'
import type { StringMap } from '../../../src/api/meta.js'
import type { ReplicaSet } from '../../../src/api/workloads.js'
import * as D from '../../../src/controllers/deployment/index.js'
import { deployment, replicaSet, scaledBy } from './fixtures.js'

const withAnnotations = (annotations: StringMap | undefined): ReplicaSet => {
  const rs = replicaSet()
  const { annotations: _drop, ...metadata } = rs.metadata
  return { ...rs, metadata: annotations === undefined ? metadata : { ...metadata, annotations } }
}

describe('names (upstream constants)', () => {
  it.each([
    [D.revisionAnnotation, 'deployment.kubernetes.io/revision'],
    [D.revisionHistoryAnnotation, 'deployment.kubernetes.io/revision-history'],
    [D.desiredReplicasAnnotation, 'deployment.kubernetes.io/desired-replicas'],
    [D.maxReplicasAnnotation, 'deployment.kubernetes.io/max-replicas'],
    [D.rollbackToAnnotation, 'deprecated.deployment.rollback.to'],
    [D.lastAppliedConfigAnnotation, 'kubectl.kubernetes.io/last-applied-configuration'],
    [D.availableType, 'Available'],
    [D.progressingType, 'Progressing'],
    [D.replicaFailureType, 'ReplicaFailure'],
    [D.newReplicaSetReason, 'NewReplicaSetCreated'],
    [D.foundNewRSReason, 'FoundNewReplicaSet'],
    [D.replicaSetUpdatedReason, 'ReplicaSetUpdated'],
    [D.newRSAvailableReason, 'NewReplicaSetAvailable'],
    [D.timedOutReason, 'ProgressDeadlineExceeded'],
    [D.pausedReason, 'DeploymentPaused'],
    [D.resumedReason, 'DeploymentResumed'],
    [D.failedRSCreateReason, 'ReplicaSetCreateError'],
    [D.minimumReplicasAvailable, 'MinimumReplicasAvailable'],
    [D.minimumReplicasUnavailable, 'MinimumReplicasUnavailable'],
    [D.rollbackDoneReason, 'DeploymentRollback'],
    [D.rollbackRevisionNotFoundReason, 'DeploymentRollbackRevisionNotFound'],
    [D.rollbackTemplateUnchangedReason, 'DeploymentRollbackTemplateUnchanged'],
  ])('%s', (value, expected) => {
    expect(value).toBe(expected)
  })

  it('the skip list is exactly upstream annotationsToSkip', () => {
    expect([...D.skippedAnnotations].sort()).toEqual(
      [
        'kubectl.kubernetes.io/last-applied-configuration',
        'deployment.kubernetes.io/revision',
        'deployment.kubernetes.io/revision-history',
        'deployment.kubernetes.io/desired-replicas',
        'deployment.kubernetes.io/max-replicas',
        'deprecated.deployment.rollback.to',
      ].sort(),
    )
  })
})

describe('parsing', () => {
  it.each([
    [undefined, 0],
    ['7', 7],
    ['12', 12],
    ['+5', 5],
    ['-3', -3],
    ['', undefined],
    ['1x', undefined],
    ['x1', undefined],
    ['1.5', undefined],
    ['+-1', undefined],
  ])('revision %j → %j (strconv.ParseInt)', (v, want) => {
    expect(D.revision(v === undefined ? {} : { [D.revisionAnnotation]: v })).toBe(want)
    expect(D.revision(undefined)).toBe(0)
  })

  it.each([
    ['13', 13],
    ['0', 0],
    ['', undefined],
    ['+1', undefined],
    ['1a', undefined],
    ['a1', undefined],
  ])('non-negative int32 %j → %j', (v, want) => {
    expect(D.nonNegativeInt32({ k: v }, 'k')).toBe(want)
  })

  it('desired and max replicas read their own annotation', () => {
    const rs = withAnnotations({ [D.desiredReplicasAnnotation]: '4', [D.maxReplicasAnnotation]: '6' })
    expect([D.desiredReplicas(rs), D.maxReplicas(rs)]).toEqual([4, 6])
    expect([D.desiredReplicas(withAnnotations(undefined)), D.maxReplicas(withAnnotations(undefined))]).toEqual([undefined, undefined])
  })

  it.each([
    ['3', 3],
    ['0', 0],
    ['+2', 2],
    ['', undefined],
    ['2x', undefined],
  ])('rollbackTo %j → %j', (v, want) => {
    expect(D.rollbackTo(deployment({ annotations: { [D.rollbackToAnnotation]: v } }))).toBe(want)
  })
})

describe('copying and setting', () => {
  it('copying nothing returns the ReplicaSet itself, unchanged', () => {
    const rs = withAnnotations(undefined)
    const r = D.copyDeploymentAnnotations(deployment(), rs)
    expect(r.changed).toBe(false)
    expect(r.value).toStrictEqual(rs)
    const same = withAnnotations({ team: 'a' })
    expect(D.copyDeploymentAnnotations(deployment({ annotations: { team: 'a' } }), same)).toStrictEqual({ value: same, changed: false })
  })

  it('every skip-listed key stays behind', () => {
    const skipped = Object.fromEntries([...D.skippedAnnotations].map((k) => [k, 'd']))
    const r = D.copyDeploymentAnnotations(deployment({ annotations: { ...skipped, team: 'a' } }), withAnnotations(undefined))
    expect(r.value.metadata.annotations).toStrictEqual({ team: 'a' })
  })

  it('setReplicasAnnotations: in sync returns the ReplicaSet; else both keys are written, others kept', () => {
    const rs = withAnnotations({ x: '1', ...scaledBy(3, 1) })
    expect(D.setReplicasAnnotations(rs, 3, 4)).toStrictEqual({ value: rs, changed: false })
    const r = D.setReplicasAnnotations(rs, 5, 7)
    expect(r.changed).toBe(true)
    expect(r.value.metadata.annotations).toStrictEqual({ x: '1', ...scaledBy(5, 2) })
  })

  it('setDeploymentRevision writes only a different value', () => {
    const d = deployment({ annotations: { [D.revisionAnnotation]: '2', team: 'a' } })
    expect(D.setDeploymentRevision(d, '2')).toStrictEqual({ value: d, changed: false })
    const r = D.setDeploymentRevision(d, '3')
    expect(r.changed).toBe(true)
    expect(r.value.metadata.annotations).toStrictEqual({ [D.revisionAnnotation]: '3', team: 'a' })
    expect(D.setDeploymentRevision(deployment(), '1').value.metadata.annotations).toStrictEqual({ [D.revisionAnnotation]: '1' })
  })

  it('rollbackAnnotations: the Deployment\'s skip-listed annotations plus the ReplicaSet\'s others', () => {
    const d = deployment({ annotations: { [D.revisionAnnotation]: '5', [D.rollbackToAnnotation]: '1', mine: 'd' } })
    const rs = withAnnotations({ [D.revisionAnnotation]: '1', [D.desiredReplicasAnnotation]: '3', theirs: 'rs' })
    expect(D.rollbackAnnotations(d, rs)).toStrictEqual({ [D.revisionAnnotation]: '5', [D.rollbackToAnnotation]: '1', theirs: 'rs' })
    expect(D.rollbackAnnotations(deployment(), withAnnotations(undefined))).toStrictEqual({})
  })
})

describe('appendRevisionHistory (upstream revHistoryLimitInChars)', () => {
  it.each([
    ['', '9', 1, '9'],
    ['1', '2', 3, '1,2'],
    ['1', '2', 2, '2'],
    ['10,2', '3', 4, '2,3'],
    ['1,22,3', '4', 5, '3,4'],
    ['1,2', '345', 3, '345'],
    ['1,2', '3456', 3, undefined],
  ] as const)('%j + %j within %i → %j', (history, old, limit, want) => {
    expect(D.appendRevisionHistory(history, old, limit)).toBe(want)
  })
})

describe('setNewReplicaSetAnnotations', () => {
  const d = deployment({ replicas: 4, maxSurge: 1 })

  it('an empty revision counts as 0 and goes to the history as an empty entry', () => {
    const r = D.setNewReplicaSetAnnotations(d, withAnnotations({ [D.revisionAnnotation]: '' }), 3, true, 4, 5)
    expect(r).toStrictEqual({
      value: withAnnotations({ [D.revisionAnnotation]: '3', [D.revisionHistoryAnnotation]: '' }),
      changed: true,
    })
  })

  it('without a revision, an existing history is left alone', () => {
    const r = D.setNewReplicaSetAnnotations(d, withAnnotations({ [D.revisionHistoryAnnotation]: '1,2' }), 3, true, 4, 5)
    expect(r.value.metadata.annotations).toStrictEqual({ [D.revisionHistoryAnnotation]: '1,2', [D.revisionAnnotation]: '3' })
  })

  it('a history that cannot take the old revision is kept as it was', () => {
    const rs = withAnnotations({ [D.revisionAnnotation]: '1234', [D.revisionHistoryAnnotation]: '1' })
    const r = D.setNewReplicaSetAnnotations(d, rs, 1235, true, 4, 5, 3)
    expect(r.value.metadata.annotations).toStrictEqual({ [D.revisionAnnotation]: '1235', [D.revisionHistoryAnnotation]: '1' })
  })

  it('an existing ReplicaSet keeps stale desired/max annotations; a new one gets them; copied annotations alone are a change', () => {
    const stale = withAnnotations({ [D.revisionAnnotation]: '3', ...scaledBy(1) })
    expect(D.setNewReplicaSetAnnotations(d, stale, 3, true, 4, 5)).toStrictEqual({ value: stale, changed: false })
    expect(D.setNewReplicaSetAnnotations(d, stale, 3, false, 4, 5)).toStrictEqual({
      value: withAnnotations({ [D.revisionAnnotation]: '3', ...scaledBy(4, 1) }),
      changed: true,
    })
    const copied = D.setNewReplicaSetAnnotations(deployment({ annotations: { team: 'a' } }), stale, 3, true, 4, 5)
    expect(copied).toStrictEqual({ value: withAnnotations({ [D.revisionAnnotation]: '3', ...scaledBy(1), team: 'a' }), changed: true })
  })
})
