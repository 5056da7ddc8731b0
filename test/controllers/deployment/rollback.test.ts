/**
 * Rollback, Recreate's wait for old pods, the pod map and the rollout summary (upstream
 * rollback.go, recreate.go `oldPodsRunning`, deployment_controller.go `getPodMapForDeployment`):
 * each branch with its exact output, pods in several namespaces, owner references in any order.
 */
import { describe, expect, it } from 'vitest'
import type { OwnerReference } from '../../../src/api/meta.js'
import type { Pod } from '../../../src/api/pod.js'
import type { ReplicaSet } from '../../../src/api/workloads.js'
import * as D from '../../../src/controllers/deployment/index.js'
import { deployment, events, podOf, replicaSet, run, shape, specWrite, template, viewOf } from './fixtures.js'

describe('rolledBackTo', () => {
  it('takes the set\'s template without its hash label, or keeps the Deployment\'s when the set has none', () => {
    const d = deployment({ annotations: { [D.revisionAnnotation]: '3', team: 'a' } })
    const rs = replicaSet({ image: 'nginx:0', revision: 1, annotations: { cause: 'v1' } })
    expect(D.rolledBackTo(d, rs)).toStrictEqual({
      ...d,
      metadata: { ...d.metadata, annotations: { [D.revisionAnnotation]: '3', cause: 'v1' } },
      spec: { ...d.spec, template: template('nginx:0') },
    })
    const { template: _t, ...spec } = rs.spec
    expect(D.rolledBackTo(d, { ...rs, spec }).spec.template).toStrictEqual(d.spec.template)
  })
})

describe('rollback through reconcile', () => {
  const v1 = () => replicaSet({ image: 'nginx:0', name: 'v1', replicas: 0, revision: 1, age: 600 })
  const v2 = () => replicaSet({ image: 'nginx:5', name: 'v2', replicas: 0, revision: 2, age: 400 })
  const v3 = () => replicaSet({ name: 'v3', replicas: 10, revision: 3, age: 200 })
  const request = (rev: string) => deployment({ annotations: { [D.revisionAnnotation]: '3', [D.rollbackToAnnotation]: rev } })

  it('an explicit revision picks that set, not the previous one', () => {
    const actions = run(request('1'), v1(), v2(), v3())
    expect(specWrite(actions)?.spec.template).toStrictEqual(template('nginx:0'))
    expect(events(actions)).toEqual([['Normal', 'DeploymentRollback', 'Rolled back deployment "web" to revision 1']])
  })

  it('revision 0 is the second highest revision', () => {
    const actions = run(request('0'), v1(), v2(), v3())
    expect(specWrite(actions)?.spec.template).toStrictEqual(template('nginx:5'))
    expect(events(actions)).toEqual([['Normal', 'DeploymentRollback', 'Rolled back deployment "web" to revision 2']])
    expect(specWrite(actions)?.metadata.annotations).toStrictEqual({ [D.revisionAnnotation]: '3' })
  })

  it("a template without its set yet: the set is created first (revision 3), then the rollback's Update", () => {
    const d = deployment({ annotations: { [D.revisionAnnotation]: '2', [D.rollbackToAnnotation]: '1' } })
    const actions = run(d, v1(), v2())
    expect(shape(actions).filter((x) => !x.startsWith('Event'))).toEqual([expect.stringMatching(/^Create ReplicaSet\/web-/), 'UpdateStatus Deployment/web', 'Update Deployment/web'])
    const created = actions.find((a) => a._tag === 'Create')
    expect(created?._tag === 'Create' && created.object.metadata.annotations?.[D.revisionAnnotation]).toBe('3')
    expect(specWrite(actions)?.spec.template).toStrictEqual(template('nginx:0'))
  })

  it('the request is cleared with one Update even when nothing is rolled back', () => {
    const actions = run(request('9'), v1(), v3())
    // (the status write records FoundNewReplicaSet for v3, found before the rollback is resolved)
    expect(shape(actions)).toEqual(['UpdateStatus Deployment/web', 'Event DeploymentRollbackRevisionNotFound', 'Update Deployment/web'])
    expect(specWrite(actions)?.metadata.annotations).toStrictEqual({ [D.revisionAnnotation]: '3' })
    expect(specWrite(actions)?.spec).toStrictEqual(request('9').spec)
  })
})

describe('oldPodsRunning', () => {
  const oldRS = replicaSet({ image: 'old', name: 'old', replicas: 0, status: { replicas: 0 } })
  const newRS = replicaSet({ name: 'new', replicas: 3 })
  const map = (entries: ReadonlyArray<readonly [string, ReadonlyArray<Pod>]>) => new Map(entries)

  it('an old set still reporting replicas counts, pods or not', () => {
    const busy = replicaSet({ image: 'old', name: 'old', replicas: 0, status: { replicas: 1 } })
    expect(D.oldPodsRunning(newRS, [busy], map([]))).toBe(true)
    expect(D.oldPodsRunning(newRS, [oldRS], map([]))).toBe(false)
  })

  it('pods of the new set never count; without a new set every pod does', () => {
    const running = podOf(newRS, 'p')
    expect(D.oldPodsRunning(newRS, [oldRS], map([['uid-new', [running]]]))).toBe(false)
    expect(D.oldPodsRunning(undefined, [oldRS], map([['uid-new', [running]]]))).toBe(true)
  })

  it('only Failed and Succeeded pods are over', () => {
    const pods = (phase: string) => map([['uid-old', [podOf(oldRS, 'a', 'Succeeded'), podOf(oldRS, 'b', phase)]]])
    expect(D.oldPodsRunning(newRS, [oldRS], pods('Failed'))).toBe(false)
    expect(D.oldPodsRunning(newRS, [oldRS], pods('Pending'))).toBe(true)
  })
})

describe('podMapFor', () => {
  it('keys by ReplicaSet uid; only selected pods of the Deployment\'s namespace; sets without a uid skipped', () => {
    const d = deployment()
    const rs = replicaSet({ name: 'a', replicas: 2 })
    const mine = podOf(rs, 'mine')
    const elsewhere = podOf(rs, 'elsewhere', 'Running', { namespace: 'team-a' })
    const unselected = podOf(rs, 'unselected', 'Running', { labels: { app: 'other' } })
    const { uid: _uid, ...metadata } = rs.metadata
    const anonymous: ReplicaSet = { ...rs, metadata: { ...metadata, name: 'anon' } }
    const view = viewOf(d, rs, mine, elsewhere, unselected)
    expect(D.podMapFor(d, view, [rs, anonymous])).toEqual(new Map([['uid-a', [mine]]]))
  })
})

describe('rolloutSummary', () => {
  const other: OwnerReference = { apiVersion: 'example.com/v1', kind: 'Application', name: 'app', uid: 'app-uid' }
  const withRefs = (rs: ReplicaSet, refs: ReadonlyArray<OwnerReference>): ReplicaSet => ({ ...rs, metadata: { ...rs.metadata, ownerReferences: refs } })

  it('finds the sets whatever the order of their owner references; a Deployment without uid has none', () => {
    const d = deployment()
    const ctl = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web', uid: 'dep-uid', controller: true }
    const a = withRefs(replicaSet({ image: 'nginx:0', name: 'a', replicas: 1, revision: 1 }), [other, ctl])
    const b = withRefs(replicaSet({ name: 'b', replicas: 2, revision: 2 }), [ctl, other])
    const notOurs = withRefs(replicaSet({ image: 'x', name: 'c', replicas: 2, revision: 3 }), [{ ...ctl, controller: false }])
    const rows = D.rolloutSummary(viewOf(d, b, a, notOurs), d)
    expect(rows.map((r) => [r.name, r.revision, r.current])).toEqual([['a', 1, false], ['b', 2, true]])
    const { uid: _uid, ...metadata } = d.metadata
    expect(D.rolloutSummary(viewOf(d, a, b), { ...d, metadata })).toEqual([])
  })
})
