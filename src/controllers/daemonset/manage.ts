/**
 * Placement (upstream `manage`, `podsShouldBeOnNode` and `syncNodes`): per node, create the
 * missing daemon pod, delete pods on nodes that should not keep one, trim duplicates to the
 * survivor, delete failed pods under a per-node backoff and succeeded pods; then delete
 * unscheduled pods aimed at nodes that do not exist. At most 250 creates and 250 deletes a sync.
 */
import type { Pod } from '../../api/pod.js'
import type { DaemonSet } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { isAvailable, isReady } from '../../core/pods.js'
import { controllerRevisionHashLabel } from '../../core/history.js'
import { backoffKey, backoffSeconds, failedDaemonPodReason, failedPodMessage, inBackoff, nextBackoff } from './backoff.js'
import type { FailedPodBackoff } from './backoff.js'
import { createPodTemplate, daemonPod, templateGeneration } from './daemonPods.js'
import type { NodePlacement, PodsByNode } from './eligibility.js'
import { allowsSurge } from './strategy.js'

/** At most this many pods are created, and this many deleted, in one sync (upstream `BurstReplicas` of the DaemonSet controller). */
export const burstReplicas = 250

/** The reason of the event emitted when a succeeded daemon pod is deleted. */
export const succeededDaemonPodReason = 'SucceededDaemonPod'

/** What the per-node pass decided. */
export interface NodeDecisions {
  /** Nodes that get a new pod, in node order. */
  readonly creates: ReadonlyArray<string>
  /** Pods to delete, in decision order. */
  readonly deletes: ReadonlyArray<Pod>
  /** FailedDaemonPod / SucceededDaemonPod events, in decision order. */
  readonly events: ReadonlyArray<Action>
  /** Seconds until a failed pod held back by the backoff may be deleted (the shortest), if any. */
  readonly requeueAfter: number | undefined
  /** The backoff after this pass (raised for every failed pod deleted). */
  readonly backoff: FailedPodBackoff
}

const deleting = (p: Pod): boolean => p.metadata.deletionTimestamp !== undefined

/** The context of the per-node pass. */
export interface ManageInput {
  readonly ds: DaemonSet
  readonly placements: ReadonlyArray<NodePlacement>
  readonly pods: PodsByNode
  readonly hash: string
  readonly backoff: FailedPodBackoff
  readonly nowMs: number
}

/**
 * Upstream `podsShouldBeOnNode` over every node, then the unscheduled pods aimed at missing
 * nodes: see the module comment. With surge, a node keeps its oldest updated and oldest outdated
 * pod, and the outdated one goes once it is not ready or the updated one is available.
 */
export const decide = (input: ManageInput): NodeDecisions => {
  const { ds, hash, nowMs } = input
  const ns = ds.metadata.namespace ?? ''
  const uid = ds.metadata.uid ?? ''
  const minReady = ds.spec.minReadySeconds ?? 0
  const surge = allowsSurge(ds)
  const target = ObjectRef.of(ds)
  const creates: Array<string> = []
  const deletes: Array<Pod> = []
  const events: Array<Action> = []
  let backoff = input.backoff
  let requeueAfter: number | undefined
  for (const { name, shouldRun, shouldContinueRunning } of input.placements) {
    const pods = input.pods.get(name)
    if (shouldRun && pods === undefined) {
      creates.push(name)
      continue
    }
    if (!shouldContinueRunning) {
      for (const p of pods ?? []) if (!deleting(p)) deletes.push(p)
      continue
    }
    const running: Array<Pod> = []
    for (const p of pods ?? []) {
      if (deleting(p)) continue
      const phase = p.status?.phase
      if (phase === 'Failed') {
        const key = backoffKey(uid, ds.status?.observedGeneration ?? 0, name)
        if (inBackoff(backoff, key, nowMs)) {
          const s = backoffSeconds(backoff, key)
          requeueAfter = requeueAfter === undefined ? s : Math.min(requeueAfter, s)
          continue
        }
        backoff = nextBackoff(backoff, key, nowMs)
        events.push(A.event(target, 'Warning', failedDaemonPodReason, failedPodMessage(ns, p.metadata.name ?? '', name)))
        deletes.push(p)
      } else if (phase === 'Succeeded') {
        const msg = `Found succeeded daemon pod ${ns}/${p.metadata.name ?? ''} on node ${name}, will try to delete it`
        events.push(A.event(target, 'Normal', succeededDaemonPodReason, msg))
        deletes.push(p)
      } else {
        running.push(p)
      }
    }
    if (!surge) {
      deletes.push(...running.slice(1))
      continue
    }
    if (running.length === 0) {
      if (shouldRun) creates.push(name)
      continue
    }
    let oldestNew: Pod | undefined
    let oldestOld: Pod | undefined
    for (const p of running) {
      const isNew = p.metadata.labels?.[controllerRevisionHashLabel] === hash
      if (isNew && oldestNew === undefined) oldestNew = p
      else if (!isNew && oldestOld === undefined) oldestOld = p
      else deletes.push(p)
    }
    if (oldestNew !== undefined && oldestOld !== undefined && (!isReady(oldestOld) || isAvailable(oldestNew, minReady, nowMs))) {
      deletes.push(oldestOld)
    }
  }
  const known = new Set(input.placements.map((p) => p.name))
  for (const [node, pods] of input.pods) {
    if (known.has(node)) continue
    for (const p of pods) if ((p.spec.nodeName ?? '') === '') deletes.push(p)
  }
  return { creates, deletes, events, requeueAfter, backoff }
}

/**
 * Upstream `syncNodes`: up to `burstReplicas` creates (each a pod for its node, followed by its
 * SuccessfulCreate event) in slow-start order, then up to `burstReplicas` deletes (each followed
 * by SuccessfulDelete).
 */
export const syncNodes = (ds: DaemonSet, creates: ReadonlyArray<string>, deletes: ReadonlyArray<Pod>, hash: string): ReadonlyArray<Action> => {
  const target = ObjectRef.of(ds)
  const out: Array<Action> = []
  const make = creates.slice(0, burstReplicas)
  if (make.length > 0) {
    const template = createPodTemplate(ds.spec.template, templateGeneration(ds), hash)
    for (const node of make) {
      const pod = daemonPod(ds, template, node)
      out.push(A.create(pod), A.event(target, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.generateName ?? ''}`))
    }
  }
  for (const p of deletes.slice(0, burstReplicas)) {
    out.push(A.del(ObjectRef.of(p)), A.event(target, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name ?? ''}`))
  }
  return out
}
