/** Small builders for hand-written test objects (already in the API server's stored shape). */
import type { Node } from '../../src/api/node.js'
import type { Pod } from '../../src/api/pod.js'
import type { OwnerReference } from '../../src/api/meta.js'

/** A bound, running pod; override any part with `extra`. */
export const pod = (name: string, extra: { readonly [k: string]: unknown } = {}, meta: { readonly [k: string]: unknown } = {}): Pod =>
  ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: 'default', uid: `uid-${name}`, creationTimestamp: '2024-01-01T00:00:00Z', ...meta },
    spec: { containers: [{ name: 'c', image: 'nginx' }], nodeName: 'n1' },
    status: { phase: 'Running' },
    ...extra,
  }) as Pod

/** A Ready node. */
export const node = (name: string): Node => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, uid: `uid-${name}` },
  status: { conditions: [{ type: 'Ready', status: 'True' }], allocatable: { pods: '110' } },
})

/** A controller owner reference. */
export const ownerRef = (kind: string, name: string, uid: string): OwnerReference => ({
  apiVersion: 'apps/v1',
  kind,
  name,
  uid,
  controller: true,
  blockOwnerDeletion: true,
})
