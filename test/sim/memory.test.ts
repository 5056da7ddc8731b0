/**
 * Controller memory: state a controller keeps across syncs (upstream's in-process tables such
 * as the DaemonSet failed-pod backoff) is handed to each sync, updated from the actions it sent,
 * carried from one Simulation value to the next, and forgotten on a controller restart.
 */
import { describe, expect, it } from 'vitest'
import type { ReplicaSet } from '../../src/api/workloads.js'
import * as A from '../../src/core/Action.js'
import * as ObjectRef from '../../src/core/ObjectRef.js'
import { perObject } from '../../src/core/Controller.js'
import * as Simulation from '../../src/sim/index.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import { bareOptions, replicaSet } from './fixtures.js'

/** Counts its syncs in memory and says the count in an event; requeues itself each second. */
const counter = perObject<ReplicaSet, number>(
  'counter',
  'ReplicaSet',
  (rs, _view, _now, memory = -1) => [
    A.event(ObjectRef.of(rs), 'Normal', 'Count', String(memory)),
    A.requeueAfter(ObjectRef.of(rs), 1),
  ],
  { memory: { initial: 0, remember: (m, actions) => m + actions.filter((a) => a._tag === 'Event').length } },
)

const counts = (sim: Simulation.Simulation): ReadonlyArray<string> =>
  sim.trace.flatMap((t) => (t._tag === 'Action' && t.action._tag === 'Event' ? [t.action.message] : []))

describe('controller memory', () => {
  const rs = replicaSet('web', 0)
  it('starts at its initial value, grows with each sync and survives between calls', () => {
    let sim = Simulation.make(bareOptions([rs], { controllers: { counter } }))
    sim = Simulation.step(sim)
    sim = Simulation.advance(sim, 1)
    sim = Simulation.advance(sim, 1)
    expect(counts(sim)).toEqual(['0', '1', '2'])
  })

  it('is forgotten on a controller restart', () => {
    let sim = Simulation.make(bareOptions([rs], { controllers: { counter } }))
    sim = Simulation.advance(Simulation.step(sim), 1)
    sim = Simulation.inject(sim, { _tag: 'ControllerRestart' })
    sim = Simulation.step(sim)
    expect(counts(sim)).toEqual(['0', '1', '0'])
  })

  it('is the initial value for a one-off reconcile', () => {
    const view = ClusterView.fromObjects([rs])
    expect(counter.reconcile(rs, view, new Date(0), counter.memory?.initial)[0]).toMatchObject({ message: '0' })
  })
})
