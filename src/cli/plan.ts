/**
 * `kube-reconcile plan`: what every controller would do now for a snapshot of a cluster.
 */
import type { KubeObject } from '../api/object.js'
import type { Action } from '../core/Action.js'
import * as CV from '../core/ClusterView.js'
import { show, of } from '../core/ObjectRef.js'
import { byNamespaceName } from '../core/order.js'
import { controllersWith } from '../controllers/registry.js'
import type { FeatureGates } from '../core/featureGates.js'
import { actionSummary } from '../sim/timeline.js'
import { count } from './notes.js'

/** One controller object (or cluster-wide controller) and the actions its controller would take now. */
export interface PlanEntry {
  /** The object synced; absent for a cluster-wide controller's sync. */
  readonly object?: KubeObject
  /** The controller's name. */
  readonly controller: string
  readonly actions: ReadonlyArray<Action>
}

/** Syncs (under `featureGates`) every object each per-object controller owns (registry order, then namespace/name) and each cluster-wide controller once. */
export const plan = (objects: ReadonlyArray<KubeObject>, now: Date, featureGates: FeatureGates = {}): ReadonlyArray<PlanEntry> => {
  const view = CV.fromObjects(objects)
  return controllersWith(featureGates).flatMap((c): ReadonlyArray<PlanEntry> =>
    c._tag === 'ClusterWide'
      ? [{ controller: c.name, actions: c.reconcile(view, now, undefined, c.memory?.initial) }]
      : CV.list(view, c.kind)
          .slice()
          .sort(byNamespaceName)
          .map((object) => ({ object, controller: c.name, actions: c.reconcile(object, view, now, c.memory?.initial) })),
  )
}

const heading = (e: PlanEntry): string => (e.object === undefined ? e.controller : show(of(e.object)))

/** The plan as text: one block per sync, one line per action. */
export const planTable = (entries: ReadonlyArray<PlanEntry>, now: Date): string => {
  const objects = entries.filter((e) => e.object !== undefined).length
  const lines = [`Plan at ${now.toISOString()}: ${count(objects, 'object')} to reconcile, ${count(entries.length - objects, 'cluster-wide controller')}`]
  for (const e of entries) {
    lines.push('', `${heading(e)}: ${e.actions.length === 0 ? 'nothing to do' : count(e.actions.length, 'action')}`)
    for (const a of e.actions) lines.push(`  ${actionSummary(a)}`)
  }
  return lines.join('\n')
}

/** The plan as data, for `-o json|yaml`. */
export const planData = (entries: ReadonlyArray<PlanEntry>, now: Date): unknown => ({
  now: now.toISOString(),
  plan: entries.map((e) => ({ ...(e.object === undefined ? { controller: e.controller } : { target: of(e.object) }), actions: e.actions })),
})
