/**
 * Deployment status and conditions (upstream progress.go, sync.go `calculateStatus` and
 * `syncDeploymentStatus`, deployment_util.go condition helpers and their tests): exact statuses,
 * condition lists that differ, and timestamps with fractions and offsets.
 */
import { describe, expect, it } from 'vitest'
import type { Condition } from '../../../src/api/meta.js'
import type { DeploymentStatus, ReplicaSet, ReplicaSetStatus } from '../../../src/api/workloads.js'
import * as D from '../../../src/controllers/deployment/index.js'
import { ago, deployment, now, replicaSet, shape, statusWrite, syncOf } from './fixtures.js'

const cond = (type: string, status: string, reason: string, message: string, updated: string, transition: string): Condition => ({
  type,
  status,
  reason,
  message,
  lastUpdateTime: updated,
  lastTransitionTime: transition,
})
const availableTrue = (t = ago(0)) => cond('Available', 'True', D.minimumReplicasAvailable, 'Deployment has minimum availability.', t, t)
const availableFalse = (t = ago(0)) => cond('Available', 'False', D.minimumReplicasUnavailable, 'Deployment does not have minimum availability.', t, t)
const progressing = (reason: string, message: string, updated: string, transition: string, status = 'True') =>
  cond('Progressing', status, reason, message, updated, transition)

const rsWith = (name: string, spec: number, status: ReplicaSetStatus, image = name): ReplicaSet =>
  replicaSet({ image, name, replicas: spec, status: { observedGeneration: 1, terminatingReplicas: 0, ...status } })

describe('statusEqual', () => {
  const base: DeploymentStatus = { observedGeneration: 1, replicas: 3, conditions: [availableTrue(ago(60))] }

  it('zero and absent counts are equal; an empty condition list and none are equal', () => {
    expect(D.statusEqual({ replicas: 0, updatedReplicas: 0, conditions: [] }, {})).toBe(true)
    expect(D.statusEqual(undefined, {})).toBe(true)
    expect(D.statusEqual({}, undefined)).toBe(true)
  })

  it.each(['observedGeneration', 'replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas'] as const)(
    'a different %s differs',
    (field) => {
      expect(D.statusEqual({ ...base, [field]: 7 }, { ...base, [field]: 8 })).toBe(false)
      expect(D.statusEqual({ ...base, [field]: 7 }, { ...base, [field]: 7 })).toBe(true)
    },
  )

  it('terminatingReplicas and collisionCount: unknown (absent) differs from 0', () => {
    expect(D.statusEqual({ ...base, terminatingReplicas: 0 }, base)).toBe(false)
    expect(D.statusEqual({ ...base, terminatingReplicas: 1 }, { ...base, terminatingReplicas: 1 })).toBe(true)
    expect(D.statusEqual({ ...base, collisionCount: 0 }, base)).toBe(false)
    expect(D.statusEqual({ ...base, collisionCount: 2 }, { ...base, collisionCount: 2 })).toBe(true)
  })

  it('condition lists that differ in a field, a member or their order are different', () => {
    const p = progressing(D.replicaSetUpdatedReason, 'm', ago(60), ago(60))
    const a = availableTrue(ago(60))
    expect(D.statusEqual({ conditions: [a, p] }, { conditions: [a, p] })).toBe(true)
    expect(D.statusEqual({ conditions: [a, p] }, { conditions: [p, a] })).toBe(false)
    expect(D.statusEqual({ conditions: [a, p] }, { conditions: [a] })).toBe(false)
    expect(D.statusEqual({ conditions: [a] }, {})).toBe(false)
    expect(D.statusEqual({ conditions: [a] }, { conditions: [{ ...a, lastUpdateTime: ago(0) }] })).toBe(false)
    expect(D.statusEqual({ conditions: [a] }, { conditions: [{ ...a, reason: 'Other' }] })).toBe(false)
  })
})

describe('removeCondition / setCondition', () => {
  const a = availableTrue(ago(60))
  const p = progressing(D.newRSAvailableReason, 'm', ago(60), ago(60))
  it('removes only the given type, dropping an emptied list', () => {
    expect(D.removeCondition({ replicas: 2, conditions: [a, p] }, 'Progressing')).toEqual({ replicas: 2, conditions: [a] })
    expect(D.removeCondition({ replicas: 2, conditions: [p] }, 'Progressing')).toStrictEqual({ replicas: 2 })
    expect(D.removeCondition({ replicas: 2, conditions: [a] }, 'Progressing')).toStrictEqual({ replicas: 2, conditions: [a] })
  })
  it('a new status for the type records a new transition time and moves it last', () => {
    const failed = progressing(D.timedOutReason, 'x', ago(0), ago(0), 'False')
    expect(D.setCondition({ conditions: [p, a] }, failed)).toEqual({ conditions: [a, failed] })
  })
})

describe('predicates', () => {
  it('no revision history limit (absent) keeps every old set', () => {
    const d = deployment({ revisionHistoryLimit: 0 })
    const { revisionHistoryLimit: _limit, ...spec } = d.spec
    const unlimited = { ...d, spec }
    const empty = replicaSet({ image: 'x', name: 'x', status: { observedGeneration: 1, terminatingReplicas: 0 } })
    expect(D.hasRevisionHistoryLimit(unlimited)).toBe(false)
    expect(D.hasRevisionHistoryLimit(d)).toBe(true)
    expect(D.replicaSetsToClean(unlimited, [empty])).toEqual([])
    expect(D.replicaSetsToClean(d, [empty])).toEqual([empty])
  })

  it('MaxInt32 means "not set" for the progress deadline and the history limit, as an absent field does', () => {
    const maxInt32 = 2147483647
    expect(D.hasProgressDeadline(deployment({ progressDeadlineSeconds: maxInt32 }))).toBe(false)
    expect(D.hasProgressDeadline(deployment({ progressDeadlineSeconds: null }))).toBe(false)
    expect(D.hasProgressDeadline(deployment({ progressDeadlineSeconds: maxInt32 - 1 }))).toBe(true)
    expect(D.hasProgressDeadline(deployment({ progressDeadlineSeconds: 0 }))).toBe(true)
    expect(D.hasRevisionHistoryLimit(deployment({ revisionHistoryLimit: maxInt32 }))).toBe(false)
    expect(D.hasRevisionHistoryLimit(deployment({ revisionHistoryLimit: maxInt32 - 1 }))).toBe(true)
  })

  it('deploymentTimedOut: no Progressing condition never times out; one without lastUpdateTime always does', () => {
    const d = deployment({ progressDeadlineSeconds: 10 })
    expect(D.deploymentTimedOut(d, {}, now)).toBe(false)
    expect(D.deploymentTimedOut(d, { conditions: [availableTrue(ago(3600))] }, now)).toBe(false)
    expect(D.deploymentTimedOut(d, { conditions: [{ type: 'Progressing', status: 'True', reason: D.replicaSetUpdatedReason }] }, now)).toBe(true)
  })

  it('deploymentTimedOut reads fractional seconds and offsets', () => {
    const d = deployment({ progressDeadlineSeconds: 10 })
    const at = (t: string): DeploymentStatus => ({ conditions: [{ type: 'Progressing', status: 'True', reason: 'R', lastUpdateTime: t }] })
    // now is 12:00:00Z; the deadline passes at lastUpdateTime + 10 s
    expect(D.deploymentTimedOut(d, at('2024-01-01T11:59:49.999Z'), now)).toBe(true)
    expect(D.deploymentTimedOut(d, at('2024-01-01T11:59:50Z'), now)).toBe(false)
    expect(D.deploymentTimedOut(d, at('2024-01-01T12:59:49.5+01:00'), now)).toBe(true)
    expect(D.deploymentTimedOut(d, at('2024-01-01T12:59:50.5+01:00'), now)).toBe(false)
    expect(D.deploymentTimedOut(d, at('2024-01-01T06:59:49-05:00'), now)).toBe(true)
  })

  it('requeueStuckDeployment reads fractional seconds and offsets', () => {
    const stuck = (t: string): DeploymentStatus => ({
      replicas: 3,
      updatedReplicas: 3,
      availableReplicas: 1,
      conditions: [{ type: 'Progressing', status: 'True', reason: D.replicaSetUpdatedReason, lastUpdateTime: t }],
    })
    const d = (t: string) => deployment({ replicas: 3, generation: 0, progressDeadlineSeconds: 60, status: stuck(t) })
    expect(D.requeueStuckDeployment(d('2024-01-01T12:59:30+01:00'), stuck('x'), now)).toBe(30)
    expect(D.requeueStuckDeployment(d('2024-01-01T11:59:30.500Z'), stuck('x'), now)).toBe(30.5)
    expect(D.requeueStuckDeployment(d('2024-01-01T12:59:00.900+01:00'), stuck('x'), now)).toBe(0)
    expect(D.requeueStuckDeployment(d('2024-01-01T11:59:01Z'), stuck('x'), now)).toBe(1)
  })
})

describe('calculateStatus', () => {
  it('omits zero counts and an empty condition list, but always sets Available', () => {
    const d = deployment({ replicas: 0, generation: 0 })
    expect(D.calculateStatus([], undefined, d, now)).toStrictEqual({ terminatingReplicas: 0, conditions: [availableTrue()] })
  })

  it('exact status: sums, spec-based unavailable clamped at 0, previous conditions kept before Available', () => {
    const keep = progressing(D.replicaSetUpdatedReason, 'm', ago(60), ago(120))
    const d = deployment({ replicas: 4, maxSurge: 1, maxUnavailable: 1, generation: 3, status: { conditions: [keep], collisionCount: 2 } })
    // the old set reports more available replicas than its spec: unavailable would be negative
    const a = rsWith('a', 1, { replicas: 3, readyReplicas: 3, availableReplicas: 3 })
    const n = rsWith('n', 2, { replicas: 2, readyReplicas: 1, availableReplicas: 0, terminatingReplicas: 1 }, 'nginx:1')
    expect(D.calculateStatus([a, n], n, d, now)).toStrictEqual({
      observedGeneration: 3,
      replicas: 5,
      updatedReplicas: 2,
      readyReplicas: 4,
      availableReplicas: 3,
      terminatingReplicas: 1,
      collisionCount: 2,
      conditions: [keep, availableTrue()],
    })
  })

  it('Available is True at exactly replicas − maxUnavailable, False one below; terminating unknown is omitted', () => {
    const d = deployment({ replicas: 4, maxSurge: 1, maxUnavailable: 1 })
    const at = (available: number, status: ReplicaSetStatus = {}) =>
      D.calculateStatus([rsWith('a', 4, { replicas: 4, readyReplicas: 4, availableReplicas: available, ...status })], undefined, d, now)
    expect(at(3).conditions).toEqual([availableTrue()])
    expect(at(2).conditions).toEqual([availableFalse()])
    expect(at(2)).toMatchObject({ unavailableReplicas: 2 })
    const unknown = D.calculateStatus([replicaSet({ image: 'a', replicas: 4, status: { replicas: 4, observedGeneration: 1 } })], undefined, d, now)
    expect(unknown).not.toHaveProperty('terminatingReplicas')
    expect(unknown).not.toHaveProperty('updatedReplicas')
  })
})

describe('syncDeploymentStatus', () => {
  it('writes nothing when the status is the same, and the whole status when only a condition differs', () => {
    const a = rsWith('a', 2, { replicas: 2, readyReplicas: 2, availableReplicas: 2 }, 'nginx:1')
    const same: DeploymentStatus = {
      observedGeneration: 1,
      replicas: 2,
      updatedReplicas: 2,
      readyReplicas: 2,
      availableReplicas: 2,
      terminatingReplicas: 0,
      conditions: [availableTrue(ago(30))],
    }
    expect(D.syncDeploymentStatus(syncOf(deployment({ replicas: 2, status: same })), [a], a).actions).toEqual([])
    const stale = { ...same, conditions: [availableFalse(ago(30))] }
    const s = D.syncDeploymentStatus(syncOf(deployment({ replicas: 2, maxUnavailable: 0, maxSurge: 1, status: stale })), [a], a)
    expect(shape(s.actions)).toEqual(['UpdateStatus Deployment/web'])
    expect(statusWrite(s.actions)?.status).toStrictEqual({ ...same, conditions: [availableTrue()] })
  })
})

describe('syncRolloutStatus', () => {
  const counts = { observedGeneration: 1, replicas: 10, readyReplicas: 5, availableReplicas: 5, unavailableReplicas: 5, terminatingReplicas: 0 }
  const oldSet = (ready: number) => rsWith('a', 10, { replicas: 10, readyReplicas: ready, availableReplicas: ready })

  it('without a new ReplicaSet, the messages name the Deployment: progressing', () => {
    const prev = progressing(D.replicaSetUpdatedReason, 'old', ago(60), ago(120))
    const d = deployment({ status: { ...counts, conditions: [availableFalse(ago(300)), prev] } })
    const s = D.syncRolloutStatus(syncOf(d), [oldSet(6)], undefined)
    expect(statusWrite(s.actions)?.status).toStrictEqual({
      ...counts,
      readyReplicas: 6,
      availableReplicas: 6,
      unavailableReplicas: 4,
      conditions: [availableFalse(ago(300)), progressing(D.replicaSetUpdatedReason, 'Deployment "web" is progressing.', ago(0), ago(120))],
    })
  })

  it('without a new ReplicaSet: timed out', () => {
    const prev = progressing(D.replicaSetUpdatedReason, 'old', ago(601), ago(900))
    const d = deployment({ status: { ...counts, conditions: [availableFalse(ago(300)), prev] } })
    const s = D.syncRolloutStatus(syncOf(d), [oldSet(5)], undefined)
    expect(D.getCondition(statusWrite(s.actions)?.status, 'Progressing')).toStrictEqual(
      progressing(D.timedOutReason, 'Deployment "web" has timed out progressing.', ago(0), ago(0), 'False'),
    )
  })

  it('without a new ReplicaSet: complete (0 replicas)', () => {
    const d = deployment({ replicas: 0, status: { observedGeneration: 1 } })
    const s = D.syncRolloutStatus(syncOf(d), [], undefined)
    expect(statusWrite(s.actions)?.status).toStrictEqual({
      observedGeneration: 1,
      terminatingReplicas: 0,
      conditions: [availableTrue(), progressing(D.newRSAvailableReason, 'Deployment "web" has successfully progressed.', ago(0), ago(0))],
    })
  })

  it('with a new ReplicaSet: complete, naming the set', () => {
    const n = rsWith('web-new', 3, { replicas: 3, readyReplicas: 3, availableReplicas: 3 }, 'nginx:1')
    const d = deployment({ replicas: 3, status: { observedGeneration: 1 } })
    const got = D.getCondition(statusWrite(D.syncRolloutStatus(syncOf(d), [n], n).actions)?.status, 'Progressing')
    expect(got).toStrictEqual(progressing(D.newRSAvailableReason, 'ReplicaSet "web-new" has successfully progressed.', ago(0), ago(0)))
  })

  it('progress after a False or Unknown condition starts a new transition; after True it keeps it', () => {
    for (const [status, transition] of [['False', ago(0)], ['Unknown', ago(0)], ['True', ago(120)]] as const) {
      const prev = progressing(status === 'True' ? D.replicaSetUpdatedReason : D.resumedReason, 'old', ago(60), ago(120), status)
      const d = deployment({ status: { ...counts, conditions: [prev] } })
      const got = D.getCondition(statusWrite(D.syncRolloutStatus(syncOf(d), [oldSet(6)], undefined).actions)?.status, 'Progressing')
      expect(got?.lastTransitionTime).toBe(transition)
      expect(got?.lastUpdateTime).toBe(ago(0))
    }
  })

  it('a complete rollout losing availability keeps NewReplicaSetAvailable; a new rollout replaces it', () => {
    const done = progressing(D.newRSAvailableReason, 'done', ago(600), ago(900))
    const n = rsWith('n', 10, { replicas: 10, readyReplicas: 7, availableReplicas: 7 }, 'nginx:1')
    const d = deployment({ status: { ...counts, updatedReplicas: 10, readyReplicas: 10, availableReplicas: 10, unavailableReplicas: 0, conditions: [availableTrue(ago(600)), done] } })
    const kept = statusWrite(D.syncRolloutStatus(syncOf(d), [n], n).actions)?.status
    expect(kept?.conditions).toStrictEqual([done, availableFalse()])
    // Σ status.replicas ≠ updated: the NewReplicaSetAvailable reason no longer short-cuts
    const fresh = rsWith('n', 3, { replicas: 3, readyReplicas: 3, availableReplicas: 3 }, 'nginx:1')
    const rolling = D.syncRolloutStatus(syncOf(d), [oldSet(10), fresh], fresh)
    expect(D.getCondition(statusWrite(rolling.actions)?.status, 'Progressing')).toStrictEqual(
      progressing(D.replicaSetUpdatedReason, 'ReplicaSet "n" is progressing.', ago(0), ago(900)),
    )
  })

  describe('ReplicaFailure', () => {
    const failure = (message: string, t?: string) => ({ type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message, ...(t === undefined ? {} : { lastTransitionTime: t }) })
    const d = deployment({ replicas: 2, progressDeadlineSeconds: null, status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2 } })
    const set = (name: string, image: string, conditions: ReadonlyArray<Condition>) =>
      rsWith(name, 1, { replicas: 1, conditions: [{ type: 'Other', status: 'True' }, ...conditions] }, image)
    const copied = (allRSs: ReadonlyArray<ReplicaSet>, newRS: ReplicaSet) =>
      D.getCondition(statusWrite(D.syncRolloutStatus(syncOf(d), allRSs, newRS).actions)?.status, 'ReplicaFailure')

    it('the new set\'s failure wins over an old set\'s', () => {
      const n = set('n', 'nginx:1', [failure('new', ago(5))])
      expect(copied([set('a', 'a', [failure('old', ago(9))]), n], n)).toStrictEqual({ ...failure('new', ago(5)), lastUpdateTime: ago(5) })
    })
    it('without one on the new set, an old set\'s is copied; a missing transition time stays missing', () => {
      const n = set('n', 'nginx:1', [])
      expect(copied([set('a', 'a', [failure('old')]), n], n)).toStrictEqual(failure('old'))
    })
    it('is removed once no set reports one; other condition types are never copied', () => {
      const n = set('n', 'nginx:1', [])
      const withFailure = deployment({ replicas: 2, progressDeadlineSeconds: null, status: { conditions: [failure('gone', ago(60))] } })
      const status = statusWrite(D.syncRolloutStatus(syncOf(withFailure), [n], n).actions)?.status
      expect(status?.conditions?.map((c) => c.type)).toEqual(['Available'])
    })
  })

  it('an unchanged, incomplete status requeues for the deadline (+1 s) instead of writing', () => {
    const prev = progressing(D.replicaSetUpdatedReason, 'm', ago(100), ago(100))
    const status = { ...counts, conditions: [availableFalse(ago(300)), prev] }
    const s = D.syncRolloutStatus(syncOf(deployment({ status })), [oldSet(5)], undefined)
    expect(s.actions).toEqual([expect.objectContaining({ _tag: 'RequeueAfter', seconds: 501 })])
  })
})
