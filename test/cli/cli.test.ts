import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { parse } from '../../src/cli/args.js'
import { runCli } from '../../src/cli/run.js'

const dir = mkdtempSync(join(tmpdir(), 'kr-cli-'))
const file = (name: string, text: string): string => {
  const p = join(dir, name)
  writeFileSync(p, text)
  return p
}

describe('argument parsing', () => {
  it.each([
    [['plan', '-f', 'a.yaml'], 'Plan'],
    [['simulate', '-f', 'a.yaml', '--until', '2m', '--seed', '3'], 'Simulate'],
    [['--help'], 'Help'],
    [[], 'Help'],
    [['--version'], 'Version'],
  ])('%j parses as %s', (argv, tag) => {
    const r = parse(argv)
    expect(E.isRight(r) && r.right._tag).toBe(tag)
  })

  it('simulate options are carried', () => {
    expect(parse(['simulate', '-f', 'a', '-f', 'b', '--until', '1m30s', '--seed', '7', '-v'])).toEqual(
      E.right({ _tag: 'Simulate', files: ['a', 'b'], recursive: false, output: 'table', verbose: true, until: 90, seed: 7 }),
    )
  })

  it('feature gates are carried, the last value of a gate winning, blanks ignored', () => {
    expect(parse(['plan', '-f', 'a', '--feature-gates', 'MaxUnavailableStatefulSet=true'])).toEqual(
      E.right({ _tag: 'Plan', files: ['a'], recursive: false, output: 'table', featureGates: { MaxUnavailableStatefulSet: true } }),
    )
    const r = parse(['simulate', '-f', 'a', '--feature-gates', 'MaxUnavailableStatefulSet=true, ,MaxUnavailableStatefulSet=false'])
    expect(E.isRight(r) && r.right._tag === 'Simulate' && r.right.featureGates).toEqual({ MaxUnavailableStatefulSet: false })
  })

  it.each([
    [['frob'], /unknown command/],
    [['plan'], /needs at least one -f/],
    [['plan', '-f', 'a', '-o', 'xml'], /--output/],
    [['plan', '-f', 'a', '-o', 'svg'], /--output svg draws a simulation/],
    [['simulate', '-f', 'a', '--chart', '-'], /--chart needs a file name/],
    [['simulate', '-f', 'a', '--until', 'soon'], /--until/],
    [['simulate', '-f', 'a', '--seed', '-1'], /seed|argument/],
    [['plan', '-f', 'a', '--now', 'yesterday'], /--now/],
    [['plan', '--bogus'], /bogus/],
    [['plan', '-f', 'a', '--feature-gates', 'NoSuchGate=true'], /unrecognized feature gate "NoSuchGate"/],
    [['plan', '-f', 'a', '--feature-gates', 'MaxUnavailableStatefulSet=yes'], /invalid value of MaxUnavailableStatefulSet/],
    [['simulate', '-f', 'a', '--feature-gates', 'MaxUnavailableStatefulSet'], /not Name=true\|false/],
  ])('%j is a usage error', (argv, message) => {
    const r = parse(argv)
    expect(E.isLeft(r) && r.left).toMatch(message)
  })
})

const rs = `apiVersion: apps/v1
kind: ReplicaSet
metadata: { name: web }
spec:
  replicas: 2
  selector: { matchLabels: { app: web } }
  template:
    metadata: { labels: { app: web } }
    spec: { containers: [{ name: c, image: nginx }] }
---
apiVersion: v1
kind: Node
metadata: { name: n1 }
status: { conditions: [{ type: Ready, status: "True" }] }
`

describe('kube-reconcile', () => {
  it('plan prints what each controller would do', () => {
    const r = runCli(['plan', '-f', file('rs.yaml', rs), '--now', '2024-01-01T00:00:00Z'])
    expect(r.code).toBe(0)
    expect(r.out).toContain('ReplicaSet default/web: ')
    expect(r.out.match(/Create Pod default\/web-\*/g)?.length).toBe(2)
  })

  it('plan -o json is data', () => {
    const r = runCli(['plan', '-f', file('rs2.yaml', rs), '--now', '2024-01-01T00:00:00Z', '-o', 'json'])
    const data = JSON.parse(r.out) as { plan: Array<{ target: { name: string }; actions: Array<{ _tag: string }> }> }
    expect(data.plan[0]?.target.name).toBe('web')
    expect(data.plan[0]?.actions.filter((a) => a._tag === 'Create').length).toBe(2)
  })

  it('simulate runs the scenario in the file and prints a timeline with sizes', () => {
    const scenario = `---
apiVersion: kube-reconcile.io/v1alpha1
kind: Scenario
spec:
  until: 20s
  events:
    - { at: 10s, scale: { kind: ReplicaSet, name: web, replicas: 3 } }
    - { at: 12s, deletePod: { selector: { app: web }, index: 5 } }
`
    const r = runCli(['simulate', '-f', file('sim.yaml', rs + scenario)])
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/\+0s\s+ReplicaSet default\/web\s+Create Pod default\/web-/)
    expect(r.out).toMatch(/\+10s\s+fault\s+ExternalEdit ReplicaSet default\/web/)
    expect(r.out).toMatch(/sizes\s+web 3 desired, 3 pods, 3 ready/)
    expect(r.out).toContain('note: 12s: DeletePod matched nothing')
    expect(r.out).toMatch(/Stopped at \+20s/)
  })

  it('the same input and seed print the same timeline', () => {
    const f = file('det.yaml', rs)
    expect(runCli(['simulate', '-f', f, '--until', '30s', '-v']).out).toBe(runCli(['simulate', '-f', f, '--until', '30s', '-v']).out)
    expect(runCli(['simulate', '-f', f, '--until', '5s', '--seed', '1']).out).not.toBe(runCli(['simulate', '-f', f, '--until', '5s', '--seed', '2']).out)
  })

  it.each([
    ['an invalid field', 'apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: web}\nspec: {replicas: -1, selector: {matchLabels: {a: b}}, template: {metadata: {labels: {a: b}}, spec: {containers: [{name: c, image: x}]}}}\n', /bad\.yaml: spec\.replicas: .*0/],
    ['broken YAML', 'kind: [', /bad\.yaml: .*YAML/],
    ['a bad scenario', rs + '---\napiVersion: kube-reconcile.io/v1alpha1\nkind: Scenario\nspec: {events: [{at: soon, nodeDown: n1}]}\n', /bad\.yaml: .*spec\.events\[0\]\.at/],
  ])('%s exits 2 naming the file and the field path', (_name, text, message) => {
    const r = runCli(['plan', '-f', file('bad.yaml', text)])
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).toMatch(message)
  })

  it('a document of a kind without a codec is kept as a generic object; one note names the kinds no controller acts on', () => {
    const r = runCli(['plan', '-f', file('svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web, namespace: shop}\nspec: {clusterIP: None}\n---\n' + rs), '--now', '2024-01-01T00:00:00Z', '-o', 'json'])
    expect(r.code).toBe(0)
    expect(r.err).toBe('kube-reconcile: note: no controller acts on Service (1): kept for labels, owner references and garbage collection')
    const entries = (JSON.parse(r.out) as { plan: ReadonlyArray<{ readonly target?: { readonly kind: string } }> }).plan
    expect(entries.flatMap((e) => (e.target === undefined ? [] : [e.target.kind]))).toEqual(['ReplicaSet'])
    const sim = runCli(['simulate', '-f', join(dir, 'svc.yaml'), '--until', '5s', '-o', 'json'])
    const kinds = (JSON.parse(sim.out) as { objects: ReadonlyArray<{ readonly kind: string }> }).objects.map((o) => o.kind)
    expect(kinds).toContain('Service')
  })

  it('without a Node in the input, 3 Ready nodes are added (--nodes N sets how many, 0 none), with a note', () => {
    const noNodes = rs.split('---')[0] ?? ''
    const f = file('nonodes.yaml', noNodes)
    const three = runCli(['simulate', '-f', f, '--until', '10s'])
    expect(three.err).toBe('kube-reconcile: note: the input has no Node: added 3 Ready nodes (node-1, node-2, node-3); --nodes N sets how many, --nodes 0 none')
    expect(three.out).toMatch(/sizes\s+web 2 desired, 2 pods, 2 ready/)
    expect(three.out).toContain('Simulating 4 objects')
    const one = runCli(['simulate', '-f', f, '--until', '10s', '--nodes', '1'])
    expect(one.err).toContain('added 1 Ready node (node-1)')
    const five = runCli(['plan', '-f', f, '--now', '2024-01-01T00:00:00Z', '--nodes', '5'])
    expect(five.err).toContain('added 5 Ready nodes (node-1 … node-5)')
    const none = runCli(['simulate', '-f', f, '--until', '10s', '--nodes', '0'])
    expect(none.err).toBe('')
    expect(none.out).toMatch(/sizes\s+web 2 desired, 2 pods, 0 ready/)
    // With nodes in the input, nothing is added.
    expect(runCli(['simulate', '-f', file('withnodes.yaml', rs), '--until', '5s']).err).toBe('')
  })

  it('--nodes must be a small non-negative integer', () => {
    expect(runCli(['plan', '-f', 'x', '--nodes', '-1']).code).toBe(2)
    expect(runCli(['plan', '-f', 'x', '--nodes', 'three']).err).toMatch(/--nodes must be a non-negative integer/)
  })

  it('a missing file exits 2; help and version exit 0', () => {
    expect(runCli(['plan', '-f', join(dir, 'missing.yaml')])).toMatchObject({ code: 2, err: expect.stringMatching(/no such file/) })
    expect(runCli(['--help'])).toMatchObject({ code: 0, out: expect.stringContaining('kube-reconcile plan -f FILE') })
    expect(runCli(['--version']).out).toMatch(/^\d+\.\d+\.\d+$/)
  })
})
