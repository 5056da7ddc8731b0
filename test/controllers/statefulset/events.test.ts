/**
 * What a StatefulSet's writes say and carry, exactly: upstream's event reasons and messages
 * (`SuccessfulCreate` for a claim and a pod, `SuccessfulDelete`, `SuccessfulUpdate`,
 * `ConflictingController`), and a new pod's metadata copied from the template (labels,
 * annotations, finalizers) with its identity, owner, hostname, subdomain and revision label.
 */
import { describe, expect, it } from 'vitest'
import type { Action } from '../../../src/core/Action.js'
import type { KubeObject } from '../../../src/api/object.js'
import type { Pod } from '../../../src/api/pod.js'
import type { StatefulSet } from '../../../src/api/workloads.js'
import * as STS from '../../../src/controllers/statefulset/index.js'
import { controllerRevisionHashLabel } from '../../../src/core/history.js'
import { claim, now, pod, revisionOf, sts, viewOf, withStatus } from './fixtures.js'

const reconcile = (set: StatefulSet, ...objects: ReadonlyArray<KubeObject>) => STS.reconcile(set, viewOf(set, ...objects), now)
const events = (as: ReadonlyArray<Action>): ReadonlyArray<string> =>
  as.flatMap((a) => (a._tag === 'Event' ? [`${a.type} ${a.reason}: ${a.message}`] : []))
const createdPod = (as: ReadonlyArray<Action>): Pod | undefined => {
  const c = as.find((a) => a._tag === 'Create' && a.object.kind === 'Pod')
  return c?._tag === 'Create' ? (c.object as Pod) : undefined
}

describe('events', () => {
  it('a first pod with a claim: the claim, then the pod, each with upstream words', () => {
    const set = sts({ name: 'web', claims: ['www'] })
    expect(events(reconcile(set, revisionOf(set)))).toEqual([
      'Normal SuccessfulCreate: create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'Normal SuccessfulCreate: create Pod web-0 in StatefulSet web successful',
    ])
  })

  it('a scale-down: the condemned pod, deleted', () => {
    const s0 = sts({ name: 'db', replicas: 1 })
    const rev = revisionOf(s0)
    const set = withStatus(s0, { observedGeneration: 1, replicas: 2, readyReplicas: 2, availableReplicas: 2, currentReplicas: 2, updatedReplicas: 2, currentRevision: rev.metadata.name ?? '', updateRevision: rev.metadata.name ?? '' })
    expect(events(reconcile(set, rev, pod(set, 0), pod(set, 1)))).toEqual(['Normal SuccessfulDelete: delete Pod db-1 in StatefulSet db successful'])
  })

  it('an identity repair: the pod updated', () => {
    const set = sts({ name: 'web', replicas: 1 })
    const rev = revisionOf(set)
    const p = pod(set, 0)
    const broken = { ...p, metadata: { ...p.metadata, labels: { ...p.metadata.labels, 'statefulset.kubernetes.io/pod-name': 'wrong' } } }
    const out = reconcile(set, rev, broken)
    expect(events(out)).toEqual(['Normal SuccessfulUpdate: update Pod web-0 in StatefulSet web successful'])
    const upd = out.find((a) => a._tag === 'Update' && a.object.kind === 'Pod')
    expect(upd?._tag === 'Update' && upd.object.metadata.labels?.['statefulset.kubernetes.io/pod-name']).toBe('web-0')
  })

  it('a claim managed by another controller: a ConflictingController warning naming it', () => {
    const set = sts({ name: 'web', replicas: 1, claims: ['www'], whenScaled: 'Delete', whenDeleted: 'Delete' })
    const rev = revisionOf(set)
    const foreign = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'other', uid: 'other-uid', controller: true }
    const out = reconcile(set, rev, pod(set, 0, { state: 'pending' }), claim(set, 'www', 0, [foreign]))
    expect(events(out)).toContain(
      'Warning ConflictingController: PersistentVolumeClaim www-web-0 has a conflicting OwnerReference that acts as a managing controller, the retention policy is ignored for this claim',
    )
  })
})

describe('a new pod', () => {
  it('copies the template metadata and carries its identity, owner, hostname, subdomain and revision', () => {
    const s0 = sts({ name: 'web', claims: ['www'] })
    const set: StatefulSet = {
      ...s0,
      spec: {
        ...s0.spec,
        serviceName: 'nginx',
        template: {
          ...s0.spec.template,
          metadata: { ...s0.spec.template.metadata, annotations: { note: 'x' }, finalizers: ['example.com/keep'] },
        },
      },
    }
    const p = createdPod(reconcile(set, revisionOf(set)))
    expect(p?.metadata).toMatchObject({
      name: 'web-0',
      annotations: { note: 'x' },
      finalizers: ['example.com/keep'],
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'StatefulSet', name: 'web', controller: true, blockOwnerDeletion: true }],
    })
    expect(p?.metadata.labels).toMatchObject({ ...s0.spec.template.metadata?.labels, 'statefulset.kubernetes.io/pod-name': 'web-0', 'apps.kubernetes.io/pod-index': '0' })
    expect(p?.metadata.labels?.[controllerRevisionHashLabel]).toBe(revisionOf(set).metadata.name)
    expect(p?.spec.hostname).toBe('web-0')
    expect(p?.spec.subdomain).toBe('nginx')
    expect(p?.spec.volumes).toContainEqual({ name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } })
  })

  it('without annotations, finalizers or a service name: none of them', () => {
    const s0 = sts({ name: 'web' })
    const { serviceName: _none, ...spec } = s0.spec
    const set: StatefulSet = { ...s0, spec: spec as StatefulSet['spec'] }
    const p = createdPod(reconcile(set, revisionOf(set)))
    expect(p?.metadata.annotations).toBeUndefined()
    expect(p?.metadata.finalizers).toBeUndefined()
    expect(p?.spec.subdomain).toBeUndefined()
    expect(p?.metadata.namespace).toBe(set.metadata.namespace)
  })
})

describe('failed and succeeded pods, slots and claiming', () => {
  const steadySet = (o: Parameters<typeof sts>[0] = {}) => {
    const s0 = sts(o)
    const rev = revisionOf(s0)
    const n = s0.spec.replicas ?? 1
    return {
      rev,
      set: withStatus(s0, { observedGeneration: 1, replicas: n, readyReplicas: n, availableReplicas: n, currentReplicas: n, updatedReplicas: n, currentRevision: rev.metadata.name ?? '', updateRevision: rev.metadata.name ?? '' }),
    }
  }

  it('say which pod they re-create, in upstream words', () => {
    const { set, rev } = steadySet({ name: 'web', replicas: 2 })
    const ns = set.metadata.namespace ?? ''
    expect(events(reconcile(set, rev, pod(set, 0, { state: 'failed' }), pod(set, 1)))[0]).toBe(
      `Warning RecreatingFailedPod: StatefulSet ${ns}/web is recreating failed Pod web-0`,
    )
    expect(events(reconcile(set, rev, pod(set, 0, { state: 'succeeded' }), pod(set, 1)))[0]).toBe(
      `Normal RecreatingTerminatedPod: StatefulSet ${ns}/web is recreating terminated Pod web-0`,
    )
  })

  it('two pods with one ordinal (web-1, web-01): the later name holds the slot, the other is left alone', () => {
    const { set, rev } = steadySet({ name: 'web', replicas: 2 })
    const other = pod(set, 1)
    const alias = { ...other, metadata: { ...other.metadata, name: 'web-01', uid: 'uid-web-01' } }
    // Either listing order: the slot is `web-1` (later by name), so nothing is created, deleted or
    // repaired (with `web-01` in the slot its identity would be rewritten).
    for (const objs of [[pod(set, 0), other, alias], [alias, other, pod(set, 0)]]) {
      const out = reconcile(set, rev, ...objs).filter((a) => a._tag === 'Create' || a._tag === 'Delete' || (a._tag === 'Update' && a.object.kind === 'Pod'))
      expect(out).toEqual([])
    }
  })

  it('a pod at ordinal 0 below a start of 1 is condemned and goes', () => {
    const { set, rev } = steadySet({ name: 'web', replicas: 1, start: 1 })
    const out = reconcile(set, rev, pod(set, 0), pod(set, 1))
    expect(out.filter((a) => a._tag === 'Delete').map((a) => (a._tag === 'Delete' ? a.target.name : ''))).toEqual(['web-0'])
  })

  it('orphans are adopted in name order; a set being deleted adopts and releases nothing', () => {
    const { set, rev } = steadySet({ name: 'web', replicas: 2 })
    const orphan = (i: number): Pod => pod(set, i, { owner: null })
    const adopted = reconcile(set, rev, orphan(1), orphan(0)).flatMap((a) => (a._tag === 'Update' && a.object.kind === 'Pod' ? [a.object.metadata.name] : []))
    expect(adopted).toEqual(['web-0', 'web-1'])
    const deleting = { ...set, metadata: { ...set.metadata, deletionTimestamp: '2024-01-01T11:00:00Z' } }
    const foreignLabels = pod(set, 1, { labels: { app: 'elsewhere' } })
    const out = reconcile(deleting, rev, orphan(0), foreignLabels)
    expect(out.filter((a) => a._tag === 'Update' && a.object.kind === 'Pod')).toEqual([])
    // Not being deleted, the owned pod whose labels no longer match is released.
    const released = reconcile(set, rev, pod(set, 0), foreignLabels).flatMap((a) =>
      a._tag === 'Update' && a.object.kind === 'Pod' ? [[a.object.metadata.name, (a.object.metadata.ownerReferences ?? []).length]] : [],
    )
    expect(released).toEqual([['web-1', 0]])
  })
})

describe('declaration, identity and history details', () => {
  const set = sts({ name: 'web', claims: ['www'] })
  const c = STS.controllerWith({})
  const wokenBy = (o: KubeObject): ReadonlyArray<string> => {
    const view = viewOf(set, o)
    return c.wakes.filter((w) => w.kind === o.kind).flatMap((w) => [...w.keys(o, view)])
  }
  const claimNamed = (name: string): KubeObject => {
    const base = claim(set, 'www', 0)
    return { ...base, metadata: { ...base.metadata, name } }
  }

  it('a claim wakes the set whose template names it, by exact `<template>-<set>-<digits>`', () => {
    const key = `StatefulSet/${set.metadata.namespace ?? ''}/web`
    expect(wokenBy(claimNamed('www-web-0'))).toEqual([key])
    expect(wokenBy(claimNamed('www-web-12'))).toEqual([key])
    for (const other of ['www-web-', 'www-web-0a', 'www-web-a0', 'data-web-0', 'www-webx-0']) expect(wokenBy(claimNamed(other))).toEqual([])
  })

  it('is named StatefulSet, for StatefulSets, and lists its status counters', () => {
    expect([c.name, c.kind]).toEqual(['StatefulSet', 'StatefulSet'])
    expect(STS.statusFields).toEqual([
      ['replicas', 'replicas'],
      ['readyReplicas', 'ready'],
      ['availableReplicas', 'available'],
      ['currentReplicas', 'current'],
      ['updatedReplicas', 'updated'],
    ])
  })

  it('a name with anything after the digits has no ordinal', () => {
    expect(STS.parseName('web-1a').ordinal).toBe(-1)
    expect(STS.parseName('web-1')).toEqual({ parent: 'web', ordinal: 1 })
  })

  it('identity holds only with ordinal, parent, name, namespace and the pod-name label all right', () => {
    const p = pod(set, 0)
    expect(STS.identityMatches(set, p)).toBe(true)
    const named = (name: string, extra: Partial<Pod['metadata']> = {}): Pod => ({ ...p, metadata: { ...p.metadata, name, ...extra } })
    expect(STS.identityMatches(set, named('web'))).toBe(false)
    expect(STS.identityMatches(set, named('other-0', { labels: { ...p.metadata.labels, 'statefulset.kubernetes.io/pod-name': 'other-0' } }))).toBe(false)
    expect(STS.identityMatches(set, named('web-0', { namespace: 'elsewhere' }))).toBe(false)
    const { labels: _l, ...bare } = p.metadata
    expect(STS.identityMatches(set, { ...p, metadata: bare })).toBe(false)
  })

  it('history keeps `revisionHistoryLimit` non-live revisions: exactly the limit stays, one more goes, oldest first', () => {
    const limited = { ...set, spec: { ...set.spec, revisionHistoryLimit: 2 } }
    const revs = [1, 2, 3].map((n) => ({ ...revisionOf(limited, n), metadata: { ...revisionOf(limited, n).metadata, name: `web-r${n}` } }))
    expect(STS.revisionsToTruncate(limited, revs.slice(0, 2), [], undefined)).toEqual([])
    expect(STS.revisionsToTruncate(limited, revs, [], undefined).map((r) => r.metadata.name)).toEqual(['web-r1'])
    // Live revisions (a pod's, the current and the update one) never count or go.
    const live = { current: revs[0]!, update: revs[1]!, collisionCount: 0 }
    expect(STS.revisionsToTruncate(limited, revs, [], live)).toEqual([])
    const onPod = pod(limited, 0, { revision: 'web-r1' })
    expect(STS.revisionsToTruncate({ ...limited, spec: { ...limited.spec, revisionHistoryLimit: 1 } }, revs, [onPod], undefined).map((r) => r.metadata.name)).toEqual(['web-r2'])
  })
})
