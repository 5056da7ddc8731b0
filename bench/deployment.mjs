// The Deployment controller at scale: 1,000 Deployments × 150 replicas (150,000 pods, 50
// namespaces of 3,000 pods at rest) on 5,000 nodes. Create them all and run to a fixpoint, then
// change every template (an image bump) and time the rolling update (25% surge, 25%
// unavailable) to the next fixpoint, with an instant API (`pacing: false`). Target: the rolling
// update ≤ 15 s CPU. The rolling update runs BENCH_RUNS times (default 3) from the same settled
// cluster (a Simulation is a persistent value), each reported with its phase split.
import { T0, iso, readyNodes, template } from './_fixtures.mjs'
import { measure, reportRanges, reportRun, runs } from './_measure.mjs'
import { ClusterView, Deployment, Simulation } from '../dist/index.js'

const NODES = 5000
const DEPLOYMENTS = 1000
const REPLICAS = 150
const NAMESPACES = 50

export const objects = () => {
  const out = readyNodes(NODES)
  for (let i = 0; i < DEPLOYMENTS; i++) {
    const app = `app-${i}`
    out.push({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: app, namespace: `ns-${i % NAMESPACES}`, uid: `dep-uid-${i}`, generation: 1, resourceVersion: '1', creationTimestamp: iso(T0) },
      spec: {
        replicas: REPLICAS,
        selector: { matchLabels: { app } },
        template: template(app, 'registry.example/web:1'),
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
    })
  }
  return out
}

export const rolledOut = (sim, image) => {
  let done = 0
  for (const d of ClusterView.listOf(sim.view, 'Deployment')) {
    const rows = Deployment.rolloutSummary(sim.view, d)
    const current = rows.find((r) => r.current)
    const image0 = d.spec.template.spec.containers[0]?.image
    if (image0 === image && current?.replicas === REPLICAS && current.available === REPLICAS && rows.every((r) => r.current || r.replicas === 0)) done++
  }
  return done
}

/** Every Deployment's template bumped to `registry.example/web:2` (ExternalEdit faults, no round run). */
export const bumpImages = (sim) => {
  const patch = { spec: { template: { spec: { containers: [{ name: 'c', image: 'registry.example/web:2' }] } } } }
  for (const d of ClusterView.listOf(sim.view, 'Deployment')) {
    const target = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: d.metadata.namespace, name: d.metadata.name }
    sim = Simulation.inject(sim, { _tag: 'ExternalEdit', target, patch })
  }
  return sim
}

/** The settled 150,000-pod cluster of Deployments with an instant API (the set-up, measured too). */
export const settled = (extra = {}) =>
  measure((profile) => Simulation.runUntilStable(Simulation.make({ objects: objects(), start: new Date(T0), trace: 'none', pacing: false, profile, ...extra })))

export default async function (report) {
  const setup = await settled()
  const done = rolledOut(setup.result, 'registry.example/web:1')
  const stopped = setup.result.stopped
  const base = bumpImages(setup.result)
  setup.result = undefined
  report(`create ${DEPLOYMENTS.toLocaleString('en')} Deployments × ${REPLICAS} replicas on ${NODES.toLocaleString('en')} nodes to a fixpoint (set-up)`, setup.wall, 's')
  report('  set-up CPU', setup.cpu, 's')
  report(`  rolled out (${stopped})`, done, 'deployments')

  const results = []
  for (let run = 1; run <= runs(3); run++) {
    const simStart = base.now.getTime()
    const rounds0 = base.runtime.rounds
    const m = await measure(() => Simulation.runUntilStable(base))
    const sim = m.result
    m.result = undefined
    const simulated = (sim.now.getTime() - simStart) / 1000
    const s = Simulation.summary(sim)
    reportRun(report, 'rolling update 1,000 Deployments × 150, pacing off', m, run)
    report(`  rounds (${sim.stopped})`, s.rounds - rounds0, 'rounds')
    report('  simulated time', simulated, 's')
    report('  simulated time / CPU time', simulated / m.cpu, 'x')
    report('  rolled out to the new template', rolledOut(sim, 'registry.example/web:2'), 'deployments')
    report('  pods ready at the fixpoint', s.pods.ready, 'pods')
    const writes = sim.runtime.rv - base.runtime.rv
    report('  writes (resourceVersions taken) / CPU µs per write', `${writes} / ${((m.cpu * 1e6) / writes).toFixed(1)}`, '')
    results.push(m)
  }
  reportRanges(report, 'rolling update (target ≤ 15 s CPU)', results)
}
