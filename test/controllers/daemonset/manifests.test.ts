/**
 * Real manifests: the DaemonSet examples of the Kubernetes documentation decode, converge on a
 * fleet with a tainted control-plane node, and roll out their update (DS-1, DS-5, DS-6 at the
 * fixpoint; DS-2 round by round).
 */
import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { decodeManifests } from '../../../src/api/decode.js'
import type { Node } from '../../../src/api/node.js'
import type { KubeObject } from '../../../src/api/object.js'
import type { DaemonSet } from '../../../src/api/workloads.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as DS from '../../../src/controllers/daemonset/index.js'
import * as Inv from '../../../src/invariants/daemonset.js'
import * as Simulation from '../../../src/sim/index.js'
import type { Simulation as Sim } from '../../../src/sim/index.js'
import * as H from '../../harness.js'
import { node } from './fixtures.js'

const manifest = (file: string): DaemonSet => {
  const decoded = decodeManifests(readFileSync(new URL(`./manifests/${file}`, import.meta.url), 'utf8'))
  if (decoded._tag === 'Left') throw new Error(decoded.left.message)
  const d = decoded.right[0]
  if (d?.kind !== 'DaemonSet') throw new Error(`${file} holds no DaemonSet`)
  return d
}

const controlPlane: Node = node('cp-1', { labels: { 'node-role.kubernetes.io/control-plane': '' }, taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] })
const fleet: ReadonlyArray<Node> = [
  controlPlane,
  node('worker-1', { labels: { disktype: 'ssd' } }),
  node('worker-2', { labels: { disktype: 'hdd' } }),
  node('worker-3', { labels: { disktype: 'ssd' } }),
]
const start = new Date('2024-01-01T00:00:00Z')

/** The nodes the DaemonSet's live pods are bound to, sorted. */
const boundNodes = (sim: Sim, d: DaemonSet): ReadonlyArray<string> => {
  const live = ClusterView.lookup(sim.view, 'DaemonSet', d.metadata.namespace, d.metadata.name ?? '')
  return ClusterView.controlledOf(sim.view, live?.metadata.uid ?? '', 'Pod')
    .filter((p) => p.metadata.deletionTimestamp === undefined)
    .map((p) => p.spec.nodeName ?? '(unbound)')
    .sort()
}

const converge = (objects: ReadonlyArray<KubeObject>) => H.settle(Simulation.make({ objects, start, checkWakes: true }), { rounds: 300, seconds: 3600 })

describe('documentation manifests', () => {
  it('fluentd-elasticsearch with control-plane tolerations runs on every node, the tainted control plane included', () => {
    const d = manifest('fluentd-elasticsearch.yaml')
    const run = converge([...fleet, d])
    H.expectFixpoint(run, Inv.checkFixpoint)
    expect(boundNodes(run.sim, d)).toEqual(['cp-1', 'worker-1', 'worker-2', 'worker-3'])
    const status = ClusterView.lookup(run.sim.view, 'DaemonSet', 'kube-system', 'fluentd-elasticsearch')?.status
    expect(status).toMatchObject({ desiredNumberScheduled: 4, currentNumberScheduled: 4, numberReady: 4, numberAvailable: 4, updatedNumberScheduled: 4, numberMisscheduled: 0 })
  })

  it('without its tolerations it skips the control plane', () => {
    const d = manifest('fluentd-elasticsearch.yaml')
    const bare: DaemonSet = { ...d, spec: { ...d.spec, template: { ...d.spec.template, spec: { ...d.spec.template.spec, tolerations: [] } } } }
    const run = converge([...fleet, bare])
    H.expectFixpoint(run, Inv.checkFixpoint)
    expect(boundNodes(run.sim, bare)).toEqual(['worker-1', 'worker-2', 'worker-3'])
  })

  it('the rolling-update variant converges, then rolls out its update one node at a time (maxUnavailable 1)', () => {
    const d = manifest('fluentd-daemonset.yaml')
    const first = converge([...fleet, d])
    H.expectFixpoint(first, Inv.checkFixpoint)
    const update = manifest('fluentd-daemonset-update.yaml')
    const live = ClusterView.lookup(first.sim.view, 'DaemonSet', 'kube-system', 'fluentd-elasticsearch')!
    const edited = Simulation.inject(first.sim, {
      _tag: 'ExternalEdit',
      target: { apiVersion: 'apps/v1', kind: 'DaemonSet', namespace: 'kube-system', name: 'fluentd-elasticsearch' },
      patch: { spec: { template: update.spec.template } },
    })
    let worst = 0
    const check: H.RoundCheck = (b, a) => {
      const now = ClusterView.lookup(a.view, 'DaemonSet', 'kube-system', 'fluentd-elasticsearch')!
      worst = Math.max(worst, Inv.unavailableNodes(now, a.view, a.now))
      return Inv.checkStep({ before: b, after: a, faults: false })
    }
    const run = H.rounds(edited, 300, { round: H.jump(Simulation.defaultSeconds), check })
    H.expectFixpoint(run, Inv.checkFixpoint)
    expect(worst).toBe(1)
    const after = ClusterView.lookup(run.sim.view, 'DaemonSet', 'kube-system', 'fluentd-elasticsearch')!
    expect(after.status).toMatchObject({ updatedNumberScheduled: 4, numberAvailable: 4 })
    expect(ClusterView.listOf(run.sim.view, 'ControllerRevision', 'kube-system').map((r) => r.revision).sort()).toEqual([1, 2])
    expect(live.metadata.uid).toBe(after.metadata.uid)
  })

  it('the label-selector example runs only on the ssd nodes', () => {
    const d = manifest('ssd-monitor.yaml')
    expect(DS.placements(d, fleet).filter((p) => p.shouldRun).map((p) => p.name)).toEqual(['worker-1', 'worker-3'])
    const run = converge([...fleet, d])
    H.expectFixpoint(run, Inv.checkFixpoint)
    expect(boundNodes(run.sim, d)).toEqual(['worker-1', 'worker-3'])
    const relabelled = Simulation.inject(run.sim, {
      _tag: 'ExternalEdit',
      target: { apiVersion: 'v1', kind: 'Node', name: 'worker-1' },
      patch: { metadata: { labels: { disktype: 'hdd' } } },
    })
    const after = H.settle(relabelled, { rounds: 300, seconds: 3600 })
    H.expectFixpoint(after, Inv.checkFixpoint)
    expect(boundNodes(after.sim, d)).toEqual(['worker-3'])
  })
})
