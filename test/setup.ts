/**
 * fast-check's seed for every property: fixed by default, so `npm test` (and CI) checks the same
 * inputs on every run and a failure always replays; `PROPERTY_SEED=<n>` picks another seed and
 * `PROPERTY_SEED=random` a fresh one per property (exploration:
 * `PROPERTY_SEED=random PROPERTY_RUNS=500 npm test`). `FC_SEED` is accepted as an older name.
 * A property that passes its own `seed` keeps it.
 */
import fc from 'fast-check'

const variable = process.env['PROPERTY_SEED'] !== undefined ? 'PROPERTY_SEED' : 'FC_SEED'
const chosen = process.env[variable] ?? '20261207'
if (chosen !== 'random') {
  const seed = Number(chosen)
  if (!Number.isInteger(seed)) throw new Error(`${variable} must be an integer or "random", got "${chosen}"`)
  fc.configureGlobal({ ...fc.readConfigureGlobal(), seed })
}
