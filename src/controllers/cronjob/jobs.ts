/**
 * The Jobs a CronJob looks at and its active list (upstream `getJobsToBeReconciled`,
 * `inActiveList`, `deleteFromActiveList`, `jobutil.FinishedCondition`).
 *
 * A CronJob's Jobs are the Jobs of its namespace whose controller reference has its **name**:
 * upstream compares neither kind nor uid. The lookup is memoised per view (a deterministic cache
 * keyed by the immutable view).
 *
 * `status.active` holds object references. The one the controller adds for a Job it creates has
 * no uid (a pure sync cannot know the uid the API server will give the Job); such a reference
 * stands for the Job of its name, where upstream's references are matched by uid.
 */
import type { CronJob, Job } from '../../api/workloads.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import { byNamespaceName } from '../../core/order.js'

/** An entry of `status.active` (a `core/v1` ObjectReference), as far as the controller reads it. */
export interface ActiveRef {
  readonly kind?: string
  readonly namespace?: string
  readonly name?: string
  readonly uid?: string
  readonly apiVersion?: string
  readonly resourceVersion?: string
}

/** The entries of `status.active` (entries that are not objects read as empty references). */
export const activeRefs = (cj: CronJob): ReadonlyArray<ActiveRef> =>
  (cj.status?.active ?? []).map((u) => (typeof u === 'object' && u !== null ? (u as ActiveRef) : {}))

/** Per view: each namespace's Jobs, and each CronJob's (by `namespace/name`). */
const byView = new WeakMap<View, { readonly namespaces: Map<string, ReadonlyArray<Job>>; readonly cronJobs: Map<string, ReadonlyArray<Job>> }>()

/** Whether the first controller reference of `job` names `name` (upstream compares the name only). */
const controllerNamed = (job: Job, name: string): boolean => {
  const refs = job.metadata.ownerReferences
  if (refs === undefined) return false
  for (const r of refs) if (r.controller === true) return r.name === name
  return false
}

/** The Jobs the CronJob reconciles: those of its namespace whose controller reference names it, by name (memoised per view). */
export const jobsToBeReconciled = (cj: CronJob, view: View): ReadonlyArray<Job> => {
  let seen = byView.get(view)
  if (seen === undefined) {
    seen = { namespaces: new Map(), cronJobs: new Map() }
    byView.set(view, seen)
  }
  const ns = cj.metadata.namespace ?? ''
  const name = cj.metadata.name ?? ''
  const key = `${ns}/${name}`
  let jobs = seen.cronJobs.get(key)
  if (jobs === undefined) {
    let all = seen.namespaces.get(ns)
    if (all === undefined) {
      all = ClusterView.listOf(view, 'Job', ns)
      seen.namespaces.set(ns, all)
    }
    const found: Array<Job> = []
    for (const j of all) if (controllerNamed(j, name)) found.push(j)
    jobs = found.length < 2 ? found : found.sort(byNamespaceName)
    seen.cronJobs.set(key, jobs)
  }
  return jobs
}

/** How a Job finished: the first `Complete` or `Failed` condition that is `True`, if any. */
export const finishedCondition = (job: Job): 'Complete' | 'Failed' | undefined => {
  for (const c of job.status?.conditions ?? []) {
    if ((c.type === 'Complete' || c.type === 'Failed') && c.status === 'True') return c.type
  }
  return undefined
}

/** Whether the Job has a `Complete=True` condition. */
export const isSucceeded = (job: Job): boolean => (job.status?.conditions ?? []).some((c) => c.type === 'Complete' && c.status === 'True')

/** Whether `ref` stands for `job`: the same uid, or, for a reference without one, the same namespace and name. */
export const refersTo = (ref: ActiveRef, job: Job): boolean =>
  ref.uid !== undefined && ref.uid !== ''
    ? ref.uid === job.metadata.uid
    : ref.name === job.metadata.name && (ref.namespace ?? '') === (job.metadata.namespace ?? '')

/** Whether an entry of `active` stands for `job` (upstream `inActiveList`). */
export const inActiveList = (active: ReadonlyArray<ActiveRef>, job: Job): boolean => active.some((r) => refersTo(r, job))

/** Whether `active` names a Job `name` in `namespace` (upstream `inActiveListByName`). */
export const inActiveListByName = (active: ReadonlyArray<ActiveRef>, namespace: string, name: string): boolean =>
  active.some((r) => r.name === name && (r.namespace ?? '') === namespace)

/** `active` without the entries standing for `job` (upstream `deleteFromActiveList`). */
export const withoutJob = (active: ReadonlyArray<ActiveRef>, job: Job): ReadonlyArray<ActiveRef> => active.filter((r) => !refersTo(r, job))

/** The reference upstream's `getRef` makes for a Job it observed. */
export const refOf = (job: Job): ActiveRef => {
  const m = job.metadata
  return {
    kind: 'Job',
    ...(m.namespace === undefined ? {} : { namespace: m.namespace }),
    ...(m.name === undefined ? {} : { name: m.name }),
    ...(m.uid === undefined ? {} : { uid: m.uid }),
    apiVersion: 'batch/v1',
    ...(m.resourceVersion === undefined ? {} : { resourceVersion: m.resourceVersion }),
  }
}

/** The reference to a Job this sync creates: its namespace and name (its uid is not known yet). */
export const refToCreated = (namespace: string, name: string): ActiveRef => ({ kind: 'Job', namespace, name, apiVersion: 'batch/v1' })
