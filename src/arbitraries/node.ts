/**
 * Arbitraries for Nodes: readiness (`True`, `False`, `Unknown`), cordoning, taints (including
 * the ones the node lifecycle controller adds for those states), labels and allocatable pods.
 */
import fc from 'fast-check'
import type { StringMap } from '../api/meta.js'
import type { Node, Taint } from '../api/node.js'
import * as T from '../core/time.js'
import { defaultNow, dnsSubdomain, labelKey, labels, labelValue, objectMeta } from './meta.js'
import type { Given } from './meta.js'

// -------------------------------------------------------------------------------------
// taints
// -------------------------------------------------------------------------------------

/** The taint effects. */
export const taintEffects: ReadonlyArray<string> = ['NoSchedule', 'PreferNoSchedule', 'NoExecute']

/** The taint the node lifecycle controller puts on nodes whose Ready condition is `False`. */
export const notReadyTaintKey = 'node.kubernetes.io/not-ready'
/** The taint the node lifecycle controller puts on nodes whose Ready condition is `Unknown`. */
export const unreachableTaintKey = 'node.kubernetes.io/unreachable'
/** The taint the node lifecycle controller puts on cordoned (`spec.unschedulable`) nodes. */
export const unschedulableTaintKey = 'node.kubernetes.io/unschedulable'

/** Taint keys users commonly set, so that generated tolerations and taints meet. */
export const commonTaintKeys: ReadonlyArray<string> = ['dedicated', 'example.com/gpu', 'team']

/** A user taint: a common or arbitrary key, an optional value and any effect. */
export const taint = (): fc.Arbitrary<Taint> =>
  fc
    .record({
      key: fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...commonTaintKeys) }, { weight: 1, arbitrary: labelKey() }),
      value: labelValue(),
      effect: fc.constantFrom(...taintEffects),
    })
    .map(({ key, value, effect }) => (value === '' ? { key, effect } : { key, value, effect }))

// -------------------------------------------------------------------------------------
// node
// -------------------------------------------------------------------------------------

/** A node's Ready condition status. */
export type NodeReadiness = 'True' | 'False' | 'Unknown'

/** What `node` generates. Every field is optional. */
export interface NodeConstraints {
  /** Default `dnsSubdomain({ maxLength: 63 })` (node names double as the hostname label). */
  readonly name?: Given<string>
  /** Ready statuses to pick from; default mostly `True`, sometimes `False` or `Unknown`. */
  readonly readiness?: ReadonlyArray<NodeReadiness>
  /** `spec.unschedulable` (cordoned); default: sometimes. */
  readonly unschedulable?: boolean
  /** Most user taints (default 2). */
  readonly maxTaints?: number
  /** Whether the node lifecycle controller's taints for readiness and cordoning are present; default true. */
  readonly conditionTaints?: boolean
  /** Extra labels; `kubernetes.io/hostname`, `kubernetes.io/os` and `kubernetes.io/arch` are always set. */
  readonly labels?: Given<StringMap>
  /** Fewest allocatable pods (default 1). */
  readonly minPods?: number
  /** Most allocatable pods (default 110, the kubelet's default). */
  readonly maxPods?: number
  /** Timestamps are at or before this instant (default `defaultNow`). */
  readonly now?: Date
  /** Oldest node age (default 30 days). */
  readonly maxAgeSeconds?: number
}

/** Seconds without a heartbeat after which the node lifecycle controller marks a node `Unknown`. */
const GRACE_SECONDS = 40

const readyCondition = (status: NodeReadiness) =>
  status === 'True'
    ? { reason: 'KubeletReady', message: 'kubelet is posting ready status' }
    : status === 'False'
      ? { reason: 'KubeletNotReady', message: 'container runtime network not ready' }
      : { reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' }

const withoutDuplicateTaints = (taints: ReadonlyArray<Taint>): ReadonlyArray<Taint> => {
  const seen = new Set<string>()
  return taints.filter((t) => {
    const k = `${t.key}:${t.effect}`
    if (seen.has(k)) return false
    seen.add(k)
    return true
  })
}

/**
 * A Node as the API server stores it, with a consistent status: `Ready` and the pressure
 * conditions (all `Unknown` when the kubelet stopped reporting), heartbeats no older than the
 * grace period unless `Unknown`, capacity and allocatable (cpu, memory, pods), and the
 * lifecycle taints matching its readiness and cordoning.
 */
export const node = (constraints: NodeConstraints = {}): fc.Arbitrary<Node> => {
  const nowMs = (constraints.now ?? defaultNow).getTime()
  const maxAge = constraints.maxAgeSeconds ?? 30 * 86400
  const minPods = constraints.minPods ?? 1
  const maxPods = Math.max(minPods, constraints.maxPods ?? 110)
  const readiness =
    constraints.readiness === undefined
      ? fc.oneof(
          { weight: 4, arbitrary: fc.constant<NodeReadiness>('True') },
          { weight: 1, arbitrary: fc.constantFrom<NodeReadiness>('False', 'Unknown') },
        )
      : fc.constantFrom(...constraints.readiness)
  const unschedulable =
    constraints.unschedulable === undefined
      ? fc.oneof({ weight: 4, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })
      : fc.constant(constraints.unschedulable)
  return fc
    .record({
      meta: objectMeta({
        name: constraints.name ?? dnsSubdomain({ maxLength: 63 }),
        clusterScoped: true,
        labels: constraints.labels ?? labels({ maxKeys: 2 }),
        created: { min: new Date(nowMs - maxAge * 1000), max: new Date(nowMs) },
        terminating: false,
      }),
      zone: fc.constantFrom('zone-a', 'zone-b', 'zone-c'),
      readiness,
      unschedulable,
      taints: fc.array(taint(), { maxLength: constraints.maxTaints ?? 2 }),
      pods: fc.integer({ min: minPods, max: maxPods }),
      cpu: fc.constantFrom('2', '4', '8', '16'),
      memory: fc.constantFrom('8Gi', '16Gi', '32Gi'),
      heartbeatAge: fc.integer({ min: 0, max: GRACE_SECONDS }),
      silence: fc.integer({ min: GRACE_SECONDS + 1, max: 3600 }),
      transitionAge: fc.integer({ min: 0, max: 3600 }),
      cidr: fc.integer({ min: 0, max: 255 }),
    })
    .map((g): Node => {
      const name = g.meta.name ?? ''
      const created = T.parse(g.meta.creationTimestamp) ?? nowMs
      const unknown = g.readiness === 'Unknown'
      // Reporting nodes heartbeat within the grace period; an Unknown node stopped before it.
      const heartbeat = Math.max(created, nowMs - (unknown ? g.silence : g.heartbeatAge) * 1000)
      const transition = unknown
        ? Math.min(nowMs, heartbeat + GRACE_SECONDS * 1000)
        : Math.max(created, heartbeat - g.transitionAge * 1000)
      const times = { lastHeartbeatTime: T.format(heartbeat), lastTransitionTime: T.format(transition) }
      const pressure = (type: string, reason: string, message: string) =>
        unknown
          ? { type, status: 'Unknown', ...times, ...readyCondition('Unknown') }
          : { type, status: 'False', ...times, reason, message }
      const lifecycle: ReadonlyArray<Taint> =
        constraints.conditionTaints === false
          ? []
          : [
              ...(g.readiness === 'False'
                ? [
                    { key: notReadyTaintKey, effect: 'NoSchedule' },
                    { key: notReadyTaintKey, effect: 'NoExecute', timeAdded: T.format(transition) },
                  ]
                : []),
              ...(unknown
                ? [
                    { key: unreachableTaintKey, effect: 'NoSchedule' },
                    { key: unreachableTaintKey, effect: 'NoExecute', timeAdded: T.format(transition) },
                  ]
                : []),
              ...(g.unschedulable ? [{ key: unschedulableTaintKey, effect: 'NoSchedule' }] : []),
            ]
      const taints = withoutDuplicateTaints([...lifecycle, ...g.taints])
      const resources = { cpu: g.cpu, memory: g.memory, pods: String(g.pods) }
      return {
        apiVersion: 'v1',
        kind: 'Node',
        metadata: {
          ...g.meta,
          labels: {
            ...g.meta.labels,
            'kubernetes.io/hostname': name,
            'kubernetes.io/os': 'linux',
            'kubernetes.io/arch': 'amd64',
            'topology.kubernetes.io/zone': g.zone,
          },
        },
        spec: {
          podCIDR: `10.244.${g.cidr}.0/24`,
          ...(g.unschedulable ? { unschedulable: true } : {}),
          ...(taints.length === 0 ? {} : { taints }),
        },
        status: {
          capacity: resources,
          allocatable: resources,
          conditions: [
            pressure('MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
            pressure('DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
            pressure('PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
            { type: 'Ready', status: g.readiness, ...times, ...readyCondition(g.readiness) },
          ],
        },
      }
    })
}
