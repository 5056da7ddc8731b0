/**
 * What the `kube-reconcile` command does, as a function of its arguments (files and the wall
 * clock are the only outside inputs); `main.ts` wires it to the process.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { stringify } from 'yaml'
import { encode } from '../api/decode.js'
import * as CV from '../core/ClusterView.js'
import { parse, usage } from './args.js'
import type { Command, Output } from './args.js'
import { readInputs } from './input.js'
import { withFleet } from './fleet.js'
import { plan, planData, planTable } from './plan.js'
import { renderRows, simulate } from './simulate.js'

const defaultStart = '2024-01-01T00:00:00Z'

const print = (output: Output, table: () => string, data: () => unknown): string =>
  output === 'table' ? table() : output === 'json' ? JSON.stringify(data(), null, 2) : stringify(data())

/** The package version, from the package.json above this module (dist/ when built, src/cli/ in tests). */
const version = (): string => {
  for (const rel of ['../package.json', '../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string }
      if (pkg.name === 'kube-reconcile' && pkg.version !== undefined) return pkg.version
    } catch {
      // not there: try the next candidate
    }
  }
  return 'unknown'
}

/** Runs one command; returns the exit code and what to print on stdout and stderr. */
const run = (cmd: Command): CliResult => {
  switch (cmd._tag) {
    case 'Help':
      return { code: 0, out: usage, err: '' }
    case 'Version':
      return { code: 0, out: version(), err: '' }
    case 'Plan': {
      const inputs = readInputs(cmd.files)
      if (E.isLeft(inputs)) return { code: 2, out: '', err: inputs.left }
      const now = cmd.now === undefined ? new Date() : new Date(cmd.now)
      const { objects, note } = withFleet(inputs.right.objects, cmd.nodes)
      const entries = plan(objects, now, cmd.featureGates)
      return {
        code: 0,
        out: print(cmd.output, () => planTable(entries, now), () => planData(entries, now)),
        err: notes([...inputs.right.skipped, ...(note === undefined ? [] : [note])]),
      }
    }
    case 'Simulate': {
      const inputs = readInputs(cmd.files)
      if (E.isLeft(inputs)) return { code: 2, out: '', err: inputs.left }
      const scenario = inputs.right.scenarios[0]
      const start = new Date(cmd.start ?? defaultStart)
      const until = cmd.until ?? scenario?.until ?? 300
      const seed = cmd.seed ?? scenario?.seed ?? 0
      const { objects, note } = withFleet(inputs.right.objects, cmd.nodes)
      const r = simulate(
        {
          objects,
          ...(scenario === undefined ? {} : { scenario }),
          until,
          seed,
          start,
          ...(cmd.featureGates === undefined ? {} : { featureGates: cmd.featureGates }),
        },
        cmd.verbose,
      )
      const table = () =>
        [
          `Simulating ${objects.length} objects${scenario === undefined ? '' : ` with scenario "${scenario.name}"`} for ${until}s (seed ${seed}), starting ${start.toISOString()}`,
          '',
          renderRows(r.rows, start.getTime()),
          ...r.skipped.map((s) => `note: ${s}`),
          '',
          `Stopped at +${(r.sim.now.getTime() - start.getTime()) / 1000}s: ${r.sim.trace.length} trace entries.`,
        ].join('\n')
      const data = () => ({ start: start.toISOString(), until, seed, trace: r.sim.trace, objects: CV.toArray(r.sim.view).map(encode) })
      return { code: 0, out: print(cmd.output, table, data), err: notes([...inputs.right.skipped, ...(note === undefined ? [] : [note])]) }
    }
  }
}

/** The input documents left out, one `note:` line each on stderr (so json and yaml output stay clean). */
const notes = (skipped: ReadonlyArray<string>): string => skipped.map((s) => `note: ${s}`).join('\n')

/** The command's outcome: exit code and the text for stdout and stderr. */
export interface CliResult {
  readonly code: number
  readonly out: string
  readonly err: string
}

/** Runs `kube-reconcile` with these arguments (without node and the script path). */
export const runCli = (argv: ReadonlyArray<string>): CliResult => {
  const cmd = parse(argv)
  if (E.isLeft(cmd)) return { code: 2, out: '', err: `kube-reconcile: ${cmd.left}\nRun 'kube-reconcile --help' for usage.` }
  const r = run(cmd.right)
  return { ...r, err: r.err === '' ? '' : r.err.split('\n').map((l) => `kube-reconcile: ${l}`).join('\n') }
}
