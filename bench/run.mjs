// `npm run bench`: runs every benchmark module in this folder (each exports a default async
// function taking `report(name, value, unit)`) against the built package in dist/, and prints
// a table. Not part of the tests. Pass names to run only some: `npm run bench -- cluster`.
import { readdirSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const here = dirname(fileURLToPath(import.meta.url))
const only = process.argv.slice(2)
const files = readdirSync(here)
  .filter((f) => f.endsWith('.mjs') && f !== 'run.mjs' && !f.startsWith('_'))
  .filter((f) => only.length === 0 || only.some((o) => f.includes(o)))
  .sort()

const rows = []
for (const f of files) {
  const suite = f.replace(/\.mjs$/, '')
  const mod = await import(pathToFileURL(join(here, f)).href)
  const t0 = performance.now()
  await mod.default((name, value, unit) => {
    const row = { suite, name, value: typeof value === 'number' ? +value.toFixed(value < 10 ? 3 : 1) : value, unit }
    rows.push(row)
    console.log(`${suite.padEnd(12)} ${name.padEnd(58)} ${String(row.value).padStart(12)} ${unit}`)
  })
  console.log(`${suite.padEnd(12)} ${'(suite wall time)'.padEnd(58)} ${((performance.now() - t0) / 1000).toFixed(1).padStart(12)} s`)
}
console.log(`\n${rows.length} figures from ${files.length} suites`)
