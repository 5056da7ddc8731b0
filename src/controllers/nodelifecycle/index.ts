/**
 * The node lifecycle controller: nodes whose kubelet went silent become `Unknown`, their pods not
 * Ready, and nodes get the taints their conditions call for (`unreachable` / `not-ready` NoExecute
 * starts taint-based eviction, see `TaintEviction`).
 */
export { controller, controllerWith } from './controller.js'
export { defaults, name, reconcile, reconcileWith } from './reconcile.js'
export type { NodeLifecycleOptions } from './reconcile.js'
export { kubeletStopped, lastHeartbeat, lastHeartbeatAnnotation } from './heartbeat.js'
export { markNotReady, monitoredConditions, silenced, staleAt } from './health.js'
export type { Grace } from './health.js'
export { applyTaints, conditionTaints, noExecuteChange, noScheduleChange, wantedNoSchedule } from './taints.js'
export type { TaintChange } from './taints.js'
export { disruption, excludeDisruptionLabel, mayTaint, readyStatus, zoneOf, zoneState } from './zones.js'
export type { Disruption, DisruptionOptions, ZoneState } from './zones.js'
