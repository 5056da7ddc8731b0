/**
 * The simulated kubelet: Pending → Running → Ready at the configured times, annotation
 * overrides, run-to-completion by restart policy, crash-loop back-off, never-ready, crashes.
 */
import { describe, expect, it } from 'vitest'
import type { PodSpec } from '../../src/api/pod.js'
import { Sim, bareOptions, condition, getPod, node, pod, seconds, start } from './fixtures.js'

const A = Sim.Annotations

/** The kubelet's events for pod `name` as `<seconds>s <event>` lines. */
const events = (sim: Sim.Simulation, name: string): ReadonlyArray<string> =>
  sim.trace.flatMap((t) => {
    if (t._tag !== 'Environment' || t.source !== 'kubelet' || t.target.name !== name) return []
    const at = (Date.parse(t.time) - start.getTime()) / 1000
    const ev = t.event
    const what =
      ev._tag === 'Exited'
        ? `Exited ${ev.exitCode} ${ev.outcome}${ev.backoffSeconds === undefined ? '' : ` ${ev.backoffSeconds}s`}`
        : ev._tag === 'Restarted'
          ? `Restarted ${ev.restartCount}`
          : ev._tag
    return [`${at}s ${what}`]
  })

const one = (spec: Partial<PodSpec> = {}, annotations?: Record<string, string>, kubelet?: Sim.KubeletOptions) =>
  Sim.make(bareOptions([node('n1'), pod('p', { spec, ...(annotations === undefined ? {} : { annotations }) })], kubelet === undefined ? {} : { kubelet }))

describe('start and readiness', () => {
  it('Pending → Running after startSeconds → Ready after readySeconds more', () => {
    let sim = Sim.step(one({}, undefined, { startSeconds: 3, readySeconds: 5 }))
    // an initial object is stored as given (no phase); a created pod would say Pending
    expect(getPod(sim, 'p')?.spec.nodeName).toBe('n1')
    expect(getPod(sim, 'p')?.status?.phase).toBeUndefined()
    sim = Sim.advance(sim, 2.9)
    expect(getPod(sim, 'p')?.status?.phase).toBeUndefined()
    sim = Sim.advance(sim, 0.1)
    const running = getPod(sim, 'p')
    expect(running?.status).toMatchObject({
      phase: 'Running',
      startTime: '2024-01-01T00:00:03Z',
      podIP: '10.0.0.1',
      containerStatuses: [{ name: 'app', image: 'nginx:1.25', ready: false, started: true, restartCount: 0 }],
    })
    expect(running?.status?.hostIP).toMatch(/^172\.\d+\.\d+\.\d+$/)
    expect(condition(running, 'Ready')).toBe('False')
    expect(condition(running, 'Initialized')).toBe('True')
    sim = Sim.advance(sim, 4.9)
    expect(condition(getPod(sim, 'p'), 'Ready')).toBe('False')
    sim = Sim.advance(sim, 0.1)
    const ready = getPod(sim, 'p')
    expect(ready?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'True', lastTransitionTime: '2024-01-01T00:00:08Z' })
    expect(condition(ready, 'ContainersReady')).toBe('True')
    expect(ready?.status?.containerStatuses?.[0]?.ready).toBe(true)
    expect(events(sim, 'p')).toEqual(['3s Started', '8s Ready'])
    expect(seconds(sim)).toBe(8)
  })

  it('annotations override the timings; bad values fall back to the options', () => {
    const sim = Sim.runUntilStable(one({}, { [A.startSeconds]: '0.5', [A.readySeconds]: '4' }))
    expect(events(sim, 'p')).toEqual(['0.5s Started', '4.5s Ready'])
    const bad = Sim.runUntilStable(one({}, { [A.startSeconds]: '-1', [A.readySeconds]: 'soon' }))
    expect(events(bad, 'p')).toEqual(['1s Started', '2s Ready'])
  })

  it('zero delays start and ready a pod in the round that binds it', () => {
    const sim = Sim.step(one({}, undefined, { startSeconds: 0, readySeconds: 0 }))
    expect(condition(getPod(sim, 'p'), 'Ready')).toBe('True')
    expect(events(sim, 'p')).toEqual(['0s Started', '0s Ready'])
  })

  it('never-ready pods run but never become Ready', () => {
    const sim = Sim.runUntilStable(one({}, { [A.neverReady]: 'true' }))
    expect(sim.stopped).toBe('fixpoint')
    expect(getPod(sim, 'p')?.status?.phase).toBe('Running')
    expect(condition(getPod(sim, 'p'), 'Ready')).toBe('False')
  })

  it('a pod created with nodeName starts without the scheduler; one on a NotReady node waits for it', () => {
    let sim = Sim.make(
      bareOptions([node('up'), node('down', { ready: 'False' }), pod('a', { spec: { nodeName: 'up' } }), pod('b', { spec: { nodeName: 'down' } })]),
    )
    sim = Sim.runUntilStable(sim)
    expect(condition(getPod(sim, 'a'), 'Ready')).toBe('True')
    expect(getPod(sim, 'b')?.status).toBeUndefined()
    expect(sim.stopped).toBe('fixpoint')
    sim = Sim.runUntilStable(Sim.inject(sim, { _tag: 'NodeUp', name: 'down' }))
    expect(condition(getPod(sim, 'b'), 'Ready')).toBe('True')
  })

  it('pods already running and ready at the start cause no events', () => {
    const ready = {
      ...pod('r', { spec: { nodeName: 'n1' } }),
      status: { phase: 'Running', conditions: [{ type: 'Ready', status: 'True' }] },
    }
    const sim = Sim.runUntilStable(Sim.make(bareOptions([node('n1'), ready])))
    expect(sim.trace).toEqual([])
    expect(sim.stopped).toBe('fixpoint')
  })
})

describe('run to completion', () => {
  const job = (restartPolicy: string, exitCode: string) =>
    one({ restartPolicy }, { [A.exitAfterSeconds]: '10', [A.exitCode]: exitCode })

  it('restartPolicy Never: exit code 0 → Succeeded, non-zero → Failed', () => {
    const ok = Sim.runUntilStable(job('Never', '0'))
    expect(events(ok, 'p')).toEqual(['1s Started', '2s Ready', '11s Exited 0 Succeeded'])
    const p = getPod(ok, 'p')
    expect(p?.status?.phase).toBe('Succeeded')
    expect(p?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' })
    expect(p?.status?.containerStatuses?.[0]?.state).toEqual({
      terminated: { exitCode: 0, reason: 'Completed', finishedAt: '2024-01-01T00:00:11Z' },
    })
    const bad = Sim.runUntilStable(job('Never', '3'))
    expect(getPod(bad, 'p')?.status?.phase).toBe('Failed')
    expect(events(bad, 'p')).toContain('11s Exited 3 Failed')
    expect(bad.stopped).toBe('fixpoint')
  })

  it('restartPolicy OnFailure: exit 0 → Succeeded; non-zero restarts with a crash-loop back-off', () => {
    expect(getPod(Sim.runUntilStable(job('OnFailure', '0')), 'p')?.status?.phase).toBe('Succeeded')
    const sim = Sim.advance(job('OnFailure', '1'), 60)
    expect(events(sim, 'p')).toEqual([
      '1s Started',
      '2s Ready',
      '11s Exited 1 Restarting 0s',
      '12s Ready',
      '21s Exited 1 Restarting 10s',
      '31s Restarted 2',
      '32s Ready',
      '41s Exited 1 Restarting 20s',
      '61s Restarted 3',
    ].filter((l) => Number(l.split('s')[0]) <= 60))
    const p = getPod(sim, 'p')
    expect(p?.status?.phase).toBe('Running')
    expect(p?.status?.containerStatuses?.[0]).toMatchObject({
      restartCount: 2,
      state: { waiting: { reason: 'CrashLoopBackOff' } },
      lastState: { terminated: { exitCode: 1 } },
    })
  })

  it('restartPolicy Always restarts even after exit code 0', () => {
    const sim = Sim.advance(one({}, { [A.exitAfterSeconds]: '5' }), 12)
    expect(events(sim, 'p')).toEqual(['1s Started', '2s Ready', '6s Exited 0 Restarting 0s', '7s Ready', '11s Exited 0 Restarting 10s'])
    expect(getPod(sim, 'p')?.status?.containerStatuses?.[0]?.restartCount).toBe(1)
  })

  it('the back-off doubles up to 5 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(Sim.backoffSeconds)).toEqual([0, 10, 20, 40, 80, 160, 300, 300])
  })
})

describe('PodCrash', () => {
  it('restartCount + 1, Ready=False with a new transition time, Ready again after readySeconds', () => {
    let sim = Sim.runUntilStable(one({}, undefined, { readySeconds: 3 }))
    expect(seconds(sim)).toBe(4)
    sim = Sim.advance(sim, 6)
    sim = Sim.inject(sim, { _tag: 'PodCrash', namespace: 'default', name: 'p' })
    const crashed = getPod(sim, 'p')
    expect(crashed?.status?.containerStatuses?.[0]?.restartCount).toBe(1)
    expect(crashed?.status?.conditions?.find((c) => c.type === 'Ready')).toMatchObject({
      status: 'False',
      lastTransitionTime: '2024-01-01T00:00:10Z',
    })
    sim = Sim.runUntilStable(sim)
    expect(seconds(sim)).toBe(13)
    expect(condition(getPod(sim, 'p'), 'Ready')).toBe('True')
  })

  it('a crash of a pod that is not running is recorded and changes nothing', () => {
    const sim = Sim.inject(one(), { _tag: 'PodCrash', namespace: 'default', name: 'p' })
    expect(sim.trace).toEqual([
      { _tag: 'Fault', time: '2024-01-01T00:00:00.000Z', fault: { _tag: 'PodCrash', namespace: 'default', name: 'p' }, detail: 'no running pod default/p' },
    ])
    expect(getPod(sim, 'p')).toEqual(getPod(one(), 'p'))
  })
})
