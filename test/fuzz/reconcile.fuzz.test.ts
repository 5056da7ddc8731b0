/**
 * Fuzz target for the controllers: arbitrary worlds for every registered controller that has
 * a world arbitrary (`Arb.<Kind>.world`, found by iterating the registry, so new controllers
 * join by exporting one), at the world's clock or any valid `Date`, each object reconciled in
 * views built from the same objects in two insertion orders. Every input: no throw, a time
 * bound, inputs deep-frozen and untouched, no prototype pollution, the same actions in the same
 * order from both views and on a second call, and every object written decodes.
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decode } from '../../src/api/decode.js'
import type { KubeObject } from '../../src/api/object.js'
import * as Arb from '../../src/arbitraries/index.js'
import { controlledKinds, reconcile } from '../../src/controllers/registry.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import { deepFreeze, expectNoPollution, fingerprint, fuzzParameters, fuzzTimeoutMs, withinMs } from './guards.js'

const BOUND_MS = 5000

interface World {
  readonly objects: ReadonlyArray<KubeObject>
  readonly now: Date
}

/** The world arbitrary a controller kind's arbitraries namespace exports, if any. */
const worldOf = (kind: string): fc.Arbitrary<World> | undefined => {
  const ns = (Arb as unknown as Readonly<Record<string, unknown>>)[kind]
  const world = typeof ns === 'object' && ns !== null ? (ns as { readonly world?: unknown }).world : undefined
  return typeof world === 'function' ? (world as () => fc.Arbitrary<World>)() : undefined
}

/** Kinds whose objects another kind's worlds generate: `ReplicaSet.world` makes ReplicationControllers too. */
const generatedElsewhere: ReadonlySet<string> = new Set(['ReplicationController'])

/** The registered kinds with a world arbitrary, and those without (reported by the test name). */
const kinds = controlledKinds()
/** `FUZZ_KINDS=ReplicaSet,Deployment` narrows the worlds to those kinds (to isolate one controller). */
const only = process.env.FUZZ_KINDS?.split(',').map((k) => k.trim())
const covered = kinds.filter((k) => worldOf(k) !== undefined && (only === undefined || only.includes(k)))
const uncovered = kinds.filter((k) => worldOf(k) === undefined && !generatedElsewhere.has(k))

/** One world of any covered kind, plus Deployment sync worlds (a Deployment and its ReplicaSets). */
const worlds: fc.Arbitrary<World> = fc.oneof(
  ...covered.map((k) => worldOf(k)!.map((w): World => ({ objects: w.objects, now: w.now }))),
  ...(only === undefined || only.includes('Deployment')
    ? [Arb.Deployment.syncWorld().map((w): World => ({ objects: [w.deployment, ...w.replicaSets], now: w.now }))]
    : []),
  Arb.clusterView().map((w): World => ({ objects: w.objects, now: w.now })),
)

/** The world's clock, mostly; sometimes any valid `Date`, ends of the range included. */
const clock = (w: World): fc.Arbitrary<Date> =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant(w.now) },
    { weight: 1, arbitrary: fc.date({ noInvalidDate: true }) },
    { weight: 1, arbitrary: fc.constantFrom(new Date(8.64e15), new Date(-8.64e15), new Date(253402300799000), new Date(0)) },
  )

const cases = worlds.chain((w) =>
  fc.record({
    world: fc.constant(w),
    shuffled: fc.shuffledSubarray([...w.objects], { minLength: w.objects.length, maxLength: w.objects.length }),
    now: clock(w),
  }),
)

const written = (actions: ReadonlyArray<{ readonly _tag: string }>): ReadonlyArray<KubeObject> =>
  actions.flatMap((a) => ('object' in a ? [(a as { readonly object: KubeObject }).object] : []))

describe('fuzz: reconcile', () => {
  it(`arbitrary worlds (${covered.join(', ')}${uncovered.length > 0 ? `; no world arbitrary yet: ${uncovered.join(', ')}` : ''}), any insertion order: no throw, bounded, frozen, deterministic, order-independent, writes decode`, () => {
    fc.assert(
      fc.property(cases, ({ world, shuffled, now }) => {
        const objects = deepFreeze(world.objects)
        const before = fingerprint(objects)
        const a = ClusterView.fromObjects(objects)
        const b = ClusterView.fromObjects([...shuffled].reverse())
        for (const o of objects) {
          const x = withinMs(BOUND_MS, `reconcile ${o.kind}`, () => reconcile(o, a, now))
          expect(reconcile(o, b, now), `${o.kind} ${o.metadata.name ?? ''}: insertion order changed the actions`).toEqual(x)
          expect(reconcile(o, a, now)).toEqual(x)
          for (const w of written(x)) {
            const d = decode(w)
            expect(E.isRight(d), `${w.kind} ${w.metadata.name ?? ''} written by ${o.kind} does not decode: ${E.isLeft(d) ? d.left.message : ''}`).toBe(true)
          }
        }
        expect(fingerprint(objects)).toBe(before)
        expectNoPollution()
      }),
      fuzzParameters(200),
    )
  }, fuzzTimeoutMs)

  it('an invalid Date plans nothing, for every kind', () => {
    fc.assert(
      fc.property(worlds, (w) => {
        const view = ClusterView.fromObjects(deepFreeze(w.objects))
        for (const o of w.objects) expect(reconcile(o, view, new Date(Number.NaN))).toEqual([])
      }),
      { ...fuzzParameters(30), numRuns: Math.min(fuzzParameters(30).numRuns, 1000) },
    )
  }, fuzzTimeoutMs)
})
