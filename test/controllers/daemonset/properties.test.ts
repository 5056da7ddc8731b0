/**
 * Single-sync properties of the DaemonSet controller over arbitrary worlds (fleets with labels,
 * taints of every effect and cordons; DaemonSets with selectors, affinity, tolerations and every
 * strategy; pods in every state): the generated objects decode, and every sync keeps DS-4, DS-7,
 * DS-8 and the per-sync rules D1–D12 of spec §2.3 — whatever the world.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decode } from '../../../src/api/decode.js'
import type { Pod } from '../../../src/api/pod.js'
import { DaemonSet as Arb } from '../../../src/arbitraries/index.js'
import * as DS from '../../../src/controllers/daemonset/index.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { format } from '../../../src/invariants/Violation.js'
import * as Inv from '../../../src/invariants/daemonset.js'
import { deepFreeze } from '../../helpers/freeze.js'
import { daemonSetHash } from '../../../src/core/history.js'
import * as Pods from '../../../src/core/pods.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 150)

const frozen = (w: Arb.World): ClusterView.ClusterView => ClusterView.fromObjects(w.objects.map(deepFreeze))
const podDeletes = (as: ReadonlyArray<Action>): ReadonlyArray<string> => as.flatMap((a) => (a._tag === 'Delete' && a.target.kind === 'Pod' ? [a.target.name] : []))
const podCreates = (as: ReadonlyArray<Action>): ReadonlyArray<Pod> => as.flatMap((a) => (a._tag === 'Create' && a.object.kind === 'Pod' ? [a.object] : []))

describe('DaemonSet arbitraries', () => {
  it('every generated object decodes (defaults and validation of the API server)', () => {
    fc.assert(
      fc.property(Arb.world({ maxNodes: 3 }), fc.array(Arb.changePlan(), { maxLength: 3 }), (w, changes) => {
        for (const o of w.objects) {
          const d = decode(o)
          if (E.isLeft(d)) expect.fail(`${o.kind} ${o.metadata.name ?? ''}: ${d.left.message}`)
        }
        for (const c of changes) if (c._tag === 'AddNode') expect(E.isRight(decode(c.node))).toBe(true)
      }),
      { numRuns: Math.max(20, Math.floor(runs / 3)) },
    )
  })

  it('a DaemonSet decodes unchanged: defaults are already applied', () => {
    fc.assert(
      fc.property(Arb.daemonSet(), (d) => {
        const r = decode(d)
        if (E.isLeft(r)) expect.fail(r.left.message)
        expect(r.right).toEqual(d)
      }),
      { numRuns: Math.max(20, Math.floor(runs / 3)) },
    )
  })
})

describe('single-sync safety over arbitrary worlds', () => {
  it('DS-4, DS-7, DS-8 hold for every sync, in both models', () => {
    fc.assert(
      fc.property(Arb.world({ maxNodes: 5 }), fc.boolean(), (w, sameSync) => {
        const view = frozen(w)
        const out = DS.reconcileWith({ rollingUpdate: sameSync ? 'sameSync' : 'production' })(w.ds, view, w.now)
        expect(Inv.checkSync(w.ds, view, out), format(Inv.checkSync(w.ds, view, out))).toEqual([])
      }),
      { numRuns: runs },
    )
  })

  it('D1/D2: creates only on nodes that should run a pod; nodes that may not keep one lose every live pod and get none', () => {
    fc.assert(
      fc.property(Arb.world({ maxNodes: 5 }), (w) => {
        const view = frozen(w)
        const out = DS.reconcile(w.ds, view, w.now)
        const places = new Map(DS.placements(w.ds, w.nodes).map((p) => [p.name, p]))
        for (const p of podCreates(out)) expect(places.get(DS.targetNode(p) ?? '')?.shouldRun).toBe(true)
        const deleted = new Set(podDeletes(out))
        const claimed = new Set(
          w.pods.filter((p) => p.metadata.ownerReferences?.[0]?.uid === w.ds.metadata.uid || p.metadata.ownerReferences === undefined).map((p) => p.metadata.name),
        )
        for (const p of w.pods) {
          const place = places.get(DS.targetNode(p) ?? '')
          if (place === undefined || place.shouldContinueRunning || !claimed.has(p.metadata.name)) continue
          if (p.metadata.deletionTimestamp === undefined && (p.metadata.ownerReferences !== undefined || w.ds.metadata.deletionTimestamp === undefined)) {
            expect(deleted.has(p.metadata.name ?? ''), `${p.metadata.name} on ${DS.targetNode(p)}`).toBe(true)
          }
        }
      }),
      { numRuns: runs },
    )
  })

  it('D4 (non-surge): after placement each node keeps at most one live non-failed pod, the oldest', () => {
    fc.assert(
      fc.property(Arb.world({ maxNodes: 4 }), (w) => {
        fc.pre(!DS.allowsSurge(w.ds))
        const view = frozen(w)
        const out = DS.reconcile(w.ds, view, w.now)
        const deleted = new Set(podDeletes(out))
        const mine = w.pods.filter((p) => p.metadata.ownerReferences?.[0]?.uid === w.ds.metadata.uid || p.metadata.ownerReferences === undefined)
        for (const [node, pods] of DS.podsByNode(mine, false)) {
          if (!DS.placements(w.ds, w.nodes).some((p) => p.name === node && p.shouldContinueRunning)) continue
          const left = pods.filter((p) => p.metadata.deletionTimestamp === undefined && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded' && !deleted.has(p.metadata.name ?? ''))
          expect(left.length, node).toBeLessThanOrEqual(1)
          const live = pods.filter((p) => p.metadata.deletionTimestamp === undefined && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')
          if (left.length === 1 && podCreates(out).length === 0) expect(left[0]).toBe([...live].sort(DS.oldestFirst)[0])
        }
      }),
      { numRuns: runs },
    )
  })

  it('D6/D7: the rolling update deletes every unavailable outdated-only pod, at most maxUnavailable available ones (no surge), and surges at most maxSurge beside available ones', () => {
    fc.assert(
      fc.property(Arb.world({ maxNodes: 5 }), (w) => {
        fc.pre(DS.isRollingUpdate(w.ds))
        const nowMs = w.now.getTime()
        const hash = daemonSetHash(w.ds.spec.template, w.ds.status?.collisionCount)
        const mine = w.pods.filter((p) => p.metadata.ownerReferences?.[0]?.uid === w.ds.metadata.uid || p.metadata.ownerReferences === undefined)
        const places = DS.placements(w.ds, w.nodes)
        const pods = DS.podsByNode(mine, false)
        const plan = DS.rollingUpdate({ ds: w.ds, placements: places, pods, hash, nowMs })
        const b = DS.budgets(w.ds, DS.desiredNumber(places))
        fc.pre(E.isRight(plan) && E.isRight(b))
        if (E.isLeft(plan) || E.isLeft(b)) return
        const minReady = w.ds.spec.minReadySeconds ?? 0
        const available = (p: Pod) => Pods.isAvailable(p, minReady, nowMs)
        const gen = DS.templateGeneration(w.ds)
        const deleted = new Set(plan.right.deletes)
        const shouldRun = new Map(places.map((p) => [p.name, p.shouldRun]))
        if (b.right.maxSurge === 0) {
          expect(plan.right.creates).toEqual([])
          expect(plan.right.deletes.filter(available).length).toBeLessThanOrEqual(b.right.maxUnavailable)
          for (const list of pods.values()) {
            const split = DS.findUpdatedPodsOnNode(list, hash, gen)
            if (split?.updated === undefined && split?.outdated !== undefined && !available(split.outdated)) expect(deleted.has(split.outdated)).toBe(true)
          }
          for (const p of plan.right.deletes) expect(DS.isPodUpdated(p, hash, gen)).toBe(false)
        } else {
          let besideAvailable = 0
          for (const node of plan.right.creates) {
            const split = DS.findUpdatedPodsOnNode(pods.get(node) ?? [], hash, gen)
            expect(split?.outdated).toBeDefined()
            expect(split?.updated).toBeUndefined()
            expect(shouldRun.get(node)).toBe(true)
            if (split?.outdated !== undefined && available(split.outdated)) besideAvailable++
          }
          expect(besideAvailable).toBeLessThanOrEqual(b.right.maxSurge)
          for (const p of plan.right.deletes) {
            const split = DS.findUpdatedPodsOnNode(pods.get(DS.targetNode(p) ?? '') ?? [], hash, gen)
            const ok = (split?.updated !== undefined && available(split.updated)) || shouldRun.get(DS.targetNode(p) ?? '') === false
            expect(ok, p.metadata.name).toBe(true)
          }
        }
      }),
      { numRuns: runs },
    )
  })

  it('D9: OnDelete never deletes a live, running pod on a node that should run one unless it is a duplicate', () => {
    fc.assert(
      fc.property(Arb.world({ maxNodes: 4 }), (w) => {
        fc.pre(!DS.isRollingUpdate(w.ds))
        const view = frozen(w)
        const out = DS.reconcile(w.ds, view, w.now)
        const deleted = new Set(podDeletes(out))
        const places = new Map(DS.placements(w.ds, w.nodes).map((p) => [p.name, p]))
        const mine = w.pods.filter((p) => p.metadata.ownerReferences?.[0]?.uid === w.ds.metadata.uid || p.metadata.ownerReferences === undefined)
        for (const [node, pods] of DS.podsByNode(mine, false)) {
          const live = pods.filter((p) => p.metadata.deletionTimestamp === undefined && p.status?.phase !== 'Failed' && p.status?.phase !== 'Succeeded')
          if (places.get(node)?.shouldContinueRunning !== true || live.length !== 1) continue
          expect(deleted.has(live[0]?.metadata.name ?? '')).toBe(false)
        }
      }),
      { numRuns: runs },
    )
  })

  it('D11: the status written is consistent and desired = nodes that should run a pod', () => {
    fc.assert(
      fc.property(Arb.world({ maxNodes: 5 }), (w) => {
        const out = DS.reconcile(w.ds, frozen(w), w.now)
        const s = out.find((a) => a._tag === 'UpdateStatus')
        if (s === undefined || s._tag !== 'UpdateStatus' || s.object.kind !== 'DaemonSet') return
        expect(Inv.ds5StatusCountsOf(s.object.status)).toEqual([])
        expect(s.object.status?.desiredNumberScheduled).toBe(DS.placements(w.ds, w.nodes).filter((p) => p.shouldRun).length)
      }),
      { numRuns: runs },
    )
  })

  it('same inputs, same outputs; the order of objects in the view does not matter', () => {
    fc.assert(
      fc.property(Arb.world({ maxNodes: 4 }), (w) => {
        const a = DS.reconcile(w.ds, ClusterView.fromObjects(w.objects), w.now)
        const b = DS.reconcile(w.ds, ClusterView.fromObjects([...w.objects].reverse()), w.now)
        expect(JSON.stringify(b)).toBe(JSON.stringify(a))
      }),
      { numRuns: runs },
    )
  })
})
