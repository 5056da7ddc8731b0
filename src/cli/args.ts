/**
 * Command-line parsing for `kube-reconcile` (pure: argv in, a command or a usage error out).
 */
import { parseArgs } from 'node:util'
import * as E from 'fp-ts/lib/Either.js'
import { parseDuration } from '../scenario/duration.js'
import type { FeatureGates } from '../core/featureGates.js'
import { controlledKinds } from '../controllers/registry.js'

/** Output formats (`svg`: simulate's chart). */
export type Output = 'table' | 'json' | 'yaml' | 'svg'

/** A parsed command line. */
export type Command =
  | { readonly _tag: 'Help'; readonly topic?: string }
  | { readonly _tag: 'Version' }
  | {
      readonly _tag: 'Plan'
      readonly files: ReadonlyArray<string>
      readonly recursive: boolean
      readonly output: Exclude<Output, 'svg'>
      readonly now?: string
      readonly featureGates?: FeatureGates
      readonly nodes?: number
    }
  | {
      readonly _tag: 'Simulate'
      readonly files: ReadonlyArray<string>
      readonly recursive: boolean
      readonly output: Output
      /** `--chart FILE`: also write the run's chart (SVG) to this file. */
      readonly chart?: string
      readonly until?: number
      readonly seed?: number
      readonly start?: string
      readonly verbose: boolean
      readonly featureGates?: FeatureGates
      readonly nodes?: number
    }

/** Where the Scenario kind is documented. */
export const scenarioGuide = 'https://github.com/kube-reconcile/kube-reconcile/blob/main/docs/guide/scenario.md'

/** The text of `kube-reconcile --help`. */
export const usage = `kube-reconcile — what the Kubernetes workload controllers would do, as pure functions

Usage:
  kube-reconcile plan -f FILE|DIR... [-R] [-o table|json|yaml] [--now RFC3339] [--nodes N] [--feature-gates GATES]
      What every controller would do now for this snapshot of a cluster.
  kube-reconcile simulate -f FILE|DIR... [-R] [--until DURATION] [--seed N] [--start RFC3339] [--nodes N]
                          [--feature-gates GATES] [-v] [-o table|json|yaml|svg] [--chart FILE.svg]
      Run the controllers, scheduler and kubelet on a simulated clock and print the timeline.
      A document of kind Scenario in the input scripts edits and faults: every field is documented
      in ${scenarioGuide}
      (JSON Schema for editors: node_modules/kube-reconcile/schema/scenario.schema.json).
  kube-reconcile --help | --version

Options:
  -f, --filename FILE   a YAML or JSON manifest (multi-document YAML, kubectl List), or a directory
                        (its .yaml, .yml and .json files); '-' reads stdin; repeat for several
  -R, --recursive       read the subdirectories of -f directories too
  -o, --output FORMAT   table (default), json or yaml; simulate also svg (the chart on stdout)
      --now TIME        plan: the time to reconcile at (default: the wall clock)
      --until DURATION  simulate: how long to run (default: the scenario's, else 5m), e.g. 90s, 2m30s
      --seed N          simulate: seed for generated names and uids (default: the scenario's, else 0)
      --start TIME      simulate: the simulated clock's start (default: the latest creation or status
                        time in the input, so a dump keeps its pods' ages; else 2024-01-01T00:00:00Z)
      --chart FILE      simulate: also write the chart of the run (SVG) to FILE
      --nodes N         when the input has no Node: how many Ready nodes to add (default 3, 0 for none)
      --feature-gates GATES  kube-controller-manager feature gates, as its flag takes them:
                        Name=true|false,... (known: MaxUnavailableStatefulSet; default: upstream's)
  -v, --verbose         simulate: also show scheduler and kubelet events, requeues and Events

Kinds with a controller: ${controlledKinds().join(', ')}.
Any other kind (a Service, a ConfigMap, a custom resource) is kept as a generic object, for labels,
owner references and garbage collection; a note names the kinds of the input no controller acts on.

Exit codes: 0 success, 2 bad input or usage (the message names the file, document and field path).`

const isOutput = (s: string): s is Output => s === 'table' || s === 'json' || s === 'yaml' || s === 'svg'
const isTime = (s: string): boolean => !Number.isNaN(Date.parse(s)) && /^\d{4}-\d{2}-\d{2}T/.test(s)

/** Parses `argv` (without node and the script path). */
export const parse = (argv: ReadonlyArray<string>): E.Either<string, Command> => {
  let parsed
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        filename: { type: 'string', short: 'f', multiple: true },
        recursive: { type: 'boolean', short: 'R' },
        chart: { type: 'string' },
        output: { type: 'string', short: 'o' },
        now: { type: 'string' },
        until: { type: 'string' },
        seed: { type: 'string' },
        start: { type: 'string' },
        'feature-gates': { type: 'string' },
        nodes: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean' },
        verbose: { type: 'boolean', short: 'v' },
      },
    })
  } catch (e) {
    return E.left(e instanceof Error ? e.message : String(e))
  }
  const { values: v, positionals } = parsed
  if (v.version === true) return E.right({ _tag: 'Version' })
  const [cmd, ...rest] = positionals
  if (v.help === true || cmd === undefined || cmd === 'help') return E.right({ _tag: 'Help' })
  if (cmd !== 'plan' && cmd !== 'simulate') return E.left(`unknown command "${cmd}" (expected plan or simulate)`)
  if (rest.length > 0) return E.left(`unexpected argument "${rest[0]}" (files go after -f)`)
  const files = v.filename ?? []
  if (files.length === 0) return E.left(`${cmd} needs at least one -f FILE ('-' for stdin)`)
  const output = v.output ?? 'table'
  if (!isOutput(output)) return E.left(`--output must be table, json, yaml or svg, got "${output}"`)
  const recursive = v.recursive === true
  const gates = v['feature-gates'] === undefined ? undefined : parseFeatureGates(v['feature-gates'])
  if (gates !== undefined && E.isLeft(gates)) return E.left(`--feature-gates: ${gates.left}`)
  const featureGates = gates === undefined ? {} : { featureGates: gates.right }
  if (v.nodes !== undefined && !/^[0-9]{1,5}$/.test(v.nodes)) return E.left(`--nodes must be a non-negative integer below 100000, got "${v.nodes}"`)
  const nodes = v.nodes === undefined ? {} : { nodes: Number(v.nodes) }
  if (cmd === 'plan') {
    if (output === 'svg') return E.left('--output svg draws a simulation: use it with simulate')
    if (v.chart !== undefined) return E.left('--chart draws a simulation: use it with simulate')
    if (v.now !== undefined && !isTime(v.now)) return E.left(`--now must be an RFC 3339 time, got "${v.now}"`)
    return E.right({ _tag: 'Plan', files, recursive, output, ...(v.now === undefined ? {} : { now: v.now }), ...featureGates, ...nodes })
  }
  if (v.chart !== undefined && (v.chart === '' || v.chart === '-')) return E.left('--chart needs a file name (use -o svg for stdout)')
  if (v.start !== undefined && !isTime(v.start)) return E.left(`--start must be an RFC 3339 time, got "${v.start}"`)
  let until: number | undefined
  if (v.until !== undefined) {
    const d = parseDuration(v.until)
    if (E.isLeft(d)) return E.left(`--until: ${d.left}`)
    until = d.right
  }
  if (v.seed !== undefined && !/^[0-9]+$/.test(v.seed)) return E.left(`--seed must be a non-negative integer, got "${v.seed}"`)
  return E.right({
    _tag: 'Simulate',
    files,
    recursive,
    output,
    ...(v.chart === undefined ? {} : { chart: v.chart }),
    verbose: v.verbose === true,
    ...(until === undefined ? {} : { until }),
    ...(v.seed === undefined ? {} : { seed: Number(v.seed) }),
    ...(v.start === undefined ? {} : { start: v.start }),
    ...featureGates,
    ...nodes,
  })
}

const knownGates: ReadonlyArray<keyof FeatureGates> = ['MaxUnavailableStatefulSet']

/**
 * Parses kube-controller-manager's `--feature-gates` value, `Name=true,Other=false`: unknown
 * names and values other than true/false are errors, as upstream's flag makes them.
 */
export const parseFeatureGates = (s: string): E.Either<string, FeatureGates> => {
  const gates: Record<string, boolean> = {}
  for (const part of s.split(',')) {
    const item = part.trim()
    if (item === '') continue
    const m = /^([A-Za-z0-9]+)=(.*)$/.exec(item)
    if (m === null) return E.left(`"${item}" is not Name=true|false`)
    const [, name = '', value = ''] = m
    if (!(knownGates as ReadonlyArray<string>).includes(name)) {
      return E.left(`unrecognized feature gate "${name}" (known: ${knownGates.join(', ')})`)
    }
    if (value !== 'true' && value !== 'false') return E.left(`invalid value of ${name}: "${value}", expected true or false`)
    gates[name] = value === 'true'
  }
  return E.right(gates)
}
