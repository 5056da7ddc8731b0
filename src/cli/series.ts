/**
 * What `simulate`'s chart draws, read from the simulation as it runs: for each top-level
 * workload (an object a per-object controller reconciles and no such object controls), its
 * desired, existing, ready and updated pods over time; and the faults and edits, as markers.
 */
import type { KubeObject } from '../api/object.js'
import * as CV from '../core/ClusterView.js'
import type { ClusterView } from '../core/ClusterView.js'
import type { Controller } from '../core/Controller.js'
import { controllerRef } from '../core/ownership.js'
import { byCreation } from '../core/order.js'
import { isActive, isReady } from '../core/pods.js'
import type { Fault } from '../sim/types.js'

/** One workload's pod counts at one moment (`desired` and `updated` when its kind has them). */
export interface Counts {
  readonly desired?: number
  readonly existing: number
  readonly ready: number
  readonly updated?: number
}

/** A workload's counts from `ms` on, until the next sample. */
export interface Sample {
  readonly ms: number
  readonly counts: Counts
}

/** One workload's samples, in time order. */
export interface Series {
  /** `Deployment default/web`. */
  readonly workload: string
  readonly samples: ReadonlyArray<Sample>
}

/** A fault or an edit at `ms`: `edit` for the user's changes (scale, edit, create, delete), `fault` for the rest. */
export interface Marker {
  readonly ms: number
  readonly kind: 'fault' | 'edit'
  readonly label: string
}

/** Everything the chart draws, times in epoch milliseconds. */
export interface ChartData {
  readonly title: string
  readonly startMs: number
  readonly endMs: number
  readonly series: ReadonlyArray<Series>
  readonly markers: ReadonlyArray<Marker>
}

const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined)

/** The kinds whose `spec.replicas` defaults to 1. */
const replicaKinds: ReadonlySet<string> = new Set(['ReplicaSet', 'ReplicationController', 'Deployment', 'StatefulSet'])

/** `spec.replicas` (default 1) for replica-counting kinds; DaemonSets desire what their status computed. */
const desiredOf = (o: KubeObject): number | undefined => {
  const spec = (o as { readonly spec?: { readonly replicas?: unknown; readonly parallelism?: unknown } }).spec
  const status = (o as { readonly status?: { readonly desiredNumberScheduled?: unknown } }).status
  switch (o.kind) {
    case 'DaemonSet':
      return num(status?.desiredNumberScheduled) ?? 0
    case 'Job':
      return num(spec?.parallelism) ?? 1
    case 'CronJob':
      return undefined
    default:
      return num(spec?.replicas) ?? (replicaKinds.has(o.kind) ? 1 : undefined)
  }
}

/** Where a kind's status counts the pods on its newest template (absent: 0, as the API omits zeros). */
const updatedField: Readonly<Record<string, string>> = {
  Deployment: 'updatedReplicas',
  StatefulSet: 'updatedReplicas',
  DaemonSet: 'updatedNumberScheduled',
}

/** Pods on the newest template, as the workload's status counts them; `undefined` for kinds without templates revisions. */
const updatedOf = (o: KubeObject): number | undefined => {
  const field = Object.prototype.hasOwnProperty.call(updatedField, o.kind) ? updatedField[o.kind] : undefined
  if (field === undefined) return undefined
  const status = (o as { readonly status?: Readonly<Record<string, unknown>> }).status
  return num(status?.[field]) ?? 0
}

/** A workload's active pods: those it controls, and those of the objects it controls (a Deployment's ReplicaSets). */
const podsOf = (o: KubeObject, view: ClusterView): ReadonlyArray<ReturnType<typeof CV.podsOnNode>[number]> => {
  const uid = o.metadata.uid ?? ''
  const direct = CV.controlledOf(view, uid, 'Pod')
  const owned = CV.controlledBy(view, uid).filter((x) => x.kind !== 'Pod')
  return [...direct, ...owned.flatMap((x) => CV.controlledOf(view, x.metadata.uid ?? '', 'Pod'))].filter(isActive)
}

/** `Deployment default/web`. */
const show = (o: KubeObject): string => `${String(o.kind)} ${o.metadata.namespace === undefined ? '' : `${o.metadata.namespace}/`}${o.metadata.name ?? ''}`

/**
 * The counts of every top-level workload in `view`: objects of a kind a per-object controller
 * of `list` reconciles, not controlled by another such object; in registry order, then by
 * creation.
 */
export const workloadCounts = (view: ClusterView, list: ReadonlyArray<Controller>): ReadonlyArray<readonly [string, Counts]> => {
  const kinds = new Set(list.flatMap((c) => (c._tag === 'PerObject' ? [c.kind] : [])))
  const out: Array<readonly [string, Counts]> = []
  for (const kind of kinds) {
    for (const o of CV.list(view, kind).slice().sort(byCreation)) {
      const ref = controllerRef(o)
      if (ref !== undefined && kinds.has(ref.kind) && CV.getByUid(view, ref.uid)._tag === 'Some') continue
      const pods = podsOf(o, view)
      const desired = desiredOf(o)
      const updated = updatedOf(o)
      out.push([
        show(o),
        {
          ...(desired === undefined ? {} : { desired }),
          existing: pods.length,
          ready: pods.filter(isReady).length,
          ...(updated === undefined ? {} : { updated }),
        },
      ])
    }
  }
  return out
}

const sameCounts = (a: Counts, b: Counts): boolean =>
  a.desired === b.desired && a.existing === b.existing && a.ready === b.ready && a.updated === b.updated

/** Collects samples as a run goes: `record` after each step, `series` at the end. */
export interface Recorder {
  readonly record: (ms: number, counts: ReadonlyArray<readonly [string, Counts]>) => void
  readonly series: () => ReadonlyArray<Series>
}

/** A recorder that keeps a sample only when a workload's counts change (a workload gone keeps its last). */
export const recorder = (): Recorder => {
  const byWorkload = new Map<string, Array<Sample>>()
  return {
    record: (ms, counts) => {
      for (const [workload, c] of counts) {
        const samples = byWorkload.get(workload) ?? []
        const last = samples[samples.length - 1]
        if (last === undefined || !sameCounts(last.counts, c)) samples.push({ ms, counts: c })
        byWorkload.set(workload, samples)
      }
    },
    series: () => [...byWorkload].map(([workload, samples]) => ({ workload, samples })),
  }
}

const edits: ReadonlySet<Fault['_tag']> = new Set(['ExternalEdit', 'ExternalCreate', 'ExternalDelete'])

/** A fault's marker: an edit for a user's change, a fault for the rest. */
export const markerOf = (ms: number, fault: Fault, label: string): Marker => ({ ms, kind: edits.has(fault._tag) ? 'edit' : 'fault', label })
