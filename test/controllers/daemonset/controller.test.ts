/**
 * The DaemonSet controller's declarations, one wake at a time (upstream's addPod/updatePod/
 * deletePod, addHistory…, addNode/updateNode/deleteNode handlers), its expectations, summary and
 * status fields, and the failed-pod backoff it remembers across syncs in the simulation.
 */
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/api/object.js'
import type { ChangeType, Wake } from '../../../src/core/Controller.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { controllerForKind } from '../../../src/controllers/registry.js'
import * as DS from '../../../src/controllers/daemonset/index.js'
import * as Simulation from '../../../src/sim/index.js'
import { ds, node, now, pod, revisionOf, viewOf } from './fixtures.js'

const c = DS.daemonSetController
const woken = (object: KubeObject, type: ChangeType, view: ClusterView.ClusterView): ReadonlyArray<string> =>
  c.wakes
    .filter((w: Wake) => (w.kind === object.kind || w.kind === '*') && (w.events === undefined || w.events.includes(type)))
    .flatMap((w) => [...w.keys(object, view)])
    .sort()

const a = ds()
const b = ds({ name: 'other', uid: 'other-uid', selector: { matchLabels: { app: 'other' } } })
const picky = ds({ name: 'picky', uid: 'picky-uid', spec: { nodeSelector: { role: 'gpu' } }, selector: { matchLabels: { app: 'picky' } } })
const view = viewOf(a, b, picky)

describe('wakes', () => {
  it('its own changes, a pod of it, an orphan pod its selector matches, a revision of it', () => {
    expect(woken(a, 'update', view)).toEqual(['DaemonSet/default/agent'])
    expect(woken(pod('p', { node: 'n1' }), 'update', view)).toEqual(['DaemonSet/default/agent'])
    expect(woken(pod('o', { node: 'n1', owner: undefined }), 'add', view)).toEqual(['DaemonSet/default/agent'])
    expect(woken(pod('x', { node: 'n1', owner: undefined, labels: { app: 'none' } }), 'add', view)).toEqual([])
    expect(woken(revisionOf(a), 'delete', view)).toEqual(['DaemonSet/default/agent'])
  })

  it('a node wakes the DaemonSets that may run or keep a pod on it, and those with pods bound to it', () => {
    expect(woken(node('n1'), 'add', view)).toEqual(['DaemonSet/default/agent', 'DaemonSet/default/other'])
    expect(woken(node('g', { labels: { role: 'gpu' } }), 'update', view)).toEqual(['DaemonSet/default/agent', 'DaemonSet/default/other', 'DaemonSet/default/picky'])
    const evicting = node('n2', { taints: [{ key: 'k', effect: 'NoExecute' }] })
    expect(woken(evicting, 'update', view)).toEqual([])
    const withPod = viewOf(a, b, evicting, pod('p', { node: 'n2' }))
    expect(woken(evicting, 'delete', withPod)).toEqual(['DaemonSet/default/agent'])
  })

  it('keeps pod expectations, remembers the backoff, summarises and lists its status fields', () => {
    expect(c.expectations).toEqual(['pods'])
    expect(c.memory?.initial).toEqual(DS.emptyBackoff)
    expect(c.memory?.remember).toBe(DS.rememberBackoff)
    expect(controllerForKind('DaemonSet')).toBe(c)
    const p = pod('p', { node: 'n1', readyFor: 5 })
    expect(DS.sizeSummary(ds({ status: { desiredNumberScheduled: 2 } }), viewOf(a, p, pod('q', { node: 'n2' })))).toBe('agent 2 desired, 2 pods, 1 ready')
    expect(DS.statusFields).toEqual([
      ['desiredNumberScheduled', 'desired'],
      ['currentNumberScheduled', 'current'],
      ['numberReady', 'ready'],
      ['numberAvailable', 'available'],
      ['updatedNumberScheduled', 'updated'],
      ['numberMisscheduled', 'misscheduled'],
    ])
  })

  it('the summary counts active pods only, and 0 desired before a status exists', () => {
    const p = pod('p', { node: 'n1', readyFor: 5 })
    const gone = pod('t', { node: 'n2', phase: 'Failed' })
    const { status: _s, ...fresh } = ds()
    expect(DS.sizeSummary(fresh as typeof a, viewOf(a, p, gone))).toBe('agent 0 desired, 1 pod, 1 ready')
  })
})

describe('the failed-pod backoff across syncs', () => {
  const onDelete = ds({ strategy: 'OnDelete' })
  const failedPair = () => [onDelete, node('n1'), pod('f1', { node: 'n1', phase: 'Failed', createdAgo: 20, owner: onDelete }), pod('f2', { node: 'n1', phase: 'Failed', createdAgo: 10, owner: onDelete })]
  const deleteTimes = (sim: Simulation.Simulation): ReadonlyArray<readonly [string, number]> =>
    sim.trace.flatMap((e) =>
      e._tag === 'Action' && e.action._tag === 'Delete' && e.action.target.kind === 'Pod' && e.result === 'applied' ? [[e.action.target.name, Date.parse(e.time)] as const] : [],
    )

  it('deletes the second failed pod on a node only after the first backoff delay', () => {
    const sim = Simulation.runUntilStable(Simulation.make({ objects: failedPair(), start: now, checkWakes: true }), { rounds: 100, seconds: 600 })
    const times = deleteTimes(sim)
    expect(times.map(([n]) => n)).toEqual(['f1', 'f2'])
    expect(times[1]![1] - times[0]![1]).toBeGreaterThanOrEqual(DS.initialBackoffMs)
  })

  it('a controller restart forgets the backoff', () => {
    let sim = Simulation.step(Simulation.make({ objects: failedPair(), start: now }))
    expect(deleteTimes(sim).map(([n]) => n)).toEqual(['f1'])
    sim = Simulation.step(Simulation.inject(sim, { _tag: 'ControllerRestart' }))
    expect(deleteTimes(sim).map(([n]) => n)).toEqual(['f1', 'f2'])
  })
})
