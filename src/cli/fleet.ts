/**
 * The nodes `simulate` and `plan` add when the input has none, so that a workload manifest runs
 * as it would on a small cluster: `count` Ready nodes `node-1` … `node-N` with 110 pod slots.
 */
import type { Node } from '../api/node.js'
import type { KubeObject } from '../api/object.js'

/** How many nodes are added when the input has none and `--nodes` is not given. */
export const defaultNodeCount = 3

/** `count` Ready nodes named `node-1` … `node-<count>`. */
export const fleet = (count: number): ReadonlyArray<Node> =>
  Array.from({ length: count }, (_, i): Node => {
    const name = `node-${i + 1}`
    return {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: { name, labels: { 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux' } },
      spec: {},
      status: {
        conditions: [{ type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' }],
        allocatable: { pods: '110' },
      },
    }
  })

/**
 * The objects with a default fleet added when they hold no Node and `requested` is not 0 (the
 * `--nodes` value, default 3), and the note saying so; an input with nodes is left as it is
 * (`--nodes` then adds nothing).
 */
export const withFleet = (
  objects: ReadonlyArray<KubeObject>,
  requested: number | undefined,
): { readonly objects: ReadonlyArray<KubeObject>; readonly note?: string } => {
  if (objects.some((o) => o.kind === 'Node')) return { objects }
  const count = requested ?? defaultNodeCount
  if (count === 0) return { objects }
  const nodes = fleet(count)
  const names = count <= 3 ? nodes.map((n) => n.metadata.name).join(', ') : `node-1 … node-${count}`
  return {
    objects: [...objects, ...nodes],
    note: `the input has no Node: added ${count} Ready node${count === 1 ? '' : 's'} (${names}); --nodes N sets how many, --nodes 0 none`,
  }
}
