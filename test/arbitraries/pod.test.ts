import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyDefaults } from '../../src/api/defaults.js'
import { decode } from '../../src/api/decode.js'
import type { KubeObject } from '../../src/api/object.js'
import type { Pod } from '../../src/api/pod.js'
import type { ReplicaSet } from '../../src/api/workloads.js'
import { ownerReferences, selectorAndLabels } from '../../src/arbitraries/meta.js'
import * as _ from '../../src/arbitraries/pod.js'
import * as Pods from '../../src/core/pods.js'
import * as T from '../../src/core/time.js'

const numRuns = Number(process.env['PROPERTY_RUNS'] ?? 100)

const expectDecodesUnchanged = (obj: KubeObject): void => {
  const decoded = decode(obj)
  if (E.isLeft(decoded)) expect.fail(`${decoded.left.message}\n${JSON.stringify(obj)}`)
  expect(decoded.right).toEqual(obj)
  expect(applyDefaults(obj)).toEqual(obj)
}

const now = new Date('2024-06-01T00:00:00Z')

describe('podTemplate', () => {
  it('decodes unchanged inside a ReplicaSet (valid and already defaulted)', () => {
    const arb = selectorAndLabels({ allowEmpty: false }).chain(({ selector, labels }) =>
      _.podTemplate({ labels, restartPolicies: ['Always'] }).map((template) => ({ selector, template })),
    )
    fc.assert(
      fc.property(arb, ({ selector, template }) => {
        const rs: ReplicaSet = {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          metadata: { name: 'web', namespace: 'default' },
          spec: { replicas: 2, minReadySeconds: 0, selector, template },
        }
        expectDecodesUnchanged(rs)
      }),
      { numRuns },
    )
  })

  it('keeps container names distinct and restart policies within the given set', () => {
    fc.assert(
      fc.property(_.podTemplate({ restartPolicies: ['OnFailure', 'Never'], maxContainers: 3 }), (t) => {
        const names = t.spec.containers.map((c) => c.name)
        expect(new Set(names).size).toBe(names.length)
        expect(names.length).toBeGreaterThanOrEqual(1)
        expect(names.length).toBeLessThanOrEqual(3)
        expect(['OnFailure', 'Never']).toContain(t.spec.restartPolicy)
      }),
      { numRuns },
    )
  })
})

describe('pod', () => {
  it('decodes unchanged (valid and already defaulted)', () => {
    fc.assert(
      fc.property(_.pod({ ownerReferences: ownerReferences() }), (p) => {
        expectDecodesUnchanged(p)
      }),
      { numRuns },
    )
  })

  it('has a status consistent with its phase and times ordered creation ≤ start ≤ transition ≤ now', () => {
    fc.assert(
      fc.property(_.pod({ now }), (p: Pod) => {
        const status = p.status ?? {}
        const created = T.parse(p.metadata.creationTimestamp) ?? Number.NaN
        expect(created).toBeLessThanOrEqual(now.getTime())
        if (p.spec.nodeName === undefined) {
          expect(status.phase).toBe('Pending')
          expect(status.startTime).toBeUndefined()
        } else {
          const start = T.parse(status.startTime) ?? Number.NaN
          expect(start).toBeGreaterThanOrEqual(created)
          for (const c of status.conditions ?? []) {
            const at = T.parse(c.lastTransitionTime) ?? Number.NaN
            expect(at).toBeGreaterThanOrEqual(start)
            expect(at).toBeLessThanOrEqual(now.getTime())
          }
          expect(status.containerStatuses?.map((s) => s.name)).toEqual(p.spec.containers.map((c) => c.name))
        }
        if (Pods.isReady(p)) expect(status.phase).toBe('Running')
        if (p.spec.restartPolicy === 'Never') expect(Pods.maxRestarts(p)).toBe(0)
        if (p.metadata.deletionTimestamp !== undefined) expect(p.metadata.deletionGracePeriodSeconds).toBeDefined()
      }),
      { numRuns },
    )
  })

  it('honours ready, scheduled, nodeNames, terminating and phases', () => {
    fc.assert(
      fc.property(
        _.pod({ ready: true, nodeNames: ['n1', 'n2'], terminating: false }),
        _.pod({ scheduled: false, phases: ['Running'] }),
        _.pod({ ready: false, phases: ['Running', 'Succeeded'], scheduled: true, terminating: true }),
        (ready, unscheduled, notReady) => {
          expect(Pods.isReady(ready)).toBe(true)
          expect(['n1', 'n2']).toContain(ready.spec.nodeName)
          expect(Pods.isActive(ready)).toBe(true)
          expect(unscheduled.spec.nodeName).toBeUndefined()
          expect(unscheduled.status?.phase).toBe('Pending')
          expect(Pods.isReady(notReady)).toBe(false)
          expect(['Running', 'Succeeded']).toContain(notReady.status?.phase)
          expect(notReady.metadata.deletionTimestamp).toBeDefined()
        },
      ),
      { numRuns },
    )
  })

  it('is made from a given template like a controller-created pod', () => {
    const arb = _.podTemplate({ restartPolicies: ['Always'] }).chain((template) =>
      _.pod({ template, generateName: 'web-6d4f8-', namespace: 'prod' }).map((p) => ({ template, p })),
    )
    fc.assert(
      fc.property(arb, ({ template, p }) => {
        expect(p.metadata.labels).toEqual(template.metadata?.labels)
        expect(p.metadata.generateName).toBe('web-6d4f8-')
        expect(p.metadata.name).toMatch(/^web-6d4f8-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
        expect(p.metadata.namespace).toBe('prod')
        const { nodeName: _n, enableServiceLinks, ...spec } = p.spec
        expect(enableServiceLinks).toBe(true)
        expect(spec).toEqual(template.spec)
      }),
      { numRuns },
    )
  })

  it('generates every phase, ready and unready running pods, terminating and unscheduled pods', () => {
    const pods = fc.sample(_.pod(), { numRuns: 300, seed: 3 })
    expect(new Set(pods.map((p) => p.status?.phase))).toEqual(new Set(['Pending', 'Running', 'Succeeded', 'Failed']))
    expect(pods.some(Pods.isReady)).toBe(true)
    expect(pods.some((p) => p.status?.phase === 'Running' && !Pods.isReady(p))).toBe(true)
    expect(pods.some((p) => p.metadata.deletionTimestamp !== undefined)).toBe(true)
    expect(pods.some((p) => p.spec.nodeName === undefined)).toBe(true)
    expect(pods.some((p) => Pods.maxRestarts(p) > 0)).toBe(true)
  })

  it('rejects contradictory constraints when built', () => {
    expect(() => _.pod({ ready: true, nodeNames: [] })).toThrow(/ready pod must be bound/)
    expect(() => _.pod({ scheduled: true, nodeNames: [] })).toThrow(/nodeNames is empty/)
    expect(() => _.pod({ phases: [] })).toThrow(/phases is empty/)
  })
})

describe('toleration', () => {
  it('generates tolerations the API server accepts', () => {
    fc.assert(
      fc.property(_.pod({ tolerations: fc.array(_.toleration(), { minLength: 1, maxLength: 4 }) }), (p) => {
        for (const t of p.spec.tolerations ?? []) {
          if (t.key === undefined) expect(t.operator).toBe('Exists')
          if (t.operator === 'Exists') expect(t.value).toBeUndefined()
          if (t.tolerationSeconds !== undefined) expect(t.effect).toBe('NoExecute')
        }
        expectDecodesUnchanged(p)
      }),
      { numRuns },
    )
  })
})
