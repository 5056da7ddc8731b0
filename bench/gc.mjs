// The cluster-wide controllers at scale, on the settled cluster of `deployment.mjs`: 1,000
// Deployments × 150 replicas (150,000 pods) on 5,000 nodes, set up with an instant API (timed as
// the set-up, not a target).
//   1. Every Deployment deleted with Background propagation (1,000 `ExternalDelete` faults), then
//      the simulation run to its fixpoint: the garbage collector deletes the 1,000 ReplicaSets and
//      then their 150,000 pods, the kubelet stops the pods. Target < 20 s, with an instant API
//      (pacing off); once more with the default options (pacing on) for the simulated time.
//   2. One pod GC pass over the settled 150,000 pods, 1,000 of them terminated: a full pass (the
//      first sync, a restart) and the event-driven passes the simulation runs — woken by one
//      Running pod, and by one of the terminated pods (the terminated-pod step runs). Target
//      < 20 ms, proportional to the terminated pods, not to all pods: the view indexes them.
// Each figure is measured BENCH_RUNS times (default 3): the ranges are reported, wall and CPU.
import { T0 } from './_fixtures.mjs'
import { gc, measure, profile, range, reportRanges, reportRun, runs } from './_measure.mjs'
import { objects } from './deployment.mjs'
import { ClusterView, PodGc, Simulation } from '../dist/index.js'

/** Every Deployment deleted with Background propagation (faults only: no round runs). */
const deleteAll = (sim) => {
  for (const d of ClusterView.listOf(sim.view, 'Deployment')) {
    const target = { apiVersion: 'apps/v1', kind: 'Deployment', namespace: d.metadata.namespace, name: d.metadata.name }
    sim = Simulation.inject(sim, { _tag: 'ExternalDelete', target, propagationPolicy: 'Background' })
  }
  return sim
}

/** The median of `n` timings (ms) of `f`, after one untimed call, with the CPU time of all of them. */
const timed = (f, n = 21) => {
  f()
  const ms = []
  const cpu0 = process.cpuUsage()
  for (let i = 0; i < n; i++) {
    const t = performance.now()
    f()
    ms.push(performance.now() - t)
  }
  const cpu = process.cpuUsage(cpu0)
  ms.sort((a, b) => a - b)
  return { median: ms[Math.floor(n / 2)], cpu: (cpu.user + cpu.system) / 1000 / n }
}

/** A pod of the view marked terminated (Succeeded), for the pod GC passes. */
const finished = (p) => ({ ...p, status: { ...p.status, phase: 'Succeeded' } })

export default async function (report) {
  const setup = await measure((profile) =>
    Simulation.runUntilStable(Simulation.make({ objects: objects(), start: new Date(T0), trace: 'none', pacing: false, profile })),
  )
  const settled = setup.result
  setup.result = undefined
  const before = Simulation.summary(settled)
  report(`set-up: 1,000 Deployments × 150 on 5,000 nodes to a fixpoint (${settled.stopped}), pacing off`, setup.wall, 's')
  report('  set-up CPU', setup.cpu, 's')
  report('  pods, ReplicaSets', `${before.pods.running} / ${before.objects.ReplicaSet}`, '')

  // 1. Background deletion of every Deployment, from the settled objects in a fresh simulation
  //    (its first, full sync run before the deletions, not timed).
  const fresh = (extra) => Simulation.runUntilStable(Simulation.make({ objects: ClusterView.toArray(settled.view), start: settled.now, trace: 'none', profile, ...extra }))
  const settledFresh = fresh({ pacing: false })
  const results = []
  for (let run = 1; run <= runs(3); run++) {
    const base = deleteAll(settledFresh)
    const t0 = base.now.getTime()
    const m = await measure(() => Simulation.runUntilStable(base))
    const end = m.result
    m.result = undefined
    const s = Simulation.summary(end)
    reportRun(report, 'delete 1,000 Deployments (Background) to a fixpoint, pacing off', m, run)
    report(`  rounds (${end.stopped}), simulated ${((end.now.getTime() - t0) / 1000).toFixed(0)} s`, end.runtime.rounds - base.runtime.rounds, 'rounds')
    report('  left: Deployments, ReplicaSets, pods', `${s.objects.Deployment ?? 0} / ${s.objects.ReplicaSet ?? 0} / ${s.objects.Pod ?? 0}`, '')
    results.push(m)
  }
  reportRanges(report, 'Background deletion of 150,000 pods (target < 20 s)', results)
  {
    gc()
    const base = deleteAll(fresh({}))
    const t0 = base.now.getTime()
    const m = await measure(() => Simulation.runUntilStable(base, { rounds: 1_000_000, seconds: 1_000_000 }))
    const end = m.result
    m.result = undefined
    reportRun(report, 'the same with the default options (pacing on)', m, 1)
    report(`  simulated time (${end.stopped}; the controllers' 20 QPS paces the 151,000 deletes)`, (end.now.getTime() - t0) / 1000, 's')
    report('  left: pods', Simulation.summary(end).objects.Pod ?? 0, 'pods')
  }

  // 2. Pod GC passes over 150,000 pods.
  const view = settled.view
  const now = settled.now
  const pods = ClusterView.list(view, 'Pod')
  const some = pods.slice(0, 1000).map(finished)
  const withFinished = ClusterView.withChanges(view, (c) => {
    for (const p of some) c.put(p)
  })
  const keyOf = (p) => `Pod/${p.metadata.namespace}/${p.metadata.name}`
  const running = new Set([keyOf(pods[5000])])
  const terminated = new Set([keyOf(some[0])])
  const full = [], woken = [], wokenTerminated = []
  for (let run = 1; run <= runs(3); run++) {
    if (PodGc.reconcile(withFinished, now).length !== 0) throw new Error('a quiet cluster expected')
    full.push(timed(() => PodGc.reconcile(withFinished, now)))
    woken.push(timed(() => PodGc.reconcile(withFinished, now, running)))
    wokenTerminated.push(timed(() => PodGc.reconcile(withFinished, now, terminated)))
  }
  const show = (label, ms) => {
    report(`${label}: wall (median of 21) over ${ms.length} run(s)`, range(ms.map((m) => m.median), 3), 'ms')
    report(`${label}: CPU per pass over ${ms.length} run(s)`, range(ms.map((m) => m.cpu), 3), 'ms')
  }
  show('pod GC full pass, 150,000 pods, 1,000 terminated (target < 20 ms)', full)
  show('pod GC pass woken by one Running pod', woken)
  show('pod GC pass woken by one of 1,000 terminated pods', wokenTerminated)
}
