// The CronJob controller over simulated time: 100 CronJobs on `*/5 * * * *` whose Jobs run 30–90 s
// (the simulated kubelet's exit-after-seconds annotation), on 100 nodes, for a simulated week
// (target under 10 s wall: a simulated/wall ratio above 60,000), with the default API pacing and
// the trace off; the phase split comes from the `profile` option. Then one CronJob sync on the
// settled cluster. `BENCH_CRONJOB_DAYS` shortens the run (default 7); `BENCH_RUNS` repeats it.
import { T0, iso, readyNodes } from './_fixtures.mjs'
import { measure, range, reportRanges, reportRun, medianMs, runs } from './_measure.mjs'
import { ClusterView, CronJob, Simulation } from '../dist/index.js'

const CRONJOBS = 100
const NODES = 100
const days = Number(process.env.BENCH_CRONJOB_DAYS ?? 7)

/** CronJob `i`: every 5 minutes, its Jobs' pods running 30 to 90 s. */
const cronJob = (i) => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: `cron-${i}`, namespace: 'default', uid: `cron-uid-${i}`, resourceVersion: '1', creationTimestamp: iso(T0) },
  spec: {
    schedule: '*/5 * * * *',
    concurrencyPolicy: 'Allow',
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    jobTemplate: {
      spec: {
        template: {
          metadata: { annotations: { 'sim.kube-reconcile.io/exit-after-seconds': String(30 + ((i * 37) % 61)) } },
          spec: {
            restartPolicy: 'Never',
            containers: [{ name: 'job', image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
            terminationGracePeriodSeconds: 30,
            dnsPolicy: 'ClusterFirst',
            securityContext: {},
            schedulerName: 'default-scheduler',
          },
        },
      },
    },
  },
})

const world = () => [...readyNodes(NODES), ...Array.from({ length: CRONJOBS }, (_, i) => cronJob(i))]

/** Median wall time (ms) of `f` over 201 runs, after one warm-up. */
const median = (f) => medianMs(f, 201)

export default async function (report) {
  const seconds = days * 86_400
  const weeks = []
  const ratios = []
  let end
  for (let run = 1; run <= runs(1); run++) {
    const m = await measure((profile) =>
      Simulation.advance(Simulation.make({ objects: world(), start: new Date(T0), trace: 'none', profile }), seconds, { rounds: 100_000_000 }),
    )
    end = m.result
    m.result = undefined
    const s = Simulation.summary(end)
    reportRun(report, `${days} simulated day(s), ${CRONJOBS} CronJobs */5 on ${NODES} nodes, pacing on`, m, run)
    report('  rounds', s.rounds, 'rounds')
    report('  Jobs kept at the end / pods succeeded kept', `${s.objects.Job ?? 0} / ${s.pods.succeeded}`, '')
    report('  simulated time / wall time (target > 60,000)', seconds / m.wall, 'x')
    report('  simulated time / CPU time', seconds / m.cpu, 'x')
    ratios.push(seconds / m.wall)
    weeks.push(m)
  }
  reportRanges(report, `${days} simulated day(s)`, weeks)
  report('simulated/wall over the runs', range(ratios, 0), 'x')

  const cj = ClusterView.lookup(end.view, 'CronJob', 'default', 'cron-7')
  report('one CronJob sync on the settled cluster (median, µs)', 1000 * median(() => CronJob.reconcile(cj, end.view, end.now)), 'µs')
}
