/**
 * A node's heartbeat, as the simulation keeps it. A running kubelet renews its node's Lease every
 * 10 s; storing every renewal would keep a quiet cluster busy for ever (the simulation jumps from
 * one due event to the next), so the heartbeat is a function of time instead: current (`now`)
 * while the node's kubelet runs, and, once it has stopped, the time of its last renewal, which the
 * simulation records on the Node (`lastHeartbeatAnnotation`) when the kubelet stops and removes
 * when it starts again. A Node from a real cluster carries no such annotation: its kubelet counts
 * as running, and its status as the kubelet posted it.
 */
import type { Node } from '../../api/node.js'
import * as T from '../../core/time.js'

/** The Node annotation holding the last heartbeat (RFC 3339) of a kubelet that stopped. */
export const lastHeartbeatAnnotation = 'sim.kube-reconcile.io/last-heartbeat'

/** When the node's kubelet last renewed its heartbeat (ms), or `undefined` while it is running. */
export const lastHeartbeat = (node: Node): number | undefined => T.parse(node.metadata.annotations?.[lastHeartbeatAnnotation])

/** Whether the node's kubelet has stopped (its last heartbeat is recorded). */
export const kubeletStopped = (node: Node): boolean => lastHeartbeat(node) !== undefined
