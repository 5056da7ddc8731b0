/**
 * What the API server rejects in a Job's pod failure policy, success policy and per-index
 * backoff (`src/api/validate.ts` `jobSpec`, `podFailurePolicy`, `successPolicy`), judged through
 * `decode` after the defaults, against upstream `pkg/apis/batch/validation/validation.go`
 * (validatePodFailurePolicy, validatePodFailurePolicyRuleOnExitCodes, …OnPodConditions,
 * validateSuccessPolicy, validateSuccessPolicyRule, validateIndexesFormat). Paths are upstream's;
 * the wording of the messages is ours.
 */
import { describe, expect, it } from 'vitest'
import { decode } from '../../../src/api/decode.js'
import type { FieldIssue } from '../../../src/api/DecodeError.js'
import { expectIssue, issues, manifests, right, setIn } from '../../api/util.js'

type Json = Record<string, unknown>
type Path = ReadonlyArray<string | number>

const pfp: Path = ['spec', 'podFailurePolicy']
const sp: Path = ['spec', 'successPolicy']
const rule0 = 'spec.podFailurePolicy.rules[0]'
const codes0 = `${rule0}.onExitCodes`

/** The Job manifest (`pi`, container `pi`, restartPolicy Never) with `edits` applied. */
const jobWith = (...edits: ReadonlyArray<readonly [Path, unknown]>): Json => edits.reduce((o, [p, v]) => setIn(o, p, v), manifests.job())
/** An Indexed Job with `completions` (and as much parallelism). */
const indexedWith = (completions: number, ...edits: ReadonlyArray<readonly [Path, unknown]>): Json =>
  jobWith([['spec', 'completionMode'], 'Indexed'], [['spec', 'completions'], completions], [['spec', 'parallelism'], completions], ...edits)
const onCodes = (operator: string, values: ReadonlyArray<number>, extra: Json = {}): Json => ({ action: 'FailJob', onExitCodes: { operator, values, ...extra } })
const withRules = (...rules: ReadonlyArray<Json>): Json => jobWith([pfp, { rules }])
const found = (manifest: Json): ReadonlyArray<FieldIssue> => issues(decode(manifest))
const paths = (manifest: Json): ReadonlyArray<string> => found(manifest).map((i) => i.path)

describe('podFailurePolicy', () => {
  it('accepts a policy with exit-code and pod-condition rules', () => {
    right(
      decode(
        withRules(
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] },
          { action: 'Count', onExitCodes: { operator: 'NotIn', values: [0, 3] } },
          { action: 'FailJob', onExitCodes: { containerName: 'pi', operator: 'In', values: [1, 2, 42] } },
        ),
      ),
    )
  })

  it('accepts FailIndex with backoffLimitPerIndex and an init container name', () => {
    right(
      decode(
        indexedWith(
          4,
          [['spec', 'backoffLimitPerIndex'], 1],
          [['spec', 'template', 'spec', 'initContainers'], [{ name: 'setup', image: 'busybox:1.36' }]],
          [pfp, { rules: [{ action: 'FailIndex', onExitCodes: { containerName: 'setup', operator: 'In', values: [3] } }] }],
        ),
      ),
    )
  })

  it.each<readonly [string, Json, string, string]>([
    ['more than 20 rules', withRules(...Array.from({ length: 21 }, () => onCodes('In', [1]))), 'spec.podFailurePolicy.rules', 'must have at most 20 items'],
    ['FailIndex without backoffLimitPerIndex', withRules({ action: 'FailIndex', onExitCodes: { operator: 'In', values: [1] } }), `${rule0}.action`, 'requires the backoffLimitPerIndex to be set'],
    ['an unknown action', withRules({ action: 'Retry', onExitCodes: { operator: 'In', values: [1] } }), `${rule0}.action`, 'unsupported value "Retry"'],
    ['an empty action', withRules({ action: '', onExitCodes: { operator: 'In', values: [1] } }), `${rule0}.action`, 'unsupported value ""'],
    ['neither requirement', withRules({ action: 'Ignore' }), rule0, 'specifying one of OnExitCodes and OnPodConditions is required'],
    [
      'both requirements',
      withRules({ action: 'Ignore', onExitCodes: { operator: 'In', values: [1] }, onPodConditions: [{ type: 'DisruptionTarget' }] }),
      rule0,
      'specifying both OnExitCodes and OnPodConditions is not supported',
    ],
    ['a container name not in the template', withRules(onCodes('In', [1], { containerName: 'sidecar' })), `${codes0}.containerName`, 'must be one of the container or initContainer names in the pod template'],
    ['an unknown operator', withRules(onCodes('Between', [1])), `${codes0}.operator`, 'unsupported value "Between"'],
    ['no values', withRules(onCodes('In', [])), `${codes0}.values`, 'at least one value is required'],
    ['more than 255 values', withRules(onCodes('NotIn', Array.from({ length: 256 }, (_, i) => i + 1))), `${codes0}.values`, 'must have at most 255 items'],
    ['0 with In', withRules(onCodes('In', [0, 1])), `${codes0}.values[0]`, 'must not be 0 for the In operator'],
    ['a repeated value', withRules(onCodes('In', [1, 1])), `${codes0}.values[1]`, 'duplicate value'],
    ['a value beyond int32', withRules(onCodes('NotIn', [1, 2 ** 31])), `${codes0}.values[1]`, 'less than or equal to 2147483647'],
    ['a fractional value', withRules(onCodes('NotIn', [1.5])), `${codes0}.values[0]`, 'must be an integer'],
    [
      'more than 20 condition patterns',
      withRules({ action: 'Ignore', onPodConditions: Array.from({ length: 21 }, () => ({ type: 'DisruptionTarget' })) }),
      `${rule0}.onPodConditions`,
      'must have at most 20 items',
    ],
    ['a pattern without type', withRules({ action: 'Ignore', onPodConditions: [{ type: '' }] }), `${rule0}.onPodConditions[0].type`, 'required'],
    ['a pattern with an unknown status', withRules({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'Maybe' }] }), `${rule0}.onPodConditions[0].status`, 'unsupported value "Maybe"'],
    [
      'restartPolicy OnFailure',
      jobWith([pfp, { rules: [onCodes('In', [1])] }], [['spec', 'template', 'spec', 'restartPolicy'], 'OnFailure']),
      'spec.template.spec.restartPolicy',
      'must be Never when podFailurePolicy is specified',
    ],
    [
      'podReplacementPolicy TerminatingOrFailed',
      jobWith([pfp, { rules: [onCodes('In', [1])] }], [['spec', 'podReplacementPolicy'], 'TerminatingOrFailed']),
      'spec.podReplacementPolicy',
      'must be Failed when podFailurePolicy is specified',
    ],
    ['a rule of a later index', withRules(onCodes('In', [1]), onCodes('In', [])), 'spec.podFailurePolicy.rules[1].onExitCodes.values', 'at least one value is required'],
  ])('rejects %s', (_name, manifest, path, message) => {
    expectIssue(found(manifest), path, message)
  })

  it('accepts 0 with NotIn, and exactly 20 rules', () => {
    right(decode(withRules(onCodes('NotIn', [0]))))
    right(decode(withRules(...Array.from({ length: 20 }, () => onCodes('In', [1])))))
  })

  it('defaults a pattern status to True', () => {
    const j = right(decode(withRules({ action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget' }] }))) as { readonly spec: { readonly podFailurePolicy?: { readonly rules: ReadonlyArray<{ readonly onPodConditions?: ReadonlyArray<{ readonly status?: string }> }> } } }
    expect(j.spec.podFailurePolicy?.rules[0]?.onPodConditions?.[0]?.status).toBe('True')
  })

  it('checks the policy inside a CronJob job template too', () => {
    const cj = setIn(manifests.cronJob(), ['spec', 'jobTemplate', 'spec', 'template', 'spec', 'restartPolicy'], 'Never')
    expectIssue(found(setIn(cj, ['spec', 'jobTemplate', 'spec', 'podFailurePolicy'], { rules: [{ action: 'Ignore' }] })), 'spec.jobTemplate.spec.podFailurePolicy.rules[0]', 'specifying one of')
  })

  // Upstream checks the order once and reports it on the list
  // (`field.Invalid(valuesPath, …, "must be ordered")`); ours reports it on the first value out of order.
  it('reports unordered values on the values list', () => {
    expectIssue(found(withRules(onCodes('In', [2, 1]))), `${codes0}.values`, 'must be ordered')
  })

  // Upstream keeps a set of the values seen and reports every repeat
  // (`uniqueValues.Has` → field.Duplicate); ours only compares each value with the previous one.
  it('reports a repeated value that is not next to its twin', () => {
    expectIssue(found(withRules(onCodes('In', [1, 2, 1]))), `${codes0}.values[2]`, 'duplicate')
  })

  // Upstream tests `len(rule.OnPodConditions) == 0`, so an empty pattern list counts
  // as no requirement; ours only tests for an absent one.
  it('rejects an empty onPodConditions list as no requirement', () => {
    expectIssue(found(withRules({ action: 'Ignore', onPodConditions: [] })), rule0, 'specifying one of OnExitCodes and OnPodConditions is required')
  })

  // Upstream validates each pattern type as a qualified name
  // (`apivalidation.ValidateQualifiedName`); ours only requires it to be non-empty.
  it('rejects a pattern type that is not a qualified name', () => {
    expect(paths(withRules({ action: 'Ignore', onPodConditions: [{ type: 'Not a name!' }] }))).toContain(`${rule0}.onPodConditions[0].type`)
  })
})

describe('successPolicy', () => {
  const spRule0 = 'spec.successPolicy.rules[0]'

  it('accepts rules with indexes, a count, or both (succeededCount 0 included)', () => {
    right(
      decode(
        indexedWith(5, [
          sp,
          {
            rules: [{ succeededIndexes: '0,2-4' }, { succeededCount: 3 }, { succeededIndexes: '1-3', succeededCount: 2 }, { succeededIndexes: '4', succeededCount: 0 }],
          },
        ]),
      ),
    )
  })

  it.each<readonly [string, Json, string, string]>([
    ['on a NonIndexed Job', jobWith([sp, { rules: [{ succeededCount: 1 }] }]), 'spec.successPolicy', 'requires completionMode Indexed'],
    ['no rules', indexedWith(5, [sp, { rules: [] }]), 'spec.successPolicy.rules', 'at least one rule is required'],
    ['more than 20 rules', indexedWith(5, [sp, { rules: Array.from({ length: 21 }, () => ({ succeededCount: 1 })) }]), 'spec.successPolicy.rules', 'must have at most 20 items'],
    ['a rule with neither field', indexedWith(5, [sp, { rules: [{}] }]), spRule0, 'at least one of succeededCount or succeededIndexes must be specified'],
    ['an index beyond completions', indexedWith(5, [sp, { rules: [{ succeededIndexes: '1,5' }] }]), `${spRule0}.succeededIndexes`, 'error parsing succeededIndexes: too large index: "5"'],
    ['indexes out of order', indexedWith(5, [sp, { rules: [{ succeededIndexes: '3,1' }] }]), `${spRule0}.succeededIndexes`, 'error parsing succeededIndexes: non-increasing order, previous: 3, current: 1'],
    ['a malformed interval', indexedWith(5, [sp, { rules: [{ succeededIndexes: '1-2-3' }] }]), `${spRule0}.succeededIndexes`, "at most two parts separated by '-'"],
    ['a negative count', indexedWith(5, [sp, { rules: [{ succeededCount: -1 }] }]), `${spRule0}.succeededCount`, 'must be greater than or equal to 0'],
    ['a count above completions', indexedWith(5, [sp, { rules: [{ succeededCount: 6 }] }]), `${spRule0}.succeededCount`, 'must be less than or equal to 5 (the number of specified completions)'],
    [
      'a count above the rule indexes',
      indexedWith(5, [sp, { rules: [{ succeededIndexes: '0,3', succeededCount: 3 }] }]),
      `${spRule0}.succeededCount`,
      'must be less than or equal to 2 (the number of indexes in the specified succeededIndexes field)',
    ],
    [
      'a later rule',
      indexedWith(5, [sp, { rules: [{ succeededCount: 1 }, { succeededIndexes: 'x' }] }]),
      'spec.successPolicy.rules[1].succeededIndexes',
      'error parsing succeededIndexes: cannot convert string to integer for index: "x"',
    ],
  ])('rejects %s', (_name, manifest, path, message) => {
    expectIssue(found(manifest), path, message)
  })

  it('accepts exactly 20 rules, and a count equal to completions or to the rule indexes', () => {
    right(decode(indexedWith(5, [sp, { rules: Array.from({ length: 20 }, () => ({ succeededCount: 5 })) }])))
    right(decode(indexedWith(5, [sp, { rules: [{ succeededIndexes: '0,3', succeededCount: 2 }] }])))
  })

  // Upstream validateIndexesFormat returns (0, nil) for an empty string, so a rule
  // `succeededIndexes: ""` is valid (and matches nothing); ours rejects it as unparsable.
  it('accepts an empty succeededIndexes', () => {
    right(decode(indexedWith(5, [sp, { rules: [{ succeededIndexes: '' }] }])))
  })

  // Upstream validateSuccessPolicyRule appends every violated bound of
  // succeededCount (and counts 0 indexes for a malformed succeededIndexes); ours reports the
  // first one only.
  it('reports every violated bound of succeededCount', () => {
    const all = found(indexedWith(5, [sp, { rules: [{ succeededIndexes: '0,3', succeededCount: 6 }] }]))
    expectIssue(all, `${spRule0}.succeededCount`, 'the number of specified completions')
    expectIssue(all, `${spRule0}.succeededCount`, 'the number of indexes in the specified succeededIndexes field')
  })
})

describe('backoffLimitPerIndex and maxFailedIndexes', () => {
  it('accepts both on an Indexed Job', () => {
    right(decode(indexedWith(4, [['spec', 'backoffLimitPerIndex'], 2], [['spec', 'maxFailedIndexes'], 4])))
  })

  it('defaults backoffLimit to MaxInt32 with backoffLimitPerIndex, else to 6', () => {
    const perIndex = right(decode(indexedWith(4, [['spec', 'backoffLimitPerIndex'], 2]))) as { readonly spec: { readonly backoffLimit?: number } }
    expect(perIndex.spec.backoffLimit).toBe(2147483647)
    const plain = right(decode(jobWith())) as { readonly spec: { readonly backoffLimit?: number } }
    expect(plain.spec.backoffLimit).toBe(6)
  })

  it.each<readonly [string, Json, string, string]>([
    ['backoffLimitPerIndex on a NonIndexed Job', jobWith([['spec', 'backoffLimitPerIndex'], 1]), 'spec.backoffLimitPerIndex', 'requires completionMode Indexed'],
    ['maxFailedIndexes without backoffLimitPerIndex', indexedWith(4, [['spec', 'maxFailedIndexes'], 1]), 'spec.maxFailedIndexes', 'requires backoffLimitPerIndex'],
    ['maxFailedIndexes above completions', indexedWith(4, [['spec', 'backoffLimitPerIndex'], 1], [['spec', 'maxFailedIndexes'], 5]), 'spec.maxFailedIndexes', 'must be less than or equal to completions'],
    ['a negative backoffLimitPerIndex', indexedWith(4, [['spec', 'backoffLimitPerIndex'], -1]), 'spec.backoffLimitPerIndex', 'greater than or equal to 0'],
    ['a negative maxFailedIndexes', indexedWith(4, [['spec', 'backoffLimitPerIndex'], 1], [['spec', 'maxFailedIndexes'], -1]), 'spec.maxFailedIndexes', 'greater than or equal to 0'],
    ['an unknown podReplacementPolicy', jobWith([['spec', 'podReplacementPolicy'], 'Sometimes']), 'spec.podReplacementPolicy', 'unsupported value "Sometimes"'],
    ['an unknown completionMode', jobWith([['spec', 'completionMode'], 'Sometimes']), 'spec.completionMode', 'unsupported value "Sometimes"'],
    ['Indexed without completions', jobWith([['spec', 'completionMode'], 'Indexed'], [['spec', 'parallelism'], 2]), 'spec.completions', 'required when completionMode is Indexed'],
  ])('rejects %s', (_name, manifest, path, message) => {
    expectIssue(found(manifest), path, message)
  })
})
