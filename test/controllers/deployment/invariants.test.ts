/**
 * The DEP-1..8 invariant functions on hand-made views: each reports the violation it names and
 * stays quiet when the state is fine.
 */
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src/api/pod.js'
import type { Deployment, ReplicaSet } from '../../../src/api/workloads.js'
import * as D from '../../../src/controllers/deployment/index.js'
import * as Inv from '../../../src/invariants/deployment.js'
import { ago, deployment, now, podOf, replicaSet, scaledBy, viewOf } from './fixtures.js'

const ids = (vs: ReadonlyArray<{ readonly id: string }>): ReadonlyArray<string> => vs.map((v) => v.id)

const readyPod = (rs: ReplicaSet, name: string): Pod => {
  const p = podOf(rs, name)
  return { ...p, status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(60) }] } }
}

const sized = (rs: ReplicaSet, replicas: number): ReplicaSet => ({ ...rs, spec: { ...rs.spec, replicas } })

describe('DEP-1 surge bound', () => {
  const d = deployment({ replicas: 4, maxSurge: 1, maxUnavailable: 1 })
  const old = replicaSet({ image: 'old', replicas: 4 })
  const cur = replicaSet({ replicas: 1 })

  it('flags Σ spec leaving replicas + maxSurge', () => {
    expect(ids(Inv.dep1SpecSurgeBound(viewOf(d, old, cur), viewOf(d, old, sized(cur, 2))))).toEqual(['DEP-1'])
    expect(Inv.dep1SpecSurgeBound(viewOf(d, old, cur), viewOf(d, sized(old, 3), sized(cur, 2)))).toEqual([])
  })

  it('ignores a round in which the bound itself moved', () => {
    const bigger = deployment({ replicas: 6, maxSurge: 1, maxUnavailable: 1 })
    expect(Inv.dep1SpecSurgeBound(viewOf(d, old, cur), viewOf(bigger, old, sized(cur, 3)))).toEqual([])
  })

  it('flags active pods above the bound when the specs were within it', () => {
    const pods = ['a', 'b', 'c', 'd'].map((n) => readyPod(old, n))
    const extra = ['e', 'f'].map((n) => readyPod(cur, n))
    expect(ids(Inv.dep1PodSurgeBound(viewOf(d, old, cur, ...pods), viewOf(d, old, cur, ...pods, ...extra)))).toEqual(['DEP-1'])
    const terminating = { ...extra[1]!, metadata: { ...extra[1]!.metadata, deletionTimestamp: ago(0) } }
    expect(Inv.dep1PodSurgeBound(viewOf(d, old, cur, ...pods), viewOf(d, old, cur, ...pods, extra[0]!, terminating))).toEqual([])
  })
})

describe('DEP-2 availability floor', () => {
  const d = deployment({ replicas: 4, maxSurge: 1, maxUnavailable: 1 })
  const old = replicaSet({ image: 'old', replicas: 4 })
  const pods = ['a', 'b', 'c', 'd'].map((n) => readyPod(old, n))

  it('flags committed availability dropping below replicas − maxUnavailable', () => {
    expect(ids(Inv.dep2AvailabilityFloor(viewOf(d, old, ...pods), now, viewOf(d, sized(old, 2), ...pods), now))).toEqual(['DEP-2'])
    expect(Inv.dep2AvailabilityFloor(viewOf(d, old, ...pods), now, viewOf(d, sized(old, 3), ...pods), now)).toEqual([])
  })

  it('exempts a round that starts with a scaling event pending (proportional scaling ignores the floor)', () => {
    // the annotations say the set was sized for 2 replicas: the Deployment's 4 is a pending scaling event
    const stale = replicaSet({ image: 'old', replicas: 4, annotations: scaledBy(2) })
    const stalePods = ['a', 'b', 'c', 'd'].map((n) => readyPod(stale, n))
    expect(Inv.dep2AvailabilityFloor(viewOf(d, stale, ...stalePods), now, viewOf(d, sized(stale, 2), ...stalePods), now)).toEqual([])
    const settled = replicaSet({ image: 'old', replicas: 4, annotations: scaledBy(4) })
    const settledPods = ['a', 'b', 'c', 'd'].map((n) => readyPod(settled, n))
    expect(ids(Inv.dep2AvailabilityFloor(viewOf(d, settled, ...settledPods), now, viewOf(d, sized(settled, 2), ...settledPods), now))).toEqual(['DEP-2'])
  })

  it('counts availability by the ReplicaSet minReadySeconds and ignores Recreate', () => {
    expect(Inv.committedAvailability(viewOf(d, old, ...pods), d, now)).toBe(4)
    const slow = { ...old, spec: { ...old.spec, minReadySeconds: 600 } }
    expect(Inv.committedAvailability(viewOf(d, slow, ...pods), d, now)).toBe(0)
    const r = deployment({ replicas: 4, strategy: 'Recreate' })
    expect(Inv.dep2AvailabilityFloor(viewOf(r, old, ...pods), now, viewOf(r, sized(old, 0), ...pods), now)).toEqual([])
  })
})

describe('DEP-3 one current ReplicaSet at the fixpoint', () => {
  it('wants exactly one template match at spec.replicas and every other set at 0', () => {
    const d = deployment({ replicas: 3 })
    expect(Inv.dep3OneCurrentReplicaSet(viewOf(d, replicaSet({ replicas: 3 }), replicaSet({ image: 'old', replicas: 0 })))).toEqual([])
    expect(ids(Inv.dep3OneCurrentReplicaSet(viewOf(d, replicaSet({ replicas: 2 }), replicaSet({ image: 'old', replicas: 1 }))))).toEqual(['DEP-3', 'DEP-3'])
    expect(ids(Inv.dep3OneCurrentReplicaSet(viewOf(d, replicaSet({ image: 'old', replicas: 0 }))))).toEqual(['DEP-3'])
    expect(Inv.dep3OneCurrentReplicaSet(viewOf(deployment({ paused: true }), replicaSet({ image: 'old', replicas: 5 })))).toEqual([])
  })

  it('exempts upstream\'s Recreate scaling deadlock', () => {
    const d = deployment({ replicas: 2, strategy: 'Recreate' })
    const stuck = [replicaSet({ replicas: 1, annotations: scaledBy(1) }), replicaSet({ image: 'v2', replicas: 2, annotations: scaledBy(2) })]
    expect(Inv.recreateScalingDeadlock(d, stuck)).toBe(true)
    expect(Inv.dep3OneCurrentReplicaSet(viewOf(d, ...stuck))).toEqual([])
  })
})

describe('DEP-4 revisions increase', () => {
  const d = deployment()
  it('flags a revision going back, or a new revision not above the others', () => {
    const a = replicaSet({ image: 'a', revision: 3 })
    const b = replicaSet({ image: 'b', revision: 2 })
    // going back from 3 to 1 is also a new revision that is not above b's 2
    expect(ids(Inv.dep4RevisionsIncrease(viewOf(d, a, b), viewOf(d, replicaSet({ image: 'a', revision: 1 }), b)))).toEqual(['DEP-4', 'DEP-4'])
    const c = replicaSet({ image: 'c', revision: 3 })
    expect(ids(Inv.dep4RevisionsIncrease(viewOf(d, a, b), viewOf(d, a, b, c)))).toEqual(['DEP-4'])
    expect(Inv.dep4RevisionsIncrease(viewOf(d, a, b), viewOf(d, a, b, replicaSet({ image: 'c', revision: 4 })))).toEqual([])
    expect(Inv.dep4RevisionsIncrease(viewOf(d, a, b), viewOf(d, a, replicaSet({ image: 'b', revision: 4 })))).toEqual([])
  })
})

describe('DEP-5 history limit', () => {
  const complete = { observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1 }
  const sets = [replicaSet({ replicas: 1 }), replicaSet({ image: 'a' }), replicaSet({ image: 'b' })]
  it('allows at most revisionHistoryLimit empty old sets once cleanup runs', () => {
    expect(ids(Inv.dep5HistoryLimit(viewOf(deployment({ replicas: 1, revisionHistoryLimit: 1, status: complete }), ...sets)))).toEqual(['DEP-5'])
    expect(Inv.dep5HistoryLimit(viewOf(deployment({ replicas: 1, revisionHistoryLimit: 2, status: complete }), ...sets))).toEqual([])
    expect(Inv.dep5HistoryLimit(viewOf(deployment({ replicas: 1, revisionHistoryLimit: 1 }), ...sets))).toEqual([])
    const waiting = deployment({ replicas: 1, revisionHistoryLimit: 1, paused: true, annotations: { [D.rollbackToAnnotation]: '1' } })
    expect(Inv.dep5HistoryLimit(viewOf(waiting, ...sets))).toEqual([])
  })
})

describe('DEP-6 paused', () => {
  const d = deployment({ replicas: 4, maxSurge: 1, maxUnavailable: 1, paused: true, image: 'v2' })
  const old = replicaSet({ image: 'v1', replicas: 3, annotations: scaledBy(4, 1) })
  const cur = replicaSet({ image: 'v2', replicas: 2, annotations: scaledBy(4, 1) })

  it('flags a ReplicaSet created while paused', () => {
    expect(ids(Inv.dep6PausedNoRollout(viewOf(d, old), viewOf(d, old, cur)))).toEqual(['DEP-6'])
  })

  it('flags resizing without a scaling cause, allows proportional scaling with one', () => {
    expect(Inv.pausedScalingCause(d, [old, cur])).toBeUndefined()
    expect(ids(Inv.dep6PausedNoRollout(viewOf(d, old, cur), viewOf(d, sized(old, 2), sized(cur, 3))))).toEqual(['DEP-6', 'DEP-6'])
    const smaller = sized(old, 2)
    expect(Inv.pausedScalingCause(d, [smaller, cur])).toBe('Σ spec 4 ≠ 5')
    expect(Inv.dep6PausedNoRollout(viewOf(d, smaller, cur), viewOf(d, old, cur))).toEqual([])
  })
})

describe('DEP-7 no duplicate ReplicaSet', () => {
  it('flags a creation while a ReplicaSet already has the template', () => {
    const d: Deployment = deployment({ image: 'v1' })
    const v1 = replicaSet({ image: 'v1', name: 'web-a' })
    const dup = replicaSet({ image: 'v1', name: 'web-b' })
    expect(ids(Inv.dep7NoDuplicateReplicaSet(viewOf(d, v1), viewOf(d, v1, dup)))).toEqual(['DEP-7'])
    expect(Inv.dep7NoDuplicateReplicaSet(viewOf(d, replicaSet({ image: 'v0' })), viewOf(d, replicaSet({ image: 'v0' }), v1))).toEqual([])
  })
})

describe('DEP-8 deadline reported', () => {
  const progressing = (secondsAgo: number, reason: string) => ({
    conditions: [{ type: 'Progressing', status: 'True', reason, lastUpdateTime: ago(secondsAgo), lastTransitionTime: ago(secondsAgo) }],
  })
  it('flags a Progressing condition older than the deadline that does not say ProgressDeadlineExceeded', () => {
    expect(ids(Inv.dep8DeadlineReported(viewOf(deployment({ progressDeadlineSeconds: 60, status: progressing(61, D.replicaSetUpdatedReason) })), now))).toEqual(['DEP-8'])
    expect(Inv.dep8DeadlineReported(viewOf(deployment({ progressDeadlineSeconds: 60, status: progressing(60, D.replicaSetUpdatedReason) })), now)).toEqual([])
    expect(Inv.dep8DeadlineReported(viewOf(deployment({ progressDeadlineSeconds: 60, status: progressing(900, D.newRSAvailableReason) })), now)).toEqual([])
    expect(Inv.dep8DeadlineReported(viewOf(deployment({ paused: true, progressDeadlineSeconds: 60, status: progressing(900, D.pausedReason) })), now)).toEqual([])
  })
})
