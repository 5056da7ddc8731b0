/**
 * What the `kube-reconcile` command does, as a function of its arguments (files, the wall clock
 * and the chart file are its only outside effects); `main.ts` wires it to the process.
 */
import { readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { stringify } from 'yaml'
import { encode } from '../api/decode.js'
import type { KubeObject } from '../api/object.js'
import * as T from '../api/time.js'
import * as CV from '../core/ClusterView.js'
import { controllersWith } from '../controllers/registry.js'
import { parse, usage } from './args.js'
import type { Command, Output } from './args.js'
import { renderChart } from './chart.js'
import { startOf } from './clock.js'
import { withFleet } from './fleet.js'
import { withIdentities } from './identity.js'
import { readInputs } from './input.js'
import { count, unreconciledNote, unschedulable, unschedulableNote } from './notes.js'
import { plan, planData, planTable } from './plan.js'
import { renderRows, simulate } from './simulate.js'

/** The data as text in a non-table format: JSON, or YAML without anchors or aliases (each value written out). */
const printData = (output: Exclude<Output, 'table' | 'svg'>, data: unknown): string =>
  output === 'json' ? JSON.stringify(data, null, 2) : stringify(data, { aliasDuplicateObjects: false })

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

/** The notes printed on stderr, one `note:` line each (so json, yaml and svg output stay clean). */
const notes = (lines: ReadonlyArray<string | undefined>): string =>
  lines.flatMap((l) => (l === undefined ? [] : [`note: ${l}`])).join('\n')

/**
 * The input's objects with the default fleet when there is no Node, and the names, uids and
 * creation times (`at`) the API server would give them.
 */
const prepare = (
  objects: ReadonlyArray<KubeObject>,
  nodes: number | undefined,
  at: Date,
): { readonly objects: ReadonlyArray<KubeObject>; readonly note?: string } => {
  const fleet = withFleet(objects, nodes)
  return { ...fleet, objects: withIdentities(fleet.objects, T.format(at.getTime())) }
}

/** Writes `text` to `file` whole or not at all (a temporary file renamed into place). */
const writeWhole = (file: string, text: string): E.Either<string, void> => {
  const tmp = `${file}.${process.pid}.tmp`
  try {
    writeFileSync(tmp, text)
    renameSync(tmp, file)
    return E.right(undefined)
  } catch (e) {
    rmSync(tmp, { force: true })
    return E.left(`--chart ${file}: ${(e as { readonly code?: string }).code === 'ENOENT' ? 'no such directory' : e instanceof Error ? e.message : String(e)}`)
  }
}

/** Runs one command; returns the exit code and what to print on stdout and stderr. */
const run = (cmd: Command): CliResult => {
  switch (cmd._tag) {
    case 'Help':
      return { code: 0, out: usage, err: '' }
    case 'Version':
      return { code: 0, out: version(), err: '' }
    case 'Plan': {
      const inputs = readInputs(cmd.files, { recursive: cmd.recursive })
      if (E.isLeft(inputs)) return { code: 2, out: '', err: inputs.left }
      const now = cmd.now === undefined ? new Date() : new Date(cmd.now)
      const { objects, note } = prepare(inputs.right.objects, cmd.nodes, now)
      const entries = plan(objects, now, cmd.featureGates)
      return {
        code: 0,
        out: cmd.output === 'table' ? planTable(entries, now) : printData(cmd.output, planData(entries, now)),
        err: notes([unreconciledNote(objects, controllersWith(cmd.featureGates ?? {})), note]),
      }
    }
    case 'Simulate': {
      const inputs = readInputs(cmd.files, { recursive: cmd.recursive })
      if (E.isLeft(inputs)) return { code: 2, out: '', err: inputs.left }
      const scenario = inputs.right.scenarios[0]
      const start = startOf(inputs.right.objects, cmd.start)
      const until = cmd.until ?? scenario?.until ?? 300
      const seed = cmd.seed ?? scenario?.seed ?? 0
      const { objects, note } = prepare(inputs.right.objects, cmd.nodes, start.at)
      const chart = cmd.output === 'svg' || cmd.chart !== undefined
      const r = simulate(
        {
          objects,
          ...(scenario === undefined ? {} : { scenario }),
          until,
          seed,
          start: start.at,
          ...(cmd.featureGates === undefined ? {} : { featureGates: cmd.featureGates }),
        },
        cmd.verbose,
        chart,
      )
      const startMs = start.at.getTime()
      const stuck = unschedulableNote(r.sim.view)
      const title = `${scenario === undefined ? 'kube-reconcile simulate' : `Scenario "${scenario.name}"`}: ${count(objects.length, 'object')}, seed ${seed}, from ${start.at.toISOString()}`
      const svg = chart ? renderChart({ title, startMs, endMs: r.sim.now.getTime(), series: r.series, markers: r.markers }) : ''
      if (cmd.chart !== undefined) {
        const written = writeWhole(cmd.chart, svg)
        if (E.isLeft(written)) return { code: 2, out: '', err: written.left }
      }
      const table = (): string =>
        [
          `Simulating ${count(objects.length, 'object')}${scenario === undefined ? '' : ` with scenario "${scenario.name}"`} for ${until}s (seed ${seed}), starting ${start.at.toISOString()} (${start.from})`,
          '',
          renderRows(r.rows, startMs),
          ...r.skipped.map((s) => `note: ${s}`),
          ...(stuck === undefined ? [] : [`note: ${stuck}`]),
          '',
          `Stopped at +${(r.sim.now.getTime() - startMs) / 1000}s: ${count(r.sim.trace.length, 'trace entry', 'trace entries')}.`,
        ].join('\n')
      const data = (): unknown => ({
        start: start.at.toISOString(),
        until,
        seed,
        trace: r.sim.trace,
        objects: CV.toArray(r.sim.view).map(encode),
        unschedulable: unschedulable(r.sim.view),
      })
      return {
        code: 0,
        out: cmd.output === 'table' ? table() : cmd.output === 'svg' ? svg : printData(cmd.output, data()),
        err: notes([unreconciledNote(objects, controllersWith(cmd.featureGates ?? {})), note, ...(cmd.output === 'table' ? [] : [stuck])]),
      }
    }
  }
}

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
