/**
 * The controller phase of a round: each controller, in registry order, syncs the keys its work
 * queue woke (every key of its kind in full-resync mode, at the start and after a restart) in
 * namespace/name order, and each sync's actions go to the API server in order, each against the
 * state the previous one produced.
 *
 * The syncs of one kind read the view as it was when the kind's turn began (upstream's workers
 * share one informer cache); the API server is always current, so a write based on an object
 * another sync of the pass changed is a conflict. The pass's writes are committed together, so
 * the next kind sees them. Under a StaleView fault
 * every sync sees the view from `lag` rounds ago; controllers that keep expectations (upstream's
 * ReplicaSet, ReplicationController, DaemonSet, Job) then have their pod creates and deletes
 * withheld while that view predates their last pod create/delete — the runtime-held equivalent
 * of upstream's ControllerExpectations, which expire after 5 minutes and are forgotten on a
 * controller restart. With a fresh view they are always satisfied.
 */
import type { KubeObject } from '../api/object.js'
import type * as A from '../core/Action.js'
import type { Action } from '../core/Action.js'
import * as ClusterView from '../core/ClusterView.js'
import type { ClusterView as View } from '../core/ClusterView.js'
import * as ObjectRef from '../core/ObjectRef.js'
import { controllerRef } from '../core/ownership.js'
import type { Controller, PerObjectController } from '../core/Controller.js'
import { jsonEqual } from '../core/equal.js'
import { compareStrings } from '../core/order.js'
import * as Api from './apiserver.js'
import type { Outcome } from './apiserver.js'
import type { Engine } from './engine.js'
import { keyOfObject, lookupKey, phase, record, traceTime } from './engine.js'
import * as Pacing from './pacing.js'
import * as Queue from './queue.js'
import * as Timers from './timers.js'
import type { Snapshot, Suspended } from './runtime.js'
import { commit } from './store.js'

/** upstream `ExpectationsTimeout`: unsatisfied expectations are ignored after 5 minutes. */
export const expectationsTimeoutMs = 300_000

/** A pod create or delete for a pod `owner` controls (as seen in `view`): what expectations guard. */
const guarded = (a: Action, owner: KubeObject, view: View): boolean => {
  const uid = owner.metadata.uid
  if (a._tag === 'Create') return a.object.kind === 'Pod' && uid !== undefined && controllerRef(a.object)?.uid === uid
  if (a._tag === 'Delete' && a.target.kind === 'Pod') {
    const seen = lookupKey(view, Api.keyOfRef(a.target))
    return seen !== undefined && uid !== undefined && controllerRef(seen)?.uid === uid
  }
  return false
}

const write = (e: Engine, a: A.Create | A.Update | A.UpdateStatus | A.Delete): Outcome => {
  switch (a._tag) {
    case 'Create':
      return Api.create(e, a.object)
    case 'Update':
      return Api.update(e, a.object)
    case 'UpdateStatus':
      return Api.updateStatus(e, a.object)
    case 'Delete':
      return Api.remove(e, a.target, a.propagationPolicy, a.preconditions, a.gracePeriodSeconds)
  }
}

/**
 * Starts handling the actions of one sync by `controller` of `owner` (`undefined` for a
 * cluster-wide sync), which saw `view` (reflecting resourceVersion `viewRv`) and was keyed `key`:
 * decides whether expectations hold its pod creates and deletes back, then sends its actions.
 */
const handle = (
  e: Engine,
  controller: Controller,
  key: string,
  owner: KubeObject | undefined,
  actions: ReadonlyArray<Action>,
  view: View,
  viewRv: number,
): void => {
  if (actions.length === 0) return
  const expects = owner !== undefined && controller._tag === 'PerObject' && controller.expectations.includes('pods')
  const pending = expects ? e.expectations.get(key) : undefined
  let held = false
  if (pending !== undefined) {
    if (pending.rv <= viewRv || e.now - pending.at >= expectationsTimeoutMs) e.expectations = e.expectations.remove(key)
    else held = true
  }
  send(e, { controller: controller.name, key, owner, actions, view, held, expects })
}

/** The last write of a sync when it created an object the server named: its `generateName` and the name. */
interface Created {
  readonly prefix: string
  readonly name: string
}

/**
 * An event sent right after a create the server named, with the object's name where the
 * controller could only write its `generateName` (`Created pod: web-` → `Created pod: web-x7k2p`):
 * upstream's controller sends its event after the call returned the object, name known.
 */
const naming = (a: Extract<Action, { readonly _tag: 'Event' }>, created: Created | undefined): Action =>
  created === undefined || created.prefix === '' || !a.message.endsWith(created.prefix)
    ? a
    : { ...a, message: `${a.message.slice(0, a.message.length - created.prefix.length)}${created.name}` }

/**
 * Sends the actions of `sync` to the API server in order, up to a `required` write that is not
 * applied (the sync returns there, as upstream's at a failed call). Under pacing, a write waits for a token
 * of the controllers' client: the rest of the sync is suspended, to be resumed (`resume`) when
 * one is there — the worker blocked on its client, as upstream's.
 */
const send = (e: Engine, sync: Suspended): void => {
  const { controller, key, owner, view, held, expects } = sync
  const source = owner === undefined ? controller : ObjectRef.show(ObjectRef.of(owner))
  let time = traceTime(e)
  const rate = e.settings.controllerRate
  let created: Created | undefined
  for (let i = 0; i < sync.actions.length; i++) {
    const a = sync.actions[i] as Action
    if (a._tag === 'RequeueAfter') {
      const due = e.now + (Number.isFinite(a.seconds) ? Math.max(0, a.seconds) : 0) * 1000
      const k = Queue.requeueKey(controller, Api.keyOfRef(a.target))
      const old = Timers.get(e.requeues, k)
      if (old !== undefined && old <= due) continue
      Timers.set(e.requeues, k, due)
      record(e, { _tag: 'Action', time, source, action: a, result: 'applied' })
      continue
    }
    if (a._tag === 'Event') {
      record(e, { _tag: 'Action', time, source, action: naming(a, created), result: 'applied' })
      continue
    }
    if (rate !== undefined) {
      if (!Pacing.ready(rate, e.limiters.controllers, e.now)) {
        const at = Pacing.readyAt(rate, Pacing.refill(rate, e.limiters.controllers, e.now))
        if (at > e.sliceEnd) {
          e.suspended.push({ ...sync, actions: sync.actions.slice(i) })
          return
        }
        e.now = at
        time = traceTime(e)
      }
      e.limiters.controllers = Pacing.take(rate, e.limiters.controllers, e.now, 1)
    }
    if (e.drops > 0) {
      e.drops -= 1
      e.changed = true
      Queue.retry(e, controller, key)
      record(e, { _tag: 'Action', time, source, action: a, result: 'dropped' })
      if (a.required === true) return
      continue
    }
    if (held && owner !== undefined && guarded(a, owner, view)) {
      Queue.retry(e, controller, key)
      record(e, { _tag: 'Action', time, source, action: a, result: 'withheld', detail: 'expectations not yet satisfied' })
      if (a.required === true) return
      continue
    }
    const out = write(e, a)
    created =
      a._tag === 'Create' && out.result === 'applied' && out.ref !== undefined
        ? { prefix: a.object.metadata.generateName ?? '', name: out.ref.name }
        : undefined
    record(e, {
      _tag: 'Action',
      time,
      source,
      action: a,
      result: out.result,
      ...(out.ref === undefined ? {} : { ref: out.ref }),
      ...(out.detail === undefined ? {} : { detail: out.detail }),
    })
    if (out.changed && expects && owner !== undefined && guarded(a, owner, view)) {
      e.expectations = e.expectations.set(key, { rv: e.rv, at: e.now })
    }
    if (out.result !== 'applied') {
      Queue.retry(e, controller, key)
      // The sync returns at a failed call the rest depends on: nothing after it is sent.
      if (a.required === true) return
    }
  }
}

/** Resumes the suspended syncs, oldest first, while the controllers' client has tokens. */
const resume = (e: Engine): void => {
  const waiting = e.suspended.splice(0)
  for (let i = 0; i < waiting.length; i++) {
    const rate = e.settings.controllerRate
    if (rate !== undefined && !Pacing.ready(rate, e.limiters.controllers, e.now)) {
      e.suspended.push(...waiting.slice(i))
      return
    }
    send(e, waiting[i] as Suspended)
  }
}

/** Whether the controllers' shared client may start a sync now (always, without pacing). */
const clientReady = (e: Engine): boolean => {
  const rate = e.settings.controllerRate
  return rate === undefined || (e.suspended.length === 0 && Pacing.ready(rate, e.limiters.controllers, e.now))
}

/**
 * The snapshot a stale round shows the controllers, or `undefined` for a fresh round. A round
 * whose stale view differs from the current one counts as busy, so the clock does not move and
 * no fixpoint is declared until the view catches up or the fault ends; when it ends, every key
 * is woken (the informer events the stale cache held back arrive).
 */
const staleSnapshot = (e: Engine): Snapshot | undefined => {
  if (e.stale.rounds <= 0) return undefined
  e.stale.rounds -= 1
  if (e.stale.rounds === 0) e.wakeAll = true
  const target = e.rounds - e.stale.lag
  let snapshot = e.history[0]
  for (const s of e.history) if (s.round <= target) snapshot = s
  if (snapshot !== undefined && snapshot.view !== e.view) e.changed = true
  return snapshot
}

/** A write that would change something: creates and deletes, updates whose object differs from the stored one. */
const writes = (a: Action, view: View): boolean => {
  if (a._tag === 'Create' || a._tag === 'Delete') return true
  if (a._tag !== 'Update' && a._tag !== 'UpdateStatus') return false
  const cur = lookupKey(view, Api.keyOfRef(ObjectRef.of(a.object)))
  return cur === undefined || !jsonEqual(cur, a.object)
}

/** Check mode: throws when a key the queue did not wake would have written. */
const checkUnwoken = (e: Engine, c: PerObjectController, view: View, woken: ReadonlySet<string>): void => {
  for (const o of ClusterView.list(view, c.kind)) {
    const key = keyOfObject(o)
    if (woken.has(key)) continue
    const memory = c.memory === undefined ? undefined : e.memory.has(c.name) ? e.memory.get(c.name) : c.memory.initial
    const missed = c.reconcile(o, view, new Date(e.now), memory).find((a) => writes(a, view))
    if (missed !== undefined) {
      throw new Error(`missed wake: controller ${c.name} would write for ${key}, which nothing woke: ${JSON.stringify(missed)}`)
    }
  }
}

/** Runs each controller over the keys its queue woke (every key in full-resync mode), committing after each pass. */
export const run = (e: Engine): void => {
  commit(e)
  resume(e)
  commit(e)
  const snapshot = staleSnapshot(e)
  const all = e.wakeAll || e.settings.queue === 'resync' || snapshot !== undefined
  if (snapshot === undefined) e.wakeAll = false
  for (const c of e.settings.controllers) {
    const view = snapshot?.view ?? e.view
    const viewRv = snapshot?.rv ?? e.rv
    const now = new Date(e.now)
    // While the shared client waits for a token, a controller's queue waits untouched.
    if (!all && !clientReady(e)) continue
    const woken = Queue.take(e, c.name)
    if (c._tag === 'ClusterWide') {
      if (all || woken.size > 0) {
        if (!clientReady(e)) {
          Queue.enqueue(e, c.name, c.name)
        } else {
          const memory = c.memory === undefined ? undefined : e.memory.has(c.name) ? e.memory.get(c.name) : c.memory.initial
          const actions = phase(e, 'reconcile', () => c.reconcile(view, now, all ? undefined : woken, memory))
          if (c.memory !== undefined) e.memory.set(c.name, c.memory.remember(memory, actions, now, undefined, view))
          phase(e, 'apiserver', () => handle(e, c, c.name, undefined, actions, view, viewRv))
          }
      }
    } else {
      const keys = all ? ClusterView.list(view, c.kind).map(keyOfObject) : Array.from(woken)
      // Keys of one kind sort as `byNamespaceName` orders their objects (the CLI's order too).
      keys.sort(compareStrings)
      for (let i = 0; i < keys.length; i++) {
        if (!clientReady(e)) {
          for (const k of keys.slice(i)) Queue.enqueue(e, c.name, k)
          break
        }
        const key = keys[i] as string
        const owner = lookupKey(view, key)
        if (owner === undefined || owner.kind !== c.kind) continue
        const memory = c.memory === undefined ? undefined : e.memory.has(c.name) ? e.memory.get(c.name) : c.memory.initial
        const actions = phase(e, 'reconcile', () => c.reconcile(owner, view, now, memory))
        if (c.memory !== undefined) e.memory.set(c.name, c.memory.remember(memory, actions, now, owner, view))
        phase(e, 'apiserver', () => handle(e, c, key, owner, actions, view, viewRv))
      }
      if (e.settings.checkWakes && !all) checkUnwoken(e, c, view, woken)
    }
    commit(e)
  }
}
