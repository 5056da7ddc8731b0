// The StatefulSet controller at scale: one reconcile of a StatefulSet of 5,000 replicas (and of
// 500, for the ratio) at steady state — every pod Running, Ready, on its claim, status up to
// date — and the cold start of 1,000 StatefulSets × 10 replicas with a claim each, OrderedReady,
// on 5,000 nodes (50 namespaces), to a fixpoint in the simulation with the volume binder.
// Targets: 5,000-replica reconcile < 50 ms, linear (5,000 / 500 ≈ 10); cold start < 20 s wall.
// The cold start runs BENCH_RUNS times (default 3), with pacing off (instant API) and once with
// upstream's client rate limits (pacing on), each reported with its phase split.
import { T0, iso, readyNodes, template } from './_fixtures.mjs'
import { gc, measure, reportRanges, reportRun, medianMs, runs } from './_measure.mjs'
import { ClusterView, Simulation, StatefulSet, controllerForKind } from '../dist/index.js'

const reconcileSts = controllerForKind('StatefulSet').reconcile
const now = new Date(T0 + 86_400_000)

const claimTemplate = { metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }

/** A StatefulSet `name` of `replicas` in `namespace`, OrderedReady, one claim template. */
const statefulSet = (name, namespace, replicas, uid = `sts-${namespace}-${name}`) => ({
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name, namespace, uid, generation: 1, resourceVersion: '1', creationTimestamp: iso(T0) },
  spec: {
    replicas,
    selector: { matchLabels: { app: name } },
    serviceName: name,
    podManagementPolicy: 'OrderedReady',
    updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
    revisionHistoryLimit: 10,
    minReadySeconds: 0,
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    template: template(name),
    volumeClaimTemplates: [claimTemplate],
  },
})

/** A StatefulSet of `n` replicas with its revision, its `n` ready pods on 5,000 nodes and their bound claims, status up to date. */
const steadyWorld = (n) => {
  const set0 = statefulSet('big', 'default', n)
  const rev0 = StatefulSet.candidateRevision(set0, 1, 0)
  const rev = { ...rev0, metadata: { ...rev0.metadata, uid: 'rev-1', resourceVersion: '1', creationTimestamp: iso(T0) } }
  const name = rev.metadata.name
  const set = { ...set0, status: { observedGeneration: 1, replicas: n, readyReplicas: n, availableReplicas: n, currentReplicas: n, updatedReplicas: n, currentRevision: name, updateRevision: name, collisionCount: 0 } }
  const objects = [set, rev]
  for (let i = 0; i < n; i++) {
    const base = StatefulSet.withRevision(StatefulSet.newStatefulSetPod(set, i), name)
    const t = iso(T0 + (i % 3600) * 1000)
    objects.push({
      ...base,
      metadata: { ...base.metadata, uid: `pod-${i}`, resourceVersion: '1', creationTimestamp: t },
      spec: { ...base.spec, nodeName: `node-${i % 5000}` },
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: t }] },
    })
    const c = StatefulSet.claimsFor(set, i)[0]
    objects.push({ ...c, metadata: { ...c.metadata, uid: `pvc-${i}`, resourceVersion: '1', creationTimestamp: t }, status: { phase: 'Bound' } })
  }
  // As read from a cluster (decoded JSON), not as built here by spreading objects into each other.
  return { set, view: ClusterView.fromObjects(objects.map((o) => JSON.parse(JSON.stringify(o)))) }
}

/** Median wall time (ms) of `f` over `n` runs, after ten warm-up runs. */
const median = (f) => medianMs(f, 7, 10)

/** 5,000 nodes and 1,000 StatefulSets × 10 replicas in 50 namespaces. */
export const coldStartObjects = ({ nodes = 5000, sets = 1000, replicas = 10, namespaces = 50 } = {}) => {
  const objects = readyNodes(nodes)
  for (let s = 0; s < sets; s++) objects.push(statefulSet(`db-${s}`, `ns-${s % namespaces}`, replicas))
  return objects
}

export default async function (report) {
  const figures = {}
  for (const n of [500, 5000]) {
    gc()
    const { set, view } = steadyWorld(n)
    const actions = reconcileSts(set, view, now)
    if (actions.length !== 0) throw new Error(`steady state expected, got ${actions.length} actions`)
    figures[n] = median(() => reconcileSts(set, view, now))
    report(`reconcile, StatefulSet of ${n.toLocaleString('en')} replicas (steady state)`, figures[n], 'ms')
  }
  report('reconcile time ratio 5,000 / 500 replicas (linear = 10)', figures[5000] / figures[500], 'x')

  const results = []
  for (let run = 1; run <= runs(3); run++) {
    const objects = coldStartObjects()
    const m = await measure((profile) =>
      Simulation.runUntilStable(Simulation.make({ objects, start: new Date(T0), trace: 'none', pacing: false, profile }), { rounds: 100_000, seconds: 86_400 }),
    )
    const end = m.result
    m.result = undefined
    const s = Simulation.summary(end)
    const simulated = (end.now.getTime() - T0) / 1000
    reportRun(report, 'cold start 1,000 STS × 10 (claims, OrderedReady) on 5,000 nodes, pacing off', m, run)
    report(`  rounds (${end.stopped}), simulated ${simulated.toFixed(0)} s`, s.rounds, 'rounds')
    report('  pods ready at the fixpoint', s.pods.ready, 'pods')
    report('  simulated / wall', simulated / m.wall, 'x')
    results.push(m)
  }
  reportRanges(report, 'cold start, pacing off (target < 20 s)', results)

  const objects = coldStartObjects()
  const paced = await measure((profile) =>
    Simulation.runUntilStable(Simulation.make({ objects, start: new Date(T0), trace: 'none', profile }), { rounds: 100_000, seconds: 86_400 }),
  )
  const end = paced.result
  paced.result = undefined
  const simulated = (end.now.getTime() - T0) / 1000
  reportRun(report, 'cold start, pacing on (QPS 20, burst 30)', paced, 1)
  report(`  rounds (${end.stopped}), simulated ${simulated.toFixed(0)} s`, Simulation.summary(end).rounds, 'rounds')
  report('  pods ready at the fixpoint', Simulation.summary(end).pods.ready, 'pods')
  report('  simulated / wall', simulated / paced.wall, 'x')
}
