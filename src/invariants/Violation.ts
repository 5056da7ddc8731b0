/**
 * The shape every invariant shares: a check returns the violations it found (none = holds).
 *
 * Naming scheme: each invariant has an id `<CONTROLLER>-<n>` (`RS-1`, `DEP-3`, …), is exported
 * from its controller's namespace under a camelCase name that says what it checks
 * (`Invariants.ReplicaSet.rs1OwnedPodsMatchReplicas`), is listed in `Invariants.catalogue`, and
 * in the controller's guide page next to the test that checks it.
 */
import type { ObjectRef } from '../core/ObjectRef.js'

/** One way an invariant failed, naming the object it concerns when there is one. */
export interface Violation {
  readonly id: string
  readonly message: string
  readonly target?: ObjectRef
}

/** A violation of invariant `id`. */
export const violation = (id: string, message: string, target?: ObjectRef): Violation =>
  target === undefined ? { id, message } : { id, message, target }

/** Renders violations one per line, for assertion messages. */
export const format = (vs: ReadonlyArray<Violation>): string =>
  vs.map((v) => `${v.id}: ${v.message}`).join('\n')
