/**
 * The eight findings of issue 16 ("Hostile and huge inputs"), one block each, reproduced as
 * they were reported: each failed before the fix.
 */
import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decode, decodeManifests, manifestLimits } from '../../src/api/decode.js'
import type { KubeObject } from '../../src/api/object.js'
import * as Arb from '../../src/arbitraries/index.js'
import { reconcile } from '../../src/controllers/registry.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as Sim from '../../src/sim/index.js'
import { deepFreeze } from '../api/util.js'
import { now, pod, rs } from '../controllers/replicaset/fixtures.js'
import { node, replicaSet, start, toyOptions } from '../sim/fixtures.js'

const runs = Number(process.env.PROPERTY_RUNS ?? 100)

/** The first and last whole seconds RFC 3339 expresses (0000-01-01T00:00:00Z, 9999-12-31T23:59:59Z). */
const earliestMs = Date.parse('0000-01-01T00:00:00Z')
const latestMs = Date.UTC(9999, 11, 31, 23, 59, 59)

/** The message of a Left (failing the test on a Right). */
const leftMessage = <A>(r: E.Either<{ readonly message: string }, A>): string => {
  if (E.isRight(r)) return expect.fail('expected Left, got Right')
  return r.left.message
}

/** Runs `f` with about `frames` extra frames on the stack, as a caller deep in its own code would. */
const atDepth = <A>(frames: number, f: () => A): A => (frames <= 0 ? f() : atDepth(frames - 1, f))

/** Every object an action writes. */
const written = (actions: ReadonlyArray<{ readonly _tag: string }>): ReadonlyArray<KubeObject> =>
  actions.flatMap((a) => ('object' in a ? [(a as { readonly object: KubeObject }).object] : []))

describe('finding 1: deep nesting cannot kill the process', () => {
  it.each([
    ['5,000 levels of flow sequences', `a: ${'['.repeat(5000)}${']'.repeat(5000)}`],
    ['4,000 levels of flow sequences', `a: ${'['.repeat(4000)}${']'.repeat(4000)}`],
    ['1,000 levels of block sequences', `a:\n${Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}-`).join('\n')} x\n`],
  ])('%s: a DecodeError naming the nesting limit, on every call', (_name, text) => {
    for (let i = 0; i < 4; i++) expect(leftMessage(decodeManifests(text))).toContain(`YAML nested deeper than ${manifestLimits.maxDepth} levels`)
  })
})

describe('finding 2: the same text always gets the same answer', () => {
  it('800 levels of flow sequences: one message, whatever the stack depth of the caller', () => {
    const text = `a: ${'['.repeat(800)}${']'.repeat(800)}`
    const answers = [0, 0, 2000, 5000, 0].map((frames) => leftMessage(atDepth(frames, () => decodeManifests(text))))
    expect(new Set(answers).size).toBe(1)
    expect(answers[0]).toContain(`YAML nested deeper than ${manifestLimits.maxDepth} levels at line 1, column`)
  })

  it('nesting just inside and just beyond the limit', () => {
    const nested = (levels: number): string => `${'['.repeat(levels)}${']'.repeat(levels)}`
    // The root mapping is one level: `a: [[…]]` with limit − 1 sequences is the deepest the
    // parser accepts (the object is then held to sanitize's 64 levels, with its path).
    expect(leftMessage(decodeManifests(`a: ${nested(manifestLimits.maxDepth - 1)}`))).not.toContain('YAML nested deeper')
    expect(leftMessage(decodeManifests(`a: ${nested(manifestLimits.maxDepth)}`))).toContain('YAML nested deeper than')
  })
})

/** A ConfigMap-like mapping of `n` keys (decodeManifests rejects the kind; the parse is what counts). */
const mapping = (n: number, extra = ''): string =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n${Array.from({ length: n }, (_, i) => `    key${i}: v${i}\n`).join('')}${extra}spec:\n  containers: [{ name: a, image: x }]\n`

/** The CPU time `f` takes, in ms (less sensitive than wall time to other work on the machine). */
const cpuMs = (f: () => unknown): number => {
  const c0 = process.cpuUsage()
  f()
  const c = process.cpuUsage(c0)
  return (c.user + c.system) / 1000
}

describe('finding 3: large mappings decode in linear time', () => {
  // The time itself is a benchmark's business (bench/decode.mjs: 20,000 keys); here, the result.
  it('a mapping of 80,000 keys is parsed whole (then refused by validation, as the API server does), and a duplicate among 40,000 is named', () => {
    expect(leftMessage(decodeManifests(mapping(80_000)))).toBe('metadata.annotations: must have at most 262144 bytes in total, got 1097780')
    expect(leftMessage(decodeManifests(mapping(40_000, '    key39999: again\n')))).toContain('duplicate key "key39999" at line 40006, column 5')
  })

  it('merge keys copy without a quadratic scan, and are bounded', () => {
    const anchor = `base: &base\n${Array.from({ length: 5000 }, (_, i) => `  k${i}: v\n`).join('')}`
    const merges = Array.from({ length: 10 }, (_, i) => `m${i}:\n  <<: *base\n  own: x\n`).join('')
    const text = `kind: Scenario\n${anchor}${merges}`
    const out = decodeManifests(text)
    expect(leftMessage(out)).toContain('apiVersion: required')
    const tooMany = `kind: Scenario\n${anchor}${Array.from({ length: 25 }, (_, i) => `m${i}:\n  <<: *base\n`).join('')}`
    expect(leftMessage(decodeManifests(tooMany))).toContain(`merge keys copy more than ${manifestLimits.maxMergeKeys} keys`)
  })
})

describe('finding 4: large files decode within twice the cost of the same objects as JSON', () => {
  const podYaml = (i: number): string =>
    `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${i}\n  namespace: default\n  labels:\n    app: web\nspec:\n  containers:\n  - name: app\n    image: nginx:1.25\n`
  const podJson = (i: number): unknown => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: `pod-${i}`, namespace: 'default', labels: { app: 'web' } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
  })

  // bench/decode.mjs measures the 2× goal on 40,000 Pods; here, that both give the same objects.
  it('10,000 Pods as multi-document YAML and as a JSON List decode to the same objects', () => {
    const n = 10_000
    const yaml = Array.from({ length: n }, (_, i) => podYaml(i)).join('---\n')
    const json = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: n }, (_, i) => podJson(i)) })
    const a = decodeManifests(yaml)
    const b = decodeManifests(json)
    expect(a).toEqual(b)
    expect(E.isRight(a) && a.right.length).toBe(n)
  })

  it('200,000 empty documents are refused by the pre-scan, naming the limit and the line', () => {
    const text = '---\n'.repeat(200_000)
    expect(leftMessage(decodeManifests(text))).toContain(`more than ${manifestLimits.maxDocuments} documents at line ${manifestLimits.maxDocuments + 1}`)
    // A hang guard, not a speed test: the pre-scan stops at the limit.
    expect(cpuMs(() => decodeManifests(text))).toBeLessThan(10_000)
  })

  it('the document limit itself is accepted, one more is not', () => {
    expect(decodeManifests('---\n'.repeat(manifestLimits.maxDocuments))).toEqual(E.right([]))
    expect(leftMessage(decodeManifests('---\n'.repeat(manifestLimits.maxDocuments + 1)))).toContain('the limit of documents')
  })
})

describe('finding 5: reconcile at any valid Date', () => {
  /** A ReplicaSet with minReadySeconds 5 and two ready pods (3 s and 60 s before the fixtures' now). */
  const world = (): { readonly owner: KubeObject; readonly view: ClusterView.ClusterView } => {
    const owner = rs({ replicas: 3, minReadySeconds: 5 })
    const pods = [pod('a', { owner, readyFor: 3, node: 'n' }), pod('b', { owner, readyFor: 60, node: 'n' })]
    return { owner, view: ClusterView.fromObjects(pods) }
  }

  it.each([
    ['the last valid Date', new Date(8.64e15)],
    ['the first valid Date', new Date(-8.64e15)],
    ['year 10000', new Date(Date.UTC(10000, 0, 1))],
    ['the last second of 9999', new Date(latestMs)],
    ['the first second of year 0', new Date(earliestMs)],
  ])('%s: no throw, and every object written decodes', (_name, at) => {
    const { owner, view } = world()
    const actions = reconcile(owner, view, at)
    for (const o of written(actions)) expect(E.isRight(decode(o)), JSON.stringify(o.metadata)).toBe(true)
  })

  it('an invalid Date plans nothing', () => {
    const { owner, view } = world()
    expect(reconcile(owner, view, new Date(Number.NaN))).toEqual([])
  })

  it('property: for any valid Date, every controller returns actions whose objects decode', () => {
    fc.assert(
      fc.property(Arb.ReplicaSet.world({ minNodes: 1 }), fc.date({ noInvalidDate: true }), (w, at) => {
        for (const o of w.objects) for (const x of written(reconcile(o, w.view, at))) expect(E.isRight(decode(x))).toBe(true)
      }),
      { numRuns: runs },
    )
  })
})

describe('finding 6: the simulation clock stays valid for any duration', () => {
  const sim = (): Sim.Simulation => Sim.make(toyOptions([node('n1'), replicaSet('web', 2)]))

  it.each([
    ['Infinity', Infinity],
    ['NaN', Number.NaN],
    ['a negative duration', -60],
    ['-Infinity', -Infinity],
    ['1e300 seconds', 1e300],
  ])('advance by %s leaves a valid clock within the RFC 3339 range, and later calls work', (_name, seconds) => {
    const s0 = sim()
    const s1 = Sim.advance(s0, seconds)
    const t = s1.now.getTime()
    expect(Number.isNaN(t)).toBe(false)
    expect(t).toBeGreaterThanOrEqual(s0.now.getTime())
    expect(t).toBeLessThanOrEqual(latestMs)
    if (!(seconds > 0)) expect(t).toBe(s0.now.getTime())
    const s2 = Sim.runUntilStable(Sim.step(Sim.advance(s1, 10)))
    expect(Number.isNaN(s2.now.getTime())).toBe(false)
    expect(() => Sim.summary(s2)).not.toThrow()
  })

  it('runUntilStable with budget.seconds Infinity, NaN or negative keeps a valid clock', () => {
    for (const seconds of [Infinity, Number.NaN, -1]) {
      const s = Sim.runUntilStable(sim(), { seconds })
      expect(Number.isNaN(s.now.getTime())).toBe(false)
      expect(s.now.getTime()).toBeLessThanOrEqual(latestMs)
    }
  })

  it('a start outside the RFC 3339 range is clamped; an invalid start begins at the earliest instant', () => {
    expect(Sim.make({ ...toyOptions([]), start: new Date(8.64e15) }).now.getTime()).toBe(latestMs)
    expect(Sim.make({ ...toyOptions([]), start: new Date(-8.64e15) }).now.getTime()).toBe(earliestMs)
    expect(Sim.make({ ...toyOptions([]), start: new Date(Number.NaN) }).now.getTime()).toBe(earliestMs)
    expect(Sim.make(toyOptions([])).now).toEqual(start)
  })
})

describe('finding 7: the same objects in any insertion order give the same actions', () => {
  it('scale-down victims among pods that rank alike', () => {
    const owner = rs({ replicas: 1 })
    const pods = ['p1', 'p2', 'p3', 'p4'].map((n) => pod(n, { owner, node: 'n', readyFor: 60, age: 600 }))
    const a = reconcile(owner, ClusterView.fromObjects(pods), now)
    const b = reconcile(owner, ClusterView.fromObjects([...pods].reverse()), now)
    expect(b).toEqual(a)
  })

  it('adoption of several orphans', () => {
    const owner = rs({ replicas: 3 })
    const pods = ['o3', 'o1', 'o2'].map((n) => pod(n, { node: 'n' }))
    const a = reconcile(owner, ClusterView.fromObjects(pods), now)
    const b = reconcile(owner, ClusterView.fromObjects([...pods].reverse()), now)
    expect(b).toEqual(a)
    expect(a.filter((x) => x._tag === 'Update').length).toBe(3)
  })
})

describe('finding 8: constructor and prototype are valid label keys', () => {
  const podWith = (labels: Record<string, string>): unknown =>
    deepFreeze({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: 'p', labels },
      spec: { containers: [{ name: 'a', image: 'x' }] },
    })

  it('decode accepts them as own data properties, and pollutes nothing', () => {
    const out = decode(podWith({ constructor: 'a', prototype: 'b' }))
    if (E.isLeft(out)) return expect.fail(out.left.message)
    const labels = out.right.metadata.labels ?? {}
    expect(Object.getOwnPropertyDescriptor(labels, 'constructor')?.value).toBe('a')
    expect(Object.getOwnPropertyDescriptor(labels, 'prototype')?.value).toBe('b')
    expect(({} as Record<string, unknown>)['a']).toBeUndefined()
  })

  it('YAML manifests too; __proto__ stays invalid as a label key, as Kubernetes validation says', () => {
    const yaml = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: { constructor: a, prototype: b }\nspec: { containers: [{ name: a, image: x }] }\n'
    expect(E.isRight(decodeManifests(yaml))).toBe(true)
    expect(leftMessage(decodeManifests(yaml.replace('constructor: a', '__proto__: a')))).toContain('metadata.labels[__proto__]')
  })

  it('a selector on such a key selects the pod', () => {
    const owner = rs({ replicas: 1, labels: { constructor: 'yes' } })
    const orphan = pod('x', { labels: { constructor: 'yes' }, node: 'n' })
    const actions = reconcile(owner, ClusterView.fromObjects([orphan]), now)
    expect(actions.some((a) => a._tag === 'Update' && a.object.metadata.name === 'x')).toBe(true)
  })
})
