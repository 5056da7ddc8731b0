/**
 * The nodes `simulate` and `plan` add when the input has none, so that a workload manifest runs
 * as it would on a small cluster: Ready nodes with 110 pod slots, named after the nodes the
 * input's pods are bound to (a dump of a real cluster keeps its pods running), then `node-1`,
 * `node-2`, … up to the number asked for.
 */
import type { Node } from '../api/node.js'
import type { KubeObject } from '../api/object.js'

/** How many nodes are added when the input has none and `--nodes` is not given. */
export const defaultNodeCount = 3

/** Ready nodes named `names`, then `node-1`, `node-2`, … (skipping names taken) up to `count` nodes in all. */
export const fleet = (count: number, names: ReadonlyArray<string> = []): ReadonlyArray<Node> => {
  const all = [...names]
  for (let i = 1; all.length < count; i++) if (!all.includes(`node-${i}`)) all.push(`node-${i}`)
  return all.map((name): Node => {
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
}

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
  const bound = [...new Set(objects.flatMap((o) => (o.kind === 'Pod' && (o.spec.nodeName ?? '') !== '' ? [o.spec.nodeName ?? ''] : [])))].sort()
  const nodes = fleet(count, bound)
  const names = nodes.length <= 3 ? nodes.map((n) => n.metadata.name).join(', ') : `${nodes[0]?.metadata.name ?? ''} … ${nodes[nodes.length - 1]?.metadata.name ?? ''}`
  const named = bound.length === 0 ? '' : `, named after the ${bound.length === 1 ? 'node' : `${bound.length} nodes`} the input's pods are bound to first`
  return {
    objects: [...objects, ...nodes],
    note: `the input has no Node: added ${nodes.length} Ready node${nodes.length === 1 ? '' : 's'} (${names})${named}; --nodes N sets how many, --nodes 0 none`,
  }
}
