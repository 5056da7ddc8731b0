/**
 * Table tests for the Deployment helpers, from the intent of upstream's
 * deployment_util_test.go, sync_test.go, rolling_test.go and progress_test.go.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { IntOrString } from '../../../src/api/meta.js'
import type { DeploymentStatus, ReplicaSet } from '../../../src/api/workloads.js'
import * as D from '../../../src/controllers/deployment/index.js'
import { computeHash } from '../../../src/core/hash.js'
import {
  ago,
  deployment,
  now,
  replicaSet,
  rsSizes,
  scaledBy,
  shape,
  syncOf,
  template,
} from './fixtures.js'

describe('resolveFenceposts (upstream TestResolveFenceposts and the ResolveFenceposts examples)', () => {
  const cases: ReadonlyArray<readonly [IntOrString | undefined, IntOrString | undefined, number, number, number]> = [
    ['0%', '0%', 0, 0, 1],
    ['39%', '39%', 10, 4, 3],
    [undefined, '39%', 10, 0, 3],
    ['39%', undefined, 10, 4, 0],
    [undefined, undefined, 10, 0, 1],
    ['25%', '25%', 10, 3, 2],
    ['25%', '25%', 4, 1, 1],
    ['25%', '25%', 1, 1, 0],
    ['100%', '100%', 7, 7, 7],
    [0, 0, 5, 0, 1],
    [3, 12, 10, 3, 12],
    ['1%', '99%', 1, 1, 0],
  ]
  it.each(cases)('surge %s unavailable %s of %i → (%i, %i)', (s, u, desired, surge, unavailable) => {
    expect(D.resolveFenceposts(s, u, desired)).toEqual(E.right({ surge, unavailable }))
  })
  it.each([
    ['oops', '39%'],
    ['55%', 'urg'],
    ['50', '1'],
  ])('rejects %s / %s (a string needs %%)', (s, u) => {
    expect(E.isLeft(D.resolveFenceposts(s, u, 10))).toBe(true)
  })
})

describe('maxUnavailable / minAvailable / maxSurge (upstream TestMaxUnavailable, TestMinAvailable)', () => {
  const cases: ReadonlyArray<readonly [string, number, IntOrString, number, number]> = [
    ['less than replicas', 10, 5, 5, 5],
    ['equal to replicas', 10, 10, 10, 0],
    ['greater than replicas', 5, 10, 5, 0],
    ['replicas 0', 0, 10, 0, 0],
    ['percent less', 10, '50%', 5, 5],
    ['percent 60%', 10, '60%', 6, 4],
    ['percent equal', 10, '100%', 10, 0],
    ['percent greater', 5, '100%', 5, 0],
  ]
  it.each(cases)('%s', (_, replicas, mu, expectedMax, expectedMin) => {
    const d = deployment({ replicas, maxSurge: 1, maxUnavailable: mu })
    expect(D.maxUnavailable(d)).toBe(expectedMax)
    expect(D.minAvailable(d)).toBe(expectedMin)
  })
  it('Recreate has no surge, no unavailability budget and minAvailable 0', () => {
    const d = deployment({ strategy: 'Recreate' })
    expect([D.maxSurge(d), D.maxUnavailable(d), D.minAvailable(d)]).toEqual([0, 0, 0])
  })
  it('maxSurge is not capped', () => {
    expect(D.maxSurge(deployment({ replicas: 2, maxSurge: 50 }))).toBe(50)
  })
  it('unparsable values resolve to 0', () => {
    const d = deployment({ maxSurge: 'x', maxUnavailable: '1%' })
    expect([D.maxSurge(d), D.maxUnavailable(d)]).toEqual([0, 0])
  })
})

describe('newRSNewReplicas (upstream TestNewRSNewReplicas)', () => {
  const cases: ReadonlyArray<readonly [string, 'RollingUpdate' | 'Recreate', number, number, number, number]> = [
    ['cannot scale up: at newRS replicas', 'RollingUpdate', 1, 5, 1, 5],
    ['scale up to deployment replicas', 'RollingUpdate', 6, 2, 10, 6],
    ['recreate: deployment replicas', 'Recreate', 3, 1, 1, 3],
  ]
  it.each(cases)('%s', (_, strategy, depReplicas, newReplicas, surge, expected) => {
    const d = deployment({ strategy, replicas: depReplicas, maxSurge: surge, maxUnavailable: 1 })
    const other = replicaSet({ image: 'old', replicas: 5 })
    const newRS = replicaSet({ replicas: newReplicas })
    expect(D.newRSNewReplicas(d, [other], newRS)).toEqual(E.right(expected))
  })
  it('sums SPEC replicas, not statuses', () => {
    const d = deployment({ replicas: 10, maxSurge: 2, maxUnavailable: 0 })
    const old = replicaSet({ image: 'old', replicas: 10, status: { replicas: 4, availableReplicas: 4 } })
    const newRS = replicaSet({ replicas: 0 })
    expect(D.newRSNewReplicas(d, [old, newRS], newRS)).toEqual(E.right(2))
  })
  it('is an error for an unknown strategy or a missing maxSurge', () => {
    const d = deployment()
    const odd = { ...d, spec: { ...d.spec, strategy: { type: 'BlueGreen' } } }
    const bare = { ...d, spec: { ...d.spec, strategy: { type: 'RollingUpdate' } } }
    expect(E.isLeft(D.newRSNewReplicas(odd, [], replicaSet()))).toBe(true)
    expect(E.isLeft(D.newRSNewReplicas(bare, [], replicaSet()))).toBe(true)
  })
})

describe('annotations', () => {
  it('revision-history keeps to the character limit (upstream TestAnnotationUtils)', () => {
    const d = deployment({ annotations: { [D.revisionAnnotation]: '1' } })
    let rs: ReplicaSet = replicaSet()
    for (let i = 10; i < 20; i++) {
      rs = D.setNewReplicaSetAnnotations(d, rs, i + 1, true, 10, 13, 5).value
      expect(rs.metadata.annotations?.[D.revisionAnnotation]).toBe(String(i + 1))
      if (i >= 12) expect(rs.metadata.annotations?.[D.revisionHistoryAnnotation]).toBe(`${i - 1},${i}`)
    }
  })
  it('appendRevisionHistory drops the oldest entries, or gives up when even one does not fit', () => {
    expect(D.appendRevisionHistory('', '3', 5)).toBe('3')
    expect(D.appendRevisionHistory('1,2', '3', 5)).toBe('1,2,3')
    expect(D.appendRevisionHistory('1,2,3', '4', 5)).toBe('2,3,4')
    expect(D.appendRevisionHistory('1', '123456', 5)).toBeUndefined()
  })
  it('copies the deployment annotations except the skip list, never removing', () => {
    const d = deployment({
      annotations: {
        team: 'a',
        [D.revisionAnnotation]: '9',
        [D.lastAppliedConfigAnnotation]: '{}',
        [D.rollbackToAnnotation]: '1',
      },
    })
    const rs = replicaSet({ annotations: { keep: 'me', team: 'b' } })
    const { value, changed } = D.copyDeploymentAnnotations(d, rs)
    expect(changed).toBe(true)
    expect(value.metadata.annotations).toEqual({ keep: 'me', team: 'a' })
    expect(D.copyDeploymentAnnotations(d, value).changed).toBe(false)
  })
  it('a new ReplicaSet gets revision, desired and max; an existing one keeps desired and max', () => {
    const d = deployment({ replicas: 4, maxSurge: 1 })
    const fresh = D.setNewReplicaSetAnnotations(d, replicaSet(), 3, false, 4, 5)
    expect(fresh.value.metadata.annotations).toEqual({ [D.revisionAnnotation]: '3', ...scaledBy(4, 1) })
    const existing = D.setNewReplicaSetAnnotations(d, replicaSet({ revision: 3 }), 3, true, 4, 5)
    expect(existing.changed).toBe(false)
  })
  it('a higher existing revision is kept; a non-numeric one stops the update', () => {
    const d = deployment()
    expect(D.setNewReplicaSetAnnotations(d, replicaSet({ revision: 7 }), 3, true, 10, 13).changed).toBe(false)
    const odd = replicaSet({ annotations: { [D.revisionAnnotation]: 'x' } })
    expect(D.setNewReplicaSetAnnotations(d, odd, 3, true, 10, 13)).toEqual({ value: odd, changed: false })
  })
  it('non-negative int32 annotations (upstream TestGetNonNegativeInt32FromAnnotation)', () => {
    const k = 'test'
    const cases: ReadonlyArray<readonly [string | undefined, number | undefined]> = [
      [undefined, undefined],
      ['invalid', undefined],
      ['-1', undefined],
      ['0', 0],
      ['13', 13],
      ['2147483647', 2147483647],
      ['2147483648', undefined],
      ['4294967296', undefined],
    ]
    for (const [v, want] of cases) expect(D.nonNegativeInt32(v === undefined ? {} : { [k]: v }, k)).toBe(want)
  })
  it('replicasAnnotationsNeedUpdate (upstream TestReplicasAnnotationsNeedUpdate)', () => {
    const base = replicaSet()
    const withA = (a: Readonly<Record<string, string>> | undefined): ReplicaSet =>
      a === undefined ? base : { ...base, metadata: { ...base.metadata, annotations: a } }
    expect(D.replicasAnnotationsNeedUpdate(withA(undefined), 10, 20)).toBe(true)
    expect(D.replicasAnnotationsNeedUpdate(withA({ [D.desiredReplicasAnnotation]: '8', [D.maxReplicasAnnotation]: '20' }), 10, 20)).toBe(true)
    expect(D.replicasAnnotationsNeedUpdate(withA({ [D.desiredReplicasAnnotation]: '10', [D.maxReplicasAnnotation]: '16' }), 10, 20)).toBe(true)
    expect(D.replicasAnnotationsNeedUpdate(withA(scaledBy(10, 10)), 10, 20)).toBe(false)
  })
  it('rollbackTo ignores a non-integer request', () => {
    expect(D.rollbackTo(deployment({ annotations: { [D.rollbackToAnnotation]: '3' } }))).toBe(3)
    expect(D.rollbackTo(deployment({ annotations: { [D.rollbackToAnnotation]: 'abc' } }))).toBeUndefined()
    expect(D.rollbackTo(deployment())).toBeUndefined()
  })
})

describe('new and old ReplicaSets', () => {
  it('equalIgnoreHash ignores only the pod-template-hash label, nil and empty alike (upstream TestEqualIgnoreHash)', () => {
    const t = (labels: Readonly<Record<string, string>>, annotations: Readonly<Record<string, string>> = {}) => ({
      metadata: { labels, annotations },
      spec: { containers: [{ name: 'c', image: 'x' }] },
    })
    const h = 'pod-template-hash'
    expect(D.equalIgnoreHash(t({ [h]: '1', a: 'b' }), t({ [h]: '1', a: 'b' }))).toBe(true)
    expect(D.equalIgnoreHash(t({ [h]: '1', a: 'b' }), t({ [h]: '2', a: 'b' }))).toBe(true)
    expect(D.equalIgnoreHash(t({ a: 'b' }), t({ [h]: '2', a: 'b' }))).toBe(true)
    expect(D.equalIgnoreHash(t({ a: 'b' }), t({ [h]: '2' }))).toBe(false)
    expect(D.equalIgnoreHash(t({ [h]: '1' }), t({ [h]: '1', a: 'b' }))).toBe(false)
    expect(D.equalIgnoreHash(t({ a: 'b' }, { x: '1' }), t({ a: 'b' }, { y: '1' }))).toBe(false)
    expect(D.equalIgnoreHash(t({ a: 'b' }), { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } })).toBe(true)
  })
  it('equalIgnoreHash compares lists element by element: every element, in order, same length', () => {
    const two = (second: string, first = 'x') => ({
      metadata: { labels: { a: 'b' } },
      spec: { containers: [{ name: 'c', image: first }, { name: 'd', image: second }] },
    })
    expect(D.equalIgnoreHash(two('y'), two('y'))).toBe(true)
    expect(D.equalIgnoreHash(two('y'), two('z'))).toBe(false)
    expect(D.equalIgnoreHash(two('y', 'w'), two('y'))).toBe(false)
    expect(D.equalIgnoreHash(two('y'), { metadata: { labels: { a: 'b' } }, spec: { containers: [{ name: 'c', image: 'x' }] } })).toBe(false)
    expect(D.equalIgnoreHash(two('y'), { metadata: { labels: { a: 'b' } }, spec: { containers: [] } })).toBe(false)
  })
  it('findNewReplicaSet picks the OLDEST template match; the others are old (upstream TestFindNewReplicaSet / TestFindOldReplicaSets)', () => {
    const d = deployment()
    const newer = replicaSet({ name: 'web-b', age: 60, replicas: 1 })
    const older = replicaSet({ name: 'web-a', age: 120 })
    const old = replicaSet({ image: 'old', age: 600 })
    expect(D.findNewReplicaSet(d, [newer, old, older])).toBe(older)
    const { allOld, requiredOld } = D.findOldReplicaSets(d, [newer, old, older])
    expect(allOld).toEqual([old, newer])
    expect(requiredOld).toEqual([newer])
    expect(D.findNewReplicaSet(d, [old])).toBeUndefined()
  })
  it('maxRevision and lastRevision (a duplicate maximum counts as the previous revision)', () => {
    const rs = (r: number | undefined, name: string): ReplicaSet =>
      r === undefined ? replicaSet({ name, annotations: { [D.revisionAnnotation]: 'x' } }) : replicaSet({ name, revision: r })
    expect(D.maxRevision([rs(1, 'a'), rs(5, 'b'), rs(undefined, 'c')])).toBe(5)
    expect(D.lastRevision([rs(1, 'a'), rs(5, 'b'), rs(3, 'c')])).toBe(3)
    expect(D.lastRevision([rs(5, 'a'), rs(5, 'b')])).toBe(5)
    expect(D.lastRevision([rs(5, 'a')])).toBe(0)
    expect(D.lastRevision([])).toBe(0)
  })
  it('replicaSetName truncates long Deployment names (upstream TestDeploymentController_generateReplicaSetName)', () => {
    const hash = '5d8f94b7c9'
    expect(D.replicaSetName('my-deployment', hash)).toBe(`my-deployment-${hash}`)
    expect(D.replicaSetName('a'.repeat(250), hash)).toBe(`${'a'.repeat(242)}-${hash}`)
    expect(D.replicaSetName('a'.repeat(242), hash)).toBe(`${'a'.repeat(242)}-${hash}`)
  })
  it('newReplicaSetFor carries the hash of the template and the collision count', () => {
    const d = deployment({ status: { collisionCount: 2 } })
    const rs = D.newReplicaSetFor(d)
    const hash = computeHash(d.spec.template, 2)
    expect(rs.metadata.name).toBe(`web-${hash}`)
    expect(rs.spec.selector.matchLabels).toEqual({ app: 'web', 'pod-template-hash': hash })
    expect(rs.metadata.labels).toEqual({ app: 'web', 'pod-template-hash': hash })
    expect(rs.spec.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash })
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', uid: 'dep-uid', controller: true })
    expect(hash).not.toBe(computeHash(d.spec.template))
  })
})

describe('proportional scaling', () => {
  it('getReplicaSetFraction (upstream TestGetReplicaSetFraction)', () => {
    const cases: ReadonlyArray<readonly [string, number, number, number, number, Readonly<Record<string, string>> | undefined, number]> = [
      ['empty deployment always scales to 0', 0, 0, 0, 10, undefined, -10],
      ['max-replicas missing, status 0: no scaling', 10, 0, 0, 5, undefined, 0],
      ['max-replicas 0, status 0: no scaling', 10, 0, 0, 5, { [D.maxReplicasAnnotation]: '0' }, 0],
      ['max-replicas missing: status.replicas is the base', 120, 100, 0, 50, undefined, 10],
      ['max-replicas 0: status.replicas is the base', 120, 100, 0, 50, { [D.maxReplicasAnnotation]: '0' }, 10],
      ['scale up by 1/5', 120, 0, 0, 50, { [D.maxReplicasAnnotation]: '100' }, 10],
      ['scale up with maxSurge', 120, 0, 10, 50, { [D.maxReplicasAnnotation]: '110' }, 9],
      ['scale down by 1/6', 10, 0, 0, 6, { [D.maxReplicasAnnotation]: '12' }, -1],
      ['scale down with maxSurge', 100, 0, 10, 50, { [D.maxReplicasAnnotation]: '130' }, -8],
    ]
    for (const [name, replicas, statusReplicas, surge, rsReplicas, annotations, want] of cases) {
      const d = deployment({ replicas, maxSurge: surge, maxUnavailable: 1, status: { replicas: statusReplicas } })
      const rs = replicaSet({ replicas: rsReplicas, ...(annotations === undefined ? {} : { annotations }) })
      expect(D.getReplicaSetFraction(rs, d), name).toBe(want)
    }
  })

  // Upstream TestScale (gate off): [name, replicas, surge, old replicas (annotations), new, olds, expected new, expected olds]
  const hour = 3600
  const cases: ReadonlyArray<
    readonly [string, number, number, number, number, number | undefined, ReadonlyArray<number>, number | undefined, ReadonlyArray<number>]
  > = [
    ['normal scaling event: 10 -> 12', 12, 0, 10, 0, 10, [], 12, []],
    ['normal scaling event: 10 -> 5', 5, 0, 10, 0, 10, [], 5, []],
    ['proportional scaling: 5 -> 10', 10, 0, 5, 0, 2, [3], 4, [6]],
    ['proportional scaling: 5 -> 3', 3, 0, 5, 0, 2, [3], 1, [2]],
    ['proportional scaling: 9 -> 4', 4, 0, 9, 0, 8, [1], 4, [0]],
    ['proportional scaling: 7 -> 10', 10, 0, 7, 0, 2, [3, 2], 3, [4, 3]],
    ['proportional scaling: 13 -> 8', 8, 0, 13, 0, 2, [8, 3], 1, [5, 2]],
    ['leftover distribution: 3 -> 4', 4, 0, 3, 0, 1, [1, 1], 2, [1, 1]],
    ['leftover distribution: 3 -> 2', 2, 0, 3, 0, 1, [1, 1], 1, [1, 0]],
    ['proportional scaling (no new rs): 4 -> 5', 5, 0, 4, 0, undefined, [2, 2], undefined, [3, 2]],
    ['proportional scaling: 6 -> 0', 0, 0, 6, 0, 3, [2, 1], 0, [0, 0]],
    ['proportional scaling: 0 -> 6', 6, 0, 6, 0, 0, [0, 0], 6, [0, 0]],
    ['deployment with surge pods', 20, 2, 10, 2, 6, [6], 11, [11]],
    ['change both surge and size', 50, 6, 10, 3, 5, [8], 22, [34]],
  ]
  it.each(cases)('scale: %s', (_, replicas, surge, oldReplicas, oldSurge, newSize, oldSizes, wantNew, wantOld) => {
    const d = deployment({ replicas, maxSurge: surge, maxUnavailable: 0 })
    const ann = scaledBy(oldReplicas, oldSurge)
    const newRS = newSize === undefined ? undefined : replicaSet({ name: 'v-new', replicas: newSize, annotations: ann, age: hour })
    const olds = oldSizes.map((n, i) => replicaSet({ image: `old-${i}`, name: `v-old-${i}`, replicas: n, annotations: ann, age: hour * (i + 2) }))
    const s = D.scale(syncOf(d), newRS, olds)
    const sizes = rsSizes(s.actions)
    const size = (rs: ReplicaSet): number => sizes[rs.metadata.name ?? ''] ?? rs.spec.replicas ?? 1
    if (newRS !== undefined && wantNew !== undefined) expect(size(newRS)).toBe(wantNew)
    expect(olds.map(size)).toEqual(wantOld)
  })

  it('scale: change both size and template (no new ReplicaSet)', () => {
    const d = deployment({ replicas: 14, maxSurge: 0, maxUnavailable: 0, template: template('nginx:2', { app: 'web', another: 'label' }) })
    const v2 = replicaSet({ image: 'a', name: 'v2', replicas: 7, annotations: scaledBy(10), age: 60 })
    const v1 = replicaSet({ image: 'b', name: 'v1', replicas: 3, annotations: scaledBy(10), age: 120 })
    expect(rsSizes(D.scale(syncOf(d), undefined, [v2, v1]).actions)).toEqual({ v2: 10, v1: 4 })
  })

  it('scale: a saturated but broken new ReplicaSet does not affect the old one', () => {
    const d = deployment({ replicas: 2, maxSurge: 1, maxUnavailable: 1 })
    const newRS = replicaSet({ replicas: 2, annotations: scaledBy(2, 1), status: { replicas: 2, availableReplicas: 0 } })
    const old = replicaSet({ image: 'old', replicas: 1, annotations: scaledBy(2, 1) })
    expect(D.scale(syncOf(d), newRS, [old]).actions).toEqual([])
  })

  it('scale: a saturated new ReplicaSet sends the old ones to 0', () => {
    const d = deployment({ replicas: 2, maxSurge: 1, maxUnavailable: 1 })
    const newRS = replicaSet({ replicas: 2, annotations: scaledBy(2, 1) })
    const old = replicaSet({ image: 'old', name: 'old', replicas: 1, annotations: scaledBy(2, 1) })
    expect(rsSizes(D.scale(syncOf(d), newRS, [old]).actions)).toEqual({ old: 0 })
  })

  it('scale: with one active set already at size nothing happens, not even the annotation refresh', () => {
    const d = deployment({ replicas: 3 })
    const only = replicaSet({ replicas: 3, annotations: scaledBy(1) })
    expect(D.scale(syncOf(d), only, []).actions).toEqual([])
  })

  it('scaleReplicaSet refreshes stale annotations without a size change and reports no scaling', () => {
    const d = deployment({ replicas: 4, maxSurge: 1 })
    const rs = replicaSet({ replicas: 2, annotations: scaledBy(3, 1) })
    const r = D.scaleReplicaSet(syncOf(d), rs, 2, '')
    expect(r.scaled).toBe(false)
    expect(shape(r.s.actions)).toEqual([`Update ReplicaSet/${rs.metadata.name ?? ''}`])
    expect(r.rs.metadata.annotations).toMatchObject(scaledBy(4, 1))
  })

  it('isScalingEvent looks at active sets with a valid desired annotation only', () => {
    const d = deployment({ replicas: 5 })
    expect(D.isScalingEvent(d, [replicaSet({ replicas: 3, annotations: scaledBy(3) })])).toBe(true)
    expect(D.isScalingEvent(d, [replicaSet({ replicas: 0, annotations: scaledBy(3) })])).toBe(false)
    expect(D.isScalingEvent(d, [replicaSet({ replicas: 3 })])).toBe(false)
    expect(D.isScalingEvent(d, [replicaSet({ replicas: 5, annotations: scaledBy(5) })])).toBe(false)
  })

  it('findActiveOrLatest', () => {
    const a = replicaSet({ image: 'a', name: 'a', replicas: 0, age: 300 })
    const b = replicaSet({ image: 'b', name: 'b', replicas: 0, age: 200 })
    const n = replicaSet({ name: 'n', replicas: 0, age: 100 })
    expect(D.findActiveOrLatest(n, [a, b])).toBe(n)
    expect(D.findActiveOrLatest(undefined, [a, b])).toBe(b)
    expect(D.findActiveOrLatest(undefined, [])).toBeUndefined()
    const active = replicaSet({ image: 'c', name: 'c', replicas: 2 })
    expect(D.findActiveOrLatest(n, [a, active])).toBe(active)
    expect(D.findActiveOrLatest(replicaSet({ replicas: 1 }), [active])).toBeUndefined()
  })
})

describe('rolling steps (upstream rolling_test.go)', () => {
  it.each([
    [10, 0, 10, 0, false, 0],
    [10, 2, 10, 0, true, 2],
    [10, 2, 5, 0, true, 7],
    [10, 2, 10, 2, false, 2],
    [10, 2, 2, 11, true, 10],
  ])('reconcileNewReplicaSet: %i replicas, surge %i, old %i, new %i', (replicas, surge, oldN, newN, scaled, want) => {
    const d = deployment({ replicas, maxSurge: surge, maxUnavailable: 0 })
    const newRS = replicaSet({ replicas: newN })
    const old = replicaSet({ image: 'old', replicas: oldN })
    const r = D.reconcileNewReplicaSet(syncOf(d), [newRS, old], newRS)
    if (E.isLeft(r)) throw new Error('unexpected stop')
    const [s, didScale] = r.right
    expect(didScale).toBe(scaled)
    expect(rsSizes(s.actions)[newRS.metadata.name ?? ''] ?? newN).toBe(want)
  })

  it.each([
    ['maxUnavailable 0: one at a time', 10, 0, 10, 0, 10, 0, true, 9],
    ['maxUnavailable 2', 10, 2, 10, 0, 10, 0, true, 8],
    ['unhealthy old replicas cleaned up first', 10, 2, 10, 0, 8, 0, true, 8],
    ['one unhealthy cleaned, one healthy scaled down', 10, 2, 10, 0, 9, 0, true, 8],
    ['unavailable new pods block scaling old ones down', 10, 2, 8, 2, 8, 0, false, 8],
  ])('reconcileOldReplicaSets: %s', (_, replicas, mu, oldN, newN, oldAvailable, newAvailable, scaled, want) => {
    const d = deployment({ replicas, maxSurge: 0, maxUnavailable: mu })
    const newRS = replicaSet({ replicas: newN, status: { replicas: newN, availableReplicas: newAvailable } })
    const old = replicaSet({ image: 'old', replicas: oldN, status: { replicas: oldN, availableReplicas: oldAvailable } })
    const [s, didScale] = D.reconcileOldReplicaSets(syncOf(d), [old, newRS], [old], newRS)
    expect(didScale).toBe(scaled)
    expect(rsSizes(s.actions)[old.metadata.name ?? ''] ?? oldN).toBe(want)
  })

  it.each([
    [10, 8, 1, 1],
    [10, 8, 3, 2],
    [10, 8, 0, 0],
    [10, 10, 3, 0],
  ])('cleanupUnhealthyReplicas: %i replicas, %i available, max %i → %i', (replicas, available, max, want) => {
    const d = deployment({ replicas: 10, maxSurge: 2, maxUnavailable: 2 })
    const old = replicaSet({ image: 'old', replicas, status: { replicas, availableReplicas: available } })
    expect(D.cleanupUnhealthyReplicas(syncOf(d), [old], max).count).toBe(want)
  })

  it('cleanupUnhealthyReplicas: more available than spec fails the sanity check', () => {
    const d = deployment()
    const old = replicaSet({ image: 'old', replicas: 2, status: { replicas: 4, availableReplicas: 4 } })
    const r = D.cleanupUnhealthyReplicas(syncOf(d), [old], 5)
    expect(r.failed).toBe(true)
    expect(r.s.actions).toEqual([])
  })

  it.each([
    [10, 0, 10, 10, 9],
    [10, 2, 10, 10, 8],
    [10, 2, 8, 10, 10],
    [10, 2, 1, 10, 10],
  ])('scaleDownOldReplicaSetsForRollingUpdate: %i replicas, maxUnavailable %i, %i available, old %i → %i', (replicas, mu, available, oldN, want) => {
    const d = deployment({ replicas, maxSurge: 0, maxUnavailable: mu })
    const old = replicaSet({ image: 'old', replicas: oldN, status: { replicas: oldN, availableReplicas: available } })
    const r = D.scaleDownOldReplicaSetsForRollingUpdate(syncOf(d), [old], [old])
    expect(rsSizes(r.s.actions)[old.metadata.name ?? ''] ?? oldN).toBe(want)
  })
})

describe('history cleanup (upstream TestDeploymentController_cleanupDeployment / ...Order)', () => {
  const rs = (name: string, spec: number, status: number, extra: Partial<{ revision: number; terminating: number | undefined; age: number }> = {}) =>
    replicaSet({
      image: name,
      name,
      replicas: spec,
      ...(extra.revision === undefined ? {} : { revision: extra.revision }),
      age: extra.age ?? 3600,
      status: {
        replicas: status,
        observedGeneration: 1,
        ...('terminating' in extra ? (extra.terminating === undefined ? {} : { terminatingReplicas: extra.terminating }) : { terminatingReplicas: 0 }),
      },
    })
  const deleted = (limit: number, olds: ReadonlyArray<ReplicaSet>) =>
    D.replicaSetsToClean(deployment({ replicas: 1, revisionHistoryLimit: limit }), olds).map((x) => x.metadata.name)

  it('deletes only sets empty in spec, status and terminating count', () => {
    expect(deleted(1, [rs('a', 0, 0), rs('b', 0, 0), rs('c', 0, 0)])).toHaveLength(2)
    expect(deleted(0, [rs('a', 0, 0), rs('b', 0, 1), rs('c', 1, 0), rs('d', 1, 1)])).toEqual(['a'])
    expect(
      deleted(0, [rs('a', 0, 0), rs('b', 0, 0, { terminating: 1 }), rs('c', 0, 0, { terminating: undefined })]),
    ).toEqual(['a'])
    expect(deleted(0, [rs('a', 1, 1), rs('b', 1, 1)])).toEqual([])
    const gone = replicaSet({ image: 'g', name: 'g', deleting: true, status: { observedGeneration: 1, terminatingReplicas: 0 } })
    expect(deleted(0, [gone])).toEqual([])
    expect(deleted(2147483647, [rs('a', 0, 0), rs('b', 0, 0)])).toEqual([])
  })

  it('orders by revision, then creation, within a fixed window', () => {
    expect(deleted(1, [rs('1', 0, 0, { age: 60, revision: 1 }), rs('2', 0, 0, { age: 0, revision: 2 })])).toEqual(['1'])
    expect(deleted(1, [rs('1', 0, 0, { age: 60, revision: 2 }), rs('2', 0, 0, { age: 0, revision: 1 })])).toEqual(['2'])
    expect(deleted(1, [rs('1', 0, 0, { age: 60, revision: 1 }), rs('2', 0, 0, { age: 0 })])).toEqual(['2'])
    expect(deleted(1, [rs('1', 1, 1, { age: 60, revision: 1 }), rs('2', 0, 0, { age: 0, revision: 2 }), rs('3', 0, 0, { revision: 3, age: 0 })])).toEqual(['2'])
    expect(deleted(1, [rs('1', 1, 1, { revision: 1 }), rs('2', 1, 1, { revision: 2 }), rs('3', 0, 0, { revision: 3 })])).toEqual([])
    expect(
      deleted(2, [
        rs('1', 0, 0, { age: 300, revision: 3 }),
        rs('2', 0, 0, { age: 200, revision: 1 }),
        rs('3', 0, 0, { age: 100, revision: 4 }),
        rs('4', 0, 0, { age: 0, revision: 2 }),
      ]),
    ).toEqual(['2', '4'])
  })

  it('cleanupDeployment deletes with a uid precondition', () => {
    const old = rs('a', 0, 0)
    const s = D.cleanupDeployment(syncOf(deployment({ revisionHistoryLimit: 0 })), [old])
    expect(s.actions).toEqual([
      { _tag: 'Delete', target: expect.objectContaining({ kind: 'ReplicaSet', name: 'a' }), preconditions: { uid: 'uid-a' } },
    ])
  })
})

describe('status and conditions', () => {
  const status = (replicas: number, updated: number, available: number, ready = available): DeploymentStatus => ({
    replicas,
    updatedReplicas: updated,
    availableReplicas: available,
    readyReplicas: ready,
  })

  it('deploymentComplete (upstream TestDeploymentComplete)', () => {
    const d = (desired: number, s: DeploymentStatus) => deployment({ replicas: desired, generation: 0, status: s })
    expect(D.deploymentComplete(d(5, status(5, 5, 4)), status(5, 5, 4))).toBe(false)
    expect(D.deploymentComplete(d(5, status(5, 5, 3)), status(5, 5, 3))).toBe(false)
    expect(D.deploymentComplete(d(5, status(5, 5, 5)), status(5, 5, 5))).toBe(true)
    expect(D.deploymentComplete(d(5, status(5, 4, 5)), status(5, 4, 5))).toBe(false)
    expect(D.deploymentComplete(d(1, status(2, 1, 1)), status(2, 1, 1))).toBe(false)
    expect(D.deploymentComplete(d(1, status(1, 1, 0)), status(1, 1, 0))).toBe(false)
    expect(D.deploymentComplete(deployment({ replicas: 5, generation: 2 }), { ...status(5, 5, 5), observedGeneration: 1 })).toBe(false)
  })

  it('deploymentProgressing (upstream TestDeploymentProgressing)', () => {
    const cases: ReadonlyArray<readonly [DeploymentStatus, DeploymentStatus, boolean]> = [
      [status(10, 4, 4, 4), status(10, 6, 4, 4), true],
      [status(10, 4, 4, 4), status(10, 4, 4, 4), false],
      [status(10, 4, 6, 6), status(8, 4, 6, 6), true],
      [status(10, 7, 3, 3), status(10, 6, 3, 3), false],
      [status(10, 4, 7, 7), status(8, 8, 5, 5), true],
      [status(10, 10, 8, 9), status(10, 10, 8, 10), true],
      [status(10, 10, 9, 10), status(10, 10, 10, 10), true],
    ]
    for (const [old, next, want] of cases) expect(D.deploymentProgressing(deployment({ status: old }), next)).toBe(want)
  })

  it('deploymentTimedOut (upstream TestDeploymentTimedOut; strict "before")', () => {
    const at = (min: number, sec: number) => new Date(Date.UTC(2016, 0, 1, 0, min, sec))
    const cond = (reason: string, from: Date): DeploymentStatus => ({
      conditions: [{ type: 'Progressing', status: 'True', reason, lastUpdateTime: from.toISOString() }],
    })
    const d = (pds: number | null) => deployment({ progressDeadlineSeconds: pds })
    expect(D.deploymentTimedOut(d(null), cond('', at(1, 9)), at(1, 20))).toBe(false)
    expect(D.deploymentTimedOut(d(2147483647), cond('', at(1, 9)), at(1, 20))).toBe(false)
    expect(D.deploymentTimedOut(d(10), cond('', at(1, 9)), at(1, 20))).toBe(true)
    expect(D.deploymentTimedOut(d(10), cond('', at(1, 11)), at(1, 20))).toBe(false)
    expect(D.deploymentTimedOut(d(10), cond('', at(1, 10)), at(1, 20))).toBe(false)
    expect(D.deploymentTimedOut(d(10), cond(D.newRSAvailableReason, at(0, 0)), at(1, 20))).toBe(false)
    expect(D.deploymentTimedOut(d(10), cond(D.timedOutReason, at(1, 19)), at(1, 20))).toBe(true)
  })

  it('requeueStuckDeployment (upstream TestRequeueStuckDeployment)', () => {
    const from = '2017-02-15T18:49:00Z'
    const stuck: DeploymentStatus = { ...status(3, 3, 1), conditions: [{ type: 'Progressing', status: 'True', lastUpdateTime: from }] }
    const failed: DeploymentStatus = { ...status(3, 3, 0), conditions: [{ type: 'Progressing', status: 'False', reason: D.timedOutReason }] }
    const d = (s: DeploymentStatus, replicas = 3, pds: number | null = 60) =>
      deployment({ replicas, generation: 0, progressDeadlineSeconds: pds, strategy: 'Recreate', status: s })
    const at = (iso: string) => new Date(iso)
    expect(D.requeueStuckDeployment(d(status(3, 3, 2), 4, null), status(3, 3, 2), at(from))).toBeUndefined()
    expect(D.requeueStuckDeployment(d(status(3, 3, 2), 4), status(3, 3, 2), at(from))).toBeUndefined()
    expect(D.requeueStuckDeployment(d(status(3, 3, 3)), status(3, 3, 3), at(from))).toBeUndefined()
    expect(D.requeueStuckDeployment(d(failed), status(3, 3, 0), at(from))).toBeUndefined()
    expect(D.requeueStuckDeployment(d(stuck), status(3, 3, 1), at('2017-02-15T18:49:30Z'))).toBe(30)
    expect(D.requeueStuckDeployment(d(stuck), status(3, 3, 1), at('2017-02-15T18:49:59Z'))).toBe(1)
    expect(D.requeueStuckDeployment(d(stuck), status(3, 3, 1), at('2017-02-15T18:49:59.001Z'))).toBe(0)
    expect(D.requeueStuckDeployment(d(stuck), status(3, 3, 1), at('2017-02-15T18:50:00Z'))).toBe(0)
    expect(D.requeueStuckDeployment(d(stuck), status(3, 3, 1), at('2017-02-15T18:51:00Z'))).toBe(0)
  })

  it('setCondition: same status and reason changes nothing; same status keeps the transition time; the condition moves last', () => {
    const p = { type: 'Progressing', status: 'False', reason: 'ForSomeReason' }
    const a = { type: 'Available', status: 'True', reason: 'AwesomeController' }
    expect(D.setCondition({}, a)).toEqual({ conditions: [a] })
    expect(D.setCondition({ conditions: [p] }, a)).toEqual({ conditions: [p, a] })
    const old = { type: 'Progressing', status: 'True', reason: 'A', lastTransitionTime: ago(60), lastUpdateTime: ago(60) }
    expect(D.setCondition({ conditions: [old] }, { ...old, lastUpdateTime: ago(0) })).toEqual({ conditions: [old] })
    const next = D.newCondition('Progressing', 'True', 'B', 'm', now)
    expect(D.setCondition({ conditions: [old, a] }, next)).toEqual({
      conditions: [a, { ...next, lastTransitionTime: ago(60) }],
    })
    expect(D.removeCondition({ conditions: [p, a] }, 'Progressing')).toEqual({ conditions: [a] })
    expect(D.removeCondition({}, 'Progressing')).toEqual({})
  })

  it('calculateStatus: spec-based unavailable, updated = new set status.replicas, Available from maxUnavailable', () => {
    const d = deployment({ replicas: 10, maxSurge: 3, maxUnavailable: 2, generation: 4, status: { collisionCount: 1 } })
    const newRS = replicaSet({ replicas: 5, status: { replicas: 3, readyReplicas: 2, availableReplicas: 1, observedGeneration: 1, terminatingReplicas: 1 } })
    const old = replicaSet({ image: 'old', replicas: 8, status: { replicas: 9, readyReplicas: 8, availableReplicas: 7, observedGeneration: 1, terminatingReplicas: 0 } })
    const s = D.calculateStatus([old, newRS], newRS, d, now)
    expect(s).toMatchObject({
      observedGeneration: 4,
      replicas: 12,
      updatedReplicas: 3,
      readyReplicas: 10,
      availableReplicas: 8,
      unavailableReplicas: 5,
      terminatingReplicas: 1,
      collisionCount: 1,
    })
    expect(D.getCondition(s, 'Available')).toMatchObject({ status: 'True', reason: D.minimumReplicasAvailable })
    const short = D.calculateStatus([old], undefined, deployment({ replicas: 10, maxUnavailable: 2 }), now)
    expect(D.getCondition(short, 'Available')).toMatchObject({ status: 'False', reason: D.minimumReplicasUnavailable })
    expect(short.updatedReplicas).toBeUndefined()
  })

  it('terminatingReplicaCount: never-synced sets are skipped, other unknown counts make the total unknown', () => {
    const synced = replicaSet({ status: { observedGeneration: 1, terminatingReplicas: 2 } })
    const fresh = replicaSet({ status: {} })
    const unknown = replicaSet({ status: { observedGeneration: 1 } })
    expect(D.terminatingReplicaCount([synced, fresh])).toBe(2)
    expect(D.terminatingReplicaCount([synced, unknown])).toBeUndefined()
  })
})
