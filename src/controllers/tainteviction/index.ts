/**
 * The taint eviction controller: pods on nodes with NoExecute taints they do not tolerate (or no
 * longer: `tolerationSeconds`) are evicted with `DisruptionTarget`.
 */
export { controller } from './controller.js'
export { decide, eventReason, evict, name, noExecuteTaints, reconcile, remember } from './reconcile.js'
export type { Evictions, ScheduledEviction } from './reconcile.js'
export { matchingTolerations, minTolerationSeconds } from './tolerations.js'
