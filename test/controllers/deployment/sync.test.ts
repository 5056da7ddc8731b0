/**
 * The Deployment sync's branches end to end (upstream `syncDeployment`, `sync`, `rolloutRecreate`,
 * `cleanupDeployment`): which path a Deployment takes and what each path writes.
 */
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src/api/pod.js'
import type { ReplicaSet } from '../../../src/api/workloads.js'
import * as D from '../../../src/controllers/deployment/index.js'
import { deployment, now, podOf, replicaSet, rsSizes, run, scaledBy, viewOf } from './fixtures.js'

const deletedNames = (as: ReturnType<typeof run>): ReadonlyArray<string> => as.flatMap((a) => (a._tag === 'Delete' ? [a.target.name] : []))

/** An old, empty, observed ReplicaSet with `revision`. */
const emptyOld = (image: string, revision: number): ReplicaSet =>
  replicaSet({ image, name: image, replicas: 0, revision, status: { replicas: 0, observedGeneration: 1, terminatingReplicas: 0 } })

describe('paused and scaling-event syncs', () => {
  const current = replicaSet({ replicas: 2, revision: 3, annotations: scaledBy(2) })
  const olds = [emptyOld('old1', 1), emptyOld('old2', 2)]
  it('paused: old revisions beyond the limit are cleaned up', () => {
    const d = deployment({ replicas: 2, paused: true, revisionHistoryLimit: 1, annotations: { [D.revisionAnnotation]: '3' } })
    expect(deletedNames(run(d, current, ...olds))).toEqual(['old1'])
  })
  it('paused with a rollback request: no cleanup', () => {
    const d = deployment({ replicas: 2, paused: true, revisionHistoryLimit: 0, annotations: { [D.revisionAnnotation]: '3', [D.rollbackToAnnotation]: '1' } })
    expect(deletedNames(run(d, current, ...olds))).toEqual([])
  })
  it('a scaling event while not paused: scaled, no cleanup', () => {
    const d = deployment({ replicas: 4, revisionHistoryLimit: 0, annotations: { [D.revisionAnnotation]: '3' } })
    const out = run(d, current, ...olds)
    expect(rsSizes(out)).toEqual({ [current.metadata.name ?? '']: 4 })
    expect(deletedNames(out)).toEqual([])
  })
  it('a scaling event with two active sets is shared out by proportion, not rolled', () => {
    const d = deployment({ replicas: 10, maxSurge: 0, maxUnavailable: 1, annotations: { [D.revisionAnnotation]: '2' } })
    const cur = replicaSet({ replicas: 3, revision: 2, annotations: scaledBy(5) })
    const old = replicaSet({ image: 'old', name: 'old', replicas: 2, revision: 1, annotations: scaledBy(5) })
    // a rollout would only grow the new set; proportional scaling grows both (3 → 6, 2 → 4)
    expect(rsSizes(run(d, cur, old))).toEqual({ [cur.metadata.name ?? '']: 6, old: 4 })
  })
})

describe('history cleanup at its edges', () => {
  const noStatus = (rs: ReplicaSet): ReplicaSet => {
    const { status: _s, ...rest } = rs
    return rest as ReplicaSet
  }
  it('cleanable only when empty, observed, not deleted and with terminatingReplicas 0', () => {
    const base = emptyOld('a', 1)
    expect(D.isCleanable(base)).toBe(true)
    expect(D.isCleanable(noStatus(base))).toBe(false)
    expect(D.isCleanable({ ...base, metadata: { ...base.metadata, generation: 2 } })).toBe(false)
    expect(D.isCleanable({ ...base, metadata: { ...base.metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } })).toBe(false)
    const { generation: _g, ...meta } = base.metadata
    const { observedGeneration: _o, ...status } = base.status ?? {}
    expect(D.isCleanable({ ...base, metadata: meta, status })).toBe(true)
    expect(D.isCleanable({ ...base, status })).toBe(false)
  })
  it('the window counts only sets not being deleted', () => {
    const gone = { ...emptyOld('x', 3), metadata: { ...emptyOld('x', 3).metadata, deletionTimestamp: '2024-01-01T00:00:00Z' } }
    const d = deployment({ replicas: 1, revisionHistoryLimit: 1 })
    expect(D.replicaSetsToClean(d, [emptyOld('a', 1), emptyOld('b', 2), gone]).map((r) => r.metadata.name)).toEqual(['a'])
  })
  it('fewer sets than the limit: none, however many are cleanable', () => {
    expect(D.replicaSetsToClean(deployment({ replicas: 1, revisionHistoryLimit: 5 }), [emptyOld('a', 1), emptyOld('b', 2)])).toEqual([])
    const four = [1, 2, 3, 4].map((r) => emptyOld(`r${r}`, r))
    expect(D.replicaSetsToClean(deployment({ replicas: 1, revisionHistoryLimit: 5 }), four)).toEqual([])
    expect(D.replicaSetsToClean(deployment({ replicas: 1, revisionHistoryLimit: 4 }), four)).toEqual([])
    expect(D.replicaSetsToClean(deployment({ replicas: 1, revisionHistoryLimit: 3 }), four).map((r) => r.metadata.name)).toEqual(['r1'])
  })
})

describe('Recreate', () => {
  const running = (rs: ReplicaSet, name: string, phase = 'Running'): Pod => podOf(rs, name, phase)
  it('old pods of any set but the new one keep the new set waiting; a pod without a status counts as running', () => {
    const cur = replicaSet({ replicas: 0, revision: 2 })
    const old = emptyOld('old', 1)
    expect(D.oldPodsRunning(cur, [old], new Map([[cur.metadata.uid ?? '', [running(cur, 'n')]]]))).toBe(false)
    expect(D.oldPodsRunning(cur, [old], new Map([[old.metadata.uid ?? '', [running(old, 'o')]]]))).toBe(true)
    const { status: _s, ...bare } = running(old, 'o')
    expect(D.oldPodsRunning(cur, [old], new Map([[old.metadata.uid ?? '', [bare as Pod]]]))).toBe(true)
    expect(D.oldPodsRunning(cur, [old], new Map([[old.metadata.uid ?? '', [running(old, 'o', 'Succeeded'), running(old, 'p', 'Failed')]]]))).toBe(false)
  })
  it('scales the old sets down first and waits, even when their status already reads 0', () => {
    const d = deployment({ replicas: 2, strategy: 'Recreate', annotations: { [D.revisionAnnotation]: '1' } })
    const old = replicaSet({ image: 'old', name: 'old', replicas: 2, revision: 1, annotations: scaledBy(2), status: { replicas: 0, observedGeneration: 1, terminatingReplicas: 0 } })
    const out = run(d, old)
    expect(rsSizes(out)).toEqual({ old: 0 })
    expect(out.some((a) => a._tag === 'Create')).toBe(false)
  })
  it('with the old sets down and no old pod: creates the new set at replicas', () => {
    const d = deployment({ replicas: 2, strategy: 'Recreate', annotations: { [D.revisionAnnotation]: '1' } })
    const out = run(d, emptyOld('old', 1))
    const created = out.find((a) => a._tag === 'Create')
    expect(created?._tag === 'Create' && created.object.kind === 'ReplicaSet' && created.object.spec.replicas).toBe(2)
  })
  it('with the old sets down: an existing new set at 0 is scaled to replicas', () => {
    const d = deployment({ replicas: 3, strategy: 'Recreate', annotations: { [D.revisionAnnotation]: '2' } })
    const cur = replicaSet({ replicas: 0, revision: 2, annotations: scaledBy(3), status: { replicas: 0, observedGeneration: 1, terminatingReplicas: 0 } })
    expect(rsSizes(run(d, cur, emptyOld('old', 1)))).toEqual({ [cur.metadata.name ?? '']: 3 })
  })
})

describe('the objects a sync observed', () => {
  it("its writes carry the resourceVersion of the Deployment it was given, not the view's copy", () => {
    const d = deployment({ replicas: 2, annotations: { [D.revisionAnnotation]: '1' } })
    const given = { ...d, metadata: { ...d.metadata, resourceVersion: '42' } }
    const rs = replicaSet({ replicas: 2, revision: 1, annotations: scaledBy(2) })
    const actions = D.reconcile(given, viewOf(d, rs), now)
    const status = actions.find((a) => a._tag === 'UpdateStatus')
    expect(status?._tag === 'UpdateStatus' && status.object.metadata.resourceVersion).toBe('42')
  })
})

describe('a ReplicaSet written, then listed again in the same sync', () => {
  it("the second listing sees the first one's write: the new set's revision is synced once and the Deployment's follows in the same sync", () => {
    // the new set still says revision 1, as the old one does: the scaling-event check's listing
    // moves it to 2; the rollout's listing then finds it up to date and records 2 on the Deployment
    const d = deployment({ replicas: 2, annotations: { [D.revisionAnnotation]: '1' } })
    const current = replicaSet({ replicas: 2, revision: 1, annotations: scaledBy(2) })
    const actions = run(d, current, emptyOld('old', 1))
    const rsWrites = actions.flatMap((a) => (a._tag === 'Update' && a.object.kind === 'ReplicaSet' ? [a.object] : []))
    expect(rsWrites.map((rs) => rs.metadata.annotations?.[D.revisionAnnotation])).toEqual(['2'])
    const status = actions.find((a) => a._tag === 'UpdateStatus')
    expect(status?._tag === 'UpdateStatus' && status.object.metadata.annotations?.[D.revisionAnnotation]).toBe('2')
  })
})
