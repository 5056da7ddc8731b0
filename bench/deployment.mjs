// The Deployment controller at scale: 1,000 Deployments × 150 replicas (150,000 pods, 50
// namespaces of 3,000 pods at rest) on 5,000 nodes. Create them all and run to a fixpoint, then
// change every template (an image bump) and time the rolling update (25% surge, 25%
// unavailable) to the next fixpoint. Target: the rolling update < 60 s wall time.
import { T0, iso, readyNodes, template } from './_fixtures.mjs'
import { ClusterView, Deployment, Simulation } from '../dist/index.js'

const gc = () => globalThis.gc?.()

const NODES = 5000
const DEPLOYMENTS = 1000
const REPLICAS = 150
const NAMESPACES = 50

const objects = () => {
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

const rolledOut = (sim, image) => {
  let done = 0
  for (const d of ClusterView.listOf(sim.view, 'Deployment')) {
    const rows = Deployment.rolloutSummary(sim.view, d)
    const current = rows.find((r) => r.current)
    const image0 = d.spec.template.spec.containers[0]?.image
    if (image0 === image && current?.replicas === REPLICAS && current.available === REPLICAS && rows.every((r) => r.current || r.replicas === 0)) done++
  }
  return done
}

export default async function (report) {
  gc()
  const t0 = performance.now()
  let sim = Simulation.make({ objects: objects(), start: new Date(T0), trace: 'none' })
  sim = Simulation.runUntilStable(sim)
  const createMs = performance.now() - t0
  report(`create ${DEPLOYMENTS.toLocaleString('en')} Deployments × ${REPLICAS} replicas on ${NODES.toLocaleString('en')} nodes to a fixpoint`, createMs / 1000, 's')
  report(`  rolled out (${sim.stopped})`, rolledOut(sim, 'registry.example/web:1'), 'deployments')

  for (const d of ClusterView.listOf(sim.view, 'Deployment')) {
    const patch = { spec: { template: { spec: { containers: [{ name: 'c', image: 'registry.example/web:2' }] } } } }
    sim = Simulation.inject(sim, { _tag: 'ExternalEdit', target: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: d.metadata.namespace, name: d.metadata.name }, patch })
  }
  gc()
  const simStart = sim.now.getTime()
  const rounds0 = sim.runtime.rounds
  const t1 = performance.now()
  sim = Simulation.runUntilStable(sim)
  const wall = (performance.now() - t1) / 1000
  const simulated = (sim.now.getTime() - simStart) / 1000
  const s = Simulation.summary(sim)
  report(`rolling update of every template (25% surge / 25% unavailable) to a fixpoint`, wall, 's')
  report(`  rounds (${sim.stopped})`, s.rounds - rounds0, 'rounds')
  report('  simulated time', simulated, 's')
  report('  simulated time / wall time', simulated / wall, 'x')
  report('  rolled out to the new template', rolledOut(sim, 'registry.example/web:2'), 'deployments')
  report('  pods ready at the fixpoint', s.pods.ready, 'pods')
}
