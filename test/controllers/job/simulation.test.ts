/**
 * The Job controller in the simulation (scheduler, kubelet running pods to their exit codes, the
 * other controllers): eventual stable reconciliation (JOB-4..JOB-7 at the fixpoint) from arbitrary
 * worlds under suspend/resume and parallelism edits, pod crashes, evictions, deletions, node
 * failures, stale views, dropped writes and controller restarts; JOB-1 (every terminated pod
 * counted exactly once) over the whole trace; JOB-3, JOB-4 and JOB-5 round by round; the wakes
 * it declares proven complete (`checkWakes`).
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Job as Arb } from '../../../src/arbitraries/index.js'
import { faultPlan } from '../../../src/arbitraries/faults.js'
import type { FaultPlan } from '../../../src/arbitraries/faults.js'
import type { Job } from '../../../src/api/workloads.js'
import * as J from '../../../src/controllers/job/index.js'
import type { ClusterView } from '../../../src/core/ClusterView.js'
import * as ClusterViewQ from '../../../src/core/ClusterView.js'
import * as Nodes from '../../../src/core/nodes.js'
import * as NodeLifecycle from '../../../src/controllers/nodelifecycle/index.js'
import * as Inv from '../../../src/invariants/job.js'
import { format } from '../../../src/invariants/Violation.js'
import * as Simulation from '../../../src/sim/index.js'
import type { Simulation as Sim } from '../../../src/sim/index.js'
import * as H from '../../harness.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 30)

/** One episode: an edit of the Job or a fault, then 0–3 rounds. */
const episode = fc.record({
  change: fc.oneof(
    { weight: 2, arbitrary: Arb.editPlan().map((c) => ({ _tag: 'edit' as const, c })) },
    {
      weight: 3,
      arbitrary: faultPlan({ tags: ['PodCrash', 'EvictPod', 'DeletePod', 'StaleView', 'DropActions', 'ControllerRestart', 'NodeDown', 'NodeUp'] }).map((f) => ({ _tag: 'fault' as const, f })),
    },
  ),
  rounds: fc.nat({ max: 3 }),
})
type Episode = typeof episode extends fc.Arbitrary<infer E> ? E : never

const moves = (e: Episode, sim: Sim): ReadonlyArray<H.Move> =>
  e.change._tag === 'edit' ? [H.move(Arb.showEdit(e.change.c), Arb.resolveEdit(e.change.c, sim.view))] : [H.planned(e.change.f as FaultPlan, sim.view, [])]

/** Every node a NodeDown fault stopped (or left not Ready) is back (a quiet cluster to settle in). */
const healNodes = (sim: Sim): Sim =>
  ClusterViewQ.listOf(sim.view, 'Node')
    .filter((n) => !Nodes.isReady(n) || NodeLifecycle.kubeletStopped(n))
    .reduce((s, n) => Simulation.inject(s, { _tag: 'NodeUp', name: n.metadata.name ?? '' }), sim)

const settleBudget = { rounds: 2000, seconds: 4 * 3600 }
const stepCheck: H.RoundCheck = (b, a) => Inv.checkStep({ before: b, after: a })

describe('Job in the simulation', () => {
  it('ESR and JOB-1: after edits, crashes, evictions, node failures, stale views, dropped writes and restarts stop, a fixpoint where JOB-4..7 hold, every terminated pod counted once', () => {
    fc.assert(
      fc.property(Arb.world(), fc.array(episode, { maxLength: 8 }), fc.nat({ max: 1000 }), (w, episodes, seed) => {
        const start = Simulation.make({ objects: w.objects, start: w.now, seed, checkWakes: true })
        const played = H.play(start, episodes, moves, { check: stepCheck })
        const healed = { ...played, sim: healNodes(played.sim) }
        const end = H.settle(healed, settleBudget)
        H.expectFixpoint(end, Inv.checkFixpoint)
        const counted = Inv.job1CountedOnce(w.view, end.sim.trace)
        expect(counted, `${format(counted)}\n${H.report(end)}`).toEqual([])
      }),
      { numRuns: runs },
    )
  })

  it('JOB-2 and JOB-3 on every sync the simulation runs, faults included', () => {
    fc.assert(
      fc.property(Arb.world(), fc.array(episode, { maxLength: 6 }), (w, episodes) => {
        const seen: Array<ReturnType<typeof Inv.checkSync>[number]> = []
        const checked = (j: Job, view: ClusterView, now: Date, backoff?: J.JobBackoff) => {
          const actions = J.reconcile(j, view, now, backoff)
          seen.push(...Inv.checkSync(j, view, actions))
          return actions
        }
        const start = Simulation.make({ objects: w.objects, start: w.now, controllers: { Job: checked } })
        const end = H.settle(H.play(start, episodes, moves), settleBudget)
        expect(seen, H.report({ ...end, violations: seen })).toEqual([])
      }),
      { numRuns: Math.max(5, Math.floor(runs / 2)) },
    )
  })
})

describe('the simulation properties catch broken controllers', () => {
  const pi = (): Job => ({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'pi', namespace: 'default' },
      spec: { completions: 4, parallelism: 2, template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'perl' }] } } },
  })
  const node = { apiVersion: 'v1' as const, kind: 'Node' as const, metadata: { name: 'n1' }, status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { pods: '110' } } }
  const t0 = new Date('2024-01-01T00:00:00Z')

  it('a controller that removes finalizers before recording breaks JOB-1', () => {
    const eager = (j: Job, view: ClusterView, now: Date, backoff?: J.JobBackoff) => {
      const out = J.reconcile(j, view, now, backoff)
      const removals = out.filter((a) => a._tag === 'Update' && a.object.kind === 'Pod')
      return [...removals, ...out.filter((a) => !removals.includes(a))]
    }
    const start = Simulation.make({ objects: [pi(), node], start: t0, controllers: { Job: eager } })
    const end = H.settle(start, settleBudget)
    expect(Inv.job1CountedOnce(ClusterViewQ.fromObjects([pi(), node]), end.sim.trace).map((v) => v.id)).toContain('JOB-1')
  })

  it('a controller that counts without the uncounted list double-counts under dropped writes (JOB-1)', () => {
    const sloppy = (j: Job, view: ClusterView, now: Date, backoff?: J.JobBackoff) =>
      J.reconcile(j, view, now, backoff).map((a) => (a._tag === 'UpdateStatus' && a.object.kind === 'Job' ? { ...a, object: { ...a.object, status: { ...a.object.status, succeeded: (a.object.status?.succeeded ?? 0) + (a.object.status?.uncountedTerminatedPods?.succeeded?.length ?? 0) } } } : a))
    const start = Simulation.make({ objects: [pi(), node], start: t0, controllers: { Job: sloppy } })
    const end = H.settle(start, settleBudget)
    expect(Inv.job1CountedOnce(ClusterViewQ.fromObjects([pi(), node]), end.sim.trace).map((v) => v.id)).toContain('JOB-1')
  })

  it('a controller that ignores parallelism breaks JOB-2', () => {
    const greedy = (j: Job, view: ClusterView, now: Date, backoff?: J.JobBackoff) => J.reconcile({ ...j, spec: { ...j.spec, parallelism: 4 } }, view, now, backoff)
    const seen: Array<ReturnType<typeof Inv.checkSync>[number]> = []
    const checked = (j: Job, view: ClusterView, now: Date, backoff?: J.JobBackoff) => {
      const actions = greedy(j, view, now, backoff)
      seen.push(...Inv.checkSync(j, view, actions))
      return actions
    }
    H.settle(Simulation.make({ objects: [pi(), node], start: t0, controllers: { Job: checked } }), settleBudget)
    expect(seen.map((v) => v.id)).toContain('JOB-2')
  })
})
