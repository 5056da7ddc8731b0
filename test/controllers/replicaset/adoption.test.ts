/**
 * Claiming in a sync: the candidates (owned pods of the namespace plus its orphans), adoption of
 * orphans next to owned pods, the order of adopt and release updates, pods of other namespaces,
 * terminating pods and `terminatingReplicas`, and the plan of an owner being deleted.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src/api/pod.js'
import { ReplicaSet as Arb } from '../../../src/arbitraries/index.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { controllerRef, isControlledBy } from '../../../src/core/ownership.js'
import * as Pods from '../../../src/core/pods.js'
import * as ReplicaSet from '../../../src/controllers/replicaset/index.js'
import * as Inv from '../../../src/invariants/replicaset.js'
import { format } from '../../../src/invariants/Violation.js'
import { deepFreeze } from '../../helpers/freeze.js'
import { ago, controlledBy, now, pod, rs, viewOf } from './fixtures.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 100)

const tags = (as: ReadonlyArray<Action>): ReadonlyArray<string> => as.map((a) => a._tag)
const updated = (as: ReadonlyArray<Action>) =>
  as.flatMap((a) => (a._tag === 'Update' ? [a.object as Pod] : []))
const names = (ps: ReadonlyArray<{ readonly metadata: { readonly name?: string } }>) => ps.map((p) => p.metadata.name)
const inNamespace = (p: Pod, namespace: string): Pod => deepFreeze({ ...p, metadata: { ...p.metadata, namespace } })
const statusOf = (as: ReadonlyArray<Action>) => {
  const u = as.find((a): a is Extract<Action, { _tag: 'UpdateStatus' }> => a._tag === 'UpdateStatus')
  return u === undefined ? undefined : (u.object as ReturnType<typeof rs>).status
}

describe('adoption next to owned pods', () => {
  it('a ReplicaSet that already owns pods adopts a matching orphan and counts it', () => {
    const r = rs({ replicas: 2 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('mine', { owner: r }), pod('stray')), now)
    expect(tags(out)).toEqual(['Update', 'UpdateStatus'])
    expect(names(updated(out))).toEqual(['stray'])
    expect(updated(out)[0]?.metadata.ownerReferences).toEqual([controlledBy(r)])
    expect(statusOf(out)).toMatchObject({ replicas: 2, fullyLabeledReplicas: 2 })
  })

  it('the adopted pod is among the active pods of the plan, as adopted', () => {
    const r = rs({ replicas: 3 })
    const p = ReplicaSet.plan(ReplicaSet.ofReplicaSet(r), viewOf(r, pod('mine', { owner: r }), pod('stray')), now)
    expect(names(p?.active ?? [])).toEqual(['mine', 'stray'])
    expect(p?.active.every((x) => isControlledBy(x, 'rs-uid'))).toBe(true)
    expect(p?.manage.creates).toBe(1)
  })

  it('scales down counting the adopted orphan: two owned, one adopted, one wanted', () => {
    const r = rs({ replicas: 1 })
    const out = ReplicaSet.reconcile(r, viewOf(r, pod('a', { owner: r, node: 'n', readyFor: 60 }), pod('b', { owner: r, node: 'n', readyFor: 60 }), pod('c')), now)
    expect(tags(out)).toEqual(['Update', 'Delete', 'Event', 'Delete', 'Event', 'UpdateStatus'])
  })

  it('adopts an orphan that lists a non-controller owner reference, keeping it first', () => {
    const r = rs({ replicas: 1 })
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', uid: 'cm-uid' }
    const orphan = deepFreeze({ ...pod('o'), metadata: { ...pod('o').metadata, ownerReferences: [cm] } })
    const out = ReplicaSet.reconcile(r, viewOf(r, orphan), now)
    expect(updated(out)[0]?.metadata.ownerReferences).toEqual([cm, controlledBy(r)])
  })

  it('ignores a pod whose controller (listed after a non-controller reference to it) is another owner', () => {
    const r = rs({ replicas: 1 })
    const other = rs({ name: 'other', uid: 'other-uid' })
    const mixed = deepFreeze({
      ...pod('p'),
      metadata: { ...pod('p').metadata, ownerReferences: [{ ...controlledBy(r), controller: false }, controlledBy(other)] },
    })
    const out = ReplicaSet.reconcile(r, viewOf(r, other, mixed), now)
    expect(tags(out)).toEqual(['Create', 'Event', 'UpdateStatus'])
  })

  it('counts a pod it controls through a controller reference listed after a non-controller one', () => {
    const r = rs({ replicas: 1 })
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', name: 'cfg', uid: 'cm-uid' }
    const mine = deepFreeze({ ...pod('p'), metadata: { ...pod('p').metadata, ownerReferences: [cm, controlledBy(r)] } })
    expect(statusOf(ReplicaSet.reconcile(r, viewOf(r, mine), now))).toMatchObject({ replicas: 1 })
    expect(tags(ReplicaSet.reconcile(r, viewOf(r, mine), now))).toEqual(['UpdateStatus'])
  })
})

describe('the order of adopt and release updates', () => {
  const r = rs({ replicas: 2 })
  const pods = [pod('zeta', { owner: r, labels: { app: 'gone' } }), pod('mid'), pod('alpha'), pod('keep', { owner: r }), pod('beta', { owner: r, labels: { app: 'x' } })]
  it.each([
    ['as listed', pods],
    ['reversed', [...pods].reverse()],
  ])('is by pod name, releases and adoptions mixed (%s)', (_how, listed) => {
    const out = ReplicaSet.reconcile(r, viewOf(r, ...listed), now)
    expect(names(updated(out))).toEqual(['alpha', 'beta', 'mid', 'zeta'])
    expect(updated(out).map((p) => controllerRef(p) === undefined)).toEqual([false, true, false, true])
  })
})

describe('pods of another namespace', () => {
  const r = rs({ replicas: 1 })
  const far = inNamespace(pod('far', { owner: r, node: 'n', readyFor: 60 }), 'other')
  const farOrphan = inNamespace(pod('far-orphan'), 'other')
  const farMoved = inNamespace(pod('far-moved', { owner: r, labels: { app: 'x' } }), 'other')

  it('are not candidates, even with a controller reference to the owner', () => {
    const view = viewOf(r, pod('mine', { owner: r }), far, farOrphan, farMoved, pod('near'))
    expect(names(ReplicaSet.candidatePods(r, view))).toEqual(['mine', 'near'])
  })
  it('are neither counted, adopted, released nor deleted', () => {
    const view = viewOf(r, pod('mine', { owner: r }), far, farOrphan, farMoved)
    expect(ReplicaSet.reconcile(r, view, now).filter((a) => a._tag !== 'UpdateStatus')).toEqual([])
    expect(statusOf(ReplicaSet.reconcile(r, view, now))).toMatchObject({ replicas: 1, readyReplicas: 0 })
    const down = rs({ replicas: 0 })
    expect(tags(ReplicaSet.reconcile(down, viewOf(down, pod('mine', { owner: down }), far), now))).toEqual(['Delete', 'Event', 'UpdateStatus'])
  })
  it('an owner without a uid has only the orphans of its namespace as candidates', () => {
    const { uid: _uid, ...metadata } = r.metadata
    const bare = { ...r, metadata }
    expect(names(ReplicaSet.candidatePods(bare, viewOf(r, pod('mine', { owner: r }), pod('near'), farOrphan)))).toEqual(['near'])
  })
})

describe('terminating pods', () => {
  const r = rs({ replicas: 1 })
  const other = rs({ name: 'other', uid: 'other-uid' })
  it.each([
    ['a terminating pod it controls that matches', pod('t', { owner: r, deleting: true }), 1],
    ['a terminating orphan that matches', pod('t', { deleting: true }), 0],
    ['a terminating pod it controls that no longer matches', pod('t', { owner: r, deleting: true, labels: { app: 'x' } }), 0],
    ['a terminating pod another owner controls', pod('t', { owner: other, deleting: true }), 0],
    ['a failed pod being deleted (terminal, not terminating)', pod('t', { owner: r, deleting: true, phase: 'Failed', node: 'n' }), 0],
  ])('%s: terminatingReplicas %i, never adopted, released or counted as active', (_what, t, want) => {
    const p = ReplicaSet.plan(ReplicaSet.ofReplicaSet(r), viewOf(r, other, pod('mine', { owner: r }), t), now)
    expect(p?.terminating.length).toBe(want)
    expect(p?.status).toMatchObject({ replicas: 1, terminatingReplicas: want })
    expect(p?.claims).toEqual([])
    expect(names(p?.active ?? [])).toEqual(['mine'])
  })
})

describe('an owner being deleted', () => {
  it('plans no creates or deletes, succeeds, and clears ReplicaFailure', () => {
    const failure = { type: 'ReplicaFailure', status: 'True', reason: 'FailedCreate', message: 'quota', lastTransitionTime: ago(60) }
    const r = rs({ replicas: 3, deleting: true, status: { replicas: 1, conditions: [failure] } })
    const p = ReplicaSet.plan(ReplicaSet.ofReplicaSet(r), viewOf(r, pod('a', { owner: r })), now)
    expect(p?.manage).toEqual({ actions: [], outcome: { _tag: 'Ok' }, creates: 0, deletes: [] })
    expect(p?.status.conditions).toBeUndefined()
    expect(tags(ReplicaSet.toActions(r, p))).toEqual(['UpdateStatus'])
  })
})

describe('claiming over arbitrary worlds (several namespaces, owner references in any order)', () => {
  const worlds = Arb.world({ otherNamespace: true }).map((w) => {
    deepFreeze(w.objects)
    return w
  })
  it('adopts exactly the active matching orphans of its namespace and releases exactly the active owned pods that stopped matching', () => {
    fc.assert(
      fc.property(worlds, (w) => {
        const spec = ReplicaSet.ownerSpec(w.owner)
        const p = ReplicaSet.plan(spec, w.view, w.now)
        if (p === undefined || spec.matches === undefined) return
        const matches = spec.matches
        const ns = w.owner.metadata.namespace ?? ''
        const uid = w.owner.metadata.uid
        const deleting = w.owner.metadata.deletionTimestamp !== undefined
        const local = ClusterView.listOf(w.view, 'Pod', ns).filter(Pods.isActive)
        const orphans = local.filter((x) => controllerRef(x) === undefined && matches(x.metadata.labels))
        const owned = local.filter((x) => isControlledBy(x, uid))
        const key = (x: Pod) => x.metadata.name ?? ''
        const claimed = p.claims.flatMap((a) => (a._tag === 'Update' ? [a.object as Pod] : []))
        const adopted = claimed.filter((x) => isControlledBy(x, uid))
        const released = claimed.filter((x) => !isControlledBy(x, uid))
        expect(names(adopted).sort()).toEqual(deleting ? [] : orphans.map(key).sort())
        expect(names(released).sort()).toEqual(deleting ? [] : owned.filter((x) => !matches(x.metadata.labels)).map(key).sort())
        expect(names(p.active).sort()).toEqual([...owned.filter((x) => matches(x.metadata.labels)), ...(deleting ? [] : orphans)].map(key).sort())
        expect(names(claimed)).toEqual(names(claimed).slice().sort())
        const terminating = ClusterView.listOf(w.view, 'Pod', ns).filter((x) => Pods.isTerminating(x) && isControlledBy(x, uid) && matches(x.metadata.labels))
        expect(names(p.terminating).sort()).toEqual(terminating.map(key).sort())
      }),
      { numRuns: runs },
    )
  })

  it('RS-2, RS-3, RS-4 and RS-7 hold with pods in other namespaces too', () => {
    fc.assert(
      fc.property(worlds, (w) => {
        const vs = Inv.checkSync(w.owner, w.view, ReplicaSet.sync(w.owner, w.view, w.now))
        expect(vs, format(vs)).toEqual([])
      }),
      { numRuns: Math.max(10, Math.floor(runs / 2)) },
    )
  })
})
