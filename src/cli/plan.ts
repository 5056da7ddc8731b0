/**
 * `kube-reconcile plan`: what every controller would do now for a snapshot of a cluster.
 */
import type { KubeObject } from '../api/object.js'
import type { Action } from '../core/Action.js'
import * as CV from '../core/ClusterView.js'
import { show, of } from '../core/ObjectRef.js'
import { controllers, reconcile } from '../controllers/registry.js'
import { actionSummary } from '../sim/timeline.js'

/** One controller object and the actions its controller would take now. */
export interface PlanEntry {
  readonly object: KubeObject
  readonly actions: ReadonlyArray<Action>
}

const byName = (a: KubeObject, b: KubeObject): number =>
  (a.metadata.namespace ?? '').localeCompare(b.metadata.namespace ?? '') || (a.metadata.name ?? '').localeCompare(b.metadata.name ?? '')

/** Reconciles every object a controller owns, in kind then namespace/name order. */
export const plan = (objects: ReadonlyArray<KubeObject>, now: Date): ReadonlyArray<PlanEntry> => {
  const view = CV.fromObjects(objects)
  return Object.keys(controllers).flatMap((kind) =>
    CV.list(view, kind)
      .slice()
      .sort(byName)
      .map((object) => ({ object, actions: reconcile(object, view, now) })),
  )
}

/** The plan as text: one block per controller object, one line per action. */
export const planTable = (entries: ReadonlyArray<PlanEntry>, now: Date): string => {
  const lines = [`Plan at ${now.toISOString()} (${entries.length} controller objects)`]
  for (const e of entries) {
    lines.push('', `${show(of(e.object))}: ${e.actions.length === 0 ? 'nothing to do' : `${e.actions.length} actions`}`)
    for (const a of e.actions) lines.push(`  ${actionSummary(a)}`)
  }
  return lines.join('\n')
}

/** The plan as data, for `-o json|yaml`. */
export const planData = (entries: ReadonlyArray<PlanEntry>, now: Date): unknown => ({
  now: now.toISOString(),
  plan: entries.map((e) => ({ target: of(e.object), actions: e.actions })),
})
