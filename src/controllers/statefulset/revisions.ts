/**
 * ControllerRevisions of a StatefulSet (spec §A.5): which revisions it owns (adopting matching
 * orphans), the current and update revisions with upstream's hash, naming, `collisionCount` and
 * rollback renumbering, and history truncation to `revisionHistoryLimit`.
 */
import type { ControllerRevision } from '../../api/node.js'
import type { Pod, PodTemplateSpec } from '../../api/pod.js'
import type { StatefulSet } from '../../api/workloads.js'
import * as ClusterView from '../../core/ClusterView.js'
import {
  controllerRevisionHashLabel,
  equalRevision,
  newRevision,
  nextRevision,
  revisionHashLabel,
  revisionName,
  sameData,
  sortRevisions,
  statefulSetHash,
  templateOf,
  templatePatch,
} from '../../core/history.js'
import { adopt } from '../../core/ownership.js'
import type { Matcher } from '../../core/selector.js'
import * as S from './sync.js'
import type { Sync } from './sync.js'

/** The revision a pod was created from: its `controller-revision-hash` label (a revision name), `''` when absent. */
export const revisionOfPod = (pod: Pod): string => pod.metadata.labels?.[controllerRevisionHashLabel] ?? ''

/** The pod labelled as created from `revision`. */
export const withRevision = (pod: Pod, revision: string): Pod => ({
  ...pod,
  metadata: { ...pod.metadata, labels: { ...pod.metadata.labels, [controllerRevisionHashLabel]: revision } },
})

/**
 * Upstream `ListRevisions` + `adoptOrphanRevisions`: the revisions in the set's namespace that it
 * controls or that are orphans, whose labels its selector matches, sorted; orphans come back
 * adopted, and their adoptions are planned. `undefined` when orphans exist but the set is being
 * deleted (upstream's adoption check fails and the sync ends with an error).
 */
export const claimRevisions = (s: Sync, matches: Matcher): ReadonlyArray<ControllerRevision> | undefined => {
  const set = s.set
  const ns = set.metadata.namespace ?? ''
  const uid = set.metadata.uid
  const owned = uid === undefined ? [] : ClusterView.controlledOf(s.view, uid, 'ControllerRevision')
  const out: Array<ControllerRevision> = owned.filter((r) => (r.metadata.namespace ?? '') === ns && matches(r.metadata.labels))
  const orphans = ClusterView.orphans(s.view, 'ControllerRevision', ns).filter((r) => matches(r.metadata.labels))
  if (orphans.length > 0 && set.metadata.deletionTimestamp !== undefined) return undefined
  for (const r of sortRevisions(orphans)) {
    const adopted = adopt(r, set)
    S.update(s, adopted)
    out.push(adopted)
  }
  return sortRevisions(out)
}

/** What revision selection decided. */
export interface Revisions {
  readonly current: ControllerRevision
  readonly update: ControllerRevision
  readonly collisionCount: number
}

/** Hashes already computed, by template object and collision count (objects are never mutated). */
const hashes = new WeakMap<PodTemplateSpec, Map<number, string>>()

const hashOf = (template: PodTemplateSpec, collisionCount: number): string => {
  let byCount = hashes.get(template)
  if (byCount === undefined) {
    byCount = new Map()
    hashes.set(template, byCount)
  }
  let hash = byCount.get(collisionCount)
  if (hash === undefined) {
    hash = statefulSetHash(templatePatch(template), collisionCount)
    byCount.set(collisionCount, hash)
  }
  return hash
}

/** The revision upstream would build for the set's template with `collisionCount`: hash, name, hash label. */
export const candidateRevision = (set: StatefulSet, revision: number, collisionCount: number): ControllerRevision => {
  const hash = hashOf(set.spec.template, collisionCount)
  return newRevision(set, { name: revisionName(set.metadata.name ?? '', hash), revision, labels: { [revisionHashLabel]: hash } })
}

/** `equalRevision` of a revision and a candidate, remembered per revision object, template object and candidate name. */
const equalities = new WeakMap<ControllerRevision, WeakMap<PodTemplateSpec, Map<string, boolean>>>()

/**
 * `equalRevision(r, candidate)` for the candidate built from `template`, remembered: the data
 * comparison (by meaning) is the costly part, and the revision and template objects outlive many
 * syncs (the candidate's name carries its hash label, the other input besides the template).
 */
const equalsCandidate = (r: ControllerRevision, candidate: ControllerRevision, template: PodTemplateSpec): boolean => {
  let byTemplate = equalities.get(r)
  if (byTemplate === undefined) {
    byTemplate = new WeakMap()
    equalities.set(r, byTemplate)
  }
  let byName = byTemplate.get(template)
  if (byName === undefined) {
    byName = new Map()
    byTemplate.set(template, byName)
  }
  const name = candidate.metadata.name ?? ''
  let equal = byName.get(name)
  if (equal === undefined) {
    equal = equalRevision(r, candidate)
    byName.set(name, equal)
  }
  return equal
}

/**
 * Upstream `getStatefulSetRevisions` over the sorted owned revisions: the update revision is the
 * newest when it equals the set's template; else the newest equal older one, renumbered to be the
 * newest (a rollback: an Update of `revision` only); else a new revision (Create), its name
 * re-hashed with `collisionCount + 1` while a revision of that name with other data exists in the
 * namespace (one with the same data is taken as it is). The current revision is the one named by
 * `status.currentRevision`, else the update revision.
 */
export const selectRevisions = (s: Sync, revisions: ReadonlyArray<ControllerRevision>): Revisions => {
  const set = s.set
  let collisionCount = set.status?.collisionCount ?? 0
  const next = nextRevision(revisions)
  let candidate = candidateRevision(set, next, collisionCount)
  const template = set.spec.template
  const equal = revisions.filter((r) => equalsCandidate(r, candidate, template))
  const last = revisions[revisions.length - 1]
  const newestEqual = equal[equal.length - 1]
  let update: ControllerRevision
  if (newestEqual !== undefined && last !== undefined && (last === newestEqual || equalRevision(last, newestEqual))) {
    update = last
  } else if (newestEqual !== undefined) {
    update = { ...newestEqual, revision: next }
    S.update(s, update)
  } else {
    for (;;) {
      const clash = ClusterView.lookup(s.view, 'ControllerRevision', set.metadata.namespace, candidate.metadata.name ?? '')
      if (clash === undefined) {
        S.create(s, candidate)
        update = candidate
        break
      }
      if (sameData(clash.data, candidate.data)) {
        update = clash
        break
      }
      collisionCount++
      candidate = candidateRevision(set, next, collisionCount)
    }
  }
  const current = revisions.find((r) => r.metadata.name === set.status?.currentRevision) ?? update
  return { current, update, collisionCount }
}

/** The set with the pod template a revision stores (upstream `ApplyRevision`); `undefined` when it stores none. */
export const applyRevision = (set: StatefulSet, revision: ControllerRevision): StatefulSet | undefined => {
  const template: PodTemplateSpec | undefined = templateOf(revision)
  return template === undefined ? undefined : { ...set, spec: { ...set.spec, template } }
}

/**
 * Upstream `truncateHistory`: the revisions that are not live (current, update, or the revision
 * of one of `pods`) beyond `revisionHistoryLimit`, oldest first, from the revisions listed at the
 * start of the sync.
 */
export const revisionsToTruncate = (
  set: StatefulSet,
  revisions: ReadonlyArray<ControllerRevision>,
  pods: ReadonlyArray<Pod>,
  live: Revisions | undefined,
): ReadonlyArray<ControllerRevision> => {
  const names = new Set<string>(pods.map(revisionOfPod))
  if (live !== undefined) names.add(live.current.metadata.name ?? '').add(live.update.metadata.name ?? '')
  const history = revisions.filter((r) => !names.has(r.metadata.name ?? ''))
  const limit = set.spec.revisionHistoryLimit ?? 10
  return history.length <= limit ? [] : history.slice(0, history.length - limit)
}
