/**
 * The ReplicaSet status rules one by one: which pods count as available (the canonical-timestamp
 * fast path and its `<=` boundary, fractional seconds, `±hh:mm` offsets), fully labeled pods,
 * the ReplicaFailure condition next to others, the write-skip rule field by field, the stamped
 * `observedGeneration`, and the availability requeue.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Condition } from '../../../src/api/meta.js'
import type { Pod } from '../../../src/api/pod.js'
import type { ReplicaSetStatus } from '../../../src/api/workloads.js'
import { timestampText } from '../../../src/arbitraries/meta.js'
import type { Action } from '../../../src/core/Action.js'
import * as Pods from '../../../src/core/pods.js'
import * as T from '../../../src/core/time.js'
import * as ReplicaSet from '../../../src/controllers/replicaset/index.js'
import { deepFreeze } from '../../helpers/freeze.js'
import { now, nowString, pod, rc, rs, viewOf } from './fixtures.js'

const nowMs = now.getTime()

/** `o` without the field `k`. */
const omit = <O extends object, K extends keyof O>(o: O, k: K): Omit<O, K> => {
  const { [k]: _drop, ...rest } = o
  return rest
}
/** The fixtures' ReplicaSet without `metadata.generation`. */
const withoutGeneration = (r: ReturnType<typeof rs>): ReturnType<typeof rs> => ({ ...r, metadata: omit(r.metadata, 'generation') })

/** A running pod on `n1` whose Ready condition is `status` since `since` (no time when `undefined`). */
const readySince = (name: string, since: string | undefined, status = 'True', labels: Readonly<Record<string, string>> = { app: 'web', tier: 'front' }): Pod =>
  deepFreeze({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: '2024-01-01T00:00:00Z', labels },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: 'n1' },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status, ...(since === undefined ? {} : { lastTransitionTime: since }) }] },
  })

const available = (since: string | undefined, minReadySeconds: number, at: number = nowMs): number =>
  ReplicaSet.countPods([readySince('p', since)], undefined, minReadySeconds, at).availableReplicas

const statusOf = (as: ReadonlyArray<Action>): ReplicaSetStatus | undefined => {
  const u = as.find((a): a is Extract<Action, { _tag: 'UpdateStatus' }> => a._tag === 'UpdateStatus')
  return u === undefined ? undefined : (u.object as ReturnType<typeof rs>).status
}

describe('countPods: available pods', () => {
  // now is 12:00:00Z; with minReadySeconds 10 a pod ready at 11:59:50 or earlier is available
  it.each([
    ['canonical, exactly minReadySeconds ago (the `<=` boundary of the string comparison)', '2024-01-01T11:59:50Z', 1],
    ['canonical, a second later', '2024-01-01T11:59:51Z', 0],
    ['canonical, a second earlier', '2024-01-01T11:59:49Z', 1],
    ['canonical, the day before (string order is time order)', '2023-12-31T23:59:59Z', 1],
    ['fractional, a millisecond after the boundary', '2024-01-01T11:59:50.001Z', 0],
    ['fractional, one digit, half a second after', '2024-01-01T11:59:50.5Z', 0],
    ['fractional, nine digits, just before', '2024-01-01T11:59:49.999000000Z', 1],
    ['fractional zeros, exactly on the boundary (parsed `<=`)', '2024-01-01T11:59:50.000Z', 1],
    ['+01:00, exactly on the boundary', '2024-01-01T12:59:50+01:00', 1],
    ['+01:00, a second after', '2024-01-01T12:59:51+01:00', 0],
    ['-05:30, a second after (sorts before the limit as a string)', '2024-01-01T06:29:51-05:30', 0],
    ['-05:30, exactly on the boundary', '2024-01-01T06:29:50-05:30', 1],
    ['+00:00, exactly on the boundary', '2024-01-01T11:59:50+00:00', 1],
    ['+14:00 on the next day, a second after', '2024-01-02T01:59:51+14:00', 0],
    ['not a time', 'yesterday', 0],
    ['empty', '', 0],
    ['missing', undefined, 0],
  ])('%s: %s', (_what, since, want) => {
    expect(available(since, 10)).toBe(want)
  })

  it('compares with a now that has milliseconds: the whole-second limit is floored, the parsed one exact', () => {
    const at = Date.parse('2024-01-01T12:00:00.500Z')
    expect(available('2024-01-01T11:59:50Z', 10, at)).toBe(1)
    expect(available('2024-01-01T11:59:50.500Z', 10, at)).toBe(1)
    expect(available('2024-01-01T11:59:50.501Z', 10, at)).toBe(0)
    expect(available('2024-01-01T11:59:51Z', 10, at)).toBe(0)
    expect(available('2024-01-01T12:59:50.5+01:00', 10, at)).toBe(1)
  })

  it('with minReadySeconds 0 counts every ready pod, without a transition time or ready in the future', () => {
    expect(available(undefined, 0)).toBe(1)
    expect(available('2024-01-01T13:00:00Z', 0)).toBe(1)
    expect(available('garbage', 0)).toBe(1)
  })

  it('counts only pods whose Ready condition is True as ready', () => {
    const pods = [readySince('a', '2024-01-01T11:00:00Z'), readySince('b', '2024-01-01T11:00:00Z', 'False'), pod('c', { node: 'n1' })]
    expect(ReplicaSet.countPods(pods, undefined, 5, nowMs)).toEqual({ replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 1, availableReplicas: 1 })
  })

  it('agrees with Pods.isAvailable for Ready times in every RFC 3339 form around the boundary (property)', () => {
    const cases = fc
      .record({ minReady: fc.integer({ min: 0, max: 30 }), offsetMs: fc.integer({ min: -1500, max: 1500 }), nowFraction: fc.constantFrom(0, 1, 500, 999) })
      .chain(({ minReady, offsetMs, nowFraction }) => {
        const at = nowMs + nowFraction
        const sinceMs = at - minReady * 1000 + offsetMs
        return timestampText(sinceMs).map((text) => ({ minReady, at, sinceMs, text }))
      })
    fc.assert(
      fc.property(cases, ({ minReady, at, sinceMs, text }) => {
        const p = readySince('p', text)
        const want = minReady === 0 || sinceMs + minReady * 1000 <= at
        expect(Pods.isAvailable(p, minReady, at)).toBe(want)
        expect(ReplicaSet.countPods([p, p], undefined, minReady, at).availableReplicas).toBe(want ? 2 : 0)
      }),
      { numRuns: 300 },
    )
  })
})

describe('countPods: fully labeled pods', () => {
  const template = { app: 'web', tier: 'front' }
  it.each([
    ['every template label, and more', { app: 'web', tier: 'front', extra: 'x' }, 1],
    ['exactly the template labels', { app: 'web', tier: 'front' }, 1],
    ['a template label missing', { app: 'web' }, 0],
    ['a template label with another value', { app: 'web', tier: 'back' }, 0],
    ['no labels at all', undefined, 0],
  ])('%s', (_what, labels, want) => {
    const base = readySince('p', undefined, 'False')
    const p = { ...base, metadata: { ...base.metadata, labels } } as Pod
    expect(ReplicaSet.countPods([p], template, 0, nowMs).fullyLabeledReplicas).toBe(want)
  })
  it('counts every pod when the template has no labels', () => {
    const base = readySince('p', undefined, 'False')
    const bare: Pod = { ...base, metadata: omit(base.metadata, 'labels') }
    expect(ReplicaSet.countPods([bare, base], undefined, 0, nowMs).fullyLabeledReplicas).toBe(2)
  })
})

describe('calculateStatus', () => {
  const failure: Condition = { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: '2024-01-01T11:00:00Z' }
  const other: Condition = { type: 'Custom', status: 'False', reason: 'Because' }
  const failed = { _tag: 'Failed', message: 'unable to create pods, no labels' } as const
  const ok = { _tag: 'Ok' } as const
  const counts = { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0, terminatingReplicas: 0 }
  const spec = (status?: ReplicaSetStatus) => ReplicaSet.ofReplicaSet(rs({ replicas: 2, ...(status === undefined ? {} : { status }) }))
  const added: Condition = { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: failed.message, lastTransitionTime: nowString }

  it('adds ReplicaFailure after the conditions already there', () => {
    expect(ReplicaSet.calculateStatus(spec({ conditions: [other] }), [], [], failed, nowMs)).toStrictEqual({ ...counts, conditions: [other, added] })
  })
  it('adds ReplicaFailure to a status without conditions', () => {
    expect(ReplicaSet.calculateStatus(spec(), [], [], failed, nowMs)).toStrictEqual({ ...counts, conditions: [added] })
  })
  it('keeps an existing ReplicaFailure, time and message included, while the failure goes on', () => {
    expect(ReplicaSet.calculateStatus(spec({ conditions: [failure, other] }), [], [], failed, nowMs).conditions).toEqual([failure, other])
  })
  it('removes ReplicaFailure after a sync without a failure, keeping the others in order', () => {
    const c2: Condition = { type: 'Other2', status: 'True' }
    expect(ReplicaSet.calculateStatus(spec({ conditions: [other, failure, c2] }), [], [], ok, nowMs).conditions).toEqual([other, c2])
  })
  it('leaves no conditions field when none remain or none were there', () => {
    expect(ReplicaSet.calculateStatus(spec({ conditions: [failure] }), [], [], ok, nowMs)).toStrictEqual(counts)
    expect(ReplicaSet.calculateStatus(spec({ conditions: [] }), [], [], ok, nowMs)).toStrictEqual(counts)
    expect(ReplicaSet.calculateStatus(spec(), [], [], ok, nowMs)).toStrictEqual(counts)
  })
  it('carries unknown status fields over and leaves observedGeneration to nextStatus', () => {
    const old = { observedGeneration: 7, extra: 'kept' } as ReplicaSetStatus
    expect(ReplicaSet.calculateStatus(spec(old), [], [readySince('t', undefined)], ok, nowMs)).toStrictEqual({
      observedGeneration: 7,
      extra: 'kept',
      ...counts,
      terminatingReplicas: 1,
    })
  })
  it('writes no terminatingReplicas for a ReplicationController', () => {
    const s = ReplicaSet.calculateStatus(ReplicaSet.ofReplicationController(rc()), [], [readySince('t', undefined)], ok, nowMs)
    expect(s).toStrictEqual({ replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0 })
  })
})

describe('the write-skip rule (statusUnchanged)', () => {
  const cond: Condition = { type: 'Custom', status: 'True', lastTransitionTime: '2024-01-01T10:00:00Z' }
  const old: ReplicaSetStatus = {
    replicas: 3,
    fullyLabeledReplicas: 2,
    readyReplicas: 2,
    availableReplicas: 1,
    terminatingReplicas: 1,
    observedGeneration: 4,
    conditions: [cond],
  }
  const { observedGeneration: _o, ...next } = old
  const owner = (status: ReplicaSetStatus, generation = 4) => ReplicaSet.ofReplicaSet(rs({ generation, status }))

  it('holds when every count, terminatingReplicas and the conditions are equal and the generation is observed', () => {
    expect(ReplicaSet.statusUnchanged(owner(old), next)).toBe(true)
  })
  it.each([
    ['replicas', { replicas: 4 }],
    ['fullyLabeledReplicas', { fullyLabeledReplicas: 3 }],
    ['readyReplicas', { readyReplicas: 3 }],
    ['availableReplicas', { availableReplicas: 2 }],
    ['terminatingReplicas', { terminatingReplicas: 0 }],
    ['terminatingReplicas absent', { terminatingReplicas: undefined }],
    ['a condition message', { conditions: [{ ...cond, message: 'new' }] }],
    ['a condition time', { conditions: [{ ...cond, lastTransitionTime: '2024-01-01T11:00:00Z' }] }],
    ['one condition more', { conditions: [cond, { type: 'ReplicaFailure', status: 'True' }] }],
    ['no conditions', { conditions: undefined }],
  ])('fails when only %s differs', (_what, change) => {
    expect(ReplicaSet.statusUnchanged(owner(old), { ...next, ...change } as ReplicaSetStatus)).toBe(false)
  })
  it('fails when the generation is not observed yet, even with equal counts', () => {
    expect(ReplicaSet.statusUnchanged(owner(old, 5), next)).toBe(false)
  })
  it('reads absent counts and generations as 0, an empty condition list as none, but absent terminatingReplicas as unlike 0', () => {
    const zero = { replicas: 0, fullyLabeledReplicas: 0, readyReplicas: 0, availableReplicas: 0 }
    const bare = ReplicaSet.ofReplicaSet({ ...withoutGeneration(rs()), status: { conditions: [] } })
    expect(ReplicaSet.statusUnchanged(bare, zero)).toBe(true)
    expect(ReplicaSet.statusUnchanged(bare, { ...zero, terminatingReplicas: 0 })).toBe(false)
    expect(ReplicaSet.statusUnchanged(owner({ ...zero, observedGeneration: 1 }, 1), { ...zero, conditions: [] })).toBe(true)
    expect(ReplicaSet.statusUnchanged(ReplicaSet.ofReplicaSet(rs({ generation: 0 })), zero)).toBe(true)
  })

  describe('in a sync: the status is written when only one count moved', () => {
    const r = (status: ReplicaSetStatus) => rs({ replicas: 2, minReadySeconds: 10, generation: 3, status: { ...status, observedGeneration: 3 } })
    const pods = (o: ReturnType<typeof rs>) => [
      pod('a', { owner: o, node: 'n1', readyFor: 3600 }),
      pod('b', { owner: o, node: 'n1', readyFor: 5, labels: { app: 'web' } }),
    ]
    // the pods give replicas 2, fullyLabeled 1, ready 2, available 1, terminating 0
    const exact = { replicas: 2, fullyLabeledReplicas: 1, readyReplicas: 2, availableReplicas: 1, terminatingReplicas: 0 }
    it('nothing moved: only the availability requeue', () => {
      const o = r(exact)
      expect(ReplicaSet.reconcile(o, viewOf(o, ...pods(o)), now).map((a) => a._tag)).toEqual(['RequeueAfter'])
    })
    it.each([
      ['replicas', { replicas: 1 }],
      ['fullyLabeledReplicas', { fullyLabeledReplicas: 2 }],
      ['readyReplicas', { readyReplicas: 1 }],
      ['availableReplicas', { availableReplicas: 2 }],
      ['terminatingReplicas', { terminatingReplicas: 1 }],
    ])('%s', (_what, stale) => {
      const o = r({ ...exact, ...stale })
      const out = ReplicaSet.reconcile(o, viewOf(o, ...pods(o)), now)
      expect(out.map((a) => a._tag)).toEqual(['UpdateStatus', 'RequeueAfter'])
      expect(statusOf(out)).toStrictEqual({ ...exact, observedGeneration: 3 })
    })
  })
})

describe('nextStatus', () => {
  it('stamps observedGeneration with metadata.generation', () => {
    expect(ReplicaSet.nextStatus(ReplicaSet.ofReplicaSet(rs({ generation: 6 })), { replicas: 1, observedGeneration: 2 })).toStrictEqual({ replicas: 1, observedGeneration: 6 })
  })
  it('drops observedGeneration when the object has no generation (upstream writes 0, omitted)', () => {
    const o = withoutGeneration(rs())
    expect(ReplicaSet.nextStatus(ReplicaSet.ofReplicaSet(o), { replicas: 1, observedGeneration: 2 })).toStrictEqual({ replicas: 1 })
  })
})

describe('availability requeue', () => {
  const at = (s: number) => T.format(nowMs - s * 1000)
  it('takes the earliest next check wherever that pod is listed', () => {
    const late = readySince('late', at(2))
    const early = readySince('early', at(9))
    const never = readySince('never', undefined)
    const notReady = readySince('off', at(9.5), 'False')
    for (const pods of [[late, early], [early, late], [never, late, notReady, early]]) {
      expect(ReplicaSet.nextAvailabilityCheck(pods, 10, nowMs)).toBe(1)
    }
    expect(ReplicaSet.nextAvailabilityCheck([never, notReady], 10, nowMs)).toBeUndefined()
    expect(ReplicaSet.nextAvailabilityCheck([late, early], 0, nowMs)).toBeUndefined()
  })

  it('in a sync, requeues for the pod that becomes available first even when it is listed last', () => {
    const o = rs({ replicas: 3, minReadySeconds: 10 })
    const view = viewOf(o, pod('a', { owner: o, node: 'n', readyFor: 2 }), pod('b', { owner: o, node: 'n', readyFor: 5 }), pod('c', { owner: o, node: 'n', readyFor: 8 }))
    const out = ReplicaSet.reconcile(o, view, now)
    expect(out.at(-1)).toEqual({ _tag: 'RequeueAfter', target: { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'default', name: 'web', uid: 'rs-uid' }, seconds: 2 })
  })

  const owner = (minReadySeconds: number) => ReplicaSet.ofReplicaSet(rs({ minReadySeconds }))
  it.each([
    ['minReadySeconds 0, whatever the counts say', 0, { readyReplicas: 2, availableReplicas: 1 }, undefined],
    ['every ready pod available', 10, { readyReplicas: 2, availableReplicas: 2 }, undefined],
    ['counts absent (0 = 0)', 10, {}, undefined],
    ['ready but not available, no pod to wait for: after minReadySeconds', 10, { readyReplicas: 1, availableReplicas: 0 }, 10],
  ])('%s', (_what, minReady, status, want) => {
    expect(ReplicaSet.availabilityRequeue(owner(minReady), status, [readySince('x', undefined)], nowMs)).toBe(want)
  })
  it('ready but not available: at the earliest availability', () => {
    expect(ReplicaSet.availabilityRequeue(owner(10), { readyReplicas: 2, availableReplicas: 0 }, [readySince('x', at(3)), readySince('y', at(6))], nowMs)).toBe(4)
  })
})
