import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyDefaults } from '../../src/api/defaults.js'
import { decode } from '../../src/api/decode.js'
import type { Node } from '../../src/api/node.js'
import * as _ from '../../src/arbitraries/node.js'
import * as T from '../../src/core/time.js'

const numRuns = Number(process.env['PROPERTY_RUNS'] ?? 100)
const now = new Date('2024-06-01T00:00:00Z')

const ready = (n: Node) => n.status?.conditions?.find((c) => c.type === 'Ready')
const hasTaint = (n: Node, key: string, effect: string): boolean =>
  (n.spec?.taints ?? []).some((t) => t.key === key && t.effect === effect)

describe('node', () => {
  it('decodes unchanged (valid and already defaulted)', () => {
    fc.assert(
      fc.property(_.node(), (n) => {
        const decoded = decode(n)
        if (E.isLeft(decoded)) expect.fail(decoded.left.message)
        expect(decoded.right).toEqual(n)
        expect(applyDefaults(n)).toEqual(n)
      }),
      { numRuns },
    )
  })

  it('carries the lifecycle taints and heartbeats that match its readiness and cordoning', () => {
    fc.assert(
      fc.property(_.node({ now }), (n) => {
        const c = ready(n)
        const status = c?.status
        expect(['True', 'False', 'Unknown']).toContain(status)
        expect(hasTaint(n, _.notReadyTaintKey, 'NoExecute')).toBe(status === 'False')
        expect(hasTaint(n, _.unreachableTaintKey, 'NoExecute')).toBe(status === 'Unknown')
        expect(hasTaint(n, _.unschedulableTaintKey, 'NoSchedule')).toBe(n.spec?.unschedulable === true)
        const heartbeat = T.parse(c?.lastHeartbeatTime) ?? Number.NaN
        const age = (now.getTime() - heartbeat) / 1000
        const created = T.parse(n.metadata.creationTimestamp) ?? Number.NaN
        expect(heartbeat).toBeGreaterThanOrEqual(created)
        if (status !== 'Unknown') expect(age).toBeLessThanOrEqual(40)
        for (const cond of n.status?.conditions ?? []) expect(T.parse(cond.lastTransitionTime)).toBeLessThanOrEqual(now.getTime())
        const keys = (n.spec?.taints ?? []).map((t) => `${t.key}:${t.effect}`)
        expect(new Set(keys).size).toBe(keys.length)
        expect(n.metadata.labels?.['kubernetes.io/hostname']).toBe(n.metadata.name)
        expect(n.metadata.namespace).toBeUndefined()
      }),
      { numRuns },
    )
  })

  it('honours readiness, unschedulable, allocatable pods and conditionTaints', () => {
    fc.assert(
      fc.property(
        _.node({ readiness: ['False'], unschedulable: true, minPods: 3, maxPods: 5, conditionTaints: false, maxTaints: 0 }),
        (n) => {
          expect(ready(n)?.status).toBe('False')
          expect(n.spec?.unschedulable).toBe(true)
          expect(n.spec?.taints).toBeUndefined()
          const pods = Number(n.status?.allocatable?.['pods'])
          expect(pods).toBeGreaterThanOrEqual(3)
          expect(pods).toBeLessThanOrEqual(5)
        },
      ),
      { numRuns },
    )
  })

  it('generates every readiness, cordoned nodes and user taints', () => {
    const nodes = fc.sample(_.node(), { numRuns: 300, seed: 5 })
    expect(new Set(nodes.map((n) => ready(n)?.status))).toEqual(new Set(['True', 'False', 'Unknown']))
    expect(nodes.some((n) => n.spec?.unschedulable === true)).toBe(true)
    expect(nodes.some((n) => (n.spec?.taints ?? []).some((t) => _.commonTaintKeys.includes(t.key)))).toBe(true)
  })
})

describe('taint', () => {
  it('generates taints with a valid effect', () => {
    fc.assert(
      fc.property(_.taint(), (t) => {
        expect(_.taintEffects).toContain(t.effect)
        expect(t.key).not.toBe('')
      }),
      { numRuns },
    )
  })
})
