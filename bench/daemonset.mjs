// The DaemonSet controller at scale: one DaemonSet on 5,000 nodes. Cold start to a fixpoint in
// the simulation (target < 3 s), one steady-state reconcile (target < 30 ms), and a full
// rollout of a new image at maxUnavailable 10% (wall time and simulated/wall ratio). Each
// simulation runs BENCH_RUNS times (default 3), with its phase split (the `profile` option).
import { T0, iso, readyNodes, template } from './_fixtures.mjs'
import { gc, measure, range, reportRanges, reportRun, medianMs, runs } from './_measure.mjs'
import { ClusterView, DaemonSet, Simulation } from '../dist/index.js'

const NODES = 5000

const daemonSet = (maxUnavailable) => ({
  apiVersion: 'apps/v1',
  kind: 'DaemonSet',
  metadata: { name: 'agent', namespace: 'kube-system', uid: 'ds-agent', generation: 1, resourceVersion: '1', creationTimestamp: iso(T0) },
  spec: {
    selector: { matchLabels: { app: 'agent' } },
    template: template('agent', 'agent:1'),
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable, maxSurge: 0 } },
    revisionHistoryLimit: 10,
    minReadySeconds: 0,
  },
})

/** Median wall time of `f` over 7 runs, after one warm-up. */
const median = (f) => medianMs(f)

const coldStart = (profile) =>
  Simulation.runUntilStable(Simulation.make({ objects: [...readyNodes(NODES), daemonSet('10%')], start: new Date(T0), trace: 'none', pacing: false, profile }))

export default async function (report) {
  const colds = []
  let settled
  for (let run = 1; run <= runs(3); run++) {
    const m = await measure(coldStart)
    settled = m.result
    m.result = undefined
    const s = Simulation.summary(settled)
    reportRun(report, `cold start, 1 DaemonSet on ${NODES.toLocaleString('en')} nodes, pacing off`, m, run)
    report(`  rounds (${settled.stopped}), simulated ${((settled.now.getTime() - T0) / 1000).toFixed(0)} s`, s.rounds, 'rounds')
    report('  pods ready at the fixpoint', s.pods.ready, 'pods')
    colds.push(m)
  }
  reportRanges(report, 'cold start (target < 3 s)', colds)

  const ds = ClusterView.lookup(settled.view, 'DaemonSet', 'kube-system', 'agent')
  const actions = DaemonSet.reconcile(ds, settled.view, settled.now)
  if (actions.length !== 0) throw new Error(`steady state expected, got ${actions.map((a) => a._tag).join(', ')}`)
  gc()
  const steady = []
  for (let k = 0; k < runs(3); k++) steady.push(median(() => DaemonSet.reconcile(ds, settled.view, settled.now)))
  report(`steady-state reconcile on ${NODES.toLocaleString('en')} nodes (target < 30 ms), median per run`, range(steady), 'ms')

  const rollouts = []
  const ratios = []
  for (let run = 1; run <= runs(3); run++) {
    const edited = Simulation.inject(settled, {
      _tag: 'ExternalEdit',
      target: { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'kube-system', name: 'agent' },
      patch: { spec: { template: template('agent', 'agent:2') } },
    })
    const start = edited.now.getTime()
    const m = await measure(() => Simulation.runUntilStable(edited, { rounds: 100_000, seconds: 86_400 }))
    const end = m.result
    m.result = undefined
    const simulated = (end.now.getTime() - start) / 1000
    const after = ClusterView.lookup(end.view, 'DaemonSet', 'kube-system', 'agent')
    reportRun(report, 'full rollout at maxUnavailable 10%', m, run)
    report(`  stopped by ${end.stopped}; updated / desired`, `${after.status.updatedNumberScheduled} / ${after.status.desiredNumberScheduled}`, '')
    report('  simulated time', simulated, 's')
    report('  simulated time / wall time', simulated / m.wall, 'x')
    rollouts.push(m)
    ratios.push(simulated / m.wall)
  }
  reportRanges(report, 'full rollout', rollouts)
  report('full rollout: simulated / wall over the runs', range(ratios, 1), 'x')
}
