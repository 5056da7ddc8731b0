/**
 * The CronJob controller's declaration: registered after the Job controller, woken by its own
 * changes and by the Jobs whose controller reference names it, summarised for the CLI, its status
 * fields for the timeline; and the root `reconcile` dispatching to it.
 */
import { describe, expect, it } from 'vitest'
import * as Root from '../../../src/index.js'
import * as CronJobs from '../../../src/controllers/cronjob/index.js'
import { controllerForKind, controllers } from '../../../src/controllers/registry.js'
import { cronJob, date, job, refTo, times, viewOf } from './fixtures.js'

describe('declaration', () => {
  it('is the per-object controller of CronJob, registered after the Job controller', () => {
    const c = CronJobs.cronJobController
    expect([c._tag, c.name, c.kind, c.expectations]).toEqual(['PerObject', 'CronJob', 'CronJob', []])
    expect(controllerForKind('CronJob')).toBe(c)
    const names = controllers.map((x) => x.name)
    expect(names.indexOf('CronJob')).toBeGreaterThan(names.indexOf('Job'))
    expect(c.memory).toBeUndefined()
  })

  it('wakes on its own changes and on Jobs naming it as controller, whatever their kind; not on orphans', () => {
    const [self, jobs] = CronJobs.cronJobController.wakes
    const view = viewOf()
    expect(self?.kind).toBe('CronJob')
    expect([...(self?.keys(cronJob(), view) ?? [])]).toEqual(['CronJob/snazzycats/mycronjob'])
    expect(jobs).toBe(CronJobs.jobWake)
    expect(jobs?.kind).toBe('Job')
    expect(jobs?.events).toBeUndefined()
    expect([...CronJobs.jobWake.keys(job('a'), view)]).toEqual(['CronJob/snazzycats/mycronjob'])
    expect([...CronJobs.jobWake.keys(job('b', { ownerKind: 'Workflow', owner: 'flow' }), view)]).toEqual(['CronJob/snazzycats/flow'])
    expect([...CronJobs.jobWake.keys(job('c', { owner: null }), view)]).toEqual([])
    const notController = { ...job('d'), metadata: { ...job('d').metadata, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'mycronjob', uid: '1a2b3c' }] } }
    expect([...CronJobs.jobWake.keys(notController, view)]).toEqual([])
  })

  it('summarises the active list and the finished Jobs it keeps', () => {
    const running = job('r')
    const jobs = [running, job('c1', { outcome: 'complete' }), job('c2', { outcome: 'complete' }), job('f1', { outcome: 'failed' }), job('x', { owner: 'other', outcome: 'failed' })]
    const cj = cronJob({}, { active: [refTo(running)] })
    expect(CronJobs.sizeSummary(cj, viewOf(cj, ...jobs))).toBe('mycronjob 1 active, 2 complete, 1 failed')
    expect(CronJobs.cronJobController.summary).toBe(CronJobs.sizeSummary)
  })

  it('shows the active list, last schedule and last success in the timeline', () => {
    expect(CronJobs.statusFields).toEqual([
      ['active', 'active'],
      ['lastScheduleTime', 'last schedule'],
      ['lastSuccessfulTime', 'last success'],
    ])
    expect(CronJobs.cronJobController.statusFields).toBe(CronJobs.statusFields)
  })

  it('the root reconcile dispatches CronJobs to it', () => {
    const cj = cronJob()
    expect(Root.reconcile(cj, viewOf(cj), date(times.justAfterTheHour))).toEqual(CronJobs.reconcile(cj, viewOf(cj), date(times.justAfterTheHour)))
  })
})

describe('the Jobs a CronJob looks at', () => {
  it('are those of its namespace whose controller reference has its name (not kind or uid), by name', () => {
    const mine = job('b-mine')
    const oldIncarnation = job('a-old', { ownerUid: 'previous' })
    const otherKind = job('c-kind', { ownerKind: 'Workflow' })
    const cj = cronJob()
    const view = viewOf(cj, mine, oldIncarnation, otherKind, job('d', { owner: 'other' }), job('e', { namespace: 'elsewhere' }), job('f', { owner: null }))
    expect(CronJobs.jobsToBeReconciled(cj, view).map((j) => j.metadata.name)).toEqual(['a-old', 'b-mine', 'c-kind'])
    expect(CronJobs.jobsToBeReconciled(cj, view)).toBe(CronJobs.jobsToBeReconciled(cj, view))
  })

  it('finished means a True Complete or Failed condition, the first one counting', () => {
    const both = { ...job('x'), status: { conditions: [{ type: 'Failed', status: 'True' }, { type: 'Complete', status: 'True' }] } }
    expect(CronJobs.finishedCondition(both)).toBe('Failed')
    expect(CronJobs.isSucceeded(both)).toBe(true)
    expect(CronJobs.finishedCondition({ ...job('y'), status: { conditions: [{ type: 'Complete', status: 'False' }, { type: 'SuccessCriteriaMet', status: 'True' }] } })).toBeUndefined()
  })

  it('active references match by uid, or by namespace and name without one', () => {
    const j = job('x')
    expect(CronJobs.refersTo({ uid: 'uid-x', name: 'other' }, j)).toBe(true)
    expect(CronJobs.refersTo({ uid: 'uid-y', name: 'x', namespace: 'snazzycats' }, j)).toBe(false)
    expect(CronJobs.refersTo({ name: 'x', namespace: 'snazzycats' }, j)).toBe(true)
    expect(CronJobs.refersTo({ uid: '', name: 'x', namespace: 'snazzycats' }, j)).toBe(true)
    expect(CronJobs.refersTo({ name: 'x', namespace: 'other' }, j)).toBe(false)
    expect(CronJobs.inActiveListByName([{ name: 'x', namespace: 'snazzycats' }], 'snazzycats', 'x')).toBe(true)
    expect(CronJobs.inActiveListByName([{ name: 'x', namespace: 'other' }], 'snazzycats', 'x')).toBe(false)
    expect(CronJobs.withoutJob([{ uid: 'uid-x' }, { name: 'x', namespace: 'snazzycats' }, { name: 'y', namespace: 'snazzycats' }], j)).toEqual([{ name: 'y', namespace: 'snazzycats' }])
    expect(CronJobs.refOf(j)).toEqual(refTo(j))
    expect(CronJobs.activeRefs(cronJob({}, { active: ['junk', null, { name: 'a' }] }))).toEqual([{}, {}, { name: 'a' }])
  })
})
