/**
 * Eligibility of every node for one DaemonSet, and its pods grouped by the node they are for
 * (upstream `NodeShouldRunDaemonPod` over the node list, `getNodesToDaemonPods`).
 */
import type { Node } from '../../api/node.js'
import type { Pod } from '../../api/pod.js'
import type { DaemonSet } from '../../api/workloads.js'
import { daemonPlacement } from '../../core/daemonEligibility.js'
import type { DaemonPlacement } from '../../core/daemonEligibility.js'
import { compareStrings } from '../../core/order.js'
import { isTerminal } from '../../core/pods.js'
import { oldestFirst, targetNode } from './daemonPods.js'

/** A node and what the DaemonSet may do there. */
export interface NodePlacement extends DaemonPlacement {
  readonly node: Node
  readonly name: string
}

/** Every node with its placement for `ds`, by name. */
export const placements = (ds: DaemonSet, nodes: ReadonlyArray<Node>): ReadonlyArray<NodePlacement> => {
  const placement = daemonPlacement(ds.spec.template)
  return nodes.map((node) => ({ node, name: node.metadata.name ?? '', ...placement(node) })).sort((a, b) => compareStrings(a.name, b.name))
}

/** The pods of a DaemonSet by the node they are for, each list oldest first (`oldestFirst`). */
export type PodsByNode = ReadonlyMap<string, ReadonlyArray<Pod>>

/**
 * Upstream `getNodesToDaemonPods`: the claimed pods grouped by target node (`targetNode`);
 * pods without one are left out, and so are terminal pods being deleted unless
 * `includeDeletedTerminal`.
 */
export const podsByNode = (pods: ReadonlyArray<Pod>, includeDeletedTerminal: boolean): PodsByNode => {
  const out = new Map<string, Array<Pod>>()
  for (const p of pods) {
    if (!includeDeletedTerminal && isTerminal(p) && p.metadata.deletionTimestamp !== undefined) continue
    const node = targetNode(p)
    if (node === undefined) continue
    const list = out.get(node)
    if (list === undefined) out.set(node, [p])
    else list.push(p)
  }
  for (const list of out.values()) list.sort(oldestFirst)
  return out
}
