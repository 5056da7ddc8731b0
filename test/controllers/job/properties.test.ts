/**
 * Single-sync properties of the Job controller over arbitrary worlds (every completion mode and
 * policy; pods in every state, with exit codes, conditions, finalizers, indexes in and out of
 * range; statuses with uncounted uids): generated objects decode, every sync keeps JOB-2 and
 * JOB-3, never touches another controller's pods, removes finalizers only after recording, is
 * deterministic and leaves its inputs alone.
 */
import fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decode } from '../../../src/api/decode.js'
import type { Pod } from '../../../src/api/pod.js'
import type { Job } from '../../../src/api/workloads.js'
import { Job as Arb } from '../../../src/arbitraries/index.js'
import * as J from '../../../src/controllers/job/index.js'
import type { Action } from '../../../src/core/Action.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import { isControlledBy } from '../../../src/core/ownership.js'
import * as Inv from '../../../src/invariants/job.js'
import { format } from '../../../src/invariants/Violation.js'
import { deepFreeze } from '../../helpers/freeze.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 200)

const frozen = (w: Arb.World): ClusterView.ClusterView => ClusterView.fromObjects(w.objects.map(deepFreeze))
const statusWrites = (as: ReadonlyArray<Action>): ReadonlyArray<Job> => as.flatMap((a) => (a._tag === 'UpdateStatus' && a.object.kind === 'Job' ? [a.object] : []))
const finalizerRemovals = (as: ReadonlyArray<Action>): ReadonlyArray<Pod> =>
  as.flatMap((a) => (a._tag === 'Update' && a.object.kind === 'Pod' && !J.isTracked(a.object) ? [a.object] : []))

describe('Job arbitraries', () => {
  it('every generated Job and pod decodes (defaults and validation of the API server)', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        for (const o of w.objects) {
          const d = decode(o)
          if (E.isLeft(d)) expect.fail(`${o.kind} ${o.metadata.name ?? ''}: ${d.left.message}`)
        }
      }),
      { numRuns: Math.max(30, Math.floor(runs / 4)) },
    )
  })

  it('a Job decodes unchanged: defaults are already applied', () => {
    fc.assert(
      fc.property(Arb.job(), (j) => {
        const r = decode(j)
        if (E.isLeft(r)) expect.fail(r.left.message)
        expect(r.right).toEqual(j)
      }),
      { numRuns: Math.max(30, Math.floor(runs / 4)) },
    )
  })
})

describe('single-sync safety over arbitrary worlds', () => {
  it('JOB-2 and JOB-3 hold for every sync', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        const view = frozen(w)
        const out = J.reconcile(w.job, view, w.now)
        expect(Inv.checkSync(w.job, view, out), format(Inv.checkSync(w.job, view, out))).toEqual([])
      }),
      { numRuns: runs },
    )
  })

  it('a sync is deterministic and leaves its inputs unchanged (they are deep-frozen)', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        const view = frozen(w)
        expect(J.reconcile(w.job, view, w.now)).toEqual(J.reconcile(w.job, view, w.now))
      }),
      { numRuns: Math.max(30, Math.floor(runs / 4)) },
    )
  })

  it('a sync writes only its Job and pods it controls or adopts, and deletes only pods it controls or adopts', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        const view = frozen(w)
        for (const a of J.reconcile(w.job, view, w.now)) {
          if (a._tag === 'Update' || a._tag === 'UpdateStatus') {
            if (a.object.kind === 'Job') expect(a.object.metadata.uid).toBe(w.job.metadata.uid)
            else {
              const seen = ClusterView.lookup(view, 'Pod', a.object.metadata.namespace, a.object.metadata.name ?? '')
              expect(seen === undefined ? false : isControlledBy(seen, w.job.metadata.uid) || seen.metadata.ownerReferences === undefined).toBe(true)
            }
          }
          if (a._tag === 'Delete') {
            const seen = ClusterView.lookup(view, 'Pod', a.target.namespace, a.target.name)
            expect(seen !== undefined && (isControlledBy(seen, w.job.metadata.uid) || seen.metadata.ownerReferences === undefined)).toBe(true)
          }
          if (a._tag === 'Create') expect(isControlledBy(a.object, w.job.metadata.uid)).toBe(true)
        }
      }),
      { numRuns: runs },
    )
  })

  it('a terminated pod loses its finalizer only in a sync whose first status write records it (or it does not count)', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        const view = frozen(w)
        const out = J.reconcile(w.job, view, w.now)
        const first = statusWrites(out)[0]?.status ?? w.job.status ?? {}
        const recorded = new Set([...(first.uncountedTerminatedPods?.succeeded ?? []), ...(first.uncountedTerminatedPods?.failed ?? [])])
        const completed = J.Indexes.parse(first.completedIndexes ?? '', J.completionsOf(w.job))
        for (const p of finalizerRemovals(out)) {
          const phase = p.status?.phase
          if (phase !== 'Succeeded' && phase !== 'Failed') continue
          const counts = J.isIndexed(w.job) ? J.hasValidIndex(p, J.completionsOf(w.job)) : true
          const ignored = phase === 'Failed' && !J.countsAsFailure(w.job, p)
          const ok = recorded.has(p.metadata.uid ?? '') || (phase === 'Succeeded' && J.Indexes.has(completed, J.completionIndex(p)))
          if (counts && !ignored) expect(ok, `${p.metadata.name ?? ''} (${phase})`).toBe(true)
        }
      }),
      { numRuns: runs },
    )
  })

  it('the status writes never lower the counters, and the writes of one sync are required, status first', () => {
    fc.assert(
      fc.property(Arb.world(), (w) => {
        const out = J.reconcile(w.job, frozen(w), w.now)
        let succeeded = w.job.status?.succeeded ?? 0
        let failed = w.job.status?.failed ?? 0
        for (const j of statusWrites(out)) {
          expect(j.status?.succeeded ?? 0).toBeGreaterThanOrEqual(succeeded)
          expect(j.status?.failed ?? 0).toBeGreaterThanOrEqual(failed)
          succeeded = j.status?.succeeded ?? 0
          failed = j.status?.failed ?? 0
        }
        for (const a of out) if (a._tag === 'UpdateStatus' || (a._tag === 'Update' && a.object.kind === 'Pod' && !J.isTracked(a.object))) expect(a.required).toBe(true)
      }),
      { numRuns: runs },
    )
  })

  it('JOB-3: a finished Job does nothing', () => {
    fc.assert(
      fc.property(Arb.world(), fc.constantFrom('Complete', 'Failed'), (w, type) => {
        const done: Job = { ...w.job, status: { ...w.job.status, conditions: [{ type, status: 'True' }] } }
        expect(J.reconcile(done, frozen(w), w.now)).toEqual([])
      }),
      { numRuns: Math.max(30, Math.floor(runs / 4)) },
    )
  })
})
