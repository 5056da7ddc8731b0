/**
 * Zones and their disruption states (upstream `ComputeZoneState` and `handleDisruption`): the node
 * lifecycle controller taints unreachable nodes zone by zone, and stops when a zone (or the whole
 * cluster) looks like a network partition rather than failed nodes.
 */
import type { Node } from '../../api/node.js'
import { find } from '../../core/conditions.js'

/** A zone's state: `Normal`, `PartialDisruption` (many nodes not Ready) or `FullDisruption` (none Ready). */
export type ZoneState = 'Normal' | 'PartialDisruption' | 'FullDisruption'

/** Nodes with this label take no part in zone states (upstream `labelNodeDisruptionExclusion`). */
export const excludeDisruptionLabel = 'node.kubernetes.io/exclude-disruption'

/**
 * The zone a node belongs to (upstream `GetZoneKey`): its region and zone labels, the deprecated
 * `failure-domain.beta.kubernetes.io/…` ones first; `''` when it has neither.
 */
export const zoneOf = (node: Node): string => {
  const l = node.metadata.labels ?? {}
  const zone = l['failure-domain.beta.kubernetes.io/zone'] ?? l['topology.kubernetes.io/zone'] ?? ''
  const region = l['failure-domain.beta.kubernetes.io/region'] ?? l['topology.kubernetes.io/region'] ?? ''
  return region === '' && zone === '' ? '' : `${region}:\u0000:${zone}`
}

/**
 * A zone's state from how many of its nodes are Ready and not: none Ready is a full disruption;
 * more than two not Ready, making at least `unhealthyThreshold` of the zone, a partial one.
 */
export const zoneState = (ready: number, notReady: number, unhealthyThreshold: number): ZoneState => {
  if (ready === 0 && notReady > 0) return 'FullDisruption'
  if (notReady > 2 && notReady / (notReady + ready) >= unhealthyThreshold) return 'PartialDisruption'
  return 'Normal'
}

/** Each zone's state and size, and whether every zone is fully disrupted. */
export interface Disruption {
  readonly zones: ReadonlyMap<string, { readonly state: ZoneState; readonly size: number }>
  readonly allFullyDisrupted: boolean
}

/** The options the disruption rules read. */
export interface DisruptionOptions {
  /** `--unhealthy-zone-threshold`: the share of not-Ready nodes (at least 3) that makes a zone unhealthy. */
  readonly unhealthyZoneThreshold: number
  /** `--large-cluster-size-threshold`: above this many nodes a partially disrupted zone is still tainted, slowly. */
  readonly largeClusterSizeThreshold: number
}

/**
 * The zones of `nodes` (those not excluded), counting a node Ready when `readyOf` says its Ready
 * condition is `True` (this sync's own status writes included).
 */
export const disruption = (nodes: ReadonlyArray<Node>, readyOf: (n: Node) => string | undefined, o: DisruptionOptions): Disruption => {
  const counts = new Map<string, { ready: number; notReady: number }>()
  for (const n of nodes) {
    if ((n.metadata.labels ?? {})[excludeDisruptionLabel] !== undefined) continue
    const z = zoneOf(n)
    const c = counts.get(z) ?? { ready: 0, notReady: 0 }
    if (readyOf(n) === 'True') c.ready += 1
    else c.notReady += 1
    counts.set(z, c)
  }
  const zones = new Map<string, { readonly state: ZoneState; readonly size: number }>()
  for (const [z, c] of counts) zones.set(z, { state: zoneState(c.ready, c.notReady, o.unhealthyZoneThreshold), size: c.ready + c.notReady })
  return { zones, allFullyDisrupted: zones.size > 0 && [...zones.values()].every((z) => z.state === 'FullDisruption') }
}

/**
 * Whether a NoExecute taint may be added to a node of `zone` now: never while every zone is fully
 * disrupted; in a partially disrupted zone only when it is larger than the large-cluster
 * threshold (upstream then taints at the secondary rate; a small zone's rate is 0).
 */
export const mayTaint = (d: Disruption, zone: string, o: DisruptionOptions): boolean => {
  if (d.allFullyDisrupted) return false
  const z = d.zones.get(zone)
  return z === undefined || z.state !== 'PartialDisruption' || z.size > o.largeClusterSizeThreshold
}

/** The status of the node's Ready condition, if it has one. */
export const readyStatus = (node: Node): string | undefined => find(node.status?.conditions, 'Ready')?.status
