/**
 * The catalogue: every invariant once, with its id, its scope (`core`, or the controller
 * namespace it lives in) and one check whose signature depends only on what it `takes`:
 *
 * | takes | check | holds |
 * | --- | --- | --- |
 * | `view` | `(view, now)` | in every view |
 * | `fixpoint` | `(view, now)` | in a view the cluster has settled in (a simulation stopped at a fixpoint) |
 * | `step` | `({ before, after, faults })` | over every simulation round, except one a `StaleView` fault is active in |
 * | `sync` | `(object, view, actions)` | over every sync; objects the invariant is not about give none |
 * | `trace` | `(initial, trace)` | over a whole simulation run: the view it started from and its trace |
 * | `pass` | `({ controller, view, now, actions })` | over every pass of a cluster-wide controller; other controllers' passes give none |
 *
 * ```ts
 * import { Invariants } from 'kube-reconcile'
 * const atFixpoint = Invariants.catalogue.flatMap((i) => (i.takes === 'fixpoint' ? i.check(sim.view, sim.now) : []))
 * ```
 */
import type { KubeObject } from '../api/object.js'
import type { Action } from '../core/Action.js'
import type { ClusterView } from '../core/ClusterView.js'
import type { ReplicaOwner } from '../controllers/replicaset/owner.js'
import type { DaemonSet } from '../api/workloads.js'
import type { StatefulSet } from '../api/workloads.js'
import * as Core from './core.js'
import * as Dep from './deployment.js'
import * as DS from './daemonset.js'
import * as RS from './replicaset.js'
import * as STS from './statefulset.js'
import * as JobInv from './job.js'
import * as CJ from './cronjob.js'
import type { CronJob } from '../api/workloads.js'
import type { Job } from '../api/workloads.js'
import type { TraceEntry } from '../sim/types.js'
import * as GC from './gc.js'
import * as TTL from './ttl.js'
import * as PODGC from './podgc.js'
import * as NL from './nodelifecycle.js'
import { controller as garbageCollector } from '../controllers/garbagecollector/controller.js'
import { controller as ttlAfterFinished } from '../controllers/ttlafterfinished/controller.js'
import { name as taintEviction } from '../controllers/tainteviction/reconcile.js'
import type { Violation } from './Violation.js'

// -------------------------------------------------------------------------------------
// model
// -------------------------------------------------------------------------------------

/** Where an invariant belongs: `core` (any view, whichever controllers ran) or a controller. */
export type Scope = 'core' | 'ReplicaSet' | 'Deployment' | 'StatefulSet' | 'DaemonSet' | 'Job' | 'GarbageCollector' | 'TtlAfterFinished' | 'PodGc' | 'NodeLifecycle' | 'CronJob'

/** A view and the time it was observed at (a `Simulation` value is one). */
export interface Observed {
  readonly view: ClusterView
  readonly now: Date
}

/** One simulation round: where it started and ended, and whether the run injects faults. */
export interface Step {
  readonly before: Observed
  readonly after: Observed
  /** Faults may be injected in this run: the invariants that hold only without faults stay silent. */
  readonly faults: boolean
}

/** A check over one view at `now` (`view` and `fixpoint` invariants). */
export type ViewCheck = (view: ClusterView, now: Date) => ReadonlyArray<Violation>

/** A check over one simulation round (`step` invariants). */
export type StepCheck = (step: Step) => ReadonlyArray<Violation>

/** A check over one sync: the object reconciled, the view it saw and the actions it returned (`sync` invariants). */
export type SyncCheck = (object: KubeObject, view: ClusterView, actions: ReadonlyArray<Action>) => ReadonlyArray<Violation>

/** A check over a whole simulation run: the view it started from and its trace (`trace` invariants). */
export type TraceCheck = (initial: ClusterView, trace: ReadonlyArray<TraceEntry>) => ReadonlyArray<Violation>

/** One pass of a cluster-wide controller: its name, the view it observed, when, and the actions it returned. */
export interface Pass {
  readonly controller: string
  readonly view: ClusterView
  readonly now: Date
  readonly actions: ReadonlyArray<Action>
}

/** A check over one cluster-wide controller pass (`pass` invariants). */
export type PassCheck = (pass: Pass) => ReadonlyArray<Violation>

/** One catalogue entry: an invariant's id, scope, statement, and its check over what it `takes`. */
export interface Entry<Takes extends string, Check> {
  readonly id: string
  readonly scope: Scope
  /** What holds, in one sentence. */
  readonly description: string
  readonly takes: Takes
  readonly check: Check
}

/** A catalogue entry, discriminated by `takes`. */
export type Invariant =
  | Entry<'view', ViewCheck>
  | Entry<'fixpoint', ViewCheck>
  | Entry<'step', StepCheck>
  | Entry<'sync', SyncCheck>
  | Entry<'trace', TraceCheck>
  | Entry<'pass', PassCheck>

// -------------------------------------------------------------------------------------
// adapters
// -------------------------------------------------------------------------------------

const isStatefulSet = (o: KubeObject): o is StatefulSet => o.kind === 'StatefulSet'

/** A StatefulSet sync check as a `SyncCheck`: other kinds give none. */
const ofStatefulSet =
  (check: (set: StatefulSet, view: ClusterView, actions: ReadonlyArray<Action>) => ReadonlyArray<Violation>): SyncCheck =>
  (object, view, actions) =>
    isStatefulSet(object) ? check(object, view, actions) : []

const isDaemonSet = (o: KubeObject): o is DaemonSet => o.kind === 'DaemonSet'

/** A DaemonSet sync check as a `SyncCheck`: other kinds give none. */
const ofDaemonSet =
  (check: (ds: DaemonSet, view: ClusterView, actions: ReadonlyArray<Action>) => ReadonlyArray<Violation>): SyncCheck =>
  (object, view, actions) =>
    isDaemonSet(object) ? check(object, view, actions) : []

const isJob = (o: KubeObject): o is Job => o.kind === 'Job'

/** A Job sync check as a `SyncCheck`: other kinds give none. */
const ofJob =
  (check: (job: Job, view: ClusterView, actions: ReadonlyArray<Action>) => ReadonlyArray<Violation>): SyncCheck =>
  (object, view, actions) =>
    isJob(object) ? check(object, view, actions) : []

const isCronJob = (o: KubeObject): o is CronJob => o.kind === 'CronJob'

/** A CronJob sync check as a `SyncCheck`: other kinds give none. */
const ofCronJob =
  (check: (cj: CronJob, view: ClusterView, actions: ReadonlyArray<Action>) => ReadonlyArray<Violation>): SyncCheck =>
  (object, view, actions) =>
    isCronJob(object) ? check(object, view, actions) : []

/** A check of one controller's passes as a `PassCheck`: other controllers' passes give none. */
const ofPass =
  (controller: string, check: (view: ClusterView, now: Date, actions: ReadonlyArray<Action>) => ReadonlyArray<Violation>): PassCheck =>
  (pass) =>
    pass.controller === controller ? check(pass.view, pass.now, pass.actions) : []

const isReplicaOwner = (o: KubeObject): o is ReplicaOwner => o.kind === 'ReplicaSet' || o.kind === 'ReplicationController'

/** A ReplicaSet / ReplicationController sync check as a `SyncCheck`: other kinds give none. */
const ofReplicaOwner =
  (check: (owner: ReplicaOwner, view: ClusterView, actions: ReadonlyArray<Action>) => ReadonlyArray<Violation>): SyncCheck =>
  (object, view, actions) =>
    isReplicaOwner(object) ? check(object, view, actions) : []

// -------------------------------------------------------------------------------------
// catalogue
// -------------------------------------------------------------------------------------

/** Every invariant, in scope and id order. */
export const catalogue: ReadonlyArray<Invariant> = [
  { id: 'CORE-1', scope: 'core', takes: 'view', description: 'no object has more than one controller owner reference', check: Core.core1AtMostOneController },
  { id: 'CORE-2', scope: 'core', takes: 'view', description: "every bound pod's node exists", check: Core.core2PodsOnExistingNodes },
  { id: 'CORE-3', scope: 'core', takes: 'view', description: 'no two objects share a uid', check: Core.core3DistinctUids },
  { id: 'CORE-4', scope: 'core', takes: 'view', description: 'owner references stay within the namespace or cluster scope', check: Core.core4OwnersInScope },
  { id: 'CORE-5', scope: 'core', takes: 'view', description: 'no node runs more non-terminal pods than its allocatable pods', check: Core.core5NodePodCapacity },
  { id: 'CORE-6', scope: 'core', takes: 'view', description: 'unscheduled pods are Pending (or Failed while being deleted)', check: Core.core6UnscheduledPodsPending },
  { id: 'CORE-7', scope: 'core', takes: 'view', description: 'Ready pods are Running and bound', check: Core.core7ReadyPodsRunning },
  {
    id: 'RS-1',
    scope: 'ReplicaSet',
    takes: 'fixpoint',
    description: 'every ReplicaSet / ReplicationController not being deleted controls exactly spec.replicas active matching pods',
    check: RS.rs1OwnedPodsMatchReplicas,
  },
  {
    id: 'RS-2',
    scope: 'ReplicaSet',
    takes: 'sync',
    description: 'a sync writes no pod another controller controls, and deletes only pods it controls',
    check: ofReplicaOwner(RS.rs2NoForeignPodWrites),
  },
  {
    id: 'RS-3',
    scope: 'ReplicaSet',
    takes: 'sync',
    description: 'a sync issues at most 500 pod creates plus deletes',
    check: ofReplicaOwner((owner, _view, actions) => RS.rs3BurstLimit(owner, actions)),
  },
  {
    id: 'RS-4',
    scope: 'ReplicaSet',
    takes: 'sync',
    description: "every created pod is in the owner's namespace, controlled by it and carries its template labels",
    check: ofReplicaOwner((owner, _view, actions) => RS.rs4CreatedPodsFromTemplate(owner, actions)),
  },
  { id: 'RS-5', scope: 'ReplicaSet', takes: 'fixpoint', description: 'reconciling any ReplicaSet / ReplicationController writes nothing', check: RS.rs5FixpointIsQuiet },
  {
    id: 'RS-6',
    scope: 'ReplicaSet',
    takes: 'fixpoint',
    description: 'status counts are consistent: available ≤ ready ≤ replicas, fullyLabeled ≤ replicas',
    check: RS.rs6StatusCountsConsistent,
  },
  {
    id: 'RS-7',
    scope: 'ReplicaSet',
    takes: 'sync',
    description: 'a sync creates or deletes exactly the difference between active pods and replicas (at most 500), deleting only its active pods',
    check: ofReplicaOwner(RS.rs7ScalesByDifference),
  },
  {
    id: 'DEP-1',
    scope: 'Deployment',
    takes: 'step',
    description: 'a rolling update keeps Σ spec of its ReplicaSets within replicas + maxSurge once there, and (without faults) its active pods too',
    check: ({ before, after, faults }) => [
      ...Dep.dep1SpecSurgeBound(before.view, after.view),
      ...(faults ? [] : Dep.dep1PodSurgeBound(before.view, after.view)),
    ],
  },
  {
    id: 'DEP-2',
    scope: 'Deployment',
    takes: 'step',
    description: 'without faults, a rolling update keeps its committed availability at or above replicas − maxUnavailable once there',
    check: ({ before, after, faults }) => (faults ? [] : Dep.dep2AvailabilityFloor(before.view, before.now, after.view, after.now)),
  },
  {
    id: 'DEP-3',
    scope: 'Deployment',
    takes: 'fixpoint',
    description: 'an unpaused Deployment has exactly one ReplicaSet with its template, at spec.replicas, and every other one at 0',
    check: Dep.dep3OneCurrentReplicaSet,
  },
  {
    id: 'DEP-4',
    scope: 'Deployment',
    takes: 'step',
    description: "a ReplicaSet's revision never decreases, and a newly taken revision is above every other of its Deployment",
    check: ({ before, after }) => Dep.dep4RevisionsIncrease(before.view, after.view),
  },
  {
    id: 'DEP-5',
    scope: 'Deployment',
    takes: 'fixpoint',
    description: 'a Deployment whose cleanup runs keeps at most revisionHistoryLimit empty old ReplicaSets',
    check: Dep.dep5HistoryLimit,
  },
  {
    id: 'DEP-6',
    scope: 'Deployment',
    takes: 'step',
    description: 'a paused Deployment creates no ReplicaSet and resizes its ReplicaSets only for a scaling cause',
    check: ({ before, after }) => Dep.dep6PausedNoRollout(before.view, after.view),
  },
  {
    id: 'DEP-7',
    scope: 'Deployment',
    takes: 'step',
    description: "no ReplicaSet is created for a template one of the Deployment's ReplicaSets already has",
    check: ({ before, after }) => Dep.dep7NoDuplicateReplicaSet(before.view, after.view),
  },
  {
    id: 'DEP-8',
    scope: 'Deployment',
    takes: 'fixpoint',
    description: 'an unpaused, incomplete Deployment with a deadline has progressed within it or reports ProgressDeadlineExceeded',
    check: Dep.dep8DeadlineReported,
  },
  {
    id: 'STS-1',
    scope: 'StatefulSet',
    takes: 'fixpoint',
    description: "a StatefulSet's live pods are exactly the ordinals [start, start + replicas), each mounting its claims, which exist",
    check: STS.sts1OrdinalsWithClaims,
  },
  {
    id: 'STS-2',
    scope: 'StatefulSet',
    takes: 'sync',
    description: 'a sync creates only <set>-<ordinal> pods in range whose ordinal no pod holds, each ordinal once (and no view has two live pods of one ordinal)',
    check: ofStatefulSet(STS.sts2CreatesFreshIdentities),
  },
  {
    id: 'STS-3',
    scope: 'StatefulSet',
    takes: 'sync',
    description: 'OrderedReady: one create per sync, only above Running and Ready pods; one scale-down per sync, highest ordinal first, never with a create',
    check: ofStatefulSet(STS.sts3OrderedReady),
  },
  {
    id: 'STS-4',
    scope: 'StatefulSet',
    takes: 'sync',
    description: 'a rolling update replaces outdated pods from the highest index down, never below the partition; OnDelete never replaces',
    check: ofStatefulSet(STS.sts4DescendingAbovePartition),
  },
  {
    id: 'STS-5',
    scope: 'StatefulSet',
    takes: 'sync',
    description: 'a sync never deletes a claim and creates only claims named <template>-<set>-<ordinal> (and a claim keeps its uid across rounds)',
    check: ofStatefulSet(STS.sts5ClaimsKept),
  },
  {
    id: 'STS-6',
    scope: 'StatefulSet',
    takes: 'fixpoint',
    description: 'the status is consistent, counts the pods by revision, names the newest revision as update revision, and every pod is at a revision of the set',
    check: STS.sts6StatusAgreesWithPods,
  },
  { id: 'STS-7', scope: 'StatefulSet', takes: 'fixpoint', description: 'reconciling any StatefulSet again writes nothing', check: STS.sts7FixpointIsQuiet },
  {
    id: 'DS-1',
    scope: 'DaemonSet',
    takes: 'fixpoint',
    description: 'every DaemonSet runs exactly one live pod on each node that should run one and none on a node that should not keep one',
    check: DS.ds1OnePodPerEligibleNode,
  },
  {
    id: 'DS-2',
    scope: 'DaemonSet',
    takes: 'step',
    description: 'without faults, a maxSurge-0 rolling update leaves at most max(maxUnavailable, as many as before) eligible nodes without an available pod',
    check: ({ before, after, faults }) => (faults ? [] : DS.ds2UnavailableBound(before.view, before.now, after.view, after.now)),
  },
  {
    id: 'DS-3',
    scope: 'DaemonSet',
    takes: 'step',
    description: 'without faults, a surge rolling update leaves at most max(maxSurge, as many as before) nodes with two live pods',
    check: ({ before, after, faults }) => (faults ? [] : DS.ds3SurgeBound(before.view, after.view)),
  },
  {
    id: 'DS-4',
    scope: 'DaemonSet',
    takes: 'sync',
    description: 'a DaemonSet never creates a pod for a missing node, a node its template may not run on, or a node with a taint the pod does not tolerate',
    check: ofDaemonSet(DS.ds4NoCreateOnUntoleratedNode),
  },
  {
    id: 'DS-5',
    scope: 'DaemonSet',
    takes: 'fixpoint',
    description: 'status counts are consistent: available ≤ ready ≤ current ≤ desired, updated ≤ current, unavailable = desired − available',
    check: DS.ds5StatusCountsConsistent,
  },
  { id: 'DS-6', scope: 'DaemonSet', takes: 'fixpoint', description: 'reconciling any DaemonSet again writes nothing', check: DS.ds6FixpointIsQuiet },
  {
    id: 'DS-7',
    scope: 'DaemonSet',
    takes: 'sync',
    description: 'every created daemon pod is controlled by its DaemonSet, aimed at its node by metadata.name affinity only, with the daemon tolerations, template labels and hash label',
    check: ofDaemonSet((ds, _view, actions) => DS.ds7CreatedPodsShape(ds, actions)),
  },
  {
    id: 'DS-8',
    scope: 'DaemonSet',
    takes: 'sync',
    description: 'a sync creates at most 250 and deletes at most 250 pods, deleting only pods the DaemonSet controls',
    check: ofDaemonSet(DS.ds8BurstAndOwnership),
  },
  {
    id: 'JOB-1',
    scope: 'Job',
    takes: 'trace',
    description: 'every terminated pod is counted exactly once: counters grow by the uids moved out of uncountedTerminatedPods, a uid is uncounted once, a finalizer goes only after the pod is recorded',
    check: JobInv.job1CountedOnce,
  },
  {
    id: 'JOB-2',
    scope: 'Job',
    takes: 'sync',
    description: 'a sync never mixes pod creates and deletes, creates at most 500, and never runs more pods than parallelism or the work left; a suspended Job creates nothing',
    check: ofJob(JobInv.job2ActiveBound),
  },
  { id: 'JOB-3', scope: 'Job', takes: 'sync', description: "a finished Job's sync does nothing (and no pod is created for it again)", check: ofJob(JobInv.job3FinishedIsFinal) },
  {
    id: 'JOB-4',
    scope: 'Job',
    takes: 'fixpoint',
    description: 'Failed exactly when justified (failures beyond backoffLimit, a FailJob rule, a deadline, failed indexes), after a FailureTarget; Complete only after SuccessCriteriaMet, with completionTime; never both',
    check: JobInv.job4FailedExactlyWhenJustified,
  },
  {
    id: 'JOB-5',
    scope: 'Job',
    takes: 'fixpoint',
    description: 'completedIndexes and failedIndexes are canonical and below completions; at most one active pod per index, none for a finished index',
    check: JobInv.job5IndexesValid,
  },
  { id: 'JOB-6', scope: 'Job', takes: 'fixpoint', description: 'a suspended Job has no active pods', check: JobInv.job6SuspendedIsIdle },
  {
    id: 'JOB-7',
    scope: 'Job',
    takes: 'fixpoint',
    description: 'reconciling any Job again writes nothing; a finished Job has no tracked pod and nothing uncounted',
    check: JobInv.job7FixpointIsQuiet,
  },
  {
    id: 'CJ-1',
    scope: 'CronJob',
    takes: 'step',
    description: 'without faults, a Forbid CronJob never starts a Job while another of its Jobs stays active',
    check: ({ before, after, faults }) => (faults ? [] : CJ.cj1ForbidNeverOverlaps(before.view, after.view)),
  },
  {
    id: 'CJ-2',
    scope: 'CronJob',
    takes: 'step',
    description: 'without faults, a Replace CronJob never starts a Job while another of its Jobs stays active',
    check: ({ before, after, faults }) => (faults ? [] : CJ.cj2ReplaceNeverOverlaps(before.view, after.view)),
  },
  {
    id: 'CJ-3',
    scope: 'CronJob',
    takes: 'step',
    description: 'a created Job is named after its scheduled time, a time of the schedule not in the future, and no other Job of the CronJob has it',
    check: ({ before, after }) => CJ.cj3OneJobPerScheduledTime(before.view, after.view, after.now),
  },
  {
    id: 'CJ-4',
    scope: 'CronJob',
    takes: 'step',
    description: 'no Job is created for a time older than startingDeadlineSeconds (with an instant API: a paced create may land in a later round)',
    check: ({ before, after }) => CJ.cj4StartingDeadline(before.view, before.now, after.view),
  },
  { id: 'CJ-5', scope: 'CronJob', takes: 'fixpoint', description: 'a CronJob keeps at most its history limits of Complete and Failed Jobs', check: CJ.cj5HistoryWithinLimits },
  { id: 'CJ-6', scope: 'CronJob', takes: 'sync', description: 'a suspended CronJob creates no Job and asks for no requeue', check: ofCronJob((cj, _view, actions) => CJ.cj6SuspendedCreatesNothing(cj, actions)) },
  {
    id: 'CJ-7',
    scope: 'CronJob',
    takes: 'sync',
    description: 'a sync creates at most one Job, for a schedule time after lastScheduleTime; Forbid only with nothing else active, Replace only after deleting the active Jobs',
    check: ofCronJob(CJ.cj7OneCreationPerSync),
  },
  {
    id: 'CJ-8',
    scope: 'CronJob',
    takes: 'sync',
    description: 'the active list a sync leaves has no finished or vanished Job, and lastScheduleTime never goes back',
    check: ofCronJob(CJ.cj8ActiveListReconciled),
  },
  {
    id: 'GC-1',
    scope: 'GarbageCollector',
    takes: 'fixpoint',
    description: 'no object that is not being deleted keeps an owner reference that resolves to nothing: none outlives all its owners',
    check: GC.gc1NoDanglingOwners,
  },
  {
    id: 'GC-2',
    scope: 'GarbageCollector',
    takes: 'step',
    description: 'an owner deleted with orphan goes only once no dependent references it, and (without faults) its dependents stay',
    check: ({ before, after, faults }) => [
      ...GC.gc2OrphanGoesUnreferenced(before.view, after.view),
      ...(faults ? [] : GC.gc2OrphanedDependentsKept(before.view, after.view)),
    ],
  },
  {
    id: 'GC-3',
    scope: 'GarbageCollector',
    takes: 'step',
    description: 'an owner deleted in the foreground goes only once no dependent with blockOwnerDeletion is left',
    check: ({ before, after }) => GC.gc3ForegroundOwnerLast(before.view, after.view),
  },
  {
    id: 'GC-4',
    scope: 'GarbageCollector',
    takes: 'pass',
    description: 'the garbage collector deletes only objects that have owner references',
    check: ofPass(garbageCollector.name, (view, _now, actions) => GC.gc4OnlyOwnedCollected(view, actions)),
  },
  {
    id: 'TTL-1',
    scope: 'TtlAfterFinished',
    takes: 'pass',
    description: 'a Job is deleted only once finished and its TTL has run out (now ≥ finish + ttl), in the foreground with its uid as precondition',
    check: ofPass(ttlAfterFinished.name, TTL.ttl1NotBeforeExpiry),
  },
  { id: 'TTL-2', scope: 'TtlAfterFinished', takes: 'fixpoint', description: 'no finished Job whose TTL has run out is left undeleted', check: TTL.ttl2ExpiredJobsDeleted },
  {
    id: 'PODGC-1',
    scope: 'PodGc',
    takes: 'fixpoint',
    description: 'at most the terminated-pod threshold (12,500) of terminated pods are left',
    check: PODGC.podgc1TerminatedWithinThreshold,
  },
  {
    id: 'NL-1',
    scope: 'NodeLifecycle',
    takes: 'pass',
    description: 'taint eviction evicts a pod only from a node with a NoExecute taint it does not tolerate, or once its tolerationSeconds have run out',
    check: ofPass(taintEviction, NL.nl1EvictedNoEarlier),
  },
  {
    id: 'NL-2',
    scope: 'NodeLifecycle',
    takes: 'fixpoint',
    description: 'no pod that is not being deleted stays on a node with NoExecute taints it does not tolerate for ever',
    check: NL.nl2NoIntolerantPods,
  },
]
