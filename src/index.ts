/**
 * kube-reconcile: the Kubernetes workload controllers as pure functions, a deterministic
 * simulation to run them in, and the invariants they keep.
 */
export * from './api/index.js'
export * from './core/index.js'
export type { ClusterView as ClusterViewT } from './core/ClusterView.js'
export { reconcile, controllers } from './controllers/registry.js'
