/**
 * examples/daemonset.yaml through the CLI's simulate: its Scenario (nodes joining and leaving, a
 * tolerated NoExecute taint, a surge rollout, then an unavailable rollout) runs to the end with
 * DS-1/DS-5/DS-6 holding at the end and the rollout bounds holding at every second.
 */
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../../src/api/pod.js'
import { simulate } from '../../../src/cli/simulate.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as Inv from '../../../src/invariants/daemonset.js'
import { format } from '../../../src/invariants/Violation.js'
import * as H from '../../harness.js'

const start = new Date('2024-01-01T00:00:00Z')

const inputs = () => H.exampleScenario('daemonset.yaml')

const livePods = (view: ClusterView.ClusterView): ReadonlyArray<Pod> =>
  ClusterView.listOf(view, 'Pod', 'default').filter((p) => p.metadata.deletionTimestamp === undefined && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')

describe('examples/daemonset.yaml', () => {
  it('runs its scenario: churn, a tolerated taint, a surge rollout and an unavailable rollout', () => {
    const { objects, scenario } = inputs()
    const out = simulate({ objects, scenario, until: scenario.until, seed: scenario.seed ?? 1, start }, true)
    expect(out.skipped).toEqual([])
    const { view, now } = out.sim
    expect(format(Inv.checkFixpoint(view, now))).toBe('')
    const pods = livePods(view)
    const onNodes = pods.filter((p) => p.spec.nodeName !== 'node-b')
    expect(onNodes.map((p) => p.spec.nodeName).sort()).toEqual(['node-a', 'node-c', 'node-d'])
    expect(onNodes.every((p) => p.spec.containers[0]?.image === 'example.com/node-agent:3.0')).toBe(true)
    const text = out.rows.map((r) => `${r.source} ${r.text}`).join('\n')
    expect(text).not.toMatch(/Delete Pod default\/\S+ .*node-a.*maintenance/)
    const ds = ClusterView.lookup(view, 'DaemonSet', 'default', 'node-agent')
    expect(ds?.status).toMatchObject({ desiredNumberScheduled: 3, updatedNumberScheduled: 3, numberAvailable: 3, observedGeneration: 3 })
    expect(ClusterView.lookup(view, 'Node', undefined, 'node-b')).toBeUndefined()
  })

  it('the tolerated taint evicts nothing, and each rollout keeps its bound', () => {
    const { objects, scenario } = inputs()
    const upTo = (s: number) => simulate({ objects, scenario, until: s, seed: scenario.seed ?? 1, start }, true).sim
    const beforeTaint = upTo(39)
    const afterTaint = upTo(59)
    const onA = (v: ClusterView.ClusterView) => livePods(v).filter((p) => p.spec.nodeName === 'node-a').map((p) => p.metadata.name)
    expect(onA(afterTaint.view)).toEqual(onA(beforeTaint.view))
    let maxTwo = 0
    let maxUnavailable = 0
    for (let s = 60; s <= 200; s += 3) {
      const sim = upTo(s)
      const d = ClusterView.lookup(sim.view, 'DaemonSet', 'default', 'node-agent')!
      if (s < 130) maxTwo = Math.max(maxTwo, Inv.doubledNodes(d, sim.view))
      else maxUnavailable = Math.max(maxUnavailable, Inv.unavailableNodes(d, sim.view, sim.now))
    }
    expect(maxTwo).toBe(1)
    expect(maxUnavailable).toBe(1)
  })
})
