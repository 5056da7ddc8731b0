/**
 * Single-reconcile properties of the ReplicaSet / ReplicationController controller over
 * arbitrary worlds (an owner and the pods around it): RS-2, RS-3, RS-4, RS-7 on every sync,
 * RS-6 on the computed status, and RS-5 / RS-1 after applying syncs to a linearizable store.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../../src/api/object.js'
import { ReplicaSet as Arb } from '../../../src/arbitraries/index.js'
import { defaultNow, labels } from '../../../src/arbitraries/meta.js'
import { pod } from '../../../src/arbitraries/pod.js'
import * as Pods from '../../../src/core/pods.js'
import { isSuperset } from '../../../src/core/selector.js'
import { decode } from '../../../src/api/decode.js'
import { applyDefaults } from '../../../src/api/defaults.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as Time from '../../../src/core/time.js'
import * as ReplicaSet from '../../../src/controllers/replicaset/index.js'
import * as Inv from '../../../src/invariants/replicaset.js'
import { format } from '../../../src/invariants/Violation.js'
import { deepFreeze } from '../../helpers/freeze.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 100)

const frozen = (w: Arb.World): Arb.World => {
  deepFreeze(w.objects)
  return w
}

/**
 * Applies actions as a linearizable API server would, enough for these properties: creates get
 * a name and uid, updates replace, deletes of pods mark them terminating.
 */
const apply = (view: ClusterView.ClusterView, actions: ReadonlyArray<Action>, now: Date, seq: { n: number }): ClusterView.ClusterView =>
  ClusterView.withChanges(view, (c) => {
    let current = view
    const put = (o: KubeObject) => {
      c.put(o)
      current = ClusterView.put(current, o)
    }
    for (const a of actions) {
      switch (a._tag) {
        case 'Create': {
          const n = seq.n++
          const name = `${a.object.metadata.generateName ?? 'x-'}z${n}`
          put({ ...a.object, metadata: { ...a.object.metadata, name, uid: `created-${n}`, resourceVersion: '1', creationTimestamp: Time.formatDate(now) } } as KubeObject)
          break
        }
        case 'Update':
        case 'UpdateStatus':
          put(a.object)
          break
        case 'Delete': {
          const o = ClusterView.lookup(current, 'Pod', a.target.namespace, a.target.name)
          if (o !== undefined && o.metadata.deletionTimestamp === undefined) {
            put({ ...o, metadata: { ...o.metadata, deletionTimestamp: Time.formatDate(now), deletionGracePeriodSeconds: 30 } })
          }
          break
        }
        default:
          break
      }
    }
  })

/** One round: every ReplicaSet and ReplicationController syncs against the then-current view. */
const round = (view: ClusterView.ClusterView, now: Date, seq: { n: number }): readonly [ClusterView.ClusterView, ReadonlyArray<Action>] => {
  let v = view
  const all: Array<Action> = []
  for (const o of Inv.replicaOwners(view)) {
    const current = ClusterView.lookup(v, o.kind, o.metadata.namespace, o.metadata.name ?? '') ?? o
    const actions = ReplicaSet.sync(current, v, now)
    all.push(...actions)
    v = apply(v, actions, now, seq)
  }
  return [v, all]
}

describe('ReplicaSet single-sync properties', () => {
  it('RS-2, RS-3, RS-4, RS-7: every sync leaves foreign pods alone, respects the burst limit, builds pods from the template and scales by the difference', () => {
    fc.assert(
      fc.property(Arb.world().map(frozen), (w) => {
        const actions = ReplicaSet.sync(w.owner, w.view, w.now)
        const vs = Inv.checkSync(w.owner, w.view, actions)
        expect(vs, format(vs)).toEqual([])
      }),
      { numRuns: runs },
    )
  })

  it('RS-3: the burst limit holds for large differences', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1500 }), Arb.world({ maxPodsPerCategory: 2 }), (replicas, w) => {
        const owner = { ...w.owner, spec: { ...w.owner.spec, replicas } } as typeof w.owner
        const actions = ReplicaSet.sync(owner, w.view, w.now)
        const vs = [...Inv.rs3BurstLimit(owner, actions), ...Inv.rs7ScalesByDifference(owner, w.view, actions)]
        expect(vs, format(vs)).toEqual([])
      }),
      { numRuns: Math.max(10, Math.floor(runs / 10)) },
    )
  })

  it('RS-6: the computed status has consistent counts, and counts exactly the claimed active pods', () => {
    fc.assert(
      fc.property(Arb.world().map(frozen), (w) => {
        const plan = ReplicaSet.plan(ReplicaSet.ownerSpec(w.owner), w.view, w.now)
        if (plan === undefined) return
        expect(Inv.rs6StatusCountsOf(plan.status)).toEqual([])
        expect(plan.status.replicas).toBe(plan.active.length)
        if (w.owner.kind === 'ReplicationController') expect(plan.status.terminatingReplicas).toBe(w.owner.status?.terminatingReplicas)
        else expect(plan.status.terminatingReplicas).toBe(plan.terminating.length)
      }),
      { numRuns: runs },
    )
  })

  it('countPods agrees pod by pod with Pods.isReady, Pods.isAvailable and the template-label superset test', () => {
    fc.assert(
      fc.property(
        fc.array(pod({ now: defaultNow, maxAgeSeconds: 120 }), { maxLength: 8 }),
        labels({ maxKeys: 2 }),
        fc.nat({ max: 120 }),
        fc.integer({ min: -60_000, max: 60_000 }),
        (pods, templateLabels, minReady, skewMs) => {
          const nowMs = defaultNow.getTime() + skewMs
          const c = ReplicaSet.countPods(pods, templateLabels, minReady, nowMs)
          expect(c).toEqual({
            replicas: pods.length,
            fullyLabeledReplicas: pods.filter((p) => isSuperset(p.metadata.labels, templateLabels)).length,
            readyReplicas: pods.filter(Pods.isReady).length,
            availableReplicas: pods.filter((p) => Pods.isAvailable(p, minReady, nowMs)).length,
          })
        },
      ),
      { numRuns: runs },
    )
  })

  it('RS-5 idempotence: after applying a sync, the next creates, deletes, adopts and releases nothing; after one more, nothing is written (RS-1 holds)', () => {
    fc.assert(
      fc.property(Arb.world().map(frozen), (w) => {
        const seq = { n: 0 }
        const [v1] = round(w.view, w.now, seq)
        const [v2, second] = round(v1, w.now, seq)
        const podWrites = second.filter((a) => a._tag === 'Create' || a._tag === 'Delete' || a._tag === 'Update')
        expect(podWrites.map((a) => a._tag)).toEqual([])
        const [v3] = round(v2, w.now, seq)
        const vs = [...Inv.rs5FixpointIsQuiet(v3, w.now), ...Inv.rs1OwnedPodsMatchReplicas(v3), ...Inv.rs6StatusCountsConsistent(v3)]
        expect(vs, format(vs)).toEqual([])
      }),
      { numRuns: runs },
    )
  })

  it('is deterministic and never mutates its input', () => {
    fc.assert(
      fc.property(Arb.world().map(frozen), (w) => {
        expect(ReplicaSet.sync(w.owner, w.view, w.now)).toEqual(ReplicaSet.sync(w.owner, w.view, w.now))
      }),
      { numRuns: Math.max(10, Math.floor(runs / 4)) },
    )
  })
})

describe('ReplicaSet arbitraries', () => {
  it('generate objects the decoder accepts unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(Arb.replicaSet(), Arb.replicationController()), (o) => {
        const d = decode(o)
        expect(d._tag, JSON.stringify(d)).toBe('Right')
        expect(d._tag === 'Right' && d.right).toEqual(o)
        expect(applyDefaults(o)).toEqual(o)
      }),
      { numRuns: Math.max(10, Math.floor(runs / 4)) },
    )
  })

  it('generate worlds whose every object decodes and whose selectors match the template', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        for (const o of w.objects) {
          expect(decode(o)._tag, `${o.kind} ${o.metadata.name}`).toBe('Right')
          expect(applyDefaults(o), `${o.kind} ${o.metadata.name}`).toEqual(o)
        }
        const spec = ReplicaSet.ownerSpec(w.owner)
        expect(spec.matches?.(spec.template?.metadata?.labels)).toBe(true)
      }),
      { numRuns: Math.max(10, Math.floor(runs / 4)) },
    )
  })
})
