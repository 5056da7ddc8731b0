/**
 * The TTL-after-finished controller's declaration: cluster-wide (it reads only Jobs, but is not
 * the Job controller), woken by each Job's changes with the Job's key, and by its own requeues.
 */
import { clusterWide, keyOfObject } from '../../core/Controller.js'
import type { Controller } from '../../core/Controller.js'
import { reconcile } from './reconcile.js'

/** The TTL-after-finished controller (`ttl-after-finished`). */
export const controller: Controller = clusterWide('ttl-after-finished', reconcile, {
  wakes: [{ kind: 'Job', events: ['add', 'update'], keys: (o) => [keyOfObject(o)] }],
})
