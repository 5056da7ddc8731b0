/**
 * Model-based test: user edits (scale, pod label edits) and faults as fast-check commands on a
 * simulated cluster, against a tiny model — the desired replicas of each ReplicaSet /
 * ReplicationController. After each `settle` (runUntilStable) the cluster must be at a fixpoint
 * where every owner has its model's replicas in `spec` and exactly that many active pods it owns
 * (RS-1), with nothing left to write (RS-5) and a consistent status (RS-6).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { faultPlan, labelPatch, scalePatch, showPlan } from '../../../src/arbitraries/faults.js'
import type { FaultPlan } from '../../../src/arbitraries/faults.js'
import { ReplicaSet as Arb } from '../../../src/arbitraries/index.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as ObjectRef from '../../../src/core/ObjectRef.js'
import * as Inv from '../../../src/invariants/replicaset.js'
import * as Simulation from '../../../src/sim/index.js'
import type { Simulation as Sim } from '../../../src/sim/index.js'
import * as H from '../../harness.js'

/** The worlds' ReplicaSets name a Deployment that is not in the world: the garbage collector would (rightly) delete them. */
const withoutGc = { 'garbage-collector': null } as const

const runs = Number(process.env.PROPERTY_RUNS ?? 25)

/** Desired replicas per owner, keyed `kind/namespace/name`. */
interface Model {
  readonly desired: Map<string, number>
}

interface Real {
  sim: Sim
  readonly log: Array<string>
}

type Cmd = fc.Command<Model, Real>

const ownerKeys = (m: Model): ReadonlyArray<string> => [...m.desired.keys()].sort()

const ownerAt = (view: ClusterView.ClusterView, key: string) => Inv.replicaOwners(view).find((o) => ObjectRef.key(ObjectRef.of(o)) === key)

/** A user scales one owner. */
const scale = (pick: number, replicas: number): Cmd => ({
  check: (m) => m.desired.size > 0,
  run: (m, r) => {
    const keys = ownerKeys(m)
    const key = keys[pick % keys.length] ?? ''
    const o = ownerAt(r.sim.view, key)
    if (o === undefined) return
    r.sim = Simulation.inject(r.sim, { _tag: 'ExternalEdit', target: ObjectRef.of(o), patch: scalePatch(replicas) })
    m.desired.set(key, replicas)
    r.log.push(`scale ${key} to ${replicas}`)
  },
  toString: () => `scale(${pick}, ${replicas})`,
})

/** A user sets or removes one label of a live pod (which may release it from its owner, or get it adopted). */
const relabel = (pick: number, key: string, value: string | null): Cmd => ({
  check: () => true,
  run: (_m, r) => {
    const pods = ClusterView.listOf(r.sim.view, 'Pod')
      .filter((p) => p.metadata.deletionTimestamp === undefined)
      .sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1))
    const p = pods[pick % Math.max(1, pods.length)]
    if (p === undefined) return
    r.sim = Simulation.inject(r.sim, { _tag: 'ExternalEdit', target: ObjectRef.of(p), patch: labelPatch(key, value) })
    r.log.push(`label ${p.metadata.name ?? ''} ${key}=${String(value)}`)
  },
  toString: () => `relabel(${pick}, ${key}, ${String(value)})`,
})

/** A fault, its target picked from the cluster as it is now. */
const injectFault = (plan: FaultPlan): Cmd => ({
  check: () => true,
  run: (_m, r) => {
    const { fault, log } = H.planned(plan, r.sim.view)
    if (fault !== undefined) r.sim = Simulation.inject(r.sim, fault)
    r.log.push(`fault ${log}`)
  },
  toString: () => `fault(${showPlan(plan)})`,
})

/** A few rounds pass. */
const rounds = (n: number): Cmd => ({
  check: () => true,
  run: (_m, r) => {
    r.sim = H.rounds(r.sim, n).sim
  },
  toString: () => `rounds(${n})`,
})

/** Runs until stable and checks the cluster against the model. */
const settle = (): Cmd => ({
  check: () => true,
  run: (m, r) => {
    const run = H.settle({ ...r, violations: [] }, { rounds: 500, seconds: 3600 })
    r.sim = run.sim
    H.expectFixpoint(run, Inv.checkFixpoint, 30)
    const context = () => H.report(run, 30)
    for (const [key, want] of m.desired) {
      const o = ownerAt(r.sim.view, key)
      expect(o?.spec.replicas, `${key} spec.replicas\n${context()}`).toBe(want)
      if (o !== undefined) expect(Inv.ownedActivePods(o, r.sim.view).length, `${key} owned active pods\n${context()}`).toBe(want)
    }
    r.log.push('settled')
  },
  toString: () => 'settle',
})

const commands = fc.commands(
  [
    fc.tuple(fc.nat({ max: 10 }), fc.nat({ max: 5 })).map(([p, n]) => scale(p, n)),
    fc
      .tuple(fc.nat({ max: 50 }), fc.constantFrom('app', 'tier', 'env'), fc.option(fc.constantFrom('web', 'db', 'a'), { nil: null }))
      .map(([p, k, v]) => relabel(p, k, v)),
    faultPlan({ tags: ['PodCrash', 'NodeDown', 'NodeUp', 'DeletePod', 'StaleView', 'DropActions', 'ControllerRestart'] }).map(injectFault),
    fc.integer({ min: 1, max: 3 }).map(rounds),
    fc.constant(settle()),
  ],
  { maxCommands: 12 },
)

describe('ReplicaSet model', () => {
  it('RS-1 after runUntilStable under scale, label edits and faults', () => {
    fc.assert(
      fc.property(Arb.world({ maxReplicas: 4, maxPodsPerCategory: 2, ownerDeleting: false }), commands, (w, cmds) => {
        const model: Model = { desired: new Map() }
        for (const o of [w.owner, ...(w.sibling === undefined ? [] : [w.sibling])]) {
          model.desired.set(ObjectRef.key(ObjectRef.of(o)), o.spec.replicas ?? 1)
        }
        const real: Real = { sim: Simulation.make({ objects: w.objects, start: w.now, controllers: withoutGc }), log: [] }
        fc.modelRun(() => ({ model, real }), cmds)
        settle().run(model, real)
      }),
      { numRuns: runs },
    )
  })
})
