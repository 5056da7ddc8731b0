/**
 * The size line the simulation prints for a workload after a change: `web 3 desired, 1 pod, 0 ready`.
 */

/** `name desired desired, n pod(s), ready ready`, with the plural right. */
export const sizeLine = (name: string, desired: number, pods: number, ready: number): string =>
  `${name} ${desired} desired, ${pods} ${pods === 1 ? 'pod' : 'pods'}, ${ready} ready`
