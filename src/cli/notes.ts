/**
 * The one-line notes `plan` and `simulate` print: the kinds in the input no controller acts on,
 * the pods left unschedulable at the end of a run; and counting words with correct plurals.
 */
import { isKind } from '../api/object.js'
import type { KubeObject } from '../api/object.js'
import * as CV from '../core/ClusterView.js'
import type { ClusterView } from '../core/ClusterView.js'
import type { Controller } from '../core/Controller.js'
import { isActive } from '../core/pods.js'

/** `1 object`, `3 objects`; `plural` for the irregular ones (`1 entry`, `2 entries`). */
export const count = (n: number, singular: string, plural = `${singular}s`): string => `${n} ${n === 1 ? singular : plural}`

/** `a`, `a and b`, `a, b and c`. */
export const listing = (items: ReadonlyArray<string>): string =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1] ?? ''}`

/**
 * Kinds the simulation itself acts on (scheduler, kubelet, volume binder, the cluster-wide
 * controllers) or that are a workload's history: never "without a controller".
 */
export const environmentKinds: ReadonlyArray<string> = ['Pod', 'Node', 'PersistentVolumeClaim', 'ControllerRevision']

/** The kinds a per-object controller of `list` reconciles. */
const reconciled = (list: ReadonlyArray<Controller>): ReadonlySet<string> =>
  new Set(list.flatMap((c) => (c._tag === 'PerObject' ? [c.kind] : [])))

/**
 * One line naming the kinds of `objects` no controller of `list` acts on, with how many objects
 * each has: the generic ones (kept for labels, owner references and garbage collection) and any
 * modelled workload kind without a controller; `undefined` when every kind has one.
 */
export const unreconciledNote = (objects: ReadonlyArray<KubeObject>, list: ReadonlyArray<Controller>): string | undefined => {
  const acted = reconciled(list)
  const counts = new Map<string, number>()
  for (const o of objects) {
    const kind: string = o.kind
    if (acted.has(kind) || environmentKinds.includes(kind)) continue
    counts.set(kind, (counts.get(kind) ?? 0) + 1)
  }
  if (counts.size === 0) return undefined
  const named = (kinds: ReadonlyArray<string>): string => listing(kinds.map((k) => `${k} (${counts.get(k) ?? 0})`))
  const kinds = [...counts.keys()].sort()
  const workloads = kinds.filter(isKind)
  const generic = kinds.filter((k) => !isKind(k))
  const parts = [
    ...(generic.length === 0 ? [] : [`${named(generic)}: kept for labels, owner references and garbage collection`]),
    ...(workloads.length === 0 ? [] : [`${named(workloads)}: ${workloads.length === 1 ? 'a workload kind' : 'workload kinds'} without a controller here yet, kept as given`]),
  ]
  return `no controller acts on ${parts.join('; ')}`
}

/** The pods that are active and still bound to no node, each with the scheduler's reason. */
export const unschedulable = (view: ClusterView): ReadonlyArray<string> =>
  CV.podsOnNode(view, '')
    .filter(isActive)
    .map((p) => {
      const c = p.status?.conditions?.find((x) => x.type === 'PodScheduled' && x.status === 'False')
      return `${p.metadata.namespace ?? ''}/${p.metadata.name ?? ''}${c?.message === undefined ? '' : ` (${c.message})`}`
    })
    .sort()

/** `2 pods stayed unschedulable: default/a (…), default/b (…)`, or `undefined` when none did. */
export const unschedulableNote = (view: ClusterView): string | undefined => {
  const pods = unschedulable(view)
  return pods.length === 0 ? undefined : `${count(pods.length, 'pod')} stayed unschedulable: ${pods.join(', ')}`
}
