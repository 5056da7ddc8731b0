// Measuring a simulation run (files starting with `_` are not suites): wall and CPU time, the
// time spent in each phase of the simulation's rounds (its `profile` hook), and GC pauses (a
// PerformanceObserver on 'gc' entries). The categories are disjoint: each phase's self time (a
// nested `store` commit is subtracted from the phase around it), minus the GC pauses that
// struck inside it; GC; and `other`, the rest of the wall time (trace, clock, queue
// bookkeeping, rounds' set-up).
import { PerformanceObserver } from 'node:perf_hooks'

export const phases = ['reconcile', 'apiserver', 'store', 'scheduler', 'kubelet']
const NONE = 255

/** `BENCH_RUNS` (default `d`): how many times a suite repeats its timed runs. */
export const runs = (d) => {
  const n = Number(process.env.BENCH_RUNS)
  return Number.isInteger(n) && n > 0 ? n : d
}

export const gc = () => {
  globalThis.gc?.()
  globalThis.gc?.()
}

/** A turn of the event loop: the GC entries of a synchronous run are delivered after it. */
const drain = () => new Promise((resolve) => setImmediate(() => setImmediate(resolve)))

/** Every GC pause (start, duration in ms on `performance.now()`'s clock) since the module loaded. */
const pauses = []
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) pauses.push(e.startTime, e.duration)
}).observe({ entryTypes: ['gc'] })

/** A `profile` hook recording phase transitions (time, innermost phase after it) in growable typed arrays. */
const recorder = () => {
  let times = new Float64Array(1 << 16)
  let ids = new Uint8Array(1 << 16)
  let n = 0
  const stack = []
  const mark = (t, id) => {
    if (n === times.length) {
      const t2 = new Float64Array(n * 2)
      t2.set(times)
      times = t2
      const i2 = new Uint8Array(n * 2)
      i2.set(ids)
      ids = i2
    }
    times[n] = t
    ids[n] = id
    n++
  }
  const profile = (phase, work) => {
    const id = phases.indexOf(phase)
    stack.push(id)
    mark(performance.now(), id)
    try {
      return work()
    } finally {
      stack.pop()
      mark(performance.now(), stack.length === 0 ? NONE : stack[stack.length - 1])
    }
  }
  return { profile, log: () => ({ times, ids, n }) }
}

/**
 * Self time per phase from the transition log, minus the GC pauses within `[t0, t1]`, each
 * charged to the phase it struck in. Returns ms per phase, gc, other, and the call count.
 */
const attribute = ({ times, ids, n }, t0, t1) => {
  const self = new Float64Array(phases.length + 1) // last slot: outside every phase
  let prevT = t0
  let prevId = NONE
  for (let i = 0; i < n; i++) {
    self[prevId === NONE ? phases.length : prevId] += times[i] - prevT
    prevT = times[i]
    prevId = ids[i]
  }
  self[prevId === NONE ? phases.length : prevId] += t1 - prevT
  let gcMs = 0
  let j = 0
  for (let p = 0; p < pauses.length; p += 2) {
    const start = pauses[p]
    const d = pauses[p + 1]
    if (start < t0 || start > t1) continue
    gcMs += d
    while (j < n && times[j] <= start) j++
    const id = j === 0 ? NONE : ids[j - 1]
    self[id === NONE ? phases.length : id] -= d
  }
  const out = { gc: gcMs, other: self[phases.length], calls: n / 2 }
  phases.forEach((p, i) => (out[p] = self[i]))
  return out
}

let current
/**
 * The `profile` hook to put in a simulation's options (it is kept in the Simulation value, so
 * runs from a value made earlier keep calling it): it records into the current `measure`'s log,
 * and outside of one only runs the phase.
 */
export const profile = (phase, work) => (current === undefined ? work() : current.profile(phase, work))

/**
 * Runs `f(profile)` once (synchronously) and returns its result with wall and CPU seconds and
 * the phase split (ms). The simulation must have `profile` (this module's) in its options.
 */
export const measure = async (f) => {
  gc()
  await drain()
  const rec = recorder()
  current = rec
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  let result
  try {
    result = f(profile)
  } finally {
    current = undefined
  }
  const t1 = performance.now()
  const cpu = process.cpuUsage(cpu0)
  await drain()
  return { result, wall: (t1 - t0) / 1000, cpu: (cpu.user + cpu.system) / 1e6, split: attribute(rec.log(), t0, t1) }
}

/** Shares of the wall time, as `reconcile 31% · apiserver 12% · …`. */
export const shares = (m) => {
  const total = m.wall * 1000
  const pct = (v) => `${Math.round((100 * v) / total)}%`
  return [...phases, 'gc', 'other'].map((p) => `${p} ${pct(m.split[p])}`).join(' · ')
}

/** `a–b` over the runs' values (one value: itself). */
export const range = (values, digits = 2) => {
  const lo = Math.min(...values)
  const hi = Math.max(...values)
  return lo.toFixed(digits) === hi.toFixed(digits) ? lo.toFixed(digits) : `${lo.toFixed(digits)}–${hi.toFixed(digits)}`
}

/**
 * Reports one measured run: wall, CPU and the phase shares, under `label`. `extra` adds rows
 * (name, value, unit).
 */
export const reportRun = (report, label, m, run) => {
  report(`${label} [run ${run}] wall`, m.wall, 's')
  report(`${label} [run ${run}] CPU`, m.cpu, 's')
  report(`  phases: ${shares(m)}`, m.split.calls, 'calls')
}

/** Reports the ranges over the runs: wall, CPU, and each share. */
export const reportRanges = (report, label, ms) => {
  report(`${label}: wall over ${ms.length} run(s)`, range(ms.map((m) => m.wall)), 's')
  report(`${label}: CPU over ${ms.length} run(s)`, range(ms.map((m) => m.cpu)), 's')
  const share = (p) => ms.map((m) => (100 * m.split[p]) / (m.wall * 1000))
  report(`  shares: ${[...phases, 'gc', 'other'].map((p) => `${p} ${range(share(p), 0)}%`).join(' · ')}`, '', '')
}

/** Median wall time (ms) of `f` over `n` timed runs, after `warmups` untimed ones. */
export const medianMs = (f, n = 7, warmups = 1) => {
  for (let w = 0; w < warmups; w++) f()
  const ts = []
  for (let k = 0; k < n; k++) {
    const t0 = performance.now()
    f()
    ts.push(performance.now() - t0)
  }
  return ts.sort((a, b) => a - b)[Math.floor(n / 2)]
}
