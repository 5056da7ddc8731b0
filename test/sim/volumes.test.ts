/**
 * The volume binder and the scheduler's claim check: a claim binds after `bindSeconds`; a pod
 * waits, unschedulable, until every claim it mounts exists, is bound and is not being deleted;
 * claims outlive their pods.
 */
import { describe, expect, it } from 'vitest'
import { applyDefaults } from '../../src/api/defaults.js'
import type { PersistentVolumeClaim } from '../../src/api/node.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as Simulation from '../../src/sim/index.js'
import type { Simulation as Sim } from '../../src/sim/index.js'
import { bareOptions, getPod, node, pod } from './fixtures.js'

const claim = (name: string, extra: Partial<PersistentVolumeClaim['metadata']> = {}): PersistentVolumeClaim =>
  applyDefaults({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name, namespace: 'default', ...extra },
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
  } as PersistentVolumeClaim)

const withClaim = (name: string, claimName: string) =>
  pod(name, { spec: { volumes: [{ name: 'data', persistentVolumeClaim: { claimName } }] } })

const pvc = (sim: Sim, name: string): PersistentVolumeClaim | undefined => ClusterView.lookup(sim.view, 'PersistentVolumeClaim', 'default', name)
const scheduled = (sim: Sim, name: string): string | undefined => getPod(sim, name)?.spec.nodeName
const why = (sim: Sim, name: string): string | undefined =>
  getPod(sim, name)?.status?.conditions?.find((c) => c.type === 'PodScheduled')?.message

describe('volume binder', () => {
  it('binds a new claim after bindSeconds, with its capacity and access modes', () => {
    let sim = Simulation.make(bareOptions([claim('data')], { volumes: { bindSeconds: 5 } }))
    sim = Simulation.advance(sim, 4)
    expect(pvc(sim, 'data')?.status?.phase).toBe('Pending')
    sim = Simulation.advance(sim, 1)
    const bound = pvc(sim, 'data')
    expect(bound?.status).toMatchObject({ phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' } })
    expect(bound?.spec?.volumeName).toBe(`pvc-${bound?.metadata.uid ?? ''}`)
    expect(Simulation.timeline(sim)).toContain('Bound to pvc-')
  })

  it('leaves a claim alone that is already bound or being deleted', () => {
    const preBound = { ...claim('a'), spec: { volumeName: 'pv-1' }, status: { phase: 'Bound' } } as PersistentVolumeClaim
    const deleting = claim('b', { deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['kubernetes.io/pvc-protection'] })
    const sim = Simulation.advance(Simulation.make(bareOptions([preBound, deleting])), 10)
    expect(pvc(sim, 'a')?.spec?.volumeName).toBe('pv-1')
    expect(pvc(sim, 'b')?.status?.phase).toBe('Pending')
  })
})

describe('the scheduler waits for claims', () => {
  it('keeps a pod whose claim is missing unschedulable, and binds it once the claim exists and is bound', () => {
    let sim = Simulation.make(bareOptions([node('n1'), withClaim('db-0', 'data-db-0')], { volumes: { bindSeconds: 3 } }))
    sim = Simulation.step(sim)
    expect(scheduled(sim, 'db-0')).toBeUndefined()
    expect(why(sim, 'db-0')).toBe('0/1 nodes are available: persistentvolumeclaim "data-db-0" not found.')
    sim = Simulation.inject(sim, { _tag: 'ExternalCreate', object: claim('data-db-0') })
    sim = Simulation.step(sim)
    expect(scheduled(sim, 'db-0')).toBeUndefined()
    expect(why(sim, 'db-0')).toBe('0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.')
    sim = Simulation.runUntilStable(sim, { seconds: 60 })
    expect(scheduled(sim, 'db-0')).toBe('n1')
  })

  it('keeps a pod whose claim is being deleted unschedulable', () => {
    const deleting = { ...claim('data', { deletionTimestamp: '2024-01-01T00:00:00Z', finalizers: ['kubernetes.io/pvc-protection'] }), status: { phase: 'Bound' } } as PersistentVolumeClaim
    const sim = Simulation.runUntilStable(Simulation.make(bareOptions([node('n1'), deleting, withClaim('db-0', 'data')])), { seconds: 30 })
    expect(scheduled(sim, 'db-0')).toBeUndefined()
    expect(why(sim, 'db-0')).toBe('0/1 nodes are available: persistentvolumeclaim "data" is being deleted.')
  })

  it('a pod re-created under the same name finds its old claim', () => {
    let sim = Simulation.runUntilStable(Simulation.make(bareOptions([node('n1'), claim('data'), withClaim('db-0', 'data')])), { seconds: 30 })
    const uid = pvc(sim, 'data')?.metadata.uid
    expect(scheduled(sim, 'db-0')).toBe('n1')
    sim = Simulation.inject(sim, { _tag: 'ExternalDelete', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'db-0' } })
    sim = Simulation.runUntilStable(sim, { seconds: 30 })
    expect(getPod(sim, 'db-0')).toBeUndefined()
    sim = Simulation.inject(sim, { _tag: 'ExternalCreate', object: withClaim('db-0', 'data') })
    sim = Simulation.runUntilStable(sim, { seconds: 30 })
    expect(scheduled(sim, 'db-0')).toBe('n1')
    expect(pvc(sim, 'data')?.metadata.uid).toBe(uid)
  })

  it('pods without claims are not held back', () => {
    const sim = Simulation.runUntilStable(Simulation.make(bareOptions([node('n1'), pod('web')])), { seconds: 10 })
    expect(scheduled(sim, 'web')).toBe('n1')
  })
})
