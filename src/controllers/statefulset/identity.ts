/**
 * Pod identity (spec §A.3): names `<set>-<ordinal>`, the ordinal range from `spec.ordinals.start`,
 * the identity labels, hostname and subdomain, and the identity "matches" check that decides
 * whether an existing pod is repaired in place.
 */
import type { Pod } from '../../api/pod.js'
import type { StatefulSet } from '../../api/workloads.js'

/** The label carrying a StatefulSet pod's name. */
export const podNameLabel = 'statefulset.kubernetes.io/pod-name'

/** The label carrying a StatefulSet pod's ordinal (PodIndexLabel, GA). */
export const podIndexLabel = 'apps.kubernetes.io/pod-index'

/** A pod name split as upstream's `getParentNameAndOrdinal` splits it. */
export interface ParsedName {
  /** The set's name, `''` when the name has no ordinal. */
  readonly parent: string
  /** The ordinal, `-1` when the name has none (or it does not fit an int32). */
  readonly ordinal: number
}

const ordinalPattern = /^(.*)-([0-9]+)$/
const maxInt32 = 2147483647
const noOrdinal: ParsedName = { parent: '', ordinal: -1 }

/** Splits `name` at its last `-<digits>` (greedy prefix): `web-0-1` → (`web-0`, 1); `1-bar` → ('', −1). */
export const parseName = (name: string): ParsedName => {
  const m = ordinalPattern.exec(name)
  if (m === null) return noOrdinal
  const ordinal = Number(m[2])
  return ordinal > maxInt32 ? noOrdinal : { parent: m[1] ?? '', ordinal }
}

/** Names already parsed, by pod object (objects are never mutated). */
const parsedNames = new WeakMap<Pod, ParsedName>()

const parsedName = (pod: Pod): ParsedName => {
  const known = parsedNames.get(pod)
  if (known !== undefined) return known
  const parsed = parseName(pod.metadata.name ?? '')
  parsedNames.set(pod, parsed)
  return parsed
}

/** The pod's ordinal, `-1` when its name has none. */
export const ordinalOf = (pod: Pod): number => parsedName(pod).ordinal

/** True when the pod's name says it belongs to `set` (upstream `isMemberOf`). */
export const isMemberOf = (set: StatefulSet, pod: Pod): boolean => parsedName(pod).parent === (set.metadata.name ?? '')

/** `spec.replicas` (default 1). */
export const replicasOf = (set: StatefulSet): number => set.spec.replicas ?? 1

/** The first ordinal: `spec.ordinals.start`, else 0. */
export const startOrdinal = (set: StatefulSet): number => set.spec.ordinals?.start ?? 0

/** The last ordinal: start + replicas − 1. */
export const endOrdinal = (set: StatefulSet): number => startOrdinal(set) + replicasOf(set) - 1

/** True when `ordinal` is in `[start, end]`. */
export const inOrdinalRange = (set: StatefulSet, ordinal: number): boolean => ordinal >= startOrdinal(set) && ordinal <= endOrdinal(set)

/** The name of the set's pod with `ordinal`: `<set>-<ordinal>`. */
export const podName = (set: StatefulSet, ordinal: number): string => `${set.metadata.name ?? ''}-${ordinal}`

/**
 * Upstream `identityMatches`: the pod has an ordinal, belongs to the set by name, is named
 * `<set>-<ordinal>`, lives in the set's namespace and carries the pod-name label. Hostname,
 * subdomain and the pod-index label are not checked.
 */
export const identityMatches = (set: StatefulSet, pod: Pod): boolean => {
  const name = pod.metadata.name ?? ''
  const { parent, ordinal } = parsedName(pod)
  return (
    ordinal >= 0 &&
    parent === (set.metadata.name ?? '') &&
    name === podName(set, ordinal) &&
    (pod.metadata.namespace ?? '') === (set.metadata.namespace ?? '') &&
    pod.metadata.labels?.[podNameLabel] === name
  )
}

/** Upstream `updateIdentity`: name, namespace and the pod-name and pod-index labels as the set wants them. */
export const withIdentity = (set: StatefulSet, pod: Pod): Pod => {
  const ordinal = ordinalOf(pod)
  const name = podName(set, ordinal)
  const { namespace: _ns, ...meta } = pod.metadata
  return {
    ...pod,
    metadata: {
      ...meta,
      name,
      ...(set.metadata.namespace === undefined ? {} : { namespace: set.metadata.namespace }),
      labels: { ...pod.metadata.labels, [podNameLabel]: name, [podIndexLabel]: String(ordinal) },
    },
  }
}
