/**
 * Job invariants (docs/guide/job.md lists each with the test that checks it). Checks over a view
 * take every Job in it; checks over a sync take the Job, the view it was reconciled against and
 * its actions; the step check compares two views of one run; JOB-1 reads a simulation trace.
 */
import * as Indexes from '../api/jobIndexes.js'
import type { Pod } from '../api/pod.js'
import type { Job, JobStatus } from '../api/workloads.js'
import type { Action } from '../core/Action.js'
import { isWrite } from '../core/Action.js'
import * as ClusterView from '../core/ClusterView.js'
import type { ClusterView as View } from '../core/ClusterView.js'
import { find } from '../core/conditions.js'
import * as ObjectRef from '../core/ObjectRef.js'
import { controllerRef } from '../core/ownership.js'
import { isActive } from '../core/pods.js'
import * as T from '../core/time.js'
import { isFinished } from '../controllers/job/conditions.js'
import { completionsOf, newFinishedPods, succeededIndexes, uncountedOf } from '../controllers/job/counting.js'
import { matchPodFailurePolicy } from '../controllers/job/failurePolicy.js'
import { completionIndex, hasValidIndex, isIndexed, isTracked } from '../controllers/job/jobPods.js'
import { maxPodCreateDeletePerSync } from '../controllers/job/keys.js'
import { reconcile } from '../controllers/job/reconcile.js'
import type { TraceEntry } from '../sim/types.js'
import { violation } from './Violation.js'
import type { Violation } from './Violation.js'

const show = (o: Job | Pod): string => ObjectRef.show(ObjectRef.of(o))

const isTrue = (job: Job, type: string): boolean => find(job.status?.conditions, type)?.status === 'True'

// -------------------------------------------------------------------------------------
// JOB-1: every terminated pod counted exactly once (over a trace)
// -------------------------------------------------------------------------------------

interface Ledger {
  readonly job: string
  succeeded: number
  failed: number
  ok: Set<string>
  ko: Set<string>
  completed: Indexes.Indexes
  /** Every uid that ever entered an uncounted list. */
  entered: Set<string>
}

const ledgerOf = (job: Job): Ledger => ({
  job: show(job),
  succeeded: job.status?.succeeded ?? 0,
  failed: job.status?.failed ?? 0,
  ok: new Set(job.status?.uncountedTerminatedPods?.succeeded ?? []),
  ko: new Set(job.status?.uncountedTerminatedPods?.failed ?? []),
  completed: isIndexed(job) ? Indexes.parse(job.status?.completedIndexes ?? '', completionsOf(job)) : Indexes.empty,
  entered: new Set([...(job.status?.uncountedTerminatedPods?.succeeded ?? []), ...(job.status?.uncountedTerminatedPods?.failed ?? [])]),
})

const left = (before: ReadonlySet<string>, after: ReadonlySet<string>): number => [...before].filter((u) => !after.has(u)).length

/** The checks of one applied status write of a Job, against its ledger (updated in place). */
const statusWrite = (l: Ledger, job: Job, out: Array<Violation>): void => {
  const s: JobStatus = job.status ?? {}
  const ok = new Set(s.uncountedTerminatedPods?.succeeded ?? [])
  const ko = new Set(s.uncountedTerminatedPods?.failed ?? [])
  const succeeded = s.succeeded ?? 0
  const failed = s.failed ?? 0
  const ref = ObjectRef.of(job)
  if (failed - l.failed !== left(l.ko, ko)) {
    out.push(violation('JOB-1', `${l.job}: failed went ${l.failed} → ${failed} while ${left(l.ko, ko)} uncounted failure(s) were moved`, ref))
  }
  if (isIndexed(job)) {
    const completed = Indexes.parse(s.completedIndexes ?? '', completionsOf(job))
    if (Indexes.intersectionSize(l.completed, completed) !== Indexes.size(l.completed)) out.push(violation('JOB-1', `${l.job}: completedIndexes lost indexes`, ref))
    if (succeeded !== Indexes.size(completed)) out.push(violation('JOB-1', `${l.job}: succeeded ${succeeded} but ${Indexes.size(completed)} completed indexes`, ref))
    l.completed = completed
  } else if (succeeded - l.succeeded !== left(l.ok, ok)) {
    out.push(violation('JOB-1', `${l.job}: succeeded went ${l.succeeded} → ${succeeded} while ${left(l.ok, ok)} uncounted success(es) were moved`, ref))
  }
  for (const u of [...ok, ...ko]) {
    const fresh = !(l.ok.has(u) || l.ko.has(u))
    if (fresh && l.entered.has(u)) out.push(violation('JOB-1', `${l.job}: pod uid ${u} entered the uncounted pods a second time`, ref))
    l.entered.add(u)
  }
  for (const u of ok) if (ko.has(u)) out.push(violation('JOB-1', `${l.job}: pod uid ${u} is uncounted as succeeded and as failed`, ref))
  l.succeeded = succeeded
  l.failed = failed
  l.ok = ok
  l.ko = ko
}

/** Whether the controller may let a terminated pod go uncounted: ignored by its Job's pod failure policy, or without a valid index. */
const uncountable = (job: Job, pod: Pod): boolean =>
  (pod.status?.phase === 'Failed' && job.spec.podFailurePolicy !== undefined && !matchPodFailurePolicy(job, pod).countFailed) ||
  (isIndexed(job) && !hasValidIndex(pod, completionsOf(job)))

/**
 * JOB-1 (over a trace): every terminated pod is counted exactly once. Read from the applied
 * writes of the Job controller, starting from the Jobs of `initial`: a Job's `succeeded` and
 * `failed` grow exactly by the uids moved out of `uncountedTerminatedPods` (an Indexed Job's
 * `succeeded` is the size of `completedIndexes`, which never loses an index); a uid enters the
 * uncounted lists once; and a terminated (Succeeded or Failed) pod loses the tracking finalizer
 * only after it was recorded (its uid uncounted, or its index completed), unless it does not
 * count (an Ignore rule, no valid index).
 */
export const job1CountedOnce = (initial: View, trace: ReadonlyArray<TraceEntry>): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  const ledgers = new Map<string, Ledger>()
  const jobs = new Map<string, Job>()
  for (const j of ClusterView.listOf(initial, 'Job')) {
    ledgers.set(j.metadata.uid ?? '', ledgerOf(j))
    jobs.set(j.metadata.uid ?? '', j)
  }
  for (const entry of trace) {
    if (entry._tag !== 'Action' || entry.result !== 'applied' || entry.detail === 'unchanged') continue
    const a = entry.action
    if ((a._tag === 'UpdateStatus' || a._tag === 'Create') && a.object.kind === 'Job') {
      const uid = a.object.metadata.uid ?? entry.ref?.uid ?? ''
      const job = a.object.metadata.uid === undefined ? ({ ...a.object, metadata: { ...a.object.metadata, uid } } as Job) : a.object
      const l = ledgers.get(uid)
      if (l === undefined || a._tag === 'Create') ledgers.set(uid, ledgerOf(job))
      else statusWrite(l, job, out)
      jobs.set(uid, job)
      continue
    }
    if (a._tag !== 'Update' || a.object.kind !== 'Pod' || isTracked(a.object) || !entry.source.startsWith('Job ')) continue
    const pod = a.object
    const phase = pod.status?.phase
    if (phase !== 'Succeeded' && phase !== 'Failed') continue
    const ownerUid = controllerRef(pod)?.uid ?? ''
    const l = ledgers.get(ownerUid)
    const job = jobs.get(ownerUid)
    if (l === undefined || job === undefined || uncountable(job, pod)) continue
    const uid = pod.metadata.uid ?? ''
    const recorded = l.ok.has(uid) || l.ko.has(uid) || (isIndexed(job) && phase === 'Succeeded' && Indexes.has(l.completed, completionIndex(pod)))
    if (!recorded) out.push(violation('JOB-1', `${l.job}: the finalizer of ${show(pod)} (${phase}) was removed before the pod was recorded`, ObjectRef.of(job)))
  }
  return out
}

// -------------------------------------------------------------------------------------
// sync checks
// -------------------------------------------------------------------------------------

const createdPods = (actions: ReadonlyArray<Action>): ReadonlyArray<Pod> =>
  actions.flatMap((a) => (a._tag === 'Create' && a.object.kind === 'Pod' ? [a.object] : []))

const deletedPods = (actions: ReadonlyArray<Action>): number => actions.filter((a) => a._tag === 'Delete' && a.target.kind === 'Pod').length

/** The successes the Job's view shows: completed indexes, or counted, uncounted and new succeeded pods. */
const knownSucceeded = (job: Job, pods: ReadonlyArray<Pod>): number =>
  isIndexed(job)
    ? Indexes.size(succeededIndexes(job, pods))
    : (job.status?.succeeded ?? 0) + uncountedOf(job).succeeded.size + newFinishedPods(job, pods).succeeded.length

/**
 * JOB-2 (over a sync): a sync never both creates and deletes pods, creates at most 500, and never
 * brings the active pods above `parallelism` nor above the work left (`completions` less the
 * successes; none after a success without `completions`); a suspended Job creates nothing.
 */
export const job2ActiveBound = (job: Job, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => {
  const created = createdPods(actions).length
  if (created === 0) return []
  const out: Array<Violation> = []
  const ref = ObjectRef.of(job)
  const pods = ClusterView.controlledOf(view, job.metadata.uid ?? '', 'Pod')
  const active = pods.filter(isActive).length
  const done = knownSucceeded(job, pods)
  const parallelism = job.spec.parallelism ?? 1
  const completions = job.spec.completions
  if (deletedPods(actions) > 0) out.push(violation('JOB-2', `${show(job)} creates and deletes pods in one sync`, ref))
  if (created > maxPodCreateDeletePerSync) out.push(violation('JOB-2', `${show(job)} creates ${created} pods in one sync`, ref))
  if (job.spec.suspend === true) out.push(violation('JOB-2', `${show(job)} is suspended but creates ${created} pods`, ref))
  if (active + created > parallelism) out.push(violation('JOB-2', `${show(job)} would run ${active + created} pods, parallelism ${parallelism}`, ref))
  if (completions !== undefined && active + created > completions - done) {
    out.push(violation('JOB-2', `${show(job)} would run ${active + created} pods with ${completions - done} completions left`, ref))
  }
  if (completions === undefined && done > 0) out.push(violation('JOB-2', `${show(job)} creates pods after a success without completions`, ref))
  return out
}

/** JOB-3 (over a sync): a finished Job's sync does nothing. */
export const job3FinishedIsFinal = (job: Job, _view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> =>
  isFinished(job) && actions.length > 0 ? [violation('JOB-3', `${show(job)} is finished but its sync still acts: ${actions.map((a) => a._tag).join(', ')}`, ObjectRef.of(job))] : []

/** JOB-3 (over a step): no pod is created for a Job that was already finished. */
export const noPodAfterFinish = (before: View, beforeNow: Date, after: View): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const job of ClusterView.listOf(before, 'Job')) {
    if (!isFinished(job)) continue
    for (const p of ClusterView.controlledOf(after, job.metadata.uid ?? '', 'Pod')) {
      const created = T.parse(p.metadata.creationTimestamp)
      if (created !== undefined && created > beforeNow.getTime()) out.push(violation('JOB-3', `${show(job)} was finished, yet ${show(p)} was created`, ObjectRef.of(job)))
    }
  }
  return out
}

// -------------------------------------------------------------------------------------
// view and fixpoint checks
// -------------------------------------------------------------------------------------

const failureReasons = ['BackoffLimitExceeded', 'DeadlineExceeded', 'PodFailurePolicy', 'MaxFailedIndexesExceeded', 'FailedIndexes'] as const

/** Why a Failed Job's reason is not justified by its spec and status, or `undefined`. */
const unjustified = (job: Job, reason: string | undefined): string | undefined => {
  const s = job.spec
  const st = job.status ?? {}
  switch (reason) {
    case 'BackoffLimitExceeded':
      return (st.failed ?? 0) > (s.backoffLimit ?? 6) || s.template.spec.restartPolicy === 'OnFailure' ? undefined : `failed ${st.failed ?? 0} ≤ backoffLimit ${s.backoffLimit ?? 6}`
    case 'DeadlineExceeded':
      return s.activeDeadlineSeconds !== undefined ? undefined : 'no activeDeadlineSeconds'
    case 'PodFailurePolicy':
      return (s.podFailurePolicy?.rules ?? []).some((r) => r.action === 'FailJob') ? undefined : 'no FailJob rule'
    case 'MaxFailedIndexesExceeded':
      return s.maxFailedIndexes !== undefined && Indexes.size(Indexes.parse(st.failedIndexes ?? '', completionsOf(job))) > s.maxFailedIndexes ? undefined : 'not more failed indexes than maxFailedIndexes'
    case 'FailedIndexes':
      return (st.failedIndexes ?? '') !== '' ? undefined : 'no failed index'
    default:
      return `unknown reason ${JSON.stringify(reason ?? '')}`
  }
}

/**
 * JOB-4 (in every view): a Job is Failed only for a reason its spec and status justify
 * (failures beyond backoffLimit, a FailJob rule, a deadline, failed indexes), after a
 * FailureTarget with the same reason; Complete only after SuccessCriteriaMet, with a
 * completionTime; never both.
 */
export const terminalConditionsJustified = (view: View): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const job of ClusterView.listOf(view, 'Job')) {
    const ref = ObjectRef.of(job)
    const failed = find(job.status?.conditions, 'Failed')
    const complete = find(job.status?.conditions, 'Complete')
    if (failed?.status === 'True') {
      const target = find(job.status?.conditions, 'FailureTarget')
      if (target?.status !== 'True' || target.reason !== failed.reason) out.push(violation('JOB-4', `${show(job)} is Failed without a FailureTarget of the same reason`, ref))
      const why = failureReasons.includes(failed.reason as never) ? unjustified(job, failed.reason) : `unknown reason ${JSON.stringify(failed.reason ?? '')}`
      if (why !== undefined) out.push(violation('JOB-4', `${show(job)} is Failed (${failed.reason ?? ''}) but ${why}`, ref))
    }
    if (complete?.status === 'True') {
      if (failed?.status === 'True') out.push(violation('JOB-4', `${show(job)} is both Complete and Failed`, ref))
      if (!isTrue(job, 'SuccessCriteriaMet')) out.push(violation('JOB-4', `${show(job)} is Complete without SuccessCriteriaMet`, ref))
      if (job.status?.completionTime === undefined) out.push(violation('JOB-4', `${show(job)} is Complete without completionTime`, ref))
    }
  }
  return out
}

/** JOB-4 (at a fixpoint): a Job with more counted failures than its backoffLimit has finished. */
export const failsPastBackoffLimit = (view: View): ReadonlyArray<Violation> =>
  ClusterView.listOf(view, 'Job')
    .filter((j) => (j.status?.failed ?? 0) > (j.spec.backoffLimit ?? 6) && !isFinished(j) && j.metadata.deletionTimestamp === undefined)
    .map((j) => violation('JOB-4', `${show(j)} has ${j.status?.failed ?? 0} failures, backoffLimit ${j.spec.backoffLimit ?? 6}, and is not finished`, ObjectRef.of(j)))

/**
 * JOB-5 (in every view): an Indexed Job's `completedIndexes` and `failedIndexes` are canonical
 * (sorted, merged, two-index runs as `a,b`) and hold only indexes below `completions`.
 */
export const indexesCanonical = (view: View): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const job of ClusterView.listOf(view, 'Job')) {
    if (!isIndexed(job)) continue
    for (const field of ['completedIndexes', 'failedIndexes'] as const) {
      const text = job.status?.[field]
      if (text === undefined) continue
      const parsed = Indexes.parse(text, completionsOf(job))
      if (Indexes.format(parsed) !== text) out.push(violation('JOB-5', `${show(job)}: ${field} ${JSON.stringify(text)} is not the canonical set of indexes below ${completionsOf(job)}`, ObjectRef.of(job)))
    }
  }
  return out
}

/** JOB-5 (at a fixpoint): an Indexed Job runs at most one active pod per index, each with a valid index that is neither completed nor failed. */
export const onePodPerIndex = (view: View): ReadonlyArray<Violation> => {
  const out: Array<Violation> = []
  for (const job of ClusterView.listOf(view, 'Job')) {
    if (!isIndexed(job)) continue
    const completions = completionsOf(job)
    const done = Indexes.union([Indexes.parse(job.status?.completedIndexes ?? '', completions), Indexes.parse(job.status?.failedIndexes ?? '', completions)])
    const seen = new Set<number>()
    for (const p of ClusterView.controlledOf(view, job.metadata.uid ?? '', 'Pod').filter(isActive)) {
      const ix = completionIndex(p)
      const problem = !hasValidIndex(p, completions) ? 'has no valid index' : seen.has(ix) ? `repeats index ${ix}` : Indexes.has(done, ix) ? `runs finished index ${ix}` : undefined
      if (problem !== undefined) out.push(violation('JOB-5', `${show(job)}: active ${show(p)} ${problem}`, ObjectRef.of(job)))
      seen.add(ix)
    }
  }
  return out
}

/** JOB-6 (at a fixpoint): a suspended Job has no active pods. */
export const job6SuspendedIsIdle = (view: View): ReadonlyArray<Violation> =>
  ClusterView.listOf(view, 'Job')
    .filter((j) => j.spec.suspend === true && !isFinished(j))
    .flatMap((j) => {
      const n = ClusterView.controlledOf(view, j.metadata.uid ?? '', 'Pod').filter(isActive).length
      return n === 0 ? [] : [violation('JOB-6', `${show(j)} is suspended but runs ${n} pods`, ObjectRef.of(j))]
    })

/**
 * JOB-7 (at a fixpoint): reconciling any Job again writes nothing; a finished Job has no tracked
 * pod and nothing uncounted.
 */
export const job7FixpointIsQuiet = (view: View, now: Date): ReadonlyArray<Violation> =>
  ClusterView.listOf(view, 'Job').flatMap((j) => {
    const out: Array<Violation> = []
    const writes = reconcile(j, view, now).filter(isWrite)
    if (writes.length > 0) out.push(violation('JOB-7', `${show(j)} would still write: ${writes.map((a) => a._tag).join(', ')}`, ObjectRef.of(j)))
    if (isFinished(j)) {
      const tracked = ClusterView.controlledOf(view, j.metadata.uid ?? '', 'Pod').filter(isTracked).length
      const u = uncountedOf(j)
      if (tracked + u.succeeded.size + u.failed.size > 0) out.push(violation('JOB-7', `${show(j)} is finished with ${tracked} tracked pod(s) and ${u.succeeded.size + u.failed.size} uncounted`, ObjectRef.of(j)))
    }
    return out
  })

/** JOB-4 (at a fixpoint): Failed exactly when justified — the conditions `terminalConditionsJustified` checks, and no unfinished Job past its backoffLimit. */
export const job4FailedExactlyWhenJustified = (view: View): ReadonlyArray<Violation> => [...terminalConditionsJustified(view), ...failsPastBackoffLimit(view)]

/** JOB-5 (at a fixpoint): canonical, in-range index sets, and at most one active pod per index. */
export const job5IndexesValid = (view: View): ReadonlyArray<Violation> => [...indexesCanonical(view), ...onePodPerIndex(view)]

/** Every sync check (JOB-2, JOB-3). */
export const checkSync = (job: Job, view: View, actions: ReadonlyArray<Action>): ReadonlyArray<Violation> => [
  ...job2ActiveBound(job, view, actions),
  ...job3FinishedIsFinal(job, view, actions),
]

/** The checks of JOB-4 and JOB-5 that hold in every view, not only at a fixpoint. */
export const checkView = (view: View): ReadonlyArray<Violation> => [...terminalConditionsJustified(view), ...indexesCanonical(view)]

/** Every fixpoint check (JOB-4 to JOB-7). */
export const checkFixpoint = (view: View, now: Date): ReadonlyArray<Violation> => [
  ...job4FailedExactlyWhenJustified(view),
  ...job5IndexesValid(view),
  ...job6SuspendedIsIdle(view),
  ...job7FixpointIsQuiet(view, now),
]

/** Every step check (JOB-3's no pod after finishing, and JOB-4/JOB-5's view checks on the step's end). */
export const checkStep = (step: {
  readonly before: { readonly view: View; readonly now: Date }
  readonly after: { readonly view: View; readonly now: Date }
}): ReadonlyArray<Violation> => [...noPodAfterFinish(step.before.view, step.before.now, step.after.view), ...checkView(step.after.view)]
