/**
 * Generic objects live in the view, the simulated API server and the garbage collector like any
 * other object: indexes, create/update/delete with the generic strategy, owner references.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as O from 'fp-ts/lib/Option.js'
import { describe, expect, it } from 'vitest'
import { decodeManifests } from '../../src/api/decode.js'
import type { KubeObject } from '../../src/api/object.js'
import { strategyFor } from '../../src/api/strategy.js'
import * as CV from '../../src/core/ClusterView.js'
import * as Core from '../../src/invariants/core.js'
import * as Simulation from '../../src/sim/index.js'
import type { Simulation as Sim } from '../../src/sim/index.js'
import { deepFreeze } from './util.js'

const start = new Date('2024-01-01T00:00:00Z')

const text = `apiVersion: apps/v1
kind: Deployment
metadata: { name: web, uid: dep-uid }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: c, image: nginx }] }
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: web-config
  uid: cm-uid
  ownerReferences: [{ apiVersion: apps/v1, kind: Deployment, name: web, uid: dep-uid }]
data: { level: debug }
---
apiVersion: v1
kind: Service
metadata: { name: web, uid: svc-uid, labels: { app: web } }
spec: { selector: { app: web }, ports: [{ port: 80 }] }
status: { loadBalancer: {} }
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata: { name: "system:web-reader", uid: cr-uid }
rules: [{ apiGroups: [""], resources: [pods], verbs: [get] }]
---
apiVersion: v1
kind: Node
metadata: { name: n1 }
status: { conditions: [{ type: Ready, status: "True" }], allocatable: { pods: "10" } }
`

const objects = (): ReadonlyArray<KubeObject> => {
  const r = decodeManifests(text)
  if (E.isLeft(r)) throw new Error(r.left.message)
  return deepFreeze(r.right)
}

const named = (sim: Sim, kind: string, namespace: string | undefined, name: string): KubeObject | undefined =>
  O.toUndefined(CV.get(sim.view, kind, namespace, name))

const settle = (sim: Sim): Sim => Simulation.runUntilStable(sim, { rounds: 500, seconds: 600 })

describe('generic objects in the view', () => {
  it('are indexed by kind, namespace, uid and owner', () => {
    const view = CV.fromObjects(objects())
    expect(CV.list(view, 'Service').map((o) => o.metadata.name)).toEqual(['web'])
    expect(O.toUndefined(CV.get(view, 'ClusterRole', undefined, 'system:web-reader'))?.metadata.uid).toBe('cr-uid')
    expect(O.toUndefined(CV.getByUid(view, 'cm-uid'))?.metadata.name).toBe('web-config')
    expect(CV.dependentsOf(view, 'dep-uid').map((o) => o.metadata.name)).toEqual(['web-config'])
  })

  it('break none of the core invariants, whose checks handle every kind', () => {
    expect(Core.checkView(CV.fromObjects(objects()))).toEqual([])
  })
})

describe('generic objects in the simulation', () => {
  it('stay as given through a run, and go with their owner by the garbage collector (Background)', () => {
    let sim = settle(Simulation.make({ objects: objects(), start, seed: 1 }))
    expect(named(sim, 'Service', 'default', 'web')).toMatchObject({ status: { loadBalancer: {} }, spec: { ports: [{ port: 80 }] } })
    expect(named(sim, 'ConfigMap', 'default', 'web-config')).toBeDefined()
    sim = settle(Simulation.inject(sim, { _tag: 'ExternalDelete', target: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' } }))
    expect(named(sim, 'ConfigMap', 'default', 'web-config')).toBeUndefined()
    expect(CV.list(sim.view, 'ReplicaSet')).toEqual([])
    expect(named(sim, 'Service', 'default', 'web')).toBeDefined()
    expect(named(sim, 'ClusterRole', undefined, 'system:web-reader')).toBeDefined()
  })

  it('are created as the API server creates any object: uid, generation, time, the namespace of a built-in kind, status as sent', () => {
    let sim = Simulation.make({ objects: objects(), start, seed: 1 })
    const secret = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'token' }, type: 'Opaque', stringData: { a: 'b' } }
    sim = Simulation.inject(sim, { _tag: 'ExternalCreate', object: secret as unknown as KubeObject })
    const stored = named(sim, 'Secret', 'default', 'token')
    expect(stored).toMatchObject({ type: 'Opaque', stringData: { a: 'b' }, metadata: { namespace: 'default', generation: 1, creationTimestamp: '2024-01-01T00:00:00Z' } })
    expect(stored?.metadata.uid).toMatch(/^[0-9a-f-]{36}$/)
    const cr = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'team' }, status: { phase: 'Ready' } }
    sim = Simulation.inject(sim, { _tag: 'ExternalCreate', object: cr as unknown as KubeObject })
    expect(named(sim, 'Widget', 'team', 'w')).toMatchObject({ status: { phase: 'Ready' } })
  })

  it('a cluster-scoped built-in kind is stored without a namespace', () => {
    const sim = Simulation.inject(Simulation.make({ objects: objects(), start, seed: 1 }), {
      _tag: 'ExternalCreate',
      object: { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast', namespace: 'default' }, provisioner: 'x' } as unknown as KubeObject,
    })
    expect(named(sim, 'StorageClass', undefined, 'fast')?.metadata.namespace).toBeUndefined()
    expect(strategyFor('StorageClass').namespaceOf('default')).toBeUndefined()
    expect(strategyFor('Secret').namespaceOf(undefined)).toBe('default')
    expect(strategyFor('Widget').namespaceOf(undefined)).toBeUndefined()
  })

  it('an invalid generic object is rejected by the API server, naming the field', () => {
    const sim = Simulation.inject(Simulation.make({ objects: objects(), start, seed: 1 }), {
      _tag: 'ExternalCreate',
      object: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'Web_2' } } as unknown as KubeObject,
    })
    const last = sim.trace[sim.trace.length - 1]
    expect(last?._tag === 'Fault' && last.result).toBe('rejected')
    expect(last?._tag === 'Fault' && last.detail).toMatch(/metadata\.name: must be a DNS-1035 label/)
  })

  it('are edited and deleted like any object: a merge patch, Background deletion at once', () => {
    let sim = Simulation.make({ objects: objects(), start, seed: 1 })
    sim = Simulation.inject(sim, { _tag: 'ExternalEdit', target: { apiVersion: 'v1', kind: 'ConfigMap', namespace: 'default', name: 'web-config' }, patch: { data: { level: 'info' }, metadata: { labels: { a: 'b' } } } })
    expect(named(sim, 'ConfigMap', 'default', 'web-config')).toMatchObject({ data: { level: 'info' }, metadata: { labels: { a: 'b' }, uid: 'cm-uid' } })
    sim = Simulation.inject(sim, { _tag: 'ExternalDelete', target: { apiVersion: 'v1', kind: 'Service', namespace: 'default', name: 'web' } })
    expect(named(sim, 'Service', 'default', 'web')).toBeUndefined()
    expect(strategyFor('Service').defaultPropagation).toBe('Background')
  })
})
