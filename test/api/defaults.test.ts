import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import type { KubeObject } from '../../src/api/object.js'
import { kinds } from '../../src/api/object.js'
import * as _ from '../../src/api/defaults.js'
import { deepFreeze, manifests } from './util.js'

/** Structural decode only (no defaults), so the defaulting is tested on its own. */
const typed = (json: Record<string, unknown>): KubeObject => {
  const kind = json['kind'] as keyof typeof kinds
  const r = kinds[kind].codec.decode(json)
  if (E.isLeft(r)) throw new Error(`fixture does not decode: ${kind}`)
  return r.right as KubeObject
}

const defaulted = (json: Record<string, unknown>): Record<string, any> =>
  _.applyDefaults(typed(deepFreeze(json))) as unknown as Record<string, any>

const podSpecDefaults = {
  restartPolicy: 'Always',
  terminationGracePeriodSeconds: 30,
  dnsPolicy: 'ClusterFirst',
  schedulerName: 'default-scheduler',
  securityContext: {},
}
const containerDefaults = {
  imagePullPolicy: 'IfNotPresent',
  terminationMessagePath: '/dev/termination-log',
  terminationMessagePolicy: 'File',
}

describe('applyDefaults', () => {
  it('Deployment: replicas, RollingUpdate 25%/25%, history, deadline, pod template', () => {
    expect(defaulted(manifests.deployment())).toEqual({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: { name: 'web', namespace: 'default' },
      spec: {
        replicas: 1,
        selector: { matchLabels: { app: 'web' } },
        strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } },
        minReadySeconds: 0,
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
        template: {
          metadata: { labels: { app: 'web' } },
          spec: { ...podSpecDefaults, containers: [{ name: 'app', image: 'nginx:1.25', ...containerDefaults }] },
        },
      },
    })
  })

  it('Deployment: keeps explicit values (replicas 0, one of maxSurge/maxUnavailable) and adds no rollingUpdate to Recreate', () => {
    const d = manifests.deployment()
    const spec = d['spec'] as Record<string, unknown>
    const explicit = defaulted({ ...d, spec: { ...spec, replicas: 0, strategy: { rollingUpdate: { maxSurge: 2 } } } })
    expect(explicit['spec'].replicas).toBe(0)
    expect(explicit['spec'].strategy).toEqual({ type: 'RollingUpdate', rollingUpdate: { maxSurge: 2, maxUnavailable: '25%' } })
    const recreate = defaulted({ ...d, spec: { ...spec, strategy: { type: 'Recreate' } } })
    expect(recreate['spec'].strategy).toEqual({ type: 'Recreate' })
  })

  it('ReplicaSet: replicas 1, minReadySeconds 0', () => {
    const rs = defaulted(manifests.replicaSet())
    expect(rs['spec'].replicas).toBe(1)
    expect(rs['spec'].minReadySeconds).toBe(0)
    expect(rs['spec'].template.spec.restartPolicy).toBe('Always')
  })

  it('ReplicationController: selector and labels default to the template labels, but never override', () => {
    const rc = defaulted(manifests.replicationController())
    expect(rc['spec'].selector).toEqual({ app: 'web' })
    expect(rc['metadata'].labels).toEqual({ app: 'web' })
    expect(rc['spec'].replicas).toBe(1)
    const own = manifests.replicationController()
    const kept = defaulted({
      ...own,
      metadata: { name: 'web', labels: { team: 'a' } },
      spec: { ...(own['spec'] as object), selector: { tier: 'x' } },
    })
    expect(kept['spec'].selector).toEqual({ tier: 'x' })
    expect(kept['metadata'].labels).toEqual({ team: 'a' })
  })

  it('StatefulSet: unset strategy type gets rollingUpdate {partition: 0}; explicit RollingUpdate without a block gets none', () => {
    const ss = defaulted(manifests.statefulSet())
    expect(ss['spec']).toMatchObject({
      replicas: 1,
      podManagementPolicy: 'OrderedReady',
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 0 } },
      revisionHistoryLimit: 10,
      minReadySeconds: 0,
      persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' },
    })
    const s = manifests.statefulSet()
    const explicit = defaulted({ ...s, spec: { ...(s['spec'] as object), updateStrategy: { type: 'RollingUpdate' } } })
    expect(explicit['spec'].updateStrategy).toEqual({ type: 'RollingUpdate' })
    const onDelete = defaulted({ ...s, spec: { ...(s['spec'] as object), updateStrategy: { type: 'OnDelete' } } })
    expect(onDelete['spec'].updateStrategy).toEqual({ type: 'OnDelete' })
    const block = defaulted({
      ...s,
      spec: { ...(s['spec'] as object), updateStrategy: { type: 'RollingUpdate', rollingUpdate: {} } },
    })
    expect(block['spec'].updateStrategy.rollingUpdate).toEqual({ partition: 0 })
  })

  it('DaemonSet: RollingUpdate with maxUnavailable 1 and maxSurge 0', () => {
    expect(defaulted(manifests.daemonSet())['spec']).toMatchObject({
      updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } },
      revisionHistoryLimit: 10,
      minReadySeconds: 0,
    })
  })

  it.each([
    ['both unset', {}, { completions: 1, parallelism: 1, backoffLimit: 6 }],
    ['only parallelism (work queue)', { parallelism: 3 }, { parallelism: 3, backoffLimit: 6 }],
    ['only completions', { completions: 5 }, { completions: 5, parallelism: 1 }],
    [
      'backoffLimitPerIndex',
      { completionMode: 'Indexed', completions: 3, backoffLimitPerIndex: 1 },
      { backoffLimit: 2147483647, completionMode: 'Indexed' },
    ],
    ['podFailurePolicy', { podFailurePolicy: { rules: [] } }, { podReplacementPolicy: 'Failed' }],
  ])('Job: %s', (_name, given, expected) => {
    const j = manifests.job()
    const spec = defaulted({ ...j, spec: { ...(j['spec'] as object), ...given } })['spec']
    expect(spec).toMatchObject(expected)
  })

  it('Job: a work queue (only parallelism set) keeps completions unset', () => {
    const j = manifests.job()
    expect(defaulted({ ...j, spec: { ...(j['spec'] as object), parallelism: 3 } })['spec']).not.toHaveProperty('completions')
  })

  it('Job: completionMode, suspend, manualSelector, podReplacementPolicy and labels from the template', () => {
    const job = defaulted(manifests.job())
    expect(job['spec']).toMatchObject({
      completionMode: 'NonIndexed',
      suspend: false,
      manualSelector: false,
      podReplacementPolicy: 'TerminatingOrFailed',
    })
    expect(job['metadata'].labels).toEqual({ app: 'pi' })
    expect(job['spec'].template.spec.restartPolicy).toBe('Never')
  })

  it('CronJob: policy and history limits; the job template gets pod defaults but not Job defaults', () => {
    const cj = defaulted(manifests.cronJob())
    expect(cj['spec']).toMatchObject({
      concurrencyPolicy: 'Allow',
      suspend: false,
      successfulJobsHistoryLimit: 3,
      failedJobsHistoryLimit: 1,
    })
    expect(cj['spec'].jobTemplate.spec.backoffLimit).toBeUndefined()
    expect(cj['spec'].jobTemplate.spec.template.spec.dnsPolicy).toBe('ClusterFirst')
  })

  it('Pod: pod-spec and container defaults, service links, requests from limits, probes and ports', () => {
    const p = manifests.pod()
    const pod = defaulted({
      ...p,
      spec: {
        containers: [
          {
            name: 'app',
            image: 'nginx',
            resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m' } },
            readinessProbe: { httpGet: { port: 80 } },
            ports: [{ containerPort: 80 }],
          },
        ],
        initContainers: [{ name: 'init', image: 'busybox@sha256:abc' }],
      },
    })
    expect(pod['metadata'].namespace).toBe('default')
    expect(pod['spec']).toMatchObject({ ...podSpecDefaults, enableServiceLinks: true })
    expect(pod['spec'].containers[0]).toEqual({
      name: 'app',
      image: 'nginx',
      imagePullPolicy: 'Always',
      terminationMessagePath: '/dev/termination-log',
      terminationMessagePolicy: 'File',
      resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '500m', memory: '1Gi' } },
      readinessProbe: {
        httpGet: { port: 80, path: '/', scheme: 'HTTP' },
        timeoutSeconds: 1,
        periodSeconds: 10,
        successThreshold: 1,
        failureThreshold: 3,
      },
      ports: [{ containerPort: 80, protocol: 'TCP' }],
    })
    expect(pod['spec'].initContainers[0].imagePullPolicy).toBe('IfNotPresent')
  })

  it.each([
    ['nginx', 'Always'],
    ['nginx:latest', 'Always'],
    ['nginx:1.25', 'IfNotPresent'],
    ['registry.local:5000/team/app', 'Always'],
    ['registry.local:5000/team/app:v2', 'IfNotPresent'],
    ['app@sha256:0123', 'IfNotPresent'],
    ['app:latest@sha256:0123', 'Always'],
    ['', 'IfNotPresent'],
  ])('imagePullPolicyFor(%j) = %s', (image, policy) => {
    expect(_.imagePullPolicyFor(image)).toBe(policy)
  })

  it('treats empty strings as unset, as upstream does', () => {
    const p = manifests.pod()
    const pod = defaulted({ ...p, spec: { restartPolicy: '', dnsPolicy: '', containers: [{ name: 'a', image: 'x:1', imagePullPolicy: '' }] } })
    expect(pod['spec'].restartPolicy).toBe('Always')
    expect(pod['spec'].dnsPolicy).toBe('ClusterFirst')
    expect(pod['spec'].containers[0].imagePullPolicy).toBe('IfNotPresent')
  })

  it('Node: no namespace; allocatable defaults to capacity', () => {
    const n = manifests.node()
    const node = defaulted({ ...n, status: { capacity: { pods: '110' } } })
    expect(node['metadata'].namespace).toBeUndefined()
    expect(node['status'].allocatable).toEqual({ pods: '110' })
  })

  it('PersistentVolumeClaim: volumeMode Filesystem and phase Pending', () => {
    const pvc = defaulted(manifests.pvc())
    expect(pvc['spec'].volumeMode).toBe('Filesystem')
    expect(pvc['status'].phase).toBe('Pending')
  })

  it('keeps an explicit namespace', () => {
    const d = manifests.deployment()
    expect(defaulted({ ...d, metadata: { name: 'web', namespace: 'prod' } })['metadata'].namespace).toBe('prod')
  })

  it.each(Object.entries(manifests))('%s: idempotent, pure, and keeps unknown fields', (_name, make) => {
    const input = deepFreeze({ ...make(), extra: { keep: true } })
    const once = _.applyDefaults(typed(input))
    expect(_.applyDefaults(deepFreeze(once))).toEqual(once)
    expect((once as unknown as Record<string, unknown>)['extra']).toEqual({ keep: true })
  })
})
