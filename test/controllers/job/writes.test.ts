/**
 * The Job sync's action list (`writes.ts`): the first write of an object keeps the observed
 * resourceVersion; a later write, or one after the sync deleted the object, carries none.
 */
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src/api/pod.js'
import * as A from '../../../src/core/Action.js'
import * as Writes from '../../../src/controllers/job/writes.js'

const pod = (name: string, rv = '7'): Pod => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default', resourceVersion: rv }, spec: { containers: [] } })
const versions = (w: Writes.Writes): ReadonlyArray<string | undefined> =>
  w.actions.map((a) => (a._tag === 'Update' || a._tag === 'UpdateStatus' || a._tag === 'Create' ? a.object.metadata.resourceVersion : a._tag))

describe('Writes', () => {
  it('keeps the resourceVersion of the first write of an object and drops it from the next ones', () => {
    const w = Writes.start()
    Writes.push(w, A.update(pod('a')))
    Writes.push(w, A.updateStatus(pod('a')))
    Writes.push(w, A.update(pod('b')))
    expect(versions(w)).toEqual(['7', undefined, '7'])
  })

  it('a write after the sync deleted the object applies on top of the delete', () => {
    const w = Writes.start()
    Writes.push(w, A.del({ apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'a' }))
    Writes.push(w, A.update(pod('a')))
    Writes.push(w, A.update(pod('b')))
    expect(versions(w)).toEqual(['Delete', undefined, '7'])
  })

  it('creates, events and requeues pass unchanged and mark nothing; a nameless write is sent as given', () => {
    const w = Writes.start()
    const ref = { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name: 'a' }
    const created = A.create(pod('a'))
    Writes.push(w, created)
    Writes.push(w, A.event(ref, 'Normal', 'R', 'm'))
    Writes.push(w, A.requeueAfter(ref, 1))
    const nameless = A.update({ ...pod(''), metadata: { resourceVersion: '3' } } as Pod)
    Writes.push(w, nameless)
    Writes.push(w, nameless)
    Writes.push(w, A.update(pod('a')))
    expect(w.actions[0]).toBe(created)
    expect(versions(w)).toEqual(['7', 'Event', 'RequeueAfter', '3', '3', '7'])
    expect([...w.touched]).toEqual(['Pod/default/a'])
  })

  it('keeps the required mark when it drops the version', () => {
    const w = Writes.start()
    Writes.push(w, A.required(A.update(pod('a')) as A.Update))
    Writes.push(w, A.required(A.update(pod('a')) as A.Update))
    expect(w.actions.map((a) => ('required' in a ? a.required : undefined))).toEqual([true, true])
  })
})
