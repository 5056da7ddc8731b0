/**
 * Shared parts of every Kubernetes object: ObjectMeta, OwnerReference, LabelSelector,
 * conditions and int-or-string, as io-ts codecs with their derived types.
 *
 * The codecs check structure only; API-server validation and defaulting live in
 * `validate.ts` and `defaults.ts`. Unknown fields are kept (`t.type`/`t.partial` never strip).
 */
import * as t from 'io-ts'

// -------------------------------------------------------------------------------------
// primitives
// -------------------------------------------------------------------------------------

/** An integer or a string such as `"25%"` (Kubernetes `IntOrString`). */
export const IntOrString = t.union([t.number, t.string])
/** An integer or a string such as `"25%"` (Kubernetes `IntOrString`). */
export type IntOrString = t.TypeOf<typeof IntOrString>

/** An RFC 3339 timestamp string (`Date` inputs are normalised to this before decoding). */
export const Time = t.string
/** An RFC 3339 timestamp string. */
export type Time = t.TypeOf<typeof Time>

/** A string-to-string map (labels, annotations, nodeSelector). */
export const StringMap = t.readonly(t.record(t.string, t.string))
/** A string-to-string map (labels, annotations, nodeSelector). */
export type StringMap = t.TypeOf<typeof StringMap>

// -------------------------------------------------------------------------------------
// metadata
// -------------------------------------------------------------------------------------

/** A reference from a dependent to its owner (`metadata.ownerReferences[]`). */
export const OwnerReference = t.readonly(
  t.intersection([
    t.type({ apiVersion: t.string, kind: t.string, name: t.string, uid: t.string }),
    t.partial({ controller: t.boolean, blockOwnerDeletion: t.boolean }),
  ]),
)
/** A reference from a dependent to its owner (`metadata.ownerReferences[]`). */
export type OwnerReference = t.TypeOf<typeof OwnerReference>

/** Standard object metadata (`metadata`). */
export const ObjectMeta = t.readonly(
  t.partial({
    name: t.string,
    generateName: t.string,
    namespace: t.string,
    uid: t.string,
    resourceVersion: t.string,
    generation: t.number,
    creationTimestamp: Time,
    deletionTimestamp: Time,
    deletionGracePeriodSeconds: t.number,
    labels: StringMap,
    annotations: StringMap,
    ownerReferences: t.readonlyArray(OwnerReference),
    finalizers: t.readonlyArray(t.string),
  }),
)
/** Standard object metadata (`metadata`). */
export type ObjectMeta = t.TypeOf<typeof ObjectMeta>

// -------------------------------------------------------------------------------------
// selectors
// -------------------------------------------------------------------------------------

/** One set-based selector requirement (`In`, `NotIn`, `Exists`, `DoesNotExist`). */
export const LabelSelectorRequirement = t.readonly(
  t.intersection([
    t.type({ key: t.string, operator: t.string }),
    t.partial({ values: t.readonlyArray(t.string) }),
  ]),
)
/** One set-based selector requirement. */
export type LabelSelectorRequirement = t.TypeOf<typeof LabelSelectorRequirement>

/** A set-based label selector (`matchLabels` and `matchExpressions`, ANDed). */
export const LabelSelector = t.readonly(
  t.partial({
    matchLabels: StringMap,
    matchExpressions: t.readonlyArray(LabelSelectorRequirement),
  }),
)
/** A set-based label selector. */
export type LabelSelector = t.TypeOf<typeof LabelSelector>

// -------------------------------------------------------------------------------------
// conditions
// -------------------------------------------------------------------------------------

/** A status condition as the workload kinds use it (`lastUpdateTime` only on Deployments). */
export const Condition = t.readonly(
  t.intersection([
    t.type({ type: t.string, status: t.string }),
    t.partial({
      reason: t.string,
      message: t.string,
      lastTransitionTime: Time,
      lastUpdateTime: Time,
      lastProbeTime: Time,
      lastHeartbeatTime: Time,
    }),
  ]),
)
/** A status condition. */
export type Condition = t.TypeOf<typeof Condition>
