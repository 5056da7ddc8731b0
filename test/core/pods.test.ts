import { describe, expect, it } from 'vitest'
import * as _ from '../../src/core/pods.js'
import { pod } from '../helpers/objects.js'

const readySince = (t: string | undefined, status = 'True') =>
  pod('p', { status: { phase: 'Running', conditions: [{ type: 'Ready', status, ...(t === undefined ? {} : { lastTransitionTime: t }) }] } })
const now = Date.parse('2024-01-01T00:01:00Z')

describe('pod predicates', () => {
  it.each([
    { name: 'not ready', p: readySince('2024-01-01T00:00:00Z', 'False'), min: 0, expected: false },
    { name: 'ready, minReadySeconds 0', p: readySince(undefined), min: 0, expected: true },
    { name: 'ready 60 s, min 60: boundary is <= (available)', p: readySince('2024-01-01T00:00:00Z'), min: 60, expected: true },
    { name: 'ready 60 s, min 61', p: readySince('2024-01-01T00:00:00Z'), min: 61, expected: false },
    { name: 'zero transition time with min > 0', p: readySince(undefined), min: 1, expected: false },
  ])('isAvailable: $name', ({ p, min, expected }) => {
    expect(_.isAvailable(p, min, now)).toBe(expected)
  })

  it('nextAvailabilityCheck is the time left until available', () => {
    expect(_.nextAvailabilityCheck(readySince('2024-01-01T00:00:30Z'), 60, now)).toBe(30)
    expect(_.nextAvailabilityCheck(readySince('2024-01-01T00:00:00Z'), 60, now)).toBeUndefined()
    expect(_.nextAvailabilityCheck(readySince('2024-01-01T00:00:00Z', 'False'), 60, now)).toBeUndefined()
  })

  it('active, terminating and terminal are exclusive as upstream defines them', () => {
    const del = { deletionTimestamp: '2024-01-01T00:00:00Z' }
    const running = pod('a')
    const terminating = pod('b', {}, del)
    const failed = pod('c', { status: { phase: 'Failed' } })
    const failedDeleting = pod('d', { status: { phase: 'Succeeded' } }, del)
    expect([running, terminating, failed, failedDeleting].map(_.isActive)).toEqual([true, false, false, false])
    expect([running, terminating, failed, failedDeleting].map(_.isTerminating)).toEqual([false, true, false, false])
    expect([running, terminating, failed, failedDeleting].map(_.isTerminal)).toEqual([false, false, true, true])
  })

  it('maxRestarts looks at containers only', () => {
    const p = pod('a', {
      status: {
        containerStatuses: [{ name: 'a', restartCount: 2 }, { name: 'b', restartCount: 5 }],
        initContainerStatuses: [{ name: 'i', restartCount: 9 }],
      },
    })
    expect(_.maxRestarts(p)).toBe(5)
  })
})
