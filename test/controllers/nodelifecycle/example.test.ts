/**
 * examples/node-failure.yaml through the CLI's simulate: node-a's kubelet stops at 20 s; the node
 * is Unknown and tainted 50 s later; `fast`'s pod there goes 30 s after that, `web`'s 300 s after;
 * the node comes back at 7m, and at 8m the three Deployments are deleted, one per propagation
 * policy. Checked at the moments that matter and at the end (GC-1, NL-2, TTL-2, PODGC-1).
 */
import { describe, expect, it } from 'vitest'
import { simulate } from '../../../src/cli/simulate.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { format } from '../../../src/invariants/Violation.js'
import * as H from '../../harness.js'

const start = new Date('2024-01-01T00:00:00Z')

const inputs = () => H.exampleScenario('node-failure.yaml')

const upTo = (s: number) => {
  const { objects, scenario } = inputs()
  return simulate({ objects, scenario, until: s, seed: scenario.seed ?? 1, start }, true).sim
}

const onA = (view: ClusterView.ClusterView, app: string) =>
  ClusterView.podsOnNode(view, 'node-a').filter((p) => p.metadata.labels?.['app'] === app)
const ready = (view: ClusterView.ClusterView) => ClusterView.lookup(view, 'Node', undefined, 'node-a')?.status?.conditions?.find((c) => c.type === 'Ready')?.status

describe('examples/node-failure.yaml', () => {
  it('node-a: Unknown and tainted at 1m10s, fast’s pod evicted at 1m40s, web’s at 6m10s, replaced elsewhere; back at 7m', () => {
    expect(ready(upTo(69).view)).toBe('True')
    const marked = upTo(70).view
    expect(ready(marked)).toBe('Unknown')
    expect(ClusterView.lookup(marked, 'Node', undefined, 'node-a')?.spec?.taints?.map((t) => `${t.key}:${t.effect}`)).toEqual([
      'node.kubernetes.io/unreachable:NoSchedule',
      'node.kubernetes.io/unreachable:NoExecute',
    ])
    expect(onA(upTo(99).view, 'fast').map((p) => p.metadata.deletionTimestamp)).toEqual([undefined])
    expect(onA(upTo(100).view, 'fast').every((p) => p.metadata.deletionTimestamp !== undefined)).toBe(true)
    const before = upTo(369).view
    expect(onA(before, 'web')).toHaveLength(2)
    expect(onA(before, 'web').every((p) => p.metadata.deletionTimestamp === undefined)).toBe(true)
    const evicted = upTo(375).view
    expect(onA(evicted, 'web').every((p) => p.metadata.deletionTimestamp !== undefined && p.status?.conditions?.some((c) => c.type === 'DisruptionTarget'))).toBe(true)
    const live = ClusterView.listOf(evicted, 'Pod').filter((p) => p.metadata.deletionTimestamp === undefined)
    expect(live.filter((p) => p.metadata.labels?.['app'] === 'web').map((p) => p.spec.nodeName).every((n) => n !== 'node-a')).toBe(true)
    expect(live).toHaveLength(7)
    const back = upTo(475).view
    expect(ready(back)).toBe('True')
    expect(ClusterView.lookup(back, 'Node', undefined, 'node-a')?.spec?.taints).toBeUndefined()
    expect(ClusterView.podsOnNode(back, 'node-a')).toEqual([])
  })

  it('ends with web and fast gone with their ReplicaSets and pods, legacy’s kept without an owner, and the invariants holding', () => {
    const { view, now } = upTo(540)
    expect(ClusterView.listOf(view, 'Deployment')).toEqual([])
    expect(ClusterView.listOf(view, 'ReplicaSet').map((r) => [r.metadata.name?.replace(/-[a-z0-9]+$/, ''), r.metadata.ownerReferences])).toEqual([['legacy', undefined]])
    expect(ClusterView.listOf(view, 'Pod').map((p) => [p.metadata.labels?.['app'], p.metadata.ownerReferences?.length])).toEqual([['legacy', 1]])
    const found = H.atFixpoint(['core', 'GarbageCollector', 'TtlAfterFinished', 'PodGc', 'NodeLifecycle'])(view, now)
    expect(format(found)).toBe('')
  })
})
