/**
 * The `kube-reconcile` command: the only code that does I/O or reads the wall clock.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { stringify } from 'yaml'
import { encode } from '../api/decode.js'
import * as CV from '../core/ClusterView.js'
import { parse, usage } from './args.js'
import type { Command, Output } from './args.js'
import { readInputs } from './input.js'
import { plan, planData, planTable } from './plan.js'
import { renderRows, simulate } from './simulate.js'

const defaultStart = '2024-01-01T00:00:00Z'

const print = (output: Output, table: () => string, data: () => unknown): string =>
  output === 'table' ? table() : output === 'json' ? JSON.stringify(data(), null, 2) : stringify(data())

const version = (): string => {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version?: string }
    return pkg.version ?? 'unknown'
  } catch {
    return 'unknown'
  }
}

/** Runs one command; returns the exit code and what to print on stdout and stderr. */
const run = (cmd: Command): { readonly code: number; readonly out: string; readonly err: string } => {
  switch (cmd._tag) {
    case 'Help':
      return { code: 0, out: usage, err: '' }
    case 'Version':
      return { code: 0, out: version(), err: '' }
    case 'Plan': {
      const inputs = readInputs(cmd.files)
      if (E.isLeft(inputs)) return { code: 2, out: '', err: inputs.left }
      const now = cmd.now === undefined ? new Date() : new Date(cmd.now)
      const entries = plan(inputs.right.objects, now)
      return { code: 0, out: print(cmd.output, () => planTable(entries, now), () => planData(entries, now)), err: '' }
    }
    case 'Simulate': {
      const inputs = readInputs(cmd.files)
      if (E.isLeft(inputs)) return { code: 2, out: '', err: inputs.left }
      const scenario = inputs.right.scenarios[0]
      const start = new Date(cmd.start ?? defaultStart)
      const until = cmd.until ?? scenario?.until ?? 300
      const seed = cmd.seed ?? scenario?.seed ?? 0
      const r = simulate({ objects: inputs.right.objects, ...(scenario === undefined ? {} : { scenario }), until, seed, start }, false)
      const table = () =>
        [
          `Simulating ${inputs.right.objects.length} objects${scenario === undefined ? '' : ` with scenario "${scenario.name}"`} for ${until}s (seed ${seed}), starting ${start.toISOString()}`,
          '',
          renderRows(r.rows, start.getTime()),
          ...r.skipped.map((s) => `note: ${s}`),
          '',
          `Stopped at +${(r.sim.now.getTime() - start.getTime()) / 1000}s: ${r.sim.trace.length} trace entries.`,
        ].join('\n')
      const data = () => ({ start: start.toISOString(), until, seed, trace: r.sim.trace, objects: CV.toArray(r.sim.view).map(encode) })
      return { code: 0, out: print(cmd.output, table, data), err: '' }
    }
  }
}

const main = (argv: ReadonlyArray<string>): number => {
  const cmd = parse(argv)
  if (E.isLeft(cmd)) {
    process.stderr.write(`kube-reconcile: ${cmd.left}\nRun 'kube-reconcile --help' for usage.\n`)
    return 2
  }
  const r = run(cmd.right)
  if (r.out !== '') process.stdout.write(`${r.out}\n`)
  if (r.err !== '') process.stderr.write(`kube-reconcile: ${r.err}\n`)
  return r.code
}

process.exitCode = main(process.argv.slice(2))
