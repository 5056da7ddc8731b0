import * as E from 'fp-ts/lib/Either.js'
import { pipe } from 'fp-ts/lib/function.js'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/api/object.js'
import type { Pod } from '../../src/api/pod.js'
import type { Job, JobStatus, ReplicaSet } from '../../src/api/workloads.js'
import * as A from '../../src/core/Action.js'
import type { Action } from '../../src/core/Action.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as ObjectRef from '../../src/core/ObjectRef.js'
import * as Plan from '../../src/core/plan.js'
import { deepFreeze } from '../helpers/freeze.js'
import { pod } from '../helpers/objects.js'

const rs = (name: string, replicas: number, rv?: string): ReplicaSet =>
  deepFreeze({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, ...(rv === undefined ? {} : { resourceVersion: rv }) },
    spec: { replicas, selector: { matchLabels: { app: name } } },
  })

const job: Job = deepFreeze({
  apiVersion: 'batch/v1',
  kind: 'Job',
  metadata: { name: 'pi', namespace: 'default', uid: 'uid-pi', resourceVersion: '5' },
  spec: { template: { spec: { containers: [{ name: 'c', image: 'perl' }], restartPolicy: 'Never' } } },
  status: { active: 2 },
})

const tracked: Pod = deepFreeze(pod('pi-1', {}, { resourceVersion: '7', finalizers: ['batch.kubernetes.io/job-tracking'] }))

/** The observed cluster: ReplicaSet `web` at rv 10, Job `pi` at rv 5, Pod `pi-1` at rv 7. */
const view = ClusterView.fromObjects([rs('web', 2, '10'), job, tracked])

const webRef = ObjectRef.of(rs('web', 2))

// ---------------------------------------------------------------------------------------
// steps
// ---------------------------------------------------------------------------------------

type Step = (p: Plan.Plan) => Plan.Plan

const heldJob = (p: Plan.Plan): Job => Plan.current(p, 'Job', 'default', 'pi') ?? job
const heldPod = (p: Plan.Plan): Pod => Plan.current(p, 'Pod', 'default', 'pi-1') ?? tracked

/** Writes `web` at `replicas`, sent with a stale resourceVersion the plan must replace by the observed one. */
const scaleWeb =
  (replicas: number, mode: Plan.Mode): Step =>
  (p) =>
    Plan.add(p, A.update(rs('web', replicas, '99')), mode)
const webStatus =
  (replicas: number, mode: Plan.Mode): Step =>
  (p) =>
    Plan.add(p, A.updateStatus({ ...rs('web', 0, '10'), status: { replicas } }), mode)
/** A Job status write applied on top of the Job as the sync holds it. */
const jobStatus =
  (patch: JobStatus, mode: Plan.Mode = 'chain'): Step =>
  (p) => {
    const j = heldJob(p)
    return Plan.add(p, A.updateStatus({ ...j, status: { ...j.status, ...patch } }), mode)
  }
const removeFinalizers: Step = (p) => {
  const { finalizers: _gone, ...metadata } = heldPod(p).metadata
  return Plan.add(p, A.update({ ...heldPod(p), metadata }))
}
const create =
  (o: KubeObject): Step =>
  (p) =>
    Plan.add(p, A.create(o), 'merge')
const remove: Step = (p) => Plan.add(p, A.del(webRef, { preconditions: { uid: 'uid-web' } }))
const event =
  (reason: string): Step =>
  (p) =>
    Plan.add(p, A.event(webRef, 'Normal', reason, reason))
const requeue =
  (seconds: number): Step =>
  (p) =>
    Plan.add(p, A.requeueAfter(webRef, seconds))

const run = (steps: ReadonlyArray<Step>, p: Plan.Plan = Plan.start(view)): Plan.Plan => steps.reduce((acc, f) => f(acc), p)

/** One line per action: tag, object, the resourceVersion it carries, and the content that matters here. */
const show = (a: Action): string => {
  switch (a._tag) {
    case 'Create':
    case 'Update':
    case 'UpdateStatus': {
      const o = a.object
      const m = o.metadata
      const content =
        o.kind === 'ReplicaSet'
          ? a._tag === 'UpdateStatus'
            ? `status.replicas=${o.status?.replicas ?? '-'}`
            : `replicas=${o.spec.replicas ?? '-'}`
          : o.kind === 'Job'
            ? `status=${JSON.stringify(o.status)}`
            : `finalizers=${(m.finalizers ?? []).length}`
      return `${a._tag} ${o.kind}/${m.name ?? `${m.generateName ?? ''}*`} rv=${m.resourceVersion ?? '-'} ${content}`
    }
    case 'Delete':
      return `Delete ${a.target.kind}/${a.target.name}`
    case 'RequeueAfter':
      return `RequeueAfter ${a.seconds}`
    case 'Event':
      return `Event ${a.reason}`
  }
}

// ---------------------------------------------------------------------------------------
// tests
// ---------------------------------------------------------------------------------------

describe('Plan: merge mode', () => {
  it.each<readonly [string, ReadonlyArray<Step>, ReadonlyArray<string>]>([
    [
      'later writes fold into the first: its position, the observed rv, the latest content',
      [scaleWeb(3, 'merge'), event('Scaled'), scaleWeb(4, 'merge')],
      ['Update ReplicaSet/web rv=10 replicas=4', 'Event Scaled'],
    ],
    [
      'the main resource and the status subresource are separate writes',
      [scaleWeb(3, 'merge'), webStatus(3, 'merge'), scaleWeb(4, 'merge'), webStatus(4, 'merge')],
      ['Update ReplicaSet/web rv=10 replicas=4', 'UpdateStatus ReplicaSet/web rv=10 status.replicas=4'],
    ],
    [
      'an Update folded into a Create stays a Create, without a resourceVersion',
      [create(rs('fresh', 0)), event('Created'), (p) => Plan.add(p, A.update(rs('fresh', 2)), 'merge')],
      ['Create ReplicaSet/fresh rv=- replicas=2', 'Event Created'],
    ],
    [
      'a Delete ends merging: a later write is a new action after it',
      [scaleWeb(3, 'merge'), remove, scaleWeb(4, 'merge')],
      ['Update ReplicaSet/web rv=10 replicas=3', 'Delete ReplicaSet/web', 'Update ReplicaSet/web rv=10 replicas=4'],
    ],
    [
      'nameless creates (generateName) are never merged',
      [create(pod('', {}, { name: undefined, generateName: 'pi-' })), create(pod('', {}, { name: undefined, generateName: 'pi-' }))],
      ['Create Pod/pi-* rv=- finalizers=0', 'Create Pod/pi-* rv=- finalizers=0'],
    ],
    [
      'an object the sync did not observe is sent with the resourceVersion it was given',
      [(p) => Plan.add(p, A.update(rs('ghost', 1, '3')), 'merge')],
      ['Update ReplicaSet/ghost rv=3 replicas=1'],
    ],
  ])('%s', (_, steps, expected) => {
    expect(run(steps).actions.map(show)).toEqual(expected)
  })

  it('objects observed besides the view give the observed resourceVersion', () => {
    const p = run([scaleWeb(3, 'merge')], Plan.start(view, [rs('web', 2, '11')]))
    expect(p.actions.map(show)).toEqual(['Update ReplicaSet/web rv=11 replicas=3'])
  })
})

describe('Plan: chain mode', () => {
  it.each<readonly [string, ReadonlyArray<Step>, ReadonlyArray<string>]>([
    [
      'status, an Update, status again: one action each, later content on top; the second status write chains onto the first (no rv)',
      [jobStatus({ succeeded: 1 }), removeFinalizers, jobStatus({ active: 1 })],
      [
        'UpdateStatus Job/pi rv=5 status={"active":2,"succeeded":1}',
        'Update Pod/pi-1 rv=7 finalizers=0',
        'UpdateStatus Job/pi rv=- status={"active":1,"succeeded":1}',
      ],
    ],
    [
      'writes to the same object and subresource stay separate; the later one chains (no rv)',
      [scaleWeb(3, 'chain'), scaleWeb(4, 'chain')],
      ['Update ReplicaSet/web rv=10 replicas=3', 'Update ReplicaSet/web rv=- replicas=4'],
    ],
    [
      'a later merge write folds into the latest chained one',
      [scaleWeb(3, 'chain'), scaleWeb(4, 'chain'), scaleWeb(5, 'merge')],
      ['Update ReplicaSet/web rv=10 replicas=3', 'Update ReplicaSet/web rv=- replicas=5'],
    ],
    [
      'the default mode is chain',
      [(p) => Plan.add(p, A.update(rs('web', 3))), (p) => Plan.add(p, A.update(rs('web', 4)))],
      ['Update ReplicaSet/web rv=10 replicas=3', 'Update ReplicaSet/web rv=- replicas=4'],
    ],
    [
      'an Update after a Create is its own action, without a resourceVersion',
      [create(rs('fresh', 0)), (p) => Plan.add(p, A.update(rs('fresh', 2)), 'chain')],
      ['Create ReplicaSet/fresh rv=- replicas=0', 'Update ReplicaSet/fresh rv=- replicas=2'],
    ],
  ])('%s', (_, steps, expected) => {
    expect(run(steps).actions.map(show)).toEqual(expected)
  })
})

describe('Plan: events and requeues', () => {
  it.each<readonly [string, Plan.Mode]>([
    ['merge', 'merge'],
    ['chain', 'chain'],
  ])('keep call order among writes (%s)', (_, mode) => {
    const p = run([event('a'), scaleWeb(3, mode), requeue(5), scaleWeb(4, mode), event('b'), requeue(1)])
    const writes = mode === 'merge' ? ['Update ReplicaSet/web rv=10 replicas=4'] : ['Update ReplicaSet/web rv=10 replicas=3']
    const later = mode === 'merge' ? [] : ['Update ReplicaSet/web rv=- replicas=4']
    expect(p.actions.map(show)).toEqual(['Event a', ...writes, 'RequeueAfter 5', ...later, 'Event b', 'RequeueAfter 1'])
  })
})

describe('Plan.current: the objects as the sync holds them', () => {
  const replicas = (p: Plan.Plan, name: string): number | undefined => Plan.current(p, 'ReplicaSet', 'default', name)?.spec.replicas

  it.each<readonly [string, ReadonlyArray<Step>, string, number | undefined]>([
    ['untouched: as observed in the view', [], 'web', 2],
    ['not in the view and never written: absent', [], 'nope', undefined],
    ['after merged writes: the latest content', [scaleWeb(3, 'merge'), scaleWeb(4, 'merge')], 'web', 4],
    ['after chained writes: the latest content', [scaleWeb(3, 'chain'), scaleWeb(4, 'chain')], 'web', 4],
    ['after a Create: the created object', [create(rs('fresh', 1))], 'fresh', 1],
    ['after a Delete: unchanged', [scaleWeb(3, 'merge'), remove], 'web', 3],
    ['after an in-memory change: the change, with no action', [(p) => Plan.hold(p, rs('web', 7))], 'web', 7],
  ])('%s', (_, steps, name, expected) => {
    expect(replicas(run(steps), name)).toBe(expected)
  })

  it('holds the object as sent, with the observed resourceVersion', () => {
    const p = run([scaleWeb(3, 'merge')])
    expect(Plan.current(p, 'ReplicaSet', 'default', 'web')?.metadata.resourceVersion).toBe('10')
  })

  it('observed objects take precedence over the view', () => {
    expect(Plan.current(Plan.start(view, [rs('web', 5, '11')]), 'ReplicaSet', 'default', 'web')?.spec.replicas).toBe(5)
  })

  it('chained steps read what earlier ones wrote', () => {
    const p = run([jobStatus({ succeeded: 1 }), jobStatus({ failed: 1 })])
    expect(heldJob(p).status).toEqual({ active: 2, succeeded: 1, failed: 1 })
    expect(p.actions).toHaveLength(2)
  })

  it('an in-memory change is written by a later write that carries it', () => {
    const p = run([(q) => Plan.hold(q, { ...job, status: { active: 1 } }), jobStatus({ ready: 1 }, 'merge')])
    expect(p.actions.map(show)).toEqual(['UpdateStatus Job/pi rv=5 status={"active":1,"ready":1}'])
  })
})

describe('Plan: purity', () => {
  it('never mutates its inputs, and earlier plans stay as they were', () => {
    const observed = ClusterView.fromObjects([rs('web', 2, '10'), job, tracked])
    const p0 = deepFreeze(Plan.start(observed, [rs('other', 1, '4')]))
    const p1 = run([scaleWeb(3, 'merge'), jobStatus({ succeeded: 1 })], p0)
    const before = JSON.stringify([p1.actions, [...p1.held], [...p1.open]])
    const p2 = run([scaleWeb(4, 'merge'), jobStatus({ failed: 1 }), removeFinalizers, remove, event('x'), requeue(1)], p1)
    const p3 = run([scaleWeb(5, 'chain'), (p) => Plan.hold(p, rs('web', 9))], p1)
    expect(JSON.stringify([p1.actions, [...p1.held], [...p1.open]])).toBe(before)
    expect([p0.actions.length, p0.held.size, p0.open.size]).toEqual([0, 0, 0])
    expect(p2.actions).toHaveLength(7)
    expect(p3.actions).toHaveLength(3)
    expect(ClusterView.lookup(observed, 'ReplicaSet', 'default', 'web')?.spec.replicas).toBe(2)
  })

  it('is deterministic', () => {
    const steps = [scaleWeb(3, 'merge'), jobStatus({ succeeded: 1 }), removeFinalizers, event('x'), scaleWeb(4, 'merge')]
    expect(run(steps)).toEqual(run(steps))
  })
})

describe('Plan: steps', () => {
  it('ok continues with a value, stop ends the sync with what was planned', () => {
    const planned = run([scaleWeb(3, 'merge')])
    const step = (p: Plan.Plan, n: number): Plan.Step<Plan.Plan, number> =>
      n > 3 ? Plan.stop(p) : Plan.ok(scaleWeb(n, 'chain')(p), n + 1)
    const outcome = pipe(
      step(planned, 2),
      E.chain(([p, n]) => step(p, n)),
      E.chain(([p, n]) => step(p, n)),
    )
    expect(E.isLeft(outcome)).toBe(true)
    const ended = E.getOrElse((p: Plan.Plan) => p)(E.map(([p]: readonly [Plan.Plan, number]) => p)(outcome))
    expect(ended.actions.map(show)).toEqual([
      'Update ReplicaSet/web rv=10 replicas=3',
      'Update ReplicaSet/web rv=- replicas=2',
      'Update ReplicaSet/web rv=- replicas=3',
    ])
  })
})
