/**
 * Node, PersistentVolumeClaim and ControllerRevision: the non-workload kinds the controllers read.
 */
import * as t from 'io-ts'
import { Condition, ObjectMeta, StringMap } from './meta.js'

/** A node taint (`spec.taints[]`). */
export const Taint = t.readonly(
  t.intersection([
    t.type({ key: t.string, effect: t.string }),
    t.partial({ value: t.string, timeAdded: t.string }),
  ]),
)
/** A node taint. */
export type Taint = t.TypeOf<typeof Taint>

/** A Node (`v1`). `status.allocatable.pods` bounds how many pods the scheduler binds to it. */
export const Node = t.readonly(
  t.intersection([
    t.type({ apiVersion: t.literal('v1'), kind: t.literal('Node'), metadata: ObjectMeta }),
    t.partial({
      spec: t.readonly(
        t.partial({
          unschedulable: t.boolean,
          taints: t.readonlyArray(Taint),
          podCIDR: t.string,
          providerID: t.string,
        }),
      ),
      status: t.readonly(
        t.partial({
          conditions: t.readonlyArray(Condition),
          capacity: StringMap,
          allocatable: StringMap,
        }),
      ),
    }),
  ]),
)
/** A Node (`v1`). */
export type Node = t.TypeOf<typeof Node>

/** A PersistentVolumeClaim (`v1`). */
export const PersistentVolumeClaim = t.readonly(
  t.intersection([
    t.type({
      apiVersion: t.literal('v1'),
      kind: t.literal('PersistentVolumeClaim'),
      metadata: ObjectMeta,
    }),
    t.partial({
      spec: t.readonly(
        t.partial({
          accessModes: t.readonlyArray(t.string),
          resources: t.unknown,
          storageClassName: t.string,
          volumeName: t.string,
          volumeMode: t.string,
          selector: t.unknown,
        }),
      ),
      status: t.readonly(t.partial({ phase: t.string, accessModes: t.readonlyArray(t.string), capacity: StringMap })),
    }),
  ]),
)
/** A PersistentVolumeClaim (`v1`). */
export type PersistentVolumeClaim = t.TypeOf<typeof PersistentVolumeClaim>

/** A ControllerRevision (`apps/v1`): an immutable snapshot of a workload template. */
export const ControllerRevision = t.readonly(
  t.intersection([
    t.type({
      apiVersion: t.literal('apps/v1'),
      kind: t.literal('ControllerRevision'),
      metadata: ObjectMeta,
      revision: t.number,
    }),
    t.partial({ data: t.unknown }),
  ]),
)
/** A ControllerRevision (`apps/v1`). */
export type ControllerRevision = t.TypeOf<typeof ControllerRevision>
