// Decoding large manifest files (issue 16): `decodeManifests` on a 5 MB multi-document YAML of
// 40,000 Pods against the same Pods as one JSON List, and on a Pod with a 20,000-key mapping
// (YAML and JSON). Goal: YAML within 2× the time and memory of the same objects as JSON.
// Each case runs BENCH_RUNS times (default 3), each in a fresh Node process so that its peak
// memory is its own: wall and CPU time, the peak RSS growth while decoding, and the heap the
// decoded objects keep. Reported as ranges over the runs.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { gc, range, runs } from './_measure.mjs'

const self = fileURLToPath(import.meta.url)

const podYaml = (i) =>
  `apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-${String(i).padStart(5, '0')}\n  namespace: default\n  labels:\n    app: web\n    tier: front\nspec:\n  containers:\n  - name: app\n    image: nginx:1.25\n`
const podJson = (i) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: `pod-${String(i).padStart(5, '0')}`, namespace: 'default', labels: { app: 'web', tier: 'front' } },
  spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
})
const mapPod = (n) => ({ ...podJson(0), data: Object.fromEntries(Array.from({ length: n }, (_, i) => [`key-${i}`, `value-${i}`])) })
const mapYaml = (n) =>
  `${podYaml(0)}data:\n${Array.from({ length: n }, (_, i) => `  key-${i}: value-${i}\n`).join('')}`

/** The texts, built in the child that decodes them. */
const cases = {
  'yaml 40,000 Pods (multi-document)': () => Array.from({ length: 40_000 }, (_, i) => podYaml(i)).join('---\n'),
  'json 40,000 Pods (List)': () => JSON.stringify({ apiVersion: 'v1', kind: 'List', items: Array.from({ length: 40_000 }, (_, i) => podJson(i)) }),
  'yaml 20,000-key mapping': () => mapYaml(20_000),
  'json 20,000-key mapping': () => JSON.stringify(mapPod(20_000)),
}

const child = async (name) => {
  const { decodeManifests } = await import('../dist/index.js')
  const text = cases[name]()
  decodeManifests(cases['yaml 20,000-key mapping']().slice(0, 2000)) // load the modules' code paths
  gc()
  const heap0 = process.memoryUsage().heapUsed
  const rss0 = process.memoryUsage().rss
  const cpu0 = process.cpuUsage()
  const t0 = performance.now()
  const out = decodeManifests(text)
  const wall = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  const peakRss = process.resourceUsage().maxRSS * 1024 - rss0
  gc()
  const kept = process.memoryUsage().heapUsed - heap0
  if (out._tag !== 'Right') throw new Error(`${name}: ${out.left.message.slice(0, 300)}`)
  process.stdout.write(
    JSON.stringify({ bytes: Buffer.byteLength(text), objects: out.right.length, wall, cpu: (cpu.user + cpu.system) / 1e6, peakRss, kept }),
  )
}

const MB = 1024 * 1024

export default async function (report) {
  const n = runs(3)
  const results = {}
  for (const name of Object.keys(cases)) {
    const ms = []
    for (let i = 0; i < n; i++) {
      const r = spawnSync(process.execPath, [...process.execArgv, self], {
        env: { ...process.env, DECODE_CASE: name },
        encoding: 'utf8',
        maxBuffer: 1 << 20,
      })
      if (r.status !== 0) throw new Error(`${name}: ${r.stderr}`)
      ms.push(JSON.parse(r.stdout))
    }
    results[name] = ms
    report(`${name}: ${(ms[0].bytes / MB).toFixed(1)} MB, ${ms[0].objects} object(s); wall`, range(ms.map((m) => m.wall)), 's')
    report(`${name}: CPU`, range(ms.map((m) => m.cpu)), 's')
    report(`${name}: peak RSS growth`, range(ms.map((m) => m.peakRss / MB), 0), 'MB')
    report(`${name}: heap kept by the result`, range(ms.map((m) => m.kept / MB), 0), 'MB')
  }
  const ratio = (a, b, key) => range(results[a].map((m, i) => m[key] / results[b][i][key]))
  report('yaml / json, 40,000 Pods: wall', ratio('yaml 40,000 Pods (multi-document)', 'json 40,000 Pods (List)', 'wall'), '×')
  report('yaml / json, 40,000 Pods: CPU', ratio('yaml 40,000 Pods (multi-document)', 'json 40,000 Pods (List)', 'cpu'), '×')
  report('yaml / json, 40,000 Pods: peak RSS growth', ratio('yaml 40,000 Pods (multi-document)', 'json 40,000 Pods (List)', 'peakRss'), '×')
  report('yaml / json, 20,000-key mapping: wall', ratio('yaml 20,000-key mapping', 'json 20,000-key mapping', 'wall'), '×')
}

if (process.env.DECODE_CASE !== undefined) await child(process.env.DECODE_CASE)
