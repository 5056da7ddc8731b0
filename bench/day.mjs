// A quiet day on a settled cluster: 1,000 ReplicaSets × 150 replicas on 5,000 nodes (150,000
// pods), settled first with an instant API (not timed), then one simulated day with the default
// options (events, pacing on) in which one pod crashes every 15 minutes (`PodCrash`, then
// `advance` 900 s; the pods picked by a fixed stride) and is healed by the kubelet. The same day
// on 100 ReplicaSets × 150 on 500 nodes (15,000 pods). Also the live heap of the settled
// 150,000-pod simulation, per pod. Targets: simulated/CPU ≥ 10⁴×; the 150k day's CPU within 2×
// of the 15k day's; ≤ 2.5 kB heap per pod. Each day runs BENCH_RUNS times (default 5) from the
// same settled value, after an untimed warm-up day.
import { T0 } from './_fixtures.mjs'
import { gc, measure, profile, range, reportRanges, reportRun, runs } from './_measure.mjs'
import { coldStartObjects } from './replicaset.mjs'
import { ClusterView, Simulation } from '../dist/index.js'

const CRASHES = 96
const PERIOD = 900

const heapUsed = () => {
  gc()
  return process.memoryUsage().heapUsed
}

/** Settles the cluster with an instant API, then the same objects in a simulation with the default options (settled too). */
const settle = async (report, label, shape, heapBaseline) => {
  const cold = await measure(() =>
    Simulation.runUntilStable(Simulation.make({ objects: coldStartObjects(shape), start: new Date(T0), trace: 'none', pacing: false })),
  )
  const sim = cold.result
  cold.result = undefined
  const pods = ClusterView.list(sim.view, 'Pod').length
  report(`${label}: set-up, cold start to a fixpoint (pacing off, not timed)`, cold.wall, 's')
  if (heapBaseline !== undefined) {
    const bytes = heapUsed() - heapBaseline
    report(`live heap of the settled simulation, ${pods.toLocaleString('en')} pods (trace none)`, bytes / 2 ** 20, 'MiB')
    report('  per pod (target ≤ 2.5 kB)', bytes / pods / 1000, 'kB')
  }
  let day = Simulation.make({ objects: ClusterView.toArray(sim.view), start: sim.now, trace: 'none', profile })
  day = Simulation.runUntilStable(day)
  report(`${label}: the same objects with default options, settled (${day.stopped}), rounds`, day.runtime.rounds, 'rounds')
  return { day, pods }
}

/** The pods that crash, in order: a fixed stride through the pods sorted by key. */
const victims = (sim) => {
  const pods = ClusterView.list(sim.view, 'Pod')
    .map((p) => [p.metadata.namespace, p.metadata.name])
    .sort((a, b) => (a[0] + '/' + a[1] < b[0] + '/' + b[1] ? -1 : 1))
  return Array.from({ length: CRASHES }, (_, k) => pods[(k * 7919 + 17) % pods.length])
}

const crashDay = (sim, picks) => {
  for (const [namespace, name] of picks) {
    sim = Simulation.inject(sim, { _tag: 'PodCrash', namespace, name })
    sim = Simulation.advance(sim, PERIOD)
  }
  return sim
}

const healed = (sim, picks) =>
  picks.filter(([ns, name]) => {
    const p = ClusterView.lookup(sim.view, 'Pod', ns, name)
    return p !== undefined && (p.status?.containerStatuses?.[0]?.restartCount ?? 0) >= 1 && p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True')
  }).length

const runDays = async (report, label, base) => {
  const picks = victims(base)
  crashDay(base, picks) // warm-up (JIT), not timed
  const results = []
  for (let run = 1; run <= runs(5); run++) {
    const rounds0 = base.runtime.rounds
    const t0 = base.now.getTime()
    const m = await measure(() => crashDay(base, picks))
    const end = m.result
    m.result = undefined
    const simulated = (end.now.getTime() - t0) / 1000
    reportRun(report, `${label}, a day with a PodCrash every 15 min`, m, run)
    report(`  rounds, simulated ${simulated} s`, end.runtime.rounds - rounds0, 'rounds')
    report('  simulated time / CPU time (target ≥ 10,000)', simulated / m.cpu, 'x')
    report('  crashed pods healed (restarted and Ready)', `${healed(end, picks)}/${picks.length}`, 'pods')
    results.push(m)
  }
  reportRanges(report, `${label} day`, results)
  report(`${label} day: simulated / CPU over the runs`, range(results.map((m) => 86_400 / m.cpu), 0), 'x')
  return results
}

export default async function (report) {
  const baseline = heapUsed()
  let { day } = await settle(report, '150k', {}, baseline)
  const big = await runDays(report, '150k', day)
  day = undefined
  ;({ day } = await settle(report, '15k', { nodes: 500, owners: 100, perOwner: 150, namespaces: 5 }))
  const small = await runDays(report, '15k', day)
  const cpu = (ms) => ms.map((m) => m.cpu)
  const ratios = cpu(big).flatMap((b) => cpu(small).map((s) => b / s))
  report('CPU of the 150k day / CPU of the 15k day, over run pairs (target ≤ 2)', range(ratios), 'x')
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]
  report('  median CPU ratio / median wall ratio', `${(median(cpu(big)) / median(cpu(small))).toFixed(2)} / ${(median(big.map((m) => m.wall)) / median(small.map((m) => m.wall))).toFixed(2)}`, 'x')
}
