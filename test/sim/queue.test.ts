/**
 * Work queues keep level-triggered semantics: the same worlds, seeds, commands and faults run
 * with the event-driven queue (in check mode: a key the queue did not wake must not write) and
 * with a full resync every round reach a fixpoint that satisfies every invariant, with the same
 * objects, generated names aside.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { Deployment as DeployArb, ReplicaSet as RsArb } from '../../src/arbitraries/index.js'
import { faultPlan, resolveFault, showPlan } from '../../src/arbitraries/faults.js'
import type { FaultPlan } from '../../src/arbitraries/faults.js'
import type { KubeObject } from '../../src/api/object.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import { del } from '../../src/core/Action.js'
import { clusterWide, perObject } from '../../src/core/Controller.js'
import * as ObjectRef from '../../src/core/ObjectRef.js'
import type { Fault, QueueMode, Simulation as Sim } from '../../src/sim/index.js'
import * as Simulation from '../../src/sim/index.js'
import * as Pods from '../../src/core/pods.js'
import * as Invariants from '../../src/invariants/index.js'
import { bareOptions, keepN, replicaSet, node, start } from './fixtures.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 25)
/** Heavy runs (`PROPERTY_RUNS=500`) take minutes: the timeout grows with them. */
const timeout = Math.max(60_000, runs * 4_000)

/** A step of a run: a fault to resolve against the run's own view, then some rounds. */
type Episode = { readonly fault: (view: ClusterView.ClusterView) => Fault | undefined; readonly rounds: number; readonly label: string }

const run = (objects: ReadonlyArray<KubeObject>, now: Date, seed: number, queue: QueueMode, episodes: ReadonlyArray<Episode>): Sim => {
  let sim = Simulation.runUntilStable(Simulation.make({ objects, start: now, seed, queue, checkWakes: queue === 'events' }), { rounds: 300 })
  for (const ep of episodes) {
    const f = ep.fault(sim.view)
    if (f !== undefined) sim = Simulation.inject(sim, f)
    for (let i = 0; i < ep.rounds; i++) sim = Simulation.step(sim)
  }
  // The faults stop: every node is back, so a fixpoint can be a finished one.
  for (const n of ClusterView.listOf(sim.view, 'Node')) sim = Simulation.inject(sim, { _tag: 'NodeUp', name: n.metadata.name ?? '' })
  // Some worlds never settle (a Deployment whose progress check requeues for ever, as upstream's
  // does), so both runs stop at the same simulated horizon and are compared there.
  return Simulation.runUntilStable(sim, { rounds: 20_000, seconds: 1800 })
}

/** Everything a run's objects say, generated names, uids, resourceVersions and times aside. */
const canonical = (sim: Sim): unknown => {
  const view = sim.view
  const nameOfUid = (uid: string): string => {
    const o = ClusterView.getByUid(view, uid)
    return o._tag === 'Some' ? `${o.value.kind}/${o.value.metadata.name ?? ''}` : 'gone'
  }
  const objects = ClusterView.toArray(view)
    .filter((o) => o.kind !== 'Pod')
    .map((o) => {
      const status = (o as { readonly status?: Readonly<Record<string, unknown>> }).status ?? {}
      const conditions = (status['conditions'] as ReadonlyArray<Readonly<Record<string, unknown>>> | undefined)?.map((c) => [c['type'], c['status'], c['reason']])
      return {
        key: `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`,
        labels: o.metadata.labels ?? {},
        annotations: o.metadata.annotations ?? {},
        owners: (o.metadata.ownerReferences ?? []).map((r) => r.name),
        spec: (o as { readonly spec?: unknown }).spec,
        status: { ...status, conditions },
      }
    })
    .sort((a, b) => (a.key < b.key ? -1 : 1))
  const pods = new Map<string, number>()
  for (const p of ClusterView.listOf(view, 'Pod')) {
    const owner = p.metadata.ownerReferences?.find((r) => r.controller === true)
    const k = `${owner === undefined ? 'none' : nameOfUid(owner.uid)} ${p.status?.phase ?? 'Pending'} ready=${Pods.isReady(p)} deleting=${p.metadata.deletionTimestamp !== undefined}`
    pods.set(k, (pods.get(k) ?? 0) + 1)
  }
  return { objects, pods: [...pods].sort((a, b) => (a[0] < b[0] ? -1 : 1)) }
}

const same = (objects: ReadonlyArray<KubeObject>, now: Date, seed: number, episodes: ReadonlyArray<Episode>): void => {
  const events = run(objects, now, seed, 'events', episodes)
  const resync = run(objects, now, seed, 'resync', episodes)
  const log = episodes.map((e) => e.label).join('\n  ')
  expect(events.stopped, `episodes:\n  ${log}`).toBe(resync.stopped)
  // Clocks may end apart by a client's token wait (pacing is on), so they are not compared.
  if (events.stopped === 'fixpoint') {
    for (const sim of [events, resync]) {
      const vs = Invariants.catalogue.flatMap((i) => (i.takes === 'fixpoint' || i.takes === 'view' ? i.check(sim.view, sim.now) : []))
      expect(vs, `episodes:\n  ${log}`).toEqual([])
    }
  }
  expect(canonical(events), `episodes:\n  ${log}`).toEqual(canonical(resync))
}

const faultEpisode = (plan: FaultPlan, rounds: number): Episode => ({
  fault: (view) => resolveFault(plan, view),
  rounds,
  label: `${showPlan(plan)} +${rounds} rounds`,
})

describe('work queues versus a full resync every round', () => {
  it('ReplicaSet and ReplicationController worlds under faults reach the same fixpoint', () => {
    fc.assert(
      fc.property(
        RsArb.world({ maxReplicas: 4, maxPodsPerCategory: 3 }),
        fc.array(fc.record({ plan: faultPlan({ maxReplicas: 4 }), rounds: fc.nat({ max: 3 }) }), { maxLength: 6 }),
        fc.nat({ max: 1000 }),
        (w, eps, seed) => same(w.objects, w.now, seed, eps.map((e) => faultEpisode(e.plan, e.rounds))),
      ),
      { numRuns: runs },
    )
  }, timeout)

  it('Deployment worlds under user commands and faults reach the same fixpoint', () => {
    fc.assert(
      fc.property(
        DeployArb.world({ maxDeployments: 2, maxReplicas: 5, maxNodes: 2 }),
        fc.array(
          fc.oneof(
            fc.record({ cmd: DeployArb.command({ maxReplicas: 5 }), rounds: fc.nat({ max: 4 }) }),
            fc.record({ plan: faultPlan({ maxReplicas: 5 }), rounds: fc.nat({ max: 3 }) }),
          ),
          { maxLength: 6 },
        ),
        fc.nat({ max: 1000 }),
        (w, eps, seed) =>
          same(
            w.objects,
            w.now,
            seed,
            eps.map((e): Episode =>
              'cmd' in e
                ? { fault: () => DeployArb.commandFault(e.cmd, w.deployments), rounds: e.rounds, label: `${DeployArb.showCommand(e.cmd)} +${e.rounds} rounds` }
                : faultEpisode(e.plan, e.rounds),
            ),
          ),
      ),
      { numRuns: runs },
    )
  }, timeout)
})

describe('check mode', () => {
  it('throws when a controller writes for a key nothing woke (a missing wake declaration)', () => {
    // keepN reads the pods it controls, but this declaration only listens to its own changes.
    const deaf = perObject('ReplicaSet', 'ReplicaSet', keepN)
    // Its pods' starting and becoming ready change what it would write, but nothing wakes it.
    const run = () => Simulation.runUntilStable(Simulation.make(bareOptions([node('n1'), replicaSet('web', 2)], { controllers: { ReplicaSet: deaf }, checkWakes: true })))
    expect(run).toThrow(/missed wake: controller ReplicaSet would write for ReplicaSet\/default\/web/)
    // Without check mode the same run silently stops short: the status never counts the ready pods.
    const quiet = Simulation.runUntilStable(Simulation.make(bareOptions([node('n1'), replicaSet('web', 2)], { controllers: { ReplicaSet: deaf } })))
    expect(ClusterView.lookup(quiet.view, 'ReplicaSet', 'default', 'web')?.status?.readyReplicas).not.toBe(2)
  })

  it('with the pod wake declared, the same run passes and heals the deleted pod', () => {
    const sim = Simulation.runUntilStable(Simulation.make(bareOptions([node('n1'), replicaSet('web', 2)], { controllers: { ReplicaSet: keepN }, checkWakes: true })))
    const name = ClusterView.listOf(sim.view, 'Pod')[0]?.metadata.name ?? ''
    const healed = Simulation.runUntilStable(Simulation.inject(sim, { _tag: 'ExternalDelete', target: { apiVersion: 'v1', kind: 'Pod', namespace: 'default', name } }))
    expect(healed.stopped).toBe('fixpoint')
    expect(ClusterView.listOf(healed.view, 'Pod').filter(Pods.isActive)).toHaveLength(2)
  })
})

describe('quiet is cheap', () => {
  it('a settled cluster syncs nothing: a round with an empty queue reconciles no object', () => {
    let calls = 0
    const counting = perObject('ReplicaSet', 'ReplicaSet', (rs: Parameters<typeof keepN>[0], view, now) => {
      calls += 1
      return keepN(rs, view, now)
    })
    const sim = Simulation.runUntilStable(Simulation.make({ ...bareOptions([node('n1'), replicaSet('a', 2), replicaSet('b', 2)]), controllers: { ReplicaSet: counting } }))
    expect(sim.stopped).toBe('fixpoint')
    calls = 0
    Simulation.step(sim)
    expect(calls).toBe(0)
    Simulation.step(Simulation.make({ ...bareOptions([node('n1'), replicaSet('a', 2), replicaSet('b', 2)]), start, queue: 'resync', controllers: { ReplicaSet: counting } }))
    expect(calls).toBe(2)
  })
})

describe('controller-manager pacing (QPS 20, burst 30 by default)', () => {
  const creates = (sim: Sim): ReadonlyArray<number> =>
    sim.trace.flatMap((t) => (t._tag === 'Action' && t.action._tag === 'Create' && t.result === 'applied' ? [Date.parse(t.time)] : []))

  it('a ReplicaSet of 200 gets its pods over ~(200 − 30) / 20 s, not at once; instant API creates them all at the start', () => {
    const objects = [node('n1'), node('n2'), replicaSet('web', 200)]
    const paced = Simulation.runUntilStable(Simulation.make({ ...bareOptions(objects), defaultControllers: true }))
    const times = creates(paced)
    expect(times).toHaveLength(200)
    const spanS = ((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000
    expect(spanS).toBeGreaterThanOrEqual((200 - 30) / 20 - 1)
    expect(spanS).toBeLessThanOrEqual((200 - 30) / 20 + 5)
    const instant = Simulation.runUntilStable(Simulation.make({ ...bareOptions(objects), defaultControllers: true, pacing: false }))
    const t2 = creates(instant)
    expect(t2).toHaveLength(200)
    expect(new Set(t2).size).toBe(1)
  })
})

describe('a cluster-wide controller', () => {
  // A toy pod GC: force-deletes every terminating pod (those evicted from a lost node stay so); woken by any pod change, synced once per wake.
  let syncs = 0
  const podGc = clusterWide(
    'toy-podgc',
    (view) => {
      syncs += 1
      return ClusterView.listOf(view, 'Pod')
        .filter((p) => p.metadata.deletionTimestamp !== undefined)
        .map((p) => del(ObjectRef.of(p), { preconditions: { uid: p.metadata.uid ?? '' }, gracePeriodSeconds: 0 }))
    },
    ['Pod'],
  )

  it('runs beside the built-in controllers, woken by the changes it watches, and passes check mode', () => {
    const options = { ...bareOptions([node('n1'), node('n2'), replicaSet('web', 3)]), defaultControllers: true, checkWakes: true, controllers: { 'toy-podgc': podGc } }
    const sim = Simulation.runUntilStable(Simulation.make(options))
    expect(sim.stopped).toBe('fixpoint')
    syncs = 0
    Simulation.step(sim)
    expect(syncs).toBe(0)
    const down = Simulation.runUntilStable(Simulation.inject(sim, { _tag: 'NodeDown', name: 'n1' }))
    expect(syncs).toBeGreaterThan(0)
    expect(ClusterView.listOf(down.view, 'Pod').filter((p) => p.metadata.deletionTimestamp !== undefined)).toEqual([])
    expect(ClusterView.listOf(down.view, 'Pod')).toHaveLength(3)
    expect(ClusterView.listOf(down.view, 'Pod').filter(Pods.isActive)).toHaveLength(3)
    expect(down.trace.some((t) => t._tag === 'Action' && t.source === 'toy-podgc' && t.action._tag === 'Delete')).toBe(true)
  })
})
