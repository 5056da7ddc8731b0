/**
 * The well-known names and limits of the Job controller (upstream `batch/v1` constants and
 * `job_controller.go`).
 */

/** The finalizer on every pod a Job tracks; removed once the pod's outcome is counted. */
export const trackingFinalizer = 'batch.kubernetes.io/job-tracking'

/** Pod annotation and label with an Indexed Job pod's completion index. */
export const completionIndexKey = 'batch.kubernetes.io/job-completion-index'

/** Pod annotation: the counted failures of the pod's index so far (backoffLimitPerIndex). */
export const indexFailureCountKey = 'batch.kubernetes.io/job-index-failure-count'

/** Pod annotation: the failures of the pod's index an Ignore rule matched (written when > 0). */
export const indexIgnoredFailureCountKey = 'batch.kubernetes.io/job-index-ignored-failure-count'

/** The environment variable every container of an Indexed Job pod gets. */
export const completionIndexEnv = 'JOB_COMPLETION_INDEX'

/** The `spec.managedBy` value naming the built-in Job controller (unset means the same). */
export const jobControllerName = 'kubernetes.io/job-controller'

/** Upstream `MaxUncountedPods`: the uncounted entries one sync adds at most. */
export const maxUncountedPods = 500

/** Upstream `MaxPodCreateDeletePerSync`. */
export const maxPodCreateDeletePerSync = 500

/** Upstream `DefaultJobPodFailureBackOff` (ms): the first pod-creation delay after a failure. */
export const podFailureBackoffMs = 10_000

/** Upstream `MaxJobPodFailureBackOff` (ms): the longest pod-creation delay. */
export const maxPodFailureBackoffMs = 600_000

/** Upstream's limit on a generated name's prefix: 63 characters less 5 random ones. */
export const maxGeneratedNameLength = 58
