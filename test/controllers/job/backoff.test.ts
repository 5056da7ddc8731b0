/**
 * The pod-creation backoff (`backoff.ts`) and pod finish times (`jobPods.finishedTime`), with
 * upstream's tables from `backoff_utils_test.go` (TestNewBackoffRecord, TestGetFinishedTime,
 * TestGetRemainingBackoffTime, TestGetRemainingBackoffTimePerIndex) translated to the
 * controller's constants (10 s doubling to 10 min), and the controller memory that keeps the
 * record between syncs (`rememberBackoff`).
 */
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src/api/pod.js'
import type { Job } from '../../../src/api/workloads.js'
import * as A from '../../../src/core/Action.js'
import type { Action } from '../../../src/core/Action.js'
import {
  delayMs,
  emptyBackoff,
  indexRemainingMs,
  nextRecord,
  recordOf,
  remainingMs,
  rememberBackoff,
} from '../../../src/controllers/job/backoff.js'
import type { BackoffRecord, JobBackoff } from '../../../src/controllers/job/backoff.js'
import { jobController } from '../../../src/controllers/job/controller.js'
import { finishedTime } from '../../../src/controllers/job/jobPods.js'
import { maxPodFailureBackoffMs, podFailureBackoffMs } from '../../../src/controllers/job/keys.js'
import { reconcile } from '../../../src/controllers/job/reconcile.js'
import { ago, agoMs, cond, job, now, pod, requeues, viewOf } from './fixtures.js'

const nowMs = now.getTime()
const empty: BackoffRecord = { failures: 0, recorded: [] }

describe('delays', () => {
  it('uses upstream constants: 10 s, at most 10 min', () => {
    expect(podFailureBackoffMs).toBe(10_000)
    expect(maxPodFailureBackoffMs).toBe(600_000)
  })

  it.each([
    [0, 0],
    [-1, 0],
    [1, 10_000],
    [2, 20_000],
    [3, 40_000],
    [4, 80_000],
    [5, 160_000],
    [6, 320_000],
    [7, 600_000],
    [8, 600_000],
    [100, 600_000],
  ])('delayMs(%d) = %d', (failures, want) => {
    expect(delayMs(failures)).toBe(want)
  })
})

describe('remainingMs (upstream TestGetRemainingBackoffTime)', () => {
  it.each<readonly [string, number, number | undefined, number, number]>([
    ['no failures', 0, undefined, nowMs, 0],
    ['failures but no failure time', 2, undefined, nowMs, 0],
    ['one failure; current time and failure time are same', 1, nowMs, nowMs, 10_000],
    ['one failure; current time == 1 second + failure time', 1, nowMs - 1000, nowMs, 9_000],
    ['one failure; current time == expected backoff time', 1, nowMs - 10_000, nowMs, 0],
    ['one failure; current time == expected backoff time + 1 Second', 1, nowMs - 11_000, nowMs, 0],
    ['three failures; current time and failure time are same', 3, nowMs, nowMs, 40_000],
    ['seven failures; backoff reaches the maximum', 7, nowMs, nowMs, 600_000],
    ['eight failures; backoff capped at the maximum', 8, nowMs, nowMs, 600_000],
    ['a failure in the future (clock skew) waits longer', 1, nowMs + 5000, nowMs, 15_000],
  ])('%s', (_name, failures, last, at, want) => {
    expect(remainingMs(failures, last, at)).toBe(want)
  })
})

describe('finishedTime (upstream TestGetFinishedTime)', () => {
  const at = (ms: number): string => agoMs(ms)
  const finished = (ms: number) => ({ terminated: { exitCode: 0, finishedAt: at(ms) } })

  it('the latest container finish time when every container terminated', () => {
    const p = pod('a', {
      phase: 'Succeeded',
      containers: [
        { name: 'a', state: finished(1000) },
        { name: 'b', state: finished(0) },
        { name: 'c', state: finished(2000) },
      ],
    })
    expect(finishedTime(p)).toBe(nowMs)
  })

  it('two containers terminated and one running: falls back to the deletion time', () => {
    const p = pod('a', {
      phase: 'Running',
      containers: [
        { name: 'a', state: finished(1000) },
        { name: 'b', state: { running: {} } },
        { name: 'c', state: finished(2000) },
      ],
      deleting: true,
      deletedAgo: 0,
      grace: 0,
    })
    expect(finishedTime(p)).toBe(nowMs)
  })

  it('fallback to deletionTimestamp, decremented by the grace period', () => {
    const p = pod('a', { containers: [{ name: 'a', state: { running: {} } }], deleting: true, deletedAgo: 0, grace: 30 })
    expect(finishedTime(p)).toBe(nowMs - 30_000)
  })

  it('fallback to the Ready=False transition time when a container has no finish time', () => {
    const p = pod('a', {
      phase: 'Failed',
      containers: [{ name: 'a', state: { terminated: { exitCode: 1 } } }],
      conditions: [{ type: 'Ready', status: 'False', reason: 'PodFailed', lastTransitionTime: ago(0) }],
    })
    expect(finishedTime(p)).toBe(nowMs)
  })

  it('skips a Ready=True transition time', () => {
    const p = pod('a', {
      containers: [{ name: 'a', state: { terminated: { exitCode: 1 } } }],
      conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(30) }],
      deleting: true,
      deletedAgo: 0,
      grace: 0,
    })
    expect(finishedTime(p)).toBe(nowMs)
  })

  it('fallback to creationTimestamp', () => {
    const p = pod('a', { phase: 'Failed', containers: [{ name: 'a', state: { terminated: { exitCode: 1 } } }], createdAgo: 0 })
    expect(finishedTime(p)).toBe(nowMs)
  })

  it('without any container status nor condition it is the creation time; without one, 0', () => {
    const p = pod('a', { phase: 'Failed', containers: [], createdAgo: 10 })
    expect(finishedTime(p)).toBe(nowMs - 10_000)
    const { creationTimestamp: _drop, ...meta } = p.metadata
    expect(finishedTime({ ...p, metadata: meta })).toBe(0)
  })

  it('a zero (epoch) finish time does not count', () => {
    const p = pod('a', {
      phase: 'Failed',
      containers: [{ name: 'a', state: { terminated: { exitCode: 1, finishedAt: '1970-01-01T00:00:00Z' } } }],
      createdAgo: 5,
    })
    expect(finishedTime(p)).toBe(nowMs - 5000)
  })

  it('a terminated state without an object or with a non-string finishedAt has no finish time', () => {
    const p = pod('a', {
      phase: 'Failed',
      containers: [
        { name: 'a', state: { terminated: null } },
        { name: 'b', state: { terminated: { exitCode: 1, finishedAt: 12345 } } },
      ],
      createdAgo: 7,
    })
    expect(finishedTime(p)).toBe(nowMs - 7000)
    const q = pod('b', { phase: 'Failed', containers: [{ name: 'b', state: { terminated: { exitCode: 1, finishedAt: 12345 } } }], createdAgo: 7 })
    expect(finishedTime(q)).toBe(nowMs - 7000)
  })

  it('an epoch Ready=False transition does not count; a deletion without grace period is taken as is', () => {
    const p = pod('a', {
      phase: 'Failed',
      containers: [],
      conditions: [{ type: 'Ready', status: 'False', lastTransitionTime: '1970-01-01T00:00:00Z' }],
      deleting: true,
      deletedAgo: 3,
    })
    const { deletionGracePeriodSeconds: _drop, ...meta } = p.metadata
    expect(finishedTime({ ...p, metadata: meta })).toBe(nowMs - 3000)
    expect(finishedTime(p)).toBe(nowMs - 33_000)
  })

  // Upstream TestGetFinishedTime "Pod with sidecar container and all containers terminated"
  // (SidecarContainers on): a sidecar (restartable init container) finishing after the regular
  // containers gives the finish time; a plain init container does not count.
  it('counts the sidecar containers finishing after the regular ones, not plain init containers', () => {
    const base = pod('a', {
      phase: 'Succeeded',
      containers: [{ name: 'main', state: finished(1000) }],
      initContainers: [{ name: 'sidecar', state: finished(0) }],
    })
    const plain = { ...base, spec: { ...base.spec, initContainers: [{ name: 'sidecar', image: 'busybox:1.36' }] } }
    expect(finishedTime(plain)).toBe(nowMs - 1000)
    const p = { ...base, spec: { ...base.spec, initContainers: [{ name: 'sidecar', image: 'busybox:1.36', restartPolicy: 'Always' }] } }
    expect(finishedTime(p)).toBe(nowMs)
  })
})

describe('nextRecord (upstream TestNewBackoffRecord)', () => {
  /** A finished pod whose only container finished `ms` before now. */
  const done = (name: string, phase: 'Succeeded' | 'Failed', ms: number): Pod =>
    pod(name, { phase, containers: [{ name: 'main', state: { terminated: { exitCode: phase === 'Failed' ? 1 : 0, finishedAt: agoMs(ms) } } }] })
  const ok = (name: string, ms: number) => done(name, 'Succeeded', ms)
  const ko = (name: string, ms: number) => done(name, 'Failed', ms)

  it.each<readonly [string, BackoffRecord, ReadonlyArray<Pod>, ReadonlyArray<Pod>, Omit<BackoffRecord, 'recorded'>]>([
    ['empty backoff store and one new failure', empty, [], [ko('f1', 0)], { failures: 1, lastFailureMs: nowMs }],
    ['empty backoff store and two new failures', empty, [], [ko('f1', 0), ko('f2', 1)], { failures: 2, lastFailureMs: nowMs }],
    ['empty backoff store, two failures followed by success', empty, [ok('s1', 0)], [ko('f1', 2), ko('f2', 1)], { failures: 0 }],
    [
      'empty backoff store, two failures, one success and two more failures',
      empty,
      [ok('s1', 2)],
      [ko('f1', 0), ko('f2', 4), ko('f3', 3), ko('f4', 1)],
      { failures: 2, lastFailureMs: nowMs },
    ],
    ['backoff store having failure count 2 and one new failure', { failures: 2, recorded: [] }, [], [ko('f1', 0)], { failures: 3, lastFailureMs: nowMs }],
    ['empty backoff store with success and failure at same timestamp', empty, [ok('s1', 0)], [ko('f1', 0)], { failures: 0 }],
    ['empty backoff store with one success', empty, [ok('s1', 0)], [], { failures: 0 }],
    ['a success resets earlier failures of the record', { failures: 5, lastFailureMs: nowMs - 9000, recorded: ['x'] }, [ok('s1', 0)], [], { failures: 0 }],
    ['the latest of several successes is the reference', empty, [ok('s1', 10), ok('s2', 5)], [ko('f1', 7), ko('f2', 3)], { failures: 1, lastFailureMs: nowMs - 3 }],
  ])('%s', (_name, prev, succeeded, failedPods, want) => {
    const { recorded: _r, ...got } = nextRecord(prev, succeeded, failedPods)
    expect(got).toEqual(want)
  })

  it('empty backoff store with no success/failure: the record itself', () => {
    const prev: BackoffRecord = { failures: 2, lastFailureMs: 5, recorded: ['u'] }
    expect(nextRecord(prev, [], [])).toBe(prev)
  })

  it('records the pods it saw, and skips them when a retried sync sees them again', () => {
    const f1 = ko('f1', 0)
    const first = nextRecord(empty, [], [f1])
    expect(first.recorded).toEqual(['uid-f1'])
    expect(nextRecord(first, [], [f1])).toBe(first)
    const second = nextRecord(first, [], [f1, ko('f2', 0)])
    expect(second).toEqual({ failures: 2, lastFailureMs: nowMs, recorded: ['uid-f1', 'uid-f2'] })
  })

  it('after a success only the failures after it stay recorded (successes are not kept)', () => {
    const prev: BackoffRecord = { failures: 1, lastFailureMs: nowMs - 50, recorded: ['uid-old'] }
    expect(nextRecord(prev, [ok('s1', 10)], [ko('f1', 0)]).recorded).toEqual(['uid-f1'])
    expect(nextRecord(prev, [ok('s1', 0)], [ko('f1', 10)]).recorded).toEqual([])
    expect(nextRecord(prev, [ok('s1', 0)], [])).toEqual({ failures: 0, recorded: [] })
  })
})

describe('recordOf', () => {
  it("is the Job's record by uid, else an empty one", () => {
    const rec: BackoffRecord = { failures: 3, lastFailureMs: 1, recorded: [] }
    expect(recordOf({ 'uid-pi': rec }, job())).toBe(rec)
    expect(recordOf({ other: rec }, job())).toEqual(empty)
    expect(recordOf(undefined, job())).toEqual(empty)
    expect(recordOf(emptyBackoff, job({ uid: '' }))).toEqual(empty)
  })
})

describe('indexRemainingMs (upstream TestGetRemainingBackoffTimePerIndex)', () => {
  /** A failed pod whose finish time is its deletion, now. */
  const lastFailed = (failureCount: number, ignoredCount?: number): Pod =>
    pod('a', { phase: 'Failed', containers: [], failureCount, ...(ignoredCount === undefined ? {} : { ignoredCount }), deleting: true, deletedAgo: 0, grace: 0 })

  it.each<readonly [string, Pod | undefined, number]>([
    ['no failures', undefined, 0],
    ['two prev failures; current time and failure time are same', lastFailed(2), 40_000],
    ['one prev failure counted and one ignored; current time and failure time are same', lastFailed(1, 1), 40_000],
    ['a first failure', lastFailed(0), 10_000],
  ])('%s', (_name, p, want) => {
    expect(indexRemainingMs(p, nowMs)).toBe(want)
  })

  it('counts from the last failure', () => {
    expect(indexRemainingMs(lastFailed(0), nowMs + 4000)).toBe(6000)
    expect(indexRemainingMs(lastFailed(0), nowMs + 10_000)).toBe(0)
  })
})

describe('rememberBackoff (the controller memory)', () => {
  const failedPod = (name: string, j: Job, finishedAgo = 0) => pod(name, { owner: j, phase: 'Failed', finishedAgo })
  const statusWrite = (j: Job, conditions = j.status?.conditions ?? []): Action => A.updateStatus({ ...j, status: { ...j.status, conditions } })

  it('is the memory the controller declares', () => {
    expect(jobController.memory?.initial).toBe(emptyBackoff)
    expect(jobController.memory?.remember).toBe(rememberBackoff)
  })

  it('keeps the record of the pods a status-writing sync newly saw finish', () => {
    const j = job({ parallelism: 2, completions: 4 })
    const view = viewOf(j, failedPod('f1', j, 5), failedPod('f2', j, 2), pod('r', { owner: j }))
    const got = rememberBackoff(emptyBackoff, [statusWrite(j)], now, j, view)
    expect(got).toEqual({ 'uid-pi': { failures: 2, lastFailureMs: nowMs - 2000, recorded: ['uid-f1', 'uid-f2'] } })
  })

  it('keeps the other Jobs records', () => {
    const j = job()
    const other: BackoffRecord = { failures: 1, lastFailureMs: 0, recorded: [] }
    const got = rememberBackoff({ 'uid-other': other }, [statusWrite(j)], now, j, viewOf(j, failedPod('f', j)))
    expect(got['uid-other']).toBe(other)
    expect(got['uid-pi']?.failures).toBe(1)
  })

  it('changes nothing when the sync wrote no status of this Job (upstream persists it only on a flush)', () => {
    const j = job()
    const backoff: JobBackoff = {}
    const view = viewOf(j, failedPod('f', j))
    expect(rememberBackoff(backoff, [], now, j, view)).toBe(backoff)
    const otherJob = job({ name: 'other' })
    expect(rememberBackoff(backoff, [statusWrite(otherJob)], now, j, view)).toBe(backoff)
    const elsewhere = job({ namespace: 'elsewhere' })
    expect(rememberBackoff(backoff, [statusWrite(elsewhere)], now, j, view)).toBe(backoff)
    expect(rememberBackoff(backoff, [A.update(failedPod('f', j))], now, j, view)).toBe(backoff)
  })

  it('changes nothing when no pod newly finished', () => {
    const j = job()
    const backoff: JobBackoff = {}
    expect(rememberBackoff(backoff, [statusWrite(j)], now, j, viewOf(j, pod('r', { owner: j })))).toBe(backoff)
  })

  it('forgets the record when the write finishes the Job (Complete or Failed)', () => {
    const j = job()
    const rec: BackoffRecord = { failures: 2, lastFailureMs: 0, recorded: [] }
    const view = viewOf(j, failedPod('f', j))
    expect(rememberBackoff({ 'uid-pi': rec, x: rec }, [statusWrite(j, [cond('Complete', 'True', 'r', 'm')])], now, j, view)).toEqual({ x: rec })
    expect(rememberBackoff({ 'uid-pi': rec }, [statusWrite(j, [cond('Failed', 'True', 'r', 'm')])], now, j, view)).toEqual({})
    const none: JobBackoff = {}
    expect(rememberBackoff(none, [statusWrite(j, [cond('Failed', 'True', 'r', 'm')])], now, j, view)).toBe(none)
  })

  it('an interim or False condition does not finish the Job', () => {
    const j = job()
    const view = viewOf(j, failedPod('f', j))
    const got = rememberBackoff({}, [statusWrite(j, [cond('FailureTarget', 'True', 'r', 'm'), cond('Complete', 'False', 'r', 'm')])], now, j, view)
    expect(got['uid-pi']?.failures).toBe(1)
  })

  it('a finishing write of another Job keeps this one', () => {
    const j = job()
    const other = job({ name: 'other', uid: 'uid-other' })
    const rec: BackoffRecord = { failures: 2, lastFailureMs: 0, recorded: [] }
    const got = rememberBackoff({ 'uid-pi': rec }, [statusWrite(other, [cond('Complete', 'True', 'r', 'm')])], now, j, viewOf(j))
    expect(got['uid-pi']).toBe(rec)
  })

  it('keeps no global record for a Job with backoffLimitPerIndex (its backoff is per index)', () => {
    const j = job({ indexed: true, completions: 2, backoffLimitPerIndex: 1 })
    const backoff: JobBackoff = {}
    expect(rememberBackoff(backoff, [statusWrite(j)], now, j, viewOf(j, pod('f', { owner: j, phase: 'Failed', index: 0 })))).toBe(backoff)
  })

  it('a sync retried after a dropped write records nothing twice', () => {
    const j = job({ parallelism: 2, completions: 4 })
    const view = viewOf(j, failedPod('f1', j))
    const once = rememberBackoff(emptyBackoff, [statusWrite(j)], now, j, view)
    const twice = rememberBackoff(once, [statusWrite(j)], now, j, view)
    expect(twice).toBe(once)
    expect(twice['uid-pi']?.failures).toBe(1)
  })

  it('end to end: a failure holds the next creation for 10 s, then 20 s after the second', () => {
    const j = job({ status: { startTime: ago(600) } })
    const f1 = failedPod('f1', j, 0)
    const first = reconcile(j, viewOf(j, f1), now, emptyBackoff)
    expect(requeues(first)).toEqual([10])
    const memory = rememberBackoff(emptyBackoff, first, now, j, viewOf(j, f1))
    expect(memory['uid-pi']).toEqual({ failures: 1, lastFailureMs: nowMs, recorded: ['uid-f1'] })
    // 4 s later the pod's finalizer is gone and counted; the record still holds 6 s
    const counted = job({ status: { startTime: ago(600), failed: 1, uncountedTerminatedPods: {}, active: 0, ready: 0, terminating: 0 } })
    const later = new Date(nowMs + 4000)
    const f1Done = pod('f1', { owner: counted, phase: 'Failed', finishedAgo: 0, tracked: false })
    expect(requeues(reconcile(counted, viewOf(counted, f1Done), later, memory))).toEqual([6])
    // a second failure: 20 s from its finish
    const f2 = failedPod('f2', counted, 0)
    const second = reconcile(counted, viewOf(counted, f1Done, f2), now, memory)
    expect(requeues(second)).toEqual([20])
  })
})
