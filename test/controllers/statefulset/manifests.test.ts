/**
 * The StatefulSet examples of the Kubernetes documentation, written as the docs show them
 * (`manifests/`): they decode, and in the simulation they converge to the ordered pods, each with
 * its claims, bound.
 */
import { describe, expect, it } from 'vitest'
import type { StatefulSet } from '../../../src/api/workloads.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as Simulation from '../../../src/sim/index.js'
import * as STS from '../../../src/controllers/statefulset/index.js'
import { manifest, node } from './fixtures.js'

const cases = [
  { file: 'web.yaml', set: 'web', replicas: 3, claims: ['www'], others: ['Service'] },
  { file: 'zookeeper.yaml', set: 'zk', replicas: 3, claims: ['datadir'], others: ['Service', 'Service', 'PodDisruptionBudget'] },
  { file: 'cassandra.yaml', set: 'cassandra', replicas: 3, claims: ['cassandra-data'], others: ['Service', 'StorageClass'] },
  { file: 'mysql.yaml', set: 'mysql', replicas: 3, claims: ['data'], others: ['ConfigMap', 'Service', 'Service'] },
] as const

describe('the Kubernetes documentation StatefulSets', () => {
  for (const c of cases) {
    it(`${c.file}: decodes, and converges to ${c.set}-0..${c.replicas - 1}, each Running and Ready on its bound claims`, () => {
      const m = manifest(c.file)
      expect(m.otherKinds).toEqual(c.others)
      const set = m.objects.find((o): o is StatefulSet => o.kind === 'StatefulSet')
      expect(set?.metadata.name).toBe(c.set)
      const start = new Date('2024-01-01T00:00:00Z')
      const sim = Simulation.runUntilStable(Simulation.make({ objects: [node('n1'), node('n2'), node('n3'), ...m.objects], start, seed: 1 }), { seconds: 3600 })
      expect(sim.stopped).toBe('fixpoint')
      const pods = ClusterView.listOf(sim.view, 'Pod').slice().sort((a, b) => STS.ordinalOf(a) - STS.ordinalOf(b))
      expect(pods.map((p) => p.metadata.name)).toEqual(Array.from({ length: c.replicas }, (_, i) => `${c.set}-${i}`))
      for (const p of pods) {
        expect(STS.isRunningAndReady(p)).toBe(true)
        for (const t of c.claims) {
          const name = `${t}-${p.metadata.name ?? ''}`
          expect(ClusterView.lookup(sim.view, 'PersistentVolumeClaim', 'default', name)?.status?.phase, name).toBe('Bound')
          expect(p.spec.volumes).toContainEqual({ name: t, persistentVolumeClaim: { claimName: name } })
        }
        expect(p.spec.hostname).toBe(p.metadata.name)
      }
      const stored = ClusterView.lookup(sim.view, 'StatefulSet', 'default', c.set)
      expect(stored?.status).toMatchObject({ replicas: c.replicas, readyReplicas: c.replicas, currentReplicas: c.replicas, updatedReplicas: c.replicas })
      expect(stored?.status?.currentRevision).toBe(stored?.status?.updateRevision)
    })
  }
})
