/**
 * Real manifests: the Job examples of the Kubernetes documentation, written as the docs publish
 * them (`manifests/`), decode and converge in the simulation to the terminal condition and counts
 * the docs show. The simulated kubelet cannot run their commands, so each test states what the
 * command does — exit code and run time, per completion index where the script reads
 * `JOB_COMPLETION_INDEX` — as a `program` the test plays: a controller of the test that stamps the
 * kubelet's `exit-code` / `exit-after-seconds` annotations on each new pod before it starts.
 * The docs' manual steps (draining a node, patching a pod's status, deleting a pod) are faults.
 * Every run checks the wakes, JOB-1 over its whole trace and the Job invariants at its fixpoint.
 * Last, `examples/job.yaml` as `kube-reconcile simulate` runs it (on the CLI's three nodes).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as H from '../../harness.js'
import { decodeManifests } from '../../../src/api/decode.js'
import { simulate } from '../../../src/cli/simulate.js'
import type { Condition } from '../../../src/api/meta.js'
import type { KubeObject } from '../../../src/api/object.js'
import type { Node } from '../../../src/api/node.js'
import type { Pod } from '../../../src/api/pod.js'
import type { Job } from '../../../src/api/workloads.js'
import * as A from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import type { ClusterView as View } from '../../../src/core/ClusterView.js'
import { clusterWide } from '../../../src/core/Controller.js'
import type { Controller } from '../../../src/core/Controller.js'
import { controllerRef } from '../../../src/core/ownership.js'
import { isActive } from '../../../src/core/pods.js'
import * as JobC from '../../../src/controllers/job/index.js'
import * as Inv from '../../../src/invariants/job.js'
import { format } from '../../../src/invariants/Violation.js'
import * as Simulation from '../../../src/sim/index.js'
import type { KubeletOptions, Simulation as Sim } from '../../../src/sim/index.js'

const start = new Date('2024-01-01T00:00:00Z')

/** The one Job of `manifests/<file>`. */
const manifest = (file: string): Job => {
  const decoded = decodeManifests(readFileSync(new URL(`./manifests/${file}`, import.meta.url), 'utf8'))
  if (decoded._tag === 'Left') throw new Error(`${file}: ${decoded.left.message}`)
  const [job, ...rest] = decoded.right
  if (job?.kind !== 'Job' || rest.length > 0) throw new Error(`${file} holds more than one Job`)
  return job
}

const node = (name: string): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'kubernetes.io/hostname': name } },
  status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { pods: '110' } },
})
const fleet = [node('node-1'), node('node-2'), node('node-3')]

/** What a pod's container does, by completion index (-1 for a NonIndexed Job): exit code, and seconds it runs. */
type Program = (index: number) => { readonly code: number; readonly seconds: number }

/**
 * The test's stand-in for the containers' commands: each live pod of a Job it knows, not yet
 * stamped, gets the kubelet's exit-code and exit-after-seconds annotations of its program (an
 * Update before the kubelet starts the pod, which reads them).
 */
const programs = (byJob: Readonly<Record<string, Program>>): Controller =>
  clusterWide(
    'test-programs',
    (view: View) =>
      ClusterView.listOf(view, 'Pod').flatMap((p): ReadonlyArray<A.Action> => {
        const program = byJob[controllerRef(p)?.name ?? '']
        const a = p.metadata.annotations ?? {}
        if (program === undefined || a[Simulation.Annotations.exitCode] !== undefined || !isActive(p)) return []
        const { code, seconds } = program(JobC.completionIndex(p))
        const annotations = { ...a, [Simulation.Annotations.exitCode]: String(code), [Simulation.Annotations.exitAfterSeconds]: String(seconds) }
        return [A.update({ ...p, metadata: { ...p.metadata, annotations } })]
      }),
    ['Pod'],
  )

/** `kubectl patch pod --subresource=status`: `condition` added once to the first pod (by name) of the Job `job`. */
const statusPatch = (job: string, condition: Condition): Controller =>
  clusterWide(
    'test-status-patch',
    (view: View) => {
      const [p] = ClusterView.listOf(view, 'Pod')
        .filter((q) => controllerRef(q)?.name === job)
        .sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
      if (p === undefined || (p.status?.conditions ?? []).some((c) => c.type === condition.type)) return []
      return [A.updateStatus({ ...p, status: { ...p.status, conditions: [...(p.status?.conditions ?? []), condition] } })]
    },
    ['Pod'],
  )

interface Setup {
  readonly programs?: Readonly<Record<string, Program>>
  readonly controllers?: Readonly<Record<string, Controller>>
  readonly kubelet?: KubeletOptions
}

const make = (objects: ReadonlyArray<KubeObject>, s: Setup = {}): Sim =>
  Simulation.make({
    objects: [...fleet, ...objects],
    start,
    seed: 1,
    checkWakes: true,
    ...(s.kubelet === undefined ? {} : { kubelet: s.kubelet }),
    controllers: { ...(s.programs === undefined ? {} : { 'test-programs': programs(s.programs) }), ...s.controllers },
  })

const settle = (sim: Sim, seconds = 3600): Sim => Simulation.runUntilStable(sim, { seconds })

/** Asserts the run stopped at a fixpoint where JOB-1 held over its whole trace and every fixpoint invariant holds. */
const expectSettled = (initial: Sim, end: Sim): void => {
  expect(end.stopped).toBe('fixpoint')
  expect(format([...Inv.job1CountedOnce(initial.view, end.trace), ...Inv.checkFixpoint(end.view, end.now)])).toBe('')
}

const jobIn = (sim: Sim, name: string): Job => {
  const j = ClusterView.lookup(sim.view, 'Job', 'default', name)
  if (j === undefined) throw new Error(`no Job ${name}`)
  return j
}

const condition = (job: Job, type: string): Condition | undefined => job.status?.conditions?.find((c) => c.type === type && c.status === 'True')

const podsOf = (sim: Sim, job: Job): ReadonlyArray<Pod> => ClusterView.controlledOf(sim.view, job.metadata.uid ?? '', 'Pod')

/** Runs to a fixpoint, checking the run; the Job's final state. */
const converge = (job: Job, s: Setup = {}): { readonly sim: Sim; readonly job: Job } => {
  const initial = make([job], s)
  const sim = settle(initial)
  expectSettled(initial, sim)
  return { sim, job: jobIn(sim, job.metadata.name ?? '') }
}

const exits = (code: number, seconds: number): Program => () => ({ code, seconds })

describe('the Kubernetes documentation Jobs', () => {
  it('job.yaml (pi): one pod runs to completion; Complete after SuccessCriteriaMet, both CompletionsReached', () => {
    const { sim, job } = converge(manifest('job.yaml'), { programs: { pi: exits(0, 8) } })
    expect(job.status).toMatchObject({ succeeded: 1, failed: 0, active: 0, ready: 0, terminating: 0, uncountedTerminatedPods: {} })
    expect(condition(job, 'SuccessCriteriaMet')?.reason).toBe('CompletionsReached')
    expect(condition(job, 'Complete')).toMatchObject({ reason: 'CompletionsReached', message: 'Reached expected number of succeeded pods' })
    expect(job.status?.completionTime).toBe(condition(job, 'Complete')?.lastTransitionTime)
    const pods = podsOf(sim, job)
    expect(pods.map((p) => [p.metadata.generateName, p.status?.phase, p.metadata.finalizers ?? []])).toEqual([['pi-', 'Succeeded', []]])
  })

  for (const file of ['indexed-job.yaml', 'indexed-job-vol.yaml']) {
    it(`${file}: five indexes, three at a time; every pod carries its index as annotation, label, hostname and JOB_COMPLETION_INDEX`, () => {
      const { sim, job } = converge(manifest(file))
      expect(job.status).toMatchObject({ completedIndexes: '0-4', succeeded: 5, active: 0 })
      expect(condition(job, 'Complete')?.reason).toBe('CompletionsReached')
      const pods = [...podsOf(sim, job)].sort((a, b) => JobC.completionIndex(a) - JobC.completionIndex(b))
      expect(pods.map(JobC.completionIndex)).toEqual([0, 1, 2, 3, 4])
      for (const [i, p] of pods.entries()) {
        expect(p.metadata.generateName).toBe(`indexed-job-${i}-`)
        expect(p.metadata.labels?.[JobC.completionIndexKey]).toBe(String(i))
        expect(p.spec.hostname).toBe(`indexed-job-${i}`)
        for (const c of [...(p.spec.initContainers ?? []), ...p.spec.containers]) {
          expect(c.env).toContainEqual({ name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.labels['${JobC.completionIndexKey}']` } } })
        }
      }
      const firstWave = Simulation.runUntilStable(make([manifest(file)]), { rounds: 3, seconds: 1 })
      expect(ClusterView.listOf(firstWave.view, 'Pod').filter(isActive).map(JobC.completionIndex).sort()).toEqual([0, 1, 2])
    })
  }

  it('job-pod-failure-policy-example.yaml: exit code 42 matches the FailJob rule; the Job fails at once (PodFailurePolicy)', () => {
    const { sim, job } = converge(manifest('job-pod-failure-policy-example.yaml'), { programs: { 'job-pod-failure-policy-example': exits(42, 5) } })
    const failed = condition(job, 'Failed')
    expect(failed?.reason).toBe('PodFailurePolicy')
    expect(failed?.message).toMatch(/^Container main for pod default\/job-pod-failure-policy-example-\w{5} failed with exit code 42 matching FailJob rule at index 0$/)
    expect(condition(job, 'FailureTarget')?.message).toBe(failed?.message)
    // The three pods of the first wave all exited with 42; nothing was retried.
    expect(job.status).toMatchObject({ failed: 3, succeeded: 0, active: 0 })
    expect(podsOf(sim, job)).toHaveLength(3)
  })

  it('job-pod-failure-policy-failjob.yaml: the FailJob rule ends the Job after the first wave, not after six retries', () => {
    const { sim, job } = converge(manifest('job-pod-failure-policy-failjob.yaml'), { programs: { 'job-pod-failure-policy-failjob': exits(42, 30) } })
    expect(condition(job, 'Failed')?.reason).toBe('PodFailurePolicy')
    expect(job.status).toMatchObject({ failed: 2, succeeded: 0 })
    expect(podsOf(sim, job)).toHaveLength(2)
    expect(Date.parse(condition(job, 'Failed')?.lastTransitionTime ?? '') - start.getTime()).toBeLessThan(40_000)
  })

  it('job-pod-failure-policy-ignore.yaml: draining the node of a running pod is ignored (backoffLimit 0), and the Job completes', () => {
    const initial = make([manifest('job-pod-failure-policy-ignore.yaml')], { programs: { 'job-pod-failure-policy-ignore': exits(0, 90) } })
    const running = Simulation.runUntilStable(initial, { seconds: 10 })
    const victim = ClusterView.listOf(running.view, 'Pod').find(isActive)
    const nodeName = victim?.spec.nodeName ?? ''
    expect(nodeName).not.toBe('')
    // kubectl drain: cordon, then evict every pod of the node through the Eviction API.
    let drained = Simulation.inject(running, { _tag: 'NodeCordon', name: nodeName })
    for (const p of ClusterView.listOf(running.view, 'Pod').filter((q) => q.spec.nodeName === nodeName && isActive(q))) {
      drained = Simulation.inject(drained, { _tag: 'EvictPod', namespace: 'default', name: p.metadata.name ?? '' })
    }
    const end = settle(drained)
    expectSettled(initial, end)
    const job = jobIn(end, 'job-pod-failure-policy-ignore')
    expect(condition(job, 'Complete')?.reason).toBe('CompletionsReached')
    expect(job.status).toMatchObject({ succeeded: 4, failed: 0 })
    // The evicted pods failed with DisruptionTarget (they are gone once their finalizer went): each was replaced.
    const evictions = end.trace.filter((e) => e._tag === 'Fault' && e.fault._tag === 'EvictPod' && (e.result ?? 'applied') === 'applied').length
    const creates = end.trace.filter((e) => e._tag === 'Action' && e.action._tag === 'Create' && e.action.object.kind === 'Pod' && e.result === 'applied').length
    expect(evictions).toBeGreaterThan(0)
    expect(creates).toBe(4 + evictions)
  })

  it('job-pod-failure-policy-config-issue.yaml: a Pending pod patched with ConfigIssue and deleted fails the Job (PodFailurePolicy)', () => {
    // The image does not exist: the pods never start. The docs' steps: patch the first pod's status
    // with the ConfigIssue condition, then delete the pod.
    const job = manifest('job-pod-failure-policy-config-issue.yaml')
    const configIssue: Condition = { type: 'ConfigIssue', status: 'True', reason: 'NonExistingImage', lastTransitionTime: '2024-01-01T00:00:00Z' }
    const initial = make([job], { kubelet: { startSeconds: 86_400 }, controllers: { 'test-status-patch': statusPatch(job.metadata.name ?? '', configIssue) } })
    const pending = Simulation.runUntilStable(initial, { seconds: 10 })
    const pods = ClusterView.listOf(pending.view, 'Pod').slice().sort((a, b) => (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''))
    expect(pods.map((p) => p.status?.phase)).toEqual(['Pending', 'Pending'])
    expect(pods.map((p) => (p.status?.conditions ?? []).some((c) => c.type === 'ConfigIssue'))).toEqual([true, false])
    const name = pods[0]?.metadata.name ?? ''
    const end = settle(Simulation.inject(pending, { _tag: 'ExternalDelete', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name } }))
    expectSettled(initial, end)
    const done = jobIn(end, 'job-pod-failure-policy-config-issue')
    expect(condition(done, 'Failed')).toMatchObject({ reason: 'PodFailurePolicy', message: `Pod default/${name} has condition ConfigIssue matching FailJob rule at index 0` })
    expect(done.status).toMatchObject({ failed: 2, succeeded: 0, active: 0 })
  })

  it('job-backoff-limit-per-index-example.yaml: even indexes fail twice each, odd ones succeed; the Job runs them all, then fails (FailedIndexes)', () => {
    const { job } = converge(manifest('job-backoff-limit-per-index-example.yaml'), {
      programs: { 'job-backoff-limit-per-index-example': (i) => ({ code: i % 2 === 0 ? 1 : 0, seconds: 5 }) },
    })
    expect(job.status).toMatchObject({ completedIndexes: '1,3,5,7,9', failedIndexes: '0,2,4,6,8', succeeded: 5, failed: 10, active: 0, terminating: 0 })
    expect(condition(job, 'FailureTarget')?.reason).toBe('FailedIndexes')
    expect(condition(job, 'Failed')).toMatchObject({ reason: 'FailedIndexes', message: 'Job has failed indexes' })
  })

  it('job-backoff-limit-per-index-failindex.yaml: index 0 fails twice (exit 1), index 1 once (exit 42, FailIndex), 2 and 3 succeed', () => {
    const { sim, job } = converge(manifest('job-backoff-limit-per-index-failindex.yaml'), {
      programs: { 'job-backoff-limit-per-index-failindex': (i) => ({ code: i === 0 ? 1 : i === 1 ? 42 : 0, seconds: 5 }) },
    })
    expect(job.status).toMatchObject({ completedIndexes: '2,3', failedIndexes: '0,1', succeeded: 2, failed: 3 })
    expect(condition(job, 'Failed')?.reason).toBe('FailedIndexes')
    const byIndex = (i: number) => podsOf(sim, job).filter((p) => JobC.completionIndex(p) === i)
    expect(byIndex(0).map((p) => p.metadata.annotations?.[JobC.indexFailureCountKey]).sort()).toEqual(['0', '1'])
    expect(byIndex(1)).toHaveLength(1)
  })

  // The deleted pods lose their finalizer in the same sync without being counted (the Update
  // applies on top of the sync's own Delete, as upstream's patch does), so failed stays 0.
  it('job-success-policy.yaml: index 2 succeeding meets the rule (0,2-3, count 1); the other pods are deleted, uncounted, and the Job completes (SuccessPolicy)', () => {
    // Index 2 exits 0 first; the others would exit 1 later but are stopped by the success.
    const { sim, job } = converge(manifest('job-success-policy.yaml'), { programs: { 'job-success': (i) => ({ code: i === 2 ? 0 : 1, seconds: i === 2 ? 5 : 30 }) } })
    expect(condition(job, 'SuccessCriteriaMet')).toMatchObject({ reason: 'SuccessPolicy', message: 'Matched rules at index 0' })
    expect(condition(job, 'Complete')).toMatchObject({ reason: 'SuccessPolicy', message: 'Matched rules at index 0' })
    expect(job.status).toMatchObject({ completedIndexes: '2', succeeded: 1, active: 0, terminating: 0 })
    // The deleted pods were never counted: no failure was ever written.
    expect(job.status?.failed ?? 0).toBe(0)
    // Without their finalizer, the stopped pods were removed: only the succeeded one is left.
    expect(podsOf(sim, job).map((p) => p.status?.phase)).toEqual(['Succeeded'])
  })

  it('job-success-policy.yaml with every pod ending at once: nine failures exceed backoffLimit 6, which upstream checks before the success policy', () => {
    const { job } = converge(manifest('job-success-policy.yaml'), { programs: { 'job-success': (i) => ({ code: i === 2 ? 0 : 1, seconds: 5 }) } })
    expect(condition(job, 'Failed')?.reason).toBe('BackoffLimitExceeded')
    expect(condition(job, 'SuccessCriteriaMet')).toBeUndefined()
    expect(job.status).toMatchObject({ completedIndexes: '2', succeeded: 1, failed: 9 })
  })

  it('job-sidecar.yaml: the pod with a sidecar (initContainer, restartPolicy Always) completes the Job', () => {
    const { sim, job } = converge(manifest('job-sidecar.yaml'))
    expect(condition(job, 'Complete')?.reason).toBe('CompletionsReached')
    expect(job.status).toMatchObject({ succeeded: 1, failed: 0 })
    const [pod] = podsOf(sim, job)
    expect(pod?.spec.initContainers?.[0]).toMatchObject({ name: 'logshipper', restartPolicy: 'Always' })
  })
})

describe('examples/job.yaml', () => {
  it('runs its scenario: a failed index under backoffLimitPerIndex, an ignored eviction, a suspend and resume', () => {
    const example = H.exampleScenario('job.yaml')
    const scenario = example.scenario
    const objects = [...fleet, ...example.objects]
    const out = simulate({ objects, scenario, until: scenario.until, seed: scenario.seed ?? 1, start }, true)
    expect(out.skipped).toEqual([])
    const initial = Simulation.make({ objects, start, seed: scenario.seed ?? 1 })
    expect(format([...Inv.job1CountedOnce(initial.view, out.sim.trace), ...Inv.checkFixpoint(out.sim.view, out.sim.now)])).toBe('')
    const render = jobIn(out.sim, 'render')
    expect(render.status).toMatchObject({ completedIndexes: '0,2,3', failedIndexes: '1', succeeded: 3, failed: 2, active: 0 })
    expect(condition(render, 'Failed')?.reason).toBe('FailedIndexes')
    const train = jobIn(out.sim, 'train')
    expect(train.status).toMatchObject({ succeeded: 3, failed: 0 })
    expect(condition(train, 'Complete')).toBeDefined()
    const report = jobIn(out.sim, 'report')
    expect(report.status).toMatchObject({ succeeded: 4, failed: 0, startTime: '2024-01-01T00:00:40Z' })
    expect(report.status?.conditions?.find((c) => c.type === 'Suspended')).toMatchObject({ status: 'False', reason: 'JobResumed' })
    const text = out.rows.map((r) => `${r.source} ${r.text}`).join('\n')
    expect(text).toMatch(/Job default\/report +Event Normal Suspended: Job suspended/)
    expect(text).toMatch(/Job default\/render +Event Warning FailedIndexes: Job has failed indexes/)
  })
})
