/**
 * Table tests of the StatefulSet helpers, rule by rule, with their boundaries: identity (names,
 * ordinals, the matches check), claims and volumes, the retention table of owner references
 * (§A.7.4, stale and foreign owners included), the pod state predicates, status and the
 * maxUnavailable resolution.
 */
import { describe, expect, it } from 'vitest'
import type { OwnerReference } from '../../../src/api/meta.js'
import type { Pod } from '../../../src/api/pod.js'
import * as STS from '../../../src/controllers/statefulset/index.js'
import { ago, claim, now, pod, revName, sts } from './fixtures.js'

const nowMs = now.getTime()
const setRef = (uid = 'sts-uid', controller = true): OwnerReference => ({ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', uid, controller, blockOwnerDeletion: true })
const podRef = (name: string, uid: string, controller = true): OwnerReference => ({ apiVersion: 'v1', kind: 'Pod', name, uid, controller, blockOwnerDeletion: true })
const foreign: OwnerReference = { apiVersion: 'example.com/v1', kind: 'Db', name: 'db', uid: 'db-uid', controller: true }

describe('identity', () => {
  it.each([
    ['web-0', 'web', 0],
    ['web-12', 'web', 12],
    ['web-0-1', 'web-0', 1],
    ['web-007', 'web', 7],
    ['a-b-c-2147483647', 'a-b-c', 2147483647],
    ['web-2147483648', '', -1],
    ['1-bar', '', -1],
    ['web', '', -1],
    ['web-', '', -1],
    ['-3', '', 3],
  ])('parseName(%s) = (%s, %d)', (name, parent, ordinal) => {
    expect(STS.parseName(name)).toEqual({ parent, ordinal })
  })

  it('ordinal range from spec.ordinals.start, boundaries included', () => {
    const s = sts({ replicas: 3, start: 5 })
    expect([STS.startOrdinal(s), STS.endOrdinal(s)]).toEqual([5, 7])
    expect([4, 5, 7, 8].map((o) => STS.inOrdinalRange(s, o))).toEqual([false, true, true, false])
    expect(STS.startOrdinal(sts())).toBe(0)
    expect(STS.endOrdinal(sts({ replicas: 0 }))).toBe(-1)
    expect(STS.podName(s, 6)).toBe('web-6')
  })

  it('isMemberOf reads the parent from the name', () => {
    const s = sts()
    expect(STS.isMemberOf(s, pod(s, 1))).toBe(true)
    expect(STS.isMemberOf(sts({ name: 'webx' }), pod(s, 1))).toBe(false)
  })

  it('identityMatches checks ordinal, parent, exact name, namespace and the pod-name label — not hostname or the index label', () => {
    const s = sts()
    const p = pod(s, 1)
    expect(STS.identityMatches(s, p)).toBe(true)
    const relabel = (labels: Record<string, string>): Pod => ({ ...p, metadata: { ...p.metadata, labels } })
    expect(STS.identityMatches(s, relabel({ ...p.metadata.labels, [STS.podNameLabel]: 'web-2' }))).toBe(false)
    const { [STS.podNameLabel]: _n, ...noName } = p.metadata.labels ?? {}
    expect(STS.identityMatches(s, relabel(noName))).toBe(false)
    const { [STS.podIndexLabel]: _i, ...noIndex } = p.metadata.labels ?? {}
    expect(STS.identityMatches(s, relabel(noIndex))).toBe(true)
    expect(STS.identityMatches(s, { ...p, spec: { ...p.spec, hostname: 'other', subdomain: 'x' } })).toBe(true)
    expect(STS.identityMatches(s, { ...p, metadata: { ...p.metadata, namespace: 'other' } })).toBe(false)
    expect(STS.identityMatches(s, { ...p, metadata: { ...p.metadata, name: 'web-01', labels: { [STS.podNameLabel]: 'web-01' } } })).toBe(false)
    expect(STS.identityMatches(s, { ...p, metadata: { ...p.metadata, name: 'web', labels: { [STS.podNameLabel]: 'web' } } })).toBe(false)
    expect(STS.identityMatches(sts({ name: 'db' }), p)).toBe(false)
  })

  it('withIdentity sets name, namespace and both identity labels, keeping other labels', () => {
    const s = sts()
    const p = pod(s, 2, { labels: { app: 'web', extra: 'x' } })
    const fixed = STS.withIdentity(s, p)
    expect(fixed.metadata.labels).toEqual({ app: 'web', extra: 'x', [STS.podNameLabel]: 'web-2', [STS.podIndexLabel]: '2' })
    expect(STS.identityMatches(s, fixed)).toBe(true)
  })

  it('a new pod has the template, generateName, controller ref, identity, hostname and subdomain', () => {
    const s = sts({ claims: ['www'] })
    const p = STS.newStatefulSetPod(s, 4)
    expect(p.metadata).toMatchObject({
      name: 'web-4',
      generateName: 'web-',
      namespace: 'default',
      labels: { app: 'web', [STS.podNameLabel]: 'web-4', [STS.podIndexLabel]: '4' },
      ownerReferences: [setRef()],
    })
    expect(p.spec).toMatchObject({ hostname: 'web-4', subdomain: 'nginx', volumes: [{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-4' } }] })
    const headless = STS.newStatefulSetPod({ ...s, spec: { ...s.spec, serviceName: '' } }, 0)
    expect(headless.spec.subdomain).toBeUndefined()
  })
})

describe('claims and volumes', () => {
  it('claims are <template>-<set>-<ordinal> in the set namespace, with template labels under the selector labels', () => {
    const s = sts({ claims: ['www', 'log'] })
    expect(STS.claimsFor(s, 3).map((c) => c.metadata.name)).toEqual(['www-web-3', 'log-web-3'])
    const t = { name: 'data', metadata: { name: 'data', labels: { app: 'mine', tier: 'db' }, annotations: { a: 'b' } }, spec: { accessModes: ['ReadWriteOnce'] } }
    const c = STS.newClaim(s, t, 0)
    expect(c.metadata).toEqual({ name: 'data-web-0', namespace: 'default', labels: { app: 'web', tier: 'db' }, annotations: { a: 'b' } })
    expect(c.spec).toEqual({ accessModes: ['ReadWriteOnce'] })
    expect(STS.newClaim(s, { name: 'x', metadata: { name: 'x' }, spec: undefined }, 1)).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'x-web-1', namespace: 'default', labels: { app: 'web' } },
    })
  })

  it('templates without a name are skipped', () => {
    const s = sts({ claims: ['www'] })
    const odd = { ...s, spec: { ...s.spec, volumeClaimTemplates: [...(s.spec.volumeClaimTemplates ?? []), { metadata: {} }, 'junk', { metadata: { name: '' } }] } }
    expect(STS.claimTemplates(odd).map((t) => t.name)).toEqual(['www'])
  })

  it('storageMatches needs, per template, a volume of its name mounting the pod claim', () => {
    const s = sts({ claims: ['www', 'log'] })
    const p = pod(s, 1)
    expect(STS.storageMatches(s, p)).toBe(true)
    const vols = (volumes: ReadonlyArray<unknown>): Pod => ({ ...p, spec: { ...p.spec, volumes } })
    expect(STS.storageMatches(s, vols([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-1' } }]))).toBe(false)
    expect(STS.storageMatches(s, vols([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-2' } }, { name: 'log', persistentVolumeClaim: { claimName: 'log-web-1' } }]))).toBe(false)
    expect(STS.storageMatches(s, vols([{ name: 'www', emptyDir: {} }, { name: 'log', persistentVolumeClaim: { claimName: 'log-web-1' } }]))).toBe(false)
    expect(STS.storageMatches(s, { ...p, metadata: { ...p.metadata, name: 'odd' } })).toBe(false)
    expect(STS.storageMatches(sts(), { ...p, spec: { ...p.spec, volumes: [] } })).toBe(true)
  })

  it('withStorage puts the claim volumes first, replacing same-named volumes and keeping the others', () => {
    const s = sts({ claims: ['www'] })
    const p: Pod = { ...pod(s, 0), spec: { ...pod(s, 0).spec, volumes: [{ name: 'conf', emptyDir: {} }, { name: 'www', emptyDir: {} }] } }
    expect(STS.withStorage(s, p).spec.volumes).toEqual([{ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } }, { name: 'conf', emptyDir: {} }])
    expect(STS.withStorage(sts(), p)).toBe(p)
  })
})

describe('retention policy → owner references (§A.7.4)', () => {
  const table = [
    // whenScaled, whenDeleted, in range → [set, pod], condemned → [set, pod]
    ['Retain', 'Retain', [false, false], [false, false]],
    ['Retain', 'Delete', [true, false], [true, false]],
    ['Delete', 'Retain', [false, false], [false, true]],
    ['Delete', 'Delete', [true, false], [false, true]],
  ] as const
  for (const [whenScaled, whenDeleted, inRange, condemned] of table) {
    it(`whenScaled=${whenScaled}, whenDeleted=${whenDeleted}`, () => {
      const s = sts({ claims: ['www'], whenScaled, whenDeleted, replicas: 2 })
      for (const [ordinal, want] of [[1, inRange], [2, condemned]] as const) {
        const p = pod(s, ordinal)
        const fixed = STS.withRetentionOwnerRefs(claim(s, 'www', ordinal), s, p)
        const refs = fixed.metadata.ownerReferences ?? []
        expect([refs.some((r) => r.uid === 'sts-uid'), refs.some((r) => r.uid === p.metadata.uid)], `ordinal ${ordinal}`).toEqual(want)
        expect(refs.every((r) => r.controller === true && r.blockOwnerDeletion === true)).toBe(true)
        expect(STS.isClaimOwnerUpToDate(fixed, s, p)).toBe(true)
        const bare = claim(s, 'www', ordinal)
        expect(STS.isClaimOwnerUpToDate(bare, s, p)).toBe(!want[0] && !want[1])
        const both = claim(s, 'www', ordinal, [setRef(), podRef(p.metadata.name ?? '', p.metadata.uid ?? '')])
        expect(STS.isClaimOwnerUpToDate(both, s, p)).toBe(false)
      }
    })
  }

  it('a stale reference to the set or the pod (same name, another uid) leaves the claim alone', () => {
    const s = sts({ claims: ['www'], whenScaled: 'Delete', whenDeleted: 'Delete' })
    const p = pod(s, 0)
    expect(STS.isClaimOwnerUpToDate(claim(s, 'www', 0, [setRef('old-uid')]), s, p)).toBe(true)
    expect(STS.isClaimOwnerUpToDate(claim(s, 'www', 0, [podRef('web-0', 'old-pod')]), s, p)).toBe(true)
    expect(STS.claimIsStale(claim(s, 'www', 0, [podRef('web-0', 'old-pod')]), p)).toBe(true)
    expect(STS.claimIsStale(claim(s, 'www', 0, [podRef('web-0', p.metadata.uid ?? '')]), p)).toBe(false)
    expect(STS.claimIsStale(claim(s, 'www', 0, [podRef('web-1', 'x')]), p)).toBe(false)
    const { uid: _u, ...meta } = p.metadata
    expect(STS.claimIsStale(claim(s, 'www', 0, [podRef('web-0', 'x')]), { ...p, metadata: meta })).toBe(true)
  })

  it('a foreign controller: refs to ours are scrubbed and none added; with none of ours the claim is up to date', () => {
    const s = sts({ claims: ['www'], whenDeleted: 'Delete' })
    const p = pod(s, 0)
    const withOurs = claim(s, 'www', 0, [foreign, setRef()])
    expect(STS.hasUnexpectedController(withOurs, s, p)).toBe(true)
    expect(STS.isClaimOwnerUpToDate(withOurs, s, p)).toBe(false)
    expect(STS.withRetentionOwnerRefs(withOurs, s, p).metadata.ownerReferences).toEqual([foreign])
    expect(STS.isClaimOwnerUpToDate(claim(s, 'www', 0, [foreign]), s, p)).toBe(true)
    expect(STS.hasUnexpectedController(claim(s, 'www', 0, [{ ...foreign, controller: false }]), s, p)).toBe(false)
    expect(STS.hasUnexpectedController(claim(s, 'www', 0, [foreign]), sts({ claims: ['www'] }), p)).toBe(false)
    expect(STS.hasUnexpectedController(claim(s, 'www', 0, [setRef('other')]), s, p)).toBe(true)
    expect(STS.hasUnexpectedController(claim(s, 'www', 0, [podRef('web-0', 'other')]), s, p)).toBe(true)
  })

  it('the set or pod as a non-controller owner is not up to date; the update makes it a controller ref and keeps other owners', () => {
    const s = sts({ claims: ['www'], whenDeleted: 'Delete' })
    const p = pod(s, 0)
    const other: OwnerReference = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cm', uid: 'cm-uid' }
    const c = claim(s, 'www', 0, [other, setRef('sts-uid', false)])
    expect(STS.isClaimOwnerUpToDate(c, s, p)).toBe(false)
    expect(STS.withRetentionOwnerRefs(c, s, p).metadata.ownerReferences).toEqual([other, setRef()])
    const retain = sts({ claims: ['www'] })
    const r = STS.withRetentionOwnerRefs(claim(retain, 'www', 0, [setRef('sts-uid', false)]), retain, p)
    expect(r.metadata.ownerReferences).toBeUndefined()
  })

  it('retentionOf defaults each part to Retain', () => {
    const s = sts()
    expect(STS.retentionOf({ ...s, spec: { ...s.spec, persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' } } })).toEqual({ whenDeleted: 'Retain', whenScaled: 'Delete' })
    expect(STS.retainsAll(STS.retentionOf(s))).toBe(true)
    expect(STS.retainsAll({ whenDeleted: 'Retain', whenScaled: 'Delete' })).toBe(false)
    expect(STS.retainsAll({ whenDeleted: 'Delete', whenScaled: 'Retain' })).toBe(false)
  })
})

describe('pod state', () => {
  const s = sts()
  it.each([
    ['ready', { created: true, pending: false, ready: true, healthy: true, terminating: false }],
    ['running', { created: true, pending: false, ready: false, healthy: false, terminating: false }],
    ['pending', { created: true, pending: true, ready: false, healthy: false, terminating: false }],
    ['failed', { created: true, pending: false, ready: false, healthy: false, terminating: false }],
    ['terminating', { created: true, pending: false, ready: true, healthy: false, terminating: true }],
  ] as const)('%s', (state, want) => {
    const p = pod(s, 0, { state })
    expect({ created: STS.isCreated(p), pending: STS.isPending(p), ready: STS.isRunningAndReady(p), healthy: STS.isHealthy(p), terminating: STS.isTerminating(p) }).toEqual(want)
  })

  it('a placeholder is not created; Failed and Succeeded are told apart', () => {
    expect(STS.isCreated(STS.newStatefulSetPod(s, 0))).toBe(false)
    expect([STS.isFailed(pod(s, 0, { state: 'failed' })), STS.isSucceeded(pod(s, 0, { state: 'failed' }))]).toEqual([true, false])
    expect([STS.isFailed(pod(s, 0, { state: 'succeeded' })), STS.isSucceeded(pod(s, 0, { state: 'succeeded' }))]).toEqual([false, true])
  })

  it('Ready but not Running is not running-and-ready, yet available (phase not re-checked)', () => {
    const p = pod(s, 0)
    const pendingReady: Pod = { ...p, status: { ...p.status, phase: 'Pending' } }
    expect(STS.isRunningAndReady(pendingReady)).toBe(false)
    expect(STS.isRunningAndAvailable(pendingReady, 0, nowMs)).toBe(true)
  })

  it('available after minReadySeconds, the boundary included; unavailable when terminating', () => {
    const p = pod(s, 0, { readyFor: 10 })
    expect([9, 10, 11].map((m) => STS.isRunningAndAvailable(p, m, nowMs))).toEqual([true, true, false])
    expect([9, 10, 11].map((m) => STS.isUnavailable(p, m, nowMs))).toEqual([false, false, true])
    expect(STS.isUnavailable(pod(s, 0, { state: 'terminating' }), 0, nowMs)).toBe(true)
    expect(STS.isUnavailable(pod(s, 0, { state: 'running' }), 0, nowMs)).toBe(true)
  })
})

describe('status helpers', () => {
  const s = sts({ replicas: 3 })
  const rev = revName(s)

  it('countReplicas: created incl. terminating and failed; ready needs Running; current/updated exclude terminating', () => {
    const pods = [
      pod(s, 0),
      pod(s, 1, { state: 'terminating' }),
      pod(s, 2, { state: 'failed', revision: 'old' }),
      pod(s, 3, { state: 'running', revision: 'old' }),
      STS.newStatefulSetPod(s, 4),
    ]
    expect(STS.countReplicas(pods, 0, nowMs, 'old', rev)).toEqual({ replicas: 4, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2, updatedReplicas: 1 })
    expect(STS.countReplicas([pod(s, 0, { readyFor: 5 })], 10, nowMs, 'x', rev).availableReplicas).toBe(0)
  })

  it('completeRollingUpdate flips only when updated = ready = replicas = spec.replicas under RollingUpdate', () => {
    const base = { replicas: 3, readyReplicas: 3, updatedReplicas: 3, currentReplicas: 1, currentRevision: 'a', updateRevision: 'b' }
    expect(STS.completeRollingUpdate(s, base)).toMatchObject({ currentReplicas: 3, currentRevision: 'b' })
    for (const change of [{ readyReplicas: 2 }, { updatedReplicas: 2 }, { replicas: 2, readyReplicas: 2, updatedReplicas: 2 }]) {
      expect(STS.completeRollingUpdate(s, { ...base, ...change }).currentRevision, JSON.stringify(change)).toBe('a')
    }
    expect(STS.completeRollingUpdate(sts({ strategy: 'OnDelete' }), base).currentRevision).toBe('a')
    expect(STS.completeRollingUpdate(sts({ strategy: 'bare' }), base).currentRevision).toBe('b')
  })

  it('inconsistentStatus: a newer generation or any count or revision name differing; not the collision count', () => {
    const stored = { observedGeneration: 2, replicas: 3, readyReplicas: 3, currentReplicas: 3, updatedReplicas: 3, availableReplicas: 3, currentRevision: 'a', updateRevision: 'a', collisionCount: 0 }
    const set = { ...s, status: stored }
    expect(STS.inconsistentStatus(set, stored)).toBe(false)
    expect(STS.inconsistentStatus(set, { ...stored, collisionCount: 4 })).toBe(false)
    expect(STS.inconsistentStatus(set, { ...stored, observedGeneration: 1 })).toBe(false)
    for (const k of ['observedGeneration', 'replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas'] as const) {
      expect(STS.inconsistentStatus(set, { ...stored, [k]: stored[k] + 1 }), k).toBe(true)
    }
    for (const k of ['currentRevision', 'updateRevision'] as const) expect(STS.inconsistentStatus(set, { ...stored, [k]: 'z' }), k).toBe(true)
    expect(STS.inconsistentStatus(s, { replicas: 0 })).toBe(false)
  })

  it('availabilityRequeue: minReadySeconds when positive and not every replica available, or a ready pod not yet available', () => {
    expect(STS.availabilityRequeue(sts({ minReadySeconds: 10 }), { availableReplicas: 2, readyReplicas: 2 })).toBe(10)
    expect(STS.availabilityRequeue(sts({ minReadySeconds: 10 }), { availableReplicas: 3, readyReplicas: 3 })).toBeUndefined()
    expect(STS.availabilityRequeue(sts({ minReadySeconds: 10 }), { availableReplicas: 3, readyReplicas: 4 })).toBe(10)
    expect(STS.availabilityRequeue(sts({ minReadySeconds: 10, replicas: 0 }), { availableReplicas: 0, readyReplicas: 1 })).toBe(10)
    expect(STS.availabilityRequeue(sts({ minReadySeconds: 0 }), { availableReplicas: 0 })).toBeUndefined()
  })
})

describe('rolling update parameters', () => {
  it.each([
    [undefined, 10, 1],
    [3, 10, 3],
    ['50%', 10, 5],
    ['25%', 10, 2],
    ['5%', 10, 1],
    ['100%', 3, 3],
    ['bad', 3, 1],
  ] as const)('maxUnavailable %s of %d → %d (percent rounds down, at least 1)', (mu, replicas, want) => {
    expect(STS.maxUnavailable(sts({ replicas, ...(mu === undefined ? {} : { maxUnavailable: mu }) }))).toBe(want)
  })

  it('no rollingUpdate block: maxUnavailable 1 and updateMin 0', () => {
    expect(STS.maxUnavailable(sts({ strategy: 'bare' }))).toBe(1)
    expect(STS.updateMin(sts({ strategy: 'bare' }))).toBe(0)
    expect(STS.updateMin(sts({ partition: 2 }))).toBe(2)
  })

  it('runForAll: monotonic stops at the first stop; Parallel runs batches 1, 2, 4… and no batch after a failing one', () => {
    const seen: Array<number> = []
    expect(STS.runForAll(5, (i) => (seen.push(i), i === 2 ? 'stop' : 'continue'), true)).toBe(true)
    expect(seen).toEqual([0, 1, 2])
    seen.length = 0
    expect(STS.runForAll(5, (i) => (seen.push(i), 'stop'), false)).toBe(false)
    expect(seen).toEqual([0, 1, 2, 3, 4])
    seen.length = 0
    expect(STS.runForAll(10, (i) => (seen.push(i), i === 1 ? 'error' : 'continue'), false)).toBe(true)
    expect(seen).toEqual([0, 1, 2])
    seen.length = 0
    expect(STS.runForAll(3, (i) => (seen.push(i), 'continue'), true)).toBe(false)
    expect(STS.runForAll(0, () => 'error', false)).toBe(false)
    seen.length = 0
    STS.runForAll(2000, (i) => (seen.push(i), i === 600 ? 'error' : 'continue'), false)
    expect(seen.length).toBe(1 + 2 + 4 + 8 + 16 + 32 + 64 + 128 + 256 + 500)
  })
})

describe('revision label', () => {
  it('withRevision / revisionOfPod', () => {
    const s = sts()
    expect(STS.revisionOfPod(STS.withRevision(pod(s, 0), 'web-abc'))).toBe('web-abc')
    expect(STS.revisionOfPod({ ...pod(s, 0), metadata: { name: 'web-0' } })).toBe('')
    expect(ago(0)).toBe('2024-01-01T12:00:00Z')
  })
})
