/**
 * The invariant catalogue: one entry per id, covering every exported check of every scope, each
 * entry wired to its own check — the same function for view and fixpoint checks, the same
 * violations as the scope's bundles for step and sync checks.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { Pod } from '../../src/api/pod.js'
import type { ReplicaSet as ReplicaSetObject } from '../../src/api/workloads.js'
import { Deployment as DeploymentArb, Job as JobArb, ReplicaSet as ReplicaSetArb } from '../../src/arbitraries/index.js'
import * as Simulation from '../../src/sim/index.js'
import { revisionAnnotation } from '../../src/controllers/deployment/annotations.js'
import * as ReplicaSetController from '../../src/controllers/replicaset/index.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as Invariants from '../../src/invariants/index.js'
import type { Violation } from '../../src/invariants/index.js'

const runs = Number(process.env['PROPERTY_RUNS'] ?? 50)

const { catalogue } = Invariants

/** Each scope's namespace and the prefix of its check names (`rs1…`) and ids (`RS-1`). */
const scopes = [
  { scope: 'core', namespace: Invariants.Core, name: 'core', id: 'CORE' },
  { scope: 'ReplicaSet', namespace: Invariants.ReplicaSet, name: 'rs', id: 'RS' },
  { scope: 'Deployment', namespace: Invariants.Deployment, name: 'dep', id: 'DEP' },
  { scope: 'StatefulSet', namespace: Invariants.StatefulSet, name: 'sts', id: 'STS' },
  { scope: 'DaemonSet', namespace: Invariants.DaemonSet, name: 'ds', id: 'DS' },
  { scope: 'Job', namespace: Invariants.Job, name: 'job', id: 'JOB' },
  { scope: 'CronJob', namespace: Invariants.CronJob, name: 'cj', id: 'CJ' },
  { scope: 'GarbageCollector', namespace: Invariants.GarbageCollector, name: 'gc', id: 'GC' },
  { scope: 'TtlAfterFinished', namespace: Invariants.TtlAfterFinished, name: 'ttl', id: 'TTL' },
  { scope: 'PodGc', namespace: Invariants.PodGc, name: 'podgc', id: 'PODGC' },
  { scope: 'NodeLifecycle', namespace: Invariants.NodeLifecycle, name: 'nl', id: 'NL' },
] as const

/** The exported checks of a namespace (`rs1OwnedPodsMatchReplicas`, …) with the id each names. */
const checksOf = (s: (typeof scopes)[number]): ReadonlyArray<{ readonly id: string; readonly fn: unknown }> =>
  Object.entries(s.namespace).flatMap(([name, fn]) => {
    const m = new RegExp(`^${s.name}(\\d+)[A-Z]`).exec(name)
    return m === null || typeof fn !== 'function' ? [] : [{ id: `${s.id}-${m[1]}`, fn }]
  })

const sorted = (vs: ReadonlyArray<Violation>): ReadonlyArray<string> => vs.map((v) => `${v.id}: ${v.message}`).sort()

/** `spec.replicas` Running, Ready pods controlled by each of `rss` (Ready since `since`). */
const readyPodsOf = (rss: ReadonlyArray<ReplicaSetObject>, since: string): ReadonlyArray<Pod> =>
  rss.flatMap((rs) =>
    Array.from({ length: rs.spec.replicas ?? 0 }, (_, i): Pod => {
      const name = `${rs.metadata.name ?? ''}-${i}`
      return {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name,
          namespace: rs.metadata.namespace ?? 'default',
          uid: `uid-${name}`,
          labels: rs.spec.template?.metadata?.labels ?? {},
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: rs.metadata.name ?? '', uid: rs.metadata.uid ?? '', controller: true }],
        },
        spec: { containers: [{ name: 'web', image: 'web' }], nodeName: 'node-0' },
        status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: since }] },
      }
    }),
  )

const entriesTaking = <T extends (typeof catalogue)[number]['takes']>(takes: T) =>
  catalogue.filter((e): e is Extract<(typeof catalogue)[number], { readonly takes: T }> => e.takes === takes)

describe('the invariant catalogue', () => {
  it('has unique ids, each prefixed by its scope', () => {
    const ids = catalogue.map((e) => e.id)
    expect(new Set(ids).size).toBe(ids.length)
    for (const e of catalogue) expect(e.id).toMatch(new RegExp(`^${scopes.find((s) => s.scope === e.scope)?.id}-\\d+$`))
  })

  it('covers every exported check of every scope, and lists no id without one', () => {
    for (const s of scopes) {
      const exported = new Set(checksOf(s).map((c) => c.id))
      const listed = new Set(catalogue.filter((e) => e.scope === s.scope).map((e) => e.id))
      expect([...listed].sort(), s.scope).toEqual([...exported].sort())
    }
  })

  it('uses the exported check itself for view and fixpoint invariants', () => {
    for (const e of catalogue) {
      if (e.takes !== 'view' && e.takes !== 'fixpoint') continue
      const s = scopes.find((x) => x.scope === e.scope)!
      expect(checksOf(s).filter((c) => c.fn === e.check).map((c) => c.id), e.id).toEqual([e.id])
    }
  })

  it('sync invariants report what ReplicaSet.checkSync reports, and nothing about other kinds', () => {
    const syncs = entriesTaking('sync')
    fc.assert(
      fc.property(
        ReplicaSetArb.world({ maxPodsPerCategory: 2 }),
        fc.oneof(fc.nat({ max: 8 }), fc.integer({ min: 501, max: 600 })),
        fc.boolean(),
        fc.boolean(),
        (w, replicas, stranger, twice) => {
          // Actions planned for another size (RS-7), by another owner (RS-2, RS-4), or sent twice (RS-3 when large).
          const planned = {
            ...w.owner,
            metadata: stranger ? { ...w.owner.metadata, uid: 'uid-planner' } : w.owner.metadata,
            spec: { ...w.owner.spec, replicas },
          } as typeof w.owner
          const once = ReplicaSetController.sync(planned, w.view, w.now)
          const actions = twice ? [...once, ...once] : once
          const listed = syncs.flatMap((e) => e.check(w.owner, w.view, actions).map((v) => ({ ...v, entry: e.id })))
          expect(listed.filter((v) => v.id !== v.entry)).toEqual([])
          expect(sorted(listed)).toEqual(sorted(Invariants.ReplicaSet.checkSync(w.owner, w.view, actions)))
          for (const p of w.pods) expect(syncs.flatMap((e) => e.check(p, w.view, actions))).toEqual([])
        },
      ),
      { numRuns: runs },
    )
  })

  it('step invariants report what the Deployment step checks report, the fault-free ones only without faults', () => {
    const steps = entriesTaking('step')
    const edited = DeploymentArb.syncWorld().chain((w) =>
      fc
        .record({
          sizes: fc.array(fc.oneof(fc.constant(0), fc.nat({ max: 9 })), { minLength: w.replicaSets.length, maxLength: w.replicaSets.length }),
          revisions: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: w.replicaSets.length, maxLength: w.replicaSets.length }),
          copy: fc.boolean(),
          faults: fc.boolean(),
        })
        .map(({ sizes, revisions, copy, faults }) => {
          // After the round: sizes and revisions moved, and maybe a copy of the first ReplicaSet created.
          const after = w.replicaSets.map(
            (rs, i): ReplicaSetObject => ({
              ...rs,
              metadata: { ...rs.metadata, annotations: { ...rs.metadata.annotations, [revisionAnnotation]: String(revisions[i]) } },
              spec: { ...rs.spec, replicas: sizes[i]! },
            }),
          )
          const first = w.replicaSets[0]
          const created = copy && first !== undefined ? [{ ...first, metadata: { ...first.metadata, name: `${first.metadata.name ?? ''}-copy`, uid: 'uid-copy' } }] : []
          // Pods follow the specs: as many Ready pods as each ReplicaSet wants, before and after.
          const since = new Date(w.now.getTime() - 3_600_000).toISOString()
          return {
            before: { view: ClusterView.fromObjects([w.deployment, ...w.replicaSets, ...readyPodsOf(w.replicaSets, since)]), now: w.now },
            after: {
              view: ClusterView.fromObjects([w.deployment, ...after, ...created, ...readyPodsOf([...after, ...created], since)]),
              now: new Date(w.now.getTime() + 1000),
            },
            faults,
          }
        }),
    )
    fc.assert(
      fc.property(edited, (step) => {
        const { before, after } = step
        const listed = steps.flatMap((e) => e.check(step).map((v) => ({ ...v, entry: e.id })))
        expect(listed.filter((v) => v.id !== v.entry)).toEqual([])
        const expected = [
          ...Invariants.Deployment.checkStep(before.view, after.view),
          ...(step.faults
            ? []
            : [
                ...Invariants.Deployment.dep1PodSurgeBound(before.view, after.view),
                ...Invariants.Deployment.dep2AvailabilityFloor(before.view, before.now, after.view, after.now),
              ]),
        ]
        expect(sorted(listed)).toEqual(sorted(expected))
      }),
      { numRuns: runs },
    )
  })

  it('trace invariants report what Job.job1CountedOnce reports over a run, and flag a run that counts twice', () => {
    const traces = entriesTaking('trace')
    expect(traces.map((e) => e.id)).toContain('JOB-1')
    fc.assert(
      fc.property(JobArb.world(), fc.nat({ max: 100 }), (w, seed) => {
        const end = Simulation.runUntilStable(Simulation.make({ objects: w.objects, start: w.now, seed }), { rounds: 300, seconds: 3600 })
        const listed = traces.flatMap((e) => e.check(w.view, end.trace))
        expect(sorted(listed)).toEqual(sorted(Invariants.Job.job1CountedOnce(w.view, end.trace)))
        expect(listed).toEqual([])
        // The same trace with every applied Job status write counting one more failure breaks it.
        const doubled = end.trace.map((t) =>
          t._tag === 'Action' && t.action._tag === 'UpdateStatus' && t.action.object.kind === 'Job' && t.result === 'applied'
            ? { ...t, action: { ...t.action, object: { ...t.action.object, status: { ...t.action.object.status, failed: (t.action.object.status?.failed ?? 0) + 1 } } } }
            : t,
        )
        const wrote = end.trace.some((t) => t._tag === 'Action' && t.action._tag === 'UpdateStatus' && t.action.object.kind === 'Job' && t.result === 'applied' && t.detail !== 'unchanged')
        if (wrote) expect(traces.flatMap((e) => e.check(w.view, doubled)).map((v) => v.id)).toContain('JOB-1')
      }),
      { numRuns: Math.max(5, Math.floor(runs / 5)) },
    )
  })
})
