/**
 * The pod garbage collector: terminated pods over the threshold, pods of nodes that are gone (after
 * a quarantine), terminating pods of out-of-service nodes and unscheduled terminating pods.
 */
export { controller, controllerWith } from './controller.js'
export {
  defaultTerminatedPodThreshold,
  outOfServiceTaint,
  quarantineSeconds,
  reconcile,
  reconcileWith,
  rememberQuarantine,
} from './reconcile.js'
export type { PodGcOptions, Quarantine } from './reconcile.js'
