/**
 * Related pods (upstream `getIndirectlyRelatedPods`): the pods of every sibling under the same
 * controller, each once, within the owner's namespace — and what they do to the co-location
 * rank of a scale-down.
 */
import { describe, expect, it } from 'vitest'
import type { OwnerReference } from '../../../src/api/meta.js'
import type { Pod } from '../../../src/api/pod.js'
import type { ReplicaSet as RS } from '../../../src/api/workloads.js'
import type { Action } from '../../../src/core/Action.js'
import * as ReplicaSet from '../../../src/controllers/replicaset/index.js'
import { deepFreeze } from '../../helpers/freeze.js'
import { now, pod, rc, rs, viewOf } from './fixtures.js'

const deployment: OwnerReference = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'd', uid: 'dep-uid', controller: true }
const a = rs({ name: 'a', uid: 'a-uid', labels: { app: 'web', v: 'a' }, replicas: 1, owner: deployment })
const b = rs({ name: 'b', uid: 'b-uid', labels: { app: 'web', v: 'b' }, owner: deployment })
const c = rs({ name: 'c', uid: 'c-uid', labels: { app: 'web', v: 'c' }, owner: deployment })
const la = { app: 'web', v: 'a' }
const lb = { app: 'web', v: 'b' }

const moved = (p: Pod, patch: Partial<Pod['metadata']>): Pod => deepFreeze({ ...p, metadata: { ...p.metadata, ...patch } })
const related = (owner: RS, ...objects: ReadonlyArray<Pod | RS>) =>
  ReplicaSet.relatedPods(owner, viewOf(owner, ...objects)).map((p) => `${p.metadata.namespace}/${p.metadata.name}`).sort()

describe('relatedPods', () => {
  it('is empty when the owner has no controller', () => {
    const lone = rs({ labels: la })
    expect(related(lone, pod('x', { owner: lone, labels: la }), pod('o', { labels: la }))).toEqual([])
  })

  it("holds the owner's and its siblings' matching pods and the matching orphans", () => {
    expect(related(a, b, pod('a1', { owner: a, labels: la }), pod('b1', { owner: b, labels: lb }), pod('oa', { labels: la }), pod('ob', { labels: lb }))).toEqual([
      'default/a1',
      'default/b1',
      'default/oa',
      'default/ob',
    ])
  })

  it('counts an orphan two siblings match once', () => {
    const both = { app: 'web', v: 'b' }
    const cc = rs({ name: 'c', uid: 'c-uid', labels: { app: 'web' }, owner: deployment })
    expect(related(a, b, cc, pod('o', { labels: both }))).toEqual(['default/o'])
    expect(ReplicaSet.relatedPods(a, viewOf(a, b, cc, pod('o', { labels: both })))).toHaveLength(1)
  })

  it('tells pods without a uid apart by name', () => {
    const noUid = (name: string): Pod => {
      const { uid: _uid, ...metadata } = pod(name, { labels: lb }).metadata
      return deepFreeze({ ...pod(name, { labels: lb }), metadata })
    }
    expect(related(a, b, noUid('o1'), noUid('o2'))).toEqual(['default/o1', 'default/o2'])
  })

  it('leaves out what no sibling selects: non-matching orphans and owned pods that stopped matching', () => {
    expect(related(a, b, pod('stray', { labels: { app: 'db' } }), pod('b-moved', { owner: b, labels: { app: 'web', v: 'x' } }))).toEqual([])
  })

  it('leaves out matching pods of owners outside the family (a deviation: upstream counts them)', () => {
    const outsider = rs({ name: 'x', uid: 'x-uid', labels: lb })
    expect(related(a, b, outsider, pod('x1', { owner: outsider, labels: lb }))).toEqual([])
  })

  it('skips a sibling whose selector is invalid, as upstream does', () => {
    const bad = { ...b, spec: { ...b.spec, selector: { matchExpressions: [{ key: 'v', operator: 'Near' }] } } } as RS
    expect(related(a, bad, pod('b1', { owner: bad, labels: lb }), pod('ob', { labels: lb }), pod('a1', { owner: a, labels: la }))).toEqual(['default/a1'])
  })

  it('stays in the namespace: a sibling elsewhere and pods elsewhere do not count', () => {
    const farSibling = deepFreeze({ ...c, metadata: { ...c.metadata, namespace: 'other' }, spec: { ...c.spec, selector: { matchLabels: { app: 'web' } } } }) as RS
    const farPod = moved(pod('far', { owner: b, labels: lb }), { namespace: 'other' })
    const farOrphan = moved(pod('far-orphan', { labels: lb }), { namespace: 'other' })
    expect(related(a, b, farSibling, farPod, farOrphan, pod('oc', { labels: { app: 'web', v: 'c' } }), pod('ob', { labels: lb }))).toEqual(['default/ob'])
  })

  it('takes the siblings of the same kind only', () => {
    const legacy = rc({ selector: { app: 'web' } })
    const rcOwned = { ...legacy, metadata: { ...legacy.metadata, ownerReferences: [deployment] } }
    expect(related(a, rcOwned as unknown as RS, pod('o', { labels: { app: 'web' } }))).toEqual([])
  })
})

describe('the co-location rank of a scale-down', () => {
  const deleted = (as: ReadonlyArray<Action>) => as.flatMap((x) => (x._tag === 'Delete' ? [x.target.name] : []))
  // a owns one pod on n1 and one on n2 and wants one; the one ready more recently (on n1) goes
  // first unless more related pods share the other's node
  const mine = [pod('a-n1', { owner: a, labels: la, node: 'n1', readyFor: 60 }), pod('a-n2', { owner: a, labels: la, node: 'n2', readyFor: 3600 })]

  it('ties: the pod ready more recently goes', () => {
    expect(deleted(ReplicaSet.reconcile(a, viewOf(a, b, ...mine), now))).toEqual(['a-n1'])
  })
  it('a sibling pod on n2 makes n2 the crowded node', () => {
    expect(deleted(ReplicaSet.reconcile(a, viewOf(a, b, ...mine, pod('b-n2', { owner: b, labels: lb, node: 'n2' })), now))).toEqual(['a-n2'])
  })
  it('an orphan two siblings match counts once: with one sibling pod on each node, the tie stands', () => {
    const both = rs({ name: 'c', uid: 'c-uid', labels: { app: 'web' }, owner: deployment })
    const view = viewOf(a, b, both, ...mine, pod('b-n1', { owner: b, labels: lb, node: 'n1' }), pod('o-n2', { labels: lb, node: 'n2' }))
    expect(deleted(ReplicaSet.reconcile(a, view, now))).toEqual(['a-n1'])
  })
  it('a sibling pod of another namespace on n2 does not count', () => {
    const far = moved(pod('b-far', { owner: b, labels: lb, node: 'n2' }), { namespace: 'other' })
    expect(deleted(ReplicaSet.reconcile(a, viewOf(a, b, ...mine, far), now))).toEqual(['a-n1'])
  })
  it('a terminating sibling pod on n2 does not count', () => {
    expect(deleted(ReplicaSet.reconcile(a, viewOf(a, b, ...mine, pod('b-n2', { owner: b, labels: lb, node: 'n2', deleting: true })), now))).toEqual(['a-n1'])
  })
})
