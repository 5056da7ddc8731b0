// The rolling update of bench/deployment.mjs (1,000 Deployments × 150 replicas, 150,000 pods, on
// 5,000 nodes) with API pacing on, as by default (controllers share QPS 20 / burst 30, the
// scheduler 50 / 100): the cluster is settled with an instant API (not timed), its objects are
// put in a simulation with the default options, every template is bumped, and the rollout runs
// to its fixpoint (about 6 simulated hours), or at most BENCH_PACED_SECONDS simulated seconds
// (default one day; set it lower for a shorter run). Reports the simulated duration, CPU time and
// their ratio (target ≥ 1,000×) over what ran. BENCH_RUNS runs (default 1).
import { measure, profile, range, reportRanges, reportRun, runs } from './_measure.mjs'
import { bumpImages, rolledOut, settled } from './deployment.mjs'
import { ClusterView, Simulation } from '../dist/index.js'

export default async function (report) {
  const setup = await settled()
  const unpaced = setup.result
  setup.result = undefined
  report('set-up: create and settle with pacing off (not timed)', setup.wall, 's')
  let sim = Simulation.make({ objects: ClusterView.toArray(unpaced.view), start: unpaced.now, trace: 'none', profile })
  sim = Simulation.runUntilStable(sim)
  report(`  the same objects with default options, settled (${sim.stopped})`, sim.runtime.rounds, 'rounds')
  const base = bumpImages(sim)
  sim = undefined

  const seconds = Number(process.env.BENCH_PACED_SECONDS ?? 86_400)
  const results = []
  const ratios = []
  for (let run = 1; run <= runs(1); run++) {
    const t0 = base.now.getTime()
    const rounds0 = base.runtime.rounds
    const m = await measure(() => Simulation.runUntilStable(base, { seconds, rounds: 100_000_000 }))
    const end = m.result
    m.result = undefined
    const simulated = (end.now.getTime() - t0) / 1000
    const s = Simulation.summary(end)
    reportRun(report, 'rolling update, pacing on (defaults)', m, run)
    report(`  rounds (${end.stopped}${end.stopped === 'budget' ? `: capped at ${seconds} s` : ''})`, s.rounds - rounds0, 'rounds')
    report('  simulated time', simulated, 's')
    report('  simulated time (hours)', simulated / 3600, 'h')
    report('  simulated time / CPU time (target ≥ 1,000)', simulated / m.cpu, 'x')
    report('  rolled out to the new template', rolledOut(end, 'registry.example/web:2'), 'deployments')
    report('  pods ready', s.pods.ready, 'pods')
    const writes = end.runtime.rv - base.runtime.rv
    report('  writes (resourceVersions taken) / CPU µs per write / CPU µs per round', `${writes} / ${((m.cpu * 1e6) / writes).toFixed(1)} / ${((m.cpu * 1e6) / (s.rounds - rounds0)).toFixed(0)}`, '')
    results.push(m)
    ratios.push(simulated / m.cpu)
  }
  reportRanges(report, 'paced rolling update', results)
  report('paced rolling update: simulated / CPU over the runs', range(ratios, 0), 'x')
}
