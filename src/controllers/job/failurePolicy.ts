/**
 * The pod failure policy (upstream `matchPodFailurePolicy`): the first rule matching a failed
 * pod's container exit codes or conditions decides whether the failure counts, fails the Job,
 * or fails the pod's index.
 */
import type { ContainerStatus, Pod } from '../../api/pod.js'
import type { Job, PodFailurePolicyOnExitCodesRequirement, PodFailurePolicyOnPodConditionsPattern } from '../../api/workloads.js'
import { terminatedState } from './jobPods.js'

/** What the policy says about one failed pod. */
export interface PolicyMatch {
  /** Whether the failure counts toward the backoff limits (false for Ignore). */
  readonly countFailed: boolean
  /** The matching rule's action, when a rule matched. */
  readonly action?: 'FailJob' | 'FailIndex' | 'Ignore' | 'Count'
  /** For FailJob: the message of the Job's failure condition. */
  readonly message?: string
}

const noMatch: PolicyMatch = { countFailed: true }

const matchingContainer = (
  statuses: ReadonlyArray<ContainerStatus> | undefined,
  r: PodFailurePolicyOnExitCodesRequirement,
): { readonly name: string; readonly exitCode: number } | undefined => {
  for (const s of statuses ?? []) {
    const t = terminatedState(s.state)
    if (t === undefined) continue
    if (r.containerName !== undefined && r.containerName !== s.name) continue
    if (t.exitCode === 0) continue
    const listed = r.values.includes(t.exitCode)
    if ((r.operator === 'In' && listed) || (r.operator === 'NotIn' && !listed)) return { name: s.name, exitCode: t.exitCode }
  }
  return undefined
}

/** The first of the pod's conditions (in the pod's order) that some pattern matches by type and status. */
const matchingCondition = (pod: Pod, patterns: ReadonlyArray<PodFailurePolicyOnPodConditionsPattern>): string | undefined => {
  for (const c of pod.status?.conditions ?? []) {
    if (patterns.some((p) => c.type === p.type && c.status === (p.status ?? 'True'))) return c.type
  }
  return undefined
}

/** The policy's verdict on a failed pod: the first matching rule with a known action; no rule counts the failure. */
export const matchPodFailurePolicy = (job: Job, pod: Pod): PolicyMatch => {
  const rules = job.spec.podFailurePolicy?.rules ?? []
  const where = `${pod.metadata.namespace ?? ''}/${pod.metadata.name ?? ''}`
  for (const [i, rule] of rules.entries()) {
    let failJobMessage: string | undefined
    if (rule.onExitCodes !== undefined) {
      const c = matchingContainer(pod.status?.containerStatuses, rule.onExitCodes) ?? matchingContainer(pod.status?.initContainerStatuses, rule.onExitCodes)
      if (c === undefined) continue
      failJobMessage = `Container ${c.name} for pod ${where} failed with exit code ${c.exitCode} matching FailJob rule at index ${i}`
    } else if (rule.onPodConditions !== undefined) {
      const type = matchingCondition(pod, rule.onPodConditions)
      if (type === undefined) continue
      failJobMessage = `Pod ${where} has condition ${type} matching FailJob rule at index ${i}`
    } else {
      continue
    }
    switch (rule.action) {
      case 'Ignore':
        return { countFailed: false, action: 'Ignore' }
      case 'Count':
        return { countFailed: true, action: 'Count' }
      case 'FailIndex':
        return { countFailed: true, action: 'FailIndex' }
      case 'FailJob':
        return { countFailed: true, action: 'FailJob', message: failJobMessage }
    }
  }
  return noMatch
}

/** Whether a failed pod's failure counts (no policy: always). */
export const countsAsFailure = (job: Job, pod: Pod): boolean =>
  job.spec.podFailurePolicy === undefined || matchPodFailurePolicy(job, pod).countFailed
