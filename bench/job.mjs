// The Job controller at scale. (1) One Job of 10,000 completions at parallelism 1,000 on 5,000
// nodes, run to completion in the simulation (every pod runs the kubelet's default 5 s and
// succeeds): wall and CPU time, simulated / wall ratio — with an instant API (pacing off,
// BENCH_RUNS times, default 3, with the phase split) and once with upstream's client rate limits
// (pacing on). (2) One reconcile of a Job with 10,000 terminated pods still to account (tracking
// finalizers on, nothing counted yet), NonIndexed and Indexed (target < 50 ms): median per run.
import { T0, iso, readyNodes, template } from './_fixtures.mjs'
import { gc, measure, range, reportRanges, reportRun, medianMs, runs } from './_measure.mjs'
import { ClusterView, Job, Simulation } from '../dist/index.js'

const NODES = 5000
const COMPLETIONS = 10_000
const PARALLELISM = 1_000

/** A NonIndexed Job `name` of `completions` at `parallelism`, as sent (the API server generates its selector). */
const job = (name, completions, parallelism) => {
  const t = template(name, 'worker:1')
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { completions, parallelism, backoffLimit: 6, template: { ...t, spec: { ...t.spec, restartPolicy: 'Never' } } },
  }
}

const toCompletion = (pacing) => (profile) =>
  Simulation.runUntilStable(
    Simulation.make({ objects: [...readyNodes(NODES), job('big', COMPLETIONS, PARALLELISM)], start: new Date(T0), trace: 'none', ...(pacing ? {} : { pacing: false }), profile }),
    { rounds: 1_000_000, seconds: 86_400 },
  )

/** Reports one run to completion; returns its simulated / wall ratio. */
const reportCompletion = (report, label, m, run) => {
  const end = m.result
  m.result = undefined
  const simulated = (end.now.getTime() - T0) / 1000
  const status = ClusterView.lookup(end.view, 'Job', 'default', 'big')?.status ?? {}
  const done = (status.conditions ?? []).find((c) => c.type === 'Complete' && c.status === 'True')
  reportRun(report, label, m, run)
  report(`  stopped by ${end.stopped}; succeeded / failed; Complete`, `${status.succeeded ?? 0} / ${status.failed ?? 0}; ${done === undefined ? 'no' : 'yes'}`, '')
  report(`  rounds; simulated time`, `${Simulation.summary(end).rounds}; ${simulated.toFixed(0)} s`, '')
  report('  simulated time / wall time', simulated / m.wall, 'x')
  return simulated / m.wall
}

/** The Job `acct` in `mode` as stored (uid, selector, template labels) and its `n` Succeeded pods, all tracked, none counted. */
const accountingWorld = (n, mode) => {
  const uid = `job-${mode}`
  const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'acct' }
  const t = template('acct', 'worker:1')
  const j = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'acct', namespace: 'default', uid, generation: 1, resourceVersion: '1', creationTimestamp: iso(T0) },
    spec: {
      completions: n,
      parallelism: PARALLELISM,
      completionMode: mode,
      backoffLimit: 6,
      selector: { matchLabels: labels },
      template: { metadata: { labels: { ...t.metadata.labels, ...labels } }, spec: { ...t.spec, restartPolicy: 'Never' } },
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
    },
    status: { startTime: iso(T0), active: 0, ready: 0, terminating: 0, succeeded: 0, failed: 0, uncountedTerminatedPods: {} },
  }
  const objects = [j]
  for (let i = 0; i < n; i++) {
    const index = mode === 'Indexed' ? { 'batch.kubernetes.io/job-completion-index': String(i) } : {}
    const finished = iso(T0 + 60_000 + (i % 600) * 1000)
    objects.push({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `acct-${mode === 'Indexed' ? `${i}-` : ''}${String(i).padStart(5, '0')}`,
        namespace: 'default',
        uid: `pod-${i}`,
        resourceVersion: '2',
        creationTimestamp: iso(T0 + (i % 600) * 1000),
        labels: { ...j.spec.template.metadata.labels, ...index },
        annotations: index,
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'acct', uid, controller: true, blockOwnerDeletion: true }],
        finalizers: ['batch.kubernetes.io/job-tracking'],
      },
      spec: { ...j.spec.template.spec, nodeName: `node-${i % NODES}` },
      status: {
        phase: 'Succeeded',
        conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: finished }],
        containerStatuses: [{ name: 'c', ready: false, restartCount: 0, state: { terminated: { exitCode: 0, finishedAt: finished } } }],
      },
    })
  }
  // As read from a cluster (decoded JSON), not as built here by spreading objects into each other.
  return { job: objects[0], view: ClusterView.fromObjects([...readyNodes(NODES), ...objects].map((o) => JSON.parse(JSON.stringify(o)))) }
}

/** Wall time (ms) of one call of `f`. */
const once = (f) => {
  const t0 = performance.now()
  f()
  return performance.now() - t0
}

/** Median wall time (ms) of `f` over `n` runs, after five warm-up runs. */
const median = (f) => medianMs(f, 9, 5)

export default async function (report) {
  const now = new Date(T0 + 3_600_000)
  for (const mode of ['NonIndexed', 'Indexed']) {
    gc()
    const { job: j, view } = accountingWorld(COMPLETIONS, mode)
    let actions = []
    const first = once(() => {
      actions = Job.reconcile(j, view, now)
    })
    const removals = actions.filter((a) => a._tag === 'Update' && a.object.kind === 'Pod').length
    const writes = actions.filter((a) => a._tag === 'UpdateStatus').length
    const label = `reconcile, ${mode} Job with ${COMPLETIONS.toLocaleString('en')} terminated pods to account (target < 50 ms)`
    if (first > 2000) {
      // Too slow to repeat (a sync with thousands of writes): the first call alone.
      report(`${label}, one call (too slow for a median)`, first, 'ms')
    } else {
      const medians = []
      for (let k = 0; k < runs(3); k++) medians.push(median(() => Job.reconcile(j, view, now)))
      report(`${label}, median per run`, range(medians), 'ms')
    }
    report(`  its writes: status updates; finalizer removals (upstream caps them at 500 a sync)`, `${writes}; ${removals}`, '')
  }

  const colds = []
  const ratios = []
  for (let run = 1; run <= runs(3); run++) {
    const m = await measure(toCompletion(false))
    ratios.push(reportCompletion(report, `1 Job, ${COMPLETIONS.toLocaleString('en')} completions at parallelism ${PARALLELISM.toLocaleString('en')}, ${NODES.toLocaleString('en')} nodes, pacing off`, m, run))
    colds.push(m)
  }
  reportRanges(report, 'Job to completion, pacing off', colds)
  report('Job to completion, pacing off: simulated / wall over the runs', range(ratios, 1), 'x')

  const paced = await measure(toCompletion(true))
  reportCompletion(report, 'the same Job, pacing on (QPS 20, burst 30)', paced, 1)
}
