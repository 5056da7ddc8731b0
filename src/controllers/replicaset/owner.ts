/**
 * The one engine behind ReplicaSets and ReplicationControllers: what it needs to know about
 * either kind (upstream converts an RC to an RS on the way in, spec/replicaset-deployment.md §2.7).
 */
import type { LabelSelector } from '../../api/meta.js'
import type { PodTemplateSpec } from '../../api/pod.js'
import type { ReplicaSet, ReplicationController } from '../../api/workloads.js'
import * as Selector from '../../core/selector.js'
import type { Matcher } from '../../core/selector.js'

/** A ReplicaSet or a ReplicationController: the objects this engine reconciles. */
export type ReplicaOwner = ReplicaSet | ReplicationController

/** The owner as the engine sees it, after defaults. */
export interface OwnerSpec {
  readonly object: ReplicaOwner
  /** `undefined` when the selector is invalid: upstream then skips the sync altogether. */
  readonly matches: Matcher | undefined
  readonly replicas: number
  readonly minReadySeconds: number
  readonly template: PodTemplateSpec | undefined
  /** Whether the status carries `terminatingReplicas` (ReplicaSet yes, ReplicationController no). */
  readonly terminatingReplicas: boolean
}

const operators: ReadonlySet<string> = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist'])

/**
 * True when upstream's `LabelSelectorAsSelector` accepts the selector: known operators, values
 * for `In`/`NotIn` and none for `Exists`/`DoesNotExist`.
 */
export const isValidSelector = (sel: LabelSelector | undefined): boolean =>
  (sel?.matchExpressions ?? []).every((e) => {
    if (!operators.has(e.operator)) return false
    const n = e.values?.length ?? 0
    return e.operator === 'In' || e.operator === 'NotIn' ? n > 0 : n === 0
  })

/** The engine's view of a ReplicaSet: set-based selector, `terminatingReplicas` reported. */
export const ofReplicaSet = (rs: ReplicaSet): OwnerSpec => ({
  object: rs,
  matches: isValidSelector(rs.spec.selector) ? Selector.fromLabelSelector(rs.spec.selector) : undefined,
  replicas: rs.spec.replicas ?? 1,
  minReadySeconds: rs.spec.minReadySeconds ?? 0,
  template: rs.spec.template,
  terminatingReplicas: true,
})

/**
 * The engine's view of a ReplicationController: equality selector; an empty one selects nothing
 * and is treated as invalid (the API server rejects it, defaulting fills it from the template).
 */
export const ofReplicationController = (rc: ReplicationController): OwnerSpec => ({
  object: rc,
  matches: Object.keys(rc.spec.selector ?? {}).length === 0 ? undefined : Selector.fromEqualityMap(rc.spec.selector),
  replicas: rc.spec.replicas ?? 1,
  minReadySeconds: rc.spec.minReadySeconds ?? 0,
  template: rc.spec.template,
  terminatingReplicas: false,
})

/** The engine's view of either kind. */
export const ownerSpec = (o: ReplicaOwner): OwnerSpec =>
  o.kind === 'ReplicaSet' ? ofReplicaSet(o) : ofReplicationController(o)
