/**
 * Actions: the plain, serialisable data every controller returns (design.md §2, "Actions").
 */
import type { KubeObject } from '../api/object.js'
import type { ObjectRef } from './ObjectRef.js'

/**
 * What a write may add: `required` says the rest of the sync depends on it, as an upstream sync
 * returns at a failed call: when it is not applied (a conflict, a rejection, a dropped or
 * withheld write), the writes, events and requeues planned after it are not sent.
 */
export interface WriteOptions {
  readonly required?: boolean
}

/** Create `object`; `metadata.generateName` asks the API server to pick the name. */
export interface Create extends WriteOptions {
  readonly _tag: 'Create'
  readonly object: KubeObject
}

/** Replace spec and metadata of `object`; `metadata.resourceVersion` is the precondition. */
export interface Update extends WriteOptions {
  readonly _tag: 'Update'
  readonly object: KubeObject
}

/** Replace the status subresource of `object`. */
export interface UpdateStatus extends WriteOptions {
  readonly _tag: 'UpdateStatus'
  readonly object: KubeObject
}

/** Delete preconditions: the delete fails with a conflict when either no longer holds. */
export interface Preconditions {
  readonly uid?: string
  readonly resourceVersion?: string
}

/** How dependents are treated when their owner is deleted. */
export type { PropagationPolicy } from '../api/strategy.js'
import type { PropagationPolicy } from '../api/strategy.js'

/** Delete `target`. */
export interface Delete extends WriteOptions {
  readonly _tag: 'Delete'
  readonly target: ObjectRef
  readonly propagationPolicy?: PropagationPolicy
  readonly preconditions?: Preconditions
  /** The grace period (seconds) instead of the object's own; 0 is a forced deletion (pod GC). */
  readonly gracePeriodSeconds?: number
}

/** Call this controller again for `target` after `seconds`. */
export interface RequeueAfter {
  readonly _tag: 'RequeueAfter'
  readonly target: ObjectRef
  readonly seconds: number
}

/** The Kubernetes Event upstream would record. */
export interface Event {
  readonly _tag: 'Event'
  readonly target: ObjectRef
  readonly type: 'Normal' | 'Warning'
  readonly reason: string
  readonly message: string
}

/** Everything a controller can ask for. */
export type Action = Create | Update | UpdateStatus | Delete | RequeueAfter | Event

// -------------------------------------------------------------------------------------
// constructors
// -------------------------------------------------------------------------------------

/** A `Create` action. */
export const create = (object: KubeObject): Action => ({ _tag: 'Create', object })
/** An `Update` action. */
export const update = (object: KubeObject): Action => ({ _tag: 'Update', object })
/** An `UpdateStatus` action. */
export const updateStatus = (object: KubeObject): Action => ({ _tag: 'UpdateStatus', object })
/** A `Delete` action, with optional propagation policy and preconditions. */
export const del = (
  target: ObjectRef,
  options: {
    readonly propagationPolicy?: PropagationPolicy
    readonly preconditions?: Preconditions
    readonly gracePeriodSeconds?: number
  } = {},
): Action => ({ _tag: 'Delete', target, ...options })
/** `action` marked `required`: if it is not applied, nothing planned after it in the sync is sent. */
export const required = <A extends Create | Update | UpdateStatus | Delete>(action: A): A => ({ ...action, required: true })
/** A `RequeueAfter` action. */
export const requeueAfter = (target: ObjectRef, seconds: number): Action => ({ _tag: 'RequeueAfter', target, seconds })
/** An `Event` action. */
export const event = (
  target: ObjectRef,
  type: 'Normal' | 'Warning',
  reason: string,
  message: string,
): Action => ({ _tag: 'Event', target, type, reason, message })

// -------------------------------------------------------------------------------------
// guards
// -------------------------------------------------------------------------------------

/** True for actions that write to the API server (everything but `RequeueAfter` and `Event`). */
export const isWrite = (a: Action): a is Create | Update | UpdateStatus | Delete =>
  a._tag === 'Create' || a._tag === 'Update' || a._tag === 'UpdateStatus' || a._tag === 'Delete'
