/**
 * The controller phase of a round: every registered controller reconciles every object of its
 * kind (registry kind order, then namespace/name), and its actions go to the API server in
 * order, each against the state the previous one produced.
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
import * as Api from './apiserver.js'
import type { Outcome } from './apiserver.js'
import type { Engine } from './engine.js'
import { keyOfObject, lookupKey, record, traceTime } from './engine.js'
import type { Snapshot } from './runtime.js'
import { commit } from './store.js'

/** upstream `ExpectationsTimeout`: unsatisfied expectations are ignored after 5 minutes. */
export const expectationsTimeoutMs = 300_000

const byNamespaceName = (a: KubeObject, b: KubeObject): number => {
  const ka = `${a.metadata.namespace ?? ''}/${a.metadata.name ?? ''}`
  const kb = `${b.metadata.namespace ?? ''}/${b.metadata.name ?? ''}`
  return ka < kb ? -1 : ka > kb ? 1 : 0
}

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

const send = (e: Engine, a: A.Create | A.Update | A.UpdateStatus | A.Delete): Outcome => {
  switch (a._tag) {
    case 'Create':
      return Api.create(e, a.object)
    case 'Update':
      return Api.update(e, a.object)
    case 'UpdateStatus':
      return Api.updateStatus(e, a.object)
    case 'Delete':
      return Api.remove(e, a.target, a.propagationPolicy, a.preconditions)
  }
}

/** Handles the actions of one sync of `owner`, which saw `view` (reflecting resourceVersion `viewRv`). */
const handle = (e: Engine, owner: KubeObject, actions: ReadonlyArray<Action>, view: View, viewRv: number): void => {
  if (actions.length === 0) return
  const source = ObjectRef.show(ObjectRef.of(owner))
  const ownerKey = keyOfObject(owner)
  const expects = e.settings.expectationKinds.includes(owner.kind)
  const pending = expects ? e.expectations.get(ownerKey) : undefined
  let held = false
  if (pending !== undefined) {
    if (pending.rv <= viewRv || e.now - pending.at >= expectationsTimeoutMs) e.expectations = e.expectations.remove(ownerKey)
    else held = true
  }
  const time = traceTime(e)
  for (const a of actions) {
    if (a._tag === 'RequeueAfter') {
      const due = e.now + (Number.isFinite(a.seconds) ? Math.max(0, a.seconds) : 0) * 1000
      const k = ObjectRef.key(a.target)
      const old = e.requeues.get(k)
      if (old !== undefined && old <= due) continue
      e.requeues = e.requeues.set(k, due)
      record(e, { _tag: 'Action', time, source, action: a, result: 'applied' })
      continue
    }
    if (a._tag === 'Event') {
      record(e, { _tag: 'Action', time, source, action: a, result: 'applied' })
      continue
    }
    if (e.drops > 0) {
      e.drops -= 1
      e.changed = true
      record(e, { _tag: 'Action', time, source, action: a, result: 'dropped' })
      continue
    }
    if (held && guarded(a, owner, view)) {
      record(e, { _tag: 'Action', time, source, action: a, result: 'withheld', detail: 'expectations not yet satisfied' })
      continue
    }
    const out = send(e, a)
    record(e, {
      _tag: 'Action',
      time,
      source,
      action: a,
      result: out.result,
      ...(out.ref === undefined ? {} : { ref: out.ref }),
      ...(out.detail === undefined ? {} : { detail: out.detail }),
    })
    if (out.changed && expects && guarded(a, owner, view)) {
      e.expectations = e.expectations.set(ownerKey, { rv: e.rv, at: e.now })
    }
  }
}

/**
 * The snapshot a stale round shows the controllers, or `undefined` for a fresh round. A round
 * whose stale view differs from the current one counts as busy, so the clock does not move and
 * no fixpoint is declared until the view catches up or the fault ends.
 */
const staleSnapshot = (e: Engine): Snapshot | undefined => {
  if (e.stale.rounds <= 0) return undefined
  e.stale.rounds -= 1
  const snapshot = e.history[Math.max(0, e.history.length - 1 - e.stale.lag)]
  if (snapshot !== undefined && snapshot.view !== e.view) e.changed = true
  return snapshot
}

/** Runs every controller over every object of its kind, committing after each kind's pass. */
export const run = (e: Engine): void => {
  commit(e)
  const snapshot = staleSnapshot(e)
  for (const [kind, reconcile] of e.settings.controllers) {
    const objects = [...ClusterView.list(snapshot?.view ?? e.view, kind)].sort(byNamespaceName)
    for (const listed of objects) {
      const view = snapshot?.view ?? e.view
      const owner = snapshot === undefined ? lookupKey(view, keyOfObject(listed)) : listed
      if (owner === undefined) continue
      const actions = reconcile(owner as never, view, new Date(e.now))
      handle(e, owner, actions, view, snapshot?.rv ?? e.rv)
    }
    commit(e)
  }
}
