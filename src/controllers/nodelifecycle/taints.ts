/**
 * The taints the node lifecycle controller keeps on a node: NoSchedule taints mirroring its
 * conditions and cordon (upstream `doNoScheduleTaintingPass`), and the NoExecute `not-ready` /
 * `unreachable` taint mirroring its Ready condition (`processTaintBaseEviction`), which starts
 * taint-based eviction. Added taints carry `timeAdded`; a taint is matched by key and effect.
 */
import type { Node, Taint } from '../../api/node.js'
import { notReadyKey, unreachableKey, unschedulableTaint } from '../../core/nodes.js'

/** Which condition status maps to which NoSchedule taint key (upstream `nodeConditionToTaintKeyStatusMap`). */
export const conditionTaints: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  Ready: { False: notReadyKey, Unknown: unreachableKey },
  MemoryPressure: { True: 'node.kubernetes.io/memory-pressure' },
  DiskPressure: { True: 'node.kubernetes.io/disk-pressure' },
  NetworkUnavailable: { True: 'node.kubernetes.io/network-unavailable' },
  PIDPressure: { True: 'node.kubernetes.io/pid-pressure' },
}

const managedKeys = new Set([...Object.values(conditionTaints).flatMap((m) => Object.values(m)), unschedulableTaint.key])

const same = (a: Taint, b: Taint): boolean => a.key === b.key && a.effect === b.effect

/** The NoSchedule taints the node's conditions and cordon call for, in condition order. */
export const wantedNoSchedule = (node: Node): ReadonlyArray<Taint> => {
  const out: Array<Taint> = []
  for (const c of node.status?.conditions ?? []) {
    const key = conditionTaints[c.type]?.[c.status]
    if (key !== undefined) out.push({ key, effect: 'NoSchedule' })
  }
  if (node.spec?.unschedulable === true) out.push({ ...unschedulableTaint })
  return out
}

/** A change of a node's taints: those to add (appended, stamped) and those to remove. */
export interface TaintChange {
  readonly add: ReadonlyArray<Taint>
  readonly remove: ReadonlyArray<Taint>
}

/** The NoSchedule taint change that makes the node's managed NoSchedule taints the wanted ones. */
export const noScheduleChange = (node: Node): TaintChange => {
  const wanted = wantedNoSchedule(node)
  const have = (node.spec?.taints ?? []).filter((t) => t.effect === 'NoSchedule' && managedKeys.has(t.key))
  return { add: wanted.filter((w) => !have.some((h) => same(h, w))), remove: have.filter((h) => !wanted.some((w) => same(h, w))) }
}

const noExecute = (key: string): Taint => ({ key, effect: 'NoExecute' })

/**
 * The NoExecute taint change for the node's Ready condition: `False` wants `not-ready`, `Unknown`
 * wants `unreachable` (the two never together: a node holding the other one swaps at once), `True`
 * wants neither; no Ready condition changes nothing. `mayAdd` says whether a taint may be added
 * where there was none (the zone's disruption state); `reachable` removes both whatever the
 * condition (every zone fully disrupted).
 */
export const noExecuteChange = (node: Node, ready: string | undefined, mayAdd: boolean, reachable: boolean): TaintChange => {
  const taints = node.spec?.taints ?? []
  const has = (key: string): boolean => taints.some((t) => same(t, noExecute(key)))
  const held = [notReadyKey, unreachableKey].filter(has).map(noExecute)
  if (reachable || ready === 'True') return { add: [], remove: held }
  const want = ready === 'False' ? notReadyKey : ready === 'Unknown' ? unreachableKey : undefined
  if (want === undefined || has(want)) return { add: [], remove: [] }
  const other = want === notReadyKey ? unreachableKey : notReadyKey
  if (has(other)) return { add: [noExecute(want)], remove: [noExecute(other)] }
  return mayAdd ? { add: [noExecute(want)], remove: [] } : { add: [], remove: [] }
}

/** The node with `change` applied (added taints stamped `time`), or `undefined` when it changes nothing. */
export const applyTaints = (node: Node, change: TaintChange, time: string): Node | undefined => {
  if (change.add.length === 0 && change.remove.length === 0) return undefined
  const kept = (node.spec?.taints ?? []).filter((t) => !change.remove.some((r) => same(r, t)))
  const taints = [...kept, ...change.add.map((t) => ({ ...t, timeAdded: time }))]
  const { taints: _drop, ...spec } = node.spec ?? {}
  return { ...node, spec: taints.length === 0 ? spec : { ...spec, taints } }
}
