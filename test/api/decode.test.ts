import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as _ from '../../src/api/decode.js'
import { deepFreeze, expectIssue, issues, manifests, right, setIn } from './util.js'

const container0 = ['spec', 'template', 'spec', 'containers', 0] as const

const nest = (levels: number): unknown => {
  let v: unknown = 'leaf'
  for (let i = 0; i < levels; i++) v = { a: v }
  return v
}

const cyclic = (): unknown => {
  const d = manifests.deployment()
  const spec = d['spec'] as Record<string, unknown>
  spec['loop'] = spec
  return d
}

/** [name, input, expected path, message fragment] */
const badInputs: ReadonlyArray<readonly [string, () => unknown, string, string]> = [
  ['image is a number', () => setIn(manifests.deployment(), [...container0, 'image'], 3), 'spec.template.spec.containers[0].image', 'expected string, got number'],
  ['container is a number', () => setIn(manifests.deployment(), [...container0], 7), 'spec.template.spec.containers[0]', 'expected object, got number'],
  ['containers is an object', () => setIn(manifests.pod(), ['spec', 'containers'], {}), 'spec.containers', 'expected array, got object'],
  ['replicas is a string', () => setIn(manifests.deployment(), ['spec', 'replicas'], '3'), 'spec.replicas', 'expected number, got string'],
  ['label value is a number', () => setIn(manifests.pod(), ['metadata', 'labels', 'app'], 1), 'metadata.labels[app]', 'expected string, got number'],
  ['spec missing', () => setIn(manifests.deployment(), ['spec'], undefined), 'spec', 'required'],
  ['containers missing', () => setIn(manifests.deployment(), ['spec', 'template', 'spec', 'containers'], undefined), 'spec.template.spec.containers', 'required'],
  ['container name missing', () => setIn(manifests.deployment(), [...container0, 'name'], undefined), 'spec.template.spec.containers[0].name', 'required'],
  ['metadata is an array', () => setIn(manifests.pod(), ['metadata'], []), 'metadata', 'expected object, got array'],
  ['a string', () => 'apiVersion: v1', '', 'expected a Kubernetes object'],
  ['null', () => null, '', 'got null'],
  ['an array', () => [manifests.pod()], '', 'got array'],
  ['undefined', () => undefined, '', 'undefined is not a JSON value'],
  ['kind missing', () => ({ apiVersion: 'v1' }), 'kind', "required: the object's type"],
  ['kind is a number', () => ({ apiVersion: 'v1', kind: 5 }), 'kind', 'expected string, got number'],
  ['a generic kind with a bad name', () => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's.1' } }), 'metadata.name', 'must be a DNS-1035 label'],
  ['a List given to decode', () => ({ apiVersion: 'v1', kind: 'List', items: [] }), 'kind', 'use decodeManifests'],
  ['apiVersion missing', () => setIn(manifests.deployment(), ['apiVersion'], undefined), 'apiVersion', 'required; kind Deployment is served as "apps/v1"'],
  ['wrong apiVersion', () => setIn(manifests.deployment(), ['apiVersion'], 'extensions/v1beta1'), 'apiVersion', 'expected "apps/v1" for kind Deployment, got "extensions/v1beta1"'],
  ['__proto__ label key (JSON.parse)', () => JSON.parse('{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"__proto__":"x"}},"spec":{"containers":[{"name":"a","image":"x"}]}}'), 'metadata.labels[__proto__]', 'starting and ending with a letter or digit'],
  ['10 MB string', () => setIn(manifests.pod(), ['metadata', 'annotations', 'big'], 'x'.repeat(10 * 1024 * 1024)), 'metadata.annotations.big', 'larger than the API server accepts'],
  ['10,000 levels of nesting', () => setIn(manifests.pod(), ['spec', 'deep'], nest(10_000)), `spec.deep.${Array.from({ length: 62 }, () => 'a').join('.')}`, 'nested deeper than 64 levels'],
  ['a cycle', cyclic, 'spec.loop', 'circular reference'],
  ['an invalid Date', () => setIn(manifests.pod(), ['metadata', 'creationTimestamp'], new Date('nope')), 'metadata.creationTimestamp', 'invalid Date'],
  ['a function', () => setIn(manifests.pod(), ['spec', 'hook'], () => 1), 'spec.hook', 'function is not a JSON value'],
  ['a Map', () => setIn(manifests.pod(), ['metadata', 'labels'], new Map([['a', 'b']])), 'metadata.labels', 'a Map instance'],
  ['NaN replicas', () => setIn(manifests.deployment(), ['spec', 'replicas'], Number.NaN), 'spec.replicas', 'not a JSON number'],
]

describe('decode: bad inputs return Left with the path, never throw, never hang', () => {
  it.each(badInputs)('%s', (_name, make, path, message) => {
    const input = make()
    const t0 = performance.now()
    const result = _.decode(input)
    expect(performance.now() - t0).toBeLessThan(2000)
    expectIssue(issues(result), path, message)
  })

  it('collapses io-ts union noise into one readable issue per path', () => {
    const found = issues(_.decode(setIn(manifests.deployment(), ['spec', 'strategy'], { rollingUpdate: { maxSurge: true } })))
    expect(found).toEqual([{ path: 'spec.strategy.rollingUpdate.maxSurge', message: 'expected number or string, got boolean' }])
  })

  it('collapses intersection noise (a container that is not an object) into one issue', () => {
    const found = issues(_.decode(setIn(manifests.pod(), ['spec', 'containers', 0], 'app')))
    expect(found).toEqual([{ path: 'spec.containers[0]', message: 'expected object, got string' }])
  })

  it('reports every structural issue at once', () => {
    const input = setIn(setIn(manifests.deployment(), ['spec', 'replicas'], 'x'), [...container0, 'image'], 1)
    expect(issues(_.decode(input)).map((i) => i.path).sort()).toEqual(['spec.replicas', 'spec.template.spec.containers[0].image'])
  })

  it('prints as path: message lines', () => {
    const r = _.decode(setIn(manifests.deployment(), [...container0, 'image'], undefined))
    expect(E.isLeft(r) && r.left.message).toBe('spec.template.spec.containers[0].image: required')
  })
})

describe('decode: valid inputs', () => {
  it('applies the defaults', () => {
    const d = right(_.decode(manifests.deployment()))
    expect(d.metadata.namespace).toBe('default')
    expect(d.kind === 'Deployment' && d.spec).toMatchObject({
      replicas: 1,
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
      revisionHistoryLimit: 10,
      progressDeadlineSeconds: 600,
    })
  })

  it('keeps unknown fields everywhere, through decode and encode', () => {
    const d = manifests.deployment()
    const spec = d['spec'] as Record<string, any>
    const input = deepFreeze({
      ...d,
      extraTopLevel: { a: [1, 2] },
      metadata: { name: 'web', managedFields: [{ manager: 'kubectl' }], uid: 'u-1' },
      spec: {
        ...spec,
        futureField: 'x',
        template: {
          metadata: { labels: { app: 'web' }, annotations: { note: 'n' } },
          spec: {
            hostNetwork: true,
            topologySpreadConstraints: [{ maxSkew: 1 }],
            containers: [{ name: 'app', image: 'nginx:1.25', env: [{ name: 'A', value: '1' }], volumeMounts: [{ name: 'v', mountPath: '/v' }] }],
          },
        },
      },
      status: { replicas: 1, someNewCounter: 7, conditions: [{ type: 'Available', status: 'True', newField: 'k' }] },
    })
    const out = _.encode(right(_.decode(input))) as Record<string, any>
    expect(out['extraTopLevel']).toEqual({ a: [1, 2] })
    expect(out['metadata'].managedFields).toEqual([{ manager: 'kubectl' }])
    expect(out['spec'].futureField).toBe('x')
    expect(out['spec'].template.metadata.annotations).toEqual({ note: 'n' })
    expect(out['spec'].template.spec.hostNetwork).toBe(true)
    expect(out['spec'].template.spec.topologySpreadConstraints).toEqual([{ maxSkew: 1 }])
    expect(out['spec'].template.spec.containers[0].volumeMounts).toEqual([{ name: 'v', mountPath: '/v' }])
    expect(out['status'].someNewCounter).toBe(7)
    expect(out['status'].conditions[0].newField).toBe('k')
  })

  it('accepts Date timestamps and normalises them to RFC 3339', () => {
    const input = {
      ...manifests.job(),
      metadata: { name: 'pi', creationTimestamp: new Date('2024-01-01T00:00:00.000Z') },
      status: {
        startTime: new Date(Date.UTC(2024, 0, 1, 0, 0, 5, 250)),
        conditions: [{ type: 'Complete', status: 'True', lastTransitionTime: new Date('2024-01-01T00:01:00Z') }],
      },
    }
    const job = right(_.decodeKind('Job', input))
    expect(job.metadata.creationTimestamp).toBe('2024-01-01T00:00:00Z')
    expect(job.status?.startTime).toBe('2024-01-01T00:00:05Z')
    expect(job.status?.conditions?.[0]?.lastTransitionTime).toBe('2024-01-01T00:01:00Z')
  })

  it('accepts client-node style objects (data class instances with Date fields)', () => {
    class V1ObjectMeta {
      name?: string
      creationTimestamp?: Date
      labels?: Record<string, string> = undefined
    }
    class V1Pod {
      apiVersion?: string = 'v1'
      kind?: string = 'Pod'
      metadata?: V1ObjectMeta
      spec?: unknown
    }
    const meta = Object.assign(new V1ObjectMeta(), { name: 'p', creationTimestamp: new Date(0) })
    const pod = Object.assign(new V1Pod(), { metadata: meta, spec: { containers: [{ name: 'a', image: 'x:1' }] } })
    const out = right(_.decode(pod))
    expect(out.metadata).toEqual({ name: 'p', namespace: 'default', creationTimestamp: '1970-01-01T00:00:00Z' })
  })

  it('reads null fields as unset (kubectl --dry-run output)', () => {
    const d = manifests.deployment()
    const spec = d['spec'] as Record<string, any>
    const input = {
      ...d,
      metadata: { name: 'web', creationTimestamp: null },
      spec: { ...spec, strategy: {}, template: { metadata: { creationTimestamp: null, labels: { app: 'web' } }, spec: { containers: [{ name: 'app', image: 'nginx:1.25', resources: {} }] } } },
      status: {},
    }
    const out = right(_.decode(input))
    expect(out.metadata.creationTimestamp).toBeUndefined()
  })

  it('never mutates its input', () => {
    const input = deepFreeze({ ...manifests.deployment(), metadata: { name: 'web', creationTimestamp: new Date(0) } })
    const before = structuredClone(input)
    right(_.decode(input))
    expect(input).toEqual(before)
  })

  it('decode(encode(x)) equals x, and encode gives plain JSON', () => {
    for (const make of Object.values(manifests)) {
      const obj = right(_.decode(make()))
      const json = _.encode(deepFreeze(obj))
      expect(Object.getPrototypeOf(json)).toBe(Object.prototype)
      expect(json).toEqual(obj)
      expect(json).not.toBe(obj)
      expect(right(_.decode(json))).toEqual(obj)
    }
  })

  it('decodeKind requires the kind', () => {
    expect(right(_.decodeKind('Pod', manifests.pod())).kind).toBe('Pod')
    expectIssue(issues(_.decodeKind('Pod', manifests.deployment())), 'kind', 'expected "Pod", got "Deployment"')
  })
})
