/**
 * Real manifests: the CronJob example of the Kubernetes documentation (`hello`, every minute)
 * decodes with upstream's defaults and converges: one Job per minute, each completing, history
 * kept to the default limits (3 successful, 1 failed), CJ-1..CJ-5 round by round; and
 * examples/cronjob.yaml through the CLI's simulate.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeManifests } from '../../../src/api/decode.js'
import type { CronJob } from '../../../src/api/workloads.js'
import { readInputs } from '../../../src/cli/input.js'
import { simulate } from '../../../src/cli/simulate.js'
import * as CronJobs from '../../../src/controllers/cronjob/index.js'
import * as ClusterView from '../../../src/core/ClusterView.js'
import * as Inv from '../../../src/invariants/cronjob.js'
import { format } from '../../../src/invariants/Violation.js'
import * as Simulation from '../../../src/sim/index.js'
import type { TraceEntry } from '../../../src/sim/index.js'
import { node } from '../../helpers/objects.js'
import { runTo } from './day.js'

const hello = (): CronJob => {
  const decoded = decodeManifests(readFileSync(new URL('./manifests/hello.yaml', import.meta.url), 'utf8'))
  if (E.isLeft(decoded)) throw new Error(decoded.left.message)
  const cj = decoded.right[0]
  if (cj?.kind !== 'CronJob') throw new Error('no CronJob')
  return cj
}

const created = (trace: ReadonlyArray<TraceEntry>, source: string): ReadonlyArray<string> =>
  trace.flatMap((e) => (e._tag === 'Action' && e.source === source && e.action._tag === 'Create' && e.result === 'applied' ? [e.action.object.metadata.name ?? ''] : []))
const reasons = (trace: ReadonlyArray<TraceEntry>, source: string, reason: string): number =>
  trace.filter((e) => e._tag === 'Action' && e.source === source && e.action._tag === 'Event' && e.action.reason === reason).length

describe('the documentation example (hello, every minute)', () => {
  it('decodes with the defaults: Allow, not suspended, history 3 and 1', () => {
    expect(hello().spec).toMatchObject({ schedule: '* * * * *', concurrencyPolicy: 'Allow', suspend: false, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 })
    expect(hello().metadata.namespace).toBe('default')
  })

  it('converges: a Job a minute, each done, three kept, the status following', () => {
    const start = new Date('2024-01-01T00:00:30Z')
    const cj = { ...hello(), metadata: { ...hello().metadata, creationTimestamp: '2024-01-01T00:00:20Z' } }
    const sim0 = Simulation.make({ objects: [node('n1'), node('n2'), cj], start, seed: 3, checkWakes: true })
    const found: Array<ReturnType<typeof Inv.checkStep>[number]> = []
    const [sim] = runTo(sim0, start.getTime() + 10 * 60_000, (b, a) => Inv.checkStep({ before: b, after: a, faults: false }), found)
    expect(found, format(found)).toEqual([])
    const names = created(sim.trace, 'CronJob default/hello')
    expect(names).toEqual(Array.from({ length: 10 }, (_, i) => `hello-${28401121 + i}`))
    const jobs = ClusterView.listOf(sim.view, 'Job', 'default')
    expect(jobs.map((j) => j.metadata.name)).toEqual(['hello-28401128', 'hello-28401129', 'hello-28401130'])
    expect(jobs.every((j) => CronJobs.finishedCondition(j) === 'Complete')).toBe(true)
    expect(reasons(sim.trace, 'CronJob default/hello', 'SuccessfulDelete')).toBe(7)
    const status = ClusterView.lookup(sim.view, 'CronJob', 'default', 'hello')?.status
    expect(status?.active ?? []).toEqual([])
    expect(status?.lastScheduleTime).toBe('2024-01-01T00:10:00Z')
    expect(T(status?.lastSuccessfulTime)).toBeGreaterThan(Date.parse('2024-01-01T00:10:00Z'))
    expect(Inv.checkFixpoint(sim.view)).toEqual([])
  })
})

const T = (s: string | undefined): number => Date.parse(s ?? '')

describe('examples/cronjob.yaml', () => {
  const file = fileURLToPath(new URL('../../../examples/cronjob.yaml', import.meta.url))
  const run = () => {
    const read = readInputs([file])
    if (E.isLeft(read)) throw new Error(read.left)
    const scenario = read.right.scenarios[0]!
    return simulate({ objects: read.right.objects, scenario, until: scenario.until, seed: scenario.seed ?? 1, start: new Date('2024-01-01T01:02:30Z') }, true)
  }

  it('Forbid overruns, Replace restarts, the backup skips what its outage and deadline cost it', () => {
    const out = run()
    expect(out.skipped).toEqual([])
    const { trace, view } = out.sim
    expect(created(trace, 'CronJob default/report')).toEqual(['report-28401184', 'report-28401188'])
    expect(reasons(trace, 'CronJob default/report', 'JobAlreadyActive')).toBe(3)
    expect(created(trace, 'CronJob default/sync')).toEqual(Array.from({ length: 10 }, (_, i) => `sync-${28401183 + i}`))
    expect(reasons(trace, 'CronJob default/sync', 'SuccessfulDelete')).toBe(9)
    expect(created(trace, 'CronJob default/backup')).toEqual(['backup-28401185', 'backup-28401190'])
    const backup = ClusterView.lookup(view, 'Job', 'default', 'backup-28401185')
    expect(backup?.metadata.annotations?.[CronJobs.scheduledTimestampAnnotation]).toBe('2024-01-01T02:05:00+01:00')
    for (const name of ['report', 'sync']) expect(Inv.activeJobs(ClusterView.lookup(view, 'CronJob', 'default', name)!, view).length).toBeLessThanOrEqual(1)
    expect(Inv.checkFixpoint(view)).toEqual([])
  })
})
