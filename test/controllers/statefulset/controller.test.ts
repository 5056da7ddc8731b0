/**
 * The StatefulSet controller's declaration: which changes wake which set, its summary and status
 * fields, and the feature gate reaching the reconcile.
 */
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/api/object.js'
import * as STS from '../../../src/controllers/statefulset/index.js'
import { controllerForKind, controllersWith } from '../../../src/controllers/registry.js'
import type { Wake } from '../../../src/core/Controller.js'
import { claim, now, pod, revisionOf, sts, viewOf, withStatus } from './fixtures.js'

const woken = (wakes: ReadonlyArray<Wake>, o: KubeObject, view: ReturnType<typeof viewOf>): ReadonlyArray<string> =>
  [...new Set(wakes.filter((w) => w.kind === o.kind || w.kind === '*').flatMap((w) => [...w.keys(o, view)]))].sort()

describe('StatefulSet controller declaration', () => {
  const set = sts({ claims: ['www'] })
  const other = sts({ name: 'db' })
  const view = viewOf(set, { ...other, metadata: { ...other.metadata, uid: 'db-uid' } })
  const { wakes } = STS.controller

  it('a set wakes itself; a pod its controlling set; an orphan the sets that select it and whose member it is by name', () => {
    expect(woken(wakes, set, view)).toEqual(['StatefulSet/default/web'])
    expect(woken(wakes, pod(set, 1), view)).toEqual(['StatefulSet/default/web'])
    expect(woken(wakes, pod(set, 1, { owner: null }), view)).toEqual(['StatefulSet/default/web'])
    const notMember = { ...pod(set, 1, { owner: null }), metadata: { ...pod(set, 1, { owner: null }).metadata, name: 'x-1' } }
    expect(woken(wakes, notMember, view)).toEqual([])
    expect(woken(wakes, pod(set, 1, { owner: null, labels: { app: 'other' } }), view)).toEqual([])
    expect(woken(wakes, pod(set, 1, { owner: { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'r', uid: 'r', controller: true } }), view)).toEqual([])
  })

  it('a revision wakes its set (orphans: the sets whose selector matches); a claim the set it is named for', () => {
    expect(woken(wakes, revisionOf(set), view)).toEqual(['StatefulSet/default/web'])
    const { ownerReferences: _o, ...meta } = revisionOf(set).metadata
    expect(woken(wakes, { ...revisionOf(set), metadata: meta }, view)).toEqual(['StatefulSet/default/db', 'StatefulSet/default/web'])
    expect(woken(wakes, { ...revisionOf(set), metadata: { ...meta, labels: { app: 'none' } } }, view)).toEqual([])
    expect(woken(wakes, claim(set, 'www', 7), view)).toEqual(['StatefulSet/default/web'])
    const c = claim(set, 'www', 7)
    for (const name of ['www-web-x', 'log-web-7', 'www-web-', 'www-webby-7']) expect(woken(wakes, { ...c, metadata: { ...c.metadata, name } }, view), name).toEqual([])
  })

  it('declares no expectations, a summary and the status fields', () => {
    expect(STS.controller.expectations).toEqual([])
    const s = withStatus(set, {})
    expect(STS.summary(s, viewOf(s, pod(s, 0), pod(s, 1, { state: 'running' }), pod(s, 2, { state: 'terminating' })))).toBe('web 3 desired, 2 pods, 1 ready')
    expect(STS.statusFields.map(([f]) => f)).toEqual(['replicas', 'readyReplicas', 'availableReplicas', 'currentReplicas', 'updatedReplicas'])
  })

  it('the registry builds it per feature-gate set; the gate changes the rolling update', () => {
    const rev = revisionOf(set)
    const base = withStatus(sts({ replicas: 4, maxUnavailable: 2, policy: 'Parallel' }), {})
    const next = { ...base, spec: { ...base.spec, template: { ...base.spec.template, spec: { containers: [{ name: 'nginx', image: 'nginx:2' }] } } } }
    const objects = [next, rev, revisionOf(next, 2), ...[0, 1, 2, 3].map((i) => pod(base, i))]
    const deletes = (r: typeof STS.reconcile) => r(next, viewOf(...objects), now).filter((a) => a._tag === 'Delete' && a.target.kind === 'Pod').length
    expect(deletes(controllerForKind('StatefulSet')!.reconcile)).toBe(1)
    expect(deletes(controllerForKind('StatefulSet', controllersWith({ MaxUnavailableStatefulSet: true }))!.reconcile)).toBe(2)
    expect(deletes(STS.controllerWith({ featureGates: { MaxUnavailableStatefulSet: false } }).reconcile)).toBe(1)
  })
})
