// The ReplicaSet controller at scale: one reconcile of a ReplicaSet owning 10,000 and 100,000
// pods (steady state, and a scale-down by 500), and the cold start of 1,000 ReplicaSets × 150
// replicas on 5,000 nodes (50 namespaces of 3,000 pods) to a fixpoint in the simulation.
// Targets: 100k-pod reconcile < 100 ms; cold start (instant API, `pacing: false`) ≤ 8 s CPU.
// The cold start runs BENCH_RUNS times (default 3), each reported with its phase split.
import { T0, iso, readyNodes, template } from './_fixtures.mjs'
import { gc, measure, reportRanges, reportRun, medianMs, runs } from './_measure.mjs'
import { ClusterView, Simulation, controllerForKind } from '../dist/index.js'

const reconcileRs = controllerForKind('ReplicaSet').reconcile
const now = new Date(T0 + 86_400_000)

/** A ReplicaSet owning `n` running, ready pods on 5,000 nodes, its status up to date. */
const ownedWorld = (n) => {
  const rs = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'big', namespace: 'default', uid: 'rs-big', generation: 1, resourceVersion: '1', creationTimestamp: iso(T0) },
    spec: { replicas: n, minReadySeconds: 10, selector: { matchLabels: { app: 'big' } }, template: template('big') },
    status: { replicas: n, fullyLabeledReplicas: n, readyReplicas: n, availableReplicas: n, terminatingReplicas: 0, observedGeneration: 1 },
  }
  const ref = [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'big', uid: 'rs-big', controller: true, blockOwnerDeletion: true }]
  const pods = []
  for (let i = 0; i < n; i++) {
    const t = iso(T0 + (i % 3600) * 1000)
    pods.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: `big-${i}`, namespace: 'default', uid: `pod-${i}`, labels: { app: 'big' }, resourceVersion: '1', creationTimestamp: t, ownerReferences: ref },
      spec: { ...template('big').spec, nodeName: `node-${i % 5000}` },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }], containerStatuses: [{ name: 'c', ready: true, restartCount: i % 3 }] },
    })
  }
  return { rs, view: ClusterView.fromObjects([rs, ...pods]) }
}

/** Median wall time of `f` over `runs` runs, after one warm-up. */
const median = (f) => medianMs(f, 5)

export const coldStartObjects = ({ nodes = 5000, owners = 1000, perOwner = 150, namespaces = 50 } = {}) => {
  const objects = readyNodes(nodes)
  for (let o = 0; o < owners; o++) {
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `app-${o}`, namespace: `ns-${o % namespaces}`, uid: `rs-uid-${o}`, generation: 1, resourceVersion: '1', creationTimestamp: iso(T0) },
      spec: { replicas: perOwner, minReadySeconds: 0, selector: { matchLabels: { app: `app-${o}` } }, template: template(`app-${o}`) },
    })
  }
  return objects
}

export default async function (report) {
  const figures = {}
  for (const n of [10_000, 100_000]) {
    gc()
    const { rs, view } = ownedWorld(n)
    const actions = reconcileRs(rs, view, now)
    if (actions.length !== 0) throw new Error(`steady state expected, got ${actions.length} actions`)
    figures[n] = median(() => reconcileRs(rs, view, now))
    report(`reconcile, ReplicaSet owning ${n.toLocaleString('en')} pods (steady state)`, figures[n], 'ms')
    const down = { ...rs, spec: { ...rs.spec, replicas: n - 500 } }
    report(`reconcile, ${n.toLocaleString('en')} pods, scale down by 500`, median(() => reconcileRs(down, view, now)), 'ms')
  }
  report('reconcile time ratio 100,000 / 10,000 pods (linear = 10)', figures[100_000] / figures[10_000], 'x')

  const results = []
  for (let run = 1; run <= runs(3); run++) {
    const objects = coldStartObjects()
    const m = await measure((profile) =>
      Simulation.runUntilStable(Simulation.make({ objects, start: new Date(T0), trace: 'none', pacing: false, profile })),
    )
    const end = m.result
    m.result = undefined
    const s = Simulation.summary(end)
    reportRun(report, 'cold start 1,000 RS × 150 on 5,000 nodes, pacing off', m, run)
    report(`  rounds (${end.stopped}), simulated ${((end.now.getTime() - T0) / 1000).toFixed(0)} s`, s.rounds, 'rounds')
    report('  pods ready at the fixpoint', s.pods.ready, 'pods')
    report('  writes (resourceVersions taken) / CPU µs per write', `${end.runtime.rv - 1} / ${((m.cpu * 1e6) / (end.runtime.rv - 1)).toFixed(1)}`, '')
    results.push(m)
  }
  reportRanges(report, 'cold start (target ≤ 8 s CPU)', results)
}
