import { describe, it, expect } from 'vitest'
import * as Sim from '../../src/sim/index.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import { rolloutSummary } from '../../src/controllers/deployment/index.js'
import { decode } from '../../src/api/index.js'
import * as E from 'fp-ts/lib/Either.js'

const dep = (image: string) => {
  const r = decode({
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: { name: 'web', namespace: 'default' },
    spec: { replicas: 10, selector: { matchLabels: { app: 'web' } },
      template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'c', image }] } } },
  })
  if (E.isLeft(r)) throw new Error(JSON.stringify(r.left))
  return r.right
}
const nodes = Array.from({ length: 3 }, (_, i) => {
  const r = decode({ apiVersion: 'v1', kind: 'Node', metadata: { name: `n${i}` }, status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { pods: '110' } } })
  if (E.isLeft(r)) throw new Error('node')
  return r.right
})

describe('smoke', () => {
  it('rolls', () => {
    let sim = Sim.make({ objects: [...nodes, dep('nginx:1')], start: new Date('2024-01-01T00:00:00Z') })
    sim = Sim.runUntilStable(sim)
    const d = () => ClusterView.lookup(sim.view, 'Deployment', 'default', 'web')!
    console.log(sim.stopped, sim.now, JSON.stringify(rolloutSummary(sim.view, d())), JSON.stringify(d().status))
    sim = Sim.inject(sim, { _tag: 'ExternalEdit', target: { apiVersion: 'apps/v1', kind: 'Deployment', namespace: 'default', name: 'web' }, patch: { spec: { template: { spec: { containers: [{ name: 'c', image: 'nginx:2' }] } } } } })
    for (let i = 0; i < 40 && !Sim.isStable(sim); i++) {
      const n = sim.trace.length
      sim = Sim.runUntilStable(sim, { rounds: 1 })
      sim = Sim.advance(sim, 1)
      console.log(sim.now.toISOString(), JSON.stringify(rolloutSummary(sim.view, d()).map(r => [r.name, r.revision, r.replicas, r.available])))
    }
    sim = Sim.runUntilStable(sim)
    console.log(sim.stopped, JSON.stringify(d().status), JSON.stringify(d().metadata.annotations))
    console.log(Sim.timeline(sim, {}).split('\n').filter(l => l.includes('Deployment')).slice(-30).join('\n'))
    expect(sim.stopped).toBe('fixpoint')
  })
})
