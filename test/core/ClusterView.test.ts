import { describe, expect, it } from 'vitest'
import * as O from 'fp-ts/lib/Option.js'
import * as _ from '../../src/core/ClusterView.js'
import { deepFreeze } from '../helpers/freeze.js'
import { node, ownerRef, pod } from '../helpers/objects.js'

const owned = (name: string, owner: string, nodeName = 'n1') =>
  pod(name, { spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName } }, { ownerReferences: [ownerRef('ReplicaSet', owner, `uid-${owner}`)] })

describe('ClusterView', () => {
  const objects = deepFreeze([node('n1'), node('n2'), owned('a', 'rs1'), owned('b', 'rs1', 'n2'), owned('c', 'rs2'), pod('orphan')])
  const view = _.fromObjects(objects)

  it('indexes by kind, namespace and name', () => {
    expect(_.size(view)).toBe(6)
    expect(_.list(view, 'Pod', 'default').map((p) => p.metadata.name).sort()).toEqual(['a', 'b', 'c', 'orphan'])
    expect(_.list(view, 'Pod').length).toBe(4)
    expect(_.list(view, 'Node').length).toBe(2)
    expect(_.list(view, 'Pod', 'other')).toEqual([])
    expect(O.isSome(_.get(view, 'Node', undefined, 'n1'))).toBe(true)
    expect(_.lookup(view, 'Pod', 'default', 'a')?.metadata.uid).toBe('uid-a')
    expect(_.lookup(view, 'Pod', 'default', 'zz')).toBeUndefined()
  })

  it('indexes by uid, controller owner, orphan status and node', () => {
    expect(O.map((o: { metadata: { name?: string } }) => o.metadata.name)(_.getByUid(view, 'uid-b'))).toEqual(O.some('b'))
    expect(_.controlledBy(view, 'uid-rs1').map((p) => p.metadata.name).sort()).toEqual(['a', 'b'])
    expect(_.controlledOf(view, 'uid-rs2', 'Pod').map((p) => p.metadata.name)).toEqual(['c'])
    expect(_.controlledOf(view, 'uid-rs2', 'ReplicaSet')).toEqual([])
    expect(_.orphans(view, 'Pod', 'default').map((p) => p.metadata.name)).toEqual(['orphan'])
    expect(_.podsOnNode(view, 'n2').map((p) => p.metadata.name)).toEqual(['b'])
    expect(_.podsOnNode(view, 'n1').length).toBe(3)
  })

  it('keeps indexes right through replace and remove, leaving the old view untouched', () => {
    const moved = owned('a', 'rs2', 'n2')
    const v2 = _.withChanges(view, (c) => {
      c.put(moved)
      c.remove('Pod', 'default', 'orphan')
      c.put(pod('unscheduled', { spec: { containers: [{ name: 'c', image: 'x' }] } }))
    })
    expect(_.controlledBy(v2, 'uid-rs1').map((p) => p.metadata.name)).toEqual(['b'])
    expect(_.controlledBy(v2, 'uid-rs2').map((p) => p.metadata.name).sort()).toEqual(['a', 'c'])
    expect(_.orphans(v2, 'Pod', 'default').map((p) => p.metadata.name)).toEqual(['unscheduled'])
    expect(_.podsOnNode(v2, '').map((p) => p.metadata.name)).toEqual(['unscheduled'])
    expect(_.podsOnNode(v2, 'n2').map((p) => p.metadata.name).sort()).toEqual(['a', 'b'])
    expect(O.isNone(_.getByUid(v2, 'uid-orphan'))).toBe(true)
    expect(_.size(v2)).toBe(6)
    // the old view is unchanged
    expect(_.controlledBy(view, 'uid-rs1').length).toBe(2)
    expect(_.orphans(view, 'Pod', 'default').map((p) => p.metadata.name)).toEqual(['orphan'])
    expect(_.size(view)).toBe(6)
  })

  it('select filters a namespace by labels, and toArray returns every object', () => {
    const v = _.fromObjects([pod('x', {}, { labels: { app: 'web' } }), pod('y', {}, { labels: { app: 'db' } })])
    expect(_.select(v, 'Pod', 'default', (l) => l?.['app'] === 'web').map((p) => p.metadata.name)).toEqual(['x'])
    expect(_.toArray(v).length).toBe(2)
  })

  it('a later object with the same name replaces the earlier one; removing an absent object is a no-op', () => {
    const v = _.fromObjects([pod('x'), pod('x', {}, { uid: 'other' })])
    expect(_.size(v)).toBe(1)
    expect(O.isNone(_.getByUid(v, 'uid-x'))).toBe(true)
    expect(_.lookup(v, 'Pod', 'default', 'x')?.metadata.uid).toBe('other')
    expect(_.size(_.remove(v, 'Pod', 'default', 'nope'))).toBe(1)
  })
})

describe('ClusterView.dependentsOf: every owner reference, not only the controller', () => {
  const multi = (name: string, refs: ReadonlyArray<readonly [string, boolean]>) =>
    pod(name, {}, { ownerReferences: refs.map(([owner, controller]) => ({ ...ownerRef('ReplicaSet', owner, `uid-${owner}`), controller })) })
  const view = _.fromObjects(deepFreeze([multi('a', [['x', true], ['y', false]]), multi('b', [['y', false], ['z', false]]), multi('c', [['x', true]])]))
  const names = (os: ReadonlyArray<{ readonly metadata: { readonly name?: string } }>) => os.map((o) => o.metadata.name).sort()

  it('finds the dependents of an owner through controller and other references alike', () => {
    expect(names(_.dependentsOf(view, 'uid-x'))).toEqual(['a', 'c'])
    expect(names(_.dependentsOf(view, 'uid-y'))).toEqual(['a', 'b'])
    expect(names(_.dependentsOf(view, 'uid-z'))).toEqual(['b'])
    expect(names(_.dependentsOf(view, 'uid-y', 'Node'))).toEqual([])
    expect(_.controlledBy(view, 'uid-y')).toEqual([])
  })

  it('follows reference changes and removals', () => {
    const dropped = _.put(view, multi('a', [['x', true]]))
    expect(names(_.dependentsOf(dropped, 'uid-y'))).toEqual(['b'])
    const gone = _.remove(dropped, 'Pod', 'default', 'b')
    expect(names(_.dependentsOf(gone, 'uid-y'))).toEqual([])
    expect(names(_.dependentsOf(gone, 'uid-z'))).toEqual([])
    expect(names(_.dependentsOf(view, 'uid-y'))).toEqual(['a', 'b'])
  })
})

describe('ClusterView.countOf', () => {
  it('counts the objects of a kind over every namespace, following puts and removals', () => {
    const p = (name: string, ns: string) =>
      ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: ns, uid: `u-${ns}-${name}` }, spec: { containers: [] } }) as never
    const view = _.fromObjects([p('a', 'x'), p('b', 'x'), p('a', 'y')])
    expect(_.countOf(view, 'Pod')).toBe(3)
    expect(_.countOf(view, 'Node')).toBe(0)
    expect(_.countOf(_.remove(view, 'Pod', 'x', 'a'), 'Pod')).toBe(2)
    expect(_.countOf(_.put(view, p('c', 'z')), 'Pod')).toBe(4)
  })
})

describe('terminated pods and bound nodes', () => {
  const withPhase = (name: string, phase: string | undefined, nodeName?: string) =>
    pod(name, { spec: { containers: [{ name: 'c', image: 'x' }], ...(nodeName === undefined ? {} : { nodeName }) }, status: phase === undefined ? {} : { phase } })
  const names = (ps: ReadonlyArray<{ readonly metadata: { readonly name?: string } }>) => ps.map((p) => p.metadata.name).sort()
  const view = _.fromObjects([
    withPhase('done', 'Succeeded', 'n1'),
    withPhase('failed', 'Failed', 'gone'),
    withPhase('none', undefined),
    withPhase('run', 'Running', 'n1'),
    withPhase('wait', 'Pending'),
    withPhase('lost', 'Unknown', 'n2'),
    node('n1'),
  ])

  it('index the pods pod GC counts as terminated (phase not Pending, Running or Unknown), and follow their changes', () => {
    expect(names(_.terminatedPods(view))).toEqual(['done', 'failed', 'none'])
    const v2 = _.withChanges(view, (c) => {
      c.put(withPhase('run', 'Failed', 'n1'))
      c.put(withPhase('done', 'Running', 'n1'))
      c.remove('Pod', 'default', 'failed')
    })
    expect(names(_.terminatedPods(v2))).toEqual(['none', 'run'])
    expect(names(_.terminatedPods(view))).toEqual(['done', 'failed', 'none'])
    expect(_.terminatedPods(_.empty)).toEqual([])
  })

  it('list the node names pods are bound to, existing or not, without the unscheduled', () => {
    expect([..._.boundNodeNames(view)].sort()).toEqual(['gone', 'n1', 'n2'])
    expect([..._.boundNodeNames(_.remove(view, 'Pod', 'default', 'lost'))].sort()).toEqual(['gone', 'n1'])
  })
})
