import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as E from 'fp-ts/lib/Either.js'
import { decodeManifestsWith, ClusterView, reconcile, Simulation, Scenario } from '../src/index.js'
import { runCli } from '../src/cli/run.js'

// The README's library example, run against the bundled ReplicaSet example.
describe('README example', () => {
  it('decodes, plans and simulates', () => {
    const text = readFileSync(new URL('../examples/replicaset.yaml', import.meta.url), 'utf8')
    const objects = decodeManifestsWith(text, { isExtra: Scenario.isScenarioDocument })
    if (E.isLeft(objects)) throw new Error(objects.left.message)
    const view = ClusterView.fromObjects(objects.right.objects)
    const [rs] = ClusterView.list(view, 'ReplicaSet', 'default')
    const actions = reconcile(rs!, view, new Date('2024-01-01T00:00:00Z'))
    expect(actions.filter((a) => a._tag === 'Create').length).toBe(3)
    const sim = Simulation.runUntilStable(Simulation.make({ objects: objects.right.objects, start: new Date(0), seed: 1 }))
    expect(sim.stopped).toBe('fixpoint')
    expect(Simulation.timeline(sim)).toMatch(/ReplicaSet default\/web\s+Create Pod default\/web-/)
    expect(Simulation.summary(sim).pods).toMatchObject({ running: 3, ready: 3, pending: 0 })
  })
})

/** The README's timeline excerpts: each `kube-reconcile simulate …` command and the block after it. */
const excerpts = (readme: string): ReadonlyArray<{ readonly argv: ReadonlyArray<string>; readonly lines: ReadonlyArray<string> }> =>
  Array.from(readme.matchAll(/`kube-reconcile (simulate[^`]*)`[\s\S]*?\n```\n([\s\S]*?)```/g))
    .filter((m) => !(m[1] ?? '').includes('-o svg'))
    .map((m) => ({
      argv: (m[1] ?? '').split(' '),
      lines: (m[2] ?? '').split('\n').filter((l) => l.trim() !== '' && l.trim() !== '…'),
    }))

describe('README timeline excerpts', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
  const all = excerpts(readme)
  it('finds the six simulate examples', () => {
    expect(all.map((x) => x.argv.at(-1))).toEqual([
      'examples/replicaset.yaml',
      'examples/statefulset.yaml',
      'examples/daemonset.yaml',
      'examples/job.yaml',
      'examples/cronjob.yaml',
      'examples/node-failure.yaml',
    ])
  })
  // Each excerpt line is a line of the command's output (columns may be padded differently; a
  // line cut with `…` is a prefix), in the same order.
  it.each(all.map((x) => [x.argv.join(' '), x] as const))('%s prints what the README shows', (_name, x) => {
    const r = runCli(x.argv)
    expect(r.code).toBe(0)
    const squeeze = (l: string): string => l.trim().replace(/\s+/g, ' ')
    const out = r.out.split('\n').map(squeeze)
    let from = 0
    for (const line of x.lines) {
      const want = squeeze(line)
      const cut = want.endsWith('…')
      const at = out.findIndex((o, i) => i >= from && (cut ? o.startsWith(want.slice(0, -1)) : o === want))
      expect(at, `README line not in the output (in order): ${line}`).toBeGreaterThanOrEqual(0)
      from = at + 1
    }
  })
})
