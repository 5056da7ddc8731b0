/**
 * The simulated volume binder (upstream's PersistentVolume controller with a dynamic
 * provisioner, `Immediate` binding): a PersistentVolumeClaim that is Pending becomes Bound
 * `bindSeconds` after it appears, to a volume named `pvc-<claim uid>`, with the requested
 * capacity and access modes. Claims outlive their pods, so a pod re-created under the same name
 * finds its old claim. The scheduler (`scheduler.ts`) keeps a pod whose claims are missing,
 * being deleted or not yet bound unschedulable, as upstream's VolumeBinding plugin does.
 */
import type { KubeObject } from '../api/object.js'
import type { PersistentVolumeClaim } from '../api/node.js'
import type { Pod } from '../api/pod.js'
import type { ClusterView } from '../core/ClusterView.js'
import * as ObjectRef from '../core/ObjectRef.js'
import type { Actor } from './actor.js'
import type { Engine } from './engine.js'
import { get, lookupKey, record, sample, traceTime, tracesEnvironment } from './engine.js'
import { commit, put } from './store.js'
import * as Timers from './timers.js'

/** Whether the binder has work with the claim: Pending (or no phase), not bound to a volume, not being deleted. */
const unbound = (o: KubeObject | undefined): o is PersistentVolumeClaim =>
  o?.kind === 'PersistentVolumeClaim' &&
  o.metadata.deletionTimestamp === undefined &&
  (o.spec?.volumeName ?? '') === '' &&
  (o.status?.phase ?? 'Pending') === 'Pending'

/** A new unbound claim gets a bind timer; a claim that is gone, bound or being deleted loses it. */
const observe = (e: Engine, key: string, _before: KubeObject | undefined, after: KubeObject | undefined): void => {
  if (!key.startsWith('PersistentVolumeClaim/')) return
  if (!unbound(after)) {
    Timers.cancel(e.binds, key)
    return
  }
  if (Timers.get(e.binds, key) === undefined) Timers.set(e.binds, key, e.now + sample(e, e.settings.bindSeconds) * 1000)
}

const field = (o: unknown, name: string): unknown =>
  typeof o === 'object' && o !== null && !Array.isArray(o) ? (o as Readonly<Record<string, unknown>>)[name] : undefined

/** The claim bound to its own volume: phase Bound, the requested capacity, its access modes. */
const bound = (pvc: PersistentVolumeClaim): PersistentVolumeClaim => {
  const requested = field(field(pvc.spec?.resources, 'requests'), 'storage')
  const storage = typeof requested === 'string' ? requested : undefined
  return {
    ...pvc,
    spec: { ...pvc.spec, volumeName: `pvc-${pvc.metadata.uid ?? pvc.metadata.name ?? ''}` },
    status: {
      ...pvc.status,
      phase: 'Bound',
      ...(pvc.spec?.accessModes === undefined ? {} : { accessModes: pvc.spec.accessModes }),
      ...(storage === undefined ? {} : { capacity: { storage } }),
    },
  }
}

/** Binds the claims whose time has come. */
const run = (e: Engine): void => {
  for (let due = Timers.pop(e.binds, e.now); due !== undefined; due = Timers.pop(e.binds, e.now)) {
    const key = due[1]
    const pvc = get(e, key)
    if (!unbound(pvc)) continue
    const next = bound(pvc)
    put(e, key, next, 'volumes')
    if (tracesEnvironment(e)) {
      record(e, {
        _tag: 'Environment',
        time: traceTime(e),
        source: 'volumes',
        target: ObjectRef.of(next),
        event: { _tag: 'ClaimBound', volume: next.spec?.volumeName ?? '' },
      })
    }
  }
  commit(e)
}

/** The volume binder as an environment actor. */
export const actor: Actor = {
  name: 'volumes',
  observe,
  run,
  nextDue: (e) => Timers.next(e.binds),
}

/**
 * Why `pod` cannot be scheduled for its claims now, or `undefined` when every claim it mounts
 * exists, is not being deleted and is bound: upstream's VolumeBinding reasons.
 */
export const claimProblem = (view: ClusterView, pod: Pod): string | undefined => {
  for (const v of pod.spec.volumes ?? []) {
    const claim = field(field(v, 'persistentVolumeClaim'), 'claimName')
    if (typeof claim !== 'string') continue
    const pvc = lookupKey(view, ObjectRef.keyOf('PersistentVolumeClaim', pod.metadata.namespace, claim))
    if (pvc === undefined) return `persistentvolumeclaim "${claim}" not found`
    if (pvc.metadata.deletionTimestamp !== undefined) return `persistentvolumeclaim "${claim}" is being deleted`
    if (pvc.kind === 'PersistentVolumeClaim' && (pvc.spec?.volumeName ?? '') === '' && pvc.status?.phase !== 'Bound') {
      return 'pod has unbound immediate PersistentVolumeClaims'
    }
  }
  return undefined
}
