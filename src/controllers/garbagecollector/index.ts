/**
 * The garbage collector: dependents whose owners are all gone are deleted, dangling references
 * of dependents that keep an owner are removed, and the `orphan` and `foregroundDeletion`
 * propagation finalizers are carried out.
 */
export { controller } from './controller.js'
export { reconcile } from './reconcile.js'
export { asDependent, asOwner } from './collect.js'
export { classify, deletingDependents, foregroundFinalizer, orphanFinalizer, resolve } from './owners.js'
export type { OwnerState } from './owners.js'
