/**
 * Node churn plans resolve against the cluster at injection time: each names an existing node
 * (a new one for NodeAdd), uses only the allowed keys, and applies cleanly.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { churnLabels, churnTaintKeys, faultPlan, nodeChurnPlanTags, resolveFault } from '../../src/arbitraries/faults.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as Simulation from '../../src/sim/index.js'
import { bareOptions, node } from '../sim/fixtures.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 50)

describe('node churn plans', () => {
  const nodes = [node('a'), node('b'), node('c')]
  const view = ClusterView.fromObjects(nodes)

  it('resolve to a node fault on an existing node (a new churn-N node for NodeAdd) with the allowed keys', () => {
    fc.assert(
      fc.property(faultPlan({ tags: nodeChurnPlanTags }), (plan) => {
        const f = resolveFault(plan, view)
        expect(f?._tag).toBe(plan._tag)
        if (f === undefined || !('name' in f)) return
        if (f._tag === 'NodeAdd') {
          expect(f.name).toMatch(/^churn-\d$/)
          for (const [k, v] of Object.entries(f.labels ?? {})) {
            expect(churnLabels.keys).toContain(k)
            expect(churnLabels.values).toContain(v)
          }
        } else expect(['a', 'b', 'c']).toContain(f.name)
        if (f._tag === 'NodeTaint') expect(churnTaintKeys).toContain(f.taint.key)
        if (f._tag === 'NodeUntaint') expect(churnTaintKeys).toContain(f.key)
        if (f._tag === 'NodeLabel') expect(Object.keys(f.labels).every((k) => (churnLabels.keys as ReadonlyArray<string>).includes(k))).toBe(true)
      }),
      { numRuns: runs },
    )
  })

  it('apply without error to a running cluster', () => {
    fc.assert(
      fc.property(fc.array(faultPlan({ tags: nodeChurnPlanTags }), { maxLength: 6 }), (plans) => {
        let sim = Simulation.make(bareOptions(nodes))
        for (const p of plans) {
          const f = resolveFault(p, sim.view)
          if (f !== undefined) sim = Simulation.inject(sim, f)
        }
        const results = sim.trace.flatMap((t) => (t._tag === 'Fault' ? [t.result ?? 'applied'] : []))
        // Only a NodeAdd of a node that already joined may be refused.
        const refused = sim.trace.filter((t) => t._tag === 'Fault' && t.result === 'rejected')
        expect(refused.every((t) => t._tag === 'Fault' && t.fault._tag === 'NodeAdd')).toBe(true)
        expect(results.length).toBeLessThanOrEqual(plans.length)
      }),
      { numRuns: runs },
    )
  })

  it('are not in the default plan tags', () => {
    fc.assert(fc.property(faultPlan(), (p) => !nodeChurnPlanTags.includes(p._tag)), { numRuns: runs })
  })

  it('resolve to nothing without nodes (NodeAdd aside)', () => {
    fc.assert(
      fc.property(faultPlan({ tags: nodeChurnPlanTags }), (plan) => {
        const f = resolveFault(plan, ClusterView.empty)
        return plan._tag === 'NodeAdd' ? f?._tag === 'NodeAdd' : f === undefined
      }),
      { numRuns: runs },
    )
  })
})
