/** The TTL-after-finished controller: finished Jobs with `ttlSecondsAfterFinished` are deleted when it expires. */
export { controller } from './controller.js'
export { finishTime, reconcile, reconcileJob } from './reconcile.js'
