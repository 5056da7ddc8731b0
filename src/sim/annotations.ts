/**
 * Pod annotations the simulated kubelet reads (KWOK-style stages). Put them on a workload's
 * pod template to give its pods their own timings and outcome. And the Node annotation that
 * records a stopped kubelet's last heartbeat (`lastHeartbeat`).
 */

/** Seconds from binding to Running (overrides `KubeletOptions.startSeconds`). */
export const startSeconds = 'sim.kube-reconcile.io/start-seconds'

/** Seconds from Running to Ready (overrides `KubeletOptions.readySeconds`). */
export const readySeconds = 'sim.kube-reconcile.io/ready-seconds'

/** Run to completion: the containers exit this many seconds after they start. */
export const exitAfterSeconds = 'sim.kube-reconcile.io/exit-after-seconds'

/** The exit code of a run-to-completion container (default 0). */
export const exitCode = 'sim.kube-reconcile.io/exit-code'

/** `"true"`: the pod runs but never becomes Ready. */
export const neverReady = 'sim.kube-reconcile.io/never-ready'

/** On a Node whose kubelet stopped (`NodeDown`): the time of its last heartbeat (see the node lifecycle controller). */
export { lastHeartbeatAnnotation as lastHeartbeat } from '../controllers/nodelifecycle/heartbeat.js'
