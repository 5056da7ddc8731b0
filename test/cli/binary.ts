/**
 * The built `kube-reconcile` binary for the CLI tests: `src/cli/main.ts` bundled by tsup as
 * `npm run build` bundles it (ESM, the shebang), into a fresh folder under `node_modules`, and
 * run as a child process, so the tests see what a user sees: exit codes, stdout and stderr,
 * pipes.
 */
import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'tsup'

/** The repository's root. */
export const root = fileURLToPath(new URL('../../', import.meta.url))

/** A built binary and how to remove it. */
export interface Binary {
  readonly path: string
  readonly dispose: () => void
}

/** Builds the CLI into `node_modules/.kr-cli-test-*` (two levels below the root, where it finds package.json for `--version`). */
export const buildCli = async (): Promise<Binary> => {
  const dir = mkdtempSync(join(root, 'node_modules', '.kr-cli-test-'))
  await build({
    entry: { cli: join(root, 'src/cli/main.ts') },
    format: ['esm'],
    outDir: dir,
    target: 'es2022',
    banner: { js: '#!/usr/bin/env node' },
    silent: true,
    config: false,
    clean: false,
    sourcemap: false,
  })
  return { path: join(dir, 'cli.js'), dispose: () => rmSync(dir, { recursive: true, force: true }) }
}

/** What a run of the binary printed and how it ended. */
export interface Run {
  readonly code: number | null
  readonly out: string
  readonly err: string
}

/** Runs the binary with `args` (and `input` on stdin), from the repository's root. */
export const runBinary = (binary: Binary, args: ReadonlyArray<string>, input?: string): Run => {
  const r = spawnSync(process.execPath, [binary.path, ...args], { cwd: root, input: input ?? '', encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 })
  return { code: r.status, out: r.stdout, err: r.stderr }
}
