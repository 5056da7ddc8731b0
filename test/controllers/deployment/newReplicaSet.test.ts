/**
 * Finding, building and syncing the new ReplicaSet (upstream sync.go `getNewReplicaSet`,
 * deployment_util.go `EqualIgnoreHash`, `FindNewReplicaSet`, `FindOldReplicaSets`,
 * `MaxRevision`, `LastRevision`, and their tests): exact actions per branch, owner reference
 * lists in any order, timestamps with offsets.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { OwnerReference } from '../../../src/api/meta.js'
import type { PodTemplateSpec } from '../../../src/api/pod.js'
import type { Deployment, ReplicaSet } from '../../../src/api/workloads.js'
import * as D from '../../../src/controllers/deployment/index.js'
import { computeHash } from '../../../src/core/hash.js'
import { ago, deployment, events, replicaSet, scaledBy, shape, statusWrite, syncOf, template } from './fixtures.js'

const newName = `web-${computeHash(template())}`
const tpl = (extra: Record<string, unknown>): PodTemplateSpec => ({ ...template(), ...extra }) as PodTemplateSpec
const withSpec = (t: PodTemplateSpec, spec: Record<string, unknown>): PodTemplateSpec => ({ ...t, spec: { ...t.spec, ...spec } }) as PodTemplateSpec

describe('equalIgnoreHash: absent, null, empty lists and empty maps are equal; anything else is compared', () => {
  const t = template()
  it.each([
    ['null vs absent', withSpec(t, { nodeSelector: null }), t, true],
    ['[] vs absent', withSpec(t, { volumes: [] }), t, true],
    ['{} vs absent', withSpec(t, { nodeSelector: {} }), t, true],
    ['map of empties vs absent', withSpec(t, { affinity: { nodeAffinity: {}, podAffinity: [] } }), t, true],
    ['a non-empty member vs absent', withSpec(t, { affinity: { nodeAffinity: {}, x: 'y' } }), t, false],
    ['absent vs a non-empty member', t, withSpec(t, { hostname: 'h' }), false],
    ['list lengths', withSpec(t, { containers: [{ name: 'c', image: 'nginx:1' }, { name: 'd', image: 'x' }] }), t, false],
    ['list members', withSpec(t, { containers: [{ name: 'c', image: 'nginx:2' }] }), t, false],
    ['list vs map', withSpec(t, { tolerations: [{ key: 'a' }] }), withSpec(t, { tolerations: { key: 'a' } }), false],
    ['map vs list', withSpec(t, { tolerations: { key: 'a' } }), withSpec(t, { tolerations: [{ key: 'a' }] }), false],
    ['number vs string', withSpec(t, { priority: 1 }), withSpec(t, { priority: '1' }), false],
    ['false vs absent', withSpec(t, { hostNetwork: false }), t, false],
    ['0 vs absent', withSpec(t, { priority: 0 }), t, false],
    ['equal scalars', withSpec(t, { priority: 3 }), withSpec(t, { priority: 3 }), true],
  ] as const)('%s', (_, a, b, want) => {
    expect(D.equalIgnoreHash(a, b)).toBe(want)
    expect(D.equalIgnoreHash(b, a)).toBe(want)
  })
  it('undefined templates', () => {
    expect(D.equalIgnoreHash(undefined, undefined)).toBe(true)
    expect(D.equalIgnoreHash(t, undefined)).toBe(false)
    expect(D.equalIgnoreHash(tpl({ metadata: {} }), { spec: t.spec })).toBe(true)
    expect(D.equalIgnoreHash(tpl({ metadata: { labels: { 'pod-template-hash': 'h' } } }), { spec: t.spec })).toBe(true)
  })
})

describe('new and old sets', () => {
  const at = (name: string, creationTimestamp: string, image = 'nginx:1'): ReplicaSet => {
    const rs = replicaSet({ name, image, replicas: 1 })
    return { ...rs, metadata: { ...rs.metadata, creationTimestamp } }
  }

  it('the oldest match by instant (an offset timestamp can be the older one)', () => {
    const a = at('a', '2024-01-01T11:00:00Z')
    const b = at('b', '2024-01-01T11:30:00+01:00')
    expect(D.findNewReplicaSet(deployment(), [a, b])).toBe(b)
    expect(D.findNewReplicaSet(deployment(), [at('c', '2024-01-01T10:30:00.5Z'), b])).toBe(b)
  })

  it('requiredOld: old sets with spec.replicas ≠ 0, an absent count meaning 1', () => {
    const bare = { ...at('x', ago(10), 'x'), spec: { ...at('x', ago(10), 'x').spec, replicas: undefined } } as unknown as ReplicaSet
    const zero = replicaSet({ name: 'z', image: 'z', replicas: 0 })
    const { requiredOld, allOld } = D.findOldReplicaSets(deployment(), [bare, zero])
    expect(requiredOld).toEqual([bare])
    expect(allOld).toEqual([zero, bare])
  })

  it('maxRevision skips unparsable and never goes below 0; lastRevision keeps the second highest', () => {
    const r = (name: string, v: string) => replicaSet({ name, image: name, annotations: { [D.revisionAnnotation]: v } })
    expect(D.maxRevision([r('a', '-4'), r('b', 'x')])).toBe(0)
    expect(D.maxRevision([r('a', '2'), r('b', '11'), r('c', '3')])).toBe(11)
    expect(D.lastRevision([r('a', '2'), r('b', '11'), r('c', '3'), r('d', '1')])).toBe(3)
    expect(D.lastRevision([r('a', '3'), r('b', '2'), r('c', '1')])).toBe(2)
    expect(D.lastRevision([r('a', 'x'), r('b', '4')])).toBe(0)
  })

  it('replicaSetName keeps a name of exactly the limit and cuts one above', () => {
    const hash = '0123456789'
    expect(D.replicaSetName('a'.repeat(243), hash)).toBe(`${'a'.repeat(242)}-${hash}`)
    expect(D.replicaSetName('a'.repeat(242), hash)).toHaveLength(253)
    expect(D.replicaSetName('web', 'abc')).toBe('web-abc')
  })

  it('newReplicaSetFor: the exact object (selector expressions kept; no namespace when the Deployment has none)', () => {
    const base = deployment({ minReadySeconds: 7, selector: { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] } })
    const { namespace: _ns, ...metadata } = base.metadata
    const d: Deployment = { ...base, metadata }
    const hash = computeHash(d.spec.template)
    const labels = { app: 'web', 'pod-template-hash': hash }
    expect(D.newReplicaSetFor(d)).toStrictEqual({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `web-${hash}`,
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-uid', controller: true, blockOwnerDeletion: true }],
        labels,
      },
      spec: {
        replicas: 0,
        minReadySeconds: 7,
        selector: { matchLabels: labels, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
        template: { ...d.spec.template, metadata: { labels } },
      },
    })
  })
})

describe('getAllReplicaSetsAndSyncRevision', () => {
  const progressingCond = { type: 'Progressing', status: 'True', reason: D.replicaSetUpdatedReason, lastUpdateTime: ago(5), lastTransitionTime: ago(5) }
  const synced = (o: Parameters<typeof deployment>[0] = {}) =>
    deployment({ annotations: { [D.revisionAnnotation]: '1' }, status: { conditions: [progressingCond] }, ...o })
  const step = (d: Deployment, create: boolean, ...rss: ReadonlyArray<ReplicaSet>) => {
    const r = D.getAllReplicaSetsAndSyncRevision(syncOf(d, ...rss), create)
    if (E.isLeft(r)) throw new Error('stopped')
    return r.right
  }

  it('without create and without a new set: nothing, and every set is old', () => {
    const old = replicaSet({ image: 'old', replicas: 2, revision: 1 })
    const [s, all] = step(synced(), false, old)
    expect(s.actions).toEqual([])
    expect(all).toEqual({ newRS: undefined, oldRSs: [old] })
  })

  it('an existing set in sync: nothing; one lacking minReadySeconds matches 0', () => {
    const cur = replicaSet({ replicas: 10, revision: 1, annotations: scaledBy(10, 3) })
    expect(step(synced(), false, cur)[0].actions).toEqual([])
    const bare = { ...cur, spec: { ...cur.spec, minReadySeconds: undefined } } as unknown as ReplicaSet
    expect(step(synced(), false, bare)[0].actions).toEqual([])
  })

  it('an existing set whose minReadySeconds alone differs is updated', () => {
    const cur = replicaSet({ replicas: 10, revision: 1, annotations: scaledBy(10, 3) })
    const [s, all] = step(synced({ minReadySeconds: 4 }), false, cur)
    expect(shape(s.actions)).toEqual([`Update ReplicaSet/${newName}`])
    expect(all.newRS?.spec.minReadySeconds).toBe(4)
    expect(all.newRS?.metadata.annotations).toStrictEqual(cur.metadata.annotations)
  })

  it('the Deployment takes the set\'s revision; FoundNewReplicaSet only with a deadline and no condition', () => {
    const cur = replicaSet({ replicas: 10, revision: 4, annotations: scaledBy(10, 3) })
    const [s] = step(deployment({ progressDeadlineSeconds: null }), false, cur)
    expect(shape(s.actions)).toEqual(['UpdateStatus Deployment/web'])
    expect(statusWrite(s.actions)?.metadata.annotations).toStrictEqual({ [D.revisionAnnotation]: '4' })
    expect(statusWrite(s.actions)?.status).toBeUndefined()
    const [found] = step(deployment({ annotations: { [D.revisionAnnotation]: '4' } }), false, cur)
    expect(statusWrite(found.actions)?.status).toStrictEqual({
      conditions: [{ type: 'Progressing', status: 'True', reason: D.foundNewRSReason, message: `Found new replica set "${newName}"`, lastUpdateTime: ago(0), lastTransitionTime: ago(0) }],
    })
  })

  it('creating at size 0 records no scaling event; without a deadline no Progressing condition', () => {
    const old = replicaSet({ image: 'old', replicas: 13, revision: 1, annotations: scaledBy(10, 3) })
    const [s, all] = step(deployment({ progressDeadlineSeconds: null, annotations: { [D.revisionAnnotation]: '2' } }), true, old)
    expect(shape(s.actions)).toEqual([`Create ReplicaSet/${newName}`])
    expect(all.newRS?.spec.replicas).toBe(0)
    expect(all.newRS?.metadata.annotations).toStrictEqual({ [D.revisionAnnotation]: '2', ...scaledBy(10, 3) })
  })

  it('creating records the event, the revision and NewReplicaSetCreated in one status write', () => {
    const [s] = step(deployment(), true)
    expect(shape(s.actions)).toEqual([`Create ReplicaSet/${newName}`, 'Event ScalingReplicaSet', 'UpdateStatus Deployment/web'])
    expect(events(s.actions)).toEqual([['Normal', 'ScalingReplicaSet', `Scaled up replica set ${newName} to 10`]])
  })

  describe('a name already taken', () => {
    const ref = (uid: string, controller: boolean): OwnerReference => ({ apiVersion: 'apps/v1', kind: 'Deployment', name: uid, uid, controller })
    const taken = (refs: ReadonlyArray<OwnerReference>, image = 'nginx:1', name = newName): ReplicaSet => {
      const rs = replicaSet({ image, replicas: 1, revision: 1 })
      return { ...rs, metadata: { ...rs.metadata, name, labels: { app: 'other' }, ownerReferences: refs } }
    }

    it('by a set another controller owns (a non-controller reference to us listed first): a collision', () => {
      const d = deployment({ status: { collisionCount: 1 } })
      const name = `web-${computeHash(d.spec.template, 1)}`
      const squat = taken([ref('dep-uid', false), ref('other', true)], 'nginx:1', name)
      const r = D.getAllReplicaSetsAndSyncRevision(syncOf(d, squat), true)
      expect(E.isLeft(r)).toBe(true)
      const s = E.isLeft(r) ? r.left : undefined
      expect(shape(s?.actions ?? [])).toEqual(['UpdateStatus Deployment/web'])
      expect(statusWrite(s?.actions ?? [])?.status).toStrictEqual({ collisionCount: 2 })
    })

    it('by our own set with another template: a collision', () => {
      const r = D.getAllReplicaSetsAndSyncRevision(syncOf(deployment(), taken([ref('dep-uid', true)], 'nginx:9')), true)
      expect(E.isLeft(r) && statusWrite(r.left.actions)?.status).toStrictEqual({ collisionCount: 1 })
    })

    it('by our own set with our template (controller reference listed after another owner): reused, not created', () => {
      const mine = taken([ref('other', false), ref('dep-uid', true)])
      const [s, all] = step(deployment({ annotations: { [D.revisionAnnotation]: '1' } }), true, mine)
      expect(all.newRS).toBe(mine)
      expect(s.actions.some((a) => a._tag === 'Create')).toBe(false)
      // it no longer matches the selector, so the claim released it first
      expect(shape(s.actions)).toEqual([`Update ReplicaSet/${newName}`])
    })
  })
})
