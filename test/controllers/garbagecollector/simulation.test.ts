/**
 * The garbage collector in the simulation: with the ReplicaSet and Deployment controllers
 * (Background, Orphan and Foreground deletion as kubectl sends them), and on arbitrary owner
 * graphs of inert objects (cycles, several owners, blocking and non-blocking references), where a
 * deletion with any policy ends as upstream's GC invariants say.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OwnerReference } from '../../../src/api/meta.js'
import type { PersistentVolumeClaim } from '../../../src/api/node.js'
import type { KubeObject } from '../../../src/api/object.js'
import type { PropagationPolicy } from '../../../src/api/strategy.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { controller as gc } from '../../../src/controllers/garbagecollector/index.js'
import * as Simulation from '../../../src/sim/index.js'
import type { QueueMode, Simulation as Sim } from '../../../src/sim/index.js'
import { applyDefaults } from '../../../src/api/defaults.js'
import type { Deployment } from '../../../src/api/workloads.js'
import { node, podSpec, podsOf, replicaSet, start } from '../../sim/fixtures.js'

const deployment = (name: string, replicas: number): Deployment =>
  applyDefaults({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace: 'default', uid: `uid-${name}` },
    spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: podSpec() } },
  } as Deployment)

const runs = Number(process.env.PROPERTY_RUNS ?? 60)

const withGc = (objects: ReadonlyArray<KubeObject>, extra: Partial<Simulation.SimulationOptions> = {}) =>
  Simulation.make({ objects, start, pacing: false, checkWakes: true, controllers: { 'garbage-collector': gc }, ...extra })

const del = (sim: Sim, kind: string, name: string, policy?: PropagationPolicy): Sim =>
  Simulation.inject(sim, {
    _tag: 'ExternalDelete',
    target: { apiVersion: kind === 'Deployment' || kind === 'ReplicaSet' ? 'apps/v1' : 'v1', kind, namespace: 'default', name },
    ...(policy === undefined ? {} : { propagationPolicy: policy }),
  })

describe('with the workload controllers', () => {
  const settled = () => Simulation.runUntilStable(withGc([node('n1'), replicaSet('web', 3)]), { seconds: 60 })

  it('Background: the ReplicaSet goes at once, its pods after it', () => {
    const sim = Simulation.runUntilStable(del(settled(), 'ReplicaSet', 'web', 'Background'), { seconds: 60 })
    expect(ClusterView.lookup(sim.view, 'ReplicaSet', 'default', 'web')).toBeUndefined()
    expect(podsOf(sim)).toEqual([])
  })

  it('Orphan: the pods survive without the reference', () => {
    const before = podsOf(settled()).map((p) => p.metadata.name)
    const sim = Simulation.runUntilStable(del(settled(), 'ReplicaSet', 'web', 'Orphan'), { seconds: 60 })
    expect(ClusterView.lookup(sim.view, 'ReplicaSet', 'default', 'web')).toBeUndefined()
    expect(podsOf(sim).map((p) => p.metadata.name)).toEqual(before)
    expect(podsOf(sim).every((p) => (p.metadata.ownerReferences ?? []).length === 0)).toBe(true)
  })

  it('Foreground: the Deployment stays, marked deleted, until its ReplicaSet and pods are gone', () => {
    let sim = Simulation.runUntilStable(withGc([node('n1'), deployment('web', 2)]), { seconds: 120 })
    expect(podsOf(sim)).toHaveLength(2)
    sim = del(sim, 'Deployment', 'web', 'Foreground')
    let sawOwnerWithPods = false
    for (let i = 0; i < 200 && ClusterView.lookup(sim.view, 'Deployment', 'default', 'web') !== undefined; i++) {
      const d = ClusterView.lookup(sim.view, 'Deployment', 'default', 'web')
      expect(d?.metadata.deletionTimestamp).toBeDefined()
      if (podsOf(sim).length > 0) sawOwnerWithPods = true
      sim = Simulation.runUntilStable(sim, { rounds: 1, seconds: 5 })
    }
    expect(sawOwnerWithPods).toBe(true)
    expect(ClusterView.lookup(sim.view, 'Deployment', 'default', 'web')).toBeUndefined()
    expect(ClusterView.listOf(sim.view, 'ReplicaSet')).toEqual([])
    expect(podsOf(sim)).toEqual([])
  })
})

// -------------------------------------------------------------------------------------
// arbitrary owner graphs
// -------------------------------------------------------------------------------------

interface Edge {
  readonly from: number
  readonly to: number
  readonly block: boolean
}

const name = (i: number): string => `o${i}`
const uid = (i: number): string => `uid-o${i}`

const graph = fc
  .integer({ min: 1, max: 7 })
  .chain((n) =>
    fc.record({
      n: fc.constant(n),
      // An edge never points an object at itself: `to` is drawn among the others.
      edges:
        n < 2
          ? fc.constant<ReadonlyArray<Edge>>([])
          : fc.uniqueArray(
              fc
                .record({ from: fc.nat(n - 1), skip: fc.nat(n - 2), block: fc.boolean() })
                .map(({ from, skip, block }) => ({ from, to: (from + 1 + skip) % n, block })),
              { maxLength: 2 * n, selector: (e) => `${e.from}-${e.to}` },
            ) as fc.Arbitrary<ReadonlyArray<Edge>>,
      target: fc.nat(n - 1),
      policy: fc.constantFrom<PropagationPolicy>('Background', 'Foreground', 'Orphan'),
      queue: fc.constantFrom<QueueMode>('events', 'resync'),
    }),
  )

/** Object `i`, owned by every `to` of its edges (`from` = the dependent). */
const objectsOf = (n: number, edges: ReadonlyArray<Edge>): ReadonlyArray<PersistentVolumeClaim> =>
  Array.from({ length: n }, (_, i) => {
    const refs: ReadonlyArray<OwnerReference> = edges
      .filter((e) => e.from === i)
      .map((e) => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: name(e.to), uid: uid(e.to), ...(e.block ? { blockOwnerDeletion: true } : {}) }))
    return {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: name(i), namespace: 'default', uid: uid(i), ...(refs.length === 0 ? {} : { ownerReferences: refs }) },
      spec: { volumeName: `pv-${i}` },
      status: { phase: 'Bound' },
    } as PersistentVolumeClaim
  })

const present = (sim: Sim): ReadonlyMap<string, PersistentVolumeClaim> =>
  new Map(ClusterView.listOf(sim.view, 'PersistentVolumeClaim').map((o) => [o.metadata.uid ?? '', o]))

describe('arbitrary owner graphs', () => {
  it('a deletion with any policy ends as upstream says: no orphan kept by dead owners, orphans kept without the reference, foreground owners last', () => {
    fc.assert(
      fc.property(graph, ({ n, edges, target, policy, queue }) => {
        const objects = objectsOf(n, edges)
        let sim = Simulation.runUntilStable(withGc(objects, { queue, checkWakes: queue === 'events' }), { rounds: 50 })
        // Nothing to collect before the deletion: every owner exists.
        expect(present(sim).size).toBe(n)
        sim = del(sim, 'PersistentVolumeClaim', name(target), policy)
        for (let round = 0; round < 300; round++) {
          const live = present(sim)
          // GC-4: while a foreground-deleted owner is present, so is every blocking dependent it waits for... and
          // conversely the owner never goes while a blocking dependent that references it remains.
          for (const o of live.values()) {
            for (const r of o.metadata.ownerReferences ?? []) {
              const owner = live.get(r.uid)
              if (r.blockOwnerDeletion === true && owner === undefined && policy === 'Foreground' && r.uid === uid(target)) {
                throw new Error(`foreground owner ${r.name} went before its blocking dependent ${o.metadata.name}`)
              }
            }
          }
          const next = Simulation.step(sim)
          if (next === sim || Simulation.runUntilStable(next, { rounds: 1 }).stopped === 'fixpoint') {
            sim = Simulation.runUntilStable(next, { rounds: 50 })
            break
          }
          sim = next
        }
        const live = present(sim)
        // GC-1: an object that had no owner is never collected (the target aside).
        for (let i = 0; i < n; i++) {
          if (i !== target && !edges.some((e) => e.from === i)) expect(live.has(uid(i))).toBe(true)
        }
        // The target is gone.
        expect(live.has(uid(target))).toBe(false)
        // GC-2: every survivor's references resolve; none is kept by owners that are all gone.
        for (const o of live.values()) for (const r of o.metadata.ownerReferences ?? []) expect(live.has(r.uid)).toBe(true)
        // GC-3: orphaning keeps the target's direct dependents (minus the reference).
        if (policy === 'Orphan') {
          for (const e of edges.filter((x) => x.to === target)) {
            const d = live.get(uid(e.from))
            if (d !== undefined) expect((d.metadata.ownerReferences ?? []).some((r) => r.uid === uid(target))).toBe(false)
            // It can only be gone if it lost every other owner too (another deletion is not involved here).
            else expect(edges.some((x) => x.from === e.from && x.to !== target)).toBe(true)
          }
        }
      }),
      { numRuns: runs },
    )
  }, 120_000)
})
