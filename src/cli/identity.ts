/**
 * What the API server gives every object it stores and a manifest leaves out: a name for an
 * object with only `generateName`, a uid and a creation time. The CLI assigns them before
 * planning or simulating, so that dependents planned for an object carry its real owner uid
 * (never `''`) and controllers that count from an object's creation (CronJob) see one; names and
 * uids are drawn deterministically — from the object's kind, namespace and name — so the same
 * input always prints the same plan.
 */
import type { KubeObject } from '../api/object.js'
import { generatedName, next, uuid } from '../sim/random.js'
import type { Draw } from '../sim/random.js'

/** FNV-1a over the UTF-16 units of `s`: the seed of an object's draws. */
const fnv1a = (s: string): number => {
  let h = 0x811c9dc5
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0
  return h
}

/** A generator seeded by `key` (the same key, the same draws). */
const drawsFor = (key: string): Draw => {
  let state = fnv1a(key)
  return () => {
    const [value, s] = next(state)
    state = s
    return value
  }
}

const keyOf = (o: KubeObject, name: string): string => `${o.kind}/${o.metadata.namespace ?? ''}/${name}`

/**
 * The objects with a name for those that have only `generateName` (the prefix and five
 * characters, as the API server generates them), a version-4-shaped uid for those without one
 * (both drawn from the object's identity, retried on a collision with a name or uid already
 * taken) and `created` as the creation time of those without one. Objects that have all three
 * are returned as they are.
 */
export const withIdentities = (objects: ReadonlyArray<KubeObject>, created: string): ReadonlyArray<KubeObject> => {
  const names = new Set(objects.flatMap((o) => ((o.metadata.name ?? '') === '' ? [] : [keyOf(o, o.metadata.name ?? '')])))
  const uids = new Set(objects.flatMap((o) => (o.metadata.uid === undefined ? [] : [o.metadata.uid])))
  return objects.map((o, i) => {
    let name = o.metadata.name ?? ''
    if (name === '') {
      const draw = drawsFor(`${keyOf(o, o.metadata.generateName ?? '')}/${i}`)
      do name = generatedName(draw, o.metadata.generateName ?? '')
      while (names.has(keyOf(o, name)))
      names.add(keyOf(o, name))
    }
    let uid = o.metadata.uid
    if (uid === undefined || uid === '') {
      const draw = drawsFor(keyOf(o, name))
      do uid = uuid(draw)
      while (uids.has(uid))
      uids.add(uid)
    }
    const creationTimestamp = o.metadata.creationTimestamp ?? created
    return name === o.metadata.name && uid === o.metadata.uid && creationTimestamp === o.metadata.creationTimestamp
      ? o
      : ({ ...o, metadata: { ...o.metadata, name, uid, creationTimestamp } } as KubeObject)
  })
}
