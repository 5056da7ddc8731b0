/**
 * Named invariants over views, rounds and syncs: each check returns the violations it found
 * (none = holds). Shared by table tests, scenario scripts and fast-check properties, and
 * exported for users'.
 *
 * Each controller's invariants are a namespace named after it (`Invariants.ReplicaSet.rs1…`,
 * `Invariants.Deployment.checkStep`), the cross-controller ones are `Invariants.Core`, and
 * `Invariants.catalogue` lists every one with its id, scope and a check of uniform signature.
 */

/** The Violation type, its constructor and printer. */
export * from './Violation.js'
/** Every invariant with its id, scope, description and check; and the check signatures. */
export * from './catalogue.js'
/** CORE-1..7: cross-controller invariants of any view. */
export * as Core from './core.js'
/** RS-1..7: the ReplicaSet / ReplicationController invariants. */
export * as ReplicaSet from './replicaset.js'
/** DEP-1..8: the Deployment invariants. */
export * as Deployment from './deployment.js'
/** STS-1..7: the StatefulSet invariants. */
export * as StatefulSet from './statefulset.js'
/** DS-1..8: the DaemonSet invariants. */
export * as DaemonSet from './daemonset.js'
/** JOB-1..7: the Job invariants. */
export * as Job from './job.js'
/** CJ-1..8: the CronJob invariants. */
export * as CronJob from './cronjob.js'
/** GC-1..4: the garbage collector invariants. */
export * as GarbageCollector from './gc.js'
/** TTL-1..2: the TTL-after-finished invariants. */
export * as TtlAfterFinished from './ttl.js'
/** PODGC-1: the pod garbage collector invariant. */
export * as PodGc from './podgc.js'
/** NL-1..2: the node lifecycle and taint eviction invariants. */
export * as NodeLifecycle from './nodelifecycle.js'
