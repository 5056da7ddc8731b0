/**
 * Node predicates shared by the scheduler, the DaemonSet controller and node lifecycle:
 * readiness, taints and tolerations, node selectors and required node affinity, pod capacity.
 */
import type { Node, Taint } from '../api/node.js'
import type { KubeObject } from '../api/object.js'
import type { NodeSelectorRequirement, NodeSelectorTerm, Pod, Toleration } from '../api/pod.js'
import type { StringMap } from '../api/meta.js'
import { requirementHolds } from '../api/selector.js'

/** Whether the node counts as Ready: its Ready condition, if any, is neither False nor Unknown. */
export const isReady = (node: KubeObject | undefined): boolean => {
  if (node?.kind !== 'Node') return false
  const s = node.status?.conditions?.find((c) => c.type === 'Ready')?.status
  return s !== 'False' && s !== 'Unknown'
}

/** The taint keys node lifecycle puts on a node that stopped reporting / reports NotReady (the API server's admission tolerates them). */
export { unreachableTaint as unreachableKey, notReadyTaint as notReadyKey } from '../api/strategy.js'

/** The scheduler that binds pods unless they name another one. */
export const defaultScheduler = 'default-scheduler'

/** The taint an unschedulable (cordoned) node is treated as having. */
export const unschedulableTaint: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }

/** Pods a node takes when `status.allocatable.pods` does not say. */
export const defaultPodCapacity = 110

/**
 * Whether toleration `t` tolerates `taint` (upstream `ToleratesTaint`): the effect matches or is
 * empty, the key matches or is empty, and `Exists` or an equal value.
 */
export const tolerates = (t: Toleration, taint: Taint): boolean => {
  if ((t.effect ?? '') !== '' && t.effect !== taint.effect) return false
  if ((t.key ?? '') !== '' && t.key !== taint.key) return false
  const op = t.operator ?? ''
  if (op === 'Exists') return true
  return (op === '' || op === 'Equal') && (t.value ?? '') === (taint.value ?? '')
}

/** Whether some toleration in the list tolerates `taint`. */
export const toleratedBy = (tolerations: ReadonlyArray<Toleration> | undefined, taint: Taint): boolean =>
  (tolerations ?? []).some((t) => tolerates(t, taint))

/** Whether a node-selector requirement holds for `labels` (In, NotIn, Exists, DoesNotExist, Gt, Lt). */
export const requirementMatches = (r: NodeSelectorRequirement, labels: StringMap): boolean =>
  requirementHolds(r.operator, labels, r.key, r.values ?? [])

const integer = /^[+-]?\d+$/

/**
 * Whether upstream accepts a label requirement of a node selector: `In`/`NotIn` with values,
 * `Exists`/`DoesNotExist` without, `Gt`/`Lt` with one integer; any other operator is invalid.
 */
const validExpression = (r: NodeSelectorRequirement): boolean => {
  const values = r.values ?? []
  switch (r.operator) {
    case 'In':
    case 'NotIn':
      return values.length > 0
    case 'Exists':
    case 'DoesNotExist':
      return values.length === 0
    case 'Gt':
    case 'Lt':
      return values.length === 1 && integer.test(values[0] ?? '')
    default:
      return false
  }
}

/** Whether a field requirement holds for the node: `In`/`NotIn` with exactly one value, against `metadata.name` (other fields read as empty). */
const fieldMatches = (r: NodeSelectorRequirement, node: Node): boolean => {
  const values = r.values ?? []
  if ((r.operator !== 'In' && r.operator !== 'NotIn') || values.length !== 1) return false
  const field = r.key === 'metadata.name' ? (node.metadata.name ?? '') : ''
  return (field === values[0]) === (r.operator === 'In')
}

/**
 * Whether a node-selector term matches the node: every expression (on labels) and every field
 * (`metadata.name`) holds. A term with neither, or with an invalid requirement, matches nothing.
 */
export const termMatches = (term: NodeSelectorTerm, node: Node): boolean => {
  const exprs = term.matchExpressions ?? []
  const fields = term.matchFields ?? []
  if (exprs.length === 0 && fields.length === 0) return false
  const labels = node.metadata.labels ?? {}
  return exprs.every((r) => validExpression(r) && requirementMatches(r, labels)) && fields.every((r) => fieldMatches(r, node))
}

/** Whether the pod's `nodeSelector` and required node affinity (terms ORed) accept the node. */
export const affinityMatches = (pod: Pod, node: Node): boolean => {
  const labels = node.metadata.labels ?? {}
  for (const [k, v] of Object.entries(pod.spec.nodeSelector ?? {})) if (labels[k] !== v) return false
  const required = pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  return required === undefined || required.nodeSelectorTerms.some((t) => termMatches(t, node))
}

/** Whether every NoSchedule/NoExecute taint of the node (and its cordon) is tolerated by the pod. */
export const taintsTolerated = (pod: Pod, node: Node): boolean => {
  const tols = pod.spec.tolerations
  if (node.spec?.unschedulable === true && !toleratedBy(tols, unschedulableTaint)) return false
  return (node.spec?.taints ?? []).every((t) => (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') || toleratedBy(tols, t))
}

/** Whether the pod may go to the node, capacity aside: Ready, affinity/selector, taints, cordon. */
export const fitsNode = (pod: Pod, node: Node): boolean => isReady(node) && affinityMatches(pod, node) && taintsTolerated(pod, node)

/** How many pods the node takes (`status.allocatable.pods`, default 110). */
export const podCapacity = (node: Node): number => {
  const v = node.status?.allocatable?.['pods']
  return v !== undefined && integer.test(v) ? Number(v) : defaultPodCapacity
}
