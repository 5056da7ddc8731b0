import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyDefaults } from '../../src/api/defaults.js'
import { decode } from '../../src/api/decode.js'
import type { LabelSelector, ObjectMeta, StringMap } from '../../src/api/meta.js'
import type { ReplicaSet } from '../../src/api/workloads.js'
import * as _ from '../../src/arbitraries/meta.js'
import { fromLabelSelector, isEmpty } from '../../src/core/selector.js'
import * as T from '../../src/core/time.js'

const numRuns = Number(process.env['PROPERTY_RUNS'] ?? 100)

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

const isLabelKey = (k: string): boolean => {
  const parts = k.split('/')
  const name = parts[parts.length - 1] ?? ''
  const prefixOk = parts.length === 1 || (parts.length === 2 && (parts[0] ?? '').length <= 253 && DNS1123_SUBDOMAIN.test(parts[0] ?? ''))
  return parts.length <= 2 && prefixOk && name.length <= 63 && QUALIFIED_NAME.test(name)
}

/** A ReplicaSet carrying `meta`, `selector` and template labels, to run the API server's validation over them. */
const replicaSet = (meta: ObjectMeta, selector: LabelSelector, templateLabels: StringMap): ReplicaSet => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: meta,
  spec: {
    replicas: 1,
    minReadySeconds: 0,
    selector,
    template: {
      metadata: { labels: templateLabels },
      spec: {
        containers: [
          { name: 'app', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' },
        ],
        restartPolicy: 'Always',
        terminationGracePeriodSeconds: 30,
        dnsPolicy: 'ClusterFirst',
        schedulerName: 'default-scheduler',
        securityContext: {},
      },
    },
  },
})

const expectDecodesUnchanged = (obj: ReplicaSet): void => {
  const decoded = decode(obj)
  if (E.isLeft(decoded)) expect.fail(decoded.left.message)
  expect(decoded.right).toEqual(obj)
  expect(applyDefaults(obj)).toEqual(obj)
}

describe('names', () => {
  it('dnsLabel generates DNS-1123 labels of at most 63 characters (or maxLength)', () => {
    fc.assert(
      fc.property(_.dnsLabel(), _.dnsLabel({ maxLength: 5 }), (a, b) => {
        expect(a.length).toBeLessThanOrEqual(63)
        expect(a).toMatch(DNS1123_LABEL)
        expect(b.length).toBeLessThanOrEqual(5)
        expect(b).toMatch(DNS1123_LABEL)
      }),
      { numRuns },
    )
  })

  it('dnsSubdomain generates DNS-1123 subdomains of at most 253 characters (or maxLength)', () => {
    fc.assert(
      fc.property(_.dnsSubdomain(), _.dnsSubdomain({ maxLength: 20 }), (a, b) => {
        expect(a.length).toBeLessThanOrEqual(253)
        expect(a).toMatch(DNS1123_SUBDOMAIN)
        expect(b.length).toBeLessThanOrEqual(20)
        expect(b).toMatch(DNS1123_SUBDOMAIN)
      }),
      { numRuns },
    )
  })

  it('is biased toward short names but reaches the length limits', () => {
    const labels = fc.sample(_.dnsLabel(), { numRuns: 2000, seed: 1 })
    const subdomains = fc.sample(_.dnsSubdomain(), { numRuns: 2000, seed: 1 })
    expect(labels.filter((l) => l.length <= 12).length).toBeGreaterThan(1500)
    expect(Math.max(...labels.map((l) => l.length))).toBeGreaterThanOrEqual(61)
    expect(Math.max(...subdomains.map((s) => s.length))).toBeGreaterThanOrEqual(240)
  })

  it('labelKey and labelValue generate valid label keys and values, with and without prefixes', () => {
    fc.assert(
      fc.property(_.labelKey(), _.labelKey({ prefixed: true }), _.labelKey({ prefixed: false }), _.labelValue(), (k, p, n, v) => {
        expect(isLabelKey(k)).toBe(true)
        expect(isLabelKey(p) && p.includes('/')).toBe(true)
        expect(isLabelKey(n) && !n.includes('/')).toBe(true)
        expect(v.length).toBeLessThanOrEqual(63)
        expect(v).toMatch(LABEL_VALUE)
      }),
      { numRuns },
    )
  })

  it('nameSuffix draws 5 characters from the API server alphabet', () => {
    fc.assert(
      fc.property(_.nameSuffix(), (s) => {
        expect(s).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{5}$/)
      }),
      { numRuns },
    )
  })
})

describe('labels and selectors', () => {
  it('labels generates plain label maps within the key bounds', () => {
    fc.assert(
      fc.property(_.labels({ minKeys: 1, maxKeys: 3 }), (l) => {
        expect(Object.getPrototypeOf(l)).toBe(Object.prototype)
        const keys = Object.keys(l)
        expect(keys.length).toBeGreaterThanOrEqual(1)
        expect(keys.length).toBeLessThanOrEqual(3)
        for (const [k, v] of Object.entries(l)) {
          expect(isLabelKey(k)).toBe(true)
          expect(v).toMatch(LABEL_VALUE)
        }
      }),
      { numRuns },
    )
  })

  it('selectorAndLabels: the selector matches the labels, and a ReplicaSet using both decodes unchanged', () => {
    fc.assert(
      fc.property(_.selectorAndLabels({ allowEmpty: false }), _.objectMeta({ generation: true, terminating: false }), ({ selector, labels }, meta) => {
        expect(fromLabelSelector(selector)(labels)).toBe(true)
        expect(isEmpty(selector)).toBe(false)
        expectDecodesUnchanged(replicaSet(meta, selector, labels))
      }),
      { numRuns },
    )
  })

  it('labelSelector({ labels }) matches the given labels, for every operator set, empty or not', () => {
    const ops = fc.subarray(['In', 'NotIn', 'Exists', 'DoesNotExist'] as const, { minLength: 1 })
    const arb = fc
      .record({ labels: _.labels({ minKeys: 1 }), operators: ops, maxMatchLabels: fc.nat(3), allowEmpty: fc.boolean() })
      .chain((c) => _.labelSelector(c).map((selector) => ({ ...c, selector })))
    fc.assert(
      fc.property(arb, ({ labels, operators, maxMatchLabels, allowEmpty, selector }) => {
        expect(fromLabelSelector(selector)(labels)).toBe(true)
        if (!allowEmpty) expect(isEmpty(selector)).toBe(false)
        expect(Object.keys(selector.matchLabels ?? {}).length).toBeLessThanOrEqual(maxMatchLabels)
        for (const r of selector.matchExpressions ?? []) expect(operators).toContain(r.operator)
      }),
      { numRuns },
    )
  })

  it('labelSelector refuses constraints no non-empty selector can meet', () => {
    expect(() => _.labelSelector({ labels: {}, operators: ['In', 'Exists'], allowEmpty: false })).toThrow(/no non-empty selector/)
  })

  it('labelSelector without labels generates well-formed selectors, and allowEmpty: false never the empty one', () => {
    fc.assert(
      fc.property(_.labelSelector({ allowEmpty: false }), _.labelSelector({ operators: [], allowEmpty: false }), (s, ml) => {
        expect(isEmpty(s)).toBe(false)
        expect(ml.matchExpressions).toBeUndefined()
        expect(Object.keys(ml.matchLabels ?? {}).length).toBeGreaterThan(0)
        for (const r of s.matchExpressions ?? []) {
          expect(isLabelKey(r.key)).toBe(true)
          if (r.operator === 'In' || r.operator === 'NotIn') expect(r.values?.length).toBeGreaterThan(0)
          else expect(r.values).toBeUndefined()
          for (const v of r.values ?? []) expect(v).toMatch(LABEL_VALUE)
        }
      }),
      { numRuns },
    )
  })

  it('generates every operator and both selector parts', () => {
    const seen = new Set<string>()
    for (const { selector } of fc.sample(_.selectorAndLabels(), { numRuns: 500, seed: 2 })) {
      if (selector.matchLabels !== undefined) seen.add('matchLabels')
      for (const r of selector.matchExpressions ?? []) seen.add(r.operator)
    }
    expect([...seen].sort()).toEqual(['DoesNotExist', 'Exists', 'In', 'NotIn', 'matchLabels'])
  })

  it('labelsNotMatching gives near misses the selector rejects', () => {
    fc.assert(
      fc.property(
        _.selectorAndLabels({ allowEmpty: false }).chain(({ selector, labels }) =>
          _.labelsNotMatching(selector, labels).map((miss) => ({ selector, miss })),
        ),
        ({ selector, miss }) => {
          expect(fromLabelSelector(selector)(miss)).toBe(false)
          for (const [k, v] of Object.entries(miss)) {
            expect(isLabelKey(k)).toBe(true)
            expect(v).toMatch(LABEL_VALUE)
          }
        },
      ),
      { numRuns },
    )
  })

  it('labelsNotMatching refuses the empty selector, which matches everything', () => {
    expect(() => _.labelsNotMatching({})).toThrow(/matches every label map/)
  })
})

describe('identity, time and ownership', () => {
  it('uid generates lowercase version-4 UUIDs', () => {
    fc.assert(
      fc.property(_.uid(), (u) => {
        expect(u).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
      }),
      { numRuns },
    )
  })

  it('timestamp and now stay within the window, in whole seconds', () => {
    const min = new Date('2024-01-01T00:00:00Z')
    const max = new Date('2024-01-02T00:00:00Z')
    fc.assert(
      fc.property(_.timestamp({ min, max }), _.now({ min, max }), (ts, now) => {
        expect(ts).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/)
        const ms = T.parse(ts) ?? Number.NaN
        expect(ms).toBeGreaterThanOrEqual(min.getTime())
        expect(ms).toBeLessThanOrEqual(max.getTime())
        expect(now.getTime() % 1000).toBe(0)
        expect(now.getTime()).toBeGreaterThanOrEqual(min.getTime())
        expect(now.getTime()).toBeLessThanOrEqual(max.getTime())
      }),
      { numRuns },
    )
  })

  it('ownerReferences never holds two controller references, and withController: true exactly one', () => {
    fc.assert(
      fc.property(_.ownerReferences({ maxLength: 3 }), _.ownerReferences({ withController: true }), (any, one) => {
        expect(any.filter((r) => r.controller === true).length).toBeLessThanOrEqual(1)
        expect(one.filter((r) => r.controller === true).length).toBe(1)
        for (const r of [...any, ...one]) {
          expect(r.uid).not.toBe('')
          expect(r.name).toMatch(DNS1123_SUBDOMAIN)
          if (r.controller === true) expect(r.blockOwnerDeletion).toBe(true)
        }
      }),
      { numRuns },
    )
  })

  it('objectMeta decodes unchanged inside an object, with every optional part', () => {
    const meta = _.objectMeta({
      generation: true,
      generateName: 'web-',
      annotations: _.labels({ keys: _.labelKey() }),
      ownerReferences: _.ownerReferences(),
      finalizers: fc.subarray(['example.com/protect']),
    })
    fc.assert(
      fc.property(meta, _.selectorAndLabels({ allowEmpty: false }), (m, { selector, labels }) => {
        expect(m.name?.startsWith('web-')).toBe(true)
        expect(m.name).toHaveLength(9)
        for (const k of ['namespace', 'uid', 'resourceVersion', 'creationTimestamp'] as const) expect(m[k]).toBeDefined()
        if (m.deletionTimestamp !== undefined) {
          expect(m.deletionGracePeriodSeconds).toBeDefined()
          expect(T.parse(m.deletionTimestamp)).toBeGreaterThanOrEqual(T.parse(m.creationTimestamp) ?? Number.NaN)
        }
        expectDecodesUnchanged(replicaSet(m, selector, labels))
      }),
      { numRuns },
    )
  })

  it('objectMeta leaves out empty maps and lists, as the API server stores them', () => {
    fc.assert(
      fc.property(_.objectMeta({ labels: {}, clusterScoped: true, terminating: false }), (m) => {
        expect(Object.keys(m).sort()).toEqual(['creationTimestamp', 'name', 'resourceVersion', 'uid'])
      }),
      { numRuns },
    )
  })
})
