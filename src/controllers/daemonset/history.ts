/**
 * ControllerRevision history of a DaemonSet (upstream `constructHistory`, `snapshot`,
 * `dedupCurHistories`, `cleanupHistory`): the revision of the current template, created when
 * missing and renumbered to the newest; duplicates merged; old revisions beyond
 * `revisionHistoryLimit` deleted unless a pod still runs them. Revisions are compared by meaning
 * (`sameData`), so revisions read from a real cluster match.
 */
import type { ControllerRevision } from '../../api/node.js'
import type { Pod } from '../../api/pod.js'
import type { DaemonSet } from '../../api/workloads.js'
import * as A from '../../core/Action.js'
import type { Action } from '../../core/Action.js'
import * as ClusterView from '../../core/ClusterView.js'
import type { ClusterView as View } from '../../core/ClusterView.js'
import {
  controllerRevisionHashLabel,
  daemonSetHash,
  newRevision,
  revisionName,
  sameData,
  sortRevisions,
  templatePatch,
} from '../../core/history.js'
import * as ObjectRef from '../../core/ObjectRef.js'
import { byNamespaceName } from '../../core/order.js'
import { claim } from '../../core/ownership.js'
import type { Matcher } from '../../core/selector.js'

/** What `constructHistory` found: the current revision's hash and the old revisions, or a hash collision. */
export type HistoryOutcome =
  | {
      readonly _tag: 'Current'
      /** The hash every pod of the current template carries. */
      readonly hash: string
      /** The revisions of other templates. */
      readonly old: ReadonlyArray<ControllerRevision>
      /** Adopt/release, labelling, pod relabelling, create, delete and renumbering writes, in upstream's order. */
      readonly actions: ReadonlyArray<Action>
      /** Whether `actions` already hold the pod claims (deduplication claims the pods first, as upstream's). */
      readonly podClaimsEmitted: boolean
    }
  | {
      readonly _tag: 'Collision'
      /** Adopt/release and labelling writes, then the status write raising `collisionCount`. */
      readonly actions: ReadonlyArray<Action>
    }

/** The revisions the DaemonSet may claim: those it controls and the orphans of its namespace. */
const candidateRevisions = (ds: DaemonSet, view: View): ReadonlyArray<ControllerRevision> => {
  const ns = ds.metadata.namespace ?? ''
  const uid = ds.metadata.uid
  const owned = uid === undefined ? [] : ClusterView.controlledOf(view, uid, 'ControllerRevision').filter((r) => (r.metadata.namespace ?? '') === ns)
  return [...owned, ...ClusterView.orphans(view, 'ControllerRevision', ns)].sort(byNamespaceName)
}

const hashOf = (r: ControllerRevision): string => r.metadata.labels?.[controllerRevisionHashLabel] ?? ''

const withLabel = <T extends ControllerRevision | Pod>(o: T, value: string): T =>
  ({ ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, [controllerRevisionHashLabel]: value } } }) as T

/**
 * Upstream `constructHistory`: claims the revisions; labels any without a hash label with its own
 * name; splits them into current (same template) and old. No current revision: creates
 * `<name>-<hash>` numbered one past the old ones — unless a revision of that name with other
 * data exists, a hash collision, which raises `status.collisionCount` and ends the sync. Several
 * current revisions: keeps the highest, relabels every pod to its hash, deletes the others. The
 * kept revision is renumbered when an old one has a number as high. `pods` are the claimed pods,
 * `podClaims` the adopt/release writes that claimed them (emitted before any pod relabelling).
 */
export const constructHistory = (
  ds: DaemonSet,
  view: View,
  matches: Matcher,
  pods: ReadonlyArray<Pod>,
  podClaims: ReadonlyArray<Action>,
): HistoryOutcome => {
  const { claimed, actions: claims } = claim(ds, matches, candidateRevisions(ds, view))
  const actions: Array<Action> = [...claims]
  const patch = templatePatch(ds.spec.template)
  const current: Array<ControllerRevision> = []
  const old: Array<ControllerRevision> = []
  for (const r0 of sortRevisions(claimed)) {
    let r = r0
    if (r.metadata.labels?.[controllerRevisionHashLabel] === undefined) {
      r = withLabel(r, r.metadata.name ?? '')
      actions.push(A.update(r))
    }
    ;(sameData(r.data, patch) ? current : old).push(r)
  }
  const next = old.reduce((m, r) => Math.max(m, r.revision), 0) + 1
  if (current.length === 0) {
    const hash = daemonSetHash(ds.spec.template, ds.status?.collisionCount)
    const name = revisionName(ds.metadata.name ?? '', hash)
    const existing = ClusterView.lookup(view, 'ControllerRevision', ds.metadata.namespace, name)
    if (existing !== undefined && !sameData(existing.data, patch)) {
      const status = { ...ds.status, collisionCount: (ds.status?.collisionCount ?? 0) + 1 }
      return { _tag: 'Collision', actions: [...actions, A.updateStatus({ ...ds, status })] }
    }
    if (existing === undefined) actions.push(A.create(newRevision(ds, { name, revision: next, labels: { [controllerRevisionHashLabel]: hash } })))
    return { _tag: 'Current', hash: existing === undefined ? hash : hashOf(existing), old, actions, podClaimsEmitted: false }
  }
  let keep = current[0] as ControllerRevision
  for (const r of current) if (r.revision >= keep.revision) keep = r
  const hash = hashOf(keep)
  let podClaimsEmitted = false
  if (current.length > 1) {
    actions.push(...podClaims)
    podClaimsEmitted = true
    for (const p of pods) if (p.metadata.labels?.[controllerRevisionHashLabel] !== hash) actions.push(A.update(withLabel(p, hash)))
    for (const r of current) if (r !== keep) actions.push(A.del(ObjectRef.of(r)))
  }
  if (keep.revision < next) {
    const renumbered = { ...keep, revision: next }
    const i = actions.findIndex((a) => a._tag === 'Update' && a.object === keep)
    if (i >= 0) actions[i] = A.update(renumbered)
    else actions.push(A.update(renumbered))
  }
  return { _tag: 'Current', hash, old, actions, podClaimsEmitted }
}

/**
 * Upstream `cleanupHistory`: when there are more old revisions than `revisionHistoryLimit`,
 * deletes the excess, lowest numbers first, skipping any whose hash a pod still carries
 * (`pods` includes terminal pods being deleted).
 */
export const cleanupHistory = (ds: DaemonSet, old: ReadonlyArray<ControllerRevision>, pods: ReadonlyArray<Pod>): ReadonlyArray<Action> => {
  let toKill = old.length - (ds.spec.revisionHistoryLimit ?? 10)
  if (toKill <= 0) return []
  const live = new Set<string>()
  for (const p of pods) {
    const h = p.metadata.labels?.[controllerRevisionHashLabel] ?? ''
    if (h !== '') live.add(h)
  }
  const out: Array<Action> = []
  for (const r of sortRevisions(old)) {
    if (toKill <= 0) break
    if (live.has(hashOf(r))) continue
    out.push(A.del(ObjectRef.of(r)))
    toKill--
  }
  return out
}
