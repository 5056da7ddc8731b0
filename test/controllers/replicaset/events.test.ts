/**
 * Events of a ReplicaSet in the simulation: a `SuccessfulCreate` event names the pod the API
 * server just created, as upstream's does (the pure plan only knows the generateName).
 */
import { describe, expect, it } from 'vitest'
import * as Simulation from '../../../src/sim/index.js'
import type { TraceEntry } from '../../../src/sim/index.js'
import { node } from '../../helpers/objects.js'
import * as ReplicaSet from '../../../src/controllers/replicaset/index.js'
import { now, rs, viewOf } from './fixtures.js'

const actions = (trace: ReadonlyArray<TraceEntry>) => trace.flatMap((e) => (e._tag === 'Action' ? [e] : []))

describe('SuccessfulCreate events', () => {
  it('name the created pod in the simulation, each after its create', () => {
    const sim = Simulation.runUntilStable(Simulation.make({ objects: [rs({ replicas: 3 }), node('n1')], start: now, seed: 4 }))
    const entries = actions(sim.trace)
    const created = entries.flatMap((e, i) => (e.action._tag === 'Create' && e.ref !== undefined ? [[i, e.ref.name] as const] : []))
    expect(created).toHaveLength(3)
    for (const [i, name] of created) {
      const next = entries[i + 1]
      expect(next?.action._tag === 'Event' && next.action.reason).toBe('SuccessfulCreate')
      expect(next?.action._tag === 'Event' && next.action.message).toBe(`Created pod: ${name}`)
      expect(name).toMatch(/^web-[a-z0-9]{5}$/)
    }
  })

  it('say the generateName in a plan, before any pod exists', () => {
    const r = rs({ replicas: 1 })
    const out = ReplicaSet.reconcile(r, viewOf(r), now)
    const event = out.find((a) => a._tag === 'Event')
    expect(event?._tag === 'Event' && event.message).toBe('Created pod: web-')
  })
})
