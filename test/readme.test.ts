import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { decodeManifestsWith, ClusterView, reconcile, Simulation, Scenario } from '../src/index.js'

// The README's library example, run against the bundled ReplicaSet example.
describe('README example', () => {
  it('decodes, plans and simulates', () => {
    const text = readFileSync(new URL('../examples/replicaset.yaml', import.meta.url), 'utf8')
    const objects = decodeManifestsWith(text, { isExtra: Scenario.isScenarioDocument })
    if (E.isLeft(objects)) throw new Error(objects.left.message)
    const view = ClusterView.fromObjects(objects.right.objects)
    const [rs] = ClusterView.list(view, 'ReplicaSet', 'default')
    const actions = reconcile(rs!, view, new Date('2024-01-01T00:00:00Z'))
    expect(actions.filter((a) => a._tag === 'Create').length).toBe(3)
    const sim = Simulation.runUntilStable(Simulation.make({ objects: objects.right.objects, start: new Date(0), seed: 1 }))
    expect(sim.stopped).toBe('fixpoint')
    expect(Simulation.timeline(sim)).toMatch(/ReplicaSet default\/web\s+Create Pod default\/web-/)
    expect(Simulation.summary(sim).pods).toMatchObject({ running: 3, ready: 3, pending: 0 })
  })
})
