/**
 * TTL-after-finished with the Job controller, the kubelet and the garbage collector: Jobs that run
 * to completion (or failure) at arbitrary times, with and without TTLs. Every TTL pass keeps TTL-1
 * (and every garbage collector pass GC-4); at the fixpoint TTL-2 and GC-1 hold: the Jobs with a
 * TTL are gone with their pods, the others stay.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Job } from '../../../src/api/workloads.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import type { Violation } from '../../../src/invariants/index.js'
import * as Simulation from '../../../src/sim/index.js'
import * as H from '../../harness.js'
import { node, start } from '../../sim/fixtures.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 20)

const job = (name: string, ttl: number | undefined, exitAfter: number, exitCode: number): Job => ({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name, namespace: 'default' },
  spec: {
    backoffLimit: 0,
    ...(ttl === undefined ? {} : { ttlSecondsAfterFinished: ttl }),
    template: {
      metadata: { annotations: { 'sim.kube-reconcile.io/exit-after-seconds': String(exitAfter), 'sim.kube-reconcile.io/exit-code': String(exitCode) } },
      spec: { containers: [{ name: 'main', image: 'busybox' }], restartPolicy: 'Never' },
    },
  },
})

const jobs = fc.array(
  fc.record({ ttl: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }), exitAfter: fc.integer({ min: 1, max: 60 }), fails: fc.boolean() }),
  { minLength: 1, maxLength: 4 },
)

describe('TTL-after-finished in the simulation', () => {
  it('TTL-1 on every pass; at the fixpoint TTL-2 and GC-1 hold, Jobs with a TTL gone with their pods, the others kept', () => {
    fc.assert(
      fc.property(jobs, (js) => {
        const seen: Array<Violation> = []
        const objects = [node('n1'), ...js.map((j, i) => job(`j${i}`, j.ttl, j.exitAfter, j.fails ? 1 : 0))]
        const sim = Simulation.make({ objects, start, pacing: false, controllers: H.passChecked(seen) })
        const end = H.settle(sim, { rounds: 3000, seconds: 3600 })
        H.expectFixpoint({ ...end, violations: seen }, H.atFixpoint(['TtlAfterFinished', 'GarbageCollector']))
        js.forEach((j, i) => expect(ClusterView.lookup(end.sim.view, 'Job', 'default', `j${i}`) === undefined, `j${i} ttl ${j.ttl}`).toBe(j.ttl !== undefined))
        const names = new Set(ClusterView.listOf(end.sim.view, 'Job').map((j) => j.metadata.uid))
        expect(ClusterView.listOf(end.sim.view, 'Pod').every((p) => (p.metadata.ownerReferences ?? []).every((r) => names.has(r.uid)))).toBe(true)
      }),
      { numRuns: runs },
    )
  }, 300_000)
})
