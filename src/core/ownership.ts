/**
 * Ownership: controller references and claiming (adopt / release), as upstream's
 * ControllerRefManager does it (spec/replicaset-deployment.md §1.5).
 */
import type { OwnerReference } from '../api/meta.js'
import type { KubeObject } from '../api/object.js'
import * as A from './Action.js'
import type { Action } from './Action.js'
import type { Matcher } from './selector.js'

/** The owner reference with `controller: true`, if any. */
export const controllerRef = (obj: KubeObject): OwnerReference | undefined =>
  obj.metadata.ownerReferences?.find((r) => r.controller === true)

/** True when `obj`'s controller reference points at `ownerUid`. */
export const isControlledBy = (obj: KubeObject, ownerUid: string | undefined): boolean =>
  ownerUid !== undefined && controllerRef(obj)?.uid === ownerUid

/** A controller reference to `owner` (`controller: true`, `blockOwnerDeletion: true`). */
export const newControllerRef = (owner: KubeObject): OwnerReference => ({
  apiVersion: owner.apiVersion,
  kind: owner.kind,
  name: owner.metadata.name ?? '',
  uid: owner.metadata.uid ?? '',
  controller: true,
  blockOwnerDeletion: true,
})

/** What claiming decided: the objects the owner now controls, and the adopt/release updates. */
export interface ClaimResult<T extends KubeObject> {
  readonly claimed: ReadonlyArray<T>
  readonly actions: ReadonlyArray<Action>
}

const withOwnerRefs = <T extends KubeObject>(obj: T, refs: ReadonlyArray<OwnerReference>): T => {
  const { ownerReferences: _drop, ...rest } = obj.metadata
  return { ...obj, metadata: refs.length === 0 ? rest : { ...rest, ownerReferences: refs } } as T
}

/** `obj` with a controller reference to `owner` added (adoption). */
export const adopt = <T extends KubeObject>(obj: T, owner: KubeObject): T =>
  withOwnerRefs(obj, [...(obj.metadata.ownerReferences ?? []), newControllerRef(owner)])

/** `obj` without its owner references to `ownerUid` (release). */
export const release = <T extends KubeObject>(obj: T, ownerUid: string): T =>
  withOwnerRefs(obj, (obj.metadata.ownerReferences ?? []).filter((r) => r.uid !== ownerUid))

/**
 * Claims `candidates` for `owner`: keeps what it controls and still selects, releases what it
 * controls but no longer selects, adopts selected orphans (not while the owner or the orphan is
 * being deleted, and only in the owner's namespace), and ignores what another controller owns.
 * Adopt and release are `Update`s carrying the object's resourceVersion as precondition.
 */
export const claim = <T extends KubeObject>(
  owner: KubeObject,
  matches: Matcher,
  candidates: Iterable<T>,
): ClaimResult<T> => {
  const uid = owner.metadata.uid
  const ownerDeleting = owner.metadata.deletionTimestamp !== undefined
  const claimed: Array<T> = []
  const actions: Array<Action> = []
  for (const obj of candidates) {
    const ref = controllerRef(obj)
    const selected = matches(obj.metadata.labels)
    if (ref !== undefined) {
      if (ref.uid !== uid) continue
      if (selected) claimed.push(obj)
      else if (!ownerDeleting && uid !== undefined) actions.push(A.update(release(obj, uid)))
      continue
    }
    if (
      ownerDeleting ||
      !selected ||
      obj.metadata.deletionTimestamp !== undefined ||
      (obj.metadata.namespace ?? '') !== (owner.metadata.namespace ?? '')
    ) {
      continue
    }
    const adopted = adopt(obj, owner)
    actions.push(A.update(adopted))
    claimed.push(adopted)
  }
  return { claimed, actions }
}
