/**
 * The rolling update (upstream `rollingUpdate`): with `maxSurge` 0, delete outdated pods (every
 * unavailable one, and available ones within `maxUnavailable`) and let placement create their
 * replacements; with `maxSurge` > 0, create updated pods next to outdated ones (for every
 * unavailable one, and for available ones within `maxSurge`) and delete the outdated pod once its
 * replacement is available. Nodes are visited by name (upstream's map order is unspecified).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Pod } from '../../api/pod.js'
import type { DaemonSet } from '../../api/workloads.js'
import { compareStrings } from '../../core/order.js'
import { isAvailable } from '../../core/pods.js'
import { isPodUpdated, templateGeneration } from './daemonPods.js'
import type { NodePlacement, PodsByNode } from './eligibility.js'
import { budgets } from './strategy.js'
import type { Budgets } from './strategy.js'

/** What the rolling update asks `syncNodes` to do. */
export interface RollingPlan {
  readonly creates: ReadonlyArray<string>
  readonly deletes: ReadonlyArray<Pod>
}

/** The pods of one node split into the updated and the outdated one (deleting pods ignored); `undefined` when either kind has two or more. */
export interface NodePods {
  readonly updated: Pod | undefined
  readonly outdated: Pod | undefined
}

/** Upstream `findUpdatedPodsOnNode`. */
export const findUpdatedPodsOnNode = (pods: ReadonlyArray<Pod>, hash: string, generation: number | undefined): NodePods | undefined => {
  let updated: Pod | undefined
  let outdated: Pod | undefined
  for (const p of pods) {
    if (p.metadata.deletionTimestamp !== undefined) continue
    if (isPodUpdated(p, hash, generation)) {
      if (updated !== undefined) return undefined
      updated = p
    } else {
      if (outdated !== undefined) return undefined
      outdated = p
    }
  }
  return { updated, outdated }
}

/** The rolling update's inputs. */
export interface RollingInput {
  readonly ds: DaemonSet
  readonly placements: ReadonlyArray<NodePlacement>
  readonly pods: PodsByNode
  readonly hash: string
  readonly nowMs: number
}

/** Every node that should run a pod plus every node with pods, by name, with its pods. */
const nodesToVisit = (input: RollingInput): ReadonlyArray<readonly [string, ReadonlyArray<Pod>]> => {
  const all = new Map<string, ReadonlyArray<Pod>>(input.pods)
  for (const p of input.placements) if (p.shouldRun && !all.has(p.name)) all.set(p.name, [])
  return [...all].sort(([a], [b]) => compareStrings(a, b))
}

/** The desired number scheduled: nodes that should run a daemon pod. */
export const desiredNumber = (placements: ReadonlyArray<NodePlacement>): number => placements.filter((p) => p.shouldRun).length

const unavailablePlan = (input: RollingInput, b: Budgets): RollingPlan => {
  const generation = templateGeneration(input.ds)
  const minReady = input.ds.spec.minReadySeconds ?? 0
  let numUnavailable = 0
  const replacements: Array<Pod> = []
  const candidates: Array<Pod> = []
  for (const [, pods] of nodesToVisit(input)) {
    const split = findUpdatedPodsOnNode(pods, input.hash, generation)
    if (split === undefined) {
      numUnavailable++
      continue
    }
    const { updated, outdated } = split
    if ((updated === undefined) === (outdated === undefined)) numUnavailable++
    else if (updated !== undefined) {
      if (!isAvailable(updated, minReady, input.nowMs)) numUnavailable++
    } else if (outdated !== undefined) {
      if (!isAvailable(outdated, minReady, input.nowMs)) {
        replacements.push(outdated)
        numUnavailable++
      } else if (numUnavailable < b.maxUnavailable) candidates.push(outdated)
    }
  }
  const room = Math.min(Math.max(0, b.maxUnavailable - numUnavailable), candidates.length)
  return { creates: [], deletes: [...replacements, ...candidates.slice(0, room)] }
}

const surgePlan = (input: RollingInput, b: Budgets, desired: number): RollingPlan | undefined => {
  const generation = templateGeneration(input.ds)
  const minReady = input.ds.spec.minReadySeconds ?? 0
  const placement = new Map(input.placements.map((p) => [p.name, p]))
  let numSurge = 0
  let numAvailable = 0
  const deletes: Array<Pod> = []
  const shouldNotRun: Array<Pod> = []
  const allowed: Array<string> = []
  const candidates: Array<string> = []
  for (const [node, pods] of nodesToVisit(input)) {
    const split = findUpdatedPodsOnNode(pods, input.hash, generation)
    if (split === undefined) {
      numSurge++
      continue
    }
    const { updated, outdated } = split
    const counted = outdated ?? updated
    if (counted !== undefined && isAvailable(counted, minReady, input.nowMs)) numAvailable++
    if (outdated === undefined) continue
    if (updated === undefined) {
      const p = placement.get(node)
      if (p === undefined) return undefined
      if (!isAvailable(outdated, minReady, input.nowMs)) {
        if (p.shouldRun) allowed.push(node)
        else deletes.push(outdated)
      } else if (!p.shouldRun) shouldNotRun.push(outdated)
      else if (numSurge < b.maxSurge) candidates.push(node)
    } else if (!isAvailable(updated, minReady, input.nowMs)) numSurge++
    else deletes.push(outdated)
  }
  const deletable = Math.min(numAvailable - desired, shouldNotRun.length)
  if (deletable > 0) deletes.push(...shouldNotRun.slice(0, deletable))
  const room = Math.min(Math.max(0, b.maxSurge - numSurge), candidates.length)
  return { creates: [...allowed, ...candidates.slice(0, room)], deletes }
}

/**
 * Upstream `rollingUpdate` on the grouped pods: see the module comment. An invalid
 * `maxSurge`/`maxUnavailable`, or (with surge) an outdated pod on a node that no longer exists,
 * is an error and nothing is done, as upstream returns its error.
 */
export const rollingUpdate = (input: RollingInput): E.Either<string, RollingPlan> => {
  const desired = desiredNumber(input.placements)
  const b = budgets(input.ds, desired)
  if (E.isLeft(b)) return b
  if (b.right.maxSurge === 0) return E.right(unavailablePlan(input, b.right))
  const plan = surgePlan(input, b.right, desired)
  return plan === undefined ? E.left('couldn\'t get node for a pod of the DaemonSet') : E.right(plan)
}
