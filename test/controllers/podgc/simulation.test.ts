/**
 * Pod GC's terminated-pod threshold in the simulation: arbitrary numbers of finished pods (some
 * evicted), a threshold of a few; at the fixpoint PODGC-1 (for that threshold) holds, and the
 * pods left are the newest, the evicted ones gone first.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src/api/pod.js'
import { controllerWith } from '../../../src/controllers/podgc/index.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { podgc1With } from '../../../src/invariants/podgc.js'
import { format } from '../../../src/invariants/Violation.js'
import * as Simulation from '../../../src/sim/index.js'
import { node, start } from '../../sim/fixtures.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 50)

const finished = (name: string, phase: string, minutes: number, evicted: boolean): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', creationTimestamp: new Date(start.getTime() - (100 - minutes) * 60_000).toISOString().replace('.000Z', 'Z') },
  spec: { containers: [{ name: 'c', image: 'busybox' }], nodeName: 'n1', restartPolicy: 'Never' },
  status: { phase, ...(evicted ? { reason: 'Evicted' } : {}) },
})

describe('the terminated-pod threshold in the simulation', () => {
  it('PODGC-1 at the fixpoint; the survivors are the newest, evicted pods gone first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ phase: fc.constantFrom('Succeeded', 'Failed'), minutes: fc.nat({ max: 99 }), evicted: fc.boolean() }), { maxLength: 12 }),
        fc.integer({ min: 1, max: 6 }),
        (pods, threshold) => {
          const objects = [node('n1'), ...pods.map((p, i) => finished(`p${String(i).padStart(2, '0')}`, p.phase, p.minutes, p.evicted && p.phase === 'Failed'))]
          const sim = Simulation.runUntilStable(
            Simulation.make({ objects, start, pacing: false, controllers: { 'pod-garbage-collector': controllerWith({ terminatedPodThreshold: threshold }) } }),
          )
          expect(sim.stopped).toBe('fixpoint')
          const found = podgc1With(threshold)(sim.view)
          expect(found, format(found)).toEqual([])
          const left = ClusterView.listOf(sim.view, 'Pod')
          expect(left).toHaveLength(Math.min(threshold, pods.length))
          const rank = (p: Pod): string => `${p.status?.reason === 'Evicted' ? 0 : 1}${p.metadata.creationTimestamp ?? ''}${p.metadata.name ?? ''}`
          const ranked = objects.flatMap((o) => (o.kind === 'Pod' ? [o] : [])).sort((a, b) => (rank(a) < rank(b) ? -1 : 1))
          expect(left.map((p) => p.metadata.name).sort()).toEqual(ranked.slice(ranked.length - left.length).map((p) => p.metadata.name).sort())
        },
      ),
      { numRuns: runs },
    )
  }, 120_000)
})
