/**
 * The core: actions, references, the cluster view, selectors, ownership, pod predicates and
 * ranking, int-or-string resolution, hashing and time.
 */
export * as Action from './Action.js'
export type { Action as ActionT } from './Action.js'
export * as ObjectRef from './ObjectRef.js'
export * as ClusterView from './ClusterView.js'
export * as Selector from './selector.js'
export * as Ownership from './ownership.js'
export * as Pods from './pods.js'
export * as Ranking from './ranking.js'
export * as IntOrString from './intOrString.js'
export * as Hash from './hash.js'
export * as Time from './time.js'
export * as Equal from './equal.js'
export * as Controller from './Controller.js'
export type { Controller as ControllerT, Reconciler } from './Controller.js'
export * as Nodes from './nodes.js'
export * as Plan from './plan.js'
export type { Plan as PlanT } from './plan.js'
export * as Conditions from './conditions.js'
