/**
 * Arbitraries for Jobs and the worlds their controller sees: every completion mode (NonIndexed
 * with and without `completions`, Indexed), parallelism, backoff limits (global and per index,
 * `maxFailedIndexes`), pod failure policies (FailJob / Ignore / Count / FailIndex on exit codes and
 * on `DisruptionTarget`), success policies, replacement policies, deadlines, suspension; pods with
 * exit codes, conditions, restart counts and the tracking finalizer in every state (running,
 * ready, succeeded, failed, terminating, counted or not, orphaned, out-of-range or repeated
 * indexes), and statuses with uncounted uids; and the edits the simulation properties inject.
 *
 * Valid by construction (no `.filter`). Exported as the `Job` namespace of
 * `kube-reconcile/arbitraries` (`Job.world(…)`).
 */
import fc from 'fast-check'
import * as Indexes from '../api/jobIndexes.js'
import type { Node } from '../api/node.js'
import type { KubeObject } from '../api/object.js'
import type { Pod } from '../api/pod.js'
import type { Job, PodFailurePolicyRule } from '../api/workloads.js'
import { generateJobSelector } from '../api/strategy.js'
import * as ClusterView from '../core/ClusterView.js'
import * as ObjectRef from '../core/ObjectRef.js'
import * as T from '../core/time.js'
import type { Fault } from '../sim/types.js'
import * as Annotations from '../sim/annotations.js'
import { podFor } from '../controllers/job/podTemplate.js'
import { completionIndexKey, trackingFinalizer } from '../controllers/job/keys.js'
import { defaultNow } from './meta.js'

/** The exit codes generated pods and templates use: success, a plain failure, the one FailJob rules name, the one FailIndex rules name. */
export const exitCodes: ReadonlyArray<number> = [0, 1, 42, 3]

/** What `job` and `world` generate. */
export interface Constraints {
  /** Default `work`. */
  readonly name?: string
  /** Largest `completions` and `parallelism` (default 4). */
  readonly max?: number
  /** Default `defaultNow`. */
  readonly now?: Date
}

const rulesOf = (perIndex: boolean): fc.Arbitrary<ReadonlyArray<PodFailurePolicyRule>> =>
  fc.subarray(
    [
      { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
      { action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } },
      ...(perIndex ? [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [3] } }] : []),
      { action: 'Count', onExitCodes: { operator: 'NotIn', values: [42] } },
    ],
    { minLength: 1 },
  )

/**
 * A Job (defaults applied, selector generated, uid set) running a container `main` whose pods
 * exit after 1–20 s with one of `exitCodes` (simulation annotations), in any mode and policy.
 */
export const job = (c: Constraints = {}): fc.Arbitrary<Job> => {
  const name = c.name ?? 'work'
  const max = c.max ?? 4
  const now = c.now ?? defaultNow
  return fc
    .record({
      indexed: fc.boolean(),
      workQueue: fc.boolean(),
      completions: fc.integer({ min: 0, max }),
      parallelism: fc.integer({ min: 0, max }),
      backoffLimit: fc.integer({ min: 0, max: 3 }),
      perIndex: fc.option(fc.integer({ min: 0, max: 2 }), { freq: 2 }),
      maxFailedIndexes: fc.option(fc.integer({ min: 0, max }), { freq: 2 }),
      pfp: fc.boolean(),
      rules: fc.boolean().chain((p) => rulesOf(p)),
      successPolicy: fc.option(fc.oneof(fc.integer({ min: 1, max }).map((n) => ({ succeededCount: n })), fc.constant({ succeededIndexes: '0' })), { freq: 3 }),
      failedOnly: fc.boolean(),
      onFailure: fc.boolean(),
      suspend: fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      deadline: fc.option(fc.integer({ min: 20, max: 600 }), { freq: 4 }),
      exitCode: fc.constantFrom(...exitCodes, 0, 0),
      exitAfter: fc.integer({ min: 1, max: 20 }),
    })
    .map((g): Job => {
      const indexed = g.indexed
      const completions = indexed ? Math.max(1, g.completions) : g.workQueue ? undefined : g.completions
      const perIndex = indexed && g.perIndex !== null ? g.perIndex : undefined
      const rules = g.rules.filter((r) => r.action !== 'FailIndex' || perIndex !== undefined)
      const pfp = g.pfp && rules.length > 0 ? { rules } : undefined
      // OnFailure only where a limit ends a crash loop (per-index limits count failed pods, not restarts).
      const restartPolicy = pfp === undefined && perIndex === undefined && g.onFailure ? 'OnFailure' : 'Never'
      const success =
        indexed && g.successPolicy !== null && completions !== undefined
          ? { rules: ['succeededCount' in g.successPolicy ? { succeededCount: Math.min(g.successPolicy.succeededCount, completions) } : g.successPolicy] }
          : undefined
      const base: Job = {
        apiVersion: 'batch/v1',
        kind: 'Job',
        metadata: { name, namespace: 'default', uid: `job-uid-${name}`, resourceVersion: '1', generation: 1, creationTimestamp: T.format(now.getTime() - 3600_000) },
        spec: {
          ...(completions === undefined ? {} : { completions }),
          parallelism: g.parallelism,
          backoffLimit: perIndex !== undefined ? 2147483647 : g.backoffLimit,
          ...(perIndex === undefined ? {} : { backoffLimitPerIndex: perIndex }),
          ...(perIndex !== undefined && g.maxFailedIndexes !== null ? { maxFailedIndexes: Math.min(g.maxFailedIndexes, completions ?? 0) } : {}),
          completionMode: indexed ? 'Indexed' : 'NonIndexed',
          suspend: g.suspend,
          manualSelector: false,
          podReplacementPolicy: pfp !== undefined || g.failedOnly ? 'Failed' : 'TerminatingOrFailed',
          ...(pfp === undefined ? {} : { podFailurePolicy: pfp }),
          ...(success === undefined ? {} : { successPolicy: success }),
          ...(g.deadline === null ? {} : { activeDeadlineSeconds: g.deadline }),
          template: {
            metadata: { annotations: { [Annotations.exitCode]: String(g.exitCode), [Annotations.exitAfterSeconds]: String(g.exitAfter) } },
            spec: {
              containers: [{ name: 'main', image: 'busybox:1', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
              restartPolicy,
              terminationGracePeriodSeconds: 30,
              dnsPolicy: 'ClusterFirst',
              securityContext: {},
              schedulerName: 'default-scheduler',
            },
          },
        },
      }
      const selected = generateJobSelector(base)
      const labels = selected.spec.template.metadata?.labels
      return labels === undefined ? selected : { ...selected, metadata: { ...selected.metadata, labels } }
    })
}

/** The states a generated Job pod can be in. */
export type PodState = 'pending' | 'running' | 'ready' | 'succeeded' | 'failed' | 'terminating' | 'disrupted'

/** A pod of `job` as the controller may find it. */
const podArb = (job: Job, i: number, nowMs: number): fc.Arbitrary<Pod> =>
  fc
    .record({
      state: fc.constantFrom<PodState>('pending', 'running', 'ready', 'ready', 'succeeded', 'failed', 'terminating', 'disrupted'),
      index: fc.integer({ min: -1, max: (job.spec.completions ?? 2) + 1 }),
      tracked: fc.oneof({ weight: 4, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
      orphan: fc.oneof({ weight: 8, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      exitCode: fc.constantFrom(...exitCodes.slice(1)),
      restarts: fc.constantFrom(0, 0, 1, 3),
      age: fc.integer({ min: 5, max: 600 }),
      failures: fc.constantFrom(undefined, '0', '1', '2', 'x'),
    })
    .map((g): Pod => {
      const indexed = job.spec.completionMode === 'Indexed'
      const base = podFor(job, indexed ? Math.max(g.index, 0) : undefined)
      const created = nowMs - g.age * 1000
      const finished = T.format(nowMs - Math.floor(g.age / 2) * 1000)
      const { generateName: _g, ownerReferences, finalizers: _f, annotations, ...meta } = base.metadata
      const notes: Record<string, string> = { ...annotations }
      if (indexed && g.index < 0) delete notes[completionIndexKey]
      if (g.failures !== undefined && indexed) notes['batch.kubernetes.io/job-index-failure-count'] = g.failures
      const terminal = g.state === 'succeeded' || g.state === 'failed' || g.state === 'disrupted'
      const phase = g.state === 'pending' ? 'Pending' : g.state === 'succeeded' ? 'Succeeded' : terminal ? 'Failed' : 'Running'
      const code = g.state === 'succeeded' ? 0 : g.exitCode
      return {
        ...base,
        metadata: {
          ...meta,
          name: `${job.metadata.name ?? ''}-p${i}`,
          uid: `pod-uid-${job.metadata.name ?? ''}-${i}`,
          resourceVersion: '1',
          creationTimestamp: T.format(created),
          ...(Object.keys(notes).length === 0 ? {} : { annotations: notes }),
          ...(g.orphan ? {} : { ownerReferences }),
          ...(g.tracked && !g.orphan ? { finalizers: [trackingFinalizer] } : {}),
          ...(g.state === 'terminating' ? { deletionTimestamp: T.format(nowMs + 30_000), deletionGracePeriodSeconds: 30 } : {}),
        },
        spec: { ...base.spec, ...(g.state === 'pending' ? {} : { nodeName: 'node-0' }) },
        status: {
          phase,
          ...(g.state === 'ready'
            ? { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: T.format(created + 1000) }] }
            : g.state === 'disrupted'
              ? { conditions: [{ type: 'DisruptionTarget', status: 'True', lastTransitionTime: finished, reason: 'EvictionByEvictionAPI' }] }
              : {}),
          ...(g.state === 'pending'
            ? {}
            : {
                containerStatuses: [
                  {
                    name: 'main',
                    restartCount: g.restarts,
                    state: terminal ? { terminated: { exitCode: code, finishedAt: finished } } : { running: { startedAt: T.format(created + 500) } },
                  },
                ],
              }),
        },
      }
    })

/** A Job, its pods and a node, with the view and the time they are observed at. */
export interface World {
  readonly job: Job
  readonly pods: ReadonlyArray<Pod>
  readonly objects: ReadonlyArray<KubeObject>
  readonly view: ClusterView.ClusterView
  readonly now: Date
}

const node: Node = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name: 'node-0', uid: 'node-uid-0', resourceVersion: '1', labels: { 'kubernetes.io/hostname': 'node-0' } },
  status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { cpu: '64', memory: '256Gi', pods: '110' } },
} as Node

/**
 * A world: a Job (sometimes already started, with counts, uncounted uids of its own untracked
 * pods, completed indexes and a Suspended condition) and 0–6 of its pods in any state.
 */
export const world = (c: Constraints = {}): fc.Arbitrary<World> => {
  const now = c.now ?? defaultNow
  const nowMs = now.getTime()
  return job(c).chain((j) =>
    fc
      .record({
        n: fc.integer({ min: 0, max: 6 }),
        started: fc.boolean(),
        succeeded: fc.integer({ min: 0, max: 2 }),
        failed: fc.integer({ min: 0, max: 2 }),
        uncount: fc.boolean(),
        completed: fc.constantFrom('', '0', '0,1', '1-3'),
        suspendedBefore: fc.boolean(),
      })
      .chain((s) =>
        fc.tuple(...Array.from({ length: s.n }, (_, i) => podArb(j, i, nowMs))).map((pods): World => {
          const untracked = pods.filter((p) => (p.metadata.finalizers ?? []).length === 0 && (p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') && p.metadata.ownerReferences !== undefined)
          const completions = j.spec.completions ?? 0
          const completed = j.spec.completionMode === 'Indexed' ? Indexes.format(Indexes.parse(s.completed, completions)) : undefined
          const job: Job = s.started
            ? {
                ...j,
                status: {
                  startTime: T.format(nowMs - 120_000),
                  active: 0,
                  succeeded: completed === undefined ? s.succeeded : Indexes.size(Indexes.parse(completed, completions)),
                  failed: s.failed,
                  ...(completed === undefined ? {} : { completedIndexes: completed }),
                  uncountedTerminatedPods: s.uncount
                    ? {
                        ...(untracked.some((p) => p.status?.phase === 'Succeeded') && completed === undefined
                          ? { succeeded: untracked.filter((p) => p.status?.phase === 'Succeeded').map((p) => p.metadata.uid ?? '') }
                          : {}),
                        ...(untracked.some((p) => p.status?.phase === 'Failed') ? { failed: untracked.filter((p) => p.status?.phase === 'Failed').map((p) => p.metadata.uid ?? '') } : {}),
                      }
                    : {},
                  ...(s.suspendedBefore
                    ? { conditions: [{ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended', lastProbeTime: T.format(nowMs - 60_000), lastTransitionTime: T.format(nowMs - 60_000) }] }
                    : {}),
                },
              }
            : j
          const objects: ReadonlyArray<KubeObject> = [node, job, ...pods]
          return { job, pods, objects, view: ClusterView.fromObjects(objects), now }
        }),
      ),
  )
}

/** An edit users make to a running Job, its target picked at injection time (`resolveEdit`). */
export type EditPlan =
  | { readonly _tag: 'Suspend'; readonly suspend: boolean }
  | { readonly _tag: 'Parallelism'; readonly parallelism: number }

/** An edit: suspend or resume, or a new parallelism. */
export const editPlan = (c: Constraints = {}): fc.Arbitrary<EditPlan> =>
  fc.oneof(
    fc.boolean().map((suspend): EditPlan => ({ _tag: 'Suspend', suspend })),
    fc.integer({ min: 0, max: c.max ?? 4 }).map((parallelism): EditPlan => ({ _tag: 'Parallelism', parallelism })),
  )

/** The fault an edit means for the Job `name` of `view` (`undefined` when it is gone). */
export const resolveEdit = (plan: EditPlan, view: ClusterView.ClusterView, name = 'work'): Fault | undefined => {
  const j = ClusterView.lookup(view, 'Job', 'default', name)
  if (j === undefined) return undefined
  const patch = plan._tag === 'Suspend' ? { spec: { suspend: plan.suspend } } : { spec: { parallelism: plan.parallelism } }
  return { _tag: 'ExternalEdit', target: ObjectRef.of(j), patch }
}

/** A few words on an edit, for logs. */
export const showEdit = (plan: EditPlan): string => (plan._tag === 'Suspend' ? (plan.suspend ? 'suspend' : 'resume') : `parallelism ${plan.parallelism}`)
