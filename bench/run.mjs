// `npm run bench`: runs every benchmark module in this folder (each exports a default async
// function taking `report(name, value, unit)`) against the built package in dist/, each suite
// in a fresh Node process with this process's flags, so no suite pays for another's heap.
// Not part of the tests. Pass names to run only some: `npm run bench -- cluster`.
import { spawnSync } from 'node:child_process'
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const self = fileURLToPath(import.meta.url)
const here = dirname(self)
const one = process.env.BENCH_SUITE

if (one === undefined) {
  const only = process.argv.slice(2)
  const files = readdirSync(here)
    .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_'))
    .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
    .sort()
  let failed = 0
  for (const f of files) {
    const r = spawnSync(process.execPath, [...process.execArgv, self], { stdio: 'inherit', env: { ...process.env, BENCH_SUITE: f } })
    if (r.status !== 0) failed++
  }
  console.log(`\n${files.length} suites${failed === 0 ? '' : `, ${failed} failed`}`)
  process.exitCode = failed === 0 ? 0 : 1
} else {
  const suite = one.replace(/\.mjs$/, '')
  const mod = await import(pathToFileURL(join(here, one)).href)
  const t0 = performance.now()
  await mod.default((name, value, unit) => {
    const shown = typeof value === 'number' ? +value.toFixed(value < 10 ? 3 : 1) : value
    console.log(`${suite.padEnd(12)} ${name.padEnd(58)} ${String(shown).padStart(12)} ${unit}`)
  })
  console.log(`${suite.padEnd(12)} ${'(suite wall time)'.padEnd(58)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(12)} s`)
}
