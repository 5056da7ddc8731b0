/**
 * Hand-written CronJobs and Jobs for the CronJob controller's tests, shaped after upstream's
 * unit-test fixtures (`mycronjob` in `snazzycats`, uid `1a2b3c`, the hour of 2016-05-19T10:00Z).
 */
import type { CronJob, Job } from '../../../src/api/workloads.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import type { KubeObject } from '../../../src/api/object.js'
import { deepFreeze } from '../../helpers/freeze.js'

/** The hour upstream's tests revolve around, and times around it. */
export const times = {
  topOfTheHour: '2016-05-19T10:00:00Z',
  justBeforeThePriorHour: '2016-05-19T08:59:00Z',
  justAfterThePriorHour: '2016-05-19T09:01:00Z',
  justBeforeTheHour: '2016-05-19T09:59:00Z',
  justAfterTheHour: '2016-05-19T10:01:00Z',
  weekAfterTheHour: '2016-05-26T10:00:00Z',
} as const

/** Milliseconds of an RFC 3339 time. */
export const ms = (iso: string): number => Date.parse(iso)
/** A `Date` of an RFC 3339 time. */
export const date = (iso: string): Date => new Date(iso)

/** The name of the Job upstream makes for 2016-05-19T10:00:00Z: minutes since the epoch. */
export const jobAtTheHour = 'mycronjob-24394200'

type Spec = Partial<CronJob['spec']>

/** `mycronjob` as stored: defaults applied, schedule `0 * * * ?` unless `spec` says otherwise. */
export const cronJob = (spec: Spec = {}, status: CronJob['status'] = undefined, meta: Partial<CronJob['metadata']> = {}): CronJob => ({
  apiVersion: 'batch/v1',
  kind: 'CronJob',
  metadata: { name: 'mycronjob', namespace: 'snazzycats', uid: '1a2b3c', resourceVersion: '7', creationTimestamp: times.justBeforeTheHour, ...meta },
  spec: {
    schedule: '0 * * * ?',
    concurrencyPolicy: 'Allow',
    suspend: false,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 1,
    jobTemplate: {
      metadata: { labels: { a: 'b' }, annotations: { x: 'y' } },
      spec: {
        parallelism: 1,
        completions: 1,
        template: { metadata: { labels: { foo: 'bar' } }, spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'foo/bar' }] } },
      },
    },
    ...spec,
  },
  ...(status === undefined ? {} : { status }),
})

/** How a test Job ended, if it did. */
export type Outcome = 'running' | 'complete' | 'failed'

/** What `job` takes besides the name. */
export interface JobOptions {
  readonly uid?: string
  readonly outcome?: Outcome
  readonly startTime?: string
  readonly completionTime?: string
  /** The controller's name (default `mycronjob`), or `null` for an orphan. */
  readonly owner?: string | null
  readonly ownerKind?: string
  readonly ownerUid?: string
  readonly namespace?: string
  readonly deleting?: boolean
}

/** A Job controlled by `mycronjob` (by default), in `snazzycats`. */
export const job = (name: string, o: JobOptions = {}): Job => {
  const owner = o.owner === undefined ? 'mycronjob' : o.owner
  const outcome = o.outcome ?? 'running'
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: o.namespace ?? 'snazzycats',
      uid: o.uid ?? `uid-${name}`,
      resourceVersion: '3',
      creationTimestamp: times.topOfTheHour,
      ...(o.deleting === true ? { deletionTimestamp: times.justAfterTheHour } : {}),
      ...(owner === null
        ? {}
        : {
            ownerReferences: [
              { apiVersion: 'batch/v1', kind: o.ownerKind ?? 'CronJob', name: owner, uid: o.ownerUid ?? '1a2b3c', controller: true, blockOwnerDeletion: true },
            ],
          }),
    },
    spec: { template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'c', image: 'foo/bar' }] } } },
    status: {
      ...(o.startTime === undefined ? {} : { startTime: o.startTime }),
      ...(o.completionTime === undefined ? {} : { completionTime: o.completionTime }),
      ...(outcome === 'complete' ? { conditions: [{ type: 'Complete', status: 'True' }], succeeded: 1 } : {}),
      ...(outcome === 'failed' ? { conditions: [{ type: 'Failed', status: 'True' }], failed: 1 } : {}),
      ...(outcome === 'running' ? { active: 1 } : {}),
    },
  }
}

/** The `status.active` entry upstream writes for a Job (with its uid). */
export const refTo = (j: Job): Record<string, string> => ({
  kind: 'Job',
  namespace: j.metadata.namespace ?? '',
  name: j.metadata.name ?? '',
  uid: j.metadata.uid ?? '',
  apiVersion: 'batch/v1',
  resourceVersion: j.metadata.resourceVersion ?? '',
})

/** The `status.active` entry this controller writes for a Job it creates (no uid yet). */
export const refByName = (name: string, namespace = 'snazzycats'): Record<string, string> => ({ kind: 'Job', namespace, name, apiVersion: 'batch/v1' })

/** A frozen view of `objects` (so a test fails if the controller mutates its input). */
export const viewOf = (...objects: ReadonlyArray<KubeObject>): ClusterView.ClusterView => ClusterView.fromObjects(objects.map((o) => deepFreeze(o)))
