/**
 * The API server's defaults (core/v1, apps/v1 and batch/v1 `SetDefaults_*`), applied to a
 * structurally decoded object. Pure: the result is a new object and the input is untouched.
 * Fields that are already set are kept; for string fields an empty string counts as unset,
 * as in upstream's Go code. Admission plugins (default tolerations, service accounts) and
 * what the API server fills in on create (uid, generated Job selector) are not defaults and
 * are left to the simulation.
 */
import { maxInt32 as MAX_INT32 } from './limits.js'
import type { ObjectMeta, StringMap } from './meta.js'
import type { Kind, KubeObject } from './object.js'
import { isKind, kinds } from './object.js'
import { genericDefaults } from './generic.js'
import type { GenericObject } from './generic.js'
import type { Container, Pod, PodSpec, PodTemplateSpec } from './pod.js'
import type { ControllerRevision, Node, PersistentVolumeClaim } from './node.js'
import type {
  CronJob,
  DaemonSet,
  Deployment,
  Job,
  ReplicaSet,
  ReplicationController,
  StatefulSet,
} from './workloads.js'

type Untyped = Readonly<Record<string, unknown>>

const isRecord = (v: unknown): v is Untyped => typeof v === 'object' && v !== null && !Array.isArray(v)
const str = (v: string | undefined, d: string): string => (v === undefined || v === '' ? d : v)
const isEmpty = (m: StringMap | undefined): boolean => m === undefined || Object.keys(m).length === 0


// -------------------------------------------------------------------------------------
// containers and pods (core/v1)
// -------------------------------------------------------------------------------------

/**
 * The default `imagePullPolicy` of a container (upstream's `SetDefaults_Container`): `Always`
 * when the image's tag is `latest` or it has neither tag nor digest, else `IfNotPresent`.
 */
export const imagePullPolicyFor = (image: string | undefined): 'Always' | 'IfNotPresent' => {
  if (image === undefined || image === '') return 'IfNotPresent'
  const at = image.indexOf('@')
  const named = at < 0 ? image : image.slice(0, at)
  const lastPart = named.slice(named.lastIndexOf('/') + 1)
  const colon = lastPart.lastIndexOf(':')
  const tag = colon < 0 ? undefined : lastPart.slice(colon + 1)
  return tag === 'latest' || (tag === undefined && at < 0) ? 'Always' : 'IfNotPresent'
}

/** An int field that upstream defaults when it is zero (a Go non-pointer int). */
const nonZero = (v: unknown, d: number): unknown => (v === undefined || v === 0 ? d : v)

const probe = (p: unknown): unknown => {
  if (!isRecord(p)) return p
  const httpGet = p['httpGet']
  return {
    ...p,
    timeoutSeconds: nonZero(p['timeoutSeconds'], 1),
    periodSeconds: nonZero(p['periodSeconds'], 10),
    successThreshold: nonZero(p['successThreshold'], 1),
    failureThreshold: nonZero(p['failureThreshold'], 3),
    ...(isRecord(httpGet)
      ? { httpGet: { ...httpGet, path: httpGet['path'] || '/', scheme: httpGet['scheme'] || 'HTTP' } }
      : {}),
  }
}

const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const

const withProbes = (c: Container): Container => {
  const untyped: Untyped = c
  if (!PROBES.some((k) => untyped[k] !== undefined)) return c
  return { ...c, ...Object.fromEntries(PROBES.filter((k) => untyped[k] !== undefined).map((k) => [k, probe(untyped[k])])) }
}

const container = (c: Container): Container => ({
  ...withProbes(c),
  imagePullPolicy: str(c.imagePullPolicy, imagePullPolicyFor(c.image)),
  terminationMessagePath: str(c.terminationMessagePath, '/dev/termination-log'),
  terminationMessagePolicy: str(c.terminationMessagePolicy, 'File'),
  ...(c.ports === undefined
    ? {}
    : { ports: c.ports.map((p) => (isRecord(p) ? { ...p, protocol: p['protocol'] || 'TCP' } : p)) }),
})

/** Requests default to limits for each resource that has a limit but no request (`SetDefaults_Pod`). */
const requestsFromLimits = (c: Container): Container => {
  const r = c.resources
  if (!isRecord(r) || !isRecord(r['limits'])) return c
  const requests = isRecord(r['requests']) ? r['requests'] : {}
  return { ...c, resources: { ...r, requests: { ...r['limits'], ...requests } } }
}

const podContainer = (c: Container): Container => requestsFromLimits(container(c))

/**
 * `SetDefaults_PodSpec` with `containerDefaults` applied to every (init) container: what every
 * pod and pod template gets.
 */
const podSpec = (s: PodSpec, containerDefaults: (c: Container) => Container = container): PodSpec => ({
  ...s,
  containers: s.containers.map(containerDefaults),
  ...(s.initContainers === undefined ? {} : { initContainers: s.initContainers.map(containerDefaults) }),
  restartPolicy: str(s.restartPolicy, 'Always'),
  terminationGracePeriodSeconds: s.terminationGracePeriodSeconds ?? 30,
  dnsPolicy: str(s.dnsPolicy, 'ClusterFirst'),
  schedulerName: str(s.schedulerName, 'default-scheduler'),
  securityContext: s.securityContext ?? {},
})

const podTemplate = (t: PodTemplateSpec): PodTemplateSpec => ({ ...t, spec: podSpec(t.spec) })

/** A pod gets the pod-spec defaults plus `SetDefaults_Pod`'s: requests from limits, service links. */
const pod = (p: Pod): Pod => ({ ...p, spec: podSpecDefaults(p.spec) })

/** @internal A pod's spec defaults (a function of the spec alone). */
export const podSpecDefaults = (s: PodSpec): PodSpec => {
  const spec = podSpec(s, podContainer)
  return { ...spec, enableServiceLinks: spec.enableServiceLinks ?? true }
}

// -------------------------------------------------------------------------------------
// other core/v1 kinds
// -------------------------------------------------------------------------------------

const node = (n: Node): Node =>
  n.status?.capacity !== undefined && n.status.allocatable === undefined
    ? { ...n, status: { ...n.status, allocatable: n.status.capacity } }
    : n

const persistentVolumeClaim = (c: PersistentVolumeClaim): PersistentVolumeClaim => ({
  ...c,
  ...(c.spec === undefined ? {} : { spec: { ...c.spec, volumeMode: str(c.spec.volumeMode, 'Filesystem') } }),
  status: { ...c.status, phase: str(c.status?.phase, 'Pending') },
})

/** RC: the selector and the object's labels default to the template labels (`SetDefaults_ReplicationController`). */
const replicationController = (rc: ReplicationController): ReplicationController => {
  const s = rc.spec
  const templateLabels = s.template?.metadata?.labels
  const fromTemplate = templateLabels !== undefined && !isEmpty(templateLabels)
  return {
    ...rc,
    metadata:
      fromTemplate && isEmpty(rc.metadata.labels) ? { ...rc.metadata, labels: templateLabels } : rc.metadata,
    spec: {
      ...s,
      ...(fromTemplate && isEmpty(s.selector) ? { selector: templateLabels } : {}),
      replicas: s.replicas ?? 1,
      minReadySeconds: s.minReadySeconds ?? 0,
      ...(s.template === undefined ? {} : { template: podTemplate(s.template) }),
    },
  }
}

// -------------------------------------------------------------------------------------
// apps/v1
// -------------------------------------------------------------------------------------

const replicaSet = (rs: ReplicaSet): ReplicaSet => ({
  ...rs,
  spec: {
    ...rs.spec,
    replicas: rs.spec.replicas ?? 1,
    minReadySeconds: rs.spec.minReadySeconds ?? 0,
    ...(rs.spec.template === undefined ? {} : { template: podTemplate(rs.spec.template) }),
  },
})

const deployment = (d: Deployment): Deployment => {
  const s = d.spec
  const type = str(s.strategy?.type, 'RollingUpdate')
  const rollingUpdate =
    type === 'RollingUpdate'
      ? {
          ...s.strategy?.rollingUpdate,
          maxUnavailable: s.strategy?.rollingUpdate?.maxUnavailable ?? '25%',
          maxSurge: s.strategy?.rollingUpdate?.maxSurge ?? '25%',
        }
      : s.strategy?.rollingUpdate
  return {
    ...d,
    spec: {
      ...s,
      replicas: s.replicas ?? 1,
      strategy: { ...s.strategy, type, ...(rollingUpdate === undefined ? {} : { rollingUpdate }) },
      minReadySeconds: s.minReadySeconds ?? 0,
      revisionHistoryLimit: s.revisionHistoryLimit ?? 10,
      progressDeadlineSeconds: s.progressDeadlineSeconds ?? 600,
      template: podTemplate(s.template),
    },
  }
}

/**
 * StatefulSet: only an unset strategy type gets `rollingUpdate: {}`; `partition: 0` is added
 * only when the type is RollingUpdate and a `rollingUpdate` block exists (MaxUnavailable gate off).
 */
const statefulSet = (ss: StatefulSet): StatefulSet => {
  const s = ss.spec
  const typeUnset = str(s.updateStrategy?.type, '') === ''
  const type = typeUnset ? 'RollingUpdate' : (s.updateStrategy?.type ?? 'RollingUpdate')
  const block = s.updateStrategy?.rollingUpdate ?? (typeUnset ? {} : undefined)
  const rollingUpdate =
    type === 'RollingUpdate' && block !== undefined ? { ...block, partition: block.partition ?? 0 } : block
  const retention = s.persistentVolumeClaimRetentionPolicy
  return {
    ...ss,
    spec: {
      ...s,
      replicas: s.replicas ?? 1,
      podManagementPolicy: str(s.podManagementPolicy, 'OrderedReady'),
      updateStrategy: { ...s.updateStrategy, type, ...(rollingUpdate === undefined ? {} : { rollingUpdate }) },
      revisionHistoryLimit: s.revisionHistoryLimit ?? 10,
      minReadySeconds: s.minReadySeconds ?? 0,
      persistentVolumeClaimRetentionPolicy: {
        ...retention,
        whenDeleted: str(retention?.whenDeleted, 'Retain'),
        whenScaled: str(retention?.whenScaled, 'Retain'),
      },
      template: podTemplate(s.template),
    },
  }
}

const daemonSet = (ds: DaemonSet): DaemonSet => {
  const s = ds.spec
  const type = str(s.updateStrategy?.type, 'RollingUpdate')
  const rollingUpdate =
    type === 'RollingUpdate'
      ? {
          ...s.updateStrategy?.rollingUpdate,
          maxUnavailable: s.updateStrategy?.rollingUpdate?.maxUnavailable ?? 1,
          maxSurge: s.updateStrategy?.rollingUpdate?.maxSurge ?? 0,
        }
      : s.updateStrategy?.rollingUpdate
  return {
    ...ds,
    spec: {
      ...s,
      updateStrategy: { ...s.updateStrategy, type, ...(rollingUpdate === undefined ? {} : { rollingUpdate }) },
      revisionHistoryLimit: s.revisionHistoryLimit ?? 10,
      minReadySeconds: s.minReadySeconds ?? 0,
      template: podTemplate(s.template),
    },
  }
}

// -------------------------------------------------------------------------------------
// batch/v1
// -------------------------------------------------------------------------------------

/** `SetDefaults_Job` (the generated selector and labels need the uid, so the API server adds them on create). */
const job = (j: Job): Job => {
  const s = j.spec
  const bothUnset = s.completions === undefined && s.parallelism === undefined
  const templateLabels = s.template.metadata?.labels
  return {
    ...j,
    metadata:
      isEmpty(j.metadata.labels) && templateLabels !== undefined && !isEmpty(templateLabels)
        ? { ...j.metadata, labels: templateLabels }
        : j.metadata,
    spec: {
      ...s,
      ...(bothUnset ? { completions: 1 } : {}),
      parallelism: s.parallelism ?? 1,
      backoffLimit: s.backoffLimit ?? (s.backoffLimitPerIndex === undefined ? 6 : MAX_INT32),
      completionMode: str(s.completionMode, 'NonIndexed'),
      suspend: s.suspend ?? false,
      manualSelector: s.manualSelector ?? false,
      podReplacementPolicy: str(s.podReplacementPolicy, s.podFailurePolicy === undefined ? 'TerminatingOrFailed' : 'Failed'),
      ...(s.podFailurePolicy === undefined
        ? {}
        : {
            podFailurePolicy: {
              rules: s.podFailurePolicy.rules.map((r) =>
                r.onPodConditions === undefined ? r : { ...r, onPodConditions: r.onPodConditions.map((c) => ({ ...c, status: str(c.status, 'True') })) },
              ),
            },
          }),
      template: podTemplate(s.template),
    },
  }
}

/** `SetDefaults_CronJob`; the job template gets only the pod defaults (Job defaults apply when a Job is made). */
const cronJob = (c: CronJob): CronJob => {
  const s = c.spec
  return {
    ...c,
    spec: {
      ...s,
      concurrencyPolicy: str(s.concurrencyPolicy, 'Allow'),
      suspend: s.suspend ?? false,
      successfulJobsHistoryLimit: s.successfulJobsHistoryLimit ?? 3,
      failedJobsHistoryLimit: s.failedJobsHistoryLimit ?? 1,
      jobTemplate: {
        ...s.jobTemplate,
        spec: { ...s.jobTemplate.spec, template: podTemplate(s.jobTemplate.spec.template) },
      },
    },
  }
}

const controllerRevision = (r: ControllerRevision): ControllerRevision => r

// -------------------------------------------------------------------------------------
// applyDefaults
// -------------------------------------------------------------------------------------

type Defaulters = { readonly [K in Kind]: (o: Extract<KubeObject, { readonly kind: K }>) => Extract<KubeObject, { readonly kind: K }> }

const defaulters: Defaulters = {
  Pod: pod,
  Node: node,
  PersistentVolumeClaim: persistentVolumeClaim,
  ControllerRevision: controllerRevision,
  ReplicaSet: replicaSet,
  ReplicationController: replicationController,
  Deployment: deployment,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Job: job,
  CronJob: cronJob,
}

const withNamespace = (m: ObjectMeta, namespaced: boolean): ObjectMeta =>
  namespaced && str(m.namespace, '') === '' ? { ...m, namespace: 'default' } : m

/**
 * The object as the API server would store it: the per-kind defaults of core/v1, apps/v1 and
 * batch/v1 (e.g. a Deployment's `replicas: 1`, `strategy` RollingUpdate with `25%`/`25%`,
 * `revisionHistoryLimit: 10`, `progressDeadlineSeconds: 600`), pod-template defaults and
 * namespace `default` for namespaced kinds. Idempotent; never mutates `obj`.
 */
export const applyDefaults = <A extends KubeObject>(obj: A): A => {
  const kind = obj.kind
  if (!isKind(kind)) return genericDefaults(obj as GenericObject) as A
  const defaulted = (defaulters[kind] as (o: KubeObject) => KubeObject)(obj)
  return { ...defaulted, metadata: withNamespace(defaulted.metadata, kinds[kind].namespaced) } as A
}
