/** The well-known names and limits of the Job controller, as upstream spells them. */
import { expect, it } from 'vitest'
import * as K from '../../../src/controllers/job/keys.js'

it('names and limits are upstream’s', () => {
  expect({ ...K }).toEqual({
    trackingFinalizer: 'batch.kubernetes.io/job-tracking',
    completionIndexKey: 'batch.kubernetes.io/job-completion-index',
    indexFailureCountKey: 'batch.kubernetes.io/job-index-failure-count',
    indexIgnoredFailureCountKey: 'batch.kubernetes.io/job-index-ignored-failure-count',
    completionIndexEnv: 'JOB_COMPLETION_INDEX',
    jobControllerName: 'kubernetes.io/job-controller',
    maxUncountedPods: 500,
    maxPodCreateDeletePerSync: 500,
    podFailureBackoffMs: 10_000,
    maxPodFailureBackoffMs: 600_000,
    maxGeneratedNameLength: 58,
  })
})
