/**
 * The Job a CronJob creates for a scheduled time (upstream `getJobFromTemplate2`).
 */
import * as E from 'fp-ts/lib/Either.js'
import { formatRFC3339, loadLocation, utc } from '../../api/timezone.js'
import type { CronJob, Job } from '../../api/workloads.js'
import { newControllerRef } from '../../core/ownership.js'
import * as T from '../../core/time.js'
import { jobName } from './schedule.js'

/** The annotation with the time a Job was scheduled for (gate CronJobsScheduledAnnotation, on by default). */
export const scheduledTimestampAnnotation = 'batch.kubernetes.io/cronjob-scheduled-timestamp'

/**
 * The scheduled time as the annotation shows it: RFC 3339 in the CronJob's `spec.timeZone`
 * (UTC when unset), e.g. `2016-05-19T12:00:00+02:00` in Europe/Rome.
 */
export const scheduledTimestamp = (cj: CronJob, scheduled: number): string => {
  const zone = loadLocation(cj.spec.timeZone ?? '')
  return formatRFC3339(scheduled, E.isRight(zone) ? zone.right : utc)
}

/**
 * The Job for `scheduled`: named `<cronjob>-<minutes>`, in the CronJob's namespace, with the job
 * template's labels and annotations plus the scheduled-timestamp annotation, controlled by the
 * CronJob (`blockOwnerDeletion`), with the template's spec. Its `creationTimestamp` is the
 * scheduled time, as upstream sends it (the API server sets its own).
 */
export const jobFromTemplate = (cj: CronJob, scheduled: number): Job => {
  const meta = cj.spec.jobTemplate.metadata
  const labels = meta?.labels ?? {}
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: jobName(cj, scheduled),
      ...(cj.metadata.namespace === undefined ? {} : { namespace: cj.metadata.namespace }),
      ...(Object.keys(labels).length === 0 ? {} : { labels: { ...labels } }),
      annotations: { ...meta?.annotations, [scheduledTimestampAnnotation]: scheduledTimestamp(cj, scheduled) },
      creationTimestamp: T.format(scheduled),
      ownerReferences: [newControllerRef(cj)],
    },
    spec: cj.spec.jobTemplate.spec,
  }
}
