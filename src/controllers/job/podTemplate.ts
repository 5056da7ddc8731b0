/**
 * The pods a Job creates (upstream `manageJob`'s creation part): the template with the tracking
 * finalizer and the controller reference; for Indexed Jobs the completion index as annotation,
 * label and `JOB_COMPLETION_INDEX` env var, the hostname and the `<job>-<index>-` name prefix;
 * with backoffLimitPerIndex the failure counts carried over from the pod it replaces.
 */
import type { Container, Pod } from '../../api/pod.js'
import type { Job } from '../../api/workloads.js'
import { newControllerRef } from '../../core/ownership.js'
import { matchPodFailurePolicy } from './failurePolicy.js'
import { hasBackoffLimitPerIndex, indexFailureCount, indexIgnoredFailureCount } from './jobPods.js'
import {
  completionIndexEnv,
  completionIndexKey,
  indexFailureCountKey,
  indexIgnoredFailureCountKey,
  maxGeneratedNameLength,
  trackingFinalizer,
} from './keys.js'

/** Upstream `podGenerateNameWithIndex`: `<job>-<index>-`, the job name cut so the prefix fits 58 characters. */
export const generateNameWithIndex = (jobName: string, index: number): string => {
  const suffix = `-${index}-`
  const prefix = `${jobName}${suffix}`
  return prefix.length > maxGeneratedNameLength ? `${prefix.slice(0, maxGeneratedNameLength - suffix.length)}${suffix}` : prefix
}

const indexEnv = {
  name: completionIndexEnv,
  valueFrom: { fieldRef: { fieldPath: `metadata.labels['${completionIndexKey}']` } },
}

const hasIndexEnv = (c: Container): boolean =>
  (c.env ?? []).some((e) => typeof e === 'object' && e !== null && (e as { readonly name?: unknown }).name === completionIndexEnv)

const withIndexEnv = (c: Container): Container => (hasIndexEnv(c) ? c : { ...c, env: [...(c.env ?? []), indexEnv] })

/** Upstream `getNewIndexFailureCounts`: the counts of the pod replacing `replaced` (none: a first pod, 0 and 0). */
export const newIndexFailureCounts = (job: Job, replaced: Pod | undefined): { readonly failures: number; readonly ignored: number } => {
  if (replaced === undefined) return { failures: 0, ignored: 0 }
  const failures = indexFailureCount(replaced)
  const ignored = indexIgnoredFailureCount(replaced)
  const counted = job.spec.podFailurePolicy === undefined || matchPodFailurePolicy(job, replaced).countFailed
  return counted ? { failures: failures + 1, ignored } : { failures, ignored: ignored + 1 }
}

/**
 * The pod to create for `job`; `index` for an Indexed Job, with `replaced` the failed pod of that
 * index it replaces (backoffLimitPerIndex).
 */
export const podFor = (job: Job, index?: number, replaced?: Pod): Pod => {
  const t = job.spec.template
  const meta = t.metadata ?? {}
  const name = job.metadata.name ?? ''
  const indexed = index !== undefined
  const counts = indexed && hasBackoffLimitPerIndex(job) ? newIndexFailureCounts(job, replaced) : undefined
  const annotations = {
    ...meta.annotations,
    ...(indexed ? { [completionIndexKey]: String(index) } : {}),
    ...(counts === undefined ? {} : { [indexFailureCountKey]: String(counts.failures) }),
    ...(counts !== undefined && counts.ignored > 0 ? { [indexIgnoredFailureCountKey]: String(counts.ignored) } : {}),
  }
  const labels = { ...meta.labels, ...(indexed ? { [completionIndexKey]: String(index) } : {}) }
  const { name: _n, namespace: _ns, uid: _u, resourceVersion: _rv, ownerReferences: _o, finalizers, ...rest } = meta
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      ...rest,
      generateName: indexed ? generateNameWithIndex(name, index) : `${name}-`,
      ...(job.metadata.namespace === undefined ? {} : { namespace: job.metadata.namespace }),
      ...(Object.keys(labels).length === 0 ? {} : { labels }),
      ...(Object.keys(annotations).length === 0 ? {} : { annotations }),
      ownerReferences: [newControllerRef(job)],
      finalizers: (finalizers ?? []).includes(trackingFinalizer) ? finalizers ?? [] : [...(finalizers ?? []), trackingFinalizer],
    },
    spec: indexed
      ? {
          ...t.spec,
          hostname: `${name}-${index}`,
          containers: t.spec.containers.map(withIndexEnv),
          ...(t.spec.initContainers === undefined ? {} : { initContainers: t.spec.initContainers.map(withIndexEnv) }),
        }
      : t.spec,
  }
}
