/**
 * Per-kind API-server behaviour in one table, as upstream's `pkg/registry/<group>/<kind>/strategy.go`:
 * the status a new object starts with, what a status write keeps from the stored object, the
 * default deletion propagation, the graceful-deletion period, and what admission adds on create.
 * Kinds without a codec get the generic strategy: the metadata validated as for every object,
 * no other defaults, the status stored as sent, Background deletion, no grace period; the
 * built-in ones (a Service, a ClusterRole) with their scope, custom resources with the namespace
 * as sent.
 */
import type { ObjectMeta } from './meta.js'
import type { Kind, KubeObject, ObjectOfKind } from './object.js'
import { isKind, kinds } from './object.js'
import { builtinKinds } from './generic.js'
import { applyDefaults, podSpecDefaults } from './defaults.js'
import type { FieldIssue } from './DecodeError.js'
import { podIssuesBesidesSpec, podSpecIssues, validate as validateObject } from './validate.js'
import type { Pod, PodSpec, Toleration } from './pod.js'
import type { Job } from './workloads.js'

/** How dependents are deleted with their owner (upstream `DeletionPropagation`). */
export type PropagationPolicy = 'Orphan' | 'Background' | 'Foreground'

/** The metadata fields a status write takes from the stored object rather than from the sent one. */
export type StatusResetField = keyof Pick<ObjectMeta, 'labels' | 'ownerReferences'>

/** What the API server does for one kind. */
export interface KindStrategy<O extends KubeObject = KubeObject> {
  /** The namespace an object given `namespace` lives in: `default` when a namespaced kind has none; none for a cluster-scoped kind. */
  readonly namespaceOf: (namespace: string | undefined) => string | undefined
  /** The API server's defaults (upstream `SetDefaults_*`). */
  readonly defaults: (object: O) => O
  /** What the API server's validation rejects (empty when valid). */
  readonly validate: (object: O) => ReadonlyArray<FieldIssue>
  /** The status a created object starts with (upstream `PrepareForCreate`); `undefined`: none. */
  readonly initialStatus: (object: O) => unknown
  /** What a status write keeps from the stored object's metadata (upstream `PrepareForUpdate` of the status strategy). */
  readonly statusKeeps: ReadonlyArray<StatusResetField>
  /** The propagation a delete without one gets (upstream `DefaultGarbageCollectionPolicy`). */
  readonly defaultPropagation: PropagationPolicy
  /** The grace period (seconds) of a delete: 0 deletes at once (upstream `CheckGracefulDelete`). */
  readonly gracePeriod: (object: O) => number
  /** What admission and create preparation add (default tolerations, generated Job selectors). */
  readonly admit: (object: O) => O
  /**
   * For kinds whose spec defaults, admission and validation depend on the spec alone (pods):
   * those three on the spec, and the validation of the rest, so that the API server can reuse
   * them for every object created from the same spec (a controller's template).
   */
  readonly spec?: SpecStrategy
}

/** The spec-only part of a strategy (see `KindStrategy.spec`). */
export interface SpecStrategy {
  /** Defaults, then admission, of a spec. */
  readonly prepare: (spec: never) => unknown
  /** What validation rejects in a prepared spec. */
  readonly issues: (spec: never) => ReadonlyArray<FieldIssue>
  /** What validation rejects outside the spec. */
  readonly rest: (object: never) => ReadonlyArray<FieldIssue>
}

const same = <O>(o: O): O => o
const valid = (): ReadonlyArray<FieldIssue> => []
const asGiven = (ns: string | undefined): string | undefined => (ns === '' ? undefined : ns)
const namespaced = (ns: string | undefined): string | undefined => (ns === undefined || ns === '' ? 'default' : ns)
const clusterScoped = (): undefined => undefined
const none = (): undefined => undefined
const noGrace = (): number => 0

/** The generic strategy, with `over` replacing some of its parts. */
const strategy = <O extends KubeObject>(over: Partial<KindStrategy<O>> = {}): KindStrategy<O> => ({
  namespaceOf: asGiven,
  defaults: same,
  validate: valid,
  initialStatus: none,
  statusKeeps: [],
  defaultPropagation: 'Background',
  gracePeriod: noGrace,
  admit: same,
  ...over,
})

const statusAsSent = (o: KubeObject): unknown => (o as { readonly status?: unknown }).status

/**
 * The generic strategy: every kind without a codec. Its metadata is validated as for every
 * object (`validate`), the status is stored as sent, nothing else is defaulted or checked;
 * custom resources keep the namespace as given (their scope is their CustomResourceDefinition's).
 */
export const genericStrategy: KindStrategy = strategy({ validate: validateObject, initialStatus: statusAsSent })

/** The generic strategy of a namespaced built-in kind without a codec (a Service, a ConfigMap). */
const namespacedGeneric: KindStrategy = strategy({ validate: validateObject, initialStatus: statusAsSent, namespaceOf: namespaced })

/** The generic strategy of a cluster-scoped built-in kind without a codec (a ClusterRole, a StorageClass). */
const clusterGeneric: KindStrategy = strategy({ validate: validateObject, initialStatus: statusAsSent, namespaceOf: clusterScoped })

/** The taint key node lifecycle puts on a node that reports NotReady. */
export const notReadyTaint = 'node.kubernetes.io/not-ready'
/** The taint key node lifecycle puts on a node that stopped reporting. */
export const unreachableTaint = 'node.kubernetes.io/unreachable'

/**
 * The DefaultTolerationSeconds admission plugin: tolerate the not-ready and unreachable
 * NoExecute taints for 300 s unless the pod already tolerates them.
 */
export const defaultTolerations = (pod: Pod): Pod => {
  const spec = specTolerations(pod.spec)
  return spec === pod.spec ? pod : { ...pod, spec }
}

/** `defaultTolerations` on a pod spec (the same spec when it adds nothing). */
const specTolerations = (spec: PodSpec): PodSpec => {
  const tols = spec.tolerations ?? []
  const tolerates = (key: string): boolean =>
    tols.some((t) => ((t.key ?? '') === key || (t.key ?? '') === '') && ((t.effect ?? '') === 'NoExecute' || (t.effect ?? '') === ''))
  const add: Array<Toleration> = []
  for (const key of [notReadyTaint, unreachableTaint]) {
    if (!tolerates(key)) add.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 })
  }
  return add.length === 0 ? spec : { ...spec, tolerations: [...tols, ...add] }
}

/** The labels the API server puts on a Job's pod template, and the one its generated selector uses. */
export const jobLabels = {
  controllerUid: 'batch.kubernetes.io/controller-uid',
  legacyControllerUid: 'controller-uid',
  jobName: 'batch.kubernetes.io/job-name',
  legacyJobName: 'job-name',
} as const

/**
 * A Job without `manualSelector: true` gets its selector generated (upstream `generateSelector`):
 * the template is labelled with the job's uid and name, the selector matches the uid label.
 */
export const generateJobSelector = (job: Job): Job => {
  if (job.spec.manualSelector === true) return job
  const uid = job.metadata.uid ?? ''
  const name = job.metadata.name ?? ''
  const labels = job.spec.template.metadata?.labels ?? {}
  const add: Record<string, string> = {}
  for (const k of [jobLabels.legacyJobName, jobLabels.jobName]) if (!(k in labels)) add[k] = name
  for (const k of [jobLabels.legacyControllerUid, jobLabels.controllerUid]) if (!(k in labels)) add[k] = uid
  const match = job.spec.selector?.matchLabels ?? {}
  return {
    ...job,
    spec: {
      ...job.spec,
      selector: {
        ...job.spec.selector,
        matchLabels: jobLabels.controllerUid in match ? match : { ...match, [jobLabels.controllerUid]: uid },
      },
      template: { ...job.spec.template, metadata: { ...job.spec.template.metadata, labels: { ...labels, ...add } } },
    },
  }
}

const isTerminalPod = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed'

/**
 * The grace period of a pod delete: 0 for an unscheduled or terminal pod, else its
 * `terminationGracePeriodSeconds` (default 30).
 */
export const podGracePeriod = (pod: Pod): number =>
  (pod.spec.nodeName ?? '') === '' || isTerminalPod(pod) ? 0 : (pod.spec.terminationGracePeriodSeconds ?? 30)

const phasePending = (): unknown => ({ phase: 'Pending' })

/** The strategy of a supported kind: its scope, defaults and validation, and `over`. */
const known = <K extends Kind>(kind: K, over: Partial<KindStrategy<ObjectOfKind<K>>> = {}): KindStrategy<ObjectOfKind<K>> =>
  strategy<ObjectOfKind<K>>({
    namespaceOf: kinds[kind].namespaced ? namespaced : clusterScoped,
    defaults: applyDefaults,
    validate: validateObject,
    ...over,
  })

/** Every supported kind's strategy. */
export const strategies: { readonly [K in Kind]: KindStrategy<ObjectOfKind<K>> } = {
  Pod: known('Pod', {
    initialStatus: phasePending,
    statusKeeps: ['ownerReferences'],
    gracePeriod: podGracePeriod,
    admit: defaultTolerations,
    spec: { prepare: (s: PodSpec) => specTolerations(podSpecDefaults(s)), issues: podSpecIssues, rest: podIssuesBesidesSpec },
  }),
  Node: known('Node', { initialStatus: (n) => n.status }),
  PersistentVolumeClaim: known('PersistentVolumeClaim', { initialStatus: phasePending }),
  ControllerRevision: known('ControllerRevision'),
  ReplicaSet: known('ReplicaSet'),
  ReplicationController: known('ReplicationController', { defaultPropagation: 'Orphan' }),
  Deployment: known('Deployment', { statusKeeps: ['labels'] }),
  StatefulSet: known('StatefulSet'),
  DaemonSet: known('DaemonSet'),
  Job: known('Job', { defaultPropagation: 'Orphan', admit: generateJobSelector }),
  CronJob: known('CronJob'),
}

/** The strategy of `kind`: its own, or the generic one for kinds without a codec (with the scope of a built-in kind). */
export const strategyFor = (kind: string): KindStrategy => {
  if (isKind(kind)) return strategies[kind] as unknown as KindStrategy
  const builtin = Object.prototype.hasOwnProperty.call(builtinKinds, kind) ? builtinKinds[kind] : undefined
  return builtin === undefined ? genericStrategy : builtin.namespaced ? namespacedGeneric : clusterGeneric
}
