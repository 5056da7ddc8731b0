/**
 * The Job's pod failure policy, success policy and per-index failure accounting, with upstream's
 * tables: `pod_failure_policy_test.go` (TestMatchPodFailurePolicy), `success_policy_test.go`
 * (TestMatchSuccessPolicy) and `indexed_job_utils_test.go` (TestIsIndexFailed,
 * TestCalculateFailedIndexes, TestGetPodsWithDelayedDeletionPerIndex,
 * TestGetNewIndexFailureCountValue, TestGetIndexFailureCount). Feature gates are all on (v1.33).
 */
import { describe, expect, it } from 'vitest'
import type { Indexes as IndexSet } from '../../../src/api/jobIndexes.js'
import type { Condition } from '../../../src/api/meta.js'
import type { ContainerStatus, Pod } from '../../../src/api/pod.js'
import type { Job, PodFailurePolicyRule, SuccessPolicy } from '../../../src/api/workloads.js'
import { countedFailures, failedIndexes, isIndexFailed, succeededIndexes } from '../../../src/controllers/job/counting.js'
import { countsAsFailure, matchPodFailurePolicy } from '../../../src/controllers/job/failurePolicy.js'
import {
  completionIndex,
  hasBackoffLimitPerIndex,
  hasValidIndex,
  indexAbsoluteFailureCount,
  indexFailureCount,
  indexIgnoredFailureCount,
  isPodFailed,
} from '../../../src/controllers/job/jobPods.js'
import { newIndexFailureCounts } from '../../../src/controllers/job/podTemplate.js'
import { delayedDeletions } from '../../../src/controllers/job/reconcile.js'
import { matchSuccessPolicy, successPolicyMessage } from '../../../src/controllers/job/successPolicy.js'
import { isActive } from '../../../src/core/pods.js'
import { job, maxInt32, pod } from './fixtures.js'

const iv = (...pairs: ReadonlyArray<readonly [number, number]>): IndexSet => pairs.map(([first, last]) => ({ first, last }))

/** A terminated container status without a finish time. */
const exited = (name: string, exitCode: number): ContainerStatus => ({ name, state: { terminated: { exitCode } } })
const disruption = (status: 'True' | 'False' | 'Unknown' = 'True'): Condition => ({ type: 'DisruptionTarget', status })
const onCodes = (action: string, operator: string, values: ReadonlyArray<number>, containerName?: string): PodFailurePolicyRule => ({
  action,
  onExitCodes: { operator, values, ...(containerName === undefined ? {} : { containerName }) },
})
const onConditions = (action: string, ...patterns: ReadonlyArray<{ readonly type: string; readonly status?: string }>): PodFailurePolicyRule => ({
  action,
  onPodConditions: patterns,
})
const withRules = (...rules: ReadonlyArray<PodFailurePolicyRule>): Job => job({ podFailurePolicy: { rules } })
/** A failed pod `mypod` in `default`. */
const failedPod = (o: { readonly containers?: ReadonlyArray<ContainerStatus>; readonly init?: ReadonlyArray<ContainerStatus>; readonly conditions?: ReadonlyArray<Condition> }): Pod =>
  pod('mypod', {
    phase: 'Failed',
    containers: o.containers ?? [],
    ...(o.init === undefined ? {} : { initContainers: o.init }),
    ...(o.conditions === undefined ? {} : { conditions: o.conditions }),
  })

const failJobMsg = (container: string, code: number, rule: number): string =>
  `Container ${container} for pod default/mypod failed with exit code ${code} matching FailJob rule at index ${rule}`

describe('matchPodFailurePolicy (upstream TestMatchPodFailurePolicy)', () => {
  type Row = readonly [string, Job, Pod, { readonly countFailed: boolean; readonly action?: string; readonly message?: string }]
  const rows: ReadonlyArray<Row> = [
    [
      'unknown action for rule matching by exit codes - skip rule with unknown action',
      withRules(onCodes('UnknownAction', 'In', [1, 2]), onCodes('FailJob', 'In', [2, 3])),
      failedPod({ containers: [exited('main-container', 2)] }),
      { countFailed: true, action: 'FailJob', message: failJobMsg('main-container', 2, 1) },
    ],
    [
      'unknown action for rule matching by pod conditions - skip rule with unknown action',
      withRules(onConditions('UnkonwnAction', { type: 'DisruptionTarget', status: 'True' }), onConditions('Ignore', { type: 'DisruptionTarget', status: 'True' })),
      failedPod({ conditions: [disruption()] }),
      { countFailed: false, action: 'Ignore' },
    ],
    [
      'unknown operator - rule with unknown action is skipped for onExitCodes',
      withRules(onCodes('Ignore', 'UnknownOperator', [1, 2]), onCodes('FailJob', 'In', [2, 3])),
      failedPod({ containers: [exited('main-container', 2)] }),
      { countFailed: true, action: 'FailJob', message: failJobMsg('main-container', 2, 1) },
    ],
    ['no policy rules', job(), failedPod({ containers: [exited('main', 2)] }), { countFailed: true }],
    ['ignore rule matched for exit codes', withRules(onCodes('Ignore', 'In', [1, 2, 3])), failedPod({ containers: [exited('main', 2)] }), { countFailed: false, action: 'Ignore' }],
    [
      'FailJob rule matched for exit codes',
      withRules(onCodes('FailJob', 'In', [1, 2, 3])),
      failedPod({ containers: [exited('main-container', 2)] }),
      { countFailed: true, action: 'FailJob', message: failJobMsg('main-container', 2, 0) },
    ],
    [
      'successful containers are skipped by the rules',
      withRules(onCodes('FailJob', 'NotIn', [111])),
      failedPod({ init: [exited('init-container', 0)], containers: [exited('main-container', 111), exited('suppport-container', 0)] }),
      { countFailed: true },
    ],
    [
      'FailIndex rule matched for exit codes',
      job({ indexed: true, completions: 2, backoffLimitPerIndex: 1, podFailurePolicy: { rules: [onCodes('FailIndex', 'In', [1, 2, 3])] } }),
      failedPod({ containers: [exited('main', 2)] }),
      { countFailed: true, action: 'FailIndex' },
    ],
    [
      'pod failure policy with NotIn operator and value 0',
      withRules(onCodes('FailJob', 'NotIn', [0])),
      failedPod({ containers: [exited('main-container', 1), exited('suppport-container', 0)] }),
      { countFailed: true, action: 'FailJob', message: failJobMsg('main-container', 1, 0) },
    ],
    [
      'second jobfail rule matched for exit codes',
      withRules(onCodes('Count', 'In', [1, 2, 3]), onCodes('FailJob', 'In', [4, 5, 6])),
      failedPod({ containers: [exited('main-container', 6)] }),
      { countFailed: true, action: 'FailJob', message: failJobMsg('main-container', 6, 1) },
    ],
    [
      'count rule matched for exit codes',
      withRules(onCodes('Count', 'In', [1, 2, 3])),
      failedPod({ containers: [{ name: 'foo' }, exited('bar', 2)] }),
      { countFailed: true, action: 'Count' },
    ],
    [
      'FailIndex rule matched for pod conditions',
      job({ indexed: true, completions: 2, backoffLimitPerIndex: 1, podFailurePolicy: { rules: [onConditions('FailIndex', { type: 'DisruptionTarget', status: 'True' })] } }),
      failedPod({ conditions: [disruption()] }),
      { countFailed: true, action: 'FailIndex' },
    ],
    ['ignore rule matched for pod conditions', withRules(onConditions('Ignore', { type: 'DisruptionTarget', status: 'True' })), failedPod({ conditions: [disruption()] }), { countFailed: false, action: 'Ignore' }],
    [
      'ignore rule matches by the status=False',
      withRules(onConditions('Ignore', { type: 'DisruptionTarget', status: 'False' })),
      failedPod({ conditions: [disruption('False')] }),
      { countFailed: false, action: 'Ignore' },
    ],
    [
      'ignore rule matches by the status=Unknown',
      withRules(onConditions('Ignore', { type: 'DisruptionTarget', status: 'Unknown' })),
      failedPod({ conditions: [disruption('Unknown')] }),
      { countFailed: false, action: 'Ignore' },
    ],
    [
      'ignore rule does not match when status for pattern is False, but actual True',
      withRules(onConditions('Ignore', { type: 'DisruptionTarget', status: 'False' })),
      failedPod({ conditions: [disruption('True')] }),
      { countFailed: true },
    ],
    [
      'ignore rule does not match when status for pattern is True, but actual False',
      withRules(onConditions('Ignore', { type: 'DisruptionTarget', status: 'True' })),
      failedPod({ conditions: [disruption('False')] }),
      { countFailed: true },
    ],
    [
      'job fail rule matched for pod conditions',
      withRules(onConditions('FailJob', { type: 'DisruptionTarget', status: 'True' })),
      failedPod({ conditions: [disruption()] }),
      { countFailed: true, action: 'FailJob', message: 'Pod default/mypod has condition DisruptionTarget matching FailJob rule at index 0' },
    ],
    ['count rule matched for pod conditions', withRules(onConditions('Count', { type: 'DisruptionTarget', status: 'True' })), failedPod({ conditions: [disruption()] }), { countFailed: true, action: 'Count' }],
    [
      'no rule matched (the first rule, Count NotIn [8], takes exit code 32)',
      withRules(
        onCodes('Count', 'NotIn', [8]),
        onCodes('Ignore', 'In', [1, 2, 3]),
        onCodes('FailJob', 'NotIn', [5, 6, 7]),
        onConditions('Count', { type: 'ResourceLimitExceeded', status: 'True' }),
        onConditions('Ignore', { type: 'DisruptionTarget', status: 'True' }),
      ),
      failedPod({ containers: [exited('main', 32)] }),
      { countFailed: true, action: 'Count' },
    ],
    // TestSyncJobWithJobPodFailurePolicy's single-pod rows
    [
      'the container matching the exit codes does not match the containerName restriction',
      withRules(onCodes('Ignore', 'In', [1, 2, 3], 'main-container'), onCodes('FailJob', 'In', [5, 6, 7], 'main-container')),
      failedPod({ containers: [exited('monitoring-container', 5), exited('main-container', 42)] }),
      { countFailed: true },
    ],
    [
      'an init container matches when no regular container does',
      withRules(onCodes('Ignore', 'In', [1, 2, 3]), onCodes('FailJob', 'In', [5, 6, 7])),
      failedPod({ init: [exited('init-container', 5)], containers: [exited('main-container', 143)] }),
      { countFailed: true, action: 'FailJob', message: failJobMsg('init-container', 5, 1) },
    ],
    [
      'both rules match; the first is executed only',
      withRules(onCodes('Ignore', 'In', [1, 2, 3]), onCodes('FailJob', 'In', [5, 6, 7])),
      failedPod({ containers: [exited('container1', 2), exited('container2', 6)] }),
      { countFailed: false, action: 'Ignore' },
    ],
    [
      'Count before Ignore on pod conditions',
      withRules(onConditions('Count', { type: 'ResourceLimitExceeded', status: 'True' }), onConditions('Ignore', { type: 'DisruptionTarget', status: 'True' })),
      failedPod({ conditions: [{ type: 'ResourceLimitExceeded', status: 'True' }, disruption()] }),
      { countFailed: true, action: 'Count' },
    ],
    [
      'a regular container is matched before an init container',
      withRules(onCodes('FailJob', 'In', [3, 4])),
      failedPod({ init: [exited('init', 3)], containers: [exited('main', 4)] }),
      { countFailed: true, action: 'FailJob', message: failJobMsg('main', 4, 0) },
    ],
    ['a rule with neither requirement never matches', withRules({ action: 'FailJob' }), failedPod({ containers: [exited('main', 1)], conditions: [disruption()] }), { countFailed: true }],
    [
      'a container still running has no exit code to match',
      withRules(onCodes('FailJob', 'NotIn', [0])),
      failedPod({ containers: [{ name: 'main', state: { running: {} } }, { name: 'side', state: 'weird' }] }),
      { countFailed: true },
    ],
    [
      'a pattern without status matches a True condition (the API server defaults it)',
      withRules(onConditions('Ignore', { type: 'DisruptionTarget' })),
      failedPod({ conditions: [disruption('True')] }),
      { countFailed: false, action: 'Ignore' },
    ],
    [
      'a pattern without status does not match a False condition',
      withRules(onConditions('Ignore', { type: 'DisruptionTarget' })),
      failedPod({ conditions: [disruption('False')] }),
      { countFailed: true },
    ],
    [
      'an exit code with a non-numeric value counts as 0 and never matches',
      withRules(onCodes('FailJob', 'NotIn', [1])),
      failedPod({ containers: [{ name: 'main', state: { terminated: { exitCode: 'x' } } }] }),
      { countFailed: true },
    ],
  ]

  it.each(rows)('%s', (_name, j, p, want) => {
    expect(matchPodFailurePolicy(j, p)).toEqual(want)
    expect(countsAsFailure(j, p)).toBe(want.countFailed)
  })

  // Upstream matchOnPodConditions walks the pod's conditions and, for each, the
  // rule's patterns (pod_failure_policy.go @95f08499), so the FailJob message names the first
  // matching condition *of the pod*; ours walks the patterns first and names the first matching
  // *pattern*.
  it('names the first matching condition in the pod order in the FailJob message', () => {
    const j = withRules(onConditions('FailJob', { type: 'DisruptionTarget', status: 'True' }, { type: 'ConfigIssue', status: 'True' }))
    const p = failedPod({ conditions: [{ type: 'ConfigIssue', status: 'True' }, disruption()] })
    expect(matchPodFailurePolicy(j, p).message).toBe('Pod default/mypod has condition ConfigIssue matching FailJob rule at index 0')
  })

  it('names the pod by namespace and name in the messages', () => {
    const j = withRules(onCodes('FailJob', 'In', [7]))
    const p = pod('worker-x', { namespace: 'batch', phase: 'Failed', containers: [exited('c', 7)] })
    expect(matchPodFailurePolicy(j, p).message).toBe('Container c for pod batch/worker-x failed with exit code 7 matching FailJob rule at index 0')
  })

  it('countedFailures leaves out the failures an Ignore rule matched', () => {
    const j = withRules(onCodes('Ignore', 'In', [3]))
    const pods = [failedPod({ containers: [exited('main', 3)] }), failedPod({ containers: [exited('main', 4)] }), failedPod({ containers: [exited('main', 5)] })]
    expect(countedFailures(j, pods)).toBe(2)
    expect(countedFailures(job(), pods)).toBe(3)
  })
})

describe('matchSuccessPolicy (upstream TestMatchSuccessPolicy)', () => {
  type Row = readonly [string, SuccessPolicy | undefined, IndexSet, string | undefined]
  const idx = (succeededIndexes: string, succeededCount?: number) => ({ succeededIndexes, ...(succeededCount === undefined ? {} : { succeededCount }) })
  const rows: ReadonlyArray<Row> = [
    ['successPolicy is null', undefined, iv([0, 0]), undefined],
    ['any rules are nothing', { rules: [] }, iv([0, 0]), undefined],
    ['rules.succeededIndexes is invalid format', { rules: [idx('invalid-form')] }, iv([0, 0]), undefined],
    ['succeededIndexes matched rules', { rules: [idx('0-2')] }, iv([0, 2], [4, 7]), 'Matched rules at index 0'],
    ["succeededIndexes didn't match rules", { rules: [idx('3')] }, iv([0, 2]), undefined],
    ['succeededCount matched', { rules: [{ succeededCount: 2 }] }, iv([0, 2]), 'Matched rules at index 0'],
    ["succeededCount didn't match", { rules: [{ succeededCount: 4 }] }, iv([0, 2]), undefined],
    ['multiple rules; one met', { rules: [idx('9'), idx('4,6')] }, iv([0, 2], [4, 7]), 'Matched rules at index 1'],
    ['multiple rules; all met, the first reported', { rules: [idx('0,1'), idx('5')] }, iv([0, 2], [4, 7]), 'Matched rules at index 0'],
    ['succeededIndexes and succeededCount; met', { rules: [idx('3-6', 2)] }, iv([0, 2], [4, 7]), 'Matched rules at index 0'],
    ["succeededIndexes and succeededCount; didn't match", { rules: [idx('3-6', 2)] }, iv([0, 2], [6, 7]), undefined],
    ['succeededIndexes are nothing', { rules: [{ succeededCount: 4 }] }, [], undefined],
    ['rules is proper subset of succeededIndexes', { rules: [idx('2-4,6-8')] }, iv([1, 5], [6, 9]), 'Matched rules at index 0'],
    ['rules equals succeededIndexes', { rules: [idx('2-4,6-9')] }, iv([2, 4], [6, 9]), 'Matched rules at index 0'],
    ['rules is subset of succeededIndexes', { rules: [idx('2-4,8-12')] }, iv([2, 5], [7, 15]), 'Matched rules at index 0'],
    ['rules is an empty set', { rules: [idx('')] }, iv([1, 3]), undefined],
    ['succeededIndexes is an empty set', { rules: [idx('')] }, [], undefined],
    ["all rule indexes beyond completions", { rules: [idx('10-12,14-16')] }, iv([1, 3], [5, 7]), undefined],
    ['rules overlaps succeededIndexes at first', { rules: [idx('1-3,5-7')] }, iv([2, 4], [6, 8]), undefined],
    ['rules overlaps succeededIndexes at first; with count', { rules: [idx('1-3,5-7', 4)] }, iv([2, 4], [6, 8]), 'Matched rules at index 0'],
    ['rules overlaps succeededIndexes at last', { rules: [idx('2-4,6-9')] }, iv([1, 3], [5, 7]), undefined],
    ['rules overlaps succeededIndexes at last; with count', { rules: [idx('2-4,6-9', 4)] }, iv([1, 3], [5, 7]), 'Matched rules at index 0'],
    ['rules completely overlaps succeededIndexes', { rules: [idx('0-4,6-9')] }, iv([1, 3], [7, 8]), undefined],
    ['rules completely overlaps succeededIndexes; with count', { rules: [idx('0-4,6-9', 5)] }, iv([1, 3], [7, 8]), 'Matched rules at index 0'],
    ['rules overlaps multiple succeededIndexes at last', { rules: [idx('0-6,8-9')] }, iv([1, 3], [5, 9]), undefined],
    ['rules overlaps multiple succeededIndexes at last; with count', { rules: [idx('0-6,8-9', 7)] }, iv([1, 3], [5, 9]), 'Matched rules at index 0'],
    ['overlap at first, equal at last', { rules: [idx('0-5,7-9')] }, iv([1, 5], [7, 10]), undefined],
    ['overlap at first, equal at last; with count', { rules: [idx('0-5,7-9', 8)] }, iv([1, 5], [7, 10]), 'Matched rules at index 0'],
    ['the first rule overlaps succeededIndexes at first', { rules: [idx('0-3,6-9')] }, iv([1, 10]), undefined],
    ['the first rule overlaps succeededIndexes at first; with count', { rules: [idx('0-3,6-9', 7)] }, iv([1, 10]), 'Matched rules at index 0'],
    ['a count-only rule after a failing indexes rule', { rules: [idx('8,9'), { succeededCount: 3 }] }, iv([0, 2]), 'Matched rules at index 1'],
    ['a rule with neither field is skipped', { rules: [{}, { succeededCount: 1 }] }, iv([0, 0]), 'Matched rules at index 1'],
  ]

  it.each(rows)('%s', (_name, policy, succeeded, want) => {
    expect(matchSuccessPolicy(policy, 10, succeeded)).toBe(want)
  })

  it('formats the message with the rule index', () => {
    expect(successPolicyMessage(3)).toBe('Matched rules at index 3')
  })

  // Upstream matchSucceededIndexesRule matches when `succeededCount != nil &&
  // contains >= succeededCount` (success_policy.go @4a37f009), so a valid rule with
  // succeededCount 0 matches as soon as any index succeeded; ours also requires one of the
  // rule's own indexes to have succeeded.
  it('a rule with succeededCount 0 matches once any index succeeded', () => {
    expect(matchSuccessPolicy({ rules: [idx('5', 0)] }, 10, iv([0, 0]))).toBe('Matched rules at index 0')
  })
})

describe('completion index and failure-count annotations', () => {
  // upstream getCompletionIndex and TestGetIndexFailureCount
  it.each<readonly [string | undefined, number]>([
    [undefined, -1],
    ['0', 0],
    ['12', 12],
    ['+3', 3],
    ['-2', -1],
    ['invalid', -1],
    ['1e3', -1],
    ['', -1],
    ['99999999999999999999', -1],
  ])('completionIndex(%j) = %d', (v, want) => {
    expect(completionIndex(pod('a', v === undefined ? {} : { index: v }))).toBe(want)
  })

  it('hasValidIndex: an index in [0, completions)', () => {
    expect(hasValidIndex(pod('a', { index: 0 }), 1)).toBe(true)
    expect(hasValidIndex(pod('a', { index: 1 }), 1)).toBe(false)
    expect(hasValidIndex(pod('a'), 1)).toBe(false)
  })

  it.each<readonly [string, string | undefined, number]>([
    ['no annotation', undefined, 0],
    ['valid value', '2', 2],
    ['valid maxint32 value', String(maxInt32), maxInt32],
    ['too large value', String(maxInt32 + 1), 0],
    ['negative value', '-1', 0],
    ['invalid int value', 'xyz', 0],
  ])('indexFailureCount: %s', (_name, v, want) => {
    const p = pod('a', v === undefined ? {} : { failureCount: v, ignoredCount: v })
    expect(indexFailureCount(p)).toBe(want)
    expect(indexIgnoredFailureCount(p)).toBe(want)
  })

  // upstream isPodFailed
  it.each<readonly [string, Job, Pod, boolean]>([
    ['a Failed pod', job(), pod('a', { phase: 'Failed' }), true],
    ['a running pod', job(), pod('a'), false],
    ['a terminating pod (TerminatingOrFailed)', job(), pod('a', { deleting: true }), true],
    ['a terminating pod (Failed)', job({ podReplacementPolicy: 'Failed' }), pod('a', { deleting: true }), false],
    ['a terminating pod (pod failure policy)', job({ podFailurePolicy: { rules: [] } }), pod('a', { deleting: true }), false],
    ['a Failed pod being deleted (Failed)', job({ podReplacementPolicy: 'Failed' }), pod('a', { phase: 'Failed', deleting: true }), true],
    ['a Succeeded pod being deleted', job(), pod('a', { phase: 'Succeeded', deleting: true }), false],
  ])('isPodFailed: %s', (_name, j, p, want) => {
    expect(isPodFailed(p, j)).toBe(want)
  })

  it('backoffLimitPerIndex applies to Indexed Jobs only', () => {
    expect(hasBackoffLimitPerIndex(job({ indexed: true, completions: 2, backoffLimitPerIndex: 0 }))).toBe(true)
    expect(hasBackoffLimitPerIndex(job({ indexed: true, completions: 2 }))).toBe(false)
    expect(hasBackoffLimitPerIndex(job({ backoffLimitPerIndex: 1 }))).toBe(false)
  })

  it('indexAbsoluteFailureCount adds counted and ignored failures', () => {
    expect(indexAbsoluteFailureCount(pod('a', { failureCount: 2, ignoredCount: 3 }))).toBe(5)
    expect(indexAbsoluteFailureCount(pod('a', { failureCount: 2 }))).toBe(2)
  })
})

describe('isIndexFailed (upstream TestIsIndexFailed)', () => {
  const perIndex = (limit: number, rules?: ReadonlyArray<PodFailurePolicyRule>): Job =>
    job({ indexed: true, completions: 2, parallelism: 2, backoffLimitPerIndex: limit, ...(rules === undefined ? {} : { podFailurePolicy: { rules } }) })

  it.each<readonly [string, Job, Pod, boolean]>([
    ['failed pod exceeding backoffLimitPerIndex, when backoffLimitPerIndex=0', perIndex(0), pod('a', { phase: 'Failed', index: 0, failureCount: 0 }), true],
    ['failed pod exceeding backoffLimitPerIndex, when backoffLimitPerIndex=1', perIndex(1), pod('a', { phase: 'Failed', index: 1, failureCount: 1 }), true],
    ['matching FailIndex pod failure policy', perIndex(1, [onCodes('FailIndex', 'In', [3])]), pod('a', { phase: 'Failed', index: 0, failureCount: 0, exitCode: 3 }), true],
    ['a failure below the limit', perIndex(1), pod('a', { phase: 'Failed', index: 0, failureCount: 0 }), false],
    ['a running pod', perIndex(0), pod('a', { index: 0, failureCount: 5 }), false],
    ['an Ignored failure does not fail the index', perIndex(0, [onCodes('Ignore', 'In', [3])]), pod('a', { phase: 'Failed', index: 0, failureCount: 4, exitCode: 3 }), false],
    ['a Count rule counts as usual', perIndex(0, [onCodes('Count', 'In', [3])]), pod('a', { phase: 'Failed', index: 0, failureCount: 0, exitCode: 3 }), true],
    ['no rule matched counts as usual', perIndex(1, [onCodes('Ignore', 'In', [9])]), pod('a', { phase: 'Failed', index: 0, failureCount: 1, exitCode: 3 }), true],
    [
      'a terminating pod is failed under TerminatingOrFailed',
      job({ indexed: true, completions: 2, backoffLimitPerIndex: 0 }),
      pod('a', { index: 0, deleting: true }),
      true,
    ],
  ])('%s', (_name, j, p, want) => {
    expect(isIndexFailed(j, p)).toBe(want)
  })
})

describe('failedIndexes (upstream TestCalculateFailedIndexes)', () => {
  const j = (limit: number, failedIx?: string): Job =>
    job({ indexed: true, completions: 2, parallelism: 2, backoffLimitPerIndex: limit, ...(failedIx === undefined ? {} : { status: { failedIndexes: failedIx } }) })

  it.each<readonly [string, Job, ReadonlyArray<Pod>, IndexSet]>([
    [
      'one new index failed',
      j(1),
      [pod('a', { phase: 'Failed', index: 0, failureCount: 0 }), pod('b', { phase: 'Failed', index: 1, failureCount: 1 })],
      iv([1, 1]),
    ],
    ['pod without finalizer is ignored', j(0), [pod('a', { phase: 'Failed', index: 0, failureCount: 0, tracked: false })], []],
    ['pod outside completions is ignored', j(0), [pod('a', { phase: 'Failed', index: 3, failureCount: 0 })], []],
    ['extend the failed indexes', j(0, '0'), [pod('a', { phase: 'Failed', index: 1, failureCount: 0 })], iv([0, 1])],
    ['prev failed indexes empty', j(0, ''), [pod('a', { phase: 'Failed', index: 1, failureCount: 0 })], iv([1, 1])],
    ['prev failed indexes outside the completions', j(0, '9'), [pod('a', { phase: 'Failed', index: 1, failureCount: 0 })], iv([1, 1])],
  ])('%s', (_name, jb, pods, want) => {
    expect(failedIndexes(jb, pods)).toEqual(want)
  })
})

describe('delayed finalizer removal per index (upstream TestGetPodsWithDelayedDeletionPerIndex)', () => {
  const delayed = (jb: Job, pods: ReadonlyArray<Pod>): ReadonlyArray<string> => {
    const out = delayedDeletions(jb, pods, pods.filter(isActive), succeededIndexes(jb, pods), failedIndexes(jb, pods))
    return [...out.values()].map((p) => p.metadata.uid ?? '').sort()
  }
  const j = (completions: number, limit: number, status = {}): Job =>
    job({ indexed: true, completions, parallelism: completions, backoffLimitPerIndex: limit, status })
  /** A failed pod of index `ix` whose finish time is its deletion, `deletedAgo` seconds ago. */
  const gone = (uid: string, ix: number, count: number, deletedAgo: number): Pod =>
    pod(uid, { phase: 'Failed', index: ix, failureCount: count, containers: [], deleting: true, deletedAgo, grace: 0 })

  it.each<readonly [string, Job, ReadonlyArray<Pod>, ReadonlyArray<string>]>([
    [
      'failed pods corresponding to non-failed indexes are kept',
      j(3, 1),
      [
        pod('a', { phase: 'Failed', index: 0, failureCount: 0 }),
        pod('b', { phase: 'Failed', index: 1, failureCount: 1 }),
        pod('c', { phase: 'Failed', index: 2, failureCount: 0 }),
      ],
      ['uid-a', 'uid-c'],
    ],
    ["failed pod without finalizer; the pod's deletion is not delayed as it already started", j(2, 0), [pod('a', { phase: 'Failed', index: 0, failureCount: 0, tracked: false })], []],
    ['failed pod with index outside of completions', j(2, 0), [pod('a', { phase: 'Failed', index: 4, failureCount: 0 })], []],
    [
      'failed pod for active index; already replaced',
      j(2, 1),
      [pod('a1', { phase: 'Failed', index: 0, failureCount: 0 }), pod('a2', { phase: 'Running', index: 0, failureCount: 1 })],
      [],
    ],
    [
      'failed pod for succeeded index; already replaced',
      j(2, 1),
      [pod('a1', { phase: 'Failed', index: 0, failureCount: 0 }), pod('a2', { phase: 'Succeeded', index: 0, failureCount: 1 })],
      [],
    ],
    [
      'multiple failed pods for index with different failure count; only the pod with highest failure count is kept',
      j(2, 4),
      [
        pod('a1', { phase: 'Failed', index: 0, failureCount: 0 }),
        pod('a3', { phase: 'Failed', index: 0, failureCount: 2 }),
        pod('a2', { phase: 'Failed', index: 0, failureCount: 1 }),
      ],
      ['uid-a3'],
    ],
    [
      'multiple failed pods for index with different finish times; only the last failed pod is kept',
      j(2, 4),
      [gone('a1', 0, 1, 1), gone('a3', 0, 1, 0), gone('a2', 0, 1, 2)],
      ['uid-a3'],
    ],
    [
      'ignored failures count toward the absolute failure count',
      j(2, 4),
      [pod('a1', { phase: 'Failed', index: 0, failureCount: 1 }), pod('a2', { phase: 'Failed', index: 0, failureCount: 0, ignoredCount: 2 })],
      ['uid-a2'],
    ],
    // ours: a pod already recorded as uncounted failed is being counted, like upstream's expected finalizer removal
    ['a failed pod already in uncountedTerminatedPods.failed', j(2, 0, { uncountedTerminatedPods: { failed: ['uid-a'] } }), [pod('a', { phase: 'Failed', index: 0, failureCount: 0 })], []],
    ['a running pod is never delayed', j(2, 1), [pod('a', { index: 0 })], []],
  ])('%s', (_name, jb, pods, want) => {
    expect(delayed(jb, pods)).toEqual(want)
  })
})

describe('newIndexFailureCounts (upstream TestGetNewIndexFailureCountValue)', () => {
  const ignoreDisruption = job({ indexed: true, completions: 4, backoffLimitPerIndex: 1, podFailurePolicy: { rules: [onConditions('Ignore', { type: 'DisruptionTarget', status: 'True' })] } })

  it.each<readonly [string, Job, Pod | undefined, { readonly failures: number; readonly ignored: number }]>([
    ['first pod created', job(), undefined, { failures: 0, ignored: 0 }],
    ['failed pod being replaced with 0 index failure count', job(), pod('a', { phase: 'Failed', index: 0, failureCount: 0 }), { failures: 1, ignored: 0 }],
    ['failed pod being replaced with >0 index failure count', job(), pod('a', { phase: 'Failed', index: 0, failureCount: 3 }), { failures: 4, ignored: 0 }],
    [
      'failed pod being replaced, matching the ignore rule',
      ignoreDisruption,
      pod('a', { phase: 'Failed', index: 3, failureCount: 3, conditions: [disruption()] }),
      { failures: 3, ignored: 1 },
    ],
    [
      'ignored failures add up',
      ignoreDisruption,
      pod('a', { phase: 'Failed', index: 3, failureCount: 1, ignoredCount: 2, conditions: [disruption()] }),
      { failures: 1, ignored: 3 },
    ],
    [
      'a counted failure keeps the ignored count',
      ignoreDisruption,
      pod('a', { phase: 'Failed', index: 3, failureCount: 1, ignoredCount: 2 }),
      { failures: 2, ignored: 2 },
    ],
  ])('%s', (_name, jb, replaced, want) => {
    expect(newIndexFailureCounts(jb, replaced)).toEqual(want)
  })
})
