/**
 * The chart of a run: a pure function from the run's series and markers to SVG, tested by
 * parsing the SVG it writes.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { renderChart, lines } from '../../src/cli/chart.js'
import { readInputs } from '../../src/cli/input.js'
import type { ChartData, Counts } from '../../src/cli/series.js'
import { simulate } from '../../src/cli/simulate.js'
import { deepFreeze } from '../helpers/freeze.js'
import { allElements, byClass, parseXml } from './xml.js'
import type { XmlElement } from './xml.js'

const t0 = Date.parse('2024-01-01T00:00:00Z')
const at = (s: number): number => t0 + s * 1000
const c = (desired: number | undefined, existing: number, ready: number, updated?: number): Counts => ({
  ...(desired === undefined ? {} : { desired }),
  existing,
  ready,
  ...(updated === undefined ? {} : { updated }),
})

const data: ChartData = deepFreeze({
  title: 'a <run> & "its" title',
  startMs: t0,
  endMs: at(60),
  series: [
    { workload: 'Deployment default/web', samples: [{ ms: at(0), counts: c(3, 0, 0, 0) }, { ms: at(2), counts: c(3, 3, 1, 3) }, { ms: at(4), counts: c(3, 3, 3, 3) }, { ms: at(30), counts: c(5, 5, 3, 5) }] },
    { workload: "ReplicaSet o'clock/<x>", samples: [{ ms: at(0), counts: c(2, 2, 2) }] },
    { workload: 'CronJob default/hello', samples: [{ ms: at(10), counts: c(undefined, 1, 0) }] },
  ],
  markers: [
    { ms: at(15), kind: 'fault', label: 'PodCrash Pod default/web-abcde' },
    { ms: at(30), kind: 'edit', label: `ExternalEdit Deployment default/web ${'x'.repeat(300)}` },
  ],
})

const svg = (): XmlElement => parseXml(renderChart(data))
const points = (e: XmlElement): ReadonlyArray<readonly [number, number]> =>
  (e.attributes['points'] ?? '').split(' ').map((p) => p.split(',').map(Number) as unknown as readonly [number, number])

describe('renderChart', () => {
  it('writes well-formed SVG with the title escaped', () => {
    const root = svg()
    expect(root.name).toBe('svg')
    expect(root.attributes['xmlns']).toBe('http://www.w3.org/2000/svg')
    expect(byClass(root, 'title')[0]?.text).toBe(data.title)
    const [w, h] = [Number(root.attributes['width']), Number(root.attributes['height'])]
    expect(root.attributes['viewBox']).toBe(`0 0 ${w} ${h}`)
  })

  it('draws one panel per workload, named, with a line per count it knows', () => {
    const panels = byClass(svg(), 'panel')
    expect(panels.map((p) => p.attributes['data-workload'])).toEqual(data.series.map((s) => s.workload))
    const drawn = panels.map((p) => byClass(p, 'line').map((l) => l.attributes['data-line']))
    expect(drawn).toEqual([['desired', 'existing', 'ready', 'updated'], ['desired', 'existing', 'ready'], ['existing', 'ready']])
    expect(byClass(svg(), 'legend').map((l) => l.attributes['data-line'])).toEqual([...lines.map((l) => l.key), 'fault', 'edit'])
  })

  it('draws steps: x never goes back, and larger counts sit higher, up to the end of the run', () => {
    const [web] = byClass(svg(), 'panel')
    const line = (key: string): ReadonlyArray<readonly [number, number]> => points(byClass(web!, key)[0]!)
    for (const key of ['desired', 'existing', 'ready', 'updated']) {
      const ps = line(key)
      for (let i = 1; i < ps.length; i++) expect(ps[i]![0]).toBeGreaterThanOrEqual(ps[i - 1]![0])
      for (let i = 1; i < ps.length; i++) expect(ps[i]![0] === ps[i - 1]![0] || ps[i]![1] === ps[i - 1]![1], `${key}: not a step`).toBe(true)
    }
    const ready = line('ready')
    const ys = [...new Set(ready.map(([, y]) => y))]
    expect(ys).toHaveLength(3) // 0, 1, 3 ready
    expect(ys[0]).toBeGreaterThan(ys[1]!) // 0 below 1
    const desired = line('desired')
    expect(desired[desired.length - 1]![1]).toBeLessThan(desired[0]![1]) // 5 above 3
    expect(ready[ready.length - 1]![0]).toBe(desired[desired.length - 1]![0]) // both reach the end
  })

  it('marks faults and edits across the panels, numbered, with the full label as a title and a clipped key line', () => {
    const root = svg()
    const markers = byClass(root, 'marker')
    expect(markers.map((m) => m.attributes['class'])).toEqual(['marker fault', 'marker edit'])
    expect(markers.map((m) => m.attributes['data-at'])).toEqual(['15000', '30000'])
    expect(markers[0]?.children.find((x) => x.name === 'title')?.text).toBe('+15s PodCrash Pod default/web-abcde')
    expect(markers[1]?.children.find((x) => x.name === 'title')?.text).toContain('x'.repeat(300))
    const keys = byClass(root, 'marker-key').map((k) => k.text)
    expect(keys[0]).toBe('1  +15s  PodCrash Pod default/web-abcde')
    expect(keys[1]?.endsWith('…')).toBe(true)
    const xs = markers.map((m) => Number(m.children.find((x) => x.name === 'line')?.attributes['x1']))
    expect(xs[0]).toBeLessThan(xs[1]!)
  })

  it('is a pure function of its data', () => {
    expect(renderChart(data)).toBe(renderChart(structuredClone(data)))
    expect(allElements(svg()).every((e) => !Object.values(e.attributes).some((v) => v.includes('NaN') || v.includes('undefined')))).toBe(true)
  })

  it('draws an empty run: no panels, no markers', () => {
    const root = parseXml(renderChart({ title: 't', startMs: t0, endMs: t0, series: [], markers: [] }))
    expect(byClass(root, 'panel')).toEqual([])
    expect(allElements(root).some((e) => Object.values(e.attributes).some((v) => v.includes('NaN')))).toBe(false)
  })
})

describe('the chart of a real run', () => {
  const example = (file: string) => {
    const r = readInputs([new URL(`../../examples/${file}`, import.meta.url).pathname])
    if (E.isLeft(r)) throw new Error(r.left)
    const scenario = r.right.scenarios[0]!
    return simulate({ objects: r.right.objects, scenario, until: scenario.until, seed: scenario.seed ?? 0, start: new Date(t0) }, false, true)
  }

  it('charts the top-level workload of a rolling update (not its ReplicaSets), back to every pod updated and ready, the edit and the crash marked', () => {
    const run = example('rolling-update.yaml')
    expect(run.series.map((s) => s.workload)).toEqual(['Deployment default/web'])
    expect(run.markers.map((m) => [m.kind, (m.ms - t0) / 1000])).toEqual([['edit', 10], ['fault', 16]])
    const samples = run.series[0]!.samples
    expect(samples[0]?.counts).toEqual({ desired: 10, existing: 10, ready: 10, updated: 10 })
    expect(Math.max(...samples.map((s) => s.counts.existing))).toBe(13) // maxSurge 25% of 10
    // The surge is drawn when it happens, in the second after the edit, not at the next event.
    expect(samples.find((s) => s.counts.existing === 13)?.ms).toBe(at(11))
    expect(samples.find((s) => s.ms === at(10))?.counts.updated).toBe(0)
    expect(samples[samples.length - 1]?.counts).toEqual({ desired: 10, existing: 10, ready: 10, updated: 10 })
    const root = parseXml(renderChart({ title: 'rolling update', startMs: t0, endMs: run.sim.now.getTime(), series: run.series, markers: run.markers }))
    expect(byClass(root, 'panel')).toHaveLength(1)
    expect(byClass(root, 'marker')).toHaveLength(2)
  })

  it('without the chart asked for, collects nothing', () => {
    const text = readFileSync(new URL('../../examples/replicaset.yaml', import.meta.url), 'utf8')
    expect(text).toContain('kind: Scenario')
    const r = readInputs([new URL('../../examples/replicaset.yaml', import.meta.url).pathname])
    if (E.isLeft(r)) throw new Error(r.left)
    const run = simulate({ objects: r.right.objects, until: 20, seed: 1, start: new Date(t0) }, false)
    expect(run.series).toEqual([])
    expect(run.markers).toEqual([])
  })
})
