/**
 * Generic objects (any kind without a codec), whole error lists, and `decode`'s options for
 * list items without kind and apiVersion.
 */
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as _ from '../../src/api/decode.js'
import { builtinKinds, genericObject, genericRules } from '../../src/api/generic.js'
import { isGeneric, kinds } from '../../src/api/object.js'
import { deepFreeze, expectIssue, issues, manifests, right, setIn } from './util.js'

const runs = Number(process.env['PROPERTY_RUNS'] ?? 120)

const service = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name: 'web', labels: { app: 'web' } },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080 }] },
  ...over,
})

describe('generic objects: any kind decodes', () => {
  it('keeps every field but the metadata as given, and defaults the namespace of a namespaced kind', () => {
    const o = right(_.decode(deepFreeze(service({ status: { loadBalancer: {} }, extra: [1, 'two'] }))))
    expect(isGeneric(o)).toBe(true)
    expect(o).toEqual({ ...service({ status: { loadBalancer: {} }, extra: [1, 'two'] }), metadata: { name: 'web', labels: { app: 'web' }, namespace: 'default' } })
    expect(_.decode(_.encode(o))).toEqual(E.right(o))
  })

  it('drops null fields as unset, as for every kind (kubectl --dry-run output)', () => {
    const o = right(_.decode(service({ metadata: { name: 'web', creationTimestamp: null }, spec: { clusterIP: null, ports: [] } })))
    expect(o.metadata).toEqual({ name: 'web', namespace: 'default' })
    expect((o as { readonly spec?: unknown }).spec).toEqual({ ports: [] })
  })

  it.each([
    ['rbac.authorization.k8s.io/v1', 'ClusterRole', 'system:controller:job-controller'],
    ['storage.k8s.io/v1', 'StorageClass', 'standard'],
    ['v1', 'Namespace', 'team-a'],
    ['apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'crontabs.stable.example.com'],
  ])('a cluster-scoped built-in kind (%s %s) keeps no namespace: the API server clears one', (apiVersion, kind, name) => {
    const o = right(_.decode({ apiVersion, kind, metadata: { name, namespace: 'default' } }))
    expect(o.metadata.namespace).toBeUndefined()
    expect(genericRules(apiVersion, kind).namespaced).toBe(false)
  })

  it('a custom resource is namespaced, with DNS-1123 subdomain names', () => {
    const cr = right(_.decode({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'my.cron' }, spec: { cronSpec: '* * * * */5' } }))
    expect(cr.metadata.namespace).toBe('default')
    expectIssue(issues(_.decode({ apiVersion: 'stable.example.com/v1', kind: 'CronTab', metadata: { name: 'My_Cron' } })), 'metadata.name', 'DNS-1123 subdomain')
  })

  it('a kind of another group than the built-in one of that name is a custom resource', () => {
    expect(genericRules('example.com/v1', 'Namespace')).toEqual({ namespaced: true, name: 'subdomain' })
    expect(genericRules('v1', 'Namespace')).toEqual({ namespaced: false, name: 'dns1123Label' })
  })

  it.each([
    ['Service', 'v1', 'web.1', 'DNS-1035 label'],
    ['Service', 'v1', '1web', 'DNS-1035 label'],
    ['Namespace', 'v1', 'a.b', 'DNS-1123 label'],
    ['ConfigMap', 'v1', 'Config', 'DNS-1123 subdomain'],
    ['Role', 'rbac.authorization.k8s.io/v1', 'a/b', "may not contain '/' or '%'"],
    ['ClusterRole', 'rbac.authorization.k8s.io/v1', '..', 'may not be'],
  ])('names follow the kind’s rule: %s (%s) %j', (kind, apiVersion, name, message) => {
    expectIssue(issues(_.decode({ apiVersion, kind, metadata: { name } })), 'metadata.name', message)
  })

  it('accepts the names each rule allows', () => {
    for (const [kind, apiVersion, name] of [
      ['Service', 'v1', 'web-1'],
      ['ConfigMap', 'v1', 'kube-root-ca.crt'],
      ['Role', 'rbac.authorization.k8s.io/v1', 'system:leader-locking'],
    ] as const)
      right(_.decode({ apiVersion, kind, metadata: { name } }))
  })

  it('validates the metadata as for every object: labels, annotations, owner references, finalizers, times', () => {
    const found = issues(
      _.decode(
        service({
          metadata: {
            name: 'web',
            labels: { 'bad key!': 'x', ok: 'not valid!' },
            annotations: { '-a': 'x' },
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'Deployment', name: 'a', uid: 'u1', controller: true },
              { apiVersion: 'apps/v1', kind: 'Deployment', name: 'b', uid: '', controller: true },
              { apiVersion: 'v1', kind: 'Event', name: 'e', uid: 'u3' },
            ],
            finalizers: ['orphan', 'foregroundDeletion', 'not a name'],
            creationTimestamp: 'yesterday',
            generation: -1,
          },
        }),
      ),
    )
    for (const [path, message] of [
      ['metadata.labels[bad key!]', 'invalid label key'],
      ['metadata.labels[ok]', 'invalid label value'],
      ['metadata.annotations[-a]', 'invalid annotation key'],
      ['metadata.ownerReferences[1].uid', 'required'],
      ['metadata.ownerReferences', 'only one reference can have controller set to true'],
      ['metadata.ownerReferences[2]', 'disallowed from being an owner'],
      ['metadata.finalizers[2]', 'invalid finalizer name'],
      ['metadata.finalizers', 'cannot be both set'],
      ['metadata.creationTimestamp', 'RFC 3339'],
      ['metadata.generation', 'greater than or equal to 0'],
    ] as const)
      expectIssue(found, path, message)
  })

  it('checks apiVersion and kind as every request is checked', () => {
    expectIssue(issues(_.decode(service({ apiVersion: undefined }))), 'apiVersion', 'required')
    expectIssue(issues(_.decode(service({ apiVersion: 'a/b/v1' }))), 'apiVersion', '<group>/<version>')
    expectIssue(issues(_.decode(service({ apiVersion: 'Bad_Group/v1' }))), 'apiVersion', 'DNS-1123 subdomain')
    expectIssue(issues(_.decode(service({ apiVersion: 'group/' }))), 'apiVersion', 'version must not be empty')
    expectIssue(issues(_.decode(service({ kind: 7 }))), 'kind', 'expected string, got number')
    expectIssue(issues(_.decode(service({ metadata: 'web' }))), 'metadata', 'expected object, got string')
  })

  it('without a kind, the other problems are still listed', () => {
    const found = issues(_.decode({ apiVersion: 'v1', metadata: { name: 'Bad_Name' } }))
    expect(found.map((i) => i.path)).toEqual(['kind', 'metadata.name'])
  })

  it('genericObject builds one without a check; its kind reads as a string', () => {
    const g = genericObject({ apiVersion: 'example.com/v1', kind: 'PodGang', metadata: { name: 'g', namespace: 'x' }, spec: { size: 2 } })
    const kind: string = g.kind
    expect(kind).toBe('PodGang')
    expect(right(_.decode(g))).toEqual(g)
  })

  it('every built-in kind of the table decodes with its scope', () => {
    for (const [kind, b] of Object.entries(builtinKinds)) {
      const apiVersion = b.group === '' ? 'v1' : `${b.group}/v1`
      const o = right(_.decode({ apiVersion, kind, metadata: { name: 'x' } }))
      expect(o.metadata.namespace, kind).toBe(b.namespaced ? 'default' : undefined)
      expect(kind in kinds, kind).toBe(false)
    }
  })
})

describe('whole error lists', () => {
  it('names metadata.name, spec.replicas and spec.selector of a ReplicaSet at once, structural and semantic together', () => {
    const found = issues(_.decode({ apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'Bad_Name' }, spec: { replicas: -1 } }))
    expect(found.map((i) => i.path)).toEqual(['metadata.name', 'spec.selector', 'spec.replicas', 'spec.template'])
    expectIssue(found, 'spec.selector', 'required')
    expectIssue(found, 'spec.replicas', 'greater than or equal to 0')
  })

  it('reports a wrong type and the semantic problems elsewhere, not the consequences inside the wrong field', () => {
    const input = setIn(setIn(setIn(manifests.deployment(), ['spec', 'replicas'], 'x'), ['spec', 'template', 'spec', 'containers', 0], 'nginx'), ['metadata', 'name'], 'Web')
    const found = issues(_.decode(input))
    expect(found.map((i) => i.path).sort()).toEqual(['metadata.name', 'spec.replicas', 'spec.template.spec.containers[0]'])
  })

  it('a wrong apiVersion does not hide the rest', () => {
    const found = issues(_.decode(setIn(setIn(manifests.deployment(), ['apiVersion'], 'extensions/v1beta1'), ['spec', 'replicas'], -2)))
    expect(found.map((i) => i.path)).toEqual(['apiVersion', 'spec.replicas'])
  })

  it('orders issues by section: apiVersion, kind, metadata, the body, status', () => {
    const input = setIn(setIn(setIn(manifests.replicaSet(), ['status', 'replicas'], -1), ['spec', 'replicas'], -1), ['metadata', 'name'], 'X')
    expect(issues(_.decode(input)).map((i) => i.path)).toEqual(['metadata.name', 'spec.replicas', 'status.replicas'])
  })

  it('lists the problems of every document of a text once each, with the document number', () => {
    const doc = (name: string, replicas: number): string =>
      `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: ${name}}\nspec: {replicas: ${replicas}, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}}\n`
    const text = [doc('ok', 1), doc('Bad', -1), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: Bad_Map}\n', doc('fine', 2)].join('---\n')
    const found = issues(_.decodeManifests(text))
    expect(found.map((i) => i.path)).toEqual(['[document 2] metadata.name', '[document 2] spec.replicas', '[document 3] metadata.name'])
  })

  it('property: an object with k independent problems reports all k paths', () => {
    const breakers: ReadonlyArray<readonly [string, (o: Record<string, unknown>) => Record<string, unknown>]> = [
      ['metadata.name', (o) => setIn(o, ['metadata', 'name'], 'Not_A_Name')],
      ['metadata.labels[app]', (o) => setIn(o, ['metadata', 'labels', 'app'], 7)],
      ['metadata.annotations[-bad]', (o) => setIn(o, ['metadata', 'annotations', '-bad'], 'x')],
      ['spec.replicas', (o) => setIn(o, ['spec', 'replicas'], -3)],
      ['spec.minReadySeconds', (o) => setIn(o, ['spec', 'minReadySeconds'], 'soon')],
      ['spec.strategy.type', (o) => setIn(o, ['spec', 'strategy'], { type: 'Sometimes' })],
      ['spec.template.spec.containers[0].image', (o) => setIn(o, ['spec', 'template', 'spec', 'containers', 0, 'image'], 5)],
      ['spec.template.spec.containers[0].name', (o) => setIn(o, ['spec', 'template', 'spec', 'containers', 0, 'name'], 'Bad_Name')],
      ['spec.template.spec.restartPolicy', (o) => setIn(o, ['spec', 'template', 'spec', 'restartPolicy'], 'Never')],
      ['spec.revisionHistoryLimit', (o) => setIn(o, ['spec', 'revisionHistoryLimit'], -1)],
    ]
    fc.assert(
      fc.property(fc.subarray([...breakers], { minLength: 1 }), (chosen) => {
        const input = chosen.reduce((o, [, f]) => f(o), manifests.deployment() as Record<string, unknown>)
        const found = issues(_.decode(deepFreeze(input))).map((i) => i.path)
        for (const [path] of chosen) expect(found, `missing ${path}`).toContain(path)
        expect(new Set(found).size).toBe(found.length)
      }),
      { numRuns: runs },
    )
  })
})

describe('decode options: list items as @kubernetes/client-node returns them', () => {
  /** A data class instance with Date timestamps, as the client's model classes are. */
  class V1Pod {
    apiVersion?: string
    kind?: string
    metadata?: { name?: string; namespace?: string; creationTimestamp?: Date; labels?: Record<string, string> }
    spec?: { containers: Array<{ name: string; image?: string }> }
    status?: { phase?: string; startTime?: Date }
  }
  const item = (): V1Pod =>
    Object.assign(new V1Pod(), {
      apiVersion: undefined,
      kind: undefined,
      metadata: { name: 'web-0', namespace: 'shop', creationTimestamp: new Date('2025-03-01T09:00:00Z') },
      spec: { containers: [{ name: 'app', image: 'nginx' }] },
      status: { phase: 'Running', startTime: new Date('2025-03-01T09:00:01Z') },
    })

  it('decode(item, { kind, apiVersion }) fills them in', () => {
    const o = right(_.decode(item(), { kind: 'Pod', apiVersion: 'v1' }))
    expect(o.kind).toBe('Pod')
    expect(o.apiVersion).toBe('v1')
    expect(o.metadata.creationTimestamp).toBe('2025-03-01T09:00:00Z')
  })

  it('a modelled kind brings its apiVersion; decodeKind does the same', () => {
    expect(right(_.decode(item(), { kind: 'Pod' })).apiVersion).toBe('v1')
    expect(right(_.decodeKind('Pod', item())).spec.containers[0]?.name).toBe('app')
  })

  it('a generic kind needs its apiVersion given', () => {
    const svc = { metadata: { name: 'web' }, spec: { ports: [{ port: 80 }] } }
    expect(String(right(_.decode(svc, { kind: 'Service', apiVersion: 'v1' })).kind)).toBe('Service')
    expectIssue(issues(_.decode(svc, { kind: 'Service' })), 'apiVersion', 'required')
  })

  it('an item of another kind or apiVersion is an error', () => {
    expectIssue(issues(_.decode({ ...manifests.pod(), kind: 'Service' }, { kind: 'Pod' })), 'kind', 'expected "Pod", got "Service"')
    expectIssue(issues(_.decode(manifests.pod(), { kind: 'Pod', apiVersion: 'v2' })), 'apiVersion', 'expected "v2", got "v1"')
  })

  it('puts the filled kind and apiVersion first, as kubectl writes them', () => {
    expect(Object.keys(right(_.decode(item(), { kind: 'Pod' }))).slice(0, 2)).toEqual(['apiVersion', 'kind'])
  })

  it('items of a typed list of a generic kind get the kind and the list apiVersion', () => {
    const list = { apiVersion: 'v1', kind: 'ServiceList', items: [{ metadata: { name: 'a' } }, { metadata: { name: 'b', namespace: 'c' } }] }
    const m = right(_.decodeManifestsWith(JSON.stringify(list)))
    expect(m.objects.map((o) => `${String(o.kind)} ${o.metadata.namespace ?? ''}/${o.metadata.name ?? ''}`)).toEqual(['Service default/a', 'Service c/b'])
    expect(m.positions).toEqual(['items[0]', 'items[1]'])
  })
})

describe('positions of the objects of a text', () => {
  it('name the document and the list item of each object', () => {
    const text = `${JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [service(), manifests.pod()] })}\n---\n${JSON.stringify(manifests.node())}\n`
    const m = right(_.decodeManifestsWith(text))
    expect(m.positions).toEqual(['[document 1] items[0]', '[document 1] items[1]', '[document 2]'])
    expect(m.objects).toHaveLength(3)
  })
})
