/**
 * Pod, its spec and status, and PodTemplateSpec, as io-ts codecs with derived types.
 */
import * as t from 'io-ts'
import { Condition, ObjectMeta, StringMap, Time } from './meta.js'

// -------------------------------------------------------------------------------------
// scheduling parts
// -------------------------------------------------------------------------------------

/** A pod toleration (`spec.tolerations[]`). */
export const Toleration = t.readonly(
  t.partial({
    key: t.string,
    operator: t.string,
    value: t.string,
    effect: t.string,
    tolerationSeconds: t.number,
  }),
)
/** A pod toleration. */
export type Toleration = t.TypeOf<typeof Toleration>

/** A node-selector requirement (`In`, `NotIn`, `Exists`, `DoesNotExist`, `Gt`, `Lt`). */
export const NodeSelectorRequirement = t.readonly(
  t.intersection([
    t.type({ key: t.string, operator: t.string }),
    t.partial({ values: t.readonlyArray(t.string) }),
  ]),
)
/** A node-selector requirement. */
export type NodeSelectorRequirement = t.TypeOf<typeof NodeSelectorRequirement>

/** One node-selector term: its expressions and fields are ANDed. */
export const NodeSelectorTerm = t.readonly(
  t.partial({
    matchExpressions: t.readonlyArray(NodeSelectorRequirement),
    matchFields: t.readonlyArray(NodeSelectorRequirement),
  }),
)
/** One node-selector term. */
export type NodeSelectorTerm = t.TypeOf<typeof NodeSelectorTerm>

/** Pod affinity settings; only required node affinity affects scheduling in the simulation. */
export const Affinity = t.readonly(
  t.partial({
    nodeAffinity: t.readonly(
      t.partial({
        requiredDuringSchedulingIgnoredDuringExecution: t.readonly(
          t.type({ nodeSelectorTerms: t.readonlyArray(NodeSelectorTerm) }),
        ),
        preferredDuringSchedulingIgnoredDuringExecution: t.readonlyArray(t.unknown),
      }),
    ),
    podAffinity: t.unknown,
    podAntiAffinity: t.unknown,
  }),
)
/** Pod affinity settings. */
export type Affinity = t.TypeOf<typeof Affinity>

// -------------------------------------------------------------------------------------
// containers
// -------------------------------------------------------------------------------------

/** A container (`spec.containers[]`); fields not listed are kept as they are. */
export const Container = t.readonly(
  t.intersection([
    t.type({ name: t.string }),
    t.partial({
      image: t.string,
      command: t.readonlyArray(t.string),
      args: t.readonlyArray(t.string),
      imagePullPolicy: t.string,
      terminationMessagePath: t.string,
      terminationMessagePolicy: t.string,
      resources: t.unknown,
      ports: t.readonlyArray(t.unknown),
      env: t.readonlyArray(t.unknown),
    }),
  ]),
)
/** A container. */
export type Container = t.TypeOf<typeof Container>

/** A container's observed state (`status.containerStatuses[]`). */
export const ContainerStatus = t.readonly(
  t.intersection([
    t.type({ name: t.string }),
    t.partial({
      ready: t.boolean,
      restartCount: t.number,
      image: t.string,
      imageID: t.string,
      started: t.boolean,
      state: t.unknown,
      lastState: t.unknown,
    }),
  ]),
)
/** A container's observed state. */
export type ContainerStatus = t.TypeOf<typeof ContainerStatus>

// -------------------------------------------------------------------------------------
// pod
// -------------------------------------------------------------------------------------

/** The pod spec (`spec`). */
export const PodSpec = t.readonly(
  t.intersection([
    t.type({ containers: t.readonlyArray(Container) }),
    t.partial({
      initContainers: t.readonlyArray(Container),
      nodeName: t.string,
      nodeSelector: StringMap,
      affinity: Affinity,
      tolerations: t.readonlyArray(Toleration),
      restartPolicy: t.string,
      terminationGracePeriodSeconds: t.number,
      activeDeadlineSeconds: t.number,
      dnsPolicy: t.string,
      schedulerName: t.string,
      securityContext: t.unknown,
      priority: t.number,
      priorityClassName: t.string,
      hostname: t.string,
      subdomain: t.string,
      serviceAccountName: t.string,
      enableServiceLinks: t.boolean,
      volumes: t.readonlyArray(t.unknown),
    }),
  ]),
)
/** The pod spec. */
export type PodSpec = t.TypeOf<typeof PodSpec>

/** The pod status (`status`). */
export const PodStatus = t.readonly(
  t.partial({
    phase: t.string,
    conditions: t.readonlyArray(Condition),
    containerStatuses: t.readonlyArray(ContainerStatus),
    initContainerStatuses: t.readonlyArray(ContainerStatus),
    startTime: Time,
    reason: t.string,
    message: t.string,
    hostIP: t.string,
    podIP: t.string,
  }),
)
/** The pod status. */
export type PodStatus = t.TypeOf<typeof PodStatus>

/** A pod template (`spec.template` of the workload kinds). */
export const PodTemplateSpec = t.readonly(
  t.intersection([t.partial({ metadata: ObjectMeta }), t.type({ spec: PodSpec })]),
)
/** A pod template. */
export type PodTemplateSpec = t.TypeOf<typeof PodTemplateSpec>

/** A Pod (`v1`). */
export const Pod = t.readonly(
  t.intersection([
    t.type({ apiVersion: t.literal('v1'), kind: t.literal('Pod'), metadata: ObjectMeta, spec: PodSpec }),
    t.partial({ status: PodStatus }),
  ]),
)
/** A Pod (`v1`). */
export type Pod = t.TypeOf<typeof Pod>
