/**
 * fast-check arbitraries for Kubernetes objects and clusters: the `kube-reconcile/arbitraries`
 * entry point, and the only module that imports fast-check (an optional peer dependency).
 *
 * Every arbitrary takes an optional constraints object, is valid by construction (each object
 * decodes with `decode` and is unchanged by `applyDefaults`) and shrinks.
 *
 * The generic building blocks (meta, nodes, pods, clusters, faults) are exported flat; each
 * controller's arbitraries are a namespace named after it:
 *
 * ```ts
 * import { pod, faultPlan, ReplicaSet, Deployment } from 'kube-reconcile/arbitraries'
 * ReplicaSet.world({ maxReplicas: 4 })
 * Deployment.command({ tags: ['SetImage', 'Scale'] })
 * ```
 */

/** Names, labels, selectors with matching labels, uids, timestamps, `now`, owner references, ObjectMeta. */
export * from './meta.js'
/** Nodes: readiness, cordoning, taints, allocatable pods. */
export * from './node.js'
/** Pod templates, pods with phase-consistent status, tolerations. */
export * from './pod.js'
/** Whole clusters: nodes plus pods bound only to them, with the view and `now`. */
export * from './cluster.js'
/** ReplicaSets, ReplicationControllers and the worlds their controller sees: `ReplicaSet.world`, … */
export * as ReplicaSet from './replicaset.js'
/** Faults and fault plans for the simulation. */
export * from './faults.js'
/** Deployments with every strategy and edge value, their worlds, and the edits users make to them: `Deployment.world`, `Deployment.command`, … */
export * as Deployment from './deployment.js'
/** StatefulSets (both policies, every strategy, partitions, start ordinals, retention policies, claim templates) and their worlds (mixed revisions and states, stale and foreign claims): `StatefulSet.world`, … */
export * as StatefulSet from './statefulset.js'
/** DaemonSets, node fleets (labels, taints of every effect, cordons, affinity terms), their worlds, node churn and edits: `DaemonSet.world`, `DaemonSet.changePlan`, … */
export * as DaemonSet from './daemonset.js'
/** Jobs in every completion mode and policy, their pods in every state (exit codes, conditions, finalizers), their worlds and edits: `Job.job`, `Job.world`, `Job.editPlan`, … */
export * as Job from './job.js'
/** CronJobs: schedules from robfig's grammar, time zones and DST transitions, every policy, their worlds and the plans of a simulated day: `CronJob.schedule`, `CronJob.world`, `CronJob.dayPlan`, … */
export * as CronJob from './cronjob.js'
