// Shared pieces of the benchmarks (files starting with `_` are not suites).

/** The simulated start of every benchmark. */
export const T0 = Date.parse('2024-01-01T00:00:00Z')

/** A time as objects carry it (RFC 3339, whole seconds). */
export const iso = (ms) => new Date(ms).toISOString().replace('.000Z', 'Z')

/** `count` Ready nodes `node-0` … with room for 110 pods each, as the API server stores them. */
export const readyNodes = (count, uid = (n) => `node-uid-${n}`) =>
  Array.from({ length: count }, (_, n) => ({
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: `node-${n}`, uid: uid(n), labels: { zone: `z${n % 3}` }, resourceVersion: '1', creationTimestamp: iso(T0) },
    status: { conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: iso(T0) }], allocatable: { pods: '110' } },
  }))

/** A defaulted pod template labelled `app: <app>` running `image`. */
export const template = (app, image = 'nginx') => ({
  metadata: { labels: { app } },
  spec: {
    containers: [{ name: 'c', image, imagePullPolicy: 'IfNotPresent', terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    schedulerName: 'default-scheduler',
  },
})
