/**
 * Named invariants over views: each check returns the violations it found (none = holds).
 * Shared by table tests, scenario scripts and fast-check properties, and exported for users'.
 */

/** The Violation type, its constructor and printer. */
export * from './Violation.js'
/** CORE-1..7: cross-controller invariants of any view. */
export * from './core.js'
/** RS-1..7: the ReplicaSet / ReplicationController invariants. */
export * from './replicaset.js'
/** DEP-1..8: the Deployment invariants. */
export * from './deployment.js'
