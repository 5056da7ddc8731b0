import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import * as CV from '../../src/core/ClusterView.js'
import { decodeScenario, formatDuration, parseDuration, toFault } from '../../src/scenario/index.js'
import { pod } from '../helpers/objects.js'

const doc = (events: unknown, extra: object = {}) => ({ apiVersion: 'kube-reconcile.io/v1alpha1', kind: 'Scenario', spec: { events, ...extra } })

describe('durations', () => {
  it.each([
    ['90s', 90],
    ['1m30s', 90],
    ['2h', 7200],
    ['500ms', 0.5],
    ['1.5m', 90],
    [45, 45],
    ['45', 45],
  ])('%s = %d s', (v, s) => expect(parseDuration(v)).toEqual(E.right(s)))
  it.each(['soon', '', '1x', '-5s', -1, '5s3'])('%s is an error', (v) => expect(E.isLeft(parseDuration(v))).toBe(true))
  it('formats back', () => expect([5, 95, 3600, 3661.5].map(formatDuration)).toEqual(['5s', '1m35s', '1h', '1h1m1.5s']))
})

describe('scenario documents', () => {
  it('decodes events, sorted by time, with defaults', () => {
    const r = decodeScenario(
      doc([
        { at: '30s', nodeDown: 'n1' },
        { at: '10s', scale: { kind: 'ReplicaSet', name: 'web', replicas: 3 } },
        { at: 10, crashPod: { selector: { app: 'web' } } },
      ]),
    )
    expect(E.isRight(r)).toBe(true)
    if (E.isLeft(r)) return
    expect(r.right.until).toBe(300)
    expect(r.right.events.map((e) => [e.at, e.step._tag])).toEqual([
      [10, 'Scale'],
      [10, 'CrashPod'],
      [30, 'NodeDown'],
    ])
  })

  it('decodes node churn steps as faults', () => {
    const r = decodeScenario(
      doc([
        { at: 1, addNode: { name: 'n4', labels: { zone: 'z1' }, taints: [{ key: 'k', effect: 'NoExecute' }], pods: 5 } },
        { at: 2, removeNode: 'n1' },
        { at: 3, labelNode: { name: 'n2', labels: { zone: null, disk: 'ssd' } } },
        { at: 4, taintNode: { name: 'n2', key: 'dedicated', value: 'gpu', effect: 'NoSchedule' } },
        { at: 5, untaintNode: { name: 'n2', key: 'dedicated' } },
        { at: 6, untaintNode: { name: 'n2', key: 'dedicated', effect: 'NoSchedule' } },
        { at: 7, cordon: 'n3' },
        { at: 8, uncordon: 'n3' },
        { at: 9, addNode: { name: 'n5' } },
      ]),
    )
    expect(E.isRight(r) && r.right.events.map((e) => toFault(CV.empty, e.step))).toEqual([
      { _tag: 'NodeAdd', name: 'n4', labels: { zone: 'z1' }, taints: [{ key: 'k', effect: 'NoExecute' }], pods: 5 },
      { _tag: 'NodeRemove', name: 'n1' },
      { _tag: 'NodeLabel', name: 'n2', labels: { zone: null, disk: 'ssd' } },
      { _tag: 'NodeTaint', name: 'n2', taint: { key: 'dedicated', value: 'gpu', effect: 'NoSchedule' } },
      { _tag: 'NodeUntaint', name: 'n2', key: 'dedicated' },
      { _tag: 'NodeUntaint', name: 'n2', key: 'dedicated', effect: 'NoSchedule' },
      { _tag: 'NodeCordon', name: 'n3' },
      { _tag: 'NodeUncordon', name: 'n3' },
      { _tag: 'NodeAdd', name: 'n5' },
    ])
  })

  it.each([
    [doc([{ at: '1s', taintNode: { name: 'n', key: 'k', effect: 'Sometimes' } }]), 'spec.events[0].taintNode.effect'],
    [doc([{ at: '1s', cordon: 'a', uncordon: 'a' }]), 'spec.events[0]'],
    [doc([{ at: '1s', labelNode: { name: 'n', labels: { a: 1 } } }]), 'spec.events[0].labelNode.labels[a]'],
    [doc([{ at: '1s' }]), 'spec.events[0]'],
    [doc([{ at: '1s', nodeDown: 'a', nodeUp: 'a' }]), 'spec.events[0]'],
    [doc([{ at: '1s', scale: { kind: 'Gizmo', name: 'x', replicas: 1 } }]), 'spec.events[0].scale.kind'],
    [doc([{ at: '1s', scale: { kind: 'ReplicaSet', name: 'x', replicas: -1 } }]), 'spec.events[0].scale.replicas'],
    [doc([{ at: '1s', scale: { kind: 'ReplicaSet', name: 3, replicas: 1 } }]), 'spec.events[0].scale.name'],
    [doc([{ at: '1s', fault: { _tag: 'Meteor' } }]), 'spec.events[0].fault._tag'],
    [doc([], { until: 'never' }), 'spec.until'],
    [{ kind: 'Scenario', spec: { events: [] } }, 'apiVersion'],
  ])('names the failing field: %#', (input, path) => {
    const r = decodeScenario(input)
    expect(E.isLeft(r) && r.left.issues.map((i) => i.path)).toContain(path)
  })
})

describe('resolving steps against a view', () => {
  const view = CV.fromObjects([
    pod('web-b', {}, { labels: { app: 'web' } }),
    pod('web-a', {}, { labels: { app: 'web' } }),
    pod('web-gone', {}, { labels: { app: 'web' }, deletionTimestamp: '2024-01-01T00:00:00Z' }),
    pod('db', {}, { labels: { app: 'db' } }),
  ])
  it('picks the index-th active matching pod by name', () => {
    const pick = (index: number) => ({ namespace: 'default', selector: { app: 'web' }, index })
    expect(toFault(view, { _tag: 'CrashPod', pick: pick(0) })).toEqual({ _tag: 'PodCrash', namespace: 'default', name: 'web-a' })
    expect(toFault(view, { _tag: 'DeletePod', pick: pick(1) })).toMatchObject({ _tag: 'ExternalDelete', target: { kind: 'Pod', name: 'web-b' } })
    expect(toFault(view, { _tag: 'CrashPod', pick: pick(2) })).toBeUndefined()
  })
  it('turns scale and edit into merge patches on the right object', () => {
    expect(toFault(view, { _tag: 'Scale', target: { kind: 'Deployment', namespace: 'default', name: 'web' }, replicas: 4 })).toEqual({
      _tag: 'ExternalEdit',
      target: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' },
      patch: { spec: { replicas: 4 } },
    })
    expect(toFault(view, { _tag: 'Edit', target: { kind: 'Node', namespace: '', name: 'n1' }, patch: { spec: { unschedulable: true } } })).toEqual({
      _tag: 'ExternalEdit',
      target: { apiVersion: 'v1', kind: 'Node', name: 'n1' },
      patch: { spec: { unschedulable: true } },
    })
  })
})
