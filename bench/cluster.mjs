// ClusterView at cluster scale: 5,000 nodes and 150,000 pods (≤3,000 per namespace, as in
// upstream's scalability envelope), owner and selector lookups, persistent updates, and one
// simulation round on that view.
import { readyNodes, template } from './_fixtures.mjs'
import { ClusterView, Selector, Simulation } from '../dist/index.js'

const gc = () => globalThis.gc?.()
const time = (f) => {
  const t0 = performance.now()
  const r = f()
  return [r, performance.now() - t0]
}

const hex = (n, w) => (n >>> 0).toString(16).padStart(w, '0').slice(-w)
const uid = (i) => `${hex(i * 2654435761, 8)}-${hex(i, 4)}-4${hex(i * 7, 3)}-8${hex(i * 13, 3)}-${hex(i * 40503, 12)}`

export const makeCluster = ({ nodes = 5000, owners = 1000, perOwner = 150, namespaces = 50 } = {}) => {
  const objects = readyNodes(nodes, (n) => uid(10_000_000 + n))
  let i = 0
  for (let o = 0; o < owners; o++) {
    const ns = `ns-${o % namespaces}`
    const rsUid = uid(20_000_000 + o)
    objects.push({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: { name: `app-${o}`, namespace: ns, uid: rsUid, generation: 1, resourceVersion: '1', creationTimestamp: '2024-01-01T00:00:00Z' },
      spec: {
        replicas: perOwner,
        minReadySeconds: 0,
        selector: { matchLabels: { app: `app-${o}` } },
        template: template(`app-${o}`),
      },
      status: { replicas: perOwner, fullyLabeledReplicas: perOwner, readyReplicas: perOwner, availableReplicas: perOwner, observedGeneration: 1 },
    })
    for (let r = 0; r < perOwner; r++, i++) {
      objects.push({
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: {
          name: `app-${o}-${hex(i * 2246822519, 5)}`,
          namespace: ns,
          uid: uid(i),
          labels: { app: `app-${o}` },
          resourceVersion: '1',
          creationTimestamp: '2024-01-01T00:00:00Z',
          ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `app-${o}`, uid: rsUid, controller: true, blockOwnerDeletion: true }],
        },
        spec: { nodeName: `node-${i % nodes}`, containers: [{ name: 'c', image: 'nginx' }], restartPolicy: 'Always', terminationGracePeriodSeconds: 30, dnsPolicy: 'ClusterFirst', schedulerName: 'default-scheduler' },
        status: {
          phase: 'Running',
          startTime: '2024-01-01T00:00:00Z',
          conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: '2024-01-01T00:00:01Z' }],
          containerStatuses: [{ name: 'c', ready: true, restartCount: 0 }],
        },
      })
    }
  }
  return objects
}

const heapMiB = () => {
  gc()
  gc()
  return process.memoryUsage().heapUsed / 2 ** 20
}

export default async function (report) {
  const objects = makeCluster()
  const pods = objects.filter((o) => o.kind === 'Pod').length
  report('objects generated (nodes + ReplicaSets + pods)', objects.length, 'objects')
  const [view, buildMs] = time(() => ClusterView.fromObjects(objects))
  report(`ClusterView.fromObjects (${pods} pods, 5000 nodes)`, buildMs, 'ms')
  report('heap in use: the objects and the view over them', heapMiB(), 'MiB')

  const rss = ClusterView.list(view, 'ReplicaSet')
  const lookups = 20_000
  let n = 0
  let [, ms] = time(() => {
    for (let k = 0; k < lookups; k++) n += ClusterView.controlledBy(view, rss[k % rss.length].metadata.uid, 'Pod').length
  })
  report('owner lookup (controlledBy, 150 pods), per call', (ms * 1000) / lookups, 'µs')
  const small = ClusterView.fromObjects(makeCluster({ nodes: 50, owners: 10, namespaces: 1 }))
  const smallRs = ClusterView.list(small, 'ReplicaSet')
  ;[, ms] = time(() => {
    for (let k = 0; k < lookups; k++) n += ClusterView.controlledBy(small, smallRs[k % smallRs.length].metadata.uid, 'Pod').length
  })
  report('owner lookup on a 1,500-pod view, per call (size independence)', (ms * 1000) / lookups, 'µs')
  ;[, ms] = time(() => {
    for (let k = 0; k < 200; k++) {
      const rs = rss[k % rss.length]
      n += ClusterView.select(view, 'Pod', rs.metadata.namespace, Selector.fromLabelSelector(rs.spec.selector)).length
    }
  })
  report('selector query over one namespace (3,000 pods), per call', (ms * 1000) / 200, 'µs')
  ;[, ms] = time(() => {
    for (let k = 0; k < lookups; k++) n += ClusterView.podsOnNode(view, `node-${k % 5000}`).length
  })
  report('pods-on-node lookup, per call', (ms * 1000) / lookups, 'µs')

  const allPods = ClusterView.list(view, 'Pod')
  for (const k of [100, 1000, 10_000]) {
    const [, ums] = time(() =>
      ClusterView.withChanges(view, (c) => {
        for (let j = 0; j < k; j++) {
          const p = allPods[(j * 7919) % allPods.length]
          c.put({ ...p, metadata: { ...p.metadata, resourceVersion: '2' } })
        }
      }),
    )
    report(`persistent update of ${k} pods (new view, old kept)`, ums, 'ms')
  }

  // A full resync (every controller over every object, instant API), then the defaults (work
  // queues: the first round syncs every key, as a start does; pacing on).
  for (const [label, extra] of [
    ['full resync, pacing off', { queue: 'resync', pacing: false }],
    ['default options', {}],
  ]) {
    const sim = Simulation.make({ objects, start: new Date('2024-01-01T00:10:00Z'), trace: 'none', ...extra })
    const [stepped, stepMs] = time(() => Simulation.step(sim))
    report(`one simulation round over the whole view (steady state, ${label})`, stepMs, 'ms')
    const [, step2Ms] = time(() => Simulation.step(stepped))
    report('  second round', step2Ms, 'ms')
  }
  if (n < 0) console.log(n)
}
