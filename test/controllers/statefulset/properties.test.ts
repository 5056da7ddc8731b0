/**
 * Single-sync properties of the StatefulSet controller over arbitrary worlds (a set with
 * revisions, pods at mixed revisions and states in and around its range, claims bound, stale,
 * foreign or being deleted): STS-2..6 on every sync, with and without the MaxUnavailableStatefulSet
 * gate; the legacy rolling update replaces at most one pod; determinism and frozen inputs; the
 * arbitraries decode.
 */
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decode } from '../../../src/api/decode.js'
import { applyDefaults } from '../../../src/api/defaults.js'
import { StatefulSet as Arb } from '../../../src/arbitraries/index.js'
import * as STS from '../../../src/controllers/statefulset/index.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as Inv from '../../../src/invariants/statefulset.js'
import { format } from '../../../src/invariants/Violation.js'
import { deepFreeze } from '../../helpers/freeze.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 150)

const frozen = (w: Arb.World): Arb.World => {
  deepFreeze(w.objects)
  return w
}

const gated = STS.reconcileWith({ featureGates: { MaxUnavailableStatefulSet: true } })

describe('StatefulSet single-sync properties', () => {
  it('STS-2, STS-3, STS-4, STS-5, STS-6 hold on every sync (and the legacy update replaces at most one pod, above ready updated pods)', () => {
    fc.assert(
      fc.property(Arb.world().map(frozen), (w) => {
        const actions = STS.reconcile(w.set, w.view, w.now)
        const vs = [...Inv.checkSync(w.set, w.view, actions), ...Inv.sts4LegacyOneAtATime(w.set, w.view, actions)]
        expect(vs, format(vs)).toEqual([])
      }),
      { numRuns: runs },
    )
  })

  it('with MaxUnavailableStatefulSet: STS-2..6 hold, and a sync replaces at most max(1, maxUnavailable) pods', () => {
    fc.assert(
      fc.property(Arb.world({ policies: ['Parallel'] }).map(frozen), (w) => {
        const actions = gated(w.set, w.view, w.now)
        const vs = Inv.checkSync(w.set, w.view, actions)
        expect(vs, format(vs)).toEqual([])
        const replaced = actions.filter((a) => a._tag === 'Delete' && a.target.kind === 'Pod' && STS.inOrdinalRange(w.set, STS.parseName(a.target.name).ordinal))
        expect(replaced.length).toBeLessThanOrEqual(Math.max(STS.maxUnavailable(w.set), 1) + w.pods.filter((p) => STS.isFailed(p) || STS.isSucceeded(p)).length * 2)
      }),
      { numRuns: Math.max(10, Math.floor(runs / 2)) },
    )
  })

  it('every pod and claim it creates is named for an ordinal in range and mounts exactly its claims', () => {
    fc.assert(
      fc.property(Arb.world().map(frozen), (w) => {
        for (const a of STS.reconcile(w.set, w.view, w.now)) {
          if (a._tag !== 'Create' || a.object.kind !== 'Pod') continue
          const p = a.object
          expect(STS.identityMatches(w.set, p) && STS.storageMatches(w.set, p)).toBe(true)
          expect(p.spec.hostname).toBe(p.metadata.name)
          expect(p.metadata.ownerReferences?.[0]?.uid).toBe(w.set.metadata.uid)
        }
      }),
      { numRuns: runs },
    )
  })

  it('a set being deleted takes no pod or claim action', () => {
    fc.assert(
      fc.property(Arb.world().map(frozen), (w) => {
        const set = deepFreeze({ ...w.set, metadata: { ...w.set.metadata, deletionTimestamp: w.set.metadata.creationTimestamp ?? '' } })
        const touched = STS.reconcile(set, w.view, w.now).filter(
          (a) => (a._tag === 'Create' || a._tag === 'Update' || a._tag === 'Delete') && (('object' in a ? a.object.kind : a.target.kind) === 'Pod' || ('object' in a ? a.object.kind : a.target.kind) === 'PersistentVolumeClaim'),
        )
        expect(touched).toEqual([])
      }),
      { numRuns: Math.max(10, Math.floor(runs / 3)) },
    )
  })

  it('is deterministic, independent of insertion order, and never mutates its input', () => {
    fc.assert(
      fc.property(Arb.world().map(frozen), (w) => {
        const once = STS.reconcile(w.set, w.view, w.now)
        expect(STS.reconcile(w.set, w.view, w.now)).toEqual(once)
        const reversed = STS.reconcile(w.set, ClusterView.fromObjects([...w.objects].reverse()), w.now)
        expect(JSON.stringify(reversed)).toBe(JSON.stringify(once))
      }),
      { numRuns: Math.max(10, Math.floor(runs / 3)) },
    )
  })
})

describe('StatefulSet arbitraries', () => {
  it('generate worlds whose every object decodes unchanged', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        for (const o of w.objects) {
          const d = decode(o)
          expect(d._tag, `${o.kind} ${o.metadata.name ?? ''}: ${JSON.stringify(d)}`).toBe('Right')
          expect(applyDefaults(o), `${o.kind} ${o.metadata.name ?? ''}`).toEqual(o)
        }
      }),
      { numRuns: Math.max(10, Math.floor(runs / 4)) },
    )
  })

  it('cover both policies, every strategy, start ordinals, retention policies and claim templates', () => {
    const sets = fc.sample(Arb.statefulSet(), { numRuns: 300, seed: 3 })
    expect(new Set(sets.map((s) => s.spec.podManagementPolicy))).toEqual(new Set(['OrderedReady', 'Parallel']))
    expect(new Set(sets.map((s) => `${s.spec.updateStrategy?.type ?? ''}${s.spec.updateStrategy?.rollingUpdate === undefined ? '' : '+block'}`))).toEqual(new Set(['RollingUpdate+block', 'RollingUpdate', 'OnDelete']))
    expect(sets.some((s) => (s.spec.ordinals?.start ?? 0) > 0)).toBe(true)
    expect(new Set(sets.map((s) => JSON.stringify(s.spec.persistentVolumeClaimRetentionPolicy))).size).toBe(4)
    expect(new Set(sets.map((s) => (s.spec.volumeClaimTemplates ?? []).length))).toEqual(new Set([0, 1, 2]))
  })
})
