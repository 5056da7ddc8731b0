/**
 * Scenario scripts: Deployments in the simulation (with the ReplicaSet controller, scheduler and
 * kubelet), step by step, asserting the ReplicaSets' sizes, conditions and the invariants.
 */
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/api/object.js'
import type { Deployment } from '../../../src/api/workloads.js'
import * as D from '../../../src/controllers/deployment/index.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as Inv from '../../../src/invariants/deployment.js'
import { format } from '../../../src/invariants/Violation.js'
import type { Violation } from '../../../src/invariants/Violation.js'
import * as Annotations from '../../../src/sim/annotations.js'
import * as Simulation from '../../../src/sim/index.js'
import type { Fault, Simulation as Sim } from '../../../src/sim/index.js'
import { node } from '../../helpers/objects.js'
import * as H from '../../harness.js'

const start = new Date('2024-01-01T00:00:00Z')
const target = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' } as const

const deploymentOf = (sim: Sim): Deployment => {
  const d = ClusterView.lookup(sim.view, 'Deployment', 'default', 'web')
  if (d === undefined) throw new Error('Deployment default/web is gone')
  return d
}

const sizes = (sim: Sim): string =>
  D.rolloutSummary(sim.view, deploymentOf(sim))
    .map((r) => `${r.current ? 'new' : 'old'}:${r.replicas}/${r.available}`)
    .join(' ')

const image = (tag: string): Fault => ({
  _tag: 'ExternalEdit',
  target,
  patch: { spec: { template: { spec: { containers: [{ name: 'nginx', image: `nginx:${tag}`, ports: [{ containerPort: 80 }] }] } } } },
})

/** One round; when it was quiet, the clock jumps to the next due event (at most a simulated day ahead). */
const round = H.jump(Simulation.defaultSeconds)

/** Rounds until a fixpoint, checking the per-round invariants; returns the sim, the violations and the sizes seen. */
const runChecked = (sim0: Sim, faultFree = true): { readonly sim: Sim; readonly vs: ReadonlyArray<Violation>; readonly seen: ReadonlyArray<string> } => {
  const seen: Array<string> = []
  const check: H.RoundCheck = (b, a) => {
    const s = sizes(a)
    if (seen[seen.length - 1] !== s) seen.push(s)
    return [
      ...Inv.checkStep(b.view, a.view),
      ...(faultFree ? [...Inv.dep1PodSurgeBound(b.view, a.view), ...Inv.dep2AvailabilityFloor(b.view, b.now, a.view, a.now)] : []),
    ]
  }
  const { sim, violations } = H.rounds(sim0, 300, { round, check })
  return { sim, vs: violations, seen }
}

const cluster = (d: Deployment): ReadonlyArray<KubeObject> => [node('n1'), node('n2'), node('n3'), d]

const fresh = (o: { readonly replicas?: number; readonly strategy?: 'Recreate'; readonly annotations?: Readonly<Record<string, string>>; readonly deadline?: number; readonly limit?: number } = {}): Deployment => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default' },
  spec: {
    replicas: o.replicas ?? 4,
    selector: { matchLabels: { app: 'web' } },
    template: {
      metadata: { labels: { app: 'web' }, ...(o.annotations === undefined ? {} : { annotations: o.annotations }) },
      spec: { containers: [{ name: 'nginx', image: 'nginx:1', ports: [{ containerPort: 80 }] }] },
    },
    strategy: o.strategy === 'Recreate' ? { type: 'Recreate' } : { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
    ...(o.deadline === undefined ? {} : { progressDeadlineSeconds: o.deadline }),
    ...(o.limit === undefined ? {} : { revisionHistoryLimit: o.limit }),
  },
})

describe('examples/rolling-update.yaml in the simulation', () => {
  it('starts as a fixpoint: the rollout recorded in the manifest is complete', () => {
    const sim = Simulation.runUntilStable(Simulation.make({ objects: H.example('rolling-update.yaml'), start }), { rounds: 50 })
    expect(sim.stopped).toBe('fixpoint')
    expect(sizes(sim)).toBe('new:10/10')
    expect(format(Inv.checkFixpoint(sim.view, sim.now))).toBe('')
  })

  it('an image bump rolls 10 pods over within 3 surge / 2 unavailable, keeping DEP-1 and DEP-2 every round, and ends at DEP-3/5/8', () => {
    const started = Simulation.runUntilStable(Simulation.make({ objects: H.example('rolling-update.yaml'), start }), { rounds: 50 })
    const { sim, vs, seen } = runChecked(Simulation.inject(started, image('1.28')))
    expect(format(vs), H.tail(sim, 30)).toBe('')
    expect(sim.stopped).toBe('fixpoint')
    expect(format(Inv.checkFixpoint(sim.view, sim.now))).toBe('')
    expect(seen[0]).toBe('old:8/10 new:3/0')
    expect(seen[seen.length - 1]).toBe('old:0/0 new:10/10')
    const rows = D.rolloutSummary(sim.view, deploymentOf(sim))
    expect(rows.map((r) => r.revision)).toEqual([1, 2])
    const cond = D.getCondition(deploymentOf(sim).status, 'Progressing')
    expect(cond).toMatchObject({ status: 'True', reason: D.newRSAvailableReason })
  })

  it('a crash of a new pod in the middle of the rollout: the step invariants hold and the rollout completes', () => {
    let sim = Simulation.runUntilStable(Simulation.make({ objects: H.example('rolling-update.yaml'), start, seed: 1 }), { rounds: 50 })
    sim = Simulation.inject(sim, image('1.28'))
    const readyNewPod = (x: Sim) => {
      const current = ClusterView.listOf(x.view, 'ReplicaSet').find((rs) => D.equalIgnoreHash(rs.spec.template, deploymentOf(x).spec.template))
      return ClusterView.controlledOf(x.view, current?.metadata.uid ?? '', 'Pod').find((p) =>
        p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      )
    }
    for (let i = 0; i < 50 && readyNewPod(sim) === undefined; i++) sim = round(sim)
    const victim = readyNewPod(sim)
    expect(victim).toBeDefined()
    expect(sizes(sim)).not.toBe('old:0/0 new:10/10')
    sim = Simulation.inject(sim, { _tag: 'PodCrash', namespace: 'default', name: victim?.metadata.name ?? '' })
    const { sim: end, vs } = runChecked(sim, false)
    expect(format(vs)).toBe('')
    expect(end.stopped).toBe('fixpoint')
    expect(format(Inv.checkFixpoint(end.view, end.now))).toBe('')
  })
})

describe('Deployment scenarios', () => {
  it('DEP-8: a rollout whose pods never become ready reports ProgressDeadlineExceeded after the deadline', () => {
    let sim = Simulation.runUntilStable(Simulation.make({ objects: cluster(fresh({ deadline: 30 })), start }), { rounds: 100 })
    sim = Simulation.inject(sim, {
      _tag: 'ExternalEdit',
      target,
      patch: { spec: { template: { metadata: { annotations: { [Annotations.neverReady]: 'true' } } } } },
    })
    sim = Simulation.runUntilStable(sim, { rounds: 500, seconds: 600 })
    expect(sim.stopped).toBe('fixpoint')
    const cond = D.getCondition(deploymentOf(sim).status, 'Progressing')
    expect(cond).toMatchObject({ status: 'False', reason: D.timedOutReason })
    expect(cond?.message).toMatch(/^ReplicaSet "web-\w+" has timed out progressing\.$/)
    expect(format(Inv.dep8DeadlineReported(sim.view, sim.now))).toBe('')
    // the old set keeps serving: availability was never traded for the stuck rollout
    expect(sizes(sim)).toMatch(/^old:3\/3 new:\d\/0$/)
  })

  it('DEP-7: restoring the previous image re-uses its ReplicaSet with a new revision', () => {
    let sim = Simulation.runUntilStable(Simulation.make({ objects: cluster(fresh()), start }), { rounds: 100 })
    sim = runChecked(Simulation.inject(sim, image('2'))).sim
    const before = new Set(ClusterView.listOf(sim.view, 'ReplicaSet').map((rs) => rs.metadata.uid))
    const restored = runChecked(Simulation.inject(sim, image('1')))
    expect(format(restored.vs)).toBe('')
    expect(ClusterView.listOf(restored.sim.view, 'ReplicaSet').every((rs) => before.has(rs.metadata.uid))).toBe(true)
    const rows = D.rolloutSummary(restored.sim.view, deploymentOf(restored.sim))
    expect(rows.map((r) => [r.revision, r.current, r.replicas])).toEqual([
      [2, false, 0],
      [3, true, 4],
    ])
    const reused = ClusterView.listOf(restored.sim.view, 'ReplicaSet').find((rs) => D.revisionOf(rs) === 3)
    expect(reused?.metadata.annotations?.[D.revisionHistoryAnnotation]).toBe('1')
  })

  it('DEP-7: a rollback request restores the previous template and clears itself', () => {
    let sim = Simulation.runUntilStable(Simulation.make({ objects: cluster(fresh()), start }), { rounds: 100 })
    sim = runChecked(Simulation.inject(sim, image('2'))).sim
    sim = Simulation.inject(sim, { _tag: 'ExternalEdit', target, patch: { metadata: { annotations: { [D.rollbackToAnnotation]: '0' } } } })
    const { sim: end, vs } = runChecked(sim)
    expect(format(vs)).toBe('')
    const d = deploymentOf(end)
    expect(d.spec.template.spec.containers[0]?.image).toBe('nginx:1')
    expect(D.rollbackTo(d)).toBeUndefined()
    expect(ClusterView.listOf(end.view, 'ReplicaSet')).toHaveLength(2)
    expect(end.trace.some((e) => e._tag === 'Action' && e.action._tag === 'Event' && e.action.reason === 'DeploymentRollback')).toBe(true)
  })

  it('DEP-6: while paused, a template change starts nothing; resuming rolls it out', () => {
    let sim = Simulation.runUntilStable(Simulation.make({ objects: cluster(fresh()), start }), { rounds: 100 })
    sim = Simulation.inject(sim, { _tag: 'ExternalEdit', target, patch: { spec: { paused: true } } })
    const paused = runChecked(Simulation.inject(sim, image('2')))
    expect(format(paused.vs)).toBe('')
    expect(ClusterView.listOf(paused.sim.view, 'ReplicaSet')).toHaveLength(1)
    expect(D.getCondition(deploymentOf(paused.sim).status, 'Progressing')).toMatchObject({ status: 'Unknown', reason: D.pausedReason })
    const resumed = runChecked(Simulation.inject(paused.sim, { _tag: 'ExternalEdit', target, patch: { spec: { paused: false } } }))
    expect(format(resumed.vs)).toBe('')
    expect(sizes(resumed.sim)).toBe('old:0/0 new:4/4')
  })

  it('DEP-5: history beyond revisionHistoryLimit is cleaned up once the rollout completes', () => {
    let sim = Simulation.runUntilStable(Simulation.make({ objects: cluster(fresh({ limit: 1 })), start }), { rounds: 100 })
    for (const tag of ['2', '3', '4']) sim = runChecked(Simulation.inject(sim, image(tag))).sim
    expect(format(Inv.dep5HistoryLimit(sim.view))).toBe('')
    expect(D.rolloutSummary(sim.view, deploymentOf(sim)).map((r) => r.revision)).toEqual([3, 4])
  })

  it('Recreate: every old pod is gone before the new ReplicaSet exists', () => {
    let sim = Simulation.runUntilStable(Simulation.make({ objects: cluster(fresh({ strategy: 'Recreate' })), start }), { rounds: 100 })
    sim = Simulation.inject(sim, image('2'))
    let overlap = false
    for (let i = 0; i < 200 && sim.stopped !== 'fixpoint'; i++) {
      sim = round(sim)
      const rss = ClusterView.listOf(sim.view, 'ReplicaSet')
      const pods = ClusterView.listOf(sim.view, 'Pod')
      if (rss.length === 2 && pods.some((p) => p.metadata.labels?.['pod-template-hash'] === rss.find((rs) => D.revisionOf(rs) === 1)?.metadata.labels?.['pod-template-hash'])) {
        overlap = true
      }
    }
    expect(overlap).toBe(false)
    expect(sizes(sim)).toBe('old:0/0 new:4/4')
  })
})
