import * as E from 'fp-ts/lib/Either.js'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { applyDefaults } from '../../src/api/defaults.js'
import { decode } from '../../src/api/decode.js'
import * as _ from '../../src/arbitraries/cluster.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import * as Pods from '../../src/core/pods.js'
import * as T from '../../src/core/time.js'

const numRuns = Number(process.env['PROPERTY_RUNS'] ?? 50)

describe('clusterView', () => {
  it('every object decodes unchanged, and the view holds exactly the objects', () => {
    fc.assert(
      fc.property(_.clusterView(), (c) => {
        for (const o of c.objects) {
          const decoded = decode(o)
          if (E.isLeft(decoded)) expect.fail(decoded.left.message)
          expect(decoded.right).toEqual(o)
          expect(applyDefaults(o)).toEqual(o)
        }
        expect(c.objects).toEqual([...c.nodes, ...c.pods])
        expect(ClusterView.size(c.view)).toBe(c.objects.length)
      }),
      { numRuns },
    )
  })

  it('binds pods only to its nodes, within allocatable pods, and keeps names and uids distinct', () => {
    fc.assert(
      fc.property(_.clusterView({ maxPodsPerNode: 6, node: { maxPods: 4 } }), (c) => {
        const nodeNames = new Set(c.nodes.map((n) => n.metadata.name))
        expect(nodeNames.size).toBe(c.nodes.length)
        for (const n of c.nodes) {
          const bound = ClusterView.podsOnNode(c.view, n.metadata.name ?? '')
          expect(bound.length).toBeLessThanOrEqual(Number(n.status?.allocatable?.['pods']))
          expect(bound.length).toBeLessThanOrEqual(4)
          for (const p of bound) {
            for (const [k, v] of Object.entries(p.spec.nodeSelector ?? {})) expect(n.metadata.labels?.[k]).toBe(v)
          }
        }
        for (const p of c.pods) if (p.spec.nodeName !== undefined) expect(nodeNames.has(p.spec.nodeName)).toBe(true)
        const podKeys = c.pods.map((p) => `${p.metadata.namespace}/${p.metadata.name}`)
        expect(new Set(podKeys).size).toBe(podKeys.length)
        const uids = c.objects.map((o) => o.metadata.uid)
        expect(new Set(uids).size).toBe(uids.length)
      }),
      { numRuns },
    )
  })

  it('puts every timestamp but deletion times at or before now, and honours the constraints', () => {
    const now = new Date('2025-03-01T12:00:00Z')
    fc.assert(
      fc.property(
        _.clusterView({ now, minNodes: 1, maxNodes: 2, namespaces: ['a'], pod: { ready: true, terminating: false } }),
        (c) => {
          expect(c.now).toEqual(now)
          expect(c.nodes.length).toBeGreaterThanOrEqual(1)
          expect(c.nodes.length).toBeLessThanOrEqual(2)
          for (const o of c.objects) expect(T.parse(o.metadata.creationTimestamp)).toBeLessThanOrEqual(now.getTime())
          for (const p of c.pods) {
            expect(p.metadata.namespace).toBe('a')
            expect(Pods.isReady(p)).toBe(true)
            expect(T.parse(p.status?.startTime)).toBeLessThanOrEqual(now.getTime())
          }
        },
      ),
      { numRuns },
    )
  })

  it('generates now within the window when none is given', () => {
    const window = { min: new Date('2030-01-01T00:00:00Z'), max: new Date('2030-01-01T01:00:00Z') }
    fc.assert(
      fc.property(_.clusterView({ window, maxNodes: 1 }), (c) => {
        expect(c.now.getTime()).toBeGreaterThanOrEqual(window.min.getTime())
        expect(c.now.getTime()).toBeLessThanOrEqual(window.max.getTime())
      }),
      { numRuns },
    )
  })

  it('renames clashing pod names and renumbers clashing uids', () => {
    fc.assert(
      fc.property(
        _.clusterView({ minNodes: 2, maxNodes: 2, namespaces: ['default'], pod: { uid: '00000000-0000-4000-8000-000000000000' } }),
        (c) => {
          const uids = c.pods.map((p) => p.metadata.uid)
          expect(new Set(uids).size).toBe(uids.length)
          for (const u of uids) expect(u).toMatch(/^00000000-0000-4000-8000-[0-9a-f]{12}$/)
          for (const p of c.pods) expect(p.metadata.name).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/)
        },
      ),
      { numRuns },
    )
  })

  it('prints counterexamples as objects rather than view internals', () => {
    const [c] = fc.sample(_.clusterView({ minNodes: 1, maxNodes: 1 }), { numRuns: 1, seed: 6 })
    if (c === undefined) expect.fail('no cluster sampled')
    const printed = fc.stringify(c)
    expect(printed.startsWith('clusterView({')).toBe(true)
    expect(printed).toContain('"kind":"Node"')
    expect(printed).not.toContain('byKindNs')
  })

  it('shrinks a failing cluster to a minimal one', () => {
    const details = fc.check(
      fc.property(_.clusterView(), (c) => c.pods.length < 2),
      { seed: 7, numRuns: 200 },
    )
    expect(details.failed).toBe(true)
    const [c] = details.counterexample ?? []
    expect(c?.pods.length).toBe(2)
  })
})
