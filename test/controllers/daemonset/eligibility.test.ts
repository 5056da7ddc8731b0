/**
 * Node eligibility (upstream `NodeShouldRunDaemonPod`, daemonset_util_test.go and
 * daemon_controller_test.go behaviours): node selector, required node affinity, taints against
 * the pod's and the daemon tolerations, the two booleans, and the tolerations every daemon pod gets.
 */
import { describe, expect, it } from 'vitest'
import type { Node, Taint } from '../../../src/api/node.js'
import type { PodTemplateSpec, Toleration } from '../../../src/api/pod.js'
import {
  addOrUpdateToleration,
  daemonTaintKeys,
  daemonTolerations,
  nodeShouldRunDaemonPod,
  untoleratedTaint,
  withDaemonTolerations,
} from '../../../src/core/daemonEligibility.js'
import { affinityMatches, termMatches } from '../../../src/core/nodes.js'
import { node } from './fixtures.js'

const template = (spec: Partial<PodTemplateSpec['spec']> = {}): PodTemplateSpec => ({
  metadata: { labels: { app: 'agent' } },
  spec: { containers: [{ name: 'c' }], ...spec },
})

const place = (n: Node, spec: Partial<PodTemplateSpec['spec']> = {}): string => {
  const p = nodeShouldRunDaemonPod(n, template(spec))
  return `${p.shouldRun}/${p.shouldContinueRunning}`
}

const tainted = (...taints: ReadonlyArray<Taint>): Node => node('n1', { taints })

describe('daemon tolerations', () => {
  it('are the six upstream ones, plus network-unavailable only for host-network pods', () => {
    const keys = (ts: ReadonlyArray<Toleration>) => ts.map((t) => `${t.key}:${t.effect}:${t.operator}`)
    expect(keys(daemonTolerations(false))).toEqual([
      'node.kubernetes.io/not-ready:NoExecute:Exists',
      'node.kubernetes.io/unreachable:NoExecute:Exists',
      'node.kubernetes.io/disk-pressure:NoSchedule:Exists',
      'node.kubernetes.io/memory-pressure:NoSchedule:Exists',
      'node.kubernetes.io/pid-pressure:NoSchedule:Exists',
      'node.kubernetes.io/unschedulable:NoSchedule:Exists',
    ])
    expect(keys(daemonTolerations(true))).toEqual([...keys(daemonTolerations(false)), 'node.kubernetes.io/network-unavailable:NoSchedule:Exists'])
    expect(daemonTolerations(false).every((t) => t.tolerationSeconds === undefined)).toBe(true)
  })

  it('replace a same key/operator/value/effect user toleration (dropping its tolerationSeconds) and append the rest', () => {
    const user: ReadonlyArray<Toleration> = [
      { key: daemonTaintKeys.notReady, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 },
      { key: 'dedicated', operator: 'Equal', value: 'x', effect: 'NoSchedule' },
    ]
    const out = withDaemonTolerations({ containers: [], tolerations: user }).tolerations ?? []
    expect(out[0]).toEqual({ key: daemonTaintKeys.notReady, operator: 'Exists', effect: 'NoExecute' })
    expect(out[1]).toEqual(user[1])
    expect(out).toHaveLength(7)
  })

  it('keep a toleration that differs in operator, value or effect', () => {
    const t = { key: daemonTaintKeys.unreachable, operator: 'Exists', effect: 'NoSchedule' }
    expect(addOrUpdateToleration([t], daemonTolerations(false)[1]!)).toEqual([t, daemonTolerations(false)[1]])
    const v = { key: 'k', operator: 'Equal', value: 'a' }
    expect(addOrUpdateToleration([v], { key: 'k', operator: 'Equal', value: 'b' })).toHaveLength(2)
    expect(addOrUpdateToleration([v], { key: 'k', operator: 'Equal', value: 'a' })).toEqual([{ key: 'k', operator: 'Equal', value: 'a' }])
  })

  it('are added for a host-network template (read from the unknown field)', () => {
    const spec = { containers: [], hostNetwork: true } as unknown as PodTemplateSpec['spec']
    expect((withDaemonTolerations(spec).tolerations ?? []).some((t) => t.key === daemonTaintKeys.networkUnavailable)).toBe(true)
    expect((withDaemonTolerations({ containers: [] }).tolerations ?? []).some((t) => t.key === daemonTaintKeys.networkUnavailable)).toBe(false)
  })
})

describe('NodeShouldRunDaemonPod', () => {
  it('an untainted matching node: should run and continue', () => {
    expect(place(node('n1'))).toBe('true/true')
  })

  it('spec.nodeName naming another node: nowhere; naming this one: everywhere', () => {
    expect(place(node('n1'), { nodeName: 'n2' })).toBe('false/false')
    expect(place(node('n1'), { nodeName: 'n1' })).toBe('true/true')
  })

  it('node selector: every key with that value', () => {
    const n = node('n1', { labels: { role: 'web', zone: 'a' } })
    expect(place(n, { nodeSelector: { role: 'web' } })).toBe('true/true')
    expect(place(n, { nodeSelector: { role: 'web', zone: 'b' } })).toBe('false/false')
    expect(place(n, { nodeSelector: { gpu: 'yes' } })).toBe('false/false')
  })

  it('NoSchedule untolerated: keep but do not create; NoExecute untolerated: nowhere', () => {
    expect(place(tainted({ key: 'k', effect: 'NoSchedule' }))).toBe('false/true')
    expect(place(tainted({ key: 'k', effect: 'NoExecute' }))).toBe('false/false')
    expect(place(tainted({ key: 'k', effect: 'NoSchedule' }, { key: 'j', effect: 'NoExecute' }))).toBe('false/false')
  })

  it('PreferNoSchedule is ignored', () => {
    expect(place(tainted({ key: 'k', effect: 'PreferNoSchedule' }))).toBe('true/true')
  })

  it('tolerated taints: by the template or by the daemon tolerations', () => {
    expect(place(tainted({ key: 'k', value: 'v', effect: 'NoExecute' }), { tolerations: [{ key: 'k', operator: 'Equal', value: 'v' }] })).toBe('true/true')
    expect(place(tainted({ key: 'k', value: 'v', effect: 'NoExecute' }), { tolerations: [{ key: 'k', operator: 'Equal', value: 'w' }] })).toBe('false/false')
    expect(place(tainted({ key: 'k', effect: 'NoExecute' }), { tolerations: [{ operator: 'Exists' }] })).toBe('true/true')
    expect(place(tainted({ key: 'k', effect: 'NoExecute' }), { tolerations: [{ key: 'k', operator: 'Exists', effect: 'NoSchedule' }] })).toBe('false/false')
    for (const key of [daemonTaintKeys.notReady, daemonTaintKeys.unreachable]) expect(place(tainted({ key, effect: 'NoExecute' }))).toBe('true/true')
    for (const key of [daemonTaintKeys.diskPressure, daemonTaintKeys.memoryPressure, daemonTaintKeys.pidPressure, daemonTaintKeys.unschedulable]) {
      expect(place(tainted({ key, effect: 'NoSchedule' }))).toBe('true/true')
      expect(place(tainted({ key, effect: 'NoExecute' }))).toBe('false/false')
    }
    expect(place(tainted({ key: daemonTaintKeys.networkUnavailable, effect: 'NoSchedule' }))).toBe('false/true')
    expect(place(tainted({ key: daemonTaintKeys.networkUnavailable, effect: 'NoSchedule' }), { hostNetwork: true } as never)).toBe('true/true')
  })

  it('cordons, readiness and capacity are ignored', () => {
    expect(place(node('n1', { unschedulable: true }))).toBe('true/true')
    expect(place(node('n1', { ready: false }))).toBe('true/true')
  })

  it('untoleratedTaint finds the first untolerated taint of the effects asked', () => {
    const ts: ReadonlyArray<Taint> = [{ key: 'a', effect: 'NoSchedule' }, { key: 'b', effect: 'NoExecute' }]
    expect(untoleratedTaint(ts, [], ['NoExecute'])).toEqual(ts[1])
    expect(untoleratedTaint(ts, [], ['NoSchedule', 'NoExecute'])).toEqual(ts[0])
    expect(untoleratedTaint(ts, [{ key: 'b', operator: 'Exists' }], ['NoExecute'])).toBeUndefined()
  })
})

describe('required node affinity', () => {
  const n = node('n1', { labels: { role: 'web', rank: '0206' } })
  const req = (...nodeSelectorTerms: ReadonlyArray<object>) =>
    ({ affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms } } } }) as never

  it('terms are ORed, expressions ANDed', () => {
    expect(place(n, req({ matchExpressions: [{ key: 'role', operator: 'In', values: ['db'] }] }, { matchExpressions: [{ key: 'role', operator: 'In', values: ['web'] }] }))).toBe('true/true')
    expect(place(n, req({ matchExpressions: [{ key: 'role', operator: 'In', values: ['web'] }, { key: 'gpu', operator: 'Exists' }] }))).toBe('false/false')
  })

  it('an empty term list or an empty term matches nothing', () => {
    expect(place(n, req())).toBe('false/false')
    expect(place(n, req({}))).toBe('false/false')
  })

  it('NotIn and DoesNotExist match nodes without the label; Gt/Lt parse integers with leading zeros', () => {
    expect(place(n, req({ matchExpressions: [{ key: 'gpu', operator: 'NotIn', values: ['x'] }] }))).toBe('true/true')
    expect(place(n, req({ matchExpressions: [{ key: 'gpu', operator: 'DoesNotExist' }] }))).toBe('true/true')
    expect(place(n, req({ matchExpressions: [{ key: 'rank', operator: 'Gt', values: ['204'] }] }))).toBe('true/true')
    expect(place(n, req({ matchExpressions: [{ key: 'rank', operator: 'Lt', values: ['206'] }] }))).toBe('false/false')
    expect(place(n, req({ matchExpressions: [{ key: 'rank', operator: 'Gt', values: ['1', '2'] }] }))).toBe('false/false')
    expect(place(n, req({ matchExpressions: [{ key: 'rank', operator: 'Gt', values: ['abc'] }] }))).toBe('false/false')
    expect(place(n, req({ matchExpressions: [{ key: 'rank', operator: 'Lt', values: [] }] }))).toBe('false/false')
    expect(place(n, req({ matchExpressions: [{ key: 'role', operator: 'DoesNotExist', values: ['x'] }] }))).toBe('false/false')
  })

  it('invalid requirements make their term match nothing while other terms may match', () => {
    const bad = { matchExpressions: [{ key: 'role', operator: 'In', values: [] }] }
    expect(place(n, req(bad))).toBe('false/false')
    expect(place(n, req({ matchExpressions: [{ key: 'gpu', operator: 'NotIn', values: [] }] }))).toBe('false/false')
    expect(place(n, req({ matchExpressions: [{ key: 'gpu', operator: 'Exists', values: ['x'] }] }))).toBe('false/false')
    expect(place(n, req({ matchExpressions: [{ key: 'role', operator: 'Bogus', values: ['web'] }] }))).toBe('false/false')
    expect(place(n, req(bad, { matchExpressions: [{ key: 'role', operator: 'In', values: ['web'] }] }))).toBe('true/true')
  })

  it('matchFields: metadata.name In/NotIn with exactly one value; other fields read as empty', () => {
    const f = (operator: string, values: ReadonlyArray<string>, key = 'metadata.name') => ({ matchFields: [{ key, operator, values }] })
    expect(termMatches(f('In', ['n1']), n)).toBe(true)
    expect(termMatches(f('In', ['n2']), n)).toBe(false)
    expect(termMatches(f('NotIn', ['n2']), n)).toBe(true)
    expect(termMatches(f('NotIn', ['n1']), n)).toBe(false)
    expect(termMatches(f('In', ['n1', 'n2']), n)).toBe(false)
    expect(termMatches(f('Exists', []), n)).toBe(false)
    expect(termMatches(f('In', ['n1'], 'metadata.uid'), n)).toBe(false)
    expect(termMatches(f('NotIn', ['n1'], 'metadata.uid'), n)).toBe(true)
  })

  it('node selector and required affinity must both accept the node', () => {
    const affinity = (req({ matchExpressions: [{ key: 'role', operator: 'Exists' }] }) as { readonly affinity: object }).affinity
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers: [], nodeSelector: { role: 'db' }, affinity } } as never
    expect(affinityMatches(pod, n)).toBe(false)
  })
})
