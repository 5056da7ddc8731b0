/**
 * Daemon pods: the pod a DaemonSet creates for a node (upstream `CreatePodTemplate`,
 * `ReplaceDaemonSetPodNodeNameNodeAffinity`), which node a pod is for (`GetTargetNodeName`),
 * whether it runs the current template (`IsPodUpdated`), and the "oldest" ordering.
 */
import type { Affinity, NodeSelectorTerm, Pod, PodTemplateSpec } from '../../api/pod.js'
import type { DaemonSet } from '../../api/workloads.js'
import { withDaemonTolerations } from '../../core/daemonEligibility.js'
import { controllerRevisionHashLabel } from '../../core/history.js'
import { compareStrings } from '../../core/order.js'
import { newControllerRef } from '../../core/ownership.js'

/** The DaemonSet annotation holding the legacy template generation. */
export const templateGenerationAnnotation = 'deprecated.daemonset.template.generation'

/** The pod label holding the legacy template generation. */
export const podTemplateGenerationLabel = 'pod-template-generation'

/** The required-affinity field that names a node. */
export const nodeNameField = 'metadata.name'

/** Upstream `GetTemplateGeneration`: the annotation as a base-10 integer, else `undefined`. */
export const templateGeneration = (ds: DaemonSet): number | undefined => {
  const v = ds.metadata.annotations?.[templateGenerationAnnotation]
  return v !== undefined && /^[+-]?\d+$/.test(v) ? Number(v) : undefined
}

/**
 * Upstream `IsPodUpdated`: the pod carries the current revision hash, or the legacy
 * `pod-template-generation` label equal to the template generation.
 */
export const isPodUpdated = (pod: Pod, hash: string, generation: number | undefined): boolean => {
  const labels = pod.metadata.labels ?? {}
  return (
    (hash !== '' && labels[controllerRevisionHashLabel] === hash) ||
    (generation !== undefined && labels[podTemplateGenerationLabel] === String(generation))
  )
}

/**
 * Upstream `CreatePodTemplate`: the template with the daemon tolerations and the labels
 * `pod-template-generation` (when the generation is known) and `controller-revision-hash`
 * (when the hash is not empty).
 */
export const createPodTemplate = (template: PodTemplateSpec, generation: number | undefined, hash: string): PodTemplateSpec => {
  const labels = {
    ...template.metadata?.labels,
    ...(generation === undefined ? {} : { [podTemplateGenerationLabel]: String(generation) }),
    ...(hash === '' ? {} : { [controllerRevisionHashLabel]: hash }),
  }
  return { ...template, metadata: { ...template.metadata, labels }, spec: withDaemonTolerations(template.spec) }
}

/** The one required node-affinity term a daemon pod gets: `metadata.name In [node]`. */
export const nodeNameTerm = (node: string): NodeSelectorTerm => ({
  matchFields: [{ key: nodeNameField, operator: 'In', values: [node] }],
})

/**
 * Upstream `ReplaceDaemonSetPodNodeNameNodeAffinity`: required node affinity replaced by the one
 * term `metadata.name In [node]` (the user's required terms are dropped; preferred terms and pod
 * (anti-)affinity are kept).
 */
export const replaceNodeAffinity = (affinity: Affinity | undefined, node: string): Affinity => ({
  ...affinity,
  nodeAffinity: {
    ...affinity?.nodeAffinity,
    requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [nodeNameTerm(node)] },
  },
})

/** The `generateName` of a DaemonSet's pods: `<name>-` (upstream `getPodsPrefix`, names up to 252 characters). */
export const podsPrefix = (name: string): string => (name.length + 1 > 253 ? name : `${name}-`)

/**
 * The pod created for `node` from `template` (already through `createPodTemplate`): named by
 * `generateName`, in the DaemonSet's namespace, with the template's labels, annotations and
 * finalizers, a controller reference and the node-name affinity; no `spec.nodeName`.
 */
export const daemonPod = (ds: DaemonSet, template: PodTemplateSpec, node: string): Pod => {
  const tm = template.metadata ?? {}
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podsPrefix(ds.metadata.name ?? ''),
      ...(ds.metadata.namespace === undefined ? {} : { namespace: ds.metadata.namespace }),
      ...(tm.labels === undefined ? {} : { labels: tm.labels }),
      ...(tm.annotations === undefined ? {} : { annotations: tm.annotations }),
      ...(tm.finalizers === undefined ? {} : { finalizers: tm.finalizers }),
      ownerReferences: [newControllerRef(ds)],
    },
    spec: { ...template.spec, affinity: replaceNodeAffinity(template.spec.affinity, node) },
  }
}

/**
 * Upstream `GetTargetNodeName`: `spec.nodeName`, or else the value of the first
 * `metadata.name In` field requirement with exactly one value in the required node affinity;
 * `undefined` when there is none.
 */
export const targetNode = (pod: Pod): string | undefined => {
  const bound = pod.spec.nodeName ?? ''
  if (bound !== '') return bound
  for (const term of pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? []) {
    for (const f of term.matchFields ?? []) {
      if (f.key === nodeNameField && f.operator === 'In') return f.values?.length === 1 ? f.values[0] : undefined
    }
  }
  return undefined
}

/**
 * Upstream `podByCreationTimestampAndPhase`: bound pods first, then older first, then by name.
 * The first pod in this order is "the oldest" that survives duplicates and that status reads.
 */
export const oldestFirst = (a: Pod, b: Pod): number => {
  const ab = (a.spec.nodeName ?? '') !== ''
  const bb = (b.spec.nodeName ?? '') !== ''
  if (ab !== bb) return ab ? -1 : 1
  const ta = Date.parse(a.metadata.creationTimestamp ?? '') || 0
  const tb = Date.parse(b.metadata.creationTimestamp ?? '') || 0
  return ta !== tb ? ta - tb : compareStrings(a.metadata.name ?? '', b.metadata.name ?? '')
}
