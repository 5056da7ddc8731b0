/**
 * Builders for the Job controller's table tests: a Job in the stored (defaulted) shape with its
 * generated selector and uid, its pods in every state (pending, running, ready, succeeded, failed
 * with exit codes, terminating, with or without the tracking finalizer, with completion-index and
 * failure-count annotations, container statuses with `state.terminated.finishedAt`), and readers
 * of a sync's actions. Everything is plain data, deep-frozen so a test fails if the controller
 * mutates its input.
 */
import type { Condition } from '../../../src/api/meta.js'
import type { KubeObject } from '../../../src/api/object.js'
import type { ContainerStatus, Pod } from '../../../src/api/pod.js'
import { generateJobSelector } from '../../../src/api/strategy.js'
import type { Job, JobSpec, JobStatus, PodFailurePolicy, SuccessPolicy } from '../../../src/api/workloads.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { newControllerRef } from '../../../src/core/ownership.js'
import {
  completionIndexKey,
  indexFailureCountKey,
  indexIgnoredFailureCountKey,
  trackingFinalizer,
} from '../../../src/controllers/job/keys.js'
import { deepFreeze } from '../../helpers/freeze.js'

/** The tests' "now". */
export const now = new Date('2024-01-01T12:00:00Z')
/** `now` as the controller writes it. */
export const nowIso = '2024-01-01T12:00:00Z'
/** `now` minus `s` seconds, RFC 3339 (whole seconds). */
export const ago = (s: number): string => new Date(now.getTime() - s * 1000).toISOString().replace('.000Z', 'Z')
/** `now` minus `ms` milliseconds, RFC 3339 with milliseconds. */
export const agoMs = (ms: number): string => new Date(now.getTime() - ms).toISOString()

/** A frozen view of the objects. */
export const viewOf = (...objects: ReadonlyArray<KubeObject>): ClusterView.ClusterView => ClusterView.fromObjects(objects.map(deepFreeze))

/** Options of `job`. */
export interface JobOptions {
  readonly name?: string
  readonly uid?: string
  /** `null`: unset. Default 1. */
  readonly parallelism?: number | null
  /** `null`: unset (a work-queue Job). Default 1. */
  readonly completions?: number | null
  /** Default 6, or MaxInt32 with `backoffLimitPerIndex` (the API server's default). */
  readonly backoffLimit?: number
  readonly backoffLimitPerIndex?: number
  readonly maxFailedIndexes?: number
  readonly indexed?: boolean
  /** Overrides `indexed` (an unknown mode too). */
  readonly completionMode?: string
  readonly suspend?: boolean
  /** Default: `Failed` with a pod failure policy, else `TerminatingOrFailed`. */
  readonly podReplacementPolicy?: string
  readonly podFailurePolicy?: PodFailurePolicy
  readonly successPolicy?: SuccessPolicy
  readonly activeDeadlineSeconds?: number
  readonly managedBy?: string
  readonly restartPolicy?: 'Never' | 'OnFailure'
  readonly initContainers?: ReadonlyArray<string>
  readonly templateAnnotations?: Readonly<Record<string, string>>
  readonly templateFinalizers?: ReadonlyArray<string>
  readonly status?: JobStatus
  readonly deleting?: boolean
  readonly namespace?: string
}

/** The int32 maximum (the API server's backoffLimit default with backoffLimitPerIndex). */
export const maxInt32 = 2147483647

/** A Job `pi` (uid `uid-pi`), defaulted as the API server stores it, its selector and template labels generated from the uid. */
export const job = (o: JobOptions = {}): Job => {
  const name = o.name ?? 'pi'
  const mode = o.completionMode ?? (o.indexed === true ? 'Indexed' : 'NonIndexed')
  const spec: JobSpec = {
    ...(o.parallelism === null ? {} : { parallelism: o.parallelism ?? 1 }),
    ...(o.completions === null ? {} : { completions: o.completions ?? 1 }),
    backoffLimit: o.backoffLimit ?? (o.backoffLimitPerIndex === undefined ? 6 : maxInt32),
    ...(o.backoffLimitPerIndex === undefined ? {} : { backoffLimitPerIndex: o.backoffLimitPerIndex }),
    ...(o.maxFailedIndexes === undefined ? {} : { maxFailedIndexes: o.maxFailedIndexes }),
    completionMode: mode,
    suspend: o.suspend ?? false,
    manualSelector: false,
    podReplacementPolicy: o.podReplacementPolicy ?? (o.podFailurePolicy === undefined ? 'TerminatingOrFailed' : 'Failed'),
    ...(o.podFailurePolicy === undefined ? {} : { podFailurePolicy: o.podFailurePolicy }),
    ...(o.successPolicy === undefined ? {} : { successPolicy: o.successPolicy }),
    ...(o.activeDeadlineSeconds === undefined ? {} : { activeDeadlineSeconds: o.activeDeadlineSeconds }),
    ...(o.managedBy === undefined ? {} : { managedBy: o.managedBy }),
    template: {
      metadata: {
        labels: { app: name },
        ...(o.templateAnnotations === undefined ? {} : { annotations: o.templateAnnotations }),
        ...(o.templateFinalizers === undefined ? {} : { finalizers: o.templateFinalizers }),
      },
      spec: {
        restartPolicy: o.restartPolicy ?? 'Never',
        containers: [{ name: 'main', image: 'busybox:1.36' }],
        ...(o.initContainers === undefined ? {} : { initContainers: o.initContainers.map((n) => ({ name: n, image: 'busybox:1.36' })) }),
      },
    },
  }
  const j: Job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: o.uid ?? `uid-${name}`,
      resourceVersion: '10',
      generation: 1,
      creationTimestamp: ago(7200),
      labels: { app: name },
      ...(o.deleting === true ? { deletionTimestamp: ago(1) } : {}),
    },
    spec,
    status: o.status ?? {},
  }
  return deepFreeze(generateJobSelector(j))
}

/** A Job's pod states. */
export type Phase = 'Pending' | 'Running' | 'Succeeded' | 'Failed'

/** Options of `pod`. */
export interface PodOptions {
  /** The controller (`null`: an orphan). Default `job()`. */
  readonly owner?: Job | null
  /** Whose template labels the pod carries (default: the owner's, else `job()`'s); `labels` replaces them. */
  readonly labelsOf?: Job
  readonly labels?: Readonly<Record<string, string>>
  readonly phase?: Phase
  /** A `Ready=True` condition. */
  readonly ready?: boolean
  /** The completion index (annotation and label); a string for malformed ones. */
  readonly index?: number | string
  /** Carries the tracking finalizer (default true). */
  readonly tracked?: boolean
  /** Deletion requested `deletedAgo` seconds ago (default 1). */
  readonly deleting?: boolean
  readonly deletedAgo?: number
  readonly grace?: number
  readonly failureCount?: number | string
  readonly ignoredCount?: number | string
  /** The main container's exit code once terminated (default 0 when Succeeded, 1 when Failed). */
  readonly exitCode?: number
  /** When the main container finished, seconds ago (default 3600: long past every backoff); `null`: no `finishedAt`. */
  readonly finishedAgo?: number | null
  /** Replace the container statuses. */
  readonly containers?: ReadonlyArray<ContainerStatus>
  readonly initContainers?: ReadonlyArray<ContainerStatus>
  readonly conditions?: ReadonlyArray<Condition>
  readonly restarts?: number
  readonly createdAgo?: number
  /** The node (`null`: unscheduled). Default `n1`. */
  readonly node?: string | null
  readonly uid?: string
  readonly namespace?: string
}

/** The state of the main container of a pod in `phase`. */
const mainState = (phase: Phase, o: PodOptions): unknown => {
  if (phase === 'Running') return { running: { startedAt: ago(3000) } }
  if (phase === 'Pending') return { waiting: { reason: 'ContainerCreating' } }
  const finishedAgo = o.finishedAgo === undefined ? 3600 : o.finishedAgo
  return {
    terminated: {
      exitCode: o.exitCode ?? (phase === 'Succeeded' ? 0 : 1),
      ...(finishedAgo === null ? {} : { finishedAt: ago(finishedAgo) }),
    },
  }
}

/** A pod of `o.owner` (default `job()`) in the shape the API server and kubelet leave it. */
export const pod = (name: string, o: PodOptions = {}): Pod => {
  const owner = o.owner === undefined ? job() : o.owner
  const phase = o.phase ?? 'Running'
  const labelSource = o.labelsOf ?? owner ?? job()
  const index = o.index === undefined ? undefined : String(o.index)
  const labels = { ...(o.labels ?? labelSource.spec.template.metadata?.labels), ...(index === undefined ? {} : { [completionIndexKey]: index }) }
  const annotations = {
    ...(index === undefined ? {} : { [completionIndexKey]: index }),
    ...(o.failureCount === undefined ? {} : { [indexFailureCountKey]: String(o.failureCount) }),
    ...(o.ignoredCount === undefined ? {} : { [indexIgnoredFailureCountKey]: String(o.ignoredCount) }),
  }
  const node = o.node === undefined ? 'n1' : o.node
  return deepFreeze({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace: o.namespace ?? 'default',
      uid: o.uid ?? `uid-${name}`,
      resourceVersion: '5',
      creationTimestamp: ago(o.createdAgo ?? 3500),
      labels,
      ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
      ...(owner === null ? {} : { ownerReferences: [newControllerRef(owner)] }),
      ...(o.tracked === false ? {} : { finalizers: [trackingFinalizer] }),
      ...(o.deleting === true ? { deletionTimestamp: ago(o.deletedAgo ?? 1), deletionGracePeriodSeconds: o.grace ?? 30 } : {}),
    },
    spec: {
      restartPolicy: 'Never',
      containers: [{ name: 'main', image: 'busybox:1.36' }],
      ...(node === null ? {} : { nodeName: node }),
    },
    status: {
      phase,
      ...(o.conditions !== undefined
        ? { conditions: o.conditions }
        : o.ready === true
          ? { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(3000) }] }
          : {}),
      containerStatuses: o.containers ?? [{ name: 'main', restartCount: o.restarts ?? 0, state: mainState(phase, o) }],
      ...(o.initContainers === undefined ? {} : { initContainerStatuses: o.initContainers }),
    },
  })
}

/** A terminated container status (`finishedAgo` seconds ago; `null`: no finishedAt). */
export const terminated = (name: string, exitCode: number, finishedAgo: number | null = 3600): ContainerStatus => ({
  name,
  state: { terminated: { exitCode, ...(finishedAgo === null ? {} : { finishedAt: ago(finishedAgo) }) } },
})

/** A Job condition as the controller writes it at `time` (default now). */
export const cond = (type: string, status: 'True' | 'False', reason: string, message: string, time: string = nowIso): Condition => ({
  type,
  status,
  lastProbeTime: time,
  lastTransitionTime: time,
  reason,
  message,
})

/** Upstream's message of each failure reason. */
export const failureMessages = {
  BackoffLimitExceeded: 'Job has reached the specified backoff limit',
  DeadlineExceeded: 'Job was active longer than specified deadline',
  MaxFailedIndexesExceeded: 'Job has exceeded the specified maximal number of failed indexes',
  FailedIndexes: 'Job has failed indexes',
} as const

/** `FailureTarget` for a failure `reason`, with upstream's message. */
export const failureTarget = (reason: keyof typeof failureMessages, time?: string): Condition =>
  cond('FailureTarget', 'True', reason, failureMessages[reason], time)
/** `Failed` for a failure `reason`. */
export const failed = (reason: keyof typeof failureMessages, time?: string): Condition => cond('Failed', 'True', reason, failureMessages[reason], time)
/** `SuccessCriteriaMet` by completions. */
export const criteriaMet = (time?: string): Condition => cond('SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', time)
/** `Complete` by completions. */
export const complete = (time?: string): Condition => cond('Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods', time)

// -------------------------------------------------------------------------------------
// reading actions
// -------------------------------------------------------------------------------------

/** The actions of one tag. */
export const ofTag = <T extends Action['_tag']>(as: ReadonlyArray<Action>, tag: T): ReadonlyArray<Extract<Action, { _tag: T }>> =>
  as.filter((a): a is Extract<Action, { _tag: T }> => a._tag === tag)

/** The Job statuses written, in order. */
export const statuses = (as: ReadonlyArray<Action>): ReadonlyArray<JobStatus> =>
  ofTag(as, 'UpdateStatus').map((a) => (a.object as Job).status ?? {})

/** The last Job status written (`undefined`: none). */
export const lastStatus = (as: ReadonlyArray<Action>): JobStatus | undefined => statuses(as).at(-1)

/** The pods created. */
export const created = (as: ReadonlyArray<Action>): ReadonlyArray<Pod> =>
  ofTag(as, 'Create')
    .map((c) => c.object)
    .filter((o): o is Pod => o.kind === 'Pod')

/** The completion indexes of the pods created. */
export const createdIndexes = (as: ReadonlyArray<Action>): ReadonlyArray<string | undefined> =>
  created(as).map((p) => p.metadata.annotations?.[completionIndexKey])

/** The names of the pods deleted. */
export const deleted = (as: ReadonlyArray<Action>): ReadonlyArray<string> =>
  ofTag(as, 'Delete')
    .filter((d) => d.target.kind === 'Pod')
    .map((d) => d.target.name)

/** The names of the pods whose tracking finalizer an update removes. */
export const unfinalized = (as: ReadonlyArray<Action>): ReadonlyArray<string> =>
  ofTag(as, 'Update')
    .map((u) => u.object)
    .filter((o) => o.kind === 'Pod' && !(o.metadata.finalizers ?? []).includes(trackingFinalizer))
    .map((o) => o.metadata.name ?? '')

/** The events, as `type reason: message`. */
export const events = (as: ReadonlyArray<Action>): ReadonlyArray<string> =>
  ofTag(as, 'Event').map((e) => `${e.type} ${e.reason}: ${e.message}`)

/** The requeue delays (seconds). */
export const requeues = (as: ReadonlyArray<Action>): ReadonlyArray<number> => ofTag(as, 'RequeueAfter').map((r) => r.seconds)

/** A one-line outline of each action, in order: `UpdateStatus!`, `Update pod!`, `Delete pod`, `Create pi-`, `Event Reason`, `Requeue 10` (`!`: required). */
export const outline = (as: ReadonlyArray<Action>): ReadonlyArray<string> =>
  as.map((a) => {
    const req = 'required' in a && a.required === true ? '!' : ''
    switch (a._tag) {
      case 'Create':
        return `Create ${a.object.metadata.generateName ?? a.object.metadata.name ?? ''}${req}`
      case 'Update':
        return `Update ${a.object.metadata.name ?? ''}${req}`
      case 'UpdateStatus':
        return `UpdateStatus${req}`
      case 'Delete':
        return `Delete ${a.target.name}${req}`
      case 'Event':
        return `Event ${a.reason}`
      case 'RequeueAfter':
        return `Requeue ${a.seconds}`
    }
  })
