/**
 * Arbitraries for pod templates and Pods, shaped as the API server stores them: the pod-spec
 * and container defaults applied, and a status consistent with the phase (conditions with
 * transition times, container states, restart counts, start time and IPs).
 */
import fc from 'fast-check'
import { imagePullPolicyFor } from '../api/defaults.js'
import type { OwnerReference, StringMap } from '../api/meta.js'
import type { Container, ContainerStatus, Pod, PodSpec, PodStatus, PodTemplateSpec, Toleration } from '../api/pod.js'
import * as T from '../core/time.js'
import { defaultNow, dnsLabel, dnsSubdomain, given, labelKey, labels, labelValue, objectMeta } from './meta.js'
import type { Given } from './meta.js'
import { commonTaintKeys, notReadyTaintKey, taintEffects, unreachableTaintKey } from './node.js'

// -------------------------------------------------------------------------------------
// containers
// -------------------------------------------------------------------------------------

/** Images to pick from: tagged, untagged (`:latest` implied), `:latest`, and with a registry port. */
export const images: ReadonlyArray<string> = [
  'nginx:1.25',
  'busybox',
  'registry.k8s.io/pause:3.9',
  'app:latest',
  'example.com:5000/team/app:v2',
]

/** A container with the API server's defaults: pull policy, termination message path and policy. */
export const container = (): fc.Arbitrary<Container> =>
  fc
    .record({
      name: fc.oneof({ weight: 3, arbitrary: fc.constantFrom('app', 'sidecar', 'main') }, { weight: 1, arbitrary: dnsLabel() }),
      image: fc.constantFrom(...images),
      pullPolicy: fc.option(fc.constantFrom('Always', 'IfNotPresent', 'Never'), { freq: 4 }),
    })
    .map(({ name, image, pullPolicy }) => ({
      name,
      image,
      imagePullPolicy: pullPolicy ?? imagePullPolicyFor(image),
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: {},
    }))

// -------------------------------------------------------------------------------------
// tolerations
// -------------------------------------------------------------------------------------

/** The tolerations the DefaultTolerationSeconds admission plugin adds to every pod (300 s). */
export const defaultTolerations: ReadonlyArray<Toleration> = [
  { key: notReadyTaintKey, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
  { key: unreachableTaintKey, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
]

/**
 * A valid toleration: `Exists` (no value; an empty key tolerates every taint) or `Equal` with a
 * value, any effect or none, and `tolerationSeconds` only with `NoExecute`.
 */
export const toleration = (): fc.Arbitrary<Toleration> =>
  fc
    .record({
      key: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...commonTaintKeys, notReadyTaintKey, unreachableTaintKey) },
        { weight: 1, arbitrary: labelKey() },
        { weight: 1, arbitrary: fc.constant('') },
      ),
      exists: fc.boolean(),
      value: labelValue(),
      effect: fc.constantFrom('', ...taintEffects),
      seconds: fc.option(fc.integer({ min: 0, max: 3600 })),
    })
    .map(({ key, exists, value, effect, seconds }) => {
      const op = exists || key === '' ? 'Exists' : 'Equal'
      return {
        ...(key === '' ? {} : { key }),
        operator: op,
        ...(op === 'Equal' && value !== '' ? { value } : {}),
        ...(effect === '' ? {} : { effect }),
        ...(effect === 'NoExecute' && seconds !== null ? { tolerationSeconds: seconds } : {}),
      }
    })

// -------------------------------------------------------------------------------------
// templates
// -------------------------------------------------------------------------------------

/** A pod restart policy. */
export type RestartPolicy = 'Always' | 'OnFailure' | 'Never'

/** What `podTemplate` generates. Every field is optional. */
export interface PodTemplateConstraints {
  /** Template labels; default `labels({ minKeys: 1 })`. */
  readonly labels?: Given<StringMap>
  /** Template annotations; default none. */
  readonly annotations?: Given<StringMap>
  /** Default all three; the workload controllers other than Job require `['Always']`. */
  readonly restartPolicies?: ReadonlyArray<RestartPolicy>
  /** Most containers (default 2; at least 1). */
  readonly maxContainers?: number
  /** Default: usually none, sometimes `defaultTolerations` plus generated ones. */
  readonly tolerations?: Given<ReadonlyArray<Toleration>>
  /** Default: usually none, sometimes `kubernetes.io/os: linux` or a small label map. */
  readonly nodeSelector?: Given<StringMap>
}

const defaultTolerationsArb = (): fc.Arbitrary<ReadonlyArray<Toleration>> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant([]) },
    { weight: 1, arbitrary: fc.array(toleration(), { maxLength: 2 }).map((ts) => [...defaultTolerations, ...ts]) },
  )

const defaultNodeSelector = (): fc.Arbitrary<StringMap> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.constant({}) },
    { weight: 1, arbitrary: fc.constant({ 'kubernetes.io/os': 'linux' }) },
    { weight: 1, arbitrary: labels({ minKeys: 1, maxKeys: 1 }) },
  )

/** The pod-spec parts a template fixes. */
const podSpec = (c: PodTemplateConstraints): fc.Arbitrary<PodSpec> =>
  fc
    .record({
      containers: fc.uniqueArray(container(), {
        minLength: 1,
        maxLength: Math.max(1, c.maxContainers ?? 2),
        selector: (x) => x.name,
      }),
      restartPolicy: fc.constantFrom(...(c.restartPolicies ?? ['Always', 'OnFailure', 'Never'])),
      grace: fc.constantFrom(30, 0, 10, 60),
      tolerations: given(c.tolerations ?? defaultTolerationsArb()),
      nodeSelector: given(c.nodeSelector ?? defaultNodeSelector()),
    })
    .map((s) => ({
      containers: s.containers,
      restartPolicy: s.restartPolicy,
      terminationGracePeriodSeconds: s.grace,
      dnsPolicy: 'ClusterFirst',
      securityContext: {},
      schedulerName: 'default-scheduler',
      ...(Object.keys(s.nodeSelector).length === 0 ? {} : { nodeSelector: s.nodeSelector }),
      ...(s.tolerations.length === 0 ? {} : { tolerations: s.tolerations }),
    }))

/**
 * A pod template (`spec.template`) as stored inside a workload: labels (and annotations when
 * given) in its metadata, and a spec with the pod-spec defaults applied (`dnsPolicy`,
 * `restartPolicy`, `securityContext`, `terminationGracePeriodSeconds`, `schedulerName`).
 */
export const podTemplate = (constraints: PodTemplateConstraints = {}): fc.Arbitrary<PodTemplateSpec> =>
  fc
    .record({
      labels: given(constraints.labels ?? labels({ minKeys: 1 })),
      annotations: given(constraints.annotations ?? {}),
      spec: podSpec(constraints),
    })
    .map(({ labels: l, annotations: a, spec }) => {
      const metadata = {
        ...(Object.keys(l).length === 0 ? {} : { labels: l }),
        ...(Object.keys(a).length === 0 ? {} : { annotations: a }),
      }
      return Object.keys(metadata).length === 0 ? { spec } : { metadata, spec }
    })

// -------------------------------------------------------------------------------------
// pods
// -------------------------------------------------------------------------------------

/** A pod phase (`Unknown` is deprecated and never generated). */
export type PodPhase = 'Pending' | 'Running' | 'Succeeded' | 'Failed'

/** What `pod` generates. Every field is optional; template fields apply when `template` is absent. */
export interface PodConstraints extends PodTemplateConstraints {
  /** The template the pod is made from (as a controller would); default `podTemplate(this)`. */
  readonly template?: Given<PodTemplateSpec>
  /** Default `dnsLabel()`. Ignored when `generateName` is set. */
  readonly name?: Given<string>
  /** Name the pod `generateName` plus a 5-character suffix, as controllers' creates are named. */
  readonly generateName?: string
  /** Default `'default'`. */
  readonly namespace?: Given<string>
  readonly uid?: Given<string>
  /** Default none. */
  readonly ownerReferences?: Given<ReadonlyArray<OwnerReference>>
  /** Phases to pick from (default all four). Unscheduled pods are always `Pending`. */
  readonly phases?: ReadonlyArray<PodPhase>
  /** `true`: a Running pod whose Ready condition is `True`; `false`: never Ready; default either. */
  readonly ready?: boolean
  /** Nodes the pod may be bound to; `[]` keeps it unscheduled. Default: any node name. */
  readonly nodeNames?: ReadonlyArray<string>
  /** `true`: bound to a node; `false`: unscheduled; default either (mostly bound). */
  readonly scheduled?: boolean
  /** `true`: being deleted; `false`: not; default sometimes. */
  readonly terminating?: boolean
  /** Every timestamp except `deletionTimestamp` is at or before this (default `defaultNow`). */
  readonly now?: Date
  /** Oldest pod age (default one day). */
  readonly maxAgeSeconds?: number
  /** Most restarts per container (default 5); always 0 with `restartPolicy: Never`. */
  readonly maxRestarts?: number
}

const condition = (type: string, status: boolean, at: number, reason?: string, message?: string) => ({
  type,
  status: status ? 'True' : 'False',
  lastTransitionTime: T.format(at),
  ...(reason === undefined ? {} : { reason }),
  ...(message === undefined ? {} : { message }),
})

interface StatusPlan {
  readonly phase: PodPhase
  readonly nodeName: string | undefined
  readonly ready: boolean
  readonly schedulerTried: boolean
  readonly restarts: ReadonlyArray<number>
  readonly restartPolicy: string
  readonly containers: ReadonlyArray<Container>
  readonly started: number
  readonly transitioned: number
  readonly ip: number
}

/** The status the scheduler and kubelet would have written for this plan. */
const statusOf = (p: StatusPlan): PodStatus => {
  const qosClass = 'BestEffort'
  if (p.nodeName === undefined) {
    const unschedulable = condition('PodScheduled', false, p.started, 'Unschedulable', 'no nodes available to schedule pods')
    const pending = { phase: 'Pending', ...(p.schedulerTried ? { conditions: [unschedulable] } : {}), qosClass }
    return pending
  }
  const names = p.containers.map((c) => c.name)
  const terminal = p.phase === 'Succeeded' || p.phase === 'Failed'
  const ready = p.phase === 'Running' && p.ready
  const notReady = terminal ? (p.phase === 'Succeeded' ? 'PodCompleted' : 'PodFailed') : 'ContainersNotReady'
  const notReadyMessage = terminal ? undefined : `containers with unready status: [${names.join(' ')}]`
  const conditions = [
    condition('PodReadyToStartContainers', p.phase === 'Running', p.phase === 'Pending' ? p.started : p.transitioned),
    condition('Initialized', true, p.started, terminal ? 'PodCompleted' : undefined),
    ready
      ? condition('Ready', true, p.transitioned)
      : condition('Ready', false, p.phase === 'Pending' ? p.started : p.transitioned, notReady, notReadyMessage),
    ready
      ? condition('ContainersReady', true, p.transitioned)
      : condition('ContainersReady', false, p.phase === 'Pending' ? p.started : p.transitioned, notReady, notReadyMessage),
    condition('PodScheduled', true, p.started),
  ]
  const startedAt = T.format(p.started)
  const containerStatuses: ReadonlyArray<ContainerStatus> = p.containers.map((c, i) => {
    const restartCount = p.phase === 'Pending' || p.restartPolicy === 'Never' ? 0 : (p.restarts[i] ?? 0)
    const state =
      p.phase === 'Pending'
        ? { waiting: { reason: 'ContainerCreating' } }
        : p.phase === 'Running'
          ? { running: { startedAt: T.format(p.transitioned) } }
          : {
              terminated: {
                exitCode: p.phase === 'Succeeded' ? 0 : 1,
                reason: p.phase === 'Succeeded' ? 'Completed' : 'Error',
                startedAt,
                finishedAt: T.format(p.transitioned),
              },
            }
    return {
      name: c.name,
      image: c.image ?? '',
      imageID: '',
      ready,
      restartCount,
      started: p.phase === 'Running',
      state,
    }
  })
  const hostIP = `10.0.${(p.ip >> 8) & 255}.${p.ip & 255}`
  const podIP = `10.244.${(p.ip >> 8) & 255}.${p.ip & 255}`
  const status = {
    phase: p.phase,
    conditions,
    hostIP,
    ...(p.phase === 'Pending' ? {} : { podIP }),
    startTime: startedAt,
    containerStatuses,
    qosClass,
  }
  return status
}

const ALL_PHASES: ReadonlyArray<PodPhase> = ['Pending', 'Running', 'Succeeded', 'Failed']

/**
 * A Pod as the API server stores it after the scheduler and kubelet have had their say:
 * metadata (name, namespace, uid, creation time, labels and annotations from its template,
 * the given owner references, sometimes a deletion timestamp), the template's spec plus
 * `enableServiceLinks` and the node it is bound to, and a status consistent with its phase:
 * unscheduled pods are `Pending`; a `Ready` condition is `True` only for Running pods; times
 * run creation ≤ start ≤ last transition ≤ `now`.
 */
export const pod = (constraints: PodConstraints = {}): fc.Arbitrary<Pod> => {
  const nowMs = (constraints.now ?? defaultNow).getTime()
  const maxAge = constraints.maxAgeSeconds ?? 86400
  const nodeNames = constraints.nodeNames
  const canSchedule = nodeNames === undefined || nodeNames.length > 0
  if (constraints.scheduled === true && !canSchedule) throw new Error('pod: scheduled is true but nodeNames is empty')
  if (constraints.ready === true && (!canSchedule || constraints.scheduled === false))
    throw new Error('pod: a ready pod must be bound to a node')
  const phases = constraints.ready === true ? ['Running' as const] : (constraints.phases ?? ALL_PHASES)
  if (phases.length === 0) throw new Error('pod: phases is empty')
  const nodeName: fc.Arbitrary<string | undefined> =
    constraints.scheduled === false || !canSchedule
      ? fc.constant(undefined)
      : (() => {
          const bound =
            nodeNames === undefined
              ? fc.oneof(fc.constantFrom('node-1', 'node-2', 'node-3'), dnsSubdomain({ maxLength: 63 }))
              : fc.constantFrom(...nodeNames)
          return constraints.scheduled === true || constraints.ready === true
            ? bound
            : fc.oneof({ weight: 4, arbitrary: bound }, { weight: 1, arbitrary: fc.constant(undefined) })
        })()
  const template = given(constraints.template ?? podTemplate(constraints))
  return fc
    .record({
      meta: objectMeta({
        name: constraints.name ?? dnsLabel(),
        ...(constraints.generateName === undefined ? {} : { generateName: constraints.generateName }),
        namespace: constraints.namespace ?? 'default',
        ...(constraints.uid === undefined ? {} : { uid: constraints.uid }),
        labels: {},
        ownerReferences: constraints.ownerReferences ?? [],
        created: { min: new Date(nowMs - maxAge * 1000), max: new Date(nowMs) },
        ...(constraints.terminating === undefined ? {} : { terminating: constraints.terminating }),
      }),
      template,
      nodeName,
      phase: fc.constantFrom(...phases),
      ready: constraints.ready === undefined ? fc.boolean() : fc.constant(constraints.ready),
      schedulerTried: fc.boolean(),
      restarts: fc.array(fc.nat({ max: constraints.maxRestarts ?? 5 }), { minLength: 8, maxLength: 8 }),
      startDelay: fc.integer({ min: 0, max: 600 }),
      readyDelay: fc.integer({ min: 0, max: 600 }),
      ip: fc.integer({ min: 1, max: 65534 }),
    })
    .map((g): Pod => {
      const created = T.parse(g.meta.creationTimestamp) ?? nowMs
      const started = Math.min(nowMs, created + g.startDelay * 1000)
      const transitioned = Math.min(nowMs, started + g.readyDelay * 1000)
      const tm = g.template.metadata
      const metadata = {
        ...g.meta,
        ...(tm?.labels === undefined || Object.keys(tm.labels).length === 0 ? {} : { labels: tm.labels }),
        ...(tm?.annotations === undefined || Object.keys(tm.annotations).length === 0 ? {} : { annotations: tm.annotations }),
      }
      const status = statusOf({
        phase: g.nodeName === undefined ? 'Pending' : g.phase,
        nodeName: g.nodeName,
        ready: g.ready,
        schedulerTried: g.schedulerTried,
        restarts: g.restarts,
        restartPolicy: g.template.spec.restartPolicy ?? 'Always',
        containers: g.template.spec.containers,
        started,
        transitioned,
        ip: g.ip,
      })
      const spec = {
        ...g.template.spec,
        enableServiceLinks: true,
        ...(g.nodeName === undefined ? {} : { nodeName: g.nodeName }),
      }
      return { apiVersion: 'v1', kind: 'Pod', metadata, spec, status }
    })
}
