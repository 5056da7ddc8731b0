/**
 * Label selectors: set-based (`matchLabels` + `matchExpressions`) and the ReplicationController's
 * equality-only map, compiled once into a predicate over labels.
 */
import type { LabelSelector, StringMap } from '../api/meta.js'

/** A compiled selector: a predicate over an object's labels. */
export type Matcher = (labels: StringMap | undefined) => boolean

/** Matches no object (upstream `labels.Nothing()`). */
export const nothing: Matcher = () => false

/** Matches every object (upstream `labels.Everything()`). */
export const everything: Matcher = () => true

const has = (labels: StringMap | undefined, k: string): boolean =>
  labels !== undefined && Object.prototype.hasOwnProperty.call(labels, k)

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
    const values = new Set(e.values ?? [])
    switch (e.operator) {
      case 'In':
        tests.push((l) => has(l, e.key) && values.has(l![e.key]!))
        break
      case 'NotIn':
        tests.push((l) => !has(l, e.key) || !values.has(l![e.key]!))
        break
      case 'Exists':
        tests.push((l) => has(l, e.key))
        break
      case 'DoesNotExist':
        tests.push((l) => !has(l, e.key))
        break
      default:
        return nothing
    }
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
