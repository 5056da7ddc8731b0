/**
 * Single-reconcile properties of the Deployment controller over arbitrary Deployments and the
 * ReplicaSets they control (spec §4 items 1–22): fencepost arithmetic, proportional-scaling
 * sums, one kind of scaling per rolling sync, the surge bound on specs, the scale-down budget,
 * cleanup of empty observed old sets only, and the status it writes.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { applyDefaults } from '../../../src/api/defaults.js'
import { decode } from '../../../src/api/decode.js'
import type { Deployment, DeploymentStatus, ReplicaSet } from '../../../src/api/workloads.js'
import { Deployment as Arb } from '../../../src/arbitraries/index.js'
import * as D from '../../../src/controllers/deployment/index.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { deepFreeze } from '../../helpers/freeze.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 200)

const viewOf = (w: Arb.SyncWorld): ClusterView.ClusterView =>
  ClusterView.fromObjects([w.deployment, ...w.replicaSets].map(deepFreeze))

const sync = (w: Arb.SyncWorld): ReadonlyArray<Action> => D.reconcile(w.deployment, viewOf(w), w.now)

/** spec.replicas of each ReplicaSet after the sync's writes (created ones included). */
const specsAfter = (w: Arb.SyncWorld, actions: ReadonlyArray<Action>): ReadonlyMap<string, number> => {
  const out = new Map(w.replicaSets.map((rs) => [rs.metadata.name ?? '', D.specReplicas(rs)] as const))
  for (const a of actions) {
    if ((a._tag === 'Create' || a._tag === 'Update') && a.object.kind === 'ReplicaSet') out.set(a.object.metadata.name ?? '', D.specReplicas(a.object))
    if (a._tag === 'Delete' && a.target.kind === 'ReplicaSet') out.delete(a.target.name)
  }
  return out
}

const sum = (xs: Iterable<number>): number => Array.from(xs).reduce((a, b) => a + b, 0)

/** A rolling, unpaused Deployment without a scaling event or rollback request: the rollout path. */
const rollingPath = (w: Arb.SyncWorld): boolean =>
  D.isRollingUpdate(w.deployment) && w.deployment.spec.paused !== true && !D.isScalingEvent(w.deployment, w.replicaSets)

describe('fenceposts (spec §4.1–2)', () => {
  it('percents: surge rounds up, unavailable down; never both zero; ints pass through', () => {
    fc.assert(
      fc.property(fc.nat({ max: 100 }), fc.nat({ max: 100 }), fc.nat({ max: 1000 }), (p, q, n) => {
        const r = D.resolveFenceposts(`${p}%`, `${q}%`, n)
        const surge = Math.ceil((p * n) / 100)
        const unavailable = Math.floor((q * n) / 100)
        expect(r).toEqual(E.right(surge === 0 && unavailable === 0 ? { surge: 0, unavailable: 1 } : { surge, unavailable }))
        const i = D.resolveFenceposts(p, q, n)
        expect(i).toEqual(E.right(p === 0 && q === 0 ? { surge: 0, unavailable: 1 } : { surge: p, unavailable: q }))
      }),
      { numRuns: runs },
    )
  })

  it('0 ≤ maxUnavailable ≤ replicas and minAvailable = replicas − maxUnavailable ≥ 0', () => {
    fc.assert(
      fc.property(Arb.deployment({ maxReplicas: 50, strategies: ['RollingUpdate'] }), (d) => {
        const r = D.replicasOf(d)
        expect(D.maxUnavailable(d)).toBeGreaterThanOrEqual(0)
        expect(D.maxUnavailable(d)).toBeLessThanOrEqual(r)
        expect(D.minAvailable(d)).toBe(r - D.maxUnavailable(d))
        expect(D.minAvailable(d)).toBeGreaterThanOrEqual(0)
      }),
      { numRuns: runs },
    )
  })
})

describe('proportional scaling (spec §4.12–16)', () => {
  const world = Arb.syncWorld({ strategies: ['RollingUpdate'], maxReplicas: 8 })

  it('sizes stay ≥ 0; without clamping they add up to replicas + maxSurge; 0 replicas empties all; with in-sync annotations scaling down grows nothing', () => {
    fc.assert(
      fc.property(world, (w) => {
        const d = w.deployment
        const active = D.filterActive(w.replicaSets)
        fc.pre(active.length >= 2)
        const r = D.replicasOf(d)
        const allowed = r > 0 ? r + D.maxSurge(d) : 0
        const toAdd = allowed - D.replicaCount(active)
        const { sizes } = D.proportions(d, active)
        for (const [, n] of sizes) expect(n).toBeGreaterThanOrEqual(0)
        const first = sizes[0]!
        const added = sum(sizes.slice(1).map(([rs, n]) => n - D.specReplicas(rs)))
        const unclamped = D.specReplicas(first[0]) + (toAdd - added) >= 0
        if (toAdd !== 0 && unclamped) expect(sum(sizes.map(([, n]) => n))).toBe(allowed)
        if (r === 0) for (const [, n] of sizes) expect(n).toBe(0)
        // the usual case: every active set was last scaled to the same allowed size M ≥ Σ spec
        const stamps = new Set(active.map((rs) => D.maxReplicas(rs)))
        const m = D.maxReplicas(active[0]!)
        const inSync = stamps.size === 1 && m !== undefined && m > 0 && D.replicaCount(active) <= m
        if (toAdd < 0 && inSync && allowed <= m) for (const [rs, n] of sizes) expect(n).toBeLessThanOrEqual(D.specReplicas(rs))
      }),
      { numRuns: runs },
    )
  })

  it('an empty ReplicaSet gets no proportion', () => {
    fc.assert(
      fc.property(world, fc.integer({ min: -20, max: 20 }), fc.integer({ min: -20, max: 20 }), (w, toAdd, added) => {
        const rs = w.replicaSets[0]
        fc.pre(rs !== undefined)
        const empty = { ...rs!, spec: { ...rs!.spec, replicas: 0 } }
        expect(D.getProportion(empty, w.deployment, toAdd, added)).toBe(0)
      }),
      { numRuns: runs },
    )
  })

  it('every ReplicaSet a paused sync writes carries desired = replicas and max = replicas + maxSurge', () => {
    fc.assert(
      fc.property(world, (w) => {
        const d: Deployment = { ...w.deployment, spec: { ...w.deployment.spec, paused: true } }
        const r = D.replicasOf(d)
        for (const a of D.reconcile(d, viewOf({ ...w, deployment: d }), w.now)) {
          if (a._tag !== 'Update' || a.object.kind !== 'ReplicaSet') continue
          const before = w.replicaSets.find((x) => x.metadata.name === a.object.metadata.name)
          if (before !== undefined && D.specReplicas(before) === D.specReplicas(a.object)) continue
          expect(a.object.metadata.annotations).toMatchObject({
            [D.desiredReplicasAnnotation]: String(r),
            [D.maxReplicasAnnotation]: String(r + D.maxSurge(d)),
          })
        }
      }),
      { numRuns: runs },
    )
  })
})

describe('rolling sync (spec §4.4–8)', () => {
  const world = Arb.syncWorld({ strategies: ['RollingUpdate'], maxReplicas: 8, paused: false })

  it('one kind of scaling per sync: the new set grows (only it), or old sets shrink, never both', () => {
    fc.assert(
      fc.property(world, (w) => {
        fc.pre(rollingPath(w))
        const actions = sync(w)
        const after = specsAfter(w, actions)
        const current = D.findNewReplicaSet(w.deployment, w.replicaSets)
        let grown = 0
        let shrunk = 0
        for (const rs of w.replicaSets) {
          const n = after.get(rs.metadata.name ?? '')
          if (n === undefined || n === D.specReplicas(rs)) continue
          if (n > D.specReplicas(rs)) {
            grown += 1
            expect(rs).toBe(current)
          } else shrunk += rs === current ? 0 : 1
        }
        expect(grown > 0 && shrunk > 0).toBe(false)
      }),
      { numRuns: runs },
    )
  })

  it('Σ spec within replicas + maxSurge stays within it; the new set never ends above replicas', () => {
    fc.assert(
      fc.property(world, (w) => {
        fc.pre(rollingPath(w))
        const d = w.deployment
        const bound = D.replicasOf(d) + D.maxSurge(d)
        const actions = sync(w)
        const after = specsAfter(w, actions)
        if (D.replicaCount(w.replicaSets) <= bound) expect(sum(after.values())).toBeLessThanOrEqual(bound)
        const created = actions.find((a) => a._tag === 'Create')
        const current = D.findNewReplicaSet(d, w.replicaSets) ?? (created?._tag === 'Create' ? (created.object as ReplicaSet) : undefined)
        if (current !== undefined) expect(after.get(current.metadata.name ?? '') ?? 0).toBeLessThanOrEqual(D.replicasOf(d))
      }),
      { numRuns: runs },
    )
  })

  it('old sets shrink by at most Σ spec − minAvailable − unavailable(new), and never grow', () => {
    fc.assert(
      fc.property(world, (w) => {
        fc.pre(rollingPath(w))
        const d = w.deployment
        const actions = sync(w)
        const after = specsAfter(w, actions)
        const current = D.findNewReplicaSet(d, w.replicaSets)
        const created = actions.find((a) => a._tag === 'Create' && a.object.kind === 'ReplicaSet')
        const newRS = current ?? (created?._tag === 'Create' ? (created.object as ReplicaSet) : undefined)
        fc.pre(newRS !== undefined)
        const all = current === undefined ? [...w.replicaSets, newRS!] : w.replicaSets
        const budget = Math.max(0, D.replicaCount(all) - D.minAvailable(d) - (D.specReplicas(newRS!) - (newRS!.status?.availableReplicas ?? 0)))
        let reduction = 0
        for (const rs of w.replicaSets) {
          if (rs === current) continue
          const n = after.get(rs.metadata.name ?? '')
          if (n === undefined) continue
          expect(n).toBeLessThanOrEqual(D.specReplicas(rs))
          reduction += D.specReplicas(rs) - n
        }
        expect(reduction).toBeLessThanOrEqual(budget)
      }),
      { numRuns: runs },
    )
  })
})

describe('history and status (spec §4.17–22)', () => {
  const world = Arb.syncWorld({ maxReplicas: 6 })

  it('cleanup deletes only empty, observed old sets, oldest revisions first, leaving the limit', () => {
    fc.assert(
      fc.property(world, (w) => {
        const d = w.deployment
        const actions = sync(w)
        const deleted = actions.flatMap((a) => (a._tag === 'Delete' ? [a.target.name] : []))
        const current = D.findNewReplicaSet(d, w.replicaSets)
        const alive = w.replicaSets.filter((rs) => rs !== current && rs.metadata.deletionTimestamp === undefined)
        for (const name of deleted) {
          const rs = w.replicaSets.find((x) => x.metadata.name === name)
          expect(rs).toBeDefined()
          expect(rs).not.toBe(current)
          expect(D.isCleanable(rs!)).toBe(true)
        }
        expect(deleted.length).toBeLessThanOrEqual(Math.max(0, alive.length - (d.spec.revisionHistoryLimit ?? 0)))
        for (const a of actions) if (a._tag === 'Delete') expect(a.preconditions?.uid).toBeDefined()
      }),
      { numRuns: runs },
    )
  })

  it('a new ReplicaSet gets revision max(old) + 1', () => {
    fc.assert(
      fc.property(Arb.syncWorld({ withCurrent: false, paused: false }), (w) => {
        const created = sync(w).find((a) => a._tag === 'Create' && a.object.kind === 'ReplicaSet')
        fc.pre(created !== undefined && created._tag === 'Create')
        if (created?._tag !== 'Create') return
        expect(D.revisionOf(created.object as ReplicaSet)).toBe(D.maxRevision(w.replicaSets) + 1)
      }),
      { numRuns: runs },
    )
  })

  it('a written status: counts from the sets, unavailable = max(0, Σ spec − available), Available iff available ≥ replicas − maxUnavailable, one condition per type', () => {
    fc.assert(
      fc.property(world, (w) => {
        const d = w.deployment
        const actions = sync(w)
        const write = actions.find((a) => a._tag === 'UpdateStatus' && a.object.kind === 'Deployment')
        fc.pre(write !== undefined)
        const created = actions.flatMap((a) => (a._tag === 'Create' && a.object.kind === 'ReplicaSet' ? [a.object] : []))
        const s = (write?._tag === 'UpdateStatus' && write.object.kind === 'Deployment' ? write.object.status : undefined) ?? ({} as DeploymentStatus)
        fc.pre(s.collisionCount === d.status?.collisionCount)
        const available = D.availableReplicaCount(w.replicaSets)
        expect(s.availableReplicas ?? 0).toBe(available)
        expect(s.replicas ?? 0).toBe(D.actualReplicaCount(w.replicaSets))
        expect(s.observedGeneration).toBe(d.metadata.generation)
        // Σ spec of the sets as the sync found or created them (before its own scaling)
        const spec = D.replicaCount([...w.replicaSets, ...created])
        expect(s.unavailableReplicas ?? 0).toBe(Math.max(0, spec - available))
        const cond = D.getCondition(s, 'Available')
        expect(cond?.status).toBe(available >= D.replicasOf(d) - D.maxUnavailable(d) ? 'True' : 'False')
        const types = (s.conditions ?? []).map((c) => c.type)
        expect(new Set(types).size).toBe(types.length)
      }),
      { numRuns: runs },
    )
  })
})

describe('arbitraries', () => {
  it('Deployments decode and are already defaulted; commands keep them valid', () => {
    fc.assert(
      fc.property(Arb.world(), Arb.command(), (w, cmd) => {
        for (const o of w.objects) {
          expect(E.isRight(decode(JSON.parse(JSON.stringify(o))))).toBe(true)
          expect(applyDefaults(o)).toEqual(o)
        }
        expect(Arb.commandPatch(cmd)).toBeDefined()
      }),
      { numRuns: 50 },
    )
  })

  it('sync worlds decode and their ReplicaSets belong to the Deployment', () => {
    fc.assert(
      fc.property(Arb.syncWorld(), (w) => {
        for (const o of [w.deployment, ...w.replicaSets]) expect(E.isRight(decode(JSON.parse(JSON.stringify(o))))).toBe(true)
        expect(D.claimReplicaSets(w.deployment, viewOf(w)).rsList).toHaveLength(w.replicaSets.length)
      }),
      { numRuns: 50 },
    )
  })
})
