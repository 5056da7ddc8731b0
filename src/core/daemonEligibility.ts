/**
 * Daemon-pod eligibility (upstream `NodeShouldRunDaemonPod` and the daemon tolerations), shared
 * by the DaemonSet controller, the scheduler and node lifecycle: which nodes should run a pod of
 * a template, which may keep one, and the tolerations every daemon pod gets.
 */
import type { Node, Taint } from '../api/node.js'
import type { PodSpec, PodTemplateSpec, Toleration } from '../api/pod.js'
import { affinityMatches, toleratedBy } from './nodes.js'

/** The taint keys the DaemonSet controller tolerates on every daemon pod. */
export const daemonTaintKeys = {
  notReady: 'node.kubernetes.io/not-ready',
  unreachable: 'node.kubernetes.io/unreachable',
  diskPressure: 'node.kubernetes.io/disk-pressure',
  memoryPressure: 'node.kubernetes.io/memory-pressure',
  pidPressure: 'node.kubernetes.io/pid-pressure',
  unschedulable: 'node.kubernetes.io/unschedulable',
  networkUnavailable: 'node.kubernetes.io/network-unavailable',
} as const

const exists = (key: string, effect: 'NoExecute' | 'NoSchedule'): Toleration => ({ key, operator: 'Exists', effect })

/**
 * The tolerations upstream adds to every daemon pod, in its order: not-ready and unreachable
 * (NoExecute, no time limit), disk/memory/pid pressure and unschedulable (NoSchedule), and
 * network-unavailable (NoSchedule) for host-network pods only.
 */
export const daemonTolerations = (hostNetwork: boolean): ReadonlyArray<Toleration> => [
  exists(daemonTaintKeys.notReady, 'NoExecute'),
  exists(daemonTaintKeys.unreachable, 'NoExecute'),
  exists(daemonTaintKeys.diskPressure, 'NoSchedule'),
  exists(daemonTaintKeys.memoryPressure, 'NoSchedule'),
  exists(daemonTaintKeys.pidPressure, 'NoSchedule'),
  exists(daemonTaintKeys.unschedulable, 'NoSchedule'),
  ...(hostNetwork ? [exists(daemonTaintKeys.networkUnavailable, 'NoSchedule')] : []),
]

const sameToleration = (a: Toleration, b: Toleration): boolean =>
  (a.key ?? '') === (b.key ?? '') &&
  (a.operator ?? '') === (b.operator ?? '') &&
  (a.value ?? '') === (b.value ?? '') &&
  (a.effect ?? '') === (b.effect ?? '')

/**
 * Upstream's "add or update" of one toleration: a toleration with the same key, operator, value
 * and effect is replaced by `t` (dropping its `tolerationSeconds`); otherwise `t` is appended.
 */
export const addOrUpdateToleration = (tolerations: ReadonlyArray<Toleration>, t: Toleration): ReadonlyArray<Toleration> =>
  tolerations.some((x) => sameToleration(x, t)) ? tolerations.map((x) => (sameToleration(x, t) ? t : x)) : [...tolerations, t]

/** `spec` with the daemon tolerations added or updated (`daemonTolerations`). */
export const withDaemonTolerations = (spec: PodSpec): PodSpec => {
  const hostNetwork = (spec as { readonly hostNetwork?: unknown }).hostNetwork === true
  const tolerations = daemonTolerations(hostNetwork).reduce(addOrUpdateToleration, spec.tolerations ?? [])
  return { ...spec, tolerations }
}

/** The first taint of `taints` with one of `effects` that no toleration tolerates, if any. */
export const untoleratedTaint = (
  taints: ReadonlyArray<Taint>,
  tolerations: ReadonlyArray<Toleration>,
  effects: ReadonlyArray<string>,
): Taint | undefined => taints.find((t) => effects.includes(t.effect) && !toleratedBy(tolerations, t))

/** Where a daemon pod may be: whether a node should get one, and whether one there may stay. */
export interface DaemonPlacement {
  /** A daemon pod should run here (created when missing). */
  readonly shouldRun: boolean
  /** A daemon pod already here may keep running. */
  readonly shouldContinueRunning: boolean
}

const nowhere: DaemonPlacement = { shouldRun: false, shouldContinueRunning: false }
const everywhere: DaemonPlacement = { shouldRun: true, shouldContinueRunning: true }
const keepOnly: DaemonPlacement = { shouldRun: false, shouldContinueRunning: true }

/**
 * Upstream `NodeShouldRunDaemonPod` for daemon pods of `template`, as a function of the node
 * (the template's tolerations are worked out once): `nowhere` when the template names another
 * node or its node selector / required node affinity reject the node; else, with the daemon
 * tolerations added, an untolerated NoSchedule or NoExecute taint means no new pod, and an
 * untolerated NoExecute taint means none may stay. PreferNoSchedule taints,
 * `spec.unschedulable`, node conditions and resources are not considered.
 */
export const daemonPlacement = (template: PodTemplateSpec): ((node: Node) => DaemonPlacement) => {
  const spec = template.spec
  const pinned = spec.nodeName ?? ''
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec } as const
  const tolerations = withDaemonTolerations(spec).tolerations ?? []
  return (node) => {
    if (pinned !== '' && pinned !== (node.metadata.name ?? '')) return nowhere
    if (!affinityMatches(pod, node)) return nowhere
    const taints = node.spec?.taints ?? []
    if (taints.length === 0 || untoleratedTaint(taints, tolerations, ['NoSchedule', 'NoExecute']) === undefined) return everywhere
    return untoleratedTaint(taints, tolerations, ['NoExecute']) === undefined ? keepOnly : nowhere
  }
}

/** `daemonPlacement(template)(node)`: whether `node` should run, or may keep, a daemon pod of `template`. */
export const nodeShouldRunDaemonPod = (node: Node, template: PodTemplateSpec): DaemonPlacement => daemonPlacement(template)(node)
