/**
 * The pod garbage collector's invariant.
 *
 * | id | takes | holds when |
 * | --- | --- | --- |
 * | PODGC-1 | fixpoint | at most `--terminated-pod-gc-threshold` (12,500) terminated pods are left |
 */
import type { Pod } from '../api/pod.js'
import * as CV from '../core/ClusterView.js'
import type { ClusterView } from '../core/ClusterView.js'
import { defaultTerminatedPodThreshold } from '../controllers/podgc/reconcile.js'
import { violation } from './Violation.js'
import type { Violation } from './Violation.js'

/** Terminated as pod GC counts it: a phase other than Pending, Running and Unknown. */
const terminated = (p: Pod): boolean => {
  const phase = p.status?.phase ?? ''
  return phase !== 'Pending' && phase !== 'Running' && phase !== 'Unknown'
}

/** PODGC-1 for a threshold (≤ 0: no bound, as the step is off). */
export const podgc1With =
  (threshold: number) =>
  (view: ClusterView): ReadonlyArray<Violation> => {
    if (threshold <= 0) return []
    const n = CV.listOf(view, 'Pod').filter(terminated).length
    return n <= threshold ? [] : [violation('PODGC-1', `${n} terminated pods are left, above the threshold of ${threshold}`)]
  }

/** PODGC-1: at a fixpoint, at most 12,500 (upstream's default threshold) terminated pods are left. */
export const podgc1TerminatedWithinThreshold = podgc1With(defaultTerminatedPodThreshold)
