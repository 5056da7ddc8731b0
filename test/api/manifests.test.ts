import { describe, expect, it } from 'vitest'
import * as _ from '../../src/api/decode.js'
import { expectIssue, issues, manifests, right } from './util.js'

const deploymentYaml = `
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  creationTimestamp: 2024-01-01T00:00:00Z
  labels: { date: 2024-01-01 }
spec:
  replicas: 3
  selector:
    matchLabels: { app: web }
  template:
    metadata:
      labels: { app: web }
    spec:
      containers:
        - name: app
          image: nginx:1.25
`

const podYaml = `apiVersion: v1
kind: Pod
metadata: { name: web-0 }
spec:
  containers: [{ name: app, image: nginx }]
`

const timed = <A>(f: () => A): A => {
  const t0 = performance.now()
  const out = f()
  expect(performance.now() - t0).toBeLessThan(3000)
  return out
}

describe('decodeManifests: documents', () => {
  it('decodes multi-document YAML in order, skipping empty documents and comments', () => {
    const text = `---\n# leading comment\n${deploymentYaml}\n---\n---\n# only a comment\n---\n${podYaml}---\n`
    const objects = right(_.decodeManifests(text))
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`)).toEqual(['Deployment/web', 'Pod/web-0'])
  })

  it('reads YAML 1.1 as kubectl does, but keeps timestamps and dates as strings', () => {
    const [d] = right(_.decodeManifests(deploymentYaml))
    expect(d?.metadata.creationTimestamp).toBe('2024-01-01T00:00:00Z')
    expect(d?.metadata.labels).toEqual({ date: '2024-01-01' })
    // `yes` is a YAML 1.1 boolean, so an annotation written `yes` unquoted is not a string (as with kubectl).
    const yes = `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: { enabled: yes }\nspec: { containers: [{ name: a, image: x }] }\n`
    expectIssue(issues(_.decodeManifests(yes)), 'metadata.annotations[enabled]', 'expected string, got boolean')
  })

  it('supports YAML merge keys', () => {
    const text = `base: &c { name: app, image: nginx }\n`.replace('base', 'x-base') + podYaml.replace('[{ name: app, image: nginx }]', '[{ <<: *c, name: main }]')
    const [pod] = right(_.decodeManifests(text))
    expect(pod?.kind === 'Pod' && pod.spec.containers[0]).toMatchObject({ name: 'main', image: 'nginx' })
  })

  it('decodes JSON, including a BOM', () => {
    const objects = right(_.decodeManifests(`\uFEFF${JSON.stringify(manifests.deployment(), null, 2)}`))
    expect(objects).toHaveLength(1)
  })

  it('flattens a kubectl get -o json List', () => {
    const list = { apiVersion: 'v1', kind: 'List', metadata: { resourceVersion: '' }, items: [manifests.deployment(), manifests.pod()] }
    const objects = right(_.decodeManifests(JSON.stringify(list)))
    expect(objects.map((o) => o.kind)).toEqual(['Deployment', 'Pod'])
  })

  it('flattens a typed list whose items leave out kind and apiVersion', () => {
    const item = { ...manifests.deployment(), apiVersion: undefined, kind: undefined }
    const list = { apiVersion: 'apps/v1', kind: 'DeploymentList', items: [item] }
    const [d] = right(_.decodeManifests(JSON.stringify(list)))
    expect(d?.kind).toBe('Deployment')
    expect(d?.apiVersion).toBe('apps/v1')
  })

  it('an empty text or empty List holds no objects', () => {
    expect(right(_.decodeManifests(''))).toEqual([])
    expect(right(_.decodeManifests('# nothing\n---\n'))).toEqual([])
    expect(right(_.decodeManifests('{"apiVersion":"v1","kind":"List","items":[]}'))).toEqual([])
  })

  it('names the document of each issue when there are several, and the List item', () => {
    const bad = deploymentYaml.replace('replicas: 3', 'replicas: -1')
    const list = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [manifests.pod(), { ...manifests.pod(), spec: {} }] })
    const found = issues(_.decodeManifests(`${podYaml}---\n${bad}---\n${list}\n`))
    expectIssue(found, '[document 2] spec.replicas', 'greater than or equal to 0')
    expectIssue(found, '[document 3] items[1].spec.containers', 'required')
    expect(found).toHaveLength(2)
  })

  it('uses plain paths for a single document', () => {
    expectIssue(issues(_.decodeManifests(deploymentYaml.replace('replicas: 3', 'replicas: -1'))), 'spec.replicas', '')
  })
})

describe('decodeManifests: bad text returns Left, never throws, never hangs', () => {
  const deepFlow = `spec: ${'['.repeat(10_000)}${']'.repeat(10_000)}`
  const deepBlock = `apiVersion: v1\nkind: Pod\nmetadata: { name: p }\nspec:\n  containers: [{ name: a, image: x }]\n  deep:\n${Array.from(
    { length: 80 },
    (_v, i) => `${' '.repeat(2 * i + 4)}a:`,
  ).join('\n')} 1\n`
  let laughs = 'apiVersion: v1\nkind: Pod\na: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n'
  for (const [n, prev] of [['b', 'a'], ['c', 'b'], ['d', 'c'], ['e', 'd'], ['f', 'e'], ['g', 'f'], ['h', 'g'], ['i', 'h']])
    laughs += `${n}: &${n} [*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev},*${prev}]\n`

  const cases: ReadonlyArray<readonly [string, () => string, string, string]> = [
    ['invalid YAML', () => 'apiVersion: v1\nkind: Pod\n  metadata: x\n', '', 'YAML syntax error at line 3'],
    ['an unclosed flow sequence', () => 'a: [1, 2\n', '', 'YAML syntax error'],
    ['a tab as indentation', () => 'a:\n\tb: 1\n', '', 'line 2, column 1'],
    ['duplicate keys', () => 'kind: Pod\nkind: Node\n', '', 'duplicate key "kind" at line 2, column 1'],
    ['duplicate quoted keys in a flow mapping', () => 'x: {"a": 1, "a": 2}\n', '', 'duplicate key "a" at line 1, column 14'],
    ['duplicate single-quoted keys', () => "x:\n  'a b': 1\n  'a b': 2\n", '', 'duplicate key "a b" at line 3'],
    ['a scalar document', () => 'hello', '', 'expected a Kubernetes object (a mapping with apiVersion and kind), got string'],
    ['a number document', () => '42', '', 'got number'],
    ['an array document (YAML)', () => '- a\n- b\n', '', 'got array; separate objects with ---'],
    ['an array document (JSON)', () => JSON.stringify([manifests.pod()]), '', 'got array'],
    ['a scalar among documents', () => `${podYaml}---\nhello\n`, '[document 2]', 'got string'],
    ['__proto__ label key in YAML', () => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  labels: { __proto__: x }\nspec: { containers: [{ name: a, image: x }] }\n`, 'metadata.labels[__proto__]', 'starting and ending with a letter or digit'],
    ['__proto__ label key in JSON', () => '{"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"__proto__":"x"}},"spec":{"containers":[{"name":"a","image":"x"}]}}', 'metadata.labels[__proto__]', 'starting and ending with a letter or digit'],
    ['10,000 levels of flow nesting', () => deepFlow, '', 'YAML nested deeper than 100 levels at line 1, column 106'],
    ['10,000 levels of block sequences', () => `spec:\n  ${'- '.repeat(10_000)}x\n`, '', 'YAML nested deeper than 100 levels at line 2'],
    ['10,000 levels of JSON object nesting', () => '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000), Array.from({ length: 64 }, () => 'a').join('.'), 'nested deeper than 64 levels'],
    ['80 levels of block nesting', () => deepBlock, `spec.deep.${Array.from({ length: 62 }, () => 'a').join('.')}`, 'nested deeper than 64 levels'],
    ['a billion laughs', () => laughs, '', 'expands to more than 1000000 values with its aliases'],
    ['a recursive alias', () => 'a: &a [*a]\n', '', 'refers to itself through an alias'],
    ['too many aliases', () => `a: &a 1\nb: [${Array.from({ length: 101 }, () => '*a').join(', ')}]\n`, '', 'more than 100 aliases in one document'],
    ['a 10 MB YAML string', () => `apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations:\n    big: ${'x'.repeat(10 * 1024 * 1024)}\n`, 'metadata.annotations.big', 'larger than the API server accepts'],
    ['a 10 MB JSON string', () => JSON.stringify({ ...manifests.pod(), data: 'x'.repeat(10 * 1024 * 1024) }), 'data', 'larger than the API server accepts'],
    ['a generic object without a name', () => 'apiVersion: v1\nkind: Service\nmetadata: { labels: { a: b } }\n', 'metadata.name', 'required'],
    ['items that are not an array', () => '{"apiVersion":"v1","kind":"List","items":{}}', 'items', 'expected array, got object'],
    ['a List item that is a scalar', () => '{"apiVersion":"v1","kind":"List","items":[1]}', 'items[0]', 'got number'],
    ['wrong types', () => podYaml.replace('image: nginx', 'image: 3'), 'spec.containers[0].image', 'expected string, got number'],
    ['missing fields', () => 'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: d }\n', 'spec', 'required'],
  ]

  it.each(cases)('%s', (_name, make, path, message) => {
    const text = make()
    expectIssue(issues(timed(() => _.decodeManifests(text))), path, message)
  })

  it('refuses text over the size limit without parsing it', () => {
    const text = ' '.repeat(_.manifestLimits.maxTextLength + 1)
    expectIssue(issues(timed(() => _.decodeManifests(text))), '', 'larger than the limit')
  })

  it('pollutes no prototype', () => {
    _.decodeManifests(`__proto__: { polluted: true }\nconstructor: { prototype: { polluted: true } }\n`)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})

describe('decodeManifestsWith: extra documents', () => {
  it('hands claimed documents back as sanitized JSON with their position, nulls kept', () => {
    const text = `${podYaml}---\napiVersion: kube-reconcile.io/v1alpha1\nkind: Scenario\npatch: { spec: null }\n`
    const out = right(_.decodeManifestsWith(text, { isExtra: (d) => (d as { kind?: unknown }).kind === 'Scenario' }))
    expect(out.objects.map((o) => o.kind)).toEqual(['Pod'])
    expect(out.extras).toEqual([
      { path: '[document 2]', value: { apiVersion: 'kube-reconcile.io/v1alpha1', kind: 'Scenario', patch: { spec: null } } },
    ])
  })

  it('still rejects hostile content in claimed documents', () => {
    const text = `kind: Scenario\nx:\n  z: .inf\n`
    expectIssue(issues(_.decodeManifestsWith(text, { isExtra: () => true })), 'x.z', 'not a JSON number')
  })

  it('keeps a __proto__ key of a claimed document as an own data property', () => {
    const out = right(_.decodeManifestsWith(`kind: Scenario\nx:\n  __proto__: { polluted: true }\n`, { isExtra: () => true }))
    const x = (out.extras[0]?.value as { readonly x: object }).x
    expect(Object.getOwnPropertyDescriptor(x, '__proto__')?.value).toEqual({ polluted: true })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})
