/**
 * ObjectRef: how actions and traces name an object.
 */
import type { KubeObject } from '../api/object.js'

/** A reference to one object: `{ apiVersion, kind, namespace?, name, uid? }`. */
export interface ObjectRef {
  readonly apiVersion: string
  readonly kind: string
  readonly namespace?: string
  readonly name: string
  readonly uid?: string
}

/** The reference to `obj` (with its uid when it has one). */
export const of = (obj: KubeObject): ObjectRef => {
  const m = obj.metadata
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    ...(m.namespace === undefined ? {} : { namespace: m.namespace }),
    name: m.name ?? '',
    ...(m.uid === undefined ? {} : { uid: m.uid }),
  }
}

/** The index key of an object: `kind/namespace/name` (namespace empty for cluster-scoped kinds). */
export const keyOf = (kind: string, namespace: string | undefined, name: string): string =>
  `${kind}/${namespace ?? ''}/${name}`

/** The kind, namespace (`undefined` when empty) and name of an index key. */
export const parseKey = (key: string): readonly [kind: string, namespace: string | undefined, name: string] => {
  const i = key.indexOf('/')
  const j = key.indexOf('/', i + 1)
  const ns = key.slice(i + 1, j)
  return [key.slice(0, i), ns === '' ? undefined : ns, key.slice(j + 1)]
}

/** The index key of a reference. */
export const key = (ref: ObjectRef): string => keyOf(ref.kind, ref.namespace, ref.name)

/** `Kind namespace/name`, for messages and timelines. */
export const show = (ref: ObjectRef): string =>
  `${ref.kind} ${ref.namespace === undefined ? '' : `${ref.namespace}/`}${ref.name}`
