/**
 * The picture of a run: an SVG chart with one panel per workload, its desired, existing, ready
 * and updated pods as step lines over simulated time, and the run's faults and edits as
 * numbered vertical markers listed under the panels. A pure function of the chart data: the
 * same run draws the same bytes.
 */
import { formatDuration } from '../scenario/duration.js'
import type { ChartData, Counts, Sample, Series } from './series.js'

/** The lines of a panel, in drawing order, with their legend names and colours. */
export const lines = [
  { key: 'desired', name: 'desired', color: '#7f7f7f', dash: '6 4' },
  { key: 'existing', name: 'existing', color: '#1f77b4', dash: '' },
  { key: 'ready', name: 'ready', color: '#2ca02c', dash: '' },
  { key: 'updated', name: 'updated', color: '#ff7f0e', dash: '2 3' },
] as const satisfies ReadonlyArray<{ readonly key: keyof Counts; readonly name: string; readonly color: string; readonly dash: string }>

const markerColors = { fault: '#d62728', edit: '#9467bd' } as const

const width = 960
const left = 56
const right = 24
const panelHeight = 150
const panelGap = 44
const top = 64
const keyLine = 16

/** Text made safe for XML content and attribute values. */
const escapeXml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'))

/** Longest marker line under the panels, in characters (the full text is the marker's `title`). */
const maxKeyLength = 130

/** `s`, cut to `maxKeyLength` characters with an ellipsis. */
const clip = (s: string): string => (s.length <= maxKeyLength ? s : `${s.slice(0, maxKeyLength - 1)}…`)

/** A number with at most one decimal, as SVG coordinates are written. */
const n = (x: number): string => String(Math.round(x * 10) / 10)

/** Integer tick values from 0 to `max` (about five of them). */
const ticks = (max: number): ReadonlyArray<number> => {
  const step = Math.max(1, Math.ceil(max / 5))
  const out: Array<number> = []
  for (let v = 0; v <= max; v += step) out.push(v)
  return out
}

/** The step line of one count through the samples, to the end of the run; `undefined` when the count is never known. */
const stepPoints = (samples: ReadonlyArray<Sample>, key: keyof Counts, x: (ms: number) => number, y: (v: number) => number, endMs: number): string | undefined => {
  const points: Array<string> = []
  let last: number | undefined
  for (const s of samples) {
    const v = s.counts[key]
    if (v === undefined) continue
    if (last !== undefined) points.push(`${n(x(s.ms))},${n(y(last))}`)
    points.push(`${n(x(s.ms))},${n(y(v))}`)
    last = v
  }
  if (last === undefined) return undefined
  points.push(`${n(x(endMs))},${n(y(last))}`)
  return points.join(' ')
}

/** The largest count a series reaches (at least 1, so an empty workload still has an axis). */
const maxOf = (s: Series): number =>
  s.samples.reduce((m, x) => Math.max(m, x.counts.desired ?? 0, x.counts.existing, x.counts.ready, x.counts.updated ?? 0), 1)

/**
 * The chart as SVG text: a title and legend, one panel per series (y: pods, x: time since the
 * start), the markers drawn across every panel and numbered, and under the panels one line per
 * marker (`1  +15s  PodCrash Pod default/web-x`). Every element carries a `class` naming what
 * it shows (`panel`, `line desired`, `marker fault`, …) and a `data-*` attribute with its data.
 */
export const renderChart = (data: ChartData): string => {
  const span = Math.max(1, data.endMs - data.startMs)
  const plotWidth = width - left - right
  const x = (ms: number): number => left + (Math.min(Math.max(ms, data.startMs), data.endMs) - data.startMs) * (plotWidth / span)
  const panelsBottom = top + data.series.length * (panelHeight + panelGap)
  const height = panelsBottom + data.markers.length * keyLine + 16
  const out: Array<string> = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text class="title" x="${left}" y="22" font-size="15" font-weight="bold">${escapeXml(data.title)}</text>`,
  ]
  lines.forEach((l, i) => {
    const lx = left + i * 110
    out.push(
      `<g class="legend" data-line="${l.key}"><line x1="${lx}" y1="40" x2="${lx + 24}" y2="40" stroke="${l.color}" stroke-width="2"${l.dash === '' ? '' : ` stroke-dasharray="${l.dash}"`}/><text x="${lx + 30}" y="44">${l.name}</text></g>`,
    )
  })
  out.push(
    `<g class="legend" data-line="fault"><line x1="${left + 440}" y1="32" x2="${left + 440}" y2="48" stroke="${markerColors.fault}" stroke-dasharray="3 3"/><text x="${left + 446}" y="44">fault</text></g>`,
    `<g class="legend" data-line="edit"><line x1="${left + 500}" y1="32" x2="${left + 500}" y2="48" stroke="${markerColors.edit}" stroke-dasharray="3 3"/><text x="${left + 506}" y="44">edit</text></g>`,
  )
  data.series.forEach((s, i) => {
    const y0 = top + i * (panelHeight + panelGap) + 18
    const max = maxOf(s)
    const y = (v: number): number => y0 + panelHeight - 18 - (v / max) * (panelHeight - 18)
    out.push(`<g class="panel" data-workload="${escapeXml(s.workload)}">`)
    out.push(`<text class="panel-title" x="${left}" y="${n(y0 - 6)}" font-weight="bold">${escapeXml(s.workload)}</text>`)
    for (const t of ticks(max)) {
      out.push(
        `<line class="grid" x1="${left}" y1="${n(y(t))}" x2="${width - right}" y2="${n(y(t))}" stroke="#e5e5e5"/>`,
        `<text class="tick" x="${left - 6}" y="${n(y(t) + 4)}" text-anchor="end">${t}</text>`,
      )
    }
    const axisY = y(0)
    out.push(`<line class="axis" x1="${left}" y1="${n(axisY)}" x2="${width - right}" y2="${n(axisY)}" stroke="#333333"/>`)
    for (let k = 0; k <= 4; k++) {
      const ms = data.startMs + (span * k) / 4
      const anchor = k === 0 ? 'start' : k === 4 ? 'end' : 'middle'
      out.push(`<text class="time" x="${n(x(ms))}" y="${n(axisY + 16)}" text-anchor="${anchor}">+${formatDuration(Math.round((ms - data.startMs) / 100) / 10)}</text>`)
    }
    for (const l of lines) {
      const points = stepPoints(s.samples, l.key, x, y, data.endMs)
      if (points === undefined) continue
      out.push(
        `<polyline class="line ${l.key}" data-line="${l.key}" points="${points}" fill="none" stroke="${l.color}" stroke-width="2"${l.dash === '' ? '' : ` stroke-dasharray="${l.dash}"`}/>`,
      )
    }
    out.push('</g>')
  })
  data.markers.forEach((m, i) => {
    const mx = n(x(m.ms))
    const at = `+${formatDuration((m.ms - data.startMs) / 1000)}`
    out.push(
      `<g class="marker ${m.kind}" data-at="${m.ms - data.startMs}"><title>${escapeXml(`${at} ${m.label}`)}</title>` +
        `<line x1="${mx}" y1="${top}" x2="${mx}" y2="${n(panelsBottom - panelGap + 4)}" stroke="${markerColors[m.kind]}" stroke-dasharray="3 3"/>` +
        `<text x="${mx}" y="${top - 4}" text-anchor="middle" fill="${markerColors[m.kind]}">${i + 1}</text></g>`,
      `<text class="marker-key" x="${left}" y="${panelsBottom + i * keyLine}" fill="${markerColors[m.kind]}">${escapeXml(clip(`${i + 1}  ${at}  ${m.label}`))}</text>`,
    )
  })
  out.push('</svg>')
  return out.join('\n')
}
