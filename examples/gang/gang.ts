/**
 * The gang example: a user's own workload controller for a custom resource, as the Kubernetes
 * docs describe third-party workload resources. A PodGang wants `size` pods and gets them all or
 * none (gang scheduling): its controller creates the missing pods only when every one of them
 * fits on the cluster's nodes right now.
 *
 * It is written exactly like the built-in controllers: a pure reconcile function returning
 * actions, and a `perObject` declaration of what wakes it. In a project of your own, import the
 * same functions from `kube-reconcile` (`Controller.perObject`, `Nodes.fitsNode`, …).
 */
import type { ObjectMeta } from '../../src/api/meta.js'
import type { KubeObject } from '../../src/api/object.js'
import type { Pod, PodTemplateSpec } from '../../src/api/pod.js'
import * as A from '../../src/core/Action.js'
import type { Action } from '../../src/core/Action.js'
import * as ClusterView from '../../src/core/ClusterView.js'
import type { ClusterView as View } from '../../src/core/ClusterView.js'
import type { PerObjectController } from '../../src/core/Controller.js'
import { controllerOf, every, on, perObject } from '../../src/core/Controller.js'
import { fitsNode, podCapacity } from '../../src/core/nodes.js'
import * as ObjectRef from '../../src/core/ObjectRef.js'
import { newControllerRef } from '../../src/core/ownership.js'
import * as Pods from '../../src/core/pods.js'

/** What the controller last observed: its active pods (`created`) and how many are ready. */
export interface PodGangStatus {
  readonly created?: number
  readonly ready?: number
}

/** A PodGang (`example.com/v1`, namespaced): `size` pods from `template`, all or none. */
export interface PodGang {
  readonly apiVersion: 'example.com/v1'
  readonly kind: 'PodGang'
  readonly metadata: ObjectMeta
  readonly spec: { readonly size: number; readonly template: PodTemplateSpec }
  readonly status?: PodGangStatus
}

/**
 * The PodGang as a `KubeObject`, the one cast in this file. Custom kinds are not in the
 * `KubeObject` union yet (a later issue adds generic objects to `decode`), but the API server
 * (with its generic strategy) and the view already handle any kind by its `kind` string.
 */
export const toObject = (gang: PodGang): KubeObject => gang as unknown as KubeObject

/** The pod the gang creates: generateName `<name>-`, a controller reference, the template's labels and spec. */
export const gangPod = (gang: PodGang): Pod => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    generateName: `${gang.metadata.name ?? ''}-`,
    ...(gang.metadata.namespace === undefined ? {} : { namespace: gang.metadata.namespace }),
    labels: gang.spec.template.metadata?.labels ?? {},
    ownerReferences: [newControllerRef(toObject(gang))],
  },
  spec: gang.spec.template.spec,
})

/**
 * How many more pods like `pod` the cluster can take now. Candidates are the nodes `pod` fits
 * (Ready, selector and affinity, taints, cordon); each offers `podCapacity` minus the
 * non-terminal pods bound to it. The unscheduled pods that fit a candidate are subtracted too:
 * they are older, so the scheduler places them first. Only the pod count is modelled, and this
 * is a check, not a reservation (a real gang scheduler reserves the slots in the scheduler).
 */
export const freeSlots = (pod: Pod, view: View): number => {
  const nodes = ClusterView.listOf(view, 'Node').filter((n) => fitsNode(pod, n))
  const used = (name: string): number => ClusterView.podsOnNode(view, name).filter((p) => !Pods.isTerminal(p)).length
  const free = nodes.reduce((sum, n) => sum + Math.max(0, podCapacity(n) - used(n.metadata.name ?? '')), 0)
  const pending = ClusterView.podsOnNode(view, '').filter((p) => Pods.isActive(p) && nodes.some((n) => fitsNode(p, n)))
  return Math.max(0, free - pending.length)
}

/**
 * Reconciles one PodGang: counts its active pods (controlled, neither terminal nor
 * terminating); when fewer than `size`, creates all the missing ones if they all fit
 * (`freeSlots`), else none and a `Warning` Event `NotEnoughCapacity`. Writes `status` only
 * when it changes.
 */
export const reconcileGang = (gang: PodGang, view: View): ReadonlyArray<Action> => {
  const active = ClusterView.controlledOf(view, gang.metadata.uid ?? '', 'Pod').filter(Pods.isActive)
  const missing = gang.spec.size - active.length
  const out: Array<Action> = []
  if (missing > 0 && gang.metadata.deletionTimestamp === undefined) {
    const pod = gangPod(gang)
    const fit = freeSlots(pod, view)
    if (fit >= missing) {
      for (let i = 0; i < missing; i++) out.push(A.create(pod))
    } else {
      const message = `${fit} of ${missing} missing pods fit; creating none`
      out.push(A.event(ObjectRef.of(toObject(gang)), 'Warning', 'NotEnoughCapacity', message))
    }
  }
  const status = { created: active.length, ready: active.filter(Pods.isReady).length }
  if (gang.status?.created !== status.created || gang.status.ready !== status.ready) {
    out.push(A.updateStatus(toObject({ ...gang, status })))
  }
  return out
}

/**
 * The PodGang controller (named `gang`). Besides its PodGangs' own changes, it is woken by its pods'
 * changes (status, pods to replace) and by whatever may free capacity for a waiting gang: any
 * node change, and any pod bound, finished or deleted (over-waking only costs a quiet sync).
 */
export const gangController: PerObjectController<PodGang> = perObject<PodGang>('gang', 'PodGang', reconcileGang, {
  wakes: [
    controllerOf('Pod', 'PodGang'), // its pods: status, pods to replace
    every('Node', 'PodGang'), // a node added, back up or uncordoned: room
    on(['update', 'delete'], every('Pod', 'PodGang')), // a pod bound, finished or deleted: room
  ],
  statusFields: [['created', 'created'], ['ready', 'ready']],
})
