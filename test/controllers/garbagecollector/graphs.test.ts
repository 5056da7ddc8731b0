/**
 * The garbage collector over arbitrary ownership graphs: claims in two namespaces and nodes
 * (cluster-scoped) owning each other — several owners, references across namespaces (dangling,
 * as upstream resolves them), cluster-scoped dependents of namespaced owners (ignored), cycles,
 * blocking and non-blocking references — and several objects deleted at once, each with its own
 * policy. Every round keeps GC-2 and GC-3, every garbage collector pass GC-4, and the fixpoint
 * GC-1; every object deleted is gone (but those deleted in the foreground that wait, as upstream's
 * do, for an ignored dependent or for another foreground deletion on a cycle with them), and
 * objects nobody owned and nobody deleted stay.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { OwnerReference } from '../../../src/api/meta.js'
import type { Node, PersistentVolumeClaim } from '../../../src/api/node.js'
import type { PropagationPolicy } from '../../../src/api/strategy.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import type { Violation } from '../../../src/invariants/index.js'
import * as Simulation from '../../../src/sim/index.js'
import type { QueueMode } from '../../../src/sim/index.js'
import * as H from '../../harness.js'
import { start } from '../../sim/fixtures.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 60)

/** Object i: a claim in namespace `a` or `b`, or a node. */
type Place = 'a' | 'b' | 'node'

interface Graph {
  readonly places: ReadonlyArray<Place>
  readonly edges: ReadonlyArray<{ readonly from: number; readonly to: number; readonly block: boolean }>
  readonly deletions: ReadonlyArray<{ readonly target: number; readonly policy: PropagationPolicy }>
  readonly queue: QueueMode
}

const graph: fc.Arbitrary<Graph> = fc
  .array(fc.constantFrom<Place>('a', 'a', 'b', 'node'), { minLength: 2, maxLength: 8 })
  .chain((places) => {
    const n = places.length
    return fc.record({
      places: fc.constant(places),
      edges: fc.uniqueArray(
        fc.record({ from: fc.nat(n - 1), skip: fc.nat(n - 2), block: fc.boolean() }).map(({ from, skip, block }) => ({ from, to: (from + 1 + skip) % n, block })),
        { maxLength: 2 * n, selector: (e) => `${e.from}-${e.to}` },
      ),
      deletions: fc.uniqueArray(fc.record({ target: fc.nat(n - 1), policy: fc.constantFrom<PropagationPolicy>('Background', 'Foreground', 'Orphan') }), {
        minLength: 1,
        maxLength: 3,
        selector: (d) => d.target,
      }),
      queue: fc.constantFrom<QueueMode>('events', 'resync'),
    })
  })

const nameOf = (i: number): string => `o${i}`
const uidOf = (i: number): string => `uid-o${i}`
const kindOf = (p: Place): 'Node' | 'PersistentVolumeClaim' => (p === 'node' ? 'Node' : 'PersistentVolumeClaim')

const objectsOf = (g: Graph): ReadonlyArray<PersistentVolumeClaim | Node> =>
  g.places.map((place, i) => {
    const refs: ReadonlyArray<OwnerReference> = g.edges
      .filter((e) => e.from === i)
      .map((e) => ({ apiVersion: 'v1', kind: kindOf(g.places[e.to] ?? 'a'), name: nameOf(e.to), uid: uidOf(e.to), ...(e.block ? { blockOwnerDeletion: true } : {}) }))
    const metadata = { name: nameOf(i), uid: uidOf(i), ...(refs.length === 0 ? {} : { ownerReferences: refs }) }
    return place === 'node'
      ? ({ apiVersion: 'v1', kind: 'Node', metadata, spec: { unschedulable: true, taints: [{ key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' }] } } as Node)
      : ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { ...metadata, namespace: place }, spec: { volumeName: `pv-${i}` }, status: { phase: 'Bound' } } as PersistentVolumeClaim)
  })

const live = (view: ClusterView.ClusterView): ReadonlySet<string> =>
  new Set([...ClusterView.listOf(view, 'PersistentVolumeClaim'), ...ClusterView.listOf(view, 'Node')].map((o) => o.metadata.uid ?? ''))

describe('arbitrary ownership graphs, several deletions with mixed policies', () => {
  it('GC-2 and GC-3 every round, GC-4 every pass, GC-1 at the fixpoint; the deleted objects go, the unowned untouched ones stay', () => {
    fc.assert(
      fc.property(graph, (g) => {
        const seen: Array<Violation> = []
        const controllers = H.passChecked(seen, ['garbage-collector'])
        const made = Simulation.make({ objects: objectsOf(g), start, pacing: false, queue: g.queue, controllers })
        const settled = Simulation.runUntilStable(made, { rounds: 200 })
        expect(settled.stopped).toBe('fixpoint')
        const deleted = g.deletions.reduce(
          (sim, d) =>
            Simulation.inject(sim, {
              _tag: 'ExternalDelete',
              target: { apiVersion: 'v1', kind: kindOf(g.places[d.target] ?? 'a'), ...(g.places[d.target] === 'node' ? {} : { namespace: g.places[d.target] }), name: nameOf(d.target) },
              propagationPolicy: d.policy,
            }),
          settled,
        )
        // All deletions are in before the first round: GC-2's fault-free part holds over the rounds.
        const run = H.rounds(deleted, 400, { round: H.jump(60), check: H.stepChecks(['GarbageCollector'], false) })
        H.expectFixpoint({ ...run, violations: [...run.violations, ...seen] }, H.atFixpoint(['GarbageCollector']))
        const left = live(run.sim.view)
        // A node naming a namespaced owner is ignored for good: whatever waits for it, directly or not, may wait for ever.
        const ignored = (i: number): boolean => g.places[i] === 'node' && g.edges.some((e) => e.from === i && g.places[e.to] !== 'node')
        const waitsForIgnored = (i: number, seen: ReadonlySet<number> = new Set()): boolean =>
          g.edges.some((e) => e.to === i && !seen.has(e.from) && (ignored(e.from) || waitsForIgnored(e.from, new Set([...seen, i]))))
        // Objects on one cycle, both deleted in the foreground by the user, wait for each other for ever, as upstream's do.
        const reaches = (from: number, to: number, seen: ReadonlySet<number> = new Set()): boolean =>
          g.edges.some((e) => e.from === from && !seen.has(e.to) && (e.to === to || reaches(e.to, to, new Set([...seen, from]))))
        const foreground = g.deletions.filter((d) => d.policy === 'Foreground').map((d) => d.target)
        const deadlocked = (i: number): boolean => foreground.some((j) => j !== i && reaches(i, j) && reaches(j, i))
        for (const d of g.deletions) {
          const mayWait = d.policy === 'Foreground' && (waitsForIgnored(d.target) || deadlocked(d.target))
          if (!mayWait) expect(left.has(uidOf(d.target)), `o${d.target} deleted ${d.policy}`).toBe(false)
        }
        g.places.forEach((_p, i) => {
          const untouched = !g.edges.some((e) => e.from === i) && !g.deletions.some((d) => d.target === i)
          if (untouched) expect(left.has(uidOf(i)), `o${i} had no owner and was not deleted`).toBe(true)
        })
      }),
      { numRuns: runs },
    )
  }, 300_000)
})
