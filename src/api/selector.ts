/**
 * The one selector matcher: label selectors, set-based (`matchLabels` + `matchExpressions`) and
 * the ReplicationController's equality-only map, compiled once into a predicate over labels;
 * and the requirement operators node selectors share with them (plus `Gt` / `Lt`).
 */
import type { LabelSelector, StringMap } from './meta.js'

/** A compiled selector: a predicate over an object's labels. */
export type Matcher = (labels: StringMap | undefined) => boolean

/** Matches no object (upstream `labels.Nothing()`). */
export const nothing: Matcher = () => false

/** Matches every object (upstream `labels.Everything()`). */
export const everything: Matcher = () => true

const has = (labels: StringMap | undefined, k: string): boolean =>
  labels !== undefined && Object.prototype.hasOwnProperty.call(labels, k)

/** The operators of label-selector requirements. */
const labelOperators: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist'])

const integer = /^[+-]?\d+$/

/**
 * Whether the requirement `key operator values` holds for `labels`: `In`, `NotIn`, `Exists`,
 * `DoesNotExist` (label and node selectors), `Gt`, `Lt` (node selectors: one integer value,
 * compared with the label's integer value). Any other operator holds for nothing.
 */
export const requirementHolds = (operator: string, labels: StringMap | undefined, key: string, values: ReadonlyArray<string>): boolean => {
  const present = has(labels, key)
  const v = present ? (labels?.[key] ?? '') : ''
  switch (operator) {
    case 'In':
      return present && values.includes(v)
    case 'NotIn':
      return !present || !values.includes(v)
    case 'Exists':
      return present
    case 'DoesNotExist':
      return !present
    case 'Gt':
    case 'Lt': {
      const bound = values[0]
      if (!present || values.length !== 1 || bound === undefined || !integer.test(v) || !integer.test(bound)) return false
      return operator === 'Gt' ? Number(v) > Number(bound) : Number(v) < Number(bound)
    }
    default:
      return false
  }
}

/**
 * Compiles a set-based selector. `undefined` matches nothing; `{}` matches everything
 * (upstream `LabelSelectorAsSelector`). An unknown operator makes the selector match nothing.
 */
export const fromLabelSelector = (sel: LabelSelector | undefined): Matcher => {
  if (sel === undefined) return nothing
  const eq = Object.entries(sel.matchLabels ?? {})
  const exprs = sel.matchExpressions ?? []
  if (eq.length === 0 && exprs.length === 0) return everything
  const tests: Array<(l: StringMap | undefined) => boolean> = []
  for (const [k, v] of eq) tests.push((l) => has(l, k) && l![k] === v)
  for (const e of exprs) {
    if (!labelOperators.has(e.operator)) return nothing
    const values = e.values ?? []
    tests.push((l) => requirementHolds(e.operator, l, e.key, values))
  }
  return (l) => tests.every((f) => f(l))
}

/**
 * Compiles a ReplicationController's equality selector. An absent or empty map matches
 * nothing (upstream's RC lister guards for this explicitly).
 */
export const fromEqualityMap = (sel: StringMap | undefined): Matcher => {
  const eq = Object.entries(sel ?? {})
  if (eq.length === 0) return nothing
  return (l) => eq.every(([k, v]) => has(l, k) && l![k] === v)
}

/** True when `labels` contains every pair of `subset` (e.g. fullyLabeledReplicas). */
export const isSuperset = (labels: StringMap | undefined, subset: StringMap | undefined): boolean =>
  Object.entries(subset ?? {}).every(([k, v]) => has(labels, k) && labels![k] === v)

/** True for the selector `{}` (no matchLabels and no matchExpressions), which selects everything. */
export const isEmpty = (sel: LabelSelector | undefined): boolean =>
  sel !== undefined &&
  Object.keys(sel.matchLabels ?? {}).length === 0 &&
  (sel.matchExpressions ?? []).length === 0
