/**
 * The success policy of an Indexed Job (upstream `matchSuccessPolicy`): the first rule whose
 * indexes (or count of them) have succeeded declares the Job successful.
 */
import * as Indexes from '../../api/jobIndexes.js'
import type { Indexes as IndexSet } from '../../api/jobIndexes.js'
import type { SuccessPolicy } from '../../api/workloads.js'

/** The message of the SuccessCriteriaMet condition when rule `i` matched. */
export const successPolicyMessage = (i: number): string => `Matched rules at index ${i}`

/**
 * The message when a rule of `policy` matches the `succeeded` indexes, else `undefined`. A rule
 * with indexes matches when all of them succeeded, or at least `succeededCount` of them when it
 * sets one (0: as soon as any index succeeded); a rule
 * with only a count when that many indexes succeeded. Rules whose indexes read as empty are skipped.
 */
export const matchSuccessPolicy = (policy: SuccessPolicy | undefined, completions: number, succeeded: IndexSet): string | undefined => {
  if (policy === undefined || Indexes.size(succeeded) === 0) return undefined
  const total = Indexes.size(succeeded)
  for (const [i, rule] of policy.rules.entries()) {
    if (rule.succeededIndexes !== undefined) {
      const wanted = Indexes.parse(rule.succeededIndexes, completions)
      if (wanted.length === 0) continue
      const done = Indexes.intersectionSize(succeeded, wanted)
      const enough = rule.succeededCount === undefined ? done >= Indexes.size(wanted) : done >= rule.succeededCount
      if (enough) return successPolicyMessage(i)
    } else if (rule.succeededCount !== undefined && total >= rule.succeededCount) {
      return successPolicyMessage(i)
    }
  }
  return undefined
}
