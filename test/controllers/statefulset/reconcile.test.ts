/**
 * Table tests of `StatefulSet.reconcile`, one sync at a time, rule by rule (spec Part A and the
 * behaviours of upstream's stateful_set_control_test.go): revisions, ordered and parallel pod
 * management, failed and condemned pods, claims, identity repair, rolling updates (legacy and
 * maxUnavailable), status, adoption and deletion. Inputs are deep-frozen.
 */
import { describe, expect, it } from 'vitest'
import type { ControllerRevision, PersistentVolumeClaim } from '../../../src/api/node.js'
import type { KubeObject } from '../../../src/api/object.js'
import type { Pod } from '../../../src/api/pod.js'
import type { StatefulSet } from '../../../src/api/workloads.js'
import * as STS from '../../../src/controllers/statefulset/index.js'
import { controllerRevisionHashLabel, revisionHashLabel, sameData } from '../../../src/core/history.js'
import { ago, claim, now, pod, revName, revisionOf, show, sts, viewOf, withStatus, writes, written, writtenStatus } from './fixtures.js'
import { deepFreeze } from '../../helpers/freeze.js'

const reconcile = (set: StatefulSet, ...objects: ReadonlyArray<KubeObject>) => STS.reconcile(set, viewOf(set, ...objects), now)
const gated = STS.reconcileWith({ featureGates: { MaxUnavailableStatefulSet: true } })

/** The set at its own revision with `pods` ready pods at ordinals start.., status up to date. */
const steady = (o: Parameters<typeof sts>[0] = {}) => {
  const s0 = sts(o)
  const rev = revisionOf(s0)
  const n = s0.spec.replicas ?? 1
  const start = s0.spec.ordinals?.start ?? 0
  const set = withStatus(s0, {
    observedGeneration: 1,
    replicas: n,
    readyReplicas: n,
    availableReplicas: n,
    currentReplicas: n,
    updatedReplicas: n,
    currentRevision: rev.metadata.name ?? '',
    updateRevision: rev.metadata.name ?? '',
    collisionCount: 0,
  })
  const pods = Array.from({ length: n }, (_, i) => pod(set, start + i))
  const claims = pods.flatMap((p) => STS.claimTemplates(set).map((t) => claim(set, t.name, STS.ordinalOf(p))))
  return { set, rev, pods, claims }
}

describe('revisions', () => {
  it('the first sync creates revision 1 for the template: named <set>-<hash>, hash label, template labels, controlled by the set', () => {
    const s = sts({ replicas: 0 })
    const actions = reconcile(s)
    const r = written<ControllerRevision>(actions, `Create ControllerRevision ${revName(s)}`)
    expect(r.revision).toBe(1)
    expect(r.metadata.labels).toEqual({ app: 'web', [revisionHashLabel]: revName(s).slice('web-'.length) })
    expect(r.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'StatefulSet', uid: 'sts-uid', controller: true })
    expect(writtenStatus(actions)).toEqual({
      observedGeneration: 1,
      replicas: 0,
      readyReplicas: 0,
      availableReplicas: 0,
      currentReplicas: 0,
      updatedReplicas: 0,
      currentRevision: revName(s),
      updateRevision: revName(s),
      collisionCount: 0,
    })
  })

  it('a steady set writes nothing', () => {
    const { set, rev, pods } = steady()
    expect(reconcile(set, rev, ...pods)).toEqual([])
  })

  it('a revision read from a cluster, nulls inside its data, is the same revision (no new one, no rollout)', () => {
    const { set, rev, pods } = steady()
    const data = rev.data as { spec: { template: Record<string, unknown> } }
    const stored = deepFreeze({ ...rev, data: { spec: { template: { ...data.spec.template, metadata: { ...(data.spec.template['metadata'] as object), creationTimestamp: null } } } } })
    expect(sameData(stored.data, rev.data)).toBe(true)
    expect(reconcile(set, stored, ...pods)).toEqual([])
  })

  it('a changed template creates the next revision and points the update revision at it', () => {
    const { set, rev, pods } = steady()
    const changed = deepFreeze({ ...set, spec: { ...set.spec, template: { ...set.spec.template, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } } } })
    const actions = reconcile(changed, rev, ...pods)
    const created = written<ControllerRevision>(actions, `Create ControllerRevision ${revName(changed)}`)
    expect(created.revision).toBe(2)
    expect(writtenStatus(actions)).toMatchObject({ currentRevision: rev.metadata.name, updateRevision: revName(changed), currentReplicas: 2, updatedReplicas: 0 })
    expect(writes(actions)).toContain('Delete Pod web-2')
  })

  it('a rollback renumbers the equal older revision (Update of revision only), creates none', () => {
    const { set, rev, pods } = steady()
    const v2 = deepFreeze({ ...set, spec: { ...set.spec, template: { ...set.spec.template, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } } } })
    const rev2 = revisionOf(v2, 2)
    const back = withStatus(set, { ...set.status, updateRevision: rev2.metadata.name ?? '' })
    const actions = reconcile(back, rev, rev2, ...pods)
    expect(writes(actions).filter((w) => w.includes('ControllerRevision'))).toEqual([`Update ControllerRevision ${rev.metadata.name ?? ''}`])
    const renumbered = written<ControllerRevision>(actions, `Update ControllerRevision ${rev.metadata.name ?? ''}`)
    expect(renumbered).toEqual({ ...rev, revision: 3 })
  })

  it('a name clash with different data bumps collisionCount and renames', () => {
    const s = sts({ replicas: 0 })
    const impostor = deepFreeze({ ...revisionOf(sts({ replicas: 0, image: 'other' })), metadata: { ...revisionOf(s).metadata, ownerReferences: [] } })
    const { ownerReferences: _o, ...meta } = impostor.metadata
    const clash = deepFreeze({ ...impostor, metadata: { ...meta, labels: { unrelated: 'x' } } })
    const actions = reconcile(s, clash)
    const created = actions.find((a) => a._tag === 'Create')
    expect(created?._tag === 'Create' && created.object.metadata.name).not.toBe(revName(s))
    expect(created?._tag === 'Create' && created.object.metadata.name).toBe(STS.candidateRevision(s, 1, 1).metadata.name)
    expect(writtenStatus(actions)?.collisionCount).toBe(1)
  })

  it('a revision of the candidate name with the same data is taken as it is', () => {
    const s = sts({ replicas: 0 })
    const { ownerReferences: _o, ...meta } = revisionOf(s).metadata
    const foreignSame = deepFreeze({ ...revisionOf(s), metadata: { ...meta, labels: { unrelated: 'x' } } })
    const actions = reconcile(s, foreignSame)
    expect(writes(actions)).toEqual(['UpdateStatus StatefulSet web'])
    expect(writtenStatus(actions)?.updateRevision).toBe(revName(s))
  })

  it('the current revision is status.currentRevision when it exists, else the update revision', () => {
    const { set, rev, pods } = steady()
    const gone = withStatus(set, { ...set.status, currentRevision: 'web-missing' })
    expect(writtenStatus(reconcile(gone, rev, ...pods))?.currentRevision).toBe(rev.metadata.name)
  })

  it('history is truncated to revisionHistoryLimit: non-live revisions, oldest first; live ones are kept', () => {
    const { set, rev, pods } = steady({ historyLimit: 1 })
    const old = [1, 2, 3].map((i) => revisionOf(sts({ image: `old:${i}` }), i, ago(5000 - i)))
    const current = deepFreeze({ ...rev, revision: 5 })
    const live = revisionOf(sts({ image: 'live' }), 4)
    const podAtLive = pod(set, 0, { revision: live.metadata.name ?? '' })
    const actions = reconcile(set, current, live, ...old, podAtLive, ...pods.slice(1))
    expect(writes(actions).filter((w) => w.startsWith('Delete ControllerRevision'))).toEqual(
      old.slice(0, 2).map((r) => `Delete ControllerRevision ${r.metadata.name ?? ''}`),
    )
  })

  it('orphan revisions the selector matches are adopted; while the set is being deleted the sync stops there', () => {
    const s = sts({ replicas: 0 })
    const { ownerReferences: _o, ...meta } = revisionOf(s).metadata
    const orphan = deepFreeze({ ...revisionOf(s), metadata: meta })
    const actions = reconcile(s, orphan)
    expect(writes(actions)[0]).toBe(`Update ControllerRevision ${revName(s)}`)
    expect(written<ControllerRevision>(actions, `Update ControllerRevision ${revName(s)}`).metadata.ownerReferences?.[0]?.uid).toBe('sts-uid')
    expect(writes(actions)).not.toContain(`Create ControllerRevision ${revName(s)}`)
    expect(reconcile(sts({ replicas: 0, deleting: true }), orphan)).toEqual([])
  })
})

describe('OrderedReady pod management', () => {
  it('creates the lowest missing ordinal only: its claims first, then the pod, with events', () => {
    const s = sts({ claims: ['www', 'log'] })
    const actions = reconcile(s, revisionOf(s))
    expect(actions.filter((a) => a._tag !== 'UpdateStatus').map(show)).toEqual([
      'Create PersistentVolumeClaim www-web-0',
      'Event SuccessfulCreate',
      'Create PersistentVolumeClaim log-web-0',
      'Event SuccessfulCreate',
      'Create Pod web-0',
      'Event SuccessfulCreate',
    ])
    const p = written<Pod>(actions, 'Create Pod web-0')
    expect(p.metadata.labels?.[controllerRevisionHashLabel]).toBe(revName(s))
    expect(p.spec.volumes).toEqual([
      { name: 'www', persistentVolumeClaim: { claimName: 'www-web-0' } },
      { name: 'log', persistentVolumeClaim: { claimName: 'log-web-0' } },
    ])
  })

  it.each(['pending', 'running', 'terminating', 'unscheduled'] as const)('waits while a lower pod is %s', (state) => {
    const s = sts()
    expect(writes(reconcile(s, revisionOf(s), pod(s, 0, { state })))).not.toContain('Create Pod web-1')
  })

  it('creates the next ordinal once the lower ones are Running and Ready, and minReadySeconds has passed (boundary included)', () => {
    const s = sts({ minReadySeconds: 10 })
    expect(writes(reconcile(s, revisionOf(s), pod(s, 0, { readyFor: 10 })))).toContain('Create Pod web-1')
    expect(writes(reconcile(s, revisionOf(s), pod(s, 0, { readyFor: 9 })))).not.toContain('Create Pod web-1')
  })

  it('starts at spec.ordinals.start', () => {
    const s = sts({ start: 5 })
    expect(writes(reconcile(s, revisionOf(s))).filter((w) => w.startsWith('Create Pod'))).toEqual(['Create Pod web-5'])
  })

  it('a failed pod is deleted (RecreatingFailedPod) and not re-created in the same sync; nothing above it moves', () => {
    const s = sts()
    const actions = reconcile(s, revisionOf(s), pod(s, 0, { state: 'failed' }))
    expect(actions.filter((a) => a._tag !== 'UpdateStatus').map(show)).toEqual(['Event RecreatingFailedPod', 'Delete Pod web-0', 'Event SuccessfulDelete'])
    const succeeded = reconcile(s, revisionOf(s), pod(s, 0, { state: 'succeeded' }))
    expect(succeeded.filter((a) => a._tag === 'Event').map(show)).toEqual(['Event RecreatingTerminatedPod', 'Event SuccessfulDelete'])
  })

  it('a failed pod already being deleted is not deleted again', () => {
    const s = sts()
    const p = pod(s, 0, { state: 'failed' })
    const deleting = deepFreeze({ ...p, metadata: { ...p.metadata, deletionTimestamp: ago(0) } })
    expect(writes(reconcile(s, revisionOf(s), deleting)).filter((w) => w.startsWith('Delete'))).toEqual([])
  })

  it('scales down from the highest ordinal, one per sync, only once every in-range pod is healthy', () => {
    const { set, rev, pods } = steady({ replicas: 5 })
    const down = withStatus({ ...set, spec: { ...set.spec, replicas: 2 } }, set.status ?? {})
    expect(writes(reconcile(down, rev, ...pods)).filter((w) => w.startsWith('Delete'))).toEqual(['Delete Pod web-4'])
    const [p0, p1, p2, p3, p4] = pods as [Pod, Pod, Pod, Pod, Pod]
    expect(writes(reconcile(down, rev, pod(set, 0, { state: 'running' }), p1, p2, p3, p4)).filter((w) => w.startsWith('Delete'))).toEqual([])
    const terminating = pod(set, 4, { state: 'terminating' })
    expect(writes(reconcile(down, rev, p0, p1, p2, p3, terminating)).filter((w) => w.startsWith('Delete'))).toEqual([])
  })

  it('an unhealthy condemned pod goes only when it is the first unhealthy pod', () => {
    const { set, rev, pods } = steady({ replicas: 4 })
    const down = withStatus({ ...set, spec: { ...set.spec, replicas: 2 } }, set.status ?? {})
    const [p0, p1] = pods as [Pod, Pod]
    const highUnhealthy = pod(set, 3, { state: 'running' })
    expect(writes(reconcile(down, rev, p0, p1, pod(set, 2), highUnhealthy)).filter((w) => w.startsWith('Delete'))).toEqual(['Delete Pod web-3'])
    expect(writes(reconcile(down, rev, p0, p1, pod(set, 2, { state: 'running' }), highUnhealthy)).filter((w) => w.startsWith('Delete'))).toEqual([])
  })

  it('pods below a raised start ordinal are condemned', () => {
    const { set, rev, pods } = steady({ replicas: 3 })
    const moved = withStatus({ ...set, spec: { ...set.spec, ordinals: { start: 1 } } }, set.status ?? {})
    const actions = reconcile(moved, rev, ...pods)
    expect(writes(actions).filter((w) => w.startsWith('Create Pod') || w.startsWith('Delete'))).toEqual(['Create Pod web-3'])
  })

  it('pods without an ordinal, of another set, or owned by another controller are left alone', () => {
    const { set, rev, pods } = steady()
    const stranger = deepFreeze({ ...pod(set, 7, { owner: null }), metadata: { ...pod(set, 7, { owner: null }).metadata, name: 'web' } })
    const other = pod(sts({ name: 'db' }), 1, { owner: null })
    const foreign = pod(set, 9, { owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'x', uid: 'x', controller: true } })
    expect(reconcile(set, rev, ...pods, stranger, foreign, other)).toEqual([])
    const controlledStranger = deepFreeze({ ...pod(set, 7), metadata: { ...pod(set, 7).metadata, name: 'web' } })
    expect(writes(reconcile(set, rev, ...pods, controlledStranger))).toEqual(['Update Pod web'])
  })
})

describe('Parallel pod management', () => {
  it('creates every missing pod in one sync and deletes every condemned pod in one sync', () => {
    const s = sts({ policy: 'Parallel', replicas: 3 })
    expect(writes(reconcile(s, revisionOf(s))).filter((w) => w.startsWith('Create Pod'))).toEqual(['Create Pod web-0', 'Create Pod web-1', 'Create Pod web-2'])
    const { set, rev, pods } = steady({ policy: 'Parallel', replicas: 4 })
    const down = withStatus({ ...set, spec: { ...set.spec, replicas: 1 } }, set.status ?? {})
    expect(writes(reconcile(down, rev, ...pods)).filter((w) => w.startsWith('Delete'))).toEqual(['Delete Pod web-3', 'Delete Pod web-2', 'Delete Pod web-1'])
  })

  it('a failed pod does not block the others', () => {
    const s = sts({ policy: 'Parallel', replicas: 3 })
    const actions = writes(reconcile(s, revisionOf(s), pod(s, 0, { state: 'failed' })))
    expect(actions).toContain('Delete Pod web-0')
    expect(actions.filter((w) => w.startsWith('Create Pod'))).toEqual(['Create Pod web-1', 'Create Pod web-2'])
  })
})

describe('claims', () => {
  it('a claim being deleted blocks its pod (no create, no requeue) and, in Parallel, later batches', () => {
    const s = sts({ claims: ['www'], minReadySeconds: 5 })
    const dying = claim(s, 'www', 0, [], { deletionTimestamp: ago(1), finalizers: ['kubernetes.io/pvc-protection'] })
    const actions = reconcile(s, revisionOf(s), dying)
    expect(writes(actions).filter((w) => !w.includes('ControllerRevision') && !w.startsWith('UpdateStatus'))).toEqual([])
    expect(actions.some((a) => a._tag === 'RequeueAfter')).toBe(false)
    const p = sts({ claims: ['www'], policy: 'Parallel', replicas: 4 })
    const blocked = writes(reconcile(p, revisionOf(p), claim(p, 'www', 0, [], { deletionTimestamp: ago(1) })))
    expect(blocked.filter((w) => w.startsWith('Create Pod'))).toEqual([])
  })

  it('existing claims are reused, never re-created', () => {
    const s = sts({ claims: ['www'] })
    expect(writes(reconcile(s, revisionOf(s), claim(s, 'www', 0))).filter((w) => w.startsWith('Create'))).toEqual(['Create Pod web-0'])
  })

  it('a Pending pod gets its missing claims again', () => {
    const s = sts({ claims: ['www'] })
    expect(writes(reconcile(s, revisionOf(s), pod(s, 0, { state: 'pending' })))).toContain('Create PersistentVolumeClaim www-web-0')
  })

  it('whenScaled=Delete: a claim still owned by a previous pod of the name blocks the create', () => {
    const s = sts({ claims: ['www'], whenScaled: 'Delete' })
    const stale = claim(s, 'www', 0, [{ apiVersion: 'v1', kind: 'Pod', name: 'web-0', uid: 'old', controller: true }])
    expect(writes(reconcile(s, revisionOf(s), stale)).filter((w) => w.startsWith('Create Pod'))).toEqual([])
    const retain = sts({ claims: ['www'] })
    expect(writes(reconcile(retain, revisionOf(retain), stale))).toContain('Create Pod web-0')
  })

  it('whenDeleted=Delete: an in-range claim without the set reference gets it (with the pod Update upstream issues)', () => {
    const { set, rev, pods, claims } = steady({ claims: ['www'], whenDeleted: 'Delete' })
    const actions = reconcile(set, rev, ...pods, ...claims)
    expect(writes(actions)).toEqual([
      'Update PersistentVolumeClaim www-web-0',
      'Update Pod web-0',
      'Update PersistentVolumeClaim www-web-1',
      'Update Pod web-1',
      'Update PersistentVolumeClaim www-web-2',
      'Update Pod web-2',
    ])
    expect(written<PersistentVolumeClaim>(actions, 'Update PersistentVolumeClaim www-web-1').metadata).toMatchObject({ resourceVersion: '7', ownerReferences: [{ kind: 'StatefulSet', uid: 'sts-uid', controller: true }] })
  })

  it('whenScaled=Delete: a condemned pod\'s claims are given to the pod before it is deleted', () => {
    const { set, rev, pods, claims } = steady({ claims: ['www'], whenScaled: 'Delete', replicas: 3 })
    const down = withStatus({ ...set, spec: { ...set.spec, replicas: 2 } }, set.status ?? {})
    const actions = reconcile(down, rev, ...pods, ...claims)
    expect(writes(actions).filter((w) => !w.startsWith('UpdateStatus'))).toEqual(['Update PersistentVolumeClaim www-web-2', 'Delete Pod web-2'])
    expect(written<PersistentVolumeClaim>(actions, 'Update PersistentVolumeClaim www-web-2').metadata.ownerReferences).toEqual([
      { apiVersion: 'v1', kind: 'Pod', name: 'web-2', uid: 'uid-web-2', controller: true, blockOwnerDeletion: true },
    ])
  })

  it('a foreign controller on a claim: ConflictingController warning, the claim is not adopted', () => {
    const s = sts({ claims: ['www'], whenDeleted: 'Delete' })
    const foreign = claim(s, 'www', 0, [{ apiVersion: 'example.com/v1', kind: 'Db', name: 'db', uid: 'db', controller: true }])
    const actions = reconcile(s, revisionOf(s), pod(s, 0, { state: 'pending' }), foreign)
    expect(actions.filter((a) => a._tag === 'Event').map(show)).toEqual(['Event ConflictingController'])
    expect(writes(actions).filter((w) => w.includes('PersistentVolumeClaim'))).toEqual([])
  })
})

describe('identity and storage repair', () => {
  it('a pod missing its pod-name label is updated in place (identity), keeping hostname', () => {
    const { set, rev, pods } = steady()
    const [p0, p1, p2] = pods as [Pod, Pod, Pod]
    const { [STS.podNameLabel]: _n, ...labels } = p1.metadata.labels ?? {}
    const broken = deepFreeze({ ...p1, metadata: { ...p1.metadata, labels } })
    const actions = reconcile(set, rev, p0, broken, p2)
    expect(writes(actions)).toEqual(['Update Pod web-1'])
    expect(written<Pod>(actions, 'Update Pod web-1').metadata.labels?.[STS.podNameLabel]).toBe('web-1')
    expect(actions.filter((a) => a._tag === 'Event').map(show)).toEqual(['Event SuccessfulUpdate'])
  })

  it('a pod without its claim volume gets it, and the missing claim is created first', () => {
    const { set, rev, pods } = steady({ claims: ['www'] })
    const [p0, p1, p2] = pods as [Pod, Pod, Pod]
    const bare = deepFreeze({ ...p1, spec: { ...p1.spec, volumes: [] } })
    const actions = reconcile(set, rev, p0, bare, p2, claim(set, 'www', 0), claim(set, 'www', 2))
    expect(writes(actions)).toEqual(['Create PersistentVolumeClaim www-web-1', 'Update Pod web-1'])
    expect(STS.storageMatches(set, written<Pod>(actions, 'Update Pod web-1'))).toBe(true)
  })
})

describe('rolling update (legacy, the default)', () => {
  const rolled = (o: Parameters<typeof sts>[0] = {}, states: Readonly<Record<number, Parameters<typeof pod>[2]>> = {}) => {
    const { set, rev, pods } = steady(o)
    const next = withStatus({ ...set, spec: { ...set.spec, template: { ...set.spec.template, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } } } }, set.status ?? {})
    const rev2 = revisionOf(next, 2)
    const withStates = pods.map((p) => {
      const o2 = states[STS.ordinalOf(p)]
      return o2 === undefined ? p : pod(set, STS.ordinalOf(p), { revision: rev.metadata.name ?? '', ...o2 })
    })
    return { next, rev, rev2, pods: withStates }
  }
  const deletes = (actions: ReturnType<typeof reconcile>) => writes(actions).filter((w) => w.startsWith('Delete Pod'))

  it('deletes the highest outdated pod, one per sync, and decrements currentReplicas in the status', () => {
    const { next, rev, rev2, pods } = rolled()
    const actions = reconcile(next, rev, rev2, ...pods)
    expect(deletes(actions)).toEqual(['Delete Pod web-2'])
    expect(writtenStatus(actions)).toMatchObject({ currentReplicas: 2, updatedReplicas: 0 })
  })

  it('goes down past updated pods, and waits at an unavailable one', () => {
    const { next, rev, rev2, pods } = rolled({}, {})
    const [p0, p1] = pods as [Pod, Pod]
    const updated2 = pod(next, 2, { revision: rev2.metadata.name ?? '' })
    expect(deletes(reconcile(next, rev, rev2, p0, p1, updated2))).toEqual(['Delete Pod web-1'])
    expect(deletes(reconcile(next, rev, rev2, p0, p1, pod(next, 2, { revision: rev2.metadata.name ?? '', state: 'running' })))).toEqual([])
  })

  it('waits while the updated pod above is not available for minReadySeconds', () => {
    const { next, rev, rev2, pods } = rolled({ minReadySeconds: 30, policy: 'Parallel' })
    const [p0, p1] = pods as [Pod, Pod]
    expect(deletes(reconcile(next, rev, rev2, p0, p1, pod(next, 2, { revision: rev2.metadata.name ?? '', readyFor: 10 })))).toEqual([])
    expect(deletes(reconcile(next, rev, rev2, p0, p1, pod(next, 2, { revision: rev2.metadata.name ?? '', readyFor: 30 })))).toEqual(['Delete Pod web-1'])
  })

  it('never touches indices below the partition (index = ordinal − start)', () => {
    const { next, rev, rev2, pods } = rolled({ partition: 2, start: 3 })
    const [p3, p4] = pods as [Pod, Pod]
    const updated5 = pod(next, 5, { revision: rev2.metadata.name ?? '' })
    expect(deletes(reconcile(next, rev, rev2, ...pods))).toEqual(['Delete Pod web-5'])
    expect(deletes(reconcile(next, rev, rev2, p3, p4, updated5))).toEqual([])
  })

  it('OnDelete never deletes for a revision', () => {
    const { next, rev, rev2, pods } = rolled({ strategy: 'OnDelete' })
    expect(deletes(reconcile(next, rev, rev2, ...pods))).toEqual([])
  })

  it('recreated pods get the current revision below the partition and the update revision at or above it', () => {
    const { next, rev, rev2, pods } = rolled({ partition: 2, policy: 'Parallel' })
    const [, , p2] = pods as [Pod, Pod, Pod]
    const actions = reconcile(next, rev, rev2, p2)
    const labelOf = (n: string) => written<Pod>(actions, `Create Pod ${n}`).metadata.labels?.[controllerRevisionHashLabel]
    expect([labelOf('web-0'), labelOf('web-1')]).toEqual([rev.metadata.name, rev.metadata.name])
    const { next: n2, rev: r1, rev2: r2 } = rolled({ partition: 1, policy: 'Parallel' })
    expect(written<Pod>(reconcile(n2, r1, r2), 'Create Pod web-1').metadata.labels?.[controllerRevisionHashLabel]).toBe(r2.metadata.name)
  })

  it('without a rollingUpdate block, ordinals below start + status.currentReplicas get the current revision', () => {
    const { next, rev, rev2 } = rolled({ strategy: 'bare', policy: 'Parallel' })
    const withCurrent = withStatus(next, { ...next.status, currentReplicas: 1 })
    const actions = reconcile(withCurrent, rev, rev2)
    const labelOf = (n: string) => written<Pod>(actions, `Create Pod ${n}`).metadata.labels?.[controllerRevisionHashLabel]
    expect([labelOf('web-0'), labelOf('web-1'), labelOf('web-2')]).toEqual([rev.metadata.name, rev2.metadata.name, rev2.metadata.name])
  })

  it('a placeholder re-created at the current revision is replaced at once; currentReplicas stops at 0 (upstream would write −1)', () => {
    const { next, rev, rev2 } = rolled({ strategy: 'bare', policy: 'Parallel', replicas: 2 })
    const withCurrent = withStatus(next, { ...next.status, currentReplicas: 1 })
    const actions = reconcile(withCurrent, rev, rev2, pod(next, 1, { revision: rev2.metadata.name ?? '' }))
    expect(writes(actions).filter((w) => w.includes('Pod'))).toEqual(['Create Pod web-0', 'Delete Pod web-0'])
    expect(writtenStatus(actions)?.currentReplicas).toBe(0)
  })

  it('OnDelete re-creates at the update revision', () => {
    const { next, rev, rev2 } = rolled({ strategy: 'OnDelete' })
    expect(written<Pod>(reconcile(next, rev, rev2), 'Create Pod web-0').metadata.labels?.[controllerRevisionHashLabel]).toBe(rev2.metadata.name)
  })

  it('completes: once every pod is updated and ready, currentRevision becomes the update revision', () => {
    const { next, rev, rev2 } = rolled()
    const updated = [0, 1, 2].map((i) => pod(next, i, { revision: rev2.metadata.name ?? '' }))
    expect(writtenStatus(reconcile(next, rev, rev2, ...updated))).toMatchObject({ currentRevision: rev2.metadata.name, updateRevision: rev2.metadata.name, currentReplicas: 3, updatedReplicas: 3 })
  })

  it('with the MaxUnavailableStatefulSet gate: up to maxUnavailable − unavailable pods at once, from the top', () => {
    const { next, rev, rev2, pods } = rolled({ replicas: 5, maxUnavailable: 2, policy: 'Parallel' })
    const view = viewOf(next, rev, rev2, ...pods)
    expect(writes(gated(next, view, now)).filter((w) => w.startsWith('Delete Pod'))).toEqual(['Delete Pod web-4', 'Delete Pod web-3'])
    expect(writes(STS.reconcile(next, view, now)).filter((w) => w.startsWith('Delete Pod'))).toEqual(['Delete Pod web-4'])
    const [p0, p1, p2, p3] = pods as [Pod, Pod, Pod, Pod]
    const oneDown = viewOf(next, rev, rev2, pod(next, 0, { state: 'running', revision: rev.metadata.name ?? '' }), p1, p2, p3, pods[4] as Pod)
    expect(writes(gated(next, oneDown, now)).filter((w) => w.startsWith('Delete Pod'))).toEqual(['Delete Pod web-4'])
    const twoDown = viewOf(next, rev, rev2, pod(next, 0, { state: 'running', revision: rev.metadata.name ?? '' }), pod(next, 1, { state: 'terminating', revision: rev.metadata.name ?? '' }), p2, p3, pods[4] as Pod)
    expect(writes(gated(next, twoDown, now)).filter((w) => w.startsWith('Delete Pod'))).toEqual([])
    expect(writes(STS.reconcile(next, twoDown, now)).filter((w) => w.startsWith('Delete Pod'))).toEqual(['Delete Pod web-4'])
    void p0
  })

  it('with the gate, the partition still bounds the deletes', () => {
    const { next, rev, rev2, pods } = rolled({ replicas: 4, maxUnavailable: 4, partition: 2 })
    expect(writes(gated(next, viewOf(next, rev, rev2, ...pods), now)).filter((w) => w.startsWith('Delete Pod'))).toEqual(['Delete Pod web-3', 'Delete Pod web-2'])
  })

  it('scale-down takes precedence: no rolling delete while a condemned pod exists (OrderedReady)', () => {
    const { next, rev, rev2, pods } = rolled({ replicas: 3 })
    const down = withStatus({ ...next, spec: { ...next.spec, replicas: 2 } }, next.status ?? {})
    expect(deletes(reconcile(down, rev, rev2, ...pods))).toEqual(['Delete Pod web-2'])
  })
})

describe('status, requeue and deletion', () => {
  it('counts the observed pods, writes only when something changed, requeues for minReadySeconds', () => {
    const { set, rev, pods } = steady({ minReadySeconds: 30 })
    const [p0, p1] = pods as [Pod, Pod]
    const fresh = pod(set, 2, { readyFor: 5 })
    const actions = reconcile(set, rev, p0, p1, fresh)
    expect(writtenStatus(actions)).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 2 })
    expect(actions.at(-1)).toEqual({ _tag: 'RequeueAfter', target: { apiVersion: 'apps/v1', kind: 'StatefulSet', namespace: 'default', name: 'web', uid: 'sts-uid' }, seconds: 30 })
  })

  it('a newer generation is observed', () => {
    const { set, rev, pods } = steady()
    const g2 = deepFreeze({ ...set, metadata: { ...set.metadata, generation: 2 } })
    expect(writtenStatus(reconcile(g2, rev, ...pods))?.observedGeneration).toBe(2)
  })

  it('a set being deleted takes no pod action but writes its status and truncates history', () => {
    const { set, rev, pods } = steady({ historyLimit: 0 })
    const deleting = deepFreeze({ ...set, metadata: { ...set.metadata, deletionTimestamp: ago(1) }, spec: { ...set.spec, replicas: 5 } })
    const old = revisionOf(sts({ image: 'old' }), 0)
    const actions = reconcile(deleting, rev, old, ...pods.slice(0, 2))
    expect(writes(actions)).toEqual(['UpdateStatus StatefulSet web', `Delete ControllerRevision ${old.metadata.name ?? ''}`])
    expect(writtenStatus(actions)?.replicas).toBe(2)
  })

  it('an invalid selector does nothing', () => {
    const s = sts()
    const bad = deepFreeze({ ...s, spec: { ...s.spec, selector: { matchExpressions: [{ key: 'app', operator: 'Bogus' }] } } })
    expect(reconcile(bad)).toEqual([])
  })
})

describe('adoption and release', () => {
  it('adopts a matching orphan member, releases a controlled pod that no longer matches', () => {
    const { set, rev, pods } = steady()
    const [p0, p1, p2] = pods as [Pod, Pod, Pod]
    const orphan = pod(set, 1, { owner: null })
    const relabelled = pod(set, 2, { labels: { app: 'other', [STS.podNameLabel]: 'web-2' } })
    const actions = reconcile(set, rev, p0, orphan, relabelled)
    expect(writes(actions).slice(0, 2)).toEqual(['Update Pod web-1', 'Update Pod web-2'])
    expect(written<Pod>(actions, 'Update Pod web-1').metadata.ownerReferences?.[0]?.uid).toBe('sts-uid')
    expect(written<Pod>(actions, 'Update Pod web-2').metadata.ownerReferences).toBeUndefined()
    void p1
    void p2
  })

  it('does not adopt orphans that are not members by name, or are being deleted, or while the set is being deleted', () => {
    const { set, rev, pods } = steady()
    const named = (p: Pod, name: string): Pod => deepFreeze({ ...p, metadata: { ...p.metadata, name } })
    const notMember = named(pod(set, 1, { owner: null }), 'db-1')
    const dying = pod(set, 3, { owner: null, state: 'terminating' })
    expect(writes(reconcile(set, rev, ...pods, notMember, dying))).toEqual([])
    const deleting = deepFreeze({ ...set, metadata: { ...set.metadata, deletionTimestamp: ago(1) } })
    expect(writes(reconcile(deleting, rev, ...pods.slice(0, 2), pod(set, 2, { owner: null }))).filter((w) => w.startsWith('Update Pod'))).toEqual([])
  })
})
