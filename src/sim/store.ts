/**
 * Writes to the simulated store that keep the kubelet informed: every pod write tells the
 * kubelet, and a node that becomes Ready has its pods re-noticed once the batch is committed.
 */
import type { KubeObject } from '../api/object.js'
import * as ClusterView from '../core/ClusterView.js'
import type { Engine } from './engine.js'
import { commitView, keyOfObject, setObject } from './engine.js'
import * as Kubelet from './kubelet.js'

/** Stores `next` under `key` (`undefined` removes) and tells the kubelet about pods. */
export const write = (e: Engine, key: string, next: KubeObject | undefined): void => {
  setObject(e, key, next)
  if (key.startsWith('Pod/')) Kubelet.notice(e, key, next?.kind === 'Pod' ? next : undefined)
}

/** Commits the batch; the pods of nodes that became Ready get their kubelet plans again. */
export const commit = (e: Engine): void => {
  commitView(e)
  const nodes = e.readyNodes.splice(0)
  for (const node of nodes) {
    for (const pod of ClusterView.podsOnNode(e.view, node)) Kubelet.notice(e, keyOfObject(pod), pod)
  }
}
