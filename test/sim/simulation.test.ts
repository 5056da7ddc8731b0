/**
 * The simulation loop: fixpoints and budgets, the clock (requeues, advance), determinism,
 * immutability of inputs and values, trace modes and the timeline.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import * as A from '../../src/core/Action.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as ObjectRef from '../../src/core/ObjectRef.js'
import * as Pods from '../../src/core/pods.js'
import type { Reconciler } from '../../src/core/Controller.js'
import { Sim, actions, bareOptions, deepFreeze, node, pod, podsOf, replicaSet, seconds, start, toyOptions } from './fixtures.js'

const numRuns = Number(process.env['PROPERTY_RUNS'] ?? 25)

/** Counts 30-second ticks in an annotation, up to `limit`, requeueing itself in between. */
const ticker =
  (limit: number): Reconciler<'ReplicaSet'> =>
  (rs, _view, now) => {
    const since = Date.parse(rs.metadata.creationTimestamp ?? '')
    const due = Math.min(limit, Math.floor((now.getTime() - since) / 30_000))
    const have = Number(rs.metadata.annotations?.['ticks'] ?? '0')
    const out = []
    if (due !== have) out.push(A.update({ ...rs, metadata: { ...rs.metadata, annotations: { ticks: String(due) } } }))
    if (due < limit) out.push(A.requeueAfter(ObjectRef.of(rs), (since + (due + 1) * 30_000 - now.getTime()) / 1000))
    return out
  }

/** Flips a label on every sync: never quiet. */
const flapper: Reconciler<'ReplicaSet'> = (rs) => [
  A.update({ ...rs, metadata: { ...rs.metadata, labels: { flip: rs.metadata.labels?.['flip'] === 'a' ? 'b' : 'a' } } }),
]

describe('runUntilStable', () => {
  it('reaches a fixpoint and says so; the result is stable', () => {
    const sim = Sim.runUntilStable(Sim.make(toyOptions([node('n1'), replicaSet('web', 3)])))
    expect(sim.stopped).toBe('fixpoint')
    expect(seconds(sim)).toBe(2)
    expect(Sim.isStable(sim)).toBe(true)
    expect(Sim.nextEventAt(sim)).toBeUndefined()
    expect(Sim.summary(sim)).toEqual({
      now: '2024-01-01T00:00:02.000Z',
      rounds: sim.runtime.rounds,
      objects: { Node: 1, Pod: 3, ReplicaSet: 1 },
      pods: { pending: 0, running: 3, ready: 3, succeeded: 0, failed: 0, terminating: 0, unscheduled: 0 },
    })
  })

  it('jumps the clock to requeues', () => {
    let sim = Sim.make(bareOptions([replicaSet('t', 0)], { controllers: { ReplicaSet: ticker(3) } }))
    expect(Sim.isStable(sim)).toBe(false)
    sim = Sim.step(sim)
    expect(Sim.nextEventAt(sim)?.toISOString()).toBe('2024-01-01T00:00:30.000Z')
    sim = Sim.runUntilStable(sim)
    expect(sim.stopped).toBe('fixpoint')
    expect(seconds(sim)).toBe(90)
    expect(sim.trace.filter((t) => t._tag === 'Action' && t.action._tag === 'RequeueAfter')).toHaveLength(3)
    expect(Sim.timeline(sim).split('\n').slice(0, 2)).toEqual([
      '+0.0s   ReplicaSet default/t  RequeueAfter ReplicaSet default/t in 30s',
      '+30.0s  ReplicaSet default/t  Update ReplicaSet default/t (replicas 0)',
    ])
  })

  it('stops at the seconds budget without passing it', () => {
    const sim = Sim.runUntilStable(Sim.make(bareOptions([replicaSet('t', 0)], { controllers: { ReplicaSet: ticker(100) } })), { seconds: 100 })
    expect(sim.stopped).toBe('budget')
    expect(seconds(sim)).toBe(90)
  })

  it('stops at the rounds budget when rounds never settle', () => {
    const sim = Sim.runUntilStable(Sim.make(bareOptions([replicaSet('f', 0)], { controllers: { ReplicaSet: flapper } })), { rounds: 10 })
    expect(sim.stopped).toBe('budget')
    expect(sim.runtime.rounds).toBe(10)
    expect(seconds(sim)).toBe(0)
    const advanced = Sim.advance(Sim.make(bareOptions([replicaSet('f', 0)], { controllers: { ReplicaSet: flapper } })), 5, { rounds: 7 })
    expect(advanced.stopped).toBe('budget')
    expect(advanced.runtime.rounds).toBe(7)
  })
})

describe('step and advance', () => {
  it('step runs one round and does not move the clock', () => {
    const sim = Sim.step(Sim.make(toyOptions([node('n1'), replicaSet('web', 2)])))
    expect(sim.now.getTime()).toBe(start.getTime())
    expect(sim.runtime.rounds).toBe(1)
    expect(podsOf(sim).every((p) => p.spec.nodeName === 'n1')).toBe(true)
  })

  it('advance processes due events at their times and ends at now + seconds', () => {
    let sim = Sim.advance(Sim.make(bareOptions([replicaSet('t', 0)], { controllers: { ReplicaSet: ticker(10) } })), 75)
    expect(seconds(sim)).toBe(75)
    expect(sim.stopped).toBeUndefined()
    const updates = sim.trace.filter((t) => t._tag === 'Action' && t.action._tag === 'Update').map((t) => t.time)
    expect(updates).toEqual(['2024-01-01T00:00:30.000Z', '2024-01-01T00:01:00.000Z'])
    sim = Sim.advance(sim, 0)
    expect(seconds(sim)).toBe(75)
  })
})

describe('determinism and immutability', () => {
  const scenario = (seed: number) => {
    const objects = deepFreeze([node('n1'), node('n2'), replicaSet('web', 3), pod('solo')])
    let sim = Sim.make(toyOptions(objects, { seed }))
    sim = Sim.runUntilStable(sim)
    sim = Sim.inject(sim, { _tag: 'NodeDown', name: 'n1' })
    sim = Sim.inject(sim, { _tag: 'StaleView', lag: 2, rounds: 3 })
    sim = Sim.runUntilStable(sim)
    sim = Sim.inject(sim, { _tag: 'NodeUp', name: 'n1' })
    return Sim.runUntilStable(sim)
  }

  it('the same seed and inputs give a byte-identical trace; another seed other names', () => {
    const a = scenario(7)
    const b = scenario(7)
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace))
    expect(Sim.timeline(a)).toBe(Sim.timeline(b))
    const names = (s: Sim.Simulation) => podsOf(s).map((p) => p.metadata.name)
    expect(names(scenario(8))).not.toEqual(names(a))
  })

  it('never changes its inputs or earlier Simulation values', () => {
    const sim0 = deepFreeze(Sim.make(toyOptions(deepFreeze([node('n1'), replicaSet('web', 2)]))))
    const snapshot = JSON.stringify([sim0.trace, podsOf(sim0)])
    const a = Sim.runUntilStable(sim0)
    const b = Sim.runUntilStable(sim0)
    expect(JSON.stringify(a.trace)).toBe(JSON.stringify(b.trace))
    expect(JSON.stringify([sim0.trace, podsOf(sim0)])).toBe(snapshot)
    const c = deepFreeze(Sim.inject(a, { _tag: 'PodCrash', namespace: 'default', name: podsOf(a)[0]?.metadata.name ?? '' }))
    expect(JSON.stringify(Sim.runUntilStable(c).trace)).toBe(JSON.stringify(Sim.runUntilStable(c).trace))
  })

  const faults = (names: ReadonlyArray<string>): fc.Arbitrary<Sim.Fault> =>
    fc.oneof(
      fc.constantFrom(...names).map((name): Sim.Fault => ({ _tag: 'NodeDown', name })),
      fc.constantFrom(...names).map((name): Sim.Fault => ({ _tag: 'NodeUp', name })),
      fc.record({ lag: fc.integer({ min: 0, max: 4 }), rounds: fc.integer({ min: 1, max: 5 }) }).map((r): Sim.Fault => ({ _tag: 'StaleView', ...r })),
      fc.integer({ min: 1, max: 3 }).map((count): Sim.Fault => ({ _tag: 'DropActions', count })),
      fc.constant<Sim.Fault>({ _tag: 'ControllerRestart' }),
      fc.integer({ min: 0, max: 5 }).map((replicas): Sim.Fault => ({
        _tag: 'ExternalEdit',
        target: { apiVersion: 'apps/v1', kind: 'ReplicaSet', namespace: 'default', name: 'web' },
        patch: { spec: { replicas } },
      })),
    )

  it('property: any fault sequence replays identically, and the toy controller converges once faults stop', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.array(fc.tuple(faults(['n1', 'n2']), fc.integer({ min: 0, max: 3 })), { maxLength: 6 }),
        (seed, script) => {
          const run = () => {
            let sim = Sim.make(toyOptions(deepFreeze([node('n1'), node('n2'), replicaSet('web', 2)]), { seed, trace: 'controllers' }))
            for (const [fault, steps] of script) {
              sim = Sim.inject(sim, fault)
              for (let i = 0; i < steps; i++) sim = Sim.step(sim)
            }
            for (const name of ['n1', 'n2']) sim = Sim.inject(sim, { _tag: 'NodeUp', name })
            return Sim.runUntilStable(sim)
          }
          const a = run()
          expect(JSON.stringify(a.trace)).toBe(JSON.stringify(run().trace))
          expect(a.stopped).toBe('fixpoint')
          const rs = ClusterView.lookup(a.view, 'ReplicaSet', 'default', 'web')
          expect(podsOf(a).filter(Pods.isActive)).toHaveLength(rs?.spec.replicas ?? -1)
          expect(podsOf(a).filter(Pods.isActive).every(Pods.isReady)).toBe(true)
        },
      ),
      { numRuns },
    )
  })
})

describe('trace modes and the timeline', () => {
  const run = (trace: Sim.TraceMode) => Sim.runUntilStable(Sim.make(toyOptions([node('n1'), replicaSet('web', 1)], { trace })))

  it('full, controllers and none', () => {
    const full = run('full')
    const controllers = run('controllers')
    expect(full.trace.some((t) => t._tag === 'Environment')).toBe(true)
    expect(controllers.trace).toEqual(full.trace.filter((t) => t._tag !== 'Environment'))
    expect(run('none').trace).toEqual([])
    expect(podsOf(run('none'))).toEqual(podsOf(full))
  })

  it('one line per entry: offset, source, summary', () => {
    const sim = run('full')
    const name = podsOf(sim)[0]?.metadata.name ?? ''
    expect(Sim.timeline(sim).split('\n')).toEqual([
      `+0.0s  ReplicaSet default/web  Create Pod default/${name}`,
      '+0.0s  ReplicaSet default/web  UpdateStatus ReplicaSet default/web (replicas 0, ready 0)',
      `+0.0s  scheduler               Bind Pod default/${name} to n1`,
      '+0.0s  ReplicaSet default/web  UpdateStatus ReplicaSet default/web (replicas 1, ready 0)',
      `+1.0s  kubelet                 Pod default/${name} Running`,
      `+2.0s  kubelet                 Pod default/${name} Ready`,
      '+2.0s  ReplicaSet default/web  UpdateStatus ReplicaSet default/web (replicas 1, ready 1)',
    ])
    expect(Sim.timeline(sim.trace.slice(4)).split('\n')[0]).toBe(`+0.0s  kubelet                 Pod default/${name} Running`)
    expect(Sim.timeline(sim, { time: 'clock' }).split('\n')[4]).toBe(
      `2024-01-01T00:00:01.000Z  kubelet                 Pod default/${name} Running`,
    )
    expect(Sim.timeline([])).toBe('')
  })

  it('summaries of every action and fault kind', () => {
    const ref = { apiVersion: 'v1', kind: 'Pod', namespace: 'ns', name: 'p' }
    expect(Sim.actionSummary(A.del(ref, { propagationPolicy: 'Foreground' }))).toBe('Delete Pod ns/p (Foreground)')
    expect(Sim.actionSummary(A.requeueAfter(ref, 2.5))).toBe('RequeueAfter Pod ns/p in 2.5s')
    expect(Sim.actionSummary(A.event(ref, 'Normal', 'SuccessfulCreate', 'Created pod: p'))).toBe('Event Normal SuccessfulCreate: Created pod: p')
    expect(Sim.faultSummary({ _tag: 'StaleView', lag: 2, rounds: 3 })).toBe('StaleView lag 2 for 3 round(s)')
    expect(Sim.faultSummary({ _tag: 'DropActions', count: 1 })).toBe('DropActions 1')
    expect(Sim.faultSummary({ _tag: 'ExternalEdit', target: ref, patch: { spec: { replicas: 1 } } })).toBe(
      'ExternalEdit Pod ns/p {"spec":{"replicas":1}}',
    )
    expect(Sim.statusSummary({ ...replicaSet('x', 1), status: { replicas: 3, readyReplicas: 2, availableReplicas: 2, observedGeneration: 4 } })).toBe(
      'replicas 3, ready 2, available 2',
    )
    expect(actions(Sim.make(toyOptions([])))).toEqual([])
  })
})

describe('mergePatch (RFC 7386)', () => {
  it.each<[unknown, unknown, unknown]>([
    [{ a: 'b' }, { a: 'c' }, { a: 'c' }],
    [{ a: 'b' }, { b: 'c' }, { a: 'b', b: 'c' }],
    [{ a: 'b' }, { a: null }, {}],
    [{ a: 'b', b: 'c' }, { a: null }, { b: 'c' }],
    [{ a: ['b'] }, { a: 'c' }, { a: 'c' }],
    [{ a: 'c' }, { a: ['b'] }, { a: ['b'] }],
    [{ a: { b: 'c' } }, { a: { b: 'd', c: null } }, { a: { b: 'd' } }],
    [{ a: [{ b: 'c' }] }, { a: [1] }, { a: [1] }],
    [['a', 'b'], ['c', 'd'], ['c', 'd']],
    [{ a: 'b' }, ['c'], ['c']],
    [{ a: 'foo' }, null, null],
    [{ a: 'foo' }, 'bar', 'bar'],
    [{ e: null }, { a: 1 }, { e: null, a: 1 }],
    [[1, 2], { a: 'b', c: null }, { a: 'b' }],
    [{}, { a: { bb: { ccc: null } } }, { a: { bb: {} } }],
  ])('mergePatch(%j, %j) = %j', (target, patch, expected) => {
    const frozen = deepFreeze(structuredClone(target))
    expect(Sim.mergePatch(frozen, deepFreeze(structuredClone(patch)))).toEqual(expected)
  })

  it('treats __proto__ as an ordinary member', () => {
    const patch = JSON.parse('{"__proto__": {"polluted": true}}') as unknown
    const out = Sim.mergePatch({}, patch) as Record<string, unknown>
    expect(Object.prototype.hasOwnProperty.call(out, '__proto__')).toBe(true)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})
