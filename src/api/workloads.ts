/**
 * The workload kinds: ReplicaSet, ReplicationController, Deployment, StatefulSet, DaemonSet,
 * Job and CronJob, as io-ts codecs with derived types.
 */
import * as t from 'io-ts'
import { Condition, IntOrString, LabelSelector, ObjectMeta, StringMap, Time } from './meta.js'
import { PodTemplateSpec } from './pod.js'

const workload = <K extends string, V extends string, S extends t.Mixed, St extends t.Mixed>(
  apiVersion: V,
  kind: K,
  spec: S,
  status: St,
) =>
  t.readonly(
    t.intersection([
      t.type({ apiVersion: t.literal(apiVersion), kind: t.literal(kind), metadata: ObjectMeta, spec }),
      t.partial({ status }),
    ]),
  )

// -------------------------------------------------------------------------------------
// ReplicaSet and ReplicationController
// -------------------------------------------------------------------------------------

/** ReplicaSet spec. */
export const ReplicaSetSpec = t.readonly(
  t.intersection([
    t.type({ selector: LabelSelector }),
    t.partial({ replicas: t.number, minReadySeconds: t.number, template: PodTemplateSpec }),
  ]),
)
/** ReplicaSet spec. */
export type ReplicaSetSpec = t.TypeOf<typeof ReplicaSetSpec>

/** ReplicaSet / ReplicationController status. */
export const ReplicaSetStatus = t.readonly(
  t.partial({
    replicas: t.number,
    fullyLabeledReplicas: t.number,
    readyReplicas: t.number,
    availableReplicas: t.number,
    terminatingReplicas: t.number,
    observedGeneration: t.number,
    conditions: t.readonlyArray(Condition),
  }),
)
/** ReplicaSet / ReplicationController status. */
export type ReplicaSetStatus = t.TypeOf<typeof ReplicaSetStatus>

/** A ReplicaSet (`apps/v1`). */
export const ReplicaSet = workload('apps/v1', 'ReplicaSet', ReplicaSetSpec, ReplicaSetStatus)
/** A ReplicaSet (`apps/v1`). */
export type ReplicaSet = t.TypeOf<typeof ReplicaSet>

/** ReplicationController spec: an equality-only selector map. */
export const ReplicationControllerSpec = t.readonly(
  t.partial({
    replicas: t.number,
    minReadySeconds: t.number,
    selector: StringMap,
    template: PodTemplateSpec,
  }),
)
/** ReplicationController spec. */
export type ReplicationControllerSpec = t.TypeOf<typeof ReplicationControllerSpec>

/** A ReplicationController (`v1`). */
export const ReplicationController = workload('v1', 'ReplicationController', ReplicationControllerSpec, ReplicaSetStatus)
/** A ReplicationController (`v1`). */
export type ReplicationController = t.TypeOf<typeof ReplicationController>

// -------------------------------------------------------------------------------------
// Deployment
// -------------------------------------------------------------------------------------

/** Deployment strategy (`spec.strategy`). */
export const DeploymentStrategy = t.readonly(
  t.partial({
    type: t.string,
    rollingUpdate: t.readonly(t.partial({ maxSurge: IntOrString, maxUnavailable: IntOrString })),
  }),
)
/** Deployment strategy. */
export type DeploymentStrategy = t.TypeOf<typeof DeploymentStrategy>

/** Deployment spec. */
export const DeploymentSpec = t.readonly(
  t.intersection([
    t.type({ selector: LabelSelector, template: PodTemplateSpec }),
    t.partial({
      replicas: t.number,
      strategy: DeploymentStrategy,
      minReadySeconds: t.number,
      revisionHistoryLimit: t.number,
      paused: t.boolean,
      progressDeadlineSeconds: t.number,
    }),
  ]),
)
/** Deployment spec. */
export type DeploymentSpec = t.TypeOf<typeof DeploymentSpec>

/** Deployment status. */
export const DeploymentStatus = t.readonly(
  t.partial({
    observedGeneration: t.number,
    replicas: t.number,
    updatedReplicas: t.number,
    readyReplicas: t.number,
    availableReplicas: t.number,
    unavailableReplicas: t.number,
    terminatingReplicas: t.number,
    conditions: t.readonlyArray(Condition),
    collisionCount: t.number,
  }),
)
/** Deployment status. */
export type DeploymentStatus = t.TypeOf<typeof DeploymentStatus>

/** A Deployment (`apps/v1`). */
export const Deployment = workload('apps/v1', 'Deployment', DeploymentSpec, DeploymentStatus)
/** A Deployment (`apps/v1`). */
export type Deployment = t.TypeOf<typeof Deployment>

// -------------------------------------------------------------------------------------
// StatefulSet
// -------------------------------------------------------------------------------------

/** StatefulSet spec. */
export const StatefulSetSpec = t.readonly(
  t.intersection([
    t.type({ selector: LabelSelector, template: PodTemplateSpec }),
    t.partial({
      replicas: t.number,
      serviceName: t.string,
      podManagementPolicy: t.string,
      updateStrategy: t.readonly(
        t.partial({
          type: t.string,
          rollingUpdate: t.readonly(t.partial({ partition: t.number, maxUnavailable: IntOrString })),
        }),
      ),
      revisionHistoryLimit: t.number,
      minReadySeconds: t.number,
      volumeClaimTemplates: t.readonlyArray(t.unknown),
      persistentVolumeClaimRetentionPolicy: t.readonly(
        t.partial({ whenDeleted: t.string, whenScaled: t.string }),
      ),
      ordinals: t.readonly(t.partial({ start: t.number })),
    }),
  ]),
)
/** StatefulSet spec. */
export type StatefulSetSpec = t.TypeOf<typeof StatefulSetSpec>

/** StatefulSet status. */
export const StatefulSetStatus = t.readonly(
  t.partial({
    observedGeneration: t.number,
    replicas: t.number,
    readyReplicas: t.number,
    currentReplicas: t.number,
    updatedReplicas: t.number,
    availableReplicas: t.number,
    currentRevision: t.string,
    updateRevision: t.string,
    collisionCount: t.number,
    conditions: t.readonlyArray(Condition),
  }),
)
/** StatefulSet status. */
export type StatefulSetStatus = t.TypeOf<typeof StatefulSetStatus>

/** A StatefulSet (`apps/v1`). */
export const StatefulSet = workload('apps/v1', 'StatefulSet', StatefulSetSpec, StatefulSetStatus)
/** A StatefulSet (`apps/v1`). */
export type StatefulSet = t.TypeOf<typeof StatefulSet>

// -------------------------------------------------------------------------------------
// DaemonSet
// -------------------------------------------------------------------------------------

/** DaemonSet spec. */
export const DaemonSetSpec = t.readonly(
  t.intersection([
    t.type({ selector: LabelSelector, template: PodTemplateSpec }),
    t.partial({
      updateStrategy: t.readonly(
        t.partial({
          type: t.string,
          rollingUpdate: t.readonly(t.partial({ maxUnavailable: IntOrString, maxSurge: IntOrString })),
        }),
      ),
      minReadySeconds: t.number,
      revisionHistoryLimit: t.number,
    }),
  ]),
)
/** DaemonSet spec. */
export type DaemonSetSpec = t.TypeOf<typeof DaemonSetSpec>

/** DaemonSet status. */
export const DaemonSetStatus = t.readonly(
  t.partial({
    currentNumberScheduled: t.number,
    numberMisscheduled: t.number,
    desiredNumberScheduled: t.number,
    numberReady: t.number,
    observedGeneration: t.number,
    updatedNumberScheduled: t.number,
    numberAvailable: t.number,
    numberUnavailable: t.number,
    collisionCount: t.number,
    conditions: t.readonlyArray(Condition),
  }),
)
/** DaemonSet status. */
export type DaemonSetStatus = t.TypeOf<typeof DaemonSetStatus>

/** A DaemonSet (`apps/v1`). */
export const DaemonSet = workload('apps/v1', 'DaemonSet', DaemonSetSpec, DaemonSetStatus)
/** A DaemonSet (`apps/v1`). */
export type DaemonSet = t.TypeOf<typeof DaemonSet>

// -------------------------------------------------------------------------------------
// Job and CronJob
// -------------------------------------------------------------------------------------

/** A pod failure policy rule's exit-code requirement. */
export const PodFailurePolicyOnExitCodesRequirement = t.readonly(
  t.intersection([
    t.type({ operator: t.string, values: t.readonlyArray(t.number) }),
    t.partial({ containerName: t.string }),
  ]),
)
/** A pod failure policy rule's exit-code requirement. */
export type PodFailurePolicyOnExitCodesRequirement = t.TypeOf<typeof PodFailurePolicyOnExitCodesRequirement>

/** A pod failure policy rule's pod-condition pattern (status defaults to True). */
export const PodFailurePolicyOnPodConditionsPattern = t.readonly(t.intersection([t.type({ type: t.string }), t.partial({ status: t.string })]))
/** A pod failure policy rule's pod-condition pattern (status defaults to True). */
export type PodFailurePolicyOnPodConditionsPattern = t.TypeOf<typeof PodFailurePolicyOnPodConditionsPattern>

/** One rule of a Job's pod failure policy. */
export const PodFailurePolicyRule = t.readonly(
  t.intersection([
    t.type({ action: t.string }),
    t.partial({
      onExitCodes: PodFailurePolicyOnExitCodesRequirement,
      onPodConditions: t.readonlyArray(PodFailurePolicyOnPodConditionsPattern),
    }),
  ]),
)
/** One rule of a Job's pod failure policy. */
export type PodFailurePolicyRule = t.TypeOf<typeof PodFailurePolicyRule>

/** A Job's pod failure policy. */
export const PodFailurePolicy = t.readonly(t.type({ rules: t.readonlyArray(PodFailurePolicyRule) }))
/** A Job's pod failure policy. */
export type PodFailurePolicy = t.TypeOf<typeof PodFailurePolicy>

/** One rule of an Indexed Job's success policy. */
export const SuccessPolicyRule = t.readonly(t.partial({ succeededIndexes: t.string, succeededCount: t.number }))
/** One rule of an Indexed Job's success policy. */
export type SuccessPolicyRule = t.TypeOf<typeof SuccessPolicyRule>

/** An Indexed Job's success policy. */
export const SuccessPolicy = t.readonly(t.type({ rules: t.readonlyArray(SuccessPolicyRule) }))
/** An Indexed Job's success policy. */
export type SuccessPolicy = t.TypeOf<typeof SuccessPolicy>

/** The uids of terminated pods whose finalizer removal the Job controller has not yet accounted. */
export const UncountedTerminatedPods = t.readonly(
  t.partial({ succeeded: t.readonlyArray(t.string), failed: t.readonlyArray(t.string) }),
)
/** The uids of terminated pods whose finalizer removal the Job controller has not yet accounted. */
export type UncountedTerminatedPods = t.TypeOf<typeof UncountedTerminatedPods>

/** Job spec. */
export const JobSpec = t.readonly(
  t.intersection([
    t.type({ template: PodTemplateSpec }),
    t.partial({
      parallelism: t.number,
      completions: t.number,
      activeDeadlineSeconds: t.number,
      backoffLimit: t.number,
      backoffLimitPerIndex: t.number,
      maxFailedIndexes: t.number,
      selector: LabelSelector,
      manualSelector: t.boolean,
      ttlSecondsAfterFinished: t.number,
      completionMode: t.string,
      suspend: t.boolean,
      podReplacementPolicy: t.string,
      podFailurePolicy: PodFailurePolicy,
      successPolicy: SuccessPolicy,
      managedBy: t.string,
    }),
  ]),
)
/** Job spec. */
export type JobSpec = t.TypeOf<typeof JobSpec>

/** Job status. */
export const JobStatus = t.readonly(
  t.partial({
    conditions: t.readonlyArray(Condition),
    startTime: Time,
    completionTime: Time,
    active: t.number,
    succeeded: t.number,
    failed: t.number,
    terminating: t.number,
    ready: t.number,
    completedIndexes: t.string,
    failedIndexes: t.string,
    uncountedTerminatedPods: UncountedTerminatedPods,
  }),
)
/** Job status. */
export type JobStatus = t.TypeOf<typeof JobStatus>

/** A Job (`batch/v1`). */
export const Job = workload('batch/v1', 'Job', JobSpec, JobStatus)
/** A Job (`batch/v1`). */
export type Job = t.TypeOf<typeof Job>

/** CronJob spec. */
export const CronJobSpec = t.readonly(
  t.intersection([
    t.type({
      schedule: t.string,
      jobTemplate: t.readonly(t.intersection([t.partial({ metadata: ObjectMeta }), t.type({ spec: JobSpec })])),
    }),
    t.partial({
      timeZone: t.string,
      startingDeadlineSeconds: t.number,
      concurrencyPolicy: t.string,
      suspend: t.boolean,
      successfulJobsHistoryLimit: t.number,
      failedJobsHistoryLimit: t.number,
    }),
  ]),
)
/** CronJob spec. */
export type CronJobSpec = t.TypeOf<typeof CronJobSpec>

/** CronJob status. */
export const CronJobStatus = t.readonly(
  t.partial({
    active: t.readonlyArray(t.unknown),
    lastScheduleTime: Time,
    lastSuccessfulTime: Time,
  }),
)
/** CronJob status. */
export type CronJobStatus = t.TypeOf<typeof CronJobStatus>

/** A CronJob (`batch/v1`). */
export const CronJob = workload('batch/v1', 'CronJob', CronJobSpec, CronJobStatus)
/** A CronJob (`batch/v1`). */
export type CronJob = t.TypeOf<typeof CronJob>
