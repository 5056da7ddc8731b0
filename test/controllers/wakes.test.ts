/**
 * The controllers' declarations: which change wakes which key (upstream's informer handlers),
 * the expectations they keep and how the CLI sums them up — checked one wake at a time.
 */
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/api/object.js'
import type { Deployment, ReplicaSet, ReplicationController } from '../../src/api/workloads.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import type { ChangeType, Controller, Wake } from '../../src/core/Controller.js'
import { clusterWide, controllerOf, every, keyOfObject, on, perObject, self } from '../../src/core/Controller.js'
import { controller as deploymentController } from '../../src/controllers/deployment/controller.js'
import { controllers } from '../../src/controllers/registry.js'
import { replicaSetController, replicationControllerController, sizeSummary } from '../../src/controllers/replicaset/controller.js'
import { statusSummary } from '../../src/sim/timeline.js'
import { deepFreeze } from '../helpers/freeze.js'
import { pod } from '../helpers/objects.js'

const ref = (kind: string, name: string, controller = true) => ({ apiVersion: 'apps/v1', kind, name, uid: `uid-${name}`, controller })

const rs = (name: string, labels: Record<string, string>, owner?: string, selector: ReplicaSet['spec']['selector'] = { matchLabels: labels }): ReplicaSet =>
  deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, labels, ...(owner === undefined ? {} : { ownerReferences: [ref('Deployment', owner)] }) },
    spec: { replicas: 3, selector, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  })

const rc = (name: string, selector: Record<string, string>): ReplicationController =>
  deepFreeze({ apiVersion: 'v1', kind: 'ReplicationController', metadata: { name, namespace: 'default', uid: `uid-${name}` }, spec: { replicas: 2, selector } })

const deployment = (name: string, labels: Record<string, string>, namespace = 'default'): Deployment =>
  deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace, uid: `uid-${name}` },
    spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
  })

/** The keys `c`'s wakes give for a change of `object` of type `type`, sorted. */
const woken = (c: Controller, object: KubeObject, type: ChangeType, view: ClusterView.ClusterView): ReadonlyArray<string> =>
  c.wakes
    .filter((w: Wake) => (w.kind === object.kind || w.kind === '*') && (w.events === undefined || w.events.includes(type)))
    .flatMap((w) => [...w.keys(object, view)])
    .sort()

describe('ReplicaSet and ReplicationController wakes', () => {
  const view = ClusterView.fromObjects([rs('web', { app: 'web' }), rs('other', { app: 'other' }), rs('bad', { app: 'web' }, undefined, { matchExpressions: [{ key: 'app', operator: 'Bogus' }] }), rc('legacy', { app: 'web' })])

  it('a pod wakes its controlling owner of the kind, and only that', () => {
    const owned = pod('p', {}, { ownerReferences: [ref('ReplicaSet', 'web')], labels: { app: 'web' } })
    expect(woken(replicaSetController, owned, 'update', view)).toEqual(['ReplicaSet/default/web'])
    expect(woken(replicationControllerController, owned, 'update', view)).toEqual([])
    const byRc = pod('q', {}, { ownerReferences: [{ ...ref('ReplicationController', 'legacy'), apiVersion: 'v1' }], labels: { app: 'web' } })
    expect(woken(replicationControllerController, byRc, 'delete', view)).toEqual(['ReplicationController/default/legacy'])
    expect(woken(replicaSetController, byRc, 'delete', view)).toEqual([])
  })

  it('an orphan pod wakes every owner of its namespace whose (valid) selector matches it', () => {
    const orphan = pod('o', {}, { labels: { app: 'web' } })
    expect(woken(replicaSetController, orphan, 'add', view)).toEqual(['ReplicaSet/default/web'])
    expect(woken(replicationControllerController, orphan, 'add', view)).toEqual(['ReplicationController/default/legacy'])
    expect(woken(replicaSetController, pod('x', {}, { labels: { app: 'none' } }), 'add', view)).toEqual([])
    expect(woken(replicaSetController, pod('y', {}, { labels: { app: 'web' }, namespace: 'elsewhere' }), 'add', view)).toEqual([])
  })

  it('its own changes wake it; it keeps pod expectations; the CLI sums it up', () => {
    expect(woken(replicaSetController, rs('web', { app: 'web' }), 'update', view)).toEqual(['ReplicaSet/default/web'])
    expect(replicaSetController.expectations).toEqual(['pods'])
    expect(replicationControllerController.expectations).toEqual(['pods'])
    const pods = [
      pod('a', {}, { ownerReferences: [ref('ReplicaSet', 'web')] }),
      pod('b', { status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] } }, { ownerReferences: [ref('ReplicaSet', 'web')] }),
      pod('c', { status: { phase: 'Failed' } }, { ownerReferences: [ref('ReplicaSet', 'web')] }),
    ]
    const v = ClusterView.fromObjects([rs('web', { app: 'web' }), ...pods])
    expect(sizeSummary(rs('web', { app: 'web' }), v)).toBe('web 3 desired, 2 pods, 1 ready')
    expect(replicaSetController.statusFields?.map(([f]) => f)).toEqual(['replicas', 'readyReplicas', 'availableReplicas', 'terminatingReplicas'])
  })
})

describe('Deployment wakes', () => {
  const web = deployment('web', { app: 'web' })
  const view = ClusterView.fromObjects([web, deployment('api', { app: 'api' }), rs('web-1', { app: 'web' }, 'web'), rs('loose', { app: 'x' })])

  it('a ReplicaSet wakes its controlling Deployment; an orphan ReplicaSet the Deployments whose selector matches it', () => {
    expect(woken(deploymentController, rs('web-1', { app: 'web' }, 'web'), 'update', view)).toEqual(['Deployment/default/web'])
    expect(woken(deploymentController, rs('stray', { app: 'api' }), 'add', view)).toEqual(['Deployment/default/api'])
    expect(woken(deploymentController, rs('stray', { app: 'none' }), 'add', view)).toEqual([])
  })

  it("only a pod's deletion wakes the Deployment of the pod's ReplicaSet", () => {
    const p = pod('p', {}, { ownerReferences: [ref('ReplicaSet', 'web-1')] })
    expect(woken(deploymentController, p, 'delete', view)).toEqual(['Deployment/default/web'])
    expect(woken(deploymentController, p, 'update', view)).toEqual([])
    expect(woken(deploymentController, p, 'add', view)).toEqual([])
    expect(woken(deploymentController, pod('q', {}, { ownerReferences: [ref('ReplicaSet', 'loose')] }), 'delete', view)).toEqual([])
    expect(woken(deploymentController, pod('r', {}, { ownerReferences: [ref('ReplicaSet', 'gone')] }), 'delete', view)).toEqual([])
    expect(woken(deploymentController, pod('s'), 'delete', view)).toEqual([])
  })

  it('its own changes wake it; it keeps no expectations; its status fields are the rollout counters', () => {
    expect(woken(deploymentController, web, 'update', view)).toEqual(['Deployment/default/web'])
    expect(deploymentController.expectations).toEqual([])
    expect(deploymentController.summary).toBeUndefined()
    expect(deploymentController.statusFields?.map(([f]) => f)).toEqual([
      'replicas',
      'readyReplicas',
      'availableReplicas',
      'updatedReplicas',
      'unavailableReplicas',
      'terminatingReplicas',
    ])
    const status = { replicas: 4, readyReplicas: 3, availableReplicas: 2, updatedReplicas: 1, unavailableReplicas: 2, terminatingReplicas: 0, observedGeneration: 7 }
    expect(statusSummary({ ...web, status }, [deploymentController])).toBe(
      'replicas 4, ready 3, available 2, updated 1, unavailable 2, terminating 0',
    )
  })
})

describe('Controller builders', () => {
  const view = ClusterView.fromObjects([rs('a', { app: 'a' }), rs('b', { app: 'b' })])
  const p = pod('p', {}, { ownerReferences: [ref('ReplicaSet', 'a')] })

  it('self, controllerOf, every and on', () => {
    expect([...self('Pod').keys(p, view)]).toEqual(['Pod/default/p'])
    expect([...controllerOf('Pod', 'ReplicaSet').keys(p, view)]).toEqual(['ReplicaSet/default/a'])
    expect([...controllerOf('Pod', 'Job').keys(p, view)]).toEqual([])
    expect([...controllerOf('Pod', 'ReplicaSet').keys(pod('orphan'), view)]).toEqual([])
    expect([...every('Node', 'ReplicaSet').keys(p, view)].sort()).toEqual(['ReplicaSet/default/a', 'ReplicaSet/default/b'])
    const deletes = on(['delete'], self('Pod'))
    expect(deletes.events).toEqual(['delete'])
    expect(deletes.kind).toBe('Pod')
    expect(keyOfObject(p)).toBe('Pod/default/p')
  })

  it('perObject always wakes on its own kind first and omits what it is not given', () => {
    const c = perObject('x', 'ReplicaSet', () => [], { wakes: [every('Node', 'ReplicaSet')] })
    expect(c._tag).toBe('PerObject')
    expect(c.wakes.map((w) => w.kind)).toEqual(['ReplicaSet', 'Node'])
    expect(c.expectations).toEqual([])
    expect('summary' in c).toBe(false)
    expect('statusFields' in c).toBe(false)
    const bare = perObject('y', 'ReplicaSet', () => [])
    expect(bare.wakes.map((w) => w.kind)).toEqual(['ReplicaSet'])
  })

  it('clusterWide wakes its one key on any change of the kinds it watches', () => {
    const c = clusterWide('gc', () => [], ['Pod', 'Node'])
    expect(c._tag).toBe('ClusterWide')
    expect(c.wakes.map((w) => w.kind)).toEqual(['Pod', 'Node'])
    expect(c.wakes.flatMap((w) => [...w.keys(p, view)])).toEqual(['gc', 'gc'])
  })

  it('the registry lists the built-in controllers in order, named after their kinds', () => {
    expect(controllers.map((c) => c.name)).toEqual([
      'ReplicaSet',
      'ReplicationController',
      'Deployment',
      'StatefulSet',
      'DaemonSet',
      'Job',
      'job-orphan-pods',
      'CronJob',
      'node-lifecycle-controller',
      'taint-eviction-controller',
      'ttl-after-finished',
      'pod-garbage-collector',
      'garbage-collector',
    ])
  })
})
