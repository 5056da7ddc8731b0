/**
 * The fault arbitraries: every generated fault or plan is well-formed, plans resolve to targets
 * that exist in the view they are resolved against, and the simulation accepts them.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { fault, faultPlan, faultPlanTags, resolveFault, showPlan } from '../../../src/arbitraries/faults.js'
import { ReplicaSet as Arb } from '../../../src/arbitraries/index.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as ObjectRef from '../../../src/core/ObjectRef.js'
import * as Simulation from '../../../src/sim/index.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 50)

describe('fault plans', () => {
  it('resolve to faults whose targets exist in the view (or to nothing when there is none)', () => {
    fc.assert(
      fc.property(Arb.world({ maxPodsPerCategory: 2 }), faultPlan(), (w, plan) => {
        const f = resolveFault(plan, w.view)
        switch (plan._tag) {
          case 'ControllerRestart':
          case 'DropActions':
          case 'StaleView':
            expect(f?._tag).toBe(plan._tag)
            return
          case 'PodCrash':
          case 'DeletePod':
          case 'LabelPod': {
            const live = w.pods.filter((p) => p.metadata.deletionTimestamp === undefined)
            if (live.length === 0) {
              expect(f).toBeUndefined()
              return
            }
            const name = f?._tag === 'PodCrash' ? f.name : f?._tag === 'ExternalDelete' || f?._tag === 'ExternalEdit' ? f.target.name : ''
            expect(ClusterView.lookup(w.view, 'Pod', w.owner.metadata.namespace, name)?.metadata.deletionTimestamp).toBeUndefined()
            return
          }
          case 'NodeDown':
          case 'NodeUp':
            expect(f?._tag === plan._tag && w.nodes.some((n) => n.metadata.name === f.name)).toBe(true)
            return
          case 'Scale':
            expect(f?._tag === 'ExternalEdit' && f.patch).toEqual({ spec: { replicas: plan.replicas } })
            expect(f?._tag === 'ExternalEdit' && ['ReplicaSet', 'ReplicationController'].includes(f.target.kind)).toBe(true)
        }
      }),
      { numRuns: runs },
    )
  })

  it('are picked deterministically, in name order', () => {
    fc.assert(
      fc.property(Arb.world({ maxPodsPerCategory: 2 }), fc.nat(), (w, pick) => {
        const live = w.pods.filter((p) => p.metadata.deletionTimestamp === undefined).map((p) => p.metadata.name ?? '').sort()
        const f = resolveFault({ _tag: 'DeletePod', pick }, w.view)
        expect(f?._tag === 'ExternalDelete' ? f.target.name : undefined).toBe(live.length === 0 ? undefined : live[pick % live.length])
      }),
      { numRuns: Math.max(10, runs / 2) },
    )
  })

  it('cover every tag and render readably', () => {
    const tags = new Set(fc.sample(faultPlan(), { numRuns: 500, seed: 7 }).map((p) => p._tag))
    expect([...tags].sort()).toEqual([...faultPlanTags].sort())
    expect(showPlan({ _tag: 'LabelPod', pick: 3, key: 'app', value: null })).toBe('LabelPod(pick=3, key="app", value=null)')
    expect(showPlan({ _tag: 'ControllerRestart' })).toBe('ControllerRestart')
  })
})

describe('faults over known targets', () => {
  it('are accepted by the simulation and recorded in its trace', () => {
    fc.assert(
      fc.property(
        Arb.world({ maxPodsPerCategory: 2 }).chain((w) =>
          fault({
            pods: w.pods.map((p) => ({ namespace: p.metadata.namespace ?? '', name: p.metadata.name ?? '' })),
            nodes: w.nodes.map((n) => n.metadata.name ?? ''),
            deletable: w.pods.map(ObjectRef.of),
            labelable: w.pods.map(ObjectRef.of),
            scalable: [ObjectRef.of(w.owner)],
          }).map((f) => [w, f] as const),
        ),
        ([w, f]) => {
          const sim = Simulation.inject(Simulation.make({ objects: w.objects, start: w.now }), f)
          expect(sim.trace.at(-1)).toMatchObject({ _tag: 'Fault', fault: f })
        },
      ),
      { numRuns: Math.max(10, runs / 2) },
    )
  })
})
