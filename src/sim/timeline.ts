/**
 * The trace as a readable timeline: one line per entry with the simulated time, the source
 * and a summary of what happened, e.g.
 *
 * ```
 * +0.0s  ReplicaSet default/web  Create Pod default/web-x7k2p
 * +0.0s  scheduler               Bind Pod default/web-x7k2p to node-1
 * +1.0s  kubelet                 Pod default/web-x7k2p Running
 * +2.0s  ReplicaSet default/web  UpdateStatus ReplicaSet default/web (replicas 3, ready 2, available 2)
 * +5.0s  ReplicaSet default/web  Update ReplicaSet default/web → conflict: Conflict: Operation cannot be …
 * ```
 */
import type { Taint } from '../api/node.js'
import type { KubeObject } from '../api/object.js'
import type { Action } from '../core/Action.js'
import type { Controller, StatusField } from '../core/Controller.js'
import { controllerForKind, controllers } from '../controllers/registry.js'
import * as ObjectRef from '../core/ObjectRef.js'
import type { ObjectRef as Ref } from '../core/ObjectRef.js'
import type { EnvironmentEvent, Fault, Simulation, TraceEntry } from './types.js'

/** How `timeline` shows time: offsets from the start (`+12.0s`, default) or the clock (RFC 3339). */
export interface TimelineOptions {
  readonly time?: 'relative' | 'clock'
}

/** The counters shown for kinds whose controller declares none. */
const defaultStatusFields: ReadonlyArray<StatusField> = [
  ['phase', 'phase'],
  ['replicas', 'replicas'],
  ['readyReplicas', 'ready'],
  ['availableReplicas', 'available'],
]

/**
 * The status counters of `obj` in a few words (`replicas 3, ready 2, available 2`): the fields
 * its kind's controller in `list` declares, or a default set.
 */
export const statusSummary = (obj: KubeObject, list: ReadonlyArray<Controller> = controllers): string => {
  const status = (obj as { readonly status?: Readonly<Record<string, unknown>> }).status ?? {}
  const parts: Array<string> = []
  for (const [field, label] of controllerForKind(obj.kind, list)?.statusFields ?? defaultStatusFields) {
    const v = status[field]
    if (typeof v === 'number' || typeof v === 'string') parts.push(`${label} ${v}`)
    else if (Array.isArray(v)) parts.push(`${label} ${v.length}`)
  }
  return parts.join(', ')
}

const showObject = (obj: KubeObject, ref: Ref | undefined): string => {
  if (ref !== undefined) return ObjectRef.show(ref)
  const m = obj.metadata
  const name = m.name ?? `${m.generateName ?? ''}*`
  return ObjectRef.show({ apiVersion: obj.apiVersion, kind: obj.kind, ...(m.namespace === undefined ? {} : { namespace: m.namespace }), name })
}

const seconds = (s: number): string => `${Number.isInteger(s) ? s : s.toFixed(1)}s`

/** One action in a few words: `Create Pod default/web-x7k2p` (status counters as `list` declares them). */
export const actionSummary = (a: Action, ref?: Ref, list: ReadonlyArray<Controller> = controllers): string => {
  switch (a._tag) {
    case 'Create':
      return `Create ${showObject(a.object, ref)}`
    case 'Update': {
      const replicas = (a.object as { readonly spec?: { readonly replicas?: unknown } }).spec?.replicas
      return `Update ${showObject(a.object, ref)}${typeof replicas === 'number' ? ` (replicas ${replicas})` : ''}`
    }
    case 'UpdateStatus': {
      const s = statusSummary(a.object, list)
      return `UpdateStatus ${showObject(a.object, ref)}${s === '' ? '' : ` (${s})`}`
    }
    case 'Delete':
      return `Delete ${ObjectRef.show(a.target)}${a.propagationPolicy === undefined ? '' : ` (${a.propagationPolicy})`}${a.gracePeriodSeconds === undefined ? '' : ` (grace ${a.gracePeriodSeconds}s)`}`
    case 'RequeueAfter':
      return `RequeueAfter ${ObjectRef.show(a.target)} in ${seconds(a.seconds)}`
    case 'Event':
      return `Event ${a.type} ${a.reason}: ${a.message}`
  }
}

/** A taint as kubectl writes it: `key=value:Effect`. */
const showTaint = (t: Taint): string => `${t.key}${t.value === undefined || t.value === '' ? '' : `=${t.value}`}:${t.effect}`

/** One fault in a few words: `NodeDown node-1`. */
export const faultSummary = (f: Fault): string => {
  switch (f._tag) {
    case 'PodCrash':
      return `PodCrash Pod ${f.namespace}/${f.name}`
    case 'EvictPod':
      return `EvictPod Pod ${f.namespace}/${f.name}`
    case 'NodeDown':
    case 'NodeUp':
    case 'NodeRemove':
    case 'NodeCordon':
    case 'NodeUncordon':
      return `${f._tag} ${f.name}`
    case 'NodeAdd':
      return `NodeAdd ${f.name}${Object.keys(f.labels ?? {}).length === 0 ? '' : ` ${JSON.stringify(f.labels)}`}${(f.taints ?? []).length === 0 ? '' : ` taints ${(f.taints ?? []).map(showTaint).join(',')}`}`
    case 'NodeLabel':
      return `NodeLabel ${f.name} ${JSON.stringify(f.labels)}`
    case 'NodeTaint':
      return `NodeTaint ${f.name} ${showTaint(f.taint)}`
    case 'NodeUntaint':
      return `NodeUntaint ${f.name} ${f.key}${f.effect === undefined ? '' : `:${f.effect}`}`
    case 'ExternalDelete':
      return `ExternalDelete ${ObjectRef.show(f.target)}`
    case 'ExternalEdit':
      return `ExternalEdit ${ObjectRef.show(f.target)} ${JSON.stringify(f.patch)}`
    case 'ExternalCreate':
      return `ExternalCreate ${showObject(f.object, undefined)}`
    case 'StaleView':
      return `StaleView lag ${f.lag} for ${f.rounds} round(s)`
    case 'DropActions':
      return `DropActions ${f.count}`
    case 'ControllerRestart':
      return 'ControllerRestart'
  }
}

const eventSummary = (target: Ref, ev: EnvironmentEvent): string => {
  const pod = ObjectRef.show(target)
  switch (ev._tag) {
    case 'Bound':
      return `Bind ${pod} to ${ev.node}`
    case 'Unschedulable':
      return `${pod} unschedulable`
    case 'ClaimBound':
      return `${pod} Bound to ${ev.volume}`
    case 'Started':
      return `${pod} Running`
    case 'Ready':
      return `${pod} Ready`
    case 'Exited':
      return `${pod} exited with code ${ev.exitCode} (${ev.outcome === 'Restarting' ? `restarting after ${seconds(ev.backoffSeconds ?? 0)}` : ev.outcome})`
    case 'Restarted':
      return `${pod} restarted (restarts ${ev.restartCount})`
    case 'Stopped':
      return `${pod} stopped, kept by finalizers`
    case 'Removed':
      return `${pod} stopped and removed`
  }
}

const outcome = (result: string | undefined, detail: string | undefined): string => {
  if (result === undefined || result === 'applied') return detail === undefined ? '' : ` (${detail})`
  return ` → ${result}${detail === undefined ? '' : `: ${detail}`}`
}

/** The source and summary of one entry (status counters as the controllers in `list` declare them). */
export const describe = (entry: TraceEntry, list: ReadonlyArray<Controller> = controllers): readonly [source: string, summary: string] => {
  switch (entry._tag) {
    case 'Action':
      return [entry.source, actionSummary(entry.action, entry.ref, list) + outcome(entry.result, entry.detail)]
    case 'Fault': {
      const created = entry.fault._tag === 'ExternalCreate' && entry.ref !== undefined ? ` as ${ObjectRef.show(entry.ref)}` : ''
      return ['fault', faultSummary(entry.fault) + created + outcome(entry.result, entry.detail)]
    }
    case 'Environment':
      return [entry.source, eventSummary(entry.target, entry.event)]
  }
}

const isSimulation = (x: Simulation | ReadonlyArray<TraceEntry>): x is Simulation => !Array.isArray(x)

/**
 * The trace as text, one line per entry: time (offset from the simulation's start, or from the
 * first entry for a bare trace; or the clock), source, summary and, when not applied, the result.
 */
export const timeline = (x: Simulation | ReadonlyArray<TraceEntry>, options: TimelineOptions = {}): string => {
  const trace = isSimulation(x) ? x.trace : x
  if (trace.length === 0) return ''
  const origin = isSimulation(x) ? x.runtime.settings.startMs : Date.parse(trace[0]?.time ?? '')
  const rows = trace.map((entry) => {
    const ms = Date.parse(entry.time)
    const time = options.time === 'clock' ? entry.time : `+${((ms - origin) / 1000).toFixed(1)}s`
    const [source, summary] = describe(entry, isSimulation(x) ? x.runtime.settings.controllers : controllers)
    return [time, source, summary] as const
  })
  const tw = rows.reduce((w, r) => Math.max(w, r[0].length), 0)
  const sw = rows.reduce((w, r) => Math.max(w, r[1].length), 0)
  return rows.map(([t, s, m]) => `${t.padEnd(tw)}  ${s.padEnd(sw)}  ${m}`).join('\n')
}
