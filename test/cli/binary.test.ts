/**
 * `kube-reconcile` as a user runs it: the built binary in a child process, with real manifests,
 * a `kubectl get all -o json` dump, directories, pipes and bad input.
 */
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { buildCli, root, runBinary } from './binary.js'
import type { Binary, Run } from './binary.js'
import { byClass, parseXml } from './xml.js'

let cli: Binary
beforeAll(async () => {
  cli = await buildCli()
}, 120_000)
afterAll(() => cli.dispose())

const run = (...args: ReadonlyArray<string>): Run => runBinary(cli, args)
const dir = mkdtempSync(join(tmpdir(), 'kr-binary-'))
const file = (name: string, text: string): string => {
  const p = join(dir, name)
  mkdirSync(join(p, '..'), { recursive: true })
  writeFileSync(p, text)
  return p
}
const now = ['--now', '2025-03-01T10:00:00Z']
const notes = (r: Run): ReadonlyArray<string> => r.err.split('\n').filter((l) => l !== '')

const rs = (name: string, extra = ''): string =>
  `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: ${name}${extra}}\nspec: {replicas: 1, selector: {matchLabels: {app: ${name}}}, template: {metadata: {labels: {app: ${name}}}, spec: {containers: [{name: c, image: nginx}]}}}\n`

describe('real inputs', () => {
  it('plans every documentation-shaped manifest at once, naming once the kinds no controller acts on', () => {
    const r = run('plan', '-f', 'test/cli/fixtures/docs', ...now)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^Plan at 2025-03-01T10:00:00\.000Z: \d+ objects to reconcile, \d+ cluster-wide controllers/)
    expect(notes(r)).toHaveLength(2)
    expect(notes(r)[0]).toMatch(/^kube-reconcile: note: no controller acts on ClusterRole \(1\), .*Service \(7\), ServiceAccount \(1\) and StorageClass \(1\): kept for labels, owner references and garbage collection$/)
    expect(notes(r)[1]).toBe('kube-reconcile: note: the input has no Node: added 3 Ready nodes (node-1, node-2, node-3); --nodes N sets how many, --nodes 0 none')
  })

  it('simulates them to a settled cluster: every workload at its size, none unschedulable', () => {
    const r = run('simulate', '-f', 'test/cli/fixtures/docs', '--until', '2m')
    expect(r.code).toBe(0)
    const sizes = r.out.split('\n').filter((l) => /^\+\S+\s+sizes\s/.test(l)).pop() ?? ''
    for (const m of sizes.matchAll(/(\S+) (\d+) desired, (\d+) pods?, (\d+) ready/g)) expect([m[1], m[3], m[4]]).toEqual([m[1], m[2], m[2]])
    expect(sizes).toContain('zk 3 desired, 3 pods, 3 ready')
    expect(r.out).not.toContain('unschedulable')
  })

  it('a kubectl get all -o json dump keeps its pods running and its clock: started at its latest time', () => {
    const r = run('simulate', '-f', 'test/cli/fixtures/dump/kubectl-get-all.json', '--until', '90s')
    expect(r.code).toBe(0)
    expect(r.out.split('\n')[0]).toBe(
      'Simulating 9 objects for 90s (seed 0), starting 2025-03-01T09:15:05.000Z (the latest time in the input: Pod default/web-7d4b9c8f6-q8w7r status.conditions[2].lastTransitionTime)',
    )
    expect(r.out).not.toMatch(/Create Pod|Delete Pod/)
    expect(r.out).toContain('web-7d4b9c8f6 2 desired, 2 pods, 2 ready')
    expect(notes(r)[1]).toContain('added 3 Ready nodes (kind-worker, kind-worker2, node-1)')
    const start = run('simulate', '-f', 'test/cli/fixtures/dump/kubectl-get-all.json', '--until', '5s', '--start', '2025-03-02T00:00:00Z')
    expect(start.out.split('\n')[0]).toContain('starting 2025-03-02T00:00:00.000Z (--start)')
  })
})

describe('kubectl habits', () => {
  it('-f DIR reads its manifest files; -R its subdirectories too', () => {
    file('tree/a.yaml', rs('a'))
    file('tree/sub/b.yaml', rs('b'))
    file('tree/README.md', '# not read')
    const flat = run('plan', '-f', join(dir, 'tree'), '-o', 'json', ...now)
    const deep = run('plan', '-f', join(dir, 'tree'), '-R', '-o', 'json', ...now)
    const targets = (r: Run): ReadonlyArray<string> =>
      (JSON.parse(r.out) as { plan: ReadonlyArray<{ target?: { name: string } }> }).plan.flatMap((e) => (e.target === undefined ? [] : [e.target.name]))
    expect(targets(flat)).toEqual(['a'])
    expect(targets(deep)).toEqual(['a', 'b'])
  })

  it('refuses a URL, with no output', () => {
    const r = run('plan', '-f', 'https://k8s.io/examples/controllers/frontend.yaml')
    expect(r).toMatchObject({ code: 2, out: '' })
    expect(r.err).toBe(
      'kube-reconcile: https://k8s.io/examples/controllers/frontend.yaml: reading from a URL is not supported (kube-reconcile never uses the network): download it and pass the file\n',
    )
  })

  it('an object defined twice is an error naming both places', () => {
    const a = file('dup/a.yaml', rs('web'))
    const b = file('dup/b.yaml', `${rs('other')}---\n${rs('web')}`)
    const r = run('plan', '-f', a, '-f', b)
    expect(r).toMatchObject({ code: 2, out: '' })
    expect(r.err).toBe(`kube-reconcile: ${b} [document 2]: ReplicaSet default/web is defined twice: also at ${a}\n`)
  })

  it('objects without a uid get a deterministic one, so planned pods never carry an empty owner uid', () => {
    const f = file('nouid.yaml', rs('web'))
    const plan = (): { uid: string; owner: string } => {
      const data = JSON.parse(run('plan', '-f', f, '-o', 'json', ...now).out) as {
        plan: ReadonlyArray<{ target?: { uid?: string }; actions: ReadonlyArray<{ _tag: string; object?: { metadata: { ownerReferences?: ReadonlyArray<{ uid: string }> } } }> }>
      }
      const entry = data.plan[0]!
      return { uid: entry.target?.uid ?? '', owner: entry.actions.find((a) => a._tag === 'Create')?.object?.metadata.ownerReferences?.[0]?.uid ?? '' }
    }
    const first = plan()
    expect(first.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    expect(first.owner).toBe(first.uid)
    expect(plan()).toEqual(first)
  })

  it('-o yaml writes every value out: no anchors, no aliases', () => {
    const r = run('simulate', '-f', 'examples/replicaset.yaml', '--until', '20s', '-o', 'yaml')
    expect(r.code).toBe(0)
    expect(r.out).toContain('kind: ReplicaSet')
    expect(r.out).not.toMatch(/[&*]a\d+\b/)
  })

  it('a reader that closes the pipe early ends the command quietly, with exit code 0', () => {
    const sh = spawnSync('bash', ['-c', `set -o pipefail; "${process.execPath}" "${cli.path}" simulate -f examples/rolling-update.yaml -o json 2>"${dir}/pipe.err" | head -c 10 >/dev/null; echo "$?"`], {
      cwd: root,
      encoding: 'utf8',
    })
    expect(sh.stdout.trim()).toBe('0')
    expect(readFileSync(join(dir, 'pipe.err'), 'utf8')).toBe('')
  })

  it('counts with correct plurals', () => {
    const one = file('one.yaml', `${rs('web')}---\napiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {conditions: [{type: Ready, status: "True"}]}\n`)
    const plan = run('plan', '-f', one, ...now)
    expect(plan.out).toContain(': 1 object to reconcile, ')
    expect(plan.out).toMatch(/ReplicaSet default\/web: \d+ actions/)
    const quiet = file('quiet.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n')
    const sim = run('simulate', '-f', quiet, '--nodes', '0', '--until', '5s')
    expect(sim.out.split('\n')[0]).toMatch(/^Simulating 1 object for 5s/)
    expect(sim.out.trimEnd()).toMatch(/Stopped at \+5s: 0 trace entries\.$/)
  })
})

describe('nodes', () => {
  it('a pod that stays unschedulable is reported at the end of the timeline, without -v', () => {
    const f = file('picky.yaml', rs('picky').replace('containers:', 'nodeSelector: {disktype: ssd}, containers:'))
    const r = run('simulate', '-f', f, '--until', '30s')
    expect(r.code).toBe(0)
    const lines = r.out.trimEnd().split('\n')
    expect(lines[lines.length - 3]).toMatch(/^note: 1 pod stayed unschedulable: default\/picky-\w{5} \(0\/3 nodes are available\b.*\)$/)
    const none = run('simulate', '-f', f, '--until', '30s', '--nodes', '0')
    expect(none.out).toMatch(/note: 1 pod stayed unschedulable: default\/picky-\w{5}/)
    expect(none.err).toBe('')
  })
})

describe('a picture of the run', () => {
  it('-o svg writes the chart on stdout', () => {
    const r = run('simulate', '-f', 'examples/rolling-update.yaml', '-o', 'svg')
    expect(r.code).toBe(0)
    const svg = parseXml(r.out)
    expect(byClass(svg, 'panel').map((p) => p.attributes['data-workload'])).toEqual(['Deployment default/web'])
    expect(byClass(svg, 'marker').map((m) => m.attributes['class'])).toEqual(['marker edit', 'marker fault'])
  })

  it('--chart FILE writes it beside the timeline, whole; a file that cannot be written is an error with no output', () => {
    const out = join(dir, 'run.svg')
    const r = run('simulate', '-f', 'examples/replicaset.yaml', '--chart', out)
    expect(r.code).toBe(0)
    expect(r.out).toMatch(/^Simulating /)
    expect(byClass(parseXml(readFileSync(out, 'utf8')), 'panel')).toHaveLength(1)
    const bad = run('simulate', '-f', 'examples/replicaset.yaml', '--chart', join(dir, 'no', 'such', 'dir', 'run.svg'))
    expect(bad).toMatchObject({ code: 2, out: '' })
    expect(bad.err).toMatch(/--chart .*run\.svg: no such directory/)
    expect(existsSync(join(dir, 'no'))).toBe(false)
    expect(run('plan', '-f', 'examples/replicaset.yaml', '-o', 'svg')).toMatchObject({ code: 2, out: '' })
  })
})

describe('bad input stays safe', () => {
  it('every problem of every file exits 2 with the file, document and field path, and no output', () => {
    const a = file('bad/a.yaml', `${rs('ok')}---\napiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: Bad_Name}\nspec: {replicas: -1}\n`)
    const b = file('bad/b.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: web.1}\n---\napiVersion: kube-reconcile.io/v1alpha1\nkind: Scenario\nspec: {events: [{at: 1s, fault: {_tag: ExternalCreate}}]}\n')
    const c = file('bad/c.json', '{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "p"}, "spec": {"containers": [{"name": "c"}]}')
    const r = run('simulate', '-f', join(dir, 'bad'))
    expect(r).toMatchObject({ code: 2, out: '' })
    expect(r.err.split('\n').filter((l) => l !== '').map((l) => l.replace(/(: [^:]+): .*$/, '$1'))).toEqual([
      `kube-reconcile: ${a}: [document 2] metadata.name`,
      `kube-reconcile: ${a}: [document 2] spec.selector`,
      `kube-reconcile: ${a}: [document 2] spec.replicas`,
      `kube-reconcile: ${a}: [document 2] spec.template`,
      `kube-reconcile: ${b}: [document 1] metadata.name`,
      `kube-reconcile: ${b}: [document 2] spec.events[0].fault.object`,
      `kube-reconcile: ${c}: YAML`,
    ].map((l) => l.replace(/(: [^:]+): .*$/, '$1')))
  })

  it.each([
    ['a URL among files', ['plan', '-f', 'examples/replicaset.yaml', '-f', 'http://x/y.yaml']],
    ['a missing directory', ['plan', '-f', 'no/such/dir']],
    ['an unknown option', ['simulate', '-f', 'examples/replicaset.yaml', '--frobnicate']],
    ['--chart without simulate', ['plan', '-f', 'examples/replicaset.yaml', '--chart', 'x.svg']],
  ])('%s exits 2 with a message and no output', (_name, args) => {
    const r = run(...args)
    expect(r.code).toBe(2)
    expect(r.out).toBe('')
    expect(r.err).toMatch(/^kube-reconcile: /)
  })
})

describe('help', () => {
  it('points to the Scenario guide and schema, and lists the kinds with a controller once', () => {
    const r = run('--help')
    expect(r.code).toBe(0)
    expect(r.out).toContain('docs/guide/scenario.md')
    expect(r.out).toContain('schema/scenario.schema.json')
    expect(r.out.match(/Kinds with a controller: /g)).toHaveLength(1)
    expect(run('--version').out).toMatch(/^\d+\.\d+\.\d+\n$/)
  })
})
