/**
 * The controllers' work queues, as upstream's informers and work queues feed them: a committed
 * change wakes the keys the controllers' declared wakes name for it; a due `RequeueAfter` wakes
 * its key; a start, a controller restart or the end of a stale view wakes every key; a sync
 * whose write failed or was withheld is synced again next round (upstream `AddRateLimited`,
 * without the back-off). A pass syncs only the keys woken since their last sync.
 */
import type { ChangeType, Controller, Wake } from '../core/Controller.js'
import type { Change, Engine } from './engine.js'
import * as Timers from './timers.js'

/** Wakes indexed by the kind they watch (`*`: any kind): controller name and wake. */
export type WakeIndex = ReadonlyMap<string, ReadonlyArray<readonly [controller: string, wake: Wake]>>

/** The index of the controllers' wakes by watched kind. */
export const indexWakes = (controllers: ReadonlyArray<Controller>): WakeIndex => {
  const index = new Map<string, Array<readonly [string, Wake]>>()
  for (const c of controllers) {
    for (const w of c.wakes) {
      const list = index.get(w.kind) ?? []
      list.push([c.name, w])
      index.set(w.kind, list)
    }
  }
  return index
}

const add = (queues: Map<string, Set<string>>, controller: string, key: string): void => {
  const q = queues.get(controller)
  if (q === undefined) queues.set(controller, new Set([key]))
  else q.add(key)
}

/** Adds `key` to the controller's queue. */
export const enqueue = (e: Engine, controller: string, key: string): void => add(e.queue, controller, key)

/** Marks the controller's key for a retry in the next round. */
export const retry = (e: Engine, controller: string, key: string): void => add(e.retries, controller, key)

const typeOf = (c: Change): ChangeType => (c.before === undefined ? 'add' : c.after === undefined ? 'delete' : 'update')

/** Wakes the keys the committed `changes` concern (a no-op in full-resync mode). */
export const observe = (e: Engine, changes: ReadonlyArray<Change>): void => {
  if (e.settings.queue === 'resync' || changes.length === 0) return
  const index = e.settings.wakes
  const any = index.get('*') ?? []
  for (const c of changes) {
    const kind = (c.after ?? c.before)?.kind
    if (kind === undefined) continue
    const type = typeOf(c)
    for (const list of [index.get(kind) ?? [], any]) {
      for (const [controller, wake] of list) {
        if (wake.events !== undefined && !wake.events.includes(type)) continue
        if (c.before !== undefined) for (const k of wake.keys(c.before, e.view)) enqueue(e, controller, k)
        if (c.after !== undefined) for (const k of wake.keys(c.after, e.view)) enqueue(e, controller, k)
      }
    }
  }
}

/** The keys woken for `controller` (retries included), removed from its queue. */
export const take = (e: Engine, controller: string): ReadonlySet<string> => {
  const woken = e.queue.get(controller) ?? new Set<string>()
  const again = e.retries.get(controller)
  e.queue.delete(controller)
  e.retries.delete(controller)
  if (again !== undefined) for (const k of again) woken.add(k)
  return woken
}

/** Whether any key is waiting (retries aside: they ride on rounds that run anyway). */
export const busy = (e: Engine): boolean => e.wakeAll || Array.from(e.queue.values()).some((q) => q.size > 0)

/** The separator of a requeue's timer key: controller name, then the object key. */
const sep = '\u0000'

/** The timer key of a requeue of `key` by `controller`. */
export const requeueKey = (controller: string, key: string): string => `${controller}${sep}${key}`

/** Wakes the keys whose requeue is due by now. */
export const wakeDue = (e: Engine): void => {
  for (let p = Timers.pop(e.requeues, e.now); p !== undefined; p = Timers.pop(e.requeues, e.now)) {
    const k = p[1]
    if (e.settings.queue === 'resync') continue
    const i = k.indexOf(sep)
    enqueue(e, k.slice(0, i), k.slice(i + 1))
  }
}
