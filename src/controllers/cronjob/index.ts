/**
 * The CronJob controller: `reconcile`, its declaration, and the helpers named as upstream names
 * them (`mostRecentScheduleTime`, `nextScheduleTimeDuration`, `getJobName` as `jobName`, …).
 */
export { reconcile } from './reconcile.js'
export { cronJobController, jobWake, sizeSummary, statusFields } from './controller.js'
export {
  formatSchedule,
  jobName,
  mostRecentScheduleTime,
  nextScheduleDeltaMs,
  nextScheduleTime,
  nextScheduleTimeDuration,
  timeHashInMinutes,
  tooCloseError,
  zeroTime,
} from './schedule.js'
export type { Missed, MostRecent, NextScheduleTime } from './schedule.js'
export { jobFromTemplate, scheduledTimestamp, scheduledTimestampAnnotation } from './template.js'
export { byJobStartTime, cleanupFinishedJobs, deleteJob, oldestBeyond } from './history.js'
export type { Cleanup } from './history.js'
export {
  activeRefs,
  finishedCondition,
  inActiveList,
  inActiveListByName,
  isSucceeded,
  jobsToBeReconciled,
  refersTo,
  refOf,
  refToCreated,
  withoutJob,
} from './jobs.js'
export type { ActiveRef } from './jobs.js'
export { isTick, next, parseGoDuration, parseStandard } from '../../api/cron.js'
export type { EverySchedule, FieldValues, Schedule, SpecSchedule } from '../../api/cron.js'
