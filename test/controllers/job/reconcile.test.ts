/**
 * Whole syncs of the Job controller (`reconcile`), translated from upstream
 * `job_controller_test.go` (kubernetes v1.33 line, every Job feature gate on, so terminal
 * conditions are delayed: `FailureTarget`/`SuccessCriteriaMet` first, `Failed`/`Complete` once
 * nothing is left terminating): TestControllerSyncJob, TestSyncJobPastDeadline,
 * TestSingleJobFailedCondition, TestJobBackoffForOnFailure, TestJobBackoffOnRestartPolicyNever,
 * TestTrackJobStatusAndRemoveFinalizers (through `track`), TestSyncJobWithJobPodFailurePolicy,
 * TestSyncJobWithJobBackoffLimitPerIndex, TestSyncJobWithJobSuccessPolicy,
 * TestSyncJobWhenManagedBy, TestGetPodsForJob and TestSyncOrphanPod — checking the exact
 * actions: creates (names, annotations, labels, env, hostname), deletes, finalizer removals, the
 * ordered status writes with their counters, conditions and `required` flags, events and
 * requeues.
 *
 * Left out: rows about API errors (`podControllerError`, `podLimit`, status update errors) —
 * here a failed write is the simulation's business and the `required` flags decide what follows
 * it; rows about unsatisfied expectations (kept by the simulation runtime, not by reconcile); and
 * rows that switch a feature gate off.
 */
import { describe, expect, it } from 'vitest'
import type { Condition } from '../../../src/api/meta.js'
import type { Pod } from '../../../src/api/pod.js'
import type { Job, JobStatus, PodFailurePolicyRule } from '../../../src/api/workloads.js'
import type { Action } from '../../../src/core/Action.js'
import type { JobBackoff } from '../../../src/controllers/job/backoff.js'
import { jobPods } from '../../../src/controllers/job/claim.js'
import { ensureCondition } from '../../../src/controllers/job/conditions.js'
import { jobController, sizeSummary, statusFields } from '../../../src/controllers/job/controller.js'
import { failedIndexes, succeededIndexes } from '../../../src/controllers/job/counting.js'
import {
  completionIndexEnv,
  completionIndexKey,
  indexFailureCountKey,
  indexIgnoredFailureCountKey,
  jobControllerName,
  trackingFinalizer,
} from '../../../src/controllers/job/keys.js'
import { isOrphanTracked, orphanPodsController, reconcileOrphans } from '../../../src/controllers/job/orphans.js'
import { generateNameWithIndex, podFor } from '../../../src/controllers/job/podTemplate.js'
import { delayedDeletions, isManagedByController, pastActiveDeadline, pastBackoffLimitOnFailure, reconcile } from '../../../src/controllers/job/reconcile.js'
import { track } from '../../../src/controllers/job/tracking.js'
import type { TrackInput } from '../../../src/controllers/job/tracking.js'
import { reconcile as registryReconcile } from '../../../src/controllers/registry.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { isActive } from '../../../src/core/pods.js'
import {
  ago,
  complete,
  cond,
  created,
  createdIndexes,
  criteriaMet,
  deleted,
  events,
  failed,
  failureTarget,
  job,
  lastStatus,
  maxInt32,
  now,
  nowIso,
  ofTag,
  outline,
  pod,
  requeues,
  statuses,
  terminated,
  unfinalized,
  viewOf,
} from './fixtures.js'
import type { JobOptions, PodOptions } from './fixtures.js'

const nowMs = now.getTime()

/** One sync of `j` over `pods`. */
const sync = (j: Job, pods: ReadonlyArray<Pod>, o: { readonly backoff?: JobBackoff; readonly at?: Date } = {}): ReadonlyArray<Action> =>
  reconcile(j, viewOf(j, ...pods), o.at ?? now, o.backoff)

/** `n` pods of `j` named `<prefix>0…`, with options. */
const some = (j: Job, n: number, prefix: string, o: PodOptions = {}): ReadonlyArray<Pod> =>
  Array.from({ length: n }, (_, i) => pod(`${prefix}${i}`, { owner: j, ...o }))

/** Upstream `setPodsStatuses`: pending, running (the first `ready` of them Ready), succeeded, failed and terminating (running, being deleted) pods. */
const podsFor = (
  j: Job,
  o: { readonly pending?: number; readonly running?: number; readonly ready?: number; readonly succeeded?: number; readonly failed?: number; readonly terminating?: number },
): ReadonlyArray<Pod> => [
  ...some(j, o.pending ?? 0, 'pending-', { phase: 'Pending' }),
  ...Array.from({ length: o.running ?? 0 }, (_, i) => pod(`running-${i}`, { owner: j, ready: i < (o.ready ?? 0) })),
  ...some(j, o.succeeded ?? 0, 'succeeded-', { phase: 'Succeeded' }),
  ...some(j, o.failed ?? 0, 'failed-', { phase: 'Failed' }),
  ...some(j, o.terminating ?? 0, 'terminating-', { deleting: true }),
]

/** Upstream `setPodsStatusesWithIndexes`: `[index, phase]` pairs, `-` for no index. */
const withIndexes = (j: Job, pairs: ReadonlyArray<readonly [string, 'Pending' | 'Running' | 'Succeeded' | 'Failed']>): ReadonlyArray<Pod> =>
  pairs.map(([index, phase], i) => pod(`ix-${i}`, { owner: j, phase, ...(index === '-' ? {} : { index }) }))

/** A condition as `[type, status, reason, message]` (times left out, as upstream's tests ignore them). */
type Cond = readonly [string, string, string?, string?]
const brief = (cs: ReadonlyArray<Condition> | undefined): ReadonlyArray<Cond> =>
  (cs ?? []).map((c) => [c.type, c.status, c.reason ?? '', c.message ?? ''] as const)
const BLE: Cond = ['FailureTarget', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit']
const BLEFailed: Cond = ['Failed', 'True', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit']
const SCM: Cond = ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods']
const COMPLETE: Cond = ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods']
const SUSPENDED: Cond = ['Suspended', 'True', 'JobSuspended', 'Job suspended']

/** What a TestControllerSyncJob-style row checks. */
interface Want {
  readonly creates?: number
  readonly createdIndexes?: ReadonlyArray<string>
  readonly deletes?: number
  readonly active: number
  readonly ready?: number
  readonly succeeded?: number
  readonly failed?: number
  readonly completedIndexes?: string
  readonly failedIndexes?: string
  readonly terminating?: number
  readonly conditions?: ReadonlyArray<Cond>
  readonly patches?: number
}

/** The summary of a sync in `Want`'s terms (the status is the last one written, else the Job's own). */
const summary = (j: Job, out: ReadonlyArray<Action>, indexed: boolean): Required<Omit<Want, 'completedIndexes' | 'createdIndexes' | 'failedIndexes'>> &
  Pick<Want, 'completedIndexes' | 'createdIndexes' | 'failedIndexes'> => {
  const st: JobStatus = lastStatus(out) ?? j.status ?? {}
  return {
    creates: created(out).length,
    ...(indexed ? { createdIndexes: createdIndexes(out).map(String) } : {}),
    deletes: deleted(out).length,
    active: st.active ?? 0,
    ready: st.ready ?? 0,
    succeeded: st.succeeded ?? 0,
    failed: st.failed ?? 0,
    ...(st.completedIndexes === undefined ? {} : { completedIndexes: st.completedIndexes }),
    ...(st.failedIndexes === undefined ? {} : { failedIndexes: st.failedIndexes }),
    terminating: st.terminating ?? 0,
    conditions: brief(st.conditions),
    patches: unfinalized(out).length,
  }
}

const expected = (w: Want, indexed: boolean) => ({
  creates: w.creates ?? 0,
  ...(indexed ? { createdIndexes: w.createdIndexes ?? [] } : {}),
  deletes: w.deletes ?? 0,
  active: w.active,
  ready: w.ready ?? 0,
  succeeded: w.succeeded ?? 0,
  failed: w.failed ?? 0,
  ...(indexed ? { completedIndexes: w.completedIndexes ?? '' } : w.completedIndexes === undefined ? {} : { completedIndexes: w.completedIndexes }),
  ...(w.failedIndexes === undefined ? {} : { failedIndexes: w.failedIndexes }),
  terminating: w.terminating ?? 0,
  conditions: w.conditions ?? [],
  patches: w.patches ?? 0,
})

const expectSync = (j: Job, out: ReadonlyArray<Action>, w: Want): void => {
  const indexed = j.spec.completionMode === 'Indexed'
  expect(summary(j, out, indexed)).toEqual(expected(w, indexed))
}

// -------------------------------------------------------------------------------------

describe('guards', () => {
  it('a Job managed by another controller is left alone (upstream TestSyncJobWhenManagedBy)', () => {
    const j = job({ managedBy: 'custom-managed-by', parallelism: 2, completions: 2, status: { active: 1, ready: 1, startTime: nowIso } })
    expect(sync(j, [pod('a', { owner: j, ready: true })])).toEqual([])
    expect(isManagedByController(j)).toBe(false)
  })

  it.each([
    ['the well-known value of managedBy', { managedBy: jobControllerName }],
    ['no managedBy', {}],
  ])('a Job with %s is synced (upstream TestSyncJobWhenManagedBy)', (_name, o: JobOptions) => {
    const j = job({ ...o, parallelism: 2, completions: 2, status: { active: 1, ready: 1, startTime: nowIso } })
    expect(isManagedByController(j)).toBe(true)
    const out = sync(j, [])
    expect(statuses(out)).toEqual([{ active: 2, ready: 0, startTime: nowIso, terminating: 0, uncountedTerminatedPods: {} }])
    expect(created(out)).toHaveLength(2)
  })

  it.each([
    ['Complete', [cond('Complete', 'True', '', '')]],
    ['Failed', [cond('Failed', 'True', 'BackoffLimitExceeded', 'x')]],
  ])('a %s Job does nothing (upstream TestSyncJobComplete)', (_name, conditions) => {
    const j = job({ parallelism: 2, completions: 2, status: { conditions } })
    expect(sync(j, [pod('a', { owner: j })])).toEqual([])
  })

  it('an unknown completion mode only warns', () => {
    const j = job({ completionMode: 'Sometimes' })
    const out = sync(j, [pod('a', { owner: j, phase: 'Succeeded' })])
    expect(outline(out)).toEqual(['Event UnknownCompletionMode'])
    expect(events(out)).toEqual(['Warning UnknownCompletionMode: Skipped Job sync because completion mode is unknown'])
  })

  it('a Job without completionMode is NonIndexed', () => {
    const j = job({ parallelism: 2, completions: 2 })
    const { completionMode: _drop, ...spec } = j.spec
    const out = sync({ ...j, spec }, [])
    expect(created(out).map((p) => p.metadata.generateName)).toEqual(['pi-', 'pi-'])
  })

  it('the registry runs it', () => {
    const j = job({ parallelism: 2, completions: 4 })
    expect(created(registryReconcile(j, viewOf(j), now))).toHaveLength(2)
  })

  it('does not mutate its (frozen) inputs and is deterministic', () => {
    const j = job({ indexed: true, parallelism: 3, completions: 5, backoffLimitPerIndex: 1 })
    const view = viewOf(j, pod('a', { owner: j, index: 0, phase: 'Failed' }), pod('b', { owner: j, index: 1, phase: 'Succeeded' }))
    expect(JSON.stringify(reconcile(j, view, now))).toBe(JSON.stringify(reconcile(j, view, now)))
  })

  it('a Job without a uid (not stored yet) owns no pod but may adopt one', () => {
    const j = job({ uid: '' })
    const { uid: _drop, ...meta } = j.metadata
    const noUid: Job = { ...j, metadata: meta }
    expect(jobPods(noUid, viewOf(noUid, pod('a', { owner: null, labelsOf: j }))).pods).toHaveLength(1)
  })
})

// -------------------------------------------------------------------------------------

describe('upstream TestControllerSyncJob', () => {
  interface Row {
    readonly job: JobOptions
    readonly pods: (j: Job) => ReadonlyArray<Pod>
    readonly backoff?: JobBackoff
    readonly want: Want
  }
  const rows: Readonly<Record<string, Row>> = {
    'job start': { job: { parallelism: 2, completions: 5 }, pods: () => [], want: { creates: 2, active: 2 } },
    'WQ job start': { job: { parallelism: 2, completions: null }, pods: () => [], want: { creates: 2, active: 2 } },
    'pending pods': { job: { parallelism: 2, completions: 5 }, pods: (j) => podsFor(j, { pending: 2 }), want: { active: 2 } },
    'correct # of pods': { job: { parallelism: 3, completions: 5 }, pods: (j) => podsFor(j, { running: 3, ready: 2 }), want: { active: 3, ready: 2 } },
    'WQ job: correct # of pods': { job: { parallelism: 2, completions: null }, pods: (j) => podsFor(j, { running: 2 }), want: { active: 2 } },
    'too few active pods': {
      job: { parallelism: 2, completions: 5 },
      pods: (j) => podsFor(j, { running: 1, succeeded: 1 }),
      want: { creates: 1, active: 2, succeeded: 1, patches: 1 },
    },
    'WQ job: recreate pods when failed': {
      job: { parallelism: 1, completions: null, podReplacementPolicy: 'Failed' },
      pods: (j) => podsFor(j, { running: 1, failed: 1, terminating: 1 }),
      want: { active: 1, failed: 1, terminating: 1, patches: 1 },
    },
    'WQ job: turn on PodReplacementPolicy but not set PodReplacementPolicy': {
      job: { parallelism: 1, completions: 1 },
      pods: (j) => podsFor(j, { running: 1, failed: 1, terminating: 1 }),
      want: { active: 1, failed: 2, terminating: 1, patches: 2 },
    },
    'WQ job: recreate pods when terminating or failed': {
      job: { parallelism: 1, completions: null, podReplacementPolicy: 'TerminatingOrFailed' },
      pods: (j) => podsFor(j, { running: 1, failed: 1, terminating: 1 }),
      want: { active: 1, failed: 2, terminating: 1, patches: 2 },
    },
    'more terminating pods than parallelism': {
      job: { parallelism: 1, completions: 1, podReplacementPolicy: 'Failed' },
      pods: (j) => podsFor(j, { running: 2, terminating: 4 }),
      want: { deletes: 1, active: 1, terminating: 5, patches: 1 },
    },
    'more terminating pods than parallelism; PodFailurePolicy used': {
      job: { parallelism: 1, completions: 1, podFailurePolicy: { rules: [] } },
      pods: (j) => podsFor(j, { running: 2, terminating: 4 }),
      want: { deletes: 1, active: 1, terminating: 5, patches: 1 },
    },
    'too few active pods and active back-off': {
      job: { parallelism: 1, completions: 1, status: { startTime: nowIso } },
      pods: () => [],
      backoff: { 'uid-pi': { failures: 1, lastFailureMs: nowMs, recorded: [] } },
      want: { active: 0 },
    },
    'too few active pods and no back-offs': {
      job: { parallelism: 1, completions: 1 },
      pods: () => [],
      backoff: { 'uid-pi': { failures: 0, lastFailureMs: nowMs, recorded: [] } },
      want: { creates: 1, active: 1 },
    },
    'too few active pods with a dynamic job': { job: { parallelism: 2, completions: null }, pods: (j) => podsFor(j, { running: 1 }), want: { creates: 1, active: 2 } },
    'too many active pods': { job: { parallelism: 2, completions: 5 }, pods: (j) => podsFor(j, { running: 3 }), want: { deletes: 1, active: 2, terminating: 1, patches: 1 } },
    'count ready pods when too many active pods': {
      job: { parallelism: 2, completions: 5 },
      pods: (j) => podsFor(j, { running: 3, ready: 3 }),
      want: { deletes: 1, active: 2, ready: 2, terminating: 1, patches: 1 },
    },
    'failed + succeed pods: reset backoff delay': {
      job: { parallelism: 2, completions: 5 },
      pods: (j) => podsFor(j, { running: 1, succeeded: 1, failed: 1 }),
      want: { creates: 1, active: 2, succeeded: 1, failed: 1, patches: 2 },
    },
    'new failed pod': { job: { parallelism: 2, completions: 5 }, pods: (j) => podsFor(j, { running: 1, failed: 1 }), want: { creates: 1, active: 2, failed: 1, patches: 1 } },
    'no new pod; possible finalizer update of failed pod': {
      job: { parallelism: 1, completions: 1, status: { active: 1, failed: 1, startTime: ago(10) } },
      pods: (j) => podsFor(j, { running: 1 }),
      want: { active: 1, failed: 1 },
    },
    'job finish': { job: { parallelism: 2, completions: 5 }, pods: (j) => podsFor(j, { succeeded: 5 }), want: { active: 0, succeeded: 5, conditions: [SCM, COMPLETE], patches: 5 } },
    'WQ job finishing': { job: { parallelism: 2, completions: null }, pods: (j) => podsFor(j, { running: 1, succeeded: 1 }), want: { active: 1, succeeded: 1, patches: 1 } },
    'WQ job all finished': { job: { parallelism: 2, completions: null }, pods: (j) => podsFor(j, { succeeded: 2 }), want: { active: 0, succeeded: 2, conditions: [SCM, COMPLETE], patches: 2 } },
    'WQ job all finished despite one failure': {
      job: { parallelism: 2, completions: null },
      pods: (j) => podsFor(j, { succeeded: 1, failed: 1 }),
      want: { active: 0, succeeded: 1, failed: 1, conditions: [SCM, COMPLETE], patches: 2 },
    },
    'more active pods than parallelism': { job: { parallelism: 2, completions: 5 }, pods: (j) => podsFor(j, { running: 10 }), want: { deletes: 8, active: 2, terminating: 8, patches: 8 } },
    'more active pods than remaining completions': {
      job: { parallelism: 3, completions: 4 },
      pods: (j) => podsFor(j, { running: 3, succeeded: 2 }),
      want: { deletes: 1, active: 2, succeeded: 2, terminating: 1, patches: 3 },
    },
    'status change': { job: { parallelism: 2, completions: 5 }, pods: (j) => podsFor(j, { running: 2, succeeded: 2 }), want: { active: 2, succeeded: 2, patches: 2 } },
    'deleting job': {
      job: { parallelism: 2, completions: 5, deleting: true },
      pods: (j) => podsFor(j, { pending: 1, running: 1, succeeded: 1 }),
      want: { active: 2, succeeded: 1, patches: 3 },
    },
    'too many job failures': {
      job: { parallelism: 2, completions: 5, deleting: true, backoffLimit: 0 },
      pods: (j) => podsFor(j, { failed: 1 }),
      want: { active: 0, failed: 1, conditions: [BLE, BLEFailed], patches: 1 },
    },
    'indexed job start': { job: { parallelism: 2, completions: 5, indexed: true }, pods: () => [], want: { creates: 2, createdIndexes: ['0', '1'], active: 2 } },
    'indexed job with some pods deleted, podReplacementPolicy Failed': {
      job: { parallelism: 2, completions: 5, indexed: true, podReplacementPolicy: 'Failed' },
      pods: (j) => podsFor(j, { terminating: 1 }),
      want: { creates: 1, createdIndexes: ['0'], active: 1, terminating: 1 },
    },
    'indexed job with some pods deleted, podReplacementPolicy TerminatingOrFailed': {
      job: { parallelism: 2, completions: 5, indexed: true, podReplacementPolicy: 'TerminatingOrFailed' },
      pods: (j) => podsFor(j, { terminating: 1 }),
      want: { creates: 2, createdIndexes: ['0', '1'], active: 2, terminating: 1, patches: 1 },
    },
    'indexed job completed': {
      job: { parallelism: 2, completions: 3, indexed: true },
      pods: (j) => withIndexes(j, [['0', 'Succeeded'], ['1', 'Failed'], ['1', 'Succeeded'], ['2', 'Succeeded']]),
      want: { active: 0, succeeded: 3, failed: 1, completedIndexes: '0-2', conditions: [SCM, COMPLETE], patches: 4 },
    },
    'indexed job failed (count terminating pods when indexed job fails)': {
      job: { parallelism: 2, completions: 3, indexed: true, backoffLimit: 0 },
      pods: (j) => withIndexes(j, [['0', 'Succeeded'], ['1', 'Failed'], ['2', 'Running']]),
      want: { deletes: 1, active: 0, succeeded: 1, failed: 2, completedIndexes: '0', terminating: 1, conditions: [BLE], patches: 3 },
    },
    'count ready pods when job fails': {
      job: { parallelism: 2, completions: 3, backoffLimit: 0 },
      pods: (j) => podsFor(j, { running: 2, ready: 2, failed: 1 }),
      want: { deletes: 2, active: 0, failed: 3, terminating: 2, conditions: [BLE], patches: 3 },
    },
    'indexed job repeated completed index': {
      job: { parallelism: 2, completions: 3, indexed: true },
      pods: (j) => withIndexes(j, [['0', 'Succeeded'], ['1', 'Succeeded'], ['1', 'Succeeded']]),
      want: { creates: 1, createdIndexes: ['2'], active: 1, succeeded: 2, completedIndexes: '0,1', patches: 3 },
    },
    'indexed job some running and completed pods': {
      job: { parallelism: 8, completions: 20, indexed: true },
      pods: (j) =>
        withIndexes(j, [
          ['0', 'Running'],
          ['2', 'Succeeded'],
          ['3', 'Pending'],
          ['4', 'Succeeded'],
          ['5', 'Succeeded'],
          ['7', 'Succeeded'],
          ['8', 'Succeeded'],
          ['9', 'Succeeded'],
        ]),
      want: { creates: 6, createdIndexes: ['1', '6', '10', '11', '12', '13'], active: 8, succeeded: 6, completedIndexes: '2,4,5,7-9', patches: 6 },
    },
    'indexed job some failed pods': {
      job: { parallelism: 3, completions: 4, indexed: true },
      pods: (j) => withIndexes(j, [['0', 'Failed'], ['1', 'Pending'], ['2', 'Failed']]),
      want: { creates: 2, createdIndexes: ['0', '2'], active: 3, failed: 2, completedIndexes: '', patches: 2 },
    },
    'indexed job some pods without index': {
      job: { parallelism: 2, completions: 5, indexed: true },
      pods: (j) => [
        ...podsFor(j, { running: 1, succeeded: 1, failed: 1 }),
        ...withIndexes(j, [
          ['invalid', 'Running'],
          ['invalid', 'Succeeded'],
          ['invalid', 'Failed'],
          ['invalid', 'Pending'],
          ['0', 'Succeeded'],
          ['1', 'Running'],
          ['2', 'Running'],
        ]),
      ],
      want: { deletes: 3, active: 2, succeeded: 1, completedIndexes: '0', terminating: 3, patches: 8 },
    },
    'indexed job repeated indexes': {
      job: { parallelism: 5, completions: 5, indexed: true },
      pods: (j) => [
        ...podsFor(j, { succeeded: 1, failed: 1 }),
        ...withIndexes(j, [
          ['invalid', 'Running'],
          ['0', 'Succeeded'],
          ['1', 'Running'],
          ['2', 'Running'],
          ['2', 'Pending'],
        ]),
      ],
      want: { deletes: 2, active: 2, succeeded: 1, completedIndexes: '0', terminating: 2, patches: 5 },
    },
    'indexed job with indexes outside of range': {
      job: { parallelism: 2, completions: 5, indexed: true },
      pods: (j) => withIndexes(j, [['0', 'Succeeded'], ['5', 'Running'], ['6', 'Succeeded'], ['7', 'Pending'], ['8', 'Failed']]),
      want: { deletes: 2, active: 0, succeeded: 1, completedIndexes: '0', terminating: 2, patches: 5 },
    },
    'suspending a job with satisfied expectations': {
      job: { suspend: true, parallelism: 2, completions: 4 },
      pods: (j) => podsFor(j, { running: 2 }),
      want: { deletes: 2, active: 0, terminating: 2, conditions: [SUSPENDED], patches: 2 },
    },
    'count ready pods when suspending a job with satisfied expectations': {
      job: { suspend: true, parallelism: 2, completions: 4 },
      pods: (j) => podsFor(j, { running: 2, ready: 2 }),
      want: { deletes: 2, active: 0, ready: 0, terminating: 2, conditions: [SUSPENDED], patches: 2 },
    },
    'resuming a suspended job': {
      job: { suspend: false, parallelism: 2, completions: 4, status: { conditions: [cond('Suspended', 'True', 'JobSuspended', 'Job suspended', ago(60))] } },
      pods: () => [],
      want: { creates: 2, active: 2, conditions: [['Suspended', 'False', 'JobResumed', 'Job resumed']] },
    },
    'suspending a deleted job': {
      job: { suspend: true, deleting: true, parallelism: 2, completions: 4 },
      pods: (j) => podsFor(j, { running: 2 }),
      want: { active: 2, patches: 2 },
    },
    'FailureTarget=False condition added manually is ignored': {
      job: { parallelism: 1, completions: 1, status: { active: 1, startTime: ago(5), conditions: [cond('FailureTarget', 'False', 'ConditionAddedManually', 'Testing', ago(5))] } },
      pods: (j) => podsFor(j, { running: 1, ready: 1 }),
      want: { active: 1, ready: 1, conditions: [['FailureTarget', 'False', 'ConditionAddedManually', 'Testing']] },
    },
    'SuccessCriteriaMet=False condition added manually is ignored': {
      job: { parallelism: 1, completions: 1, status: { active: 1, startTime: ago(5), conditions: [cond('SuccessCriteriaMet', 'False', 'ConditionAddedManually', 'Testing', ago(5))] } },
      pods: (j) => podsFor(j, { running: 1, ready: 1 }),
      want: { active: 1, ready: 1, conditions: [['SuccessCriteriaMet', 'False', 'ConditionAddedManually', 'Testing']] },
    },
  }

  it.each(Object.entries(rows))('%s', (_name, row) => {
    const j = job(row.job)
    const out = sync(j, row.pods(j), row.backoff === undefined ? {} : { backoff: row.backoff })
    expectSync(j, out, row.want)
    const st = lastStatus(out) ?? j.status ?? {}
    // a suspended Job never gets a startTime; any other gets one
    expect(st.startTime === undefined).toBe(row.job.suspend === true)
    // every created pod carries the controller reference and the tracking finalizer
    for (const p of created(out)) {
      expect(p.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'uid-pi', controller: true, blockOwnerDeletion: true }])
      expect(p.metadata.finalizers).toEqual([trackingFinalizer])
    }
  })

  it('too few active pods and active back-off: requeues for what is left of the backoff', () => {
    const j = job({ status: { startTime: nowIso } })
    const out = sync(j, [], { backoff: { 'uid-pi': { failures: 1, lastFailureMs: nowMs - 3000, recorded: [] } } })
    expect(requeues(out)).toEqual([7])
  })

  it('a backoff reports no active pods even while some run (upstream manageJob returns 0)', () => {
    const j = job({ parallelism: 2, completions: 5, status: { startTime: ago(60) } })
    const out = sync(j, [pod('r', { owner: j }), pod('f', { owner: j, phase: 'Failed', finishedAgo: 2 })])
    expect(created(out)).toEqual([])
    expect(lastStatus(out)?.active).toBe(0)
    expect(requeues(out)).toEqual([8])
  })

  // Upstream requeues a held creation with enqueueSyncJobWithDelay, which never waits
  // less than the pod-event batch period (1 s) — job_controller.go, manageJob and
  // enqueueSyncJobWithDelay; ours requeues after the exact remainder (0.5 s here).
  it('requeues a creation backoff after at least 1 s', () => {
    const j = job({ status: { startTime: nowIso } })
    const out = sync(j, [], { backoff: { 'uid-pi': { failures: 1, lastFailureMs: nowMs - 9500, recorded: [] } } })
    expect(requeues(out)).toEqual([1])
  })

  // Upstream writes the status only when active, ready, terminating, the Suspended
  // condition, the uncounted pods, the indexes or a terminal condition change (syncJob's
  // needsStatusUpdate; trackJobStatusAndRemoveFinalizers' needsFlush) — setting startTime alone
  // does not flush it. Ours writes a status that differs in startTime only.
  it('writes no status when only the start time would change', () => {
    const j = job({ parallelism: 0, completions: 1, status: { active: 0, ready: 0, terminating: 0, uncountedTerminatedPods: {} } })
    expect(sync(j, [])).toEqual([])
  })

  it('writes nothing when nothing changed', () => {
    const j = job({ parallelism: 2, completions: 5, status: { startTime: ago(60), active: 2, ready: 1, terminating: 0, uncountedTerminatedPods: {} } })
    expect(sync(j, [pod('a', { owner: j, ready: true }), pod('b', { owner: j })])).toEqual([])
  })
})

// -------------------------------------------------------------------------------------

describe('the pods a Job creates', () => {
  it('NonIndexed: the template with generateName <job>-, the controller reference and the tracking finalizer', () => {
    const j = job({ templateAnnotations: { team: 'a' } })
    const [p] = created(sync(j, []))
    expect(p).toEqual({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        generateName: 'pi-',
        namespace: 'default',
        labels: j.spec.template.metadata?.labels,
        annotations: { team: 'a' },
        ownerReferences: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'pi', uid: 'uid-pi', controller: true, blockOwnerDeletion: true }],
        finalizers: [trackingFinalizer],
      },
      spec: j.spec.template.spec,
    })
  })

  it('Indexed: name, hostname, the index as annotation and label, JOB_COMPLETION_INDEX in every container (upstream checkIndexedJobPods)', () => {
    const j = job({ indexed: true, parallelism: 2, completions: 5, initContainers: ['setup'] })
    const pods = created(sync(j, []))
    expect(pods.map((p) => [p.metadata.generateName, p.spec.hostname, p.metadata.annotations?.[completionIndexKey], p.metadata.labels?.[completionIndexKey]])).toEqual([
      ['pi-0-', 'pi-0', '0', '0'],
      ['pi-1-', 'pi-1', '1', '1'],
    ])
    const env = [{ name: completionIndexEnv, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${completionIndexKey}']` } } }]
    for (const p of pods) {
      expect(p.spec.containers.map((c) => c.env)).toEqual([env])
      expect(p.spec.initContainers?.map((c) => c.env)).toEqual([env])
      expect(p.metadata.labels).toEqual({ ...j.spec.template.metadata?.labels, [completionIndexKey]: p.metadata.annotations?.[completionIndexKey] })
      expect(p.metadata.annotations).toEqual({ [completionIndexKey]: p.metadata.annotations?.[completionIndexKey] })
      expect(p.spec.restartPolicy).toBe('Never')
    }
    expect(events(sync(j, []))).toEqual(['Normal SuccessfulCreate: Created pod: pi-0-', 'Normal SuccessfulCreate: Created pod: pi-1-'])
  })

  it('keeps a JOB_COMPLETION_INDEX the template already sets, and the other env vars', () => {
    const j = job({ indexed: true, completions: 1 })
    const own = { name: completionIndexEnv, value: 'mine' }
    const other = { name: 'OTHER', value: 'x' }
    const t = j.spec.template
    const withEnv: Job = {
      ...j,
      spec: { ...j.spec, template: { ...t, spec: { ...t.spec, containers: [{ ...t.spec.containers[0]!, env: [own] }, { name: 'side', image: 'x', env: [other] }] } } },
    }
    const p = podFor(withEnv, 0)
    expect(p.spec.containers.map((c) => c.env)).toEqual([[own], [other, { name: completionIndexEnv, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${completionIndexKey}']` } } }]])
  })

  it('an Indexed pod of a template without init containers gets none; a malformed env entry is kept', () => {
    const j = job({ indexed: true, completions: 1 })
    const t = j.spec.template
    const odd: Job = { ...j, spec: { ...j.spec, template: { ...t, spec: { ...t.spec, containers: [{ ...t.spec.containers[0]!, env: [null, 'x'] }] } } } }
    const p = podFor(odd, 0)
    expect(p.spec).not.toHaveProperty('initContainers')
    expect(p.spec.containers[0]?.env).toEqual([null, 'x', { name: completionIndexEnv, valueFrom: { fieldRef: { fieldPath: `metadata.labels['${completionIndexKey}']` } } }])
  })

  it("keeps the template's finalizers and drops its identity fields", () => {
    const j = job({ templateFinalizers: ['example.com/keep', trackingFinalizer] })
    const t = j.spec.template
    const odd: Job = {
      ...j,
      spec: { ...j.spec, template: { ...t, metadata: { ...t.metadata, name: 'x', namespace: 'y', uid: 'u', resourceVersion: '1', ownerReferences: [] } } },
    }
    const p = podFor(odd)
    expect(p.metadata.finalizers).toEqual(['example.com/keep', trackingFinalizer])
    expect(p.metadata).not.toHaveProperty('name')
    expect(p.metadata).not.toHaveProperty('uid')
    expect(p.metadata).not.toHaveProperty('resourceVersion')
    expect(p.metadata.namespace).toBe('default')
    expect(podFor(job({ templateFinalizers: ['example.com/keep'] })).metadata.finalizers).toEqual(['example.com/keep', trackingFinalizer])
  })

  it('a template without labels or annotations gives a pod without them', () => {
    const j = job()
    const { namespace: _ns, ...meta } = j.metadata
    const bare: Job = { ...j, metadata: meta, spec: { ...j.spec, template: { spec: j.spec.template.spec } } }
    const p = podFor(bare)
    expect(p.metadata).not.toHaveProperty('labels')
    expect(p.metadata).not.toHaveProperty('annotations')
    expect(p.metadata).not.toHaveProperty('namespace')
  })

  // upstream TestPodGenerateNameWithIndex
  it.each([
    ['short job name', 'indexed-job', 1, 'indexed-job-1-'],
    ['job name exceeds MaxGeneneratedNameLength', 'hhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooo', 1, 'hhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhh-1-'],
    ['job name with index suffix exceeds MaxGeneratedNameLength', 'hhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhoo', 1, 'hhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhhooooohhhhh-1-'],
    ['exactly 58 characters fit', 'a'.repeat(55), 1, `${'a'.repeat(55)}-1-`],
    ['a long index cuts more of the name', 'a'.repeat(60), 12345, `${'a'.repeat(51)}-12345-`],
  ])('generateNameWithIndex: %s', (_name, jobName, index, want) => {
    expect(generateNameWithIndex(jobName, index)).toBe(want)
    expect(generateNameWithIndex(jobName, index).length).toBeLessThanOrEqual(58)
  })

  it('backoffLimitPerIndex: the first pod of an index gets a failure count of 0; a replacement one more, or one more ignored', () => {
    const j = job({
      indexed: true,
      completions: 3,
      parallelism: 3,
      backoffLimitPerIndex: 3,
      podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
    })
    const out = sync(j, [
      pod('f0', { owner: j, index: 0, phase: 'Failed', failureCount: 1 }),
      pod('f1', { owner: j, index: 1, phase: 'Failed', failureCount: 1, ignoredCount: 1, conditions: [{ type: 'DisruptionTarget', status: 'True' }] }),
    ])
    expect(
      created(out).map((p) => [p.metadata.annotations?.[completionIndexKey], p.metadata.annotations?.[indexFailureCountKey], p.metadata.annotations?.[indexIgnoredFailureCountKey]]),
    ).toEqual([
      ['0', '2', undefined],
      ['1', '1', '2'],
      ['2', '0', undefined],
    ])
    // the replaced pods keep their finalizer until the replacements exist
    expect(unfinalized(out)).toEqual([])
  })

  it('without backoffLimitPerIndex no failure-count annotation is written', () => {
    const j = job({ indexed: true, completions: 1 })
    expect(created(sync(j, [pod('f', { owner: j, index: 0, phase: 'Failed', failureCount: 3 })]))[0]?.metadata.annotations).toEqual({ [completionIndexKey]: '0' })
  })
})

// -------------------------------------------------------------------------------------

describe('activeDeadlineSeconds (upstream TestSyncJobPastDeadline)', () => {
  const deadline = (o: JobOptions & { readonly started: number }): Job => job({ ...o, status: { startTime: ago(o.started) } })

  it.each<readonly [string, JobOptions & { readonly started: number }, (j: Job) => ReadonlyArray<Pod>, Want]>([
    [
      'activeDeadlineSeconds less than single pod execution',
      { parallelism: 1, completions: 1, activeDeadlineSeconds: 10, started: 15 },
      (j) => podsFor(j, { running: 1 }),
      { deletes: 1, active: 0, failed: 1, terminating: 1, conditions: [['FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline']], patches: 1 },
    ],
    [
      'activeDeadlineSeconds bigger than single pod execution',
      { parallelism: 1, completions: 2, activeDeadlineSeconds: 10, started: 15 },
      (j) => podsFor(j, { running: 1, succeeded: 1 }),
      { deletes: 1, active: 0, succeeded: 1, failed: 1, terminating: 1, conditions: [['FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline']], patches: 2 },
    ],
    [
      'activeDeadlineSeconds times-out before any pod starts (exactly at the deadline)',
      { parallelism: 1, completions: 1, activeDeadlineSeconds: 10, started: 10 },
      () => [],
      {
        active: 0,
        conditions: [
          ['FailureTarget', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
          ['Failed', 'True', 'DeadlineExceeded', 'Job was active longer than specified deadline'],
        ],
      },
    ],
    [
      'activeDeadlineSeconds with backofflimit reach',
      { parallelism: 1, completions: 1, activeDeadlineSeconds: 1, started: 10, backoffLimit: 0 },
      (j) => podsFor(j, { failed: 1 }),
      { active: 0, failed: 1, conditions: [BLE, BLEFailed], patches: 1 },
    ],
    [
      'activeDeadlineSeconds is not triggered when Job is suspended',
      { suspend: true, parallelism: 1, completions: 2, activeDeadlineSeconds: 10, started: 15 },
      () => [],
      { active: 0, conditions: [SUSPENDED] },
    ],
  ])('%s', (_name, o, pods, want) => {
    const j = deadline(o)
    const out = sync(j, pods(j))
    expectSync(j, out, want)
    expect(created(out)).toEqual([])
    expect(requeues(out)).toEqual([])
  })

  it('before the deadline it requeues for the time left', () => {
    const j = deadline({ activeDeadlineSeconds: 30, started: 10 })
    expect(requeues(sync(j, [pod('a', { owner: j })]))).toEqual([20])
  })

  it('a Job without startTime starts its clock now', () => {
    const j = job({ activeDeadlineSeconds: 30 })
    const out = sync(j, [])
    expect(requeues(out)).toEqual([30])
    expect(lastStatus(out)?.startTime).toBe(nowIso)
  })

  it('a suspended Job gets no deadline requeue', () => {
    const j = job({ suspend: true, activeDeadlineSeconds: 30, status: { startTime: ago(10) } })
    expect(requeues(sync(j, []))).toEqual([])
  })

  it('the deadline fails the Job with a warning event', () => {
    const j = deadline({ activeDeadlineSeconds: 10, started: 15 })
    expect(events(sync(j, []))).toEqual(['Warning DeadlineExceeded: Job was active longer than specified deadline'])
  })

  it('pastActiveDeadline needs a deadline, a start and an unsuspended Job (>= counts)', () => {
    expect(pastActiveDeadline(job({ activeDeadlineSeconds: 10 }), nowMs - 10_000, nowMs)).toBe(true)
    expect(pastActiveDeadline(job({ activeDeadlineSeconds: 10 }), nowMs - 9_999, nowMs)).toBe(false)
    expect(pastActiveDeadline(job(), nowMs - 100_000, nowMs)).toBe(false)
    expect(pastActiveDeadline(job({ activeDeadlineSeconds: 10 }), undefined, nowMs)).toBe(false)
    expect(pastActiveDeadline(job({ activeDeadlineSeconds: 10, suspend: true }), nowMs - 100_000, nowMs)).toBe(false)
  })

  it('replaces a Failed=False condition instead of adding a second one (upstream TestSingleJobFailedCondition)', () => {
    const j = job({
      activeDeadlineSeconds: 10,
      status: { startTime: ago(15), conditions: [cond('Failed', 'False', 'DeadlineExceeded', 'Job was active longer than specified deadline', ago(60))] },
    })
    const out = sync(j, [])
    expect(deleted(out)).toEqual([])
    const conditions = lastStatus(out)?.conditions ?? []
    expect(conditions.filter((c) => c.type === 'Failed')).toEqual([failed('DeadlineExceeded')])
  })
})

// -------------------------------------------------------------------------------------

describe('backoffLimit', () => {
  describe('restartPolicy OnFailure (upstream TestJobBackoffForOnFailure)', () => {
    it.each<readonly [string, JobOptions, ReadonlyArray<number>, 'Running' | 'Pending' | 'Succeeded', Want]>([
      ['backoffLimit 0 should have 1 pod active', { backoffLimit: 0 }, [0], 'Running', { active: 1 }],
      ['backoffLimit 1 with restartCount 0 should have 1 pod active', { backoffLimit: 1 }, [0], 'Running', { active: 1 }],
      ['backoffLimit 1 with restartCount 1 and podRunning should have 0 pod active', { backoffLimit: 1 }, [1], 'Running', { deletes: 1, active: 0, failed: 1, terminating: 1, conditions: [BLE], patches: 1 }],
      ['backoffLimit 1 with restartCount 1 and podPending should have 0 pod active', { backoffLimit: 1 }, [1], 'Pending', { deletes: 1, active: 0, failed: 1, terminating: 1, conditions: [BLE], patches: 1 }],
      ['too many job failures with podRunning - single pod', { completions: 5, backoffLimit: 2 }, [2], 'Running', { deletes: 1, active: 0, failed: 1, terminating: 1, conditions: [BLE], patches: 1 }],
      ['too many job failures with podPending - single pod', { completions: 5, backoffLimit: 2 }, [2], 'Pending', { deletes: 1, active: 0, failed: 1, terminating: 1, conditions: [BLE], patches: 1 }],
      [
        'too many job failures with podRunning - multiple pods',
        { parallelism: 2, completions: 5, backoffLimit: 2 },
        [1, 1],
        'Running',
        { deletes: 2, active: 0, failed: 2, terminating: 2, conditions: [BLE], patches: 2 },
      ],
      [
        'too many job failures with podPending - multiple pods',
        { parallelism: 2, completions: 5, backoffLimit: 2 },
        [1, 1],
        'Pending',
        { deletes: 2, active: 0, failed: 2, terminating: 2, conditions: [BLE], patches: 2 },
      ],
      ['not enough failures', { parallelism: 2, completions: 5, backoffLimit: 3 }, [1, 1], 'Running', { active: 2 }],
      ['suspending a job', { suspend: true, parallelism: 2, completions: 4 }, [1, 1], 'Running', { deletes: 2, active: 0, terminating: 2, conditions: [SUSPENDED], patches: 2 }],
      ['finished job', { suspend: true, parallelism: 2, completions: 4 }, [1, 1, 2, 0], 'Succeeded', { active: 0, succeeded: 4, conditions: [SCM, COMPLETE], patches: 4 }],
    ])('%s', (_name, o, restarts, phase, want) => {
      const j = job({ restartPolicy: 'OnFailure', parallelism: 1, completions: 1, ...o })
      const pods = restarts.map((r, i) => pod(`p${i}`, { owner: j, phase, restarts: r }))
      expectSync(j, sync(j, pods), want)
    })

    it('pastBackoffLimitOnFailure sums init and regular container restarts of running and pending pods only', () => {
      const j = job({ restartPolicy: 'OnFailure', backoffLimit: 3 })
      const withInit = pod('a', { owner: j, restarts: 1, initContainers: [{ name: 'init', restartCount: 2 }] })
      expect(pastBackoffLimitOnFailure(j, [withInit])).toBe(true)
      expect(pastBackoffLimitOnFailure(j, [pod('a', { owner: j, restarts: 2 })])).toBe(false)
      expect(pastBackoffLimitOnFailure(j, [pod('a', { owner: j, phase: 'Failed', restarts: 5 }), pod('b', { owner: j, phase: 'Succeeded', restarts: 5 })])).toBe(false)
      expect(pastBackoffLimitOnFailure(job({ restartPolicy: 'Never', backoffLimit: 0 }), [pod('a', { restarts: 5 })])).toBe(false)
      expect(pastBackoffLimitOnFailure(job({ restartPolicy: 'OnFailure', backoffLimit: 0 }), [pod('a', { restarts: 0 })])).toBe(false)
      expect(pastBackoffLimitOnFailure(job({ restartPolicy: 'OnFailure', backoffLimit: 0 }), [pod('a', { restarts: 1 })])).toBe(true)
      const noLimit = job({ restartPolicy: 'OnFailure' })
      const { backoffLimit: _drop, ...spec } = noLimit.spec
      expect(pastBackoffLimitOnFailure({ ...noLimit, spec }, [pod('a', { restarts: 5 })])).toBe(false)
      expect(pastBackoffLimitOnFailure({ ...noLimit, spec }, [pod('a', { restarts: 6 })])).toBe(true)
    })
  })

  describe('restartPolicy Never (upstream TestJobBackoffOnRestartPolicyNever)', () => {
    it.each<readonly [string, JobOptions, { readonly running?: number; readonly failed?: number }, Want]>([
      ['not enough failures with backoffLimit 0 - single pod', { backoffLimit: 0 }, { running: 1 }, { active: 1 }],
      ['not enough failures with backoffLimit 1 - single pod', { backoffLimit: 1 }, { failed: 1 }, { creates: 1, active: 1, failed: 1, patches: 1 }],
      ['too many failures with backoffLimit 1 - single pod', { backoffLimit: 1 }, { failed: 2 }, { active: 0, failed: 2, conditions: [BLE, BLEFailed], patches: 2 }],
      ['not enough failures with backoffLimit 6 - multiple pods', { parallelism: 2, completions: 2, backoffLimit: 6 }, { running: 1, failed: 6 }, { creates: 1, active: 2, failed: 6, patches: 6 }],
      ['too many failures with backoffLimit 6 - multiple pods', { parallelism: 2, completions: 2, backoffLimit: 6 }, { failed: 7 }, { active: 0, failed: 7, conditions: [BLE, BLEFailed], patches: 7 }],
    ])('%s', (_name, o, counts, want) => {
      const j = job({ parallelism: 1, completions: 1, ...o })
      expectSync(j, sync(j, podsFor(j, counts)), want)
    })

    it('an unset backoffLimit reads as 6', () => {
      const six = job({ parallelism: 1, completions: 1 })
      const { backoffLimit: _drop, ...spec } = six.spec
      const unset: Job = { ...six, spec }
      expect(brief(lastStatus(sync(unset, podsFor(unset, { failed: 6 })))?.conditions)).toEqual([])
      expect(brief(lastStatus(sync(unset, podsFor(unset, { failed: 7 })))?.conditions)).toEqual([BLE, BLEFailed])
    })

    it('failures already counted in the status count toward the limit', () => {
      const j = job({ backoffLimit: 2, status: { failed: 2, startTime: ago(60) } })
      expectSync(j, sync(j, podsFor(j, { failed: 1 })), { active: 0, failed: 3, conditions: [BLE, BLEFailed], patches: 1 })
    })

    it('uncounted failures count toward the limit, once', () => {
      const status = { failed: 1, startTime: ago(60), uncountedTerminatedPods: { failed: ['uid-failed-0'] } }
      const one = job({ backoffLimit: 1, status })
      expectSync(one, sync(one, podsFor(one, { failed: 1 })), { active: 0, failed: 2, conditions: [BLE, BLEFailed], patches: 1 })
      const two = job({ backoffLimit: 2, status })
      expectSync(two, sync(two, podsFor(two, { failed: 1 })), { creates: 1, active: 1, failed: 2, patches: 1 })
    })

    it('a succeeded pod being deleted is not a failure', () => {
      const j = job({ backoffLimit: 0, parallelism: 2, completions: 3 })
      expectSync(j, sync(j, [pod('s', { owner: j, phase: 'Succeeded', deleting: true })]), { creates: 2, active: 2, succeeded: 1, patches: 1 })
    })

    it('the failure is announced with a warning event', () => {
      const j = job({ backoffLimit: 0 })
      expect(events(sync(j, podsFor(j, { failed: 1 })))).toEqual(['Warning BackoffLimitExceeded: Job has reached the specified backoff limit'])
    })
  })
})

// -------------------------------------------------------------------------------------

describe('finalizer-based tracking (upstream TestTrackJobStatusAndRemoveFinalizers, through track)', () => {
  interface Case {
    readonly job: Job
    readonly pods: ReadonlyArray<Pod>
    readonly finished?: Condition
    /** The status the sync computed (default: the Job's). */
    readonly status?: JobStatus
    /** Whether syncJob already needs a status write (upstream's needsFlush argument). */
    readonly needsFlush?: boolean
  }
  /** `track` as syncJob calls it: upstream's jobCtx fields computed from the Job and its pods. */
  const run = (c: Case) => {
    const j = c.job
    const indexed = j.spec.completionMode === 'Indexed'
    const perIndex = indexed && j.spec.backoffLimitPerIndex !== undefined
    const koIx = perIndex ? failedIndexes(j, c.pods) : undefined
    const input: TrackInput = {
      job: j,
      pods: c.pods,
      status: c.status ?? j.status ?? {},
      delayed: koIx === undefined ? new Map() : delayedDeletions(j, c.pods, c.pods.filter(isActive), succeededIndexes(j, c.pods), koIx),
      terminating: c.pods.filter((p) => p.metadata.deletionTimestamp !== undefined && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed').length,
      time: nowIso,
      ...(c.finished === undefined ? {} : { finished: c.finished }),
      ...(c.needsFlush === undefined ? {} : { needsFlush: c.needsFlush }),
      ...(indexed ? { succeededIndexes: parseStatusIndexes(j) } : {}),
      ...(koIx === undefined ? {} : { failedIndexes: koIx }),
    }
    return track(input)
  }
  const parseStatusIndexes = (j: Job) => succeededIndexes(j, [])
  const uncounted = (succeeded: ReadonlyArray<string>, failedUids: ReadonlyArray<string>) => ({
    ...(succeeded.length === 0 ? {} : { succeeded: succeeded.map((u) => `uid-${u}`) }),
    ...(failedUids.length === 0 ? {} : { failed: failedUids.map((u) => `uid-${u}`) }),
  })
  const tracked = (o: JobStatus = {}): Job => job({ parallelism: 2, completions: 4, status: { uncountedTerminatedPods: {}, ...o } })
  const indexedJob = (completions: number, o: JobStatus = {}, perIndex?: number): Job =>
    job({ indexed: true, completions, parallelism: completions, ...(perIndex === undefined ? {} : { backoffLimitPerIndex: perIndex }), status: { uncountedTerminatedPods: {}, ...o } })
  const p = (name: string, phase: 'Pending' | 'Running' | 'Succeeded' | 'Failed', o: PodOptions = {}) => pod(name, { phase, ...o })

  it('no updates', () => {
    expect(run({ job: tracked(), pods: [] }).actions).toEqual([])
  })

  it('new active', () => {
    const j = tracked()
    const out = run({ job: j, pods: [], status: { ...j.status, active: 1 }, needsFlush: true }).actions
    expect(statuses(out)).toEqual([{ uncountedTerminatedPods: {}, active: 1 }])
    expect(run({ job: j, pods: [], status: { ...j.status, active: 1 } }).actions).toEqual([])
  })

  it('track finished pods', () => {
    const j = tracked()
    const out = run({
      job: j,
      pods: [
        p('a', 'Succeeded'),
        p('b', 'Failed'),
        p('c', 'Succeeded', { deleting: true }),
        p('d', 'Failed', { deleting: true }),
        p('e', 'Pending', { deleting: true }),
        p('pending', 'Pending'),
        p('running', 'Running'),
      ],
    }).actions
    expect(statuses(out)).toEqual([{ uncountedTerminatedPods: uncounted(['a', 'c'], ['b', 'd', 'e']) }, { uncountedTerminatedPods: {}, succeeded: 2, failed: 3 }])
    expect(outline(out)).toEqual(['UpdateStatus!', 'Update a!', 'Update b!', 'Update c!', 'Update d!', 'Update e!', 'UpdateStatus!'])
  })

  it('past and new finished pods', () => {
    const j = tracked({ active: 1, succeeded: 2, failed: 3, uncountedTerminatedPods: uncounted(['a', 'e'], ['b', 'f']) })
    const out = run({
      job: j,
      pods: [
        p('e', 'Succeeded', { tracked: false }),
        p('x', 'Failed', { tracked: false }),
        p('y', 'Pending', { tracked: false }),
        p('a', 'Succeeded'),
        p('b', 'Failed'),
        p('c', 'Succeeded'),
        p('d', 'Failed'),
      ],
    }).actions
    expect(statuses(out)).toEqual([
      { active: 1, succeeded: 3, failed: 4, uncountedTerminatedPods: uncounted(['a', 'c'], ['b', 'd']) },
      { active: 1, succeeded: 5, failed: 6, uncountedTerminatedPods: {} },
    ])
    expect(unfinalized(out)).toEqual(['a', 'b', 'c', 'd'])
  })

  it('succeeding job by JobSuccessPolicy', () => {
    const scm = cond('SuccessCriteriaMet', 'True', '', '', ago(60))
    const got = run({ job: tracked(), pods: [p('a', 'Succeeded'), p('b', 'Failed'), p('c', 'Pending')], finished: scm })
    expect(statuses(got.actions)).toEqual([
      { uncountedTerminatedPods: uncounted(['a'], ['b']), conditions: [scm] },
      { uncountedTerminatedPods: {}, succeeded: 1, failed: 1, conditions: [scm, cond('Complete', 'True', '', '')], completionTime: nowIso },
    ])
    expect(unfinalized(got.actions)).toEqual(['a', 'b', 'c'])
    expect(events(got.actions)).toEqual(['Normal Completed: Job completed'])
    expect(got.status).toEqual(lastStatus(got.actions))
  })

  it('completing job', () => {
    const out = run({ job: tracked(), pods: [p('a', 'Succeeded'), p('b', 'Failed')], finished: cond('Complete', 'True', '', '') }).actions
    expect(statuses(out)).toEqual([
      { uncountedTerminatedPods: uncounted(['a'], ['b']) },
      { uncountedTerminatedPods: {}, succeeded: 1, failed: 1, conditions: [cond('Complete', 'True', '', '')], completionTime: nowIso },
    ])
  })

  it('failing job: a running pod counts as failed', () => {
    const out = run({ job: tracked(), pods: [p('a', 'Succeeded'), p('b', 'Failed'), p('c', 'Running')], finished: cond('Failed', 'True', '', '') }).actions
    expect(statuses(out)).toEqual([
      { uncountedTerminatedPods: uncounted(['a'], ['b', 'c']) },
      { uncountedTerminatedPods: {}, succeeded: 1, failed: 2, conditions: [cond('Failed', 'True', '', '')] },
    ])
    expect(unfinalized(out)).toEqual(['a', 'b', 'c'])
  })

  it('failing job through FailureTarget: FailureTarget in the first write, Failed in the second, then the event', () => {
    const ft = failureTarget('BackoffLimitExceeded')
    const got = run({ job: tracked(), pods: [p('b', 'Failed')], finished: ft })
    expect(statuses(got.actions)).toEqual([
      { uncountedTerminatedPods: uncounted([], ['b']), conditions: [ft] },
      { uncountedTerminatedPods: {}, succeeded: 0, failed: 1, conditions: [ft, failed('BackoffLimitExceeded')] },
    ])
    expect(outline(got.actions)).toEqual(['UpdateStatus!', 'Update b!', 'UpdateStatus!', 'Event BackoffLimitExceeded'])
    expect(events(got.actions)).toEqual(['Warning BackoffLimitExceeded: Job has reached the specified backoff limit'])
  })

  it('deleted job: the running pod loses its finalizer but does not count as failed', () => {
    const j = job({ parallelism: 2, completions: 4, deleting: true, status: { uncountedTerminatedPods: {}, active: 1 } })
    const out = run({ job: j, pods: [p('a', 'Succeeded'), p('b', 'Failed'), p('r', 'Running')] }).actions
    expect(statuses(out)).toEqual([
      { active: 1, uncountedTerminatedPods: uncounted(['a'], ['b']) },
      { active: 1, succeeded: 1, failed: 1, uncountedTerminatedPods: {} },
    ])
    expect(unfinalized(out)).toEqual(['a', 'b', 'r'])
  })

  it('pod patch errors with partial success: every write is required, so a failed removal stops the rest', () => {
    const j = tracked({ uncountedTerminatedPods: uncounted(['a'], ['b']) })
    const out = run({ job: j, pods: [p('a', 'Succeeded', { tracked: false }), p('c', 'Succeeded'), p('d', 'Failed')] }).actions
    expect(statuses(out)[0]).toEqual({ uncountedTerminatedPods: uncounted(['c'], ['d']), succeeded: 1, failed: 1 })
    expect(outline(out)).toEqual(['UpdateStatus!', 'Update c!', 'Update d!', 'UpdateStatus!'])
  })

  it('indexed job new successful pods', () => {
    const j = indexedJob(6, { active: 1 })
    const out = run({
      job: j,
      pods: [
        p('s1', 'Succeeded', { index: 1 }),
        p('s3a', 'Succeeded', { index: 3 }),
        p('s3b', 'Succeeded', { index: 3 }),
        p('r5', 'Running', { index: 5 }),
        p('sx', 'Succeeded'),
      ],
    }).actions
    expect(statuses(out)).toEqual([{ active: 1, succeeded: 2, completedIndexes: '1,3', uncountedTerminatedPods: {} }])
    expect(unfinalized(out)).toEqual(['s1', 's3a', 's3b', 'sx'])
  })

  it('indexed job prev successful pods outside current completions index range with no new succeeded pods', () => {
    const j = indexedJob(2, { active: 2, succeeded: 1, completedIndexes: '3' })
    const out = run({ job: j, pods: [p('r0', 'Running', { index: 0 }), p('r1', 'Running', { index: 1 })] }).actions
    expect(statuses(out)).toEqual([{ active: 2, succeeded: 0, completedIndexes: '', uncountedTerminatedPods: {} }])
    expect(unfinalized(out)).toEqual([])
  })

  it('indexed job prev successful pods outside current completions index range with new succeeded pods in range', () => {
    const j = indexedJob(2, { active: 2, succeeded: 1, completedIndexes: '3' })
    const out = run({ job: j, pods: [p('r0', 'Running', { index: 0 }), p('s1', 'Succeeded', { index: 1 })] }).actions
    expect(statuses(out)).toEqual([{ active: 2, succeeded: 1, completedIndexes: '1', uncountedTerminatedPods: {} }])
    expect(unfinalized(out)).toEqual(['s1'])
  })

  it('indexed job new failed pods (a pod without index loses its finalizer uncounted)', () => {
    const j = indexedJob(6, { active: 1 })
    const out = run({
      job: j,
      pods: [p('a', 'Failed', { index: 1 }), p('b', 'Failed', { index: 3 }), p('c', 'Failed', { index: 3 }), p('d', 'Running', { index: 5 }), p('fx', 'Failed')],
    }).actions
    expect(statuses(out)).toEqual([
      { active: 1, succeeded: 0, completedIndexes: '', uncountedTerminatedPods: uncounted([], ['a', 'b', 'c']) },
      { active: 1, succeeded: 0, completedIndexes: '', failed: 3, uncountedTerminatedPods: {} },
    ])
    expect(unfinalized(out)).toEqual(['a', 'b', 'c', 'fx'])
  })

  it('indexed job past and new pods', () => {
    const j = indexedJob(7, { failed: 2, succeeded: 5, completedIndexes: '0-2,4,6,7' })
    const out = run({
      job: j,
      pods: [
        p('s0', 'Succeeded', { index: 0, tracked: false }),
        p('f1', 'Failed', { index: 1, tracked: false }),
        p('s1', 'Succeeded', { index: 1 }),
        p('s3', 'Succeeded', { index: 3 }),
        p('a', 'Failed', { index: 2 }),
        p('b', 'Failed', { index: 5 }),
      ],
    }).actions
    expect(statuses(out)).toEqual([
      { succeeded: 6, failed: 2, completedIndexes: '0-4,6', uncountedTerminatedPods: uncounted([], ['a', 'b']) },
      { succeeded: 6, failed: 4, completedIndexes: '0-4,6', uncountedTerminatedPods: {} },
    ])
    expect(unfinalized(out)).toHaveLength(4)
  })

  it('too many finished: at most 500 uncounted pods per sync, and no terminal condition then', () => {
    const j = tracked({ uncountedTerminatedPods: uncounted([], ['a', 'b']) })
    const pods = [...Array.from({ length: 500 }, (_, i) => pod(`s${i}`, { phase: 'Succeeded', uid: `uid-${i}` })), pod('b', { phase: 'Failed' })]
    const out = run({ job: j, pods, finished: cond('Complete', 'True', '', '') }).actions
    const first499 = Array.from({ length: 499 }, (_, i) => `uid-${i}`)
    expect(statuses(out)).toEqual([
      { uncountedTerminatedPods: { succeeded: first499, failed: ['uid-b'] }, succeeded: 0, failed: 1 },
      { uncountedTerminatedPods: { failed: ['uid-b'] }, succeeded: 499, failed: 1 },
    ])
    expect(unfinalized(out)).toHaveLength(499)
    expect(events(out)).toEqual([])
  })

  it('too many indexed finished: at most 500 new completed indexes per sync', () => {
    const j = indexedJob(501)
    const pods = Array.from({ length: 501 }, (_, i) => pod(`s${i}`, { phase: 'Succeeded', index: i }))
    const out = run({ job: j, pods }).actions
    expect(statuses(out)).toEqual([{ uncountedTerminatedPods: {}, completedIndexes: '0-499', succeeded: 500 }])
    expect(unfinalized(out)).toHaveLength(500)
  })

  it('pod flips from failed to succeeded: counted once, as failed', () => {
    const j = job({ parallelism: 2, completions: 2, status: { uncountedTerminatedPods: uncounted([], ['a', 'b']) } })
    const out = run({ job: j, pods: [p('a', 'Failed'), p('b', 'Succeeded')], finished: cond('Failed', 'True', '', '') }).actions
    expect(statuses(out)).toEqual([{ uncountedTerminatedPods: {}, succeeded: 0, failed: 2, conditions: [cond('Failed', 'True', '', '')] }])
    expect(unfinalized(out)).toEqual(['a', 'b'])
  })

  it('pod is terminal; JobFailed condition is set', () => {
    const j = job({ status: { uncountedTerminatedPods: uncounted([], ['a']) } })
    const out = run({ job: j, pods: [p('a', 'Failed')], finished: cond('Failed', 'True', '', '') }).actions
    expect(statuses(out)).toEqual([{ uncountedTerminatedPods: {}, succeeded: 0, failed: 1, conditions: [cond('Failed', 'True', '', '')] }])
  })

  it('pod is terminating; counted as failed, but the JobFailed condition is delayed', () => {
    const ft = cond('FailureTarget', 'True', '', '')
    const j = job({ status: { uncountedTerminatedPods: uncounted([], ['a']), conditions: [ft] } })
    const out = run({ job: j, pods: [p('a', 'Running', { deleting: true, tracked: false })], finished: cond('Failed', 'True', '', '') }).actions
    expect(statuses(out)).toEqual([{ uncountedTerminatedPods: {}, succeeded: 0, failed: 1, conditions: [ft] }])
    expect(events(out)).toEqual([])
  })

  it.each([
    ['Complete', cond('Complete', 'True', '', '')],
    ['SuccessCriteriaMet', cond('SuccessCriteriaMet', 'True', '', '', ago(60))],
  ])('pod is terminating; JobSuccessCriteriaMet, but JobComplete condition is delayed (finished %s)', (_name, finishedCond) => {
    const scm = cond('SuccessCriteriaMet', 'True', '', '', ago(60))
    const j = job({ status: { uncountedTerminatedPods: uncounted(['b'], ['a']), conditions: [scm] } })
    const out = run({ job: j, pods: [p('a', 'Running', { deleting: true, tracked: false })], finished: finishedCond }).actions
    expect(statuses(out)).toEqual([{ uncountedTerminatedPods: {}, succeeded: 1, failed: 1, conditions: [scm] }])
  })

  it('indexed job with a failed pod with delayed finalizer removal; the pod is not counted', () => {
    const j = indexedJob(6, {}, 1)
    const out = run({ job: j, pods: [p('a', 'Failed', { index: 1, failureCount: 0 })] }).actions
    expect(statuses(out)).toEqual([{ uncountedTerminatedPods: {}, succeeded: 0, completedIndexes: '', failedIndexes: '' }])
    expect(unfinalized(out)).toEqual([])
  })

  it('indexed job with a failed pod which is recreated by a running pod; the pod is counted', () => {
    const j = indexedJob(6, { active: 1 }, 1)
    const out = run({ job: j, pods: [p('a1', 'Failed', { index: 1, failureCount: 0 }), p('a2', 'Running', { index: 1, failureCount: 1 })] }).actions
    expect(statuses(out)).toEqual([
      { active: 1, succeeded: 0, completedIndexes: '', failedIndexes: '', uncountedTerminatedPods: uncounted([], ['a1']) },
      { active: 1, succeeded: 0, completedIndexes: '', failedIndexes: '', failed: 1, uncountedTerminatedPods: {} },
    ])
    expect(unfinalized(out)).toEqual(['a1'])
  })

  it('indexed job with a failed pod for a failed index; the pod is counted', () => {
    const j = indexedJob(6, {}, 1)
    const out = run({ job: j, pods: [p('a', 'Failed', { index: 1, failureCount: 1 })] }).actions
    expect(statuses(out)).toEqual([
      { succeeded: 0, completedIndexes: '', failedIndexes: '1', uncountedTerminatedPods: uncounted([], ['a']) },
      { succeeded: 0, completedIndexes: '', failedIndexes: '1', failed: 1, uncountedTerminatedPods: {} },
    ])
  })

  it('an Ignored failure loses its finalizer without being counted', () => {
    const j = job({ podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }] }, status: { uncountedTerminatedPods: {} } })
    const out = run({ job: j, pods: [p('a', 'Failed', { exitCode: 3 }), p('b', 'Failed', { exitCode: 4 })] }).actions
    expect(statuses(out)).toEqual([{ uncountedTerminatedPods: uncounted([], ['b']) }, { uncountedTerminatedPods: {}, succeeded: 0, failed: 1 }])
    expect(unfinalized(out)).toEqual(['a', 'b'])
  })

  it('a pod already counted as succeeded is not added twice', () => {
    const j = tracked({ uncountedTerminatedPods: uncounted(['a'], []) })
    const out = run({ job: j, pods: [p('a', 'Succeeded')] }).actions
    expect(statuses(out)).toEqual([{ uncountedTerminatedPods: {}, succeeded: 1, failed: 0 }])
  })

  it('Complete does not count the pods still running as failed', () => {
    const out = run({ job: tracked(), pods: [p('a', 'Succeeded'), p('r', 'Running')], finished: cond('Complete', 'True', '', '') }).actions
    expect(statuses(out)[0]).toEqual({ uncountedTerminatedPods: uncounted(['a'], []) })
    expect(unfinalized(out)).toEqual(['a', 'r'])
  })

  it('an Indexed Job without backoffLimitPerIndex drops a failedIndexes left in its status', () => {
    const j = indexedJob(2, { failedIndexes: '0', active: 0 })
    const out = run({ job: j, pods: [] }).actions
    expect(statuses(out)).toEqual([{ uncountedTerminatedPods: {}, active: 0, succeeded: 0, completedIndexes: '' }])
  })

  it('TooManySucceededPods warns when more pods succeeded than completions', () => {
    const j = job({ parallelism: 2, completions: 2, status: { uncountedTerminatedPods: {}, succeeded: 2 } })
    const got = run({ job: j, pods: [p('a', 'Succeeded')], finished: criteriaMet() })
    expect(events(got.actions)).toEqual(['Warning TooManySucceededPods: Too many succeeded pods running after completion count reached', 'Normal Completed: Job completed'])
    expect(got.status.succeeded).toBe(3)
    expect(got.status.conditions).toEqual([criteriaMet(), complete()])
  })
})

// -------------------------------------------------------------------------------------

describe('the 500-uncounted cap through a whole sync', () => {
  // Upstream syncJob hands trackJobStatusAndRemoveFinalizers the indexes of the
  // status (prevSucceededIndexes) to tell new completed indexes, so more than 500 newly succeeded
  // indexed pods hit MaxUncountedPods: 500 finalizers go and the Job is not finished in this sync
  // (job_controller.go, trackJobStatusAndRemoveFinalizers). Ours passes the indexes already
  // including the new pods, so no index counts as new: all 501 finalizers go and the Job
  // completes at once.
  it('removes at most 500 finalizers of succeeded indexed pods in one sync', () => {
    const j = job({ indexed: true, completions: 501, parallelism: 501 })
    const pods = Array.from({ length: 501 }, (_, i) => pod(`s${i}`, { owner: j, phase: 'Succeeded', index: i }))
    const out = sync(j, pods)
    expect(unfinalized(out)).toHaveLength(500)
    expect(brief(lastStatus(out)?.conditions)).toEqual([SCM])
  })

  it('NonIndexed: 500 uncounted pods at most, the Job finishing only in a later sync', () => {
    const j = job({ parallelism: 600, completions: 600 })
    const pods = Array.from({ length: 600 }, (_, i) => pod(`s${String(i).padStart(3, '0')}`, { owner: j, phase: 'Succeeded' }))
    const out = sync(j, pods)
    expect(unfinalized(out)).toHaveLength(500)
    expect(statuses(out)[0]?.uncountedTerminatedPods?.succeeded).toHaveLength(500)
    expect(lastStatus(out)).toMatchObject({ succeeded: 500, uncountedTerminatedPods: {} })
    expect(brief(lastStatus(out)?.conditions)).toEqual([SCM])
    expect(events(out)).toEqual([])
  })
})

// -------------------------------------------------------------------------------------

describe('pod failure policy (upstream TestSyncJobWithJobPodFailurePolicy)', () => {
  const exitRules: ReadonlyArray<PodFailurePolicyRule> = [
    { action: 'Ignore', onExitCodes: { operator: 'In', values: [1, 2, 3] } },
    { action: 'FailJob', onExitCodes: { operator: 'In', values: [5, 6, 7] } },
  ]
  const disruption: Condition = { type: 'DisruptionTarget', status: 'True' }
  const exited = (name: string, exitCode: number) => ({ name, state: { terminated: { exitCode } } })
  const pfp = (msg: string): ReadonlyArray<Cond> => [
    ['FailureTarget', 'True', 'PodFailurePolicy', msg],
    ['Failed', 'True', 'PodFailurePolicy', msg],
  ]
  const mypods = (j: Job, ...os: ReadonlyArray<PodOptions>): ReadonlyArray<Pod> => os.map((o, i) => pod(`mypod-${i}`, { owner: j, ...o }))

  interface Row {
    readonly job: JobOptions
    readonly pods: (j: Job) => ReadonlyArray<Pod>
    readonly want: Want
  }
  const rows: Readonly<Record<string, Row>> = {
    'default handling for pod failure if the container matching the exit codes does not match the containerName restriction': {
      job: {
        podFailurePolicy: {
          rules: [
            { action: 'Ignore', onExitCodes: { containerName: 'main-container', operator: 'In', values: [1, 2, 3] } },
            { action: 'FailJob', onExitCodes: { containerName: 'main-container', operator: 'In', values: [5, 6, 7] } },
          ],
        },
      },
      pods: (j) => mypods(j, { phase: 'Failed', containers: [exited('monitoring-container', 5), terminated('main-container', 42)] }),
      want: { creates: 1, active: 1, failed: 1, patches: 1 },
    },
    'running pod should not result in job fail based on OnExitCodes': {
      job: { podFailurePolicy: { rules: exitRules } },
      pods: (j) => mypods(j, { phase: 'Running', containers: [exited('main-container', 5)] }),
      want: { active: 1 },
    },
    'fail job based on OnExitCodes': {
      job: { podFailurePolicy: { rules: exitRules } },
      pods: (j) => mypods(j, { phase: 'Failed', containers: [exited('main-container', 5)] }),
      want: { active: 0, failed: 1, patches: 1, conditions: pfp('Container main-container for pod default/mypod-0 failed with exit code 5 matching FailJob rule at index 1') },
    },
    'job marked already as failure target with failed pod': {
      job: {
        podFailurePolicy: { rules: exitRules },
        status: { conditions: [cond('FailureTarget', 'True', 'PodFailurePolicy', 'Container main-container for pod default/mypod-0 failed with exit code 5 matching FailJob rule at index 1', ago(5))] },
      },
      pods: (j) => mypods(j, { phase: 'Failed', containers: [exited('main-container', 5)] }),
      want: { active: 0, failed: 1, patches: 1, conditions: pfp('Container main-container for pod default/mypod-0 failed with exit code 5 matching FailJob rule at index 1') },
    },
    'job marked already as failure target with failed pod, message based on already deleted pod': {
      job: {
        podFailurePolicy: { rules: exitRules },
        status: { conditions: [cond('FailureTarget', 'True', 'PodFailurePolicy', 'Container main-container for pod default/already-deleted-pod failed with exit code 5 matching FailJob rule at index 1', ago(5))] },
      },
      pods: (j) => mypods(j, { phase: 'Failed', containers: [exited('main-container', 5)] }),
      want: { active: 0, failed: 1, patches: 1, conditions: pfp('Container main-container for pod default/already-deleted-pod failed with exit code 5 matching FailJob rule at index 1') },
    },
    'fail job with multiple pods': {
      job: { parallelism: 2, completions: 2, podFailurePolicy: { rules: exitRules } },
      pods: (j) => mypods(j, { phase: 'Running' }, { phase: 'Failed', containers: [exited('main-container', 5)] }),
      want: {
        deletes: 1,
        active: 0,
        failed: 2,
        terminating: 1,
        patches: 2,
        conditions: [['FailureTarget', 'True', 'PodFailurePolicy', 'Container main-container for pod default/mypod-1 failed with exit code 5 matching FailJob rule at index 1']],
      },
    },
    'fail indexed job based on OnExitCodes': {
      job: { indexed: true, podFailurePolicy: { rules: exitRules } },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', containers: [exited('main-container', 5)] }),
      want: { active: 0, failed: 1, patches: 1, conditions: pfp('Container main-container for pod default/mypod-0 failed with exit code 5 matching FailJob rule at index 1') },
    },
    'fail job based on OnExitCodes with NotIn operator': {
      job: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [5, 6, 7] } }] } },
      pods: (j) => mypods(j, { phase: 'Failed', containers: [exited('main-container', 42)] }),
      want: { active: 0, failed: 1, patches: 1, conditions: pfp('Container main-container for pod default/mypod-0 failed with exit code 42 matching FailJob rule at index 0') },
    },
    'default handling job based on OnExitCodes with NotIn operator': {
      job: { podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'NotIn', values: [5, 6, 7] } }] } },
      pods: (j) => mypods(j, { phase: 'Failed', containers: [terminated('main-container', 5)] }),
      want: { creates: 1, active: 1, failed: 1, patches: 1 },
    },
    'fail job based on OnExitCodes for InitContainer': {
      job: { podFailurePolicy: { rules: exitRules } },
      pods: (j) => mypods(j, { phase: 'Failed', initContainers: [exited('init-container', 5)], containers: [exited('main-container', 143)] }),
      want: { active: 0, failed: 1, patches: 1, conditions: pfp('Container init-container for pod default/mypod-0 failed with exit code 5 matching FailJob rule at index 1') },
    },
    'ignore pod failure; both rules are matching, the first is executed only': {
      job: { backoffLimit: 0, podFailurePolicy: { rules: exitRules } },
      pods: (j) => mypods(j, { phase: 'Failed', containers: [exited('container1', 2), exited('container2', 6)] }),
      want: { creates: 1, active: 1, patches: 1 },
    },
    'ignore pod failure based on OnExitCodes': {
      job: { backoffLimit: 0, podFailurePolicy: { rules: exitRules } },
      pods: (j) => mypods(j, { phase: 'Failed', containers: [exited('main', 1)] }),
      want: { creates: 1, active: 1, patches: 1 },
    },
    'default job based on OnExitCodes': {
      job: { backoffLimit: 0, podFailurePolicy: { rules: exitRules } },
      pods: (j) => mypods(j, { phase: 'Failed', containers: [exited('main', 10)] }),
      want: { active: 0, failed: 1, patches: 1, conditions: [BLE, BLEFailed] },
    },
    'count pod failure based on OnExitCodes; both rules are matching, the first is executed only': {
      job: {
        podFailurePolicy: {
          rules: [
            { action: 'Count', onExitCodes: { operator: 'In', values: [1, 2] } },
            { action: 'Ignore', onExitCodes: { operator: 'In', values: [2, 3] } },
          ],
        },
      },
      pods: (j) => mypods(j, { phase: 'Failed', containers: [terminated('main', 2)] }),
      want: { creates: 1, active: 1, failed: 1, patches: 1 },
    },
    'count pod failure based on OnPodConditions; both rules are matching, the first is executed only': {
      job: {
        podFailurePolicy: {
          rules: [
            { action: 'Count', onPodConditions: [{ type: 'ResourceLimitExceeded', status: 'True' }] },
            { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
          ],
        },
      },
      pods: (j) => mypods(j, { phase: 'Failed', conditions: [{ type: 'ResourceLimitExceeded', status: 'True' }, disruption], containers: [terminated('main', 0)] }),
      want: { creates: 1, active: 1, failed: 1, patches: 1 },
    },
    'ignore pod failure based on OnPodConditions': {
      job: { backoffLimit: 0, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } },
      pods: (j) => mypods(j, { phase: 'Failed', conditions: [disruption], containers: [] }),
      want: { creates: 1, active: 1, patches: 1 },
    },
    'ignore pod failure based on OnPodConditions, ignored failures delays pod recreation': {
      job: { backoffLimit: 0, podFailurePolicy: { rules: [{ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } },
      pods: (j) => mypods(j, { phase: 'Failed', conditions: [disruption], containers: [], deleting: true, deletedAgo: 0, grace: 0 }),
      want: { active: 0, patches: 1 },
    },
    'fail job based on OnPodConditions': {
      job: { podFailurePolicy: { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } },
      pods: (j) => mypods(j, { phase: 'Failed', conditions: [disruption], containers: [] }),
      want: { active: 0, failed: 1, patches: 1, conditions: pfp('Pod default/mypod-0 has condition DisruptionTarget matching FailJob rule at index 0') },
    },
    'terminating Pod not considered failed when JobPodFailurePolicy is enabled and used': {
      job: { parallelism: 1, completions: null, backoffLimit: 0, podFailurePolicy: { rules: [{ action: 'Count', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] } },
      pods: (j) => mypods(j, { deleting: true }),
      want: { active: 0, terminating: 1 },
    },
  }

  it.each(Object.entries(rows))('%s', (_name, row) => {
    const j = job(row.job)
    expectSync(j, sync(j, row.pods(j)), row.want)
  })

  it('an ignored failure still holds the next creation for the backoff (10 s from its deletion)', () => {
    const row = rows['ignore pod failure based on OnPodConditions, ignored failures delays pod recreation']!
    const j = job(row.job)
    expect(requeues(sync(j, row.pods(j)))).toEqual([10])
  })

  it('FailJob takes precedence over BackoffLimitExceeded', () => {
    const j = job({ backoffLimit: 0, podFailurePolicy: { rules: exitRules } })
    const out = sync(j, mypods(j, { phase: 'Failed', containers: [exited('c', 9)] }, { phase: 'Failed', containers: [exited('c', 6)] }))
    expect(brief(lastStatus(out)?.conditions)[0]).toEqual(['FailureTarget', 'True', 'PodFailurePolicy', 'Container c for pod default/mypod-1 failed with exit code 6 matching FailJob rule at index 1'])
  })

  // upstream walks the pods in lister (cache) order; ours in name order, which makes the choice deterministic
  it('the message is the first failed pod, in name order, matching a FailJob rule', () => {
    const j = job({ parallelism: 2, completions: 2, podFailurePolicy: { rules: exitRules } })
    const out = sync(j, [pod('b', { owner: j, phase: 'Failed', containers: [exited('c', 5)] }), pod('a', { owner: j, phase: 'Failed', containers: [exited('c', 7)] })])
    expect(brief(lastStatus(out)?.conditions)[0]?.[3]).toBe('Container c for pod default/a failed with exit code 7 matching FailJob rule at index 1')
    expect(events(out)).toEqual(['Warning PodFailurePolicy: Container c for pod default/a failed with exit code 7 matching FailJob rule at index 1'])
  })

  it('a terminating pod under the policy is replaced only once terminal (podReplacementPolicy Failed)', () => {
    const j = job({ parallelism: 2, completions: 4, podFailurePolicy: { rules: exitRules } })
    const out = sync(j, [pod('a', { owner: j }), pod('t', { owner: j, deleting: true })])
    expect(created(out)).toEqual([])
    expect(lastStatus(out)).toMatchObject({ active: 1, terminating: 1 })
  })
})

// -------------------------------------------------------------------------------------

describe('backoffLimitPerIndex (upstream TestSyncJobWithJobBackoffLimitPerIndex)', () => {
  const mypods = (j: Job, ...os: ReadonlyArray<PodOptions>): ReadonlyArray<Pod> => os.map((o, i) => pod(`mypod-${i}`, { owner: j, ...o }))
  const base: JobOptions = { indexed: true, parallelism: 2, completions: 2, backoffLimit: maxInt32, backoffLimitPerIndex: 1 }
  const failedIx = (reason: 'FailedIndexes' | 'MaxFailedIndexesExceeded'): Cond => [
    'FailureTarget',
    'True',
    reason,
    reason === 'FailedIndexes' ? 'Job has failed indexes' : 'Job has exceeded the specified maximal number of failed indexes',
  ]

  interface Row {
    readonly job: JobOptions
    readonly pods: (j: Job) => ReadonlyArray<Pod>
    readonly want: Want
  }
  const rows: Readonly<Record<string, Row>> = {
    'successful job after a single failure within index': {
      job: base,
      pods: (j) =>
        mypods(j, { index: 0, phase: 'Failed', failureCount: 0 }, { index: 0, phase: 'Succeeded', failureCount: 1 }, { index: 1, phase: 'Succeeded', failureCount: 0 }),
      want: { active: 0, failed: 1, succeeded: 2, completedIndexes: '0,1', failedIndexes: '', conditions: [SCM, COMPLETE], patches: 3 },
    },
    'single failed pod, not counted as the replacement pod creation is delayed': {
      job: base,
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', failureCount: 0 }),
      want: { creates: 2, createdIndexes: ['0', '1'], active: 2, failedIndexes: '' },
    },
    'single failed pod replaced already': {
      job: base,
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', failureCount: 0 }, { index: 0, phase: 'Pending', failureCount: 1 }),
      want: { creates: 1, createdIndexes: ['1'], active: 2, failed: 1, failedIndexes: '', patches: 1 },
    },
    'single failed index due to exceeding the backoff limit per index, the job continues': {
      job: base,
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', failureCount: 1 }),
      want: { creates: 1, createdIndexes: ['1'], active: 1, failed: 1, failedIndexes: '0', patches: 1 },
    },
    'single failed index due to FailIndex action, the job continues': {
      job: { ...base, podFailurePolicy: { rules: [{ action: 'FailIndex', onExitCodes: { operator: 'In', values: [3] } }] } },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', failureCount: 0, exitCode: 3 }),
      want: { creates: 1, createdIndexes: ['1'], active: 1, failed: 1, failedIndexes: '0', patches: 1 },
    },
    'job failed index due to FailJob action': {
      job: { ...base, backoffLimit: 6, podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { operator: 'In', values: [3] } }] } },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', failureCount: 0, containers: [{ name: 'x', state: { terminated: { exitCode: 3 } } }] }),
      want: {
        active: 0,
        failed: 1,
        failedIndexes: '',
        patches: 1,
        conditions: [
          ['FailureTarget', 'True', 'PodFailurePolicy', 'Container x for pod default/mypod-0 failed with exit code 3 matching FailJob rule at index 0'],
          ['Failed', 'True', 'PodFailurePolicy', 'Container x for pod default/mypod-0 failed with exit code 3 matching FailJob rule at index 0'],
        ],
      },
    },
    'job pod failure ignored due to matching Ignore action': {
      job: { ...base, backoffLimit: 6, podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }] } },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', failureCount: 0, containers: [{ name: 'x', state: { terminated: { exitCode: 3 } } }] }),
      want: { creates: 2, createdIndexes: ['0', '1'], active: 2, failed: 0, failedIndexes: '' },
    },
    'job failed due to exceeding backoffLimit before backoffLimitPerIndex': {
      job: { ...base, backoffLimit: 1 },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', failureCount: 0 }, { index: 1, phase: 'Failed', failureCount: 0 }),
      want: { active: 0, failed: 2, failedIndexes: '', patches: 2, conditions: [BLE, BLEFailed] },
    },
    'job failed due to failed indexes': {
      job: base,
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', failureCount: 1 }, { index: 1, phase: 'Succeeded', failureCount: 0 }),
      want: {
        active: 0,
        failed: 1,
        succeeded: 1,
        failedIndexes: '0',
        completedIndexes: '1',
        patches: 2,
        conditions: [failedIx('FailedIndexes'), ['Failed', 'True', 'FailedIndexes', 'Job has failed indexes']],
      },
    },
    'job failed due to exceeding max failed indexes': {
      job: { ...base, parallelism: 4, completions: 4, maxFailedIndexes: 1 },
      pods: (j) =>
        mypods(
          j,
          { index: 0, phase: 'Failed', failureCount: 1 },
          { index: 1, phase: 'Succeeded', failureCount: 0 },
          { index: 2, phase: 'Failed', failureCount: 1 },
          { index: 3, phase: 'Running', failureCount: 0 },
        ),
      want: { deletes: 1, active: 0, failed: 3, succeeded: 1, terminating: 1, failedIndexes: '0,2', completedIndexes: '1', patches: 4, conditions: [failedIx('MaxFailedIndexesExceeded')] },
    },
  }

  it.each(Object.entries(rows))('%s', (_name, row) => {
    const j = job(row.job)
    expectSync(j, sync(j, row.pods(j)), row.want)
  })

  it('the replacement of a delayed index carries the failure counts; the replaced pod keeps its finalizer', () => {
    const j = job(base)
    const out = sync(j, mypods(j, { index: 0, phase: 'Failed', failureCount: 0 }))
    expect(created(out).map((p) => p.metadata.annotations?.[indexFailureCountKey])).toEqual(['1', '0'])
    expect(unfinalized(out)).toEqual([])
  })

  it('an ignored failure is carried as the ignored count', () => {
    const j = job({ ...base, backoffLimit: 6, podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }] } })
    const out = sync(j, mypods(j, { index: 0, phase: 'Failed', failureCount: 0, exitCode: 3 }))
    expect(created(out).map((p) => [p.metadata.annotations?.[indexFailureCountKey], p.metadata.annotations?.[indexIgnoredFailureCountKey]])).toEqual([
      ['0', '1'],
      ['0', undefined],
    ])
  })

  it('waits for the per-index backoff of a recent failure and requeues for it', () => {
    const j = job({ ...base, parallelism: 1 })
    // a failure count of 1 is the index's second failure: with a limit of 1 the index fails, no backoff applies
    const out = sync(j, mypods(j, { index: 0, phase: 'Failed', failureCount: 1, finishedAgo: 5 }, { index: 1, phase: 'Succeeded' }))
    expect(lastStatus(out)?.failedIndexes).toBe('0')
    // with a limit of 3 the index is retried: its third attempt waits 20 s from the last failure
    const k = job({ ...base, backoffLimitPerIndex: 3 })
    const wait = sync(k, [pod('f', { owner: k, index: 0, phase: 'Failed', failureCount: 1, finishedAgo: 5 }), pod('r', { owner: k, index: 1 })])
    expect(created(wait)).toEqual([])
    expect(requeues(wait)).toEqual([15])
    expect(lastStatus(wait)?.active).toBe(0)
  })

  it('as many failed indexes as maxFailedIndexes is not yet too many', () => {
    const j = job({ ...base, parallelism: 3, completions: 3, maxFailedIndexes: 1 })
    const out = sync(j, mypods(j, { index: 0, phase: 'Failed', failureCount: 1 }))
    expect(brief(lastStatus(out)?.conditions)).toEqual([])
    expect(createdIndexes(out)).toEqual(['1', '2'])
  })

  it('of two failed pods of an index, the older loses its finalizer and is counted; the last one waits for its replacement', () => {
    const j = job({ ...base, backoffLimitPerIndex: 3 })
    const out = sync(j, [
      pod('old', { owner: j, index: 0, phase: 'Failed', failureCount: 0 }),
      pod('last', { owner: j, index: 0, phase: 'Failed', failureCount: 1 }),
      pod('r', { owner: j, index: 1 }),
    ])
    expect(unfinalized(out)).toEqual(['old'])
    expect(lastStatus(out)?.failed).toBe(1)
    expect(created(out).map((p) => p.metadata.annotations?.[indexFailureCountKey])).toEqual(['2'])
  })

  it('a previous failedIndexes is kept and an index there is never recreated', () => {
    const j = job({ ...base, parallelism: 3, completions: 3, status: { failedIndexes: '1', startTime: ago(60) } })
    const out = sync(j, [])
    expect(createdIndexes(out)).toEqual(['0', '2'])
    expect(lastStatus(out)?.failedIndexes).toBe('1')
  })
})

// -------------------------------------------------------------------------------------

describe('success policy (upstream TestSyncJobWithJobSuccessPolicy)', () => {
  const mypods = (j: Job, ...os: ReadonlyArray<PodOptions>): ReadonlyArray<Pod> => os.map((o, i) => pod(`mypod-${i}`, { owner: j, ...o }))
  const rule01 = { rules: [{ succeededIndexes: '0,1', succeededCount: 1 }] }
  const failOnDisruption = { rules: [{ action: 'FailJob', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] }
  const disruption: Condition = { type: 'DisruptionTarget', status: 'True' }
  const spSCM: Cond = ['SuccessCriteriaMet', 'True', 'SuccessPolicy', 'Matched rules at index 0']
  const spComplete: Cond = ['Complete', 'True', 'SuccessPolicy', 'Matched rules at index 0']
  const met = cond('SuccessCriteriaMet', 'True', 'SuccessPolicy', 'Matched rules at index 0', ago(60))
  const base = (n: number): JobOptions => ({ indexed: true, parallelism: n, completions: n, backoffLimit: maxInt32, successPolicy: rule01 })

  interface Row {
    readonly job: JobOptions
    readonly pods: (j: Job) => ReadonlyArray<Pod>
    readonly want: Want
  }
  const rows: Readonly<Record<string, Row>> = {
    'job has SuccessCriteriaMet condition if job meets to successPolicy and some indexes fail': {
      job: base(3),
      pods: (j) => mypods(j, { index: 0, phase: 'Failed' }, { index: 0 }, { index: 1, phase: 'Succeeded' }, { index: 2 }),
      want: { deletes: 2, active: 0, failed: 1, succeeded: 1, terminating: 2, completedIndexes: '1', patches: 4, conditions: [spSCM] },
    },
    'job with podFailurePolicy and successPolicy; SuccessCriteriaMet if the pod failure policy is not met': {
      job: { ...base(2), podFailurePolicy: failOnDisruption },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed' }, { index: 0 }, { index: 1, phase: 'Succeeded' }),
      want: { deletes: 1, active: 0, failed: 1, succeeded: 1, terminating: 1, completedIndexes: '1', patches: 3, conditions: [spSCM] },
    },
    'job with backoffLimitPerIndex and successPolicy; SuccessCriteriaMet if backoffLimitPerIndex is not met': {
      job: { ...base(2), backoffLimitPerIndex: 2 },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed' }, { index: 0 }, { index: 1, phase: 'Succeeded' }),
      want: { deletes: 1, active: 0, failed: 1, succeeded: 1, terminating: 1, completedIndexes: '1', failedIndexes: '', patches: 3, conditions: [spSCM] },
    },
    'both Complete and SuccessCriteriaMet when all pods have been already removed': {
      job: { ...base(2), backoffLimitPerIndex: 2, status: { conditions: [met] } },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed' }, { index: 1, phase: 'Succeeded' }),
      want: { active: 0, failed: 1, succeeded: 1, completedIndexes: '1', failedIndexes: '', patches: 2, conditions: [spSCM, spComplete] },
    },
    'only SuccessCriteriaMet while some pods still are running (issue 123775)': {
      job: { ...base(3), backoffLimitPerIndex: 3, status: { conditions: [met] } },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed' }, { index: 1 }, { index: 1, phase: 'Succeeded' }, { index: 2 }),
      want: { deletes: 2, active: 0, failed: 1, succeeded: 1, terminating: 2, completedIndexes: '1', failedIndexes: '', patches: 4, conditions: [spSCM] },
    },
    'a failed condition when job meets to both successPolicy and podFailurePolicy': {
      job: { ...base(2), podFailurePolicy: failOnDisruption },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', conditions: [disruption] }, { index: 0 }, { index: 1, phase: 'Succeeded' }),
      want: {
        deletes: 1,
        active: 0,
        failed: 2,
        succeeded: 1,
        terminating: 1,
        completedIndexes: '1',
        patches: 3,
        conditions: [['FailureTarget', 'True', 'PodFailurePolicy', 'Pod default/mypod-0 has condition DisruptionTarget matching FailJob rule at index 0']],
      },
    },
    'a failed condition when job meets to both successPolicy and backoffLimitPerIndex': {
      job: { ...base(2), backoffLimitPerIndex: 1 },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', failureCount: 1 }, { index: 1, phase: 'Succeeded' }),
      want: {
        active: 0,
        failed: 1,
        succeeded: 1,
        completedIndexes: '1',
        failedIndexes: '0',
        patches: 2,
        conditions: [
          ['FailureTarget', 'True', 'FailedIndexes', 'Job has failed indexes'],
          ['Failed', 'True', 'FailedIndexes', 'Job has failed indexes'],
        ],
      },
    },
    'a failed condition when job meets to both successPolicy and backoffLimit': {
      job: { ...base(2), backoffLimit: 1 },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed' }, { index: 0, phase: 'Failed' }, { index: 1, phase: 'Succeeded' }),
      want: { active: 0, failed: 2, succeeded: 1, completedIndexes: '1', patches: 3, conditions: [BLE, BLEFailed] },
    },
    'SuccessCriteriaMet never transitions to FailureTarget even if the pod failure policy is met': {
      job: {
        ...base(2),
        successPolicy: { rules: [{ succeededCount: 1 }] },
        podFailurePolicy: failOnDisruption,
        status: { succeeded: 1, terminating: 0, completedIndexes: '1', uncountedTerminatedPods: {}, conditions: [met] },
      },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', conditions: [disruption] }, { index: 1, phase: 'Succeeded' }),
      want: { active: 0, failed: 1, succeeded: 1, completedIndexes: '1', patches: 2, conditions: [spSCM, spComplete] },
    },
    'SuccessCriteriaMet never transitions to FailureTarget even if backoffLimitPerIndex is met': {
      job: {
        ...base(2),
        backoffLimitPerIndex: 1,
        successPolicy: { rules: [{ succeededIndexes: '1' }] },
        status: { succeeded: 1, terminating: 0, completedIndexes: '1', uncountedTerminatedPods: {}, conditions: [met] },
      },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', failureCount: 1 }, { index: 1, phase: 'Succeeded' }),
      want: { active: 0, failed: 1, succeeded: 1, completedIndexes: '1', failedIndexes: '0', patches: 2, conditions: [spSCM, spComplete] },
    },
    'SuccessCriteriaMet never transitions to FailureTarget even if backoffLimit is met': {
      job: { ...base(2), backoffLimit: 1, status: { succeeded: 1, terminating: 0, completedIndexes: '1', uncountedTerminatedPods: {}, conditions: [met] } },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed' }, { index: 1, phase: 'Succeeded' }),
      want: { active: 0, failed: 1, succeeded: 1, completedIndexes: '1', patches: 2, conditions: [spSCM, spComplete] },
    },
    'FailureTarget never transitions to SuccessCriteriaMet even if the success policy is met': {
      job: {
        ...base(2),
        podFailurePolicy: failOnDisruption,
        status: {
          failed: 1,
          terminating: 0,
          completedIndexes: '1',
          uncountedTerminatedPods: {},
          conditions: [cond('FailureTarget', 'True', 'PodFailurePolicy', 'Pod default/mypod-0 has condition DisruptionTarget matching FailJob rule at index 0', ago(60))],
        },
      },
      pods: (j) => mypods(j, { index: 0, phase: 'Failed', conditions: [disruption], tracked: false }, { index: 1, phase: 'Succeeded' }),
      want: {
        active: 0,
        failed: 1,
        succeeded: 1,
        completedIndexes: '1',
        patches: 1,
        conditions: [
          ['FailureTarget', 'True', 'PodFailurePolicy', 'Pod default/mypod-0 has condition DisruptionTarget matching FailJob rule at index 0'],
          ['Failed', 'True', 'PodFailurePolicy', 'Pod default/mypod-0 has condition DisruptionTarget matching FailJob rule at index 0'],
        ],
      },
    },
  }

  it.each(Object.entries(rows))('%s', (_name, row) => {
    const j = job(row.job)
    expectSync(j, sync(j, row.pods(j)), row.want)
  })

  it('the active pods deleted on success keep their finalizer until this sync counts them — as neither succeeded nor failed', () => {
    const j = job(base(3))
    const out = sync(j, mypods(j, { index: 0 }, { index: 1, phase: 'Succeeded' }, { index: 2 }))
    expect(outline(out)).toEqual(['Delete mypod-0!', 'Event SuccessfulDelete', 'Delete mypod-2!', 'Event SuccessfulDelete', 'UpdateStatus!', 'Update mypod-0!', 'Update mypod-1!', 'Update mypod-2!'])
    expect(lastStatus(out)).toMatchObject({ succeeded: 1, terminating: 2 })
    expect(lastStatus(out)?.failed).toBeUndefined()
  })

  it('Complete carries the success policy reason, message and a completion time, with the Completed event', () => {
    const j = job({ ...base(2), status: { conditions: [met] } })
    const out = sync(j, mypods(j, { index: 1, phase: 'Succeeded' }))
    expect(lastStatus(out)?.conditions).toEqual([met, cond('Complete', 'True', 'SuccessPolicy', 'Matched rules at index 0')])
    expect(lastStatus(out)?.completionTime).toBe(nowIso)
    expect(events(out)).toEqual(['Normal Completed: Job completed'])
  })
})

// -------------------------------------------------------------------------------------

describe('suspend and resume', () => {
  it('suspending deletes the active pods, finalizer first, never counting them as failed; the event follows', () => {
    const j = job({ suspend: true, parallelism: 2, completions: 4, status: { startTime: ago(100) } })
    const out = sync(j, podsFor(j, { running: 2 }))
    expect(outline(out)).toEqual(['Update running-0!', 'Delete running-0', 'Event SuccessfulDelete', 'Update running-1!', 'Delete running-1', 'Event SuccessfulDelete', 'Event Suspended', 'UpdateStatus!'])
    expect(events(out)).toEqual(['Normal SuccessfulDelete: Deleted pod: running-0', 'Normal SuccessfulDelete: Deleted pod: running-1', 'Normal Suspended: Job suspended'])
    expect(statuses(out)).toEqual([
      { startTime: ago(100), conditions: [cond('Suspended', 'True', 'JobSuspended', 'Job suspended')], active: 0, ready: 0, terminating: 2, uncountedTerminatedPods: {} },
    ])
  })

  it('a suspended Job that already says so writes nothing', () => {
    const j = job({ suspend: true, status: { conditions: [cond('Suspended', 'True', 'JobSuspended', 'Job suspended', ago(60))], active: 0, ready: 0, terminating: 0, uncountedTerminatedPods: {} } })
    expect(sync(j, [])).toEqual([])
  })

  it('resuming resets startTime to now, flips the condition and emits Resumed', () => {
    const j = job({ parallelism: 1, completions: 1, status: { startTime: ago(3600), conditions: [cond('Suspended', 'True', 'JobSuspended', 'Job suspended', ago(60))] } })
    const out = sync(j, [])
    expect(lastStatus(out)?.startTime).toBe(nowIso)
    expect(lastStatus(out)?.conditions).toEqual([cond('Suspended', 'False', 'JobResumed', 'Job resumed')])
    expect(events(out)).toEqual(['Normal SuccessfulCreate: Created pod: pi-', 'Normal Resumed: Job resumed'])
  })

  it('a resumed Job that already says so keeps its startTime', () => {
    const j = job({ status: { startTime: ago(30), conditions: [cond('Suspended', 'False', 'JobResumed', 'Job resumed', ago(30))] } })
    const out = sync(j, [pod('a', { owner: j })])
    expect(lastStatus(out)?.startTime).toBe(ago(30))
    expect(events(out)).toEqual([])
  })

  it('a suspended Job whose pods all succeeded still completes (upstream "finished job")', () => {
    const j = job({ suspend: true, parallelism: 2, completions: 2 })
    const out = sync(j, podsFor(j, { succeeded: 2 }))
    expect(brief(lastStatus(out)?.conditions)).toEqual([SCM, COMPLETE])
  })
})

// -------------------------------------------------------------------------------------

describe('adoption and release (upstream TestGetPodsForJob)', () => {
  const j = job({ name: 'test-job' })
  const other = job({ name: 'other-job' })
  const names = (pods: ReadonlyArray<Pod>) => pods.map((p) => p.metadata.name ?? '').sort()
  const withFinalizer = (pods: ReadonlyArray<Pod>) => names(pods.filter((p) => (p.metadata.finalizers ?? []).includes(trackingFinalizer)))

  it('only matching', () => {
    const got = jobPods(j, viewOf(j, other, pod('pod1', { owner: j }), pod('pod2', { owner: other }), pod('pod3', { owner: null, labels: {} }), pod('pod4', { owner: j, tracked: false })))
    expect(names(got.pods)).toEqual(['pod1', 'pod4'])
    expect(withFinalizer(got.pods)).toEqual(['pod1'])
    expect(got.actions).toEqual([])
  })

  it('adopt: an orphan matching the selector gets the controller reference and the tracking finalizer', () => {
    const got = jobPods(j, viewOf(j, other, pod('pod1', { owner: j, tracked: false }), pod('pod2', { owner: null, labelsOf: j, tracked: false }), pod('pod3', { owner: other })))
    expect(names(got.pods)).toEqual(['pod1', 'pod2'])
    expect(withFinalizer(got.pods)).toEqual(['pod2'])
    expect(outline(got.actions)).toEqual(['Update pod2'])
    const adopted = ofTag(got.actions, 'Update')[0]!.object as Pod
    expect(adopted.metadata.ownerReferences).toEqual([{ apiVersion: 'batch/v1', kind: 'Job', name: 'test-job', uid: 'uid-test-job', controller: true, blockOwnerDeletion: true }])
    expect(adopted.metadata.finalizers).toEqual([trackingFinalizer])
    expect(adopted.metadata.resourceVersion).toBe('5')
  })

  it('an adopted pod that already has the finalizer keeps one copy', () => {
    const got = jobPods(j, viewOf(j, pod('o', { owner: null, labelsOf: j })))
    expect((ofTag(got.actions, 'Update')[0]!.object as Pod).metadata.finalizers).toEqual([trackingFinalizer])
  })

  it('no adopt when deleting', () => {
    const deleting = job({ name: 'test-job', deleting: true })
    const got = jobPods(deleting, viewOf(deleting, pod('pod1', { owner: deleting }), pod('pod2', { owner: null, labelsOf: deleting })))
    expect(names(got.pods)).toEqual(['pod1'])
    expect(got.actions).toEqual([])
  })

  it('no adopt of a pod being deleted, nor of one in another namespace', () => {
    const got = jobPods(j, viewOf(j, pod('gone', { owner: null, labelsOf: j, deleting: true }), pod('far', { owner: null, labelsOf: j, namespace: 'other' })))
    expect(got.pods).toEqual([])
    expect(got.actions).toEqual([])
  })

  it('release: a pod that no longer matches loses the controller reference and the tracking finalizer (other finalizers stay)', () => {
    const released = pod('pod2', { owner: j, labels: {} })
    const keep = { ...released, metadata: { ...released.metadata, finalizers: ['example.com/keep', trackingFinalizer] } }
    const got = jobPods(j, viewOf(j, pod('pod1', { owner: j }), keep))
    expect(names(got.pods)).toEqual(['pod1'])
    const update = ofTag(got.actions, 'Update')[0]!.object as Pod
    expect(update.metadata.name).toBe('pod2')
    expect(update.metadata.ownerReferences).toBeUndefined()
    expect(update.metadata.finalizers).toEqual(['example.com/keep'])
    const bare = jobPods(j, viewOf(j, released))
    expect((ofTag(bare.actions, 'Update')[0]!.object as Pod).metadata).not.toHaveProperty('finalizers')
  })

  // Upstream getPodsForJob returns ClaimPods' error, and syncJob returns before doing
  // anything else (job_controller.go, syncJob; controller_ref_manager.go, ClaimObject), so a
  // failed adoption or release ends the sync; ours plans the claim updates without `required`,
  // so the status writes and finalizer removals that count the adopted pod are sent anyway.
  it('a failed adoption or release ends the sync (the claim updates are required)', () => {
    const out = sync(j, [pod('orphan', { owner: null, labelsOf: j }), pod('stray', { owner: j, labels: {} })])
    expect(ofTag(out, 'Update').slice(0, 2).map((u) => u.required)).toEqual([true, true])
  })

  it('a sync adopts first and then counts the adopted pod as its own', () => {
    const out = sync(j, [pod('orphan', { owner: null, labelsOf: j, tracked: false })])
    expect(outline(out)).toEqual(['Update orphan!', 'UpdateStatus!'])
    expect(lastStatus(out)).toMatchObject({ active: 1 })
  })

  it('an adopted succeeded orphan is counted once', () => {
    const out = sync(j, [pod('orphan', { owner: null, labelsOf: j, phase: 'Succeeded', tracked: false })])
    expect(outline(out)).toEqual(['Update orphan!', 'UpdateStatus!', 'Update orphan!', 'UpdateStatus!', 'Event Completed'])
    expect(lastStatus(out)).toMatchObject({ succeeded: 1 })
  })
})

describe('the orphan worker (upstream TestSyncOrphanPod)', () => {
  const running = job({ name: 'j', uid: '111' })
  const finishedJob = job({ name: 'j', uid: '111', status: { conditions: [cond('Complete', 'True', '', '')] } })
  const orphan = (name: string, ref?: { readonly apiVersion: string; readonly kind: string; readonly name: string; readonly uid: string; readonly controller?: boolean }): Pod => {
    const p = pod(name, { owner: null, deleting: true })
    return ref === undefined ? p : { ...p, metadata: { ...p.metadata, ownerReferences: [{ ...ref, ...(ref.controller === true ? { blockOwnerDeletion: true } : {}) }] } }
  }
  const jobRef = { apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: '111', controller: true }

  it.each<readonly [string, Pod, ReadonlyArray<Job>, boolean]>([
    ['controlled_by_existing_running_job', orphan('a', jobRef), [running], false],
    ['controlled_by_existing_finished_job', orphan('a', jobRef), [finishedJob], true],
    ['controlled_by_non_existing_job', orphan('a', jobRef), [], true],
    ['controlled_by_cronjob', orphan('a', { apiVersion: 'batch/v1', kind: 'CronJob', name: 'cj', uid: '111', controller: true }), [], false],
    ['not_controlled', orphan('a'), [], true],
    ['controlled_by_custom_crd', orphan('a', { apiVersion: 'example/v1', kind: 'Job', name: 'job', uid: '111', controller: true }), [], false],
    ['owned_by_existing_running_job', orphan('a', { apiVersion: 'batch/v1', kind: 'Job', name: 'j', uid: '111' }), [running], true],
    ['owned_by_custom_crd', orphan('a', { apiVersion: 'example/v1', kind: 'Job', name: 'job', uid: '111' }), [], true],
    ['controlled by a Job of the same name but another uid', orphan('a', jobRef), [job({ name: 'j', uid: '222' })], true],
    [
      'controlled by a finished Job another controller manages',
      orphan('a', jobRef),
      [job({ name: 'j', uid: '111', managedBy: 'example.com/queue', status: { conditions: [cond('Complete', 'True', '', '')] } })],
      false,
    ],
  ])('%s', (_name, p, jobs, removed) => {
    const view = viewOf(...jobs, p)
    expect(isOrphanTracked(p, view)).toBe(removed)
    expect(unfinalized(reconcileOrphans(view, now))).toEqual(removed ? ['a'] : [])
  })

  it('a pod without the finalizer is no concern', () => {
    const p = pod('a', { owner: null, tracked: false })
    expect(isOrphanTracked(p, viewOf(p))).toBe(false)
  })

  it('a woken sync looks only at the woken pods, in name order', () => {
    const view = viewOf(orphan('b'), orphan('a'), orphan('c'))
    expect(unfinalized(reconcileOrphans(view, now))).toEqual(['a', 'b', 'c'])
    expect(unfinalized(reconcileOrphans(view, now, new Set(['Pod/default/c', 'Pod/default/a', 'Pod/default/missing', 'Job/default/j'])))).toEqual(['a', 'c'])
  })
})

// -------------------------------------------------------------------------------------

describe('one sync, ordered writes (crash and dropped-write safety)', () => {
  it('finishing: status with the uncounted pod and SuccessCriteriaMet, finalizer removal, status with the count and Complete, then the event', () => {
    const j = job()
    const out = sync(j, [pod('a', { owner: j, phase: 'Succeeded' })])
    expect(outline(out)).toEqual(['UpdateStatus!', 'Update a!', 'UpdateStatus!', 'Event Completed'])
    expect(statuses(out)).toEqual([
      { startTime: nowIso, active: 0, ready: 0, terminating: 0, uncountedTerminatedPods: { succeeded: ['uid-a'] }, conditions: [criteriaMet()] },
      { startTime: nowIso, active: 0, ready: 0, terminating: 0, uncountedTerminatedPods: {}, succeeded: 1, failed: 0, conditions: [criteriaMet(), complete()], completionTime: nowIso },
    ])
    // the first write is conditional on the observed resourceVersion; the second applies on top of it
    expect(ofTag(out, 'UpdateStatus').map((a) => a.object.metadata.resourceVersion)).toEqual(['10', undefined])
  })

  it('failing: the active pods are deleted (keeping their finalizer) before the tracking writes', () => {
    const j = job({ backoffLimit: 0 })
    const out = sync(j, podsFor(j, { running: 1, failed: 1 }))
    expect(outline(out)).toEqual(['Delete running-0!', 'Event SuccessfulDelete', 'UpdateStatus!', 'Update failed-0!', 'Update running-0!', 'UpdateStatus!'])
    expect(statuses(out).map((s) => [s.failed, s.uncountedTerminatedPods, s.terminating, brief(s.conditions)])).toEqual([
      [undefined, { failed: ['uid-failed-0', 'uid-running-0'] }, 1, [BLE]],
      [2, {}, 1, [BLE]],
    ])
  })

  it('scaling down: each pod loses its finalizer, then is deleted', () => {
    const j = job({ parallelism: 1, completions: 5 })
    expect(outline(sync(j, podsFor(j, { running: 2 })))).toEqual(['Update running-0!', 'Delete running-0', 'Event SuccessfulDelete', 'UpdateStatus!'])
  })

  it('creating: each create with its event, then the status', () => {
    const j = job({ parallelism: 2, completions: 5 })
    expect(outline(sync(j, []))).toEqual(['Create pi-', 'Event SuccessfulCreate', 'Create pi-', 'Event SuccessfulCreate', 'UpdateStatus!'])
  })

  it('requeues come last', () => {
    const j = job({ activeDeadlineSeconds: 100 })
    expect(outline(sync(j, [])).at(-1)).toBe('Requeue 100')
  })

  const j = job()
  const a = pod('a', { owner: j, phase: 'Succeeded' })
  const first = sync(j, [a])
  const afterFirstWrite = job({ status: statuses(first)[0] ?? {} })

  it('a crash after the first write: the pod is recorded once and counted once', () => {
    const out = sync(afterFirstWrite, [pod('a', { owner: afterFirstWrite, phase: 'Succeeded' })])
    // nothing new to record, so no first write (upstream: needsFlush stays false)
    expect(outline(out)).toEqual(['Update a!', 'UpdateStatus!', 'Event Completed'])
    expect(lastStatus(out)).toMatchObject({ succeeded: 1, uncountedTerminatedPods: {} })
    expect(brief(lastStatus(out)?.conditions)).toEqual([SCM, COMPLETE])
  })

  it('a crash after the finalizer removal: the uncounted pod is counted from the status alone', () => {
    const out = sync(afterFirstWrite, [pod('a', { owner: afterFirstWrite, phase: 'Succeeded', tracked: false })])
    expect(unfinalized(out)).toEqual([])
    // upstream flushes the cleaned counters, then again with the terminal condition
    expect(outline(out)).toEqual(['UpdateStatus!', 'UpdateStatus!', 'Event Completed'])
    expect(lastStatus(out)).toMatchObject({ succeeded: 1, uncountedTerminatedPods: {} })
  })

  it('a dropped first write: the next sync does the same again', () => {
    expect(sync(j, [a])).toEqual(first)
  })

  it('a finished pod without the finalizer and not in the status is never counted (it was counted before)', () => {
    const counted = job({ status: { succeeded: 1, startTime: ago(10), active: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {} } })
    const out = sync(counted, [pod('old', { owner: counted, phase: 'Succeeded', tracked: false })])
    expect(lastStatus(out)).toMatchObject({ succeeded: 1, active: 0 })
  })
})

// -------------------------------------------------------------------------------------

describe('more sync rules', () => {
  it('podReplacementPolicy Failed: the index of a terminating pod is not recreated until the pod is gone', () => {
    const failedPolicy = job({ indexed: true, parallelism: 2, completions: 5, podReplacementPolicy: 'Failed' })
    expect(createdIndexes(sync(failedPolicy, [pod('t', { owner: failedPolicy, index: 0, deleting: true })]))).toEqual(['1'])
    const terminatingOrFailed = job({ indexed: true, parallelism: 2, completions: 5 })
    expect(createdIndexes(sync(terminatingOrFailed, [pod('t', { owner: terminatingOrFailed, index: 0, deleting: true })]))).toEqual(['0', '1'])
  })

  it('scaling down a pod without the finalizer only deletes it', () => {
    const j = job({ parallelism: 1, completions: 5 })
    expect(outline(sync(j, [pod('a', { owner: j }), pod('b', { owner: j, tracked: false, createdAgo: 10 })]))).toEqual(['Delete b', 'Event SuccessfulDelete', 'UpdateStatus!'])
  })

  it('an Indexed Job walks its pods by completion index', () => {
    const j = job({ indexed: true, parallelism: 3, completions: 3, backoffLimit: 10 })
    const out = sync(j, [pod('a', { owner: j, index: 2, phase: 'Failed' }), pod('b', { owner: j, index: 0, phase: 'Failed' }), pod('c', { owner: j, index: 1 })])
    expect(statuses(out)[0]?.uncountedTerminatedPods).toEqual({ failed: ['uid-b', 'uid-a'] })
    expect(unfinalized(out)).toEqual(['b', 'a'])
  })

  it('completing exactly the completions emits Completed only; a work queue never warns of too many', () => {
    const j = job({ parallelism: 2, completions: 2 })
    expect(events(sync(j, podsFor(j, { succeeded: 2 })))).toEqual(['Normal Completed: Job completed'])
    const wq = job({ parallelism: 2, completions: null })
    expect(events(sync(wq, podsFor(wq, { succeeded: 3 })))).toEqual(['Normal Completed: Job completed'])
  })

  it('a pod the Job controls in another namespace is not its pod', () => {
    const j = job()
    expect(jobPods(j, viewOf(j, pod('far', { owner: j, namespace: 'other' }))).pods).toEqual([])
  })
})

describe('ensureCondition (upstream TestEnsureJobConditions)', () => {
  const s = (status: 'True' | 'False', reason: string, message = '') => cond('Suspended', status, reason, message)
  it.each<readonly [string, ReadonlyArray<Condition>, Condition, ReadonlyArray<Condition> | undefined]>([
    ['append true condition', [], s('True', 'foo'), [s('True', 'foo')]],
    ['append false condition', [], s('False', 'foo'), undefined],
    ['update true condition reason', [s('True', 'foo')], s('True', 'bar'), [s('True', 'bar')]],
    ['update true condition status', [s('True', 'foo')], s('False', 'foo'), [s('False', 'foo')]],
    ['update false condition status', [s('False', 'foo')], s('True', 'foo'), [s('True', 'foo')]],
    ['update the message only', [s('True', 'foo', 'a')], s('True', 'foo', 'b'), [s('True', 'foo', 'b')]],
    ['condition already exists', [s('True', 'foo')], s('True', 'foo'), undefined],
    ['other conditions stay in place', [criteriaMet(), s('True', 'foo'), complete()], s('False', 'bar'), [criteriaMet(), s('False', 'bar'), complete()]],
  ])('%s', (_name, have, want, expectedList) => {
    expect(ensureCondition(have, want)).toEqual(expectedList)
  })
})

describe('the controller declaration', () => {
  it('the orphan worker is woken by tracked pods, and by a Job for its tracked pods', () => {
    const j = job()
    const view = viewOf(j, pod('a', { owner: j }), pod('b', { owner: j, tracked: false }))
    const [podWake, jobWake] = orphanPodsController.wakes
    expect(podWake?.kind).toBe('Pod')
    expect([...(podWake?.keys(pod('a', { owner: j }), view) ?? [])]).toEqual(['Pod/default/a'])
    expect([...(podWake?.keys(pod('b', { owner: j, tracked: false }), view) ?? [])]).toEqual([])
    expect(jobWake?.kind).toBe('Job')
    expect([...(jobWake?.keys(j, view) ?? [])]).toEqual(['Pod/default/a'])
    expect([...(jobWake?.keys(job({ uid: '' }), view) ?? [])]).toEqual([])
  })

  it('is the per-object Job controller with pod expectations', () => {
    expect(jobController).toMatchObject({ _tag: 'PerObject', name: 'Job', kind: 'Job', expectations: ['pods'] })
    expect(jobController.reconcile).toBe(reconcile)
  })

  it('a pod change wakes its controlling Job; an orphan wakes the matching Jobs of its namespace', () => {
    const j = job()
    const other = job({ name: 'other' })
    const view = viewOf(j, other, job({ name: 'far', namespace: 'x' }))
    const podWake = jobController.wakes.find((w) => w.kind === 'Pod')!
    expect(podWake.keys(pod('a', { owner: j }), view)).toEqual(['Job/default/pi'])
    expect([...podWake.keys(pod('o', { owner: null, labelsOf: other }), view)]).toEqual(['Job/default/other'])
    expect([...podWake.keys(pod('o', { owner: null, labels: { none: 'x' } }), view)]).toEqual([])
    // a Job of another namespace never adopts, even when its selector matches
    expect([...podWake.keys(pod('o', { owner: null, labelsOf: job({ name: 'far', namespace: 'x' }) }), view)]).toEqual([])
  })

  it('sums a Job up for the CLI', () => {
    const j = job({ completions: 4, status: { succeeded: 1, failed: 2 } })
    expect(sizeSummary(j, viewOf(j, pod('a', { owner: j }), pod('b', { owner: j, phase: 'Succeeded' }), pod('c', { owner: j, deleting: true })))).toBe('pi 1/4 succeeded, 2 failed, 1 active')
    const wq = job({ completions: null })
    expect(sizeSummary(wq, viewOf(wq))).toBe('pi 0 succeeded, 0 failed, 0 active')
    expect(sizeSummary(job({ uid: '' }), ClusterView.empty)).toBe('pi 0/1 succeeded, 0 failed, 0 active')
  })

  it('shows the status counters', () => {
    expect(statusFields).toEqual([
      ['active', 'active'],
      ['ready', 'ready'],
      ['terminating', 'terminating'],
      ['succeeded', 'succeeded'],
      ['failed', 'failed'],
    ])
  })
})
