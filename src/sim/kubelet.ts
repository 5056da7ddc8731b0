/**
 * The simulated kubelet (KWOK-style): a pod bound to a Ready node starts (Pending → Running)
 * after `startSeconds`, becomes Ready after `readySeconds` more, may exit after
 * `exit-after-seconds` (run to completion, or a restart by its restartPolicy with a crash-loop
 * back-off), and, once deleted, stops after min(stopSeconds, grace period) and is removed.
 * A node's kubelet that stopped (`NodeDown`) does none of this until it starts again (`NodeUp`);
 * its heartbeat is not written each renewal (see `controllers/nodelifecycle/heartbeat.ts`).
 *
 * Only pods with work left are tracked: a persistent map pod key → next step, and timers by
 * due time. Nothing scans every pod.
 */
import type { ContainerStatus, Pod } from '../api/pod.js'
import type { KubeObject } from '../api/object.js'
import { kubeletStopped } from '../controllers/nodelifecycle/heartbeat.js'
import * as ObjectRef from '../core/ObjectRef.js'
import * as Pods from '../core/pods.js'
import * as Annotations from './annotations.js'
import { condition, setConditions } from '../core/conditions.js'
import type { Engine } from './engine.js'
import { get, nextIp, record, sample, stamp, traceTime, tracesEnvironment } from './engine.js'
import type { Actor } from './actor.js'
import * as Timers from './timers.js'
import * as Nodes from '../core/nodes.js'
import { drop, put } from './store.js'
import type { KubeletRecord } from './runtime.js'
import type { EnvironmentEvent } from './types.js'

// -------------------------------------------------------------------------------------
// timings
// -------------------------------------------------------------------------------------

/** A pod's kubelet timings (seconds) and outcome, from the options and its annotations. */
interface Timings {
  readonly exitAfter?: number
  readonly exitCode: number
  readonly neverReady: boolean
}

const seconds = (v: string | undefined): number | undefined => {
  if (v === undefined || v.trim() === '') return undefined
  const n = Number(v)
  return Number.isFinite(n) && n >= 0 ? n : undefined
}


/** Bound → Running for `pod`: its annotation, else the kubelet option (drawn when a range). */
const startDelay = (e: Engine, pod: Pod): number =>
  seconds(pod.metadata.annotations?.[Annotations.startSeconds]) ?? sample(e, e.settings.startSeconds)

/** Running → Ready for `pod`: its annotation, else the kubelet option (drawn when a range). */
const readyDelay = (e: Engine, pod: Pod): number =>
  seconds(pod.metadata.annotations?.[Annotations.readySeconds]) ?? sample(e, e.settings.readySeconds)

/**
 * The timings for `pod` besides its latencies: annotations override the kubelet options; bad
 * values are ignored. A pod that runs to completion (restartPolicy `OnFailure` or `Never`)
 * without an `exit-after-seconds` annotation exits after the kubelet's `completeSeconds`.
 */
const timings = (e: Engine, pod: Pod): Timings => {
  const a = pod.metadata.annotations ?? {}
  const policy = pod.spec.restartPolicy ?? 'Always'
  const exitAfter = seconds(a[Annotations.exitAfterSeconds]) ?? (policy === 'Always' ? undefined : sample(e, e.settings.completeSeconds))
  const code = Number(a[Annotations.exitCode] ?? '0')
  return {
    ...(exitAfter === undefined ? {} : { exitAfter }),
    exitCode: Number.isInteger(code) ? code : 1,
    neverReady: a[Annotations.neverReady] === 'true',
  }
}

/** The crash-loop back-off before the n-th consecutive restart: 0, then 10 s doubling to 300 s. */
export const backoffSeconds = (crashes: number): number => (crashes <= 1 ? 0 : Math.min(10 * 2 ** (crashes - 2), 300))

/** A container that ran this long before exiting resets the back-off (upstream: 10 minutes). */
const backoffResetMs = 600_000

// -------------------------------------------------------------------------------------
// records and timers
// -------------------------------------------------------------------------------------

const unschedule = (e: Engine, key: string): void => {
  if (!e.kubelet.delete(key)) return
  Timers.cancel(e.timers, key)
}

const schedule = (e: Engine, key: string, rec: KubeletRecord): void => {
  e.kubelet.set(key, rec)
  Timers.set(e.timers, key, rec.due)
}

/** Plans the next step of a running pod: ready, or exit, whichever comes first (none: forget it). */
const planRunning = (e: Engine, key: string, pod: Pod, runningSince: number, crashes: number): void => {
  const t = timings(e, pod)
  const readyAt = Pods.isReady(pod) || t.neverReady ? Infinity : runningSince + readyDelay(e, pod) * 1000
  const exitAt = t.exitAfter === undefined ? Infinity : runningSince + t.exitAfter * 1000
  if (readyAt === Infinity && exitAt === Infinity) {
    unschedule(e, key)
    return
  }
  const uid = pod.metadata.uid ?? ''
  schedule(e, key, exitAt <= readyAt
    ? { uid, step: 'exit', due: exitAt, runningSince, crashes }
    : { uid, step: 'ready', due: readyAt, runningSince, crashes })
}

/**
 * Tells the kubelet that the pod under `key` is now `pod` (or gone): it plans the pod's next
 * step if it has none, and plans the stop when the pod starts terminating.
 */
export const notice = (e: Engine, key: string, pod: Pod | undefined): void => {
  const rec0 = e.kubelet.get(key)
  const rec = rec0 !== undefined && rec0.uid === pod?.metadata.uid ? rec0 : undefined
  if (rec0 !== undefined && rec === undefined) unschedule(e, key)
  if (pod === undefined || (pod.spec.nodeName ?? '') === '') {
    unschedule(e, key)
    return
  }
  const uid = pod.metadata.uid ?? ''
  if (pod.metadata.deletionTimestamp !== undefined) {
    if (Pods.isTerminal(pod) && pod.metadata.deletionGracePeriodSeconds === 0) unschedule(e, key)
    else if (rec?.step !== 'stop') {
      const grace = pod.metadata.deletionGracePeriodSeconds ?? 0
      const wait = Pods.isTerminal(pod) ? 0 : Math.min(sample(e, e.settings.stopSeconds), grace)
      schedule(e, key, { uid, step: 'stop', due: e.now + wait * 1000, crashes: rec?.crashes ?? 0 })
    }
    return
  }
  if (Pods.isTerminal(pod)) {
    unschedule(e, key)
    return
  }
  if (rec !== undefined) return
  if (pod.status?.phase !== 'Running') {
    schedule(e, key, { uid, step: 'start', due: e.now + startDelay(e, pod) * 1000, crashes: 0 })
  } else {
    planRunning(e, key, pod, e.now, 0)
  }
}

// -------------------------------------------------------------------------------------
// transitions
// -------------------------------------------------------------------------------------

const hostIpOf = (node: string): string => {
  let h = 0x811c9dc5
  for (let i = 0; i < node.length; i++) h = Math.imul(h ^ node.charCodeAt(i), 0x01000193) >>> 0
  return `172.${16 + ((h >>> 16) & 15)}.${(h >>> 8) & 255}.${(h & 254) + 1}`
}

const write = (e: Engine, key: string, pod: Pod): Pod => put(e, key, pod, 'kubelet')

const trace = (e: Engine, pod: Pod, event: EnvironmentEvent): void => {
  if (tracesEnvironment(e)) record(e, { _tag: 'Environment', time: traceTime(e), source: 'kubelet', target: ObjectRef.of(pod), event })
}

const containers = (pod: Pod, f: (c: ContainerStatus) => ContainerStatus): ReadonlyArray<ContainerStatus> =>
  pod.spec.containers.map((c) => {
    const old = pod.status?.containerStatuses?.find((s) => s.name === c.name)
    return f(old ?? { name: c.name, ...(c.image === undefined ? {} : { image: c.image }), restartCount: 0 })
  })

const notReady = (time: string, reason: string) => [
  condition('ContainersReady', 'False', time, reason),
  condition('Ready', 'False', time, reason),
]

const start = (e: Engine, key: string, pod: Pod, rec: KubeletRecord): void => {
  const time = stamp(e)
  const node = pod.spec.nodeName ?? ''
  const next = write(e, key, {
    ...pod,
    status: {
      ...pod.status,
      phase: 'Running',
      conditions: setConditions(pod.status?.conditions, [
        condition('PodScheduled', 'True', time),
        condition('Initialized', 'True', time),
        ...notReady(time, 'ContainersNotReady'),
      ]),
      hostIP: hostIpOf(node),
      podIP: pod.status?.podIP ?? nextIp(e),
      startTime: pod.status?.startTime ?? time,
      containerStatuses: containers(pod, (s) => ({
        ...s,
        ready: false,
        started: true,
        restartCount: s.restartCount ?? 0,
        state: { running: { startedAt: time } },
      })),
    },
  })
  trace(e, next, { _tag: 'Started' })
  planRunning(e, key, next, e.now, rec.crashes)
}

const becomeReady = (e: Engine, key: string, pod: Pod, rec: KubeletRecord): void => {
  const time = stamp(e)
  const next = write(e, key, {
    ...pod,
    status: {
      ...pod.status,
      conditions: setConditions(pod.status?.conditions, [
        condition('ContainersReady', 'True', time),
        condition('Ready', 'True', time),
      ]),
      containerStatuses: containers(pod, (s) => ({ ...s, ready: true })),
    },
  })
  trace(e, next, { _tag: 'Ready' })
  planRunning(e, key, next, rec.runningSince ?? e.now, rec.crashes)
}

const lastExit = (exitCode: number, time: string) => ({
  terminated: { exitCode, reason: exitCode === 0 ? 'Completed' : 'Error', finishedAt: time },
})

/**
 * Containers running again (after a crash or a back-off): restartCount + 1, not ready.
 * `exitCode` given: the exit just happened and becomes `lastState`; omitted: `lastState` is kept.
 */
const restarted = (e: Engine, pod: Pod, exitCode?: number): Pod => {
  const time = stamp(e)
  return {
    ...pod,
    status: {
      ...pod.status,
      conditions: setConditions(pod.status?.conditions, notReady(time, 'ContainersNotReady')),
      containerStatuses: containers(pod, (s) => ({
        ...s,
        ready: false,
        started: true,
        restartCount: (s.restartCount ?? 0) + 1,
        state: { running: { startedAt: time } },
        ...(exitCode === undefined ? {} : { lastState: lastExit(exitCode, time) }),
      })),
    },
  }
}

const terminated = (pod: Pod, time: string, exitCode: number): ReadonlyArray<ContainerStatus> =>
  containers(pod, (s) => ({
    ...s,
    ready: false,
    started: false,
    state: lastExit(exitCode, time),
  }))

const exit = (e: Engine, key: string, pod: Pod, rec: KubeletRecord): void => {
  const t = timings(e, pod)
  const time = stamp(e)
  const policy = pod.spec.restartPolicy ?? 'Always'
  if (!(policy === 'Always' || (policy === 'OnFailure' && t.exitCode !== 0))) {
    const phase = t.exitCode === 0 ? 'Succeeded' : 'Failed'
    const next = write(e, key, {
      ...pod,
      status: {
        ...pod.status,
        phase,
        conditions: setConditions(pod.status?.conditions, notReady(time, 'PodCompleted')),
        containerStatuses: terminated(pod, time, t.exitCode),
      },
    })
    unschedule(e, key)
    trace(e, next, { _tag: 'Exited', exitCode: t.exitCode, outcome: phase })
    return
  }
  const ranMs = e.now - (rec.runningSince ?? e.now)
  const crashes = ranMs >= backoffResetMs ? 1 : rec.crashes + 1
  const backoff = backoffSeconds(crashes)
  if (backoff === 0) {
    const next = write(e, key, restarted(e, pod, t.exitCode))
    trace(e, next, { _tag: 'Exited', exitCode: t.exitCode, outcome: 'Restarting', backoffSeconds: 0 })
    planRunning(e, key, next, e.now, crashes)
    return
  }
  const next = write(e, key, {
    ...pod,
    status: {
      ...pod.status,
      conditions: setConditions(pod.status?.conditions, notReady(time, 'ContainersNotReady')),
      containerStatuses: containers(pod, (s) => ({
        ...s,
        ready: false,
        started: false,
        state: { waiting: { reason: 'CrashLoopBackOff', message: `back-off ${backoff}s restarting failed container` } },
        lastState: lastExit(t.exitCode, time),
      })),
    },
  })
  trace(e, next, { _tag: 'Exited', exitCode: t.exitCode, outcome: 'Restarting', backoffSeconds: backoff })
  schedule(e, key, { uid: rec.uid, step: 'restart', due: e.now + backoff * 1000, crashes })
}

const restart = (e: Engine, key: string, pod: Pod, rec: KubeletRecord): void => {
  const next = write(e, key, restarted(e, pod))
  trace(e, next, { _tag: 'Restarted', restartCount: next.status?.containerStatuses?.[0]?.restartCount ?? 0 })
  planRunning(e, key, next, e.now, rec.crashes)
}

/** Stops a terminating pod and deletes it (grace 0); finalizers keep it, stopped. */
const stop = (e: Engine, key: string, pod: Pod): void => {
  unschedule(e, key)
  const time = stamp(e)
  const stopped: Pod = Pods.isTerminal(pod)
    ? pod
    : {
        ...pod,
        status: {
          ...pod.status,
          phase: 'Failed',
          conditions: setConditions(pod.status?.conditions, notReady(time, 'PodCompleted')),
          containerStatuses: terminated(pod, time, 143),
        },
      }
  if ((stopped.metadata.finalizers ?? []).length === 0) {
    drop(e, key, 'kubelet')
    trace(e, stopped, { _tag: 'Removed' })
    return
  }
  const next = write(e, key, { ...stopped, metadata: { ...stopped.metadata, deletionGracePeriodSeconds: 0 } })
  trace(e, next, { _tag: 'Stopped' })
}

/**
 * A crash of a running pod's containers (the PodCrash fault): restartCount + 1, not ready, ready
 * again `readySeconds` later; a pod whose restartPolicy is `Never` fails instead (exit code 1).
 * Returns false when the pod is not running.
 */
export const crash = (e: Engine, key: string): boolean => {
  const pod = get(e, key)
  if (pod?.kind !== 'Pod' || pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp !== undefined) return false
  if ((pod.spec.restartPolicy ?? 'Always') === 'Never') {
    // Nothing restarts: the pod fails with its containers' exit code 1.
    const time = stamp(e)
    const failed = write(e, key, {
      ...pod,
      status: {
        ...pod.status,
        phase: 'Failed',
        conditions: setConditions(pod.status?.conditions, notReady(time, 'PodFailed')),
        containerStatuses: terminated(pod, time, 1),
      },
    })
    unschedule(e, key)
    trace(e, failed, { _tag: 'Exited', exitCode: 1, outcome: 'Failed' })
    return true
  }
  const next = write(e, key, restarted(e, pod, 1))
  const rec = e.kubelet.get(key)
  planRunning(e, key, next, e.now, rec !== undefined && rec.uid === pod.metadata.uid ? rec.crashes : 0)
  return true
}

/** Runs every kubelet step due by now, in time then key order (steps that fall due meanwhile too). */
export const run = (e: Engine): void => {
  for (;;) {
    const t = Timers.next(e.timers)
    if (t === undefined || t > e.now) return
    const keys: Array<string> = []
    for (let p = Timers.pop(e.timers, t); p !== undefined && p[0] === t; p = Timers.next(e.timers) === t ? Timers.pop(e.timers, t) : undefined) keys.push(p[1])
    for (const key of keys.sort()) {
      const rec = e.kubelet.get(key)
      if (rec === undefined || rec.due !== t) continue
      e.kubelet.delete(key)
      perform(e, key, rec)
    }
  }
}

/** Whether a node's kubelet runs its pods: the node exists and is Ready, and its kubelet has not stopped (`NodeDown`). */
const running = (node: KubeObject | undefined): boolean => Nodes.isReady(node) && node?.kind === 'Node' && !kubeletStopped(node)

/**
 * The kubelet of node `name` starts again (`NodeUp`): every pod bound to the node gets its next
 * step planned when the current writes are committed.
 */
export const resume = (e: Engine, name: string): void => {
  e.readyNodes.push(name)
}

const perform = (e: Engine, key: string, rec: KubeletRecord): void => {
  const pod = get(e, key)
  if (pod?.kind !== 'Pod' || pod.metadata.uid !== rec.uid) return
  // A kubelet that stopped, or whose node is missing or not Ready, does nothing; its return re-notices the pods.
  if (!running(get(e, ObjectRef.keyOf('Node', undefined, pod.spec.nodeName ?? '')))) return
  switch (rec.step) {
    case 'start':
      return start(e, key, pod, rec)
    case 'ready':
      return becomeReady(e, key, pod, rec)
    case 'exit':
      return exit(e, key, pod, rec)
    case 'restart':
      return restart(e, key, pod, rec)
    case 'stop':
      return stop(e, key, pod)
  }
}

/** The kubelet as an environment actor: it plans a pod's next step when the pod is written. */
export const actor: Actor = {
  name: 'kubelet',
  observe: (e, key, _before, after) => {
    if (key.startsWith('Pod/')) notice(e, key, after?.kind === 'Pod' ? after : undefined)
  },
  run: (e) => run(e),
  nextDue: (e) => nextDue(e),
}

/** The earliest kubelet step due after now, if any (ms). */
export const nextDue = (e: Engine): number | undefined => {
  const t = Timers.next(e.timers)
  return t !== undefined && t > e.now ? t : undefined
}
