/**
 * examples/statefulset.yaml, run as `kube-reconcile simulate` runs it, checked at the moments of
 * its scenario: ordered start, a deleted pod re-created under its name on its old claim, a
 * partitioned rollout then the rest, a scale-down keeping claims (Retain) and one handing its
 * claim to the pod (whenScaled: Delete). The invariants hold at the end.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeManifestsWith } from '../../../src/api/decode.js'
import type { Pod } from '../../../src/api/pod.js'
import { simulate } from '../../../src/cli/simulate.js'
import * as STS from '../../../src/controllers/statefulset/index.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as Inv from '../../../src/invariants/statefulset.js'
import { format } from '../../../src/invariants/Violation.js'
import { decodeScenario, isScenarioDocument } from '../../../src/scenario/index.js'
import type { Simulation as Sim } from '../../../src/sim/index.js'

const text = readFileSync(new URL('../../../examples/statefulset.yaml', import.meta.url), 'utf8')
const decoded = decodeManifestsWith(text, { isExtra: isScenarioDocument })
if (E.isLeft(decoded)) throw new Error(decoded.left.message)
const scenario = decodeScenario(decoded.right.extras[0]!.value)
if (E.isLeft(scenario)) throw new Error(scenario.left.message)
const start = new Date('2024-01-01T00:00:00Z')

/** The simulation after `seconds` of the scenario. */
const at = (seconds: number): Sim => simulate({ objects: decoded.right.objects, scenario: scenario.right, until: seconds, seed: 1, start }, false).sim

const podsOf = (sim: Sim, set: string): ReadonlyArray<Pod> =>
  ClusterView.listOf(sim.view, 'Pod', 'default').filter((p) => p.metadata.labels?.['app'] === set && p.metadata.deletionTimestamp === undefined)
const claimUid = (sim: Sim, name: string): string | undefined => ClusterView.lookup(sim.view, 'PersistentVolumeClaim', 'default', name)?.metadata.uid
const image = (p: Pod): string | undefined => p.spec.containers[0]?.image
const creates = (sim: Sim, set: string): ReadonlyArray<{ readonly name: string; readonly ms: number }> =>
  sim.trace.flatMap((e) =>
    e._tag === 'Action' && e.source === `StatefulSet default/${set}` && e.action._tag === 'Create' && e.action.object.kind === 'Pod' && e.result === 'applied'
      ? [{ name: e.action.object.metadata.name ?? '', ms: Date.parse(e.time) }]
      : [],
  )
const readyAt = (sim: Sim, name: string): number | undefined => {
  const e = sim.trace.find((x) => x._tag === 'Environment' && x.event._tag === 'Ready' && x.target.name === name)
  return e === undefined ? undefined : Date.parse(e.time)
}

describe('examples/statefulset.yaml', () => {
  it('starts web in order (each after the one below is Ready and available) and cache in parallel', () => {
    const sim = at(29)
    expect(podsOf(sim, 'web').map((p) => p.metadata.name).sort()).toEqual(['web-0', 'web-1', 'web-2'])
    const web = creates(sim, 'web')
    expect(web.map((c) => c.name)).toEqual(['web-0', 'web-1', 'web-2'])
    for (let i = 1; i < 3; i++) expect(web[i]!.ms).toBeGreaterThanOrEqual((readyAt(sim, `web-${i - 1}`) ?? Infinity) + 2000)
    const cache = creates(sim, 'cache')
    expect(cache.map((c) => c.name)).toEqual(['cache-0', 'cache-1'])
    expect(cache[0]!.ms).toBe(cache[1]!.ms)
    for (const p of podsOf(sim, 'web')) expect(ClusterView.lookup(sim.view, 'PersistentVolumeClaim', 'default', `www-${p.metadata.name ?? ''}`)?.status?.phase).toBe('Bound')
  })

  it('re-creates a deleted pod under its name, on the same claim', () => {
    const before = at(29)
    const after = at(44)
    const old = podsOf(before, 'web').find((p) => p.metadata.name === 'web-1')
    const fresh = podsOf(after, 'web').find((p) => p.metadata.name === 'web-1')
    expect(fresh?.metadata.uid).not.toBe(old?.metadata.uid)
    expect(STS.isRunningAndReady(fresh!)).toBe(true)
    expect(claimUid(after, 'www-web-1')).toBe(claimUid(before, 'www-web-1'))
  })

  it('a partition of 2 rolls web-2 only; partition 0 rolls the rest, highest first', () => {
    const partitioned = at(64)
    expect(Object.fromEntries(podsOf(partitioned, 'web').map((p) => [p.metadata.name, image(p)]))).toEqual({ 'web-0': 'nginx:1.27', 'web-1': 'nginx:1.27', 'web-2': 'nginx:1.28' })
    const rolled = at(94)
    expect(podsOf(rolled, 'web').map(image)).toEqual(['nginx:1.28', 'nginx:1.28', 'nginx:1.28'])
    const deletes = rolled.trace.flatMap((e) => (e._tag === 'Action' && e.source === 'StatefulSet default/web' && e.action._tag === 'Delete' && e.action.target.kind === 'Pod' && Date.parse(e.time) >= start.getTime() + 65_000 ? [e.action.target.name] : []))
    expect(deletes).toEqual(['web-1', 'web-0'])
    const set = ClusterView.lookup(rolled.view, 'StatefulSet', 'default', 'web')
    expect(set?.status?.currentRevision).toBe(set?.status?.updateRevision)
  })

  it('scale-down keeps the claims under Retain; under whenScaled: Delete it gives the claim to the pod, and the garbage collector removes it with the pod', () => {
    const before = at(94)
    const sim = at(130)
    expect(podsOf(sim, 'web').map((p) => p.metadata.name)).toEqual(['web-0'])
    for (const n of ['www-web-1', 'www-web-2']) {
      expect(claimUid(sim, n)).toBe(claimUid(before, n))
      expect(ClusterView.lookup(sim.view, 'PersistentVolumeClaim', 'default', n)?.metadata.ownerReferences).toBeUndefined()
    }
    expect(podsOf(sim, 'cache').map((p) => p.metadata.name)).toEqual(['cache-0'])
    const handed = sim.trace.find((e) => e._tag === 'Action' && e.source === 'StatefulSet default/cache' && e.action._tag === 'Update' && e.action.object.metadata.name === 'data-cache-1')
    expect(handed?._tag === 'Action' && handed.action._tag === 'Update' && handed.action.object.metadata.ownerReferences?.map((r) => `${r.kind}/${r.name}`)).toEqual(['Pod/cache-1'])
    expect(ClusterView.lookup(sim.view, 'PersistentVolumeClaim', 'default', 'data-cache-1')).toBeUndefined()
    expect(claimUid(sim, 'data-cache-0')).toBe(claimUid(before, 'data-cache-0'))
    expect(format([...Inv.sts1OrdinalsWithClaims(sim.view), ...Inv.sts6StatusAgreesWithPods(sim.view, sim.now), ...Inv.sts7FixpointIsQuiet(sim.view, sim.now)])).toBe('')
  })
})
