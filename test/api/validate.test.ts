import { describe, expect, it } from 'vitest'
import { decode } from '../../src/api/decode.js'
import type { KubeObject } from '../../src/api/object.js'
import * as _ from '../../src/api/validate.js'
import { expectIssue, issues, manifests, right, setIn } from './util.js'

type Path = ReadonlyArray<string | number>
const container0: Path = ['spec', 'template', 'spec', 'containers', 0]
const rolling: Path = ['spec', 'strategy', 'rollingUpdate']

/** [name, manifest, edits (path, value), expected path, message fragment] */
type Case = readonly [string, () => Record<string, unknown>, ReadonlyArray<readonly [Path, unknown]>, string, string]

const cases: ReadonlyArray<Case> = [
  // metadata
  ['name missing', manifests.deployment, [[['metadata', 'name'], undefined]], 'metadata.name', 'required'],
  ['name not a subdomain', manifests.deployment, [[['metadata', 'name'], 'Web_1']], 'metadata.name', 'DNS-1123 subdomain'],
  ['StatefulSet name not a label', manifests.statefulSet, [[['metadata', 'name'], 'db.v1']], 'metadata.name', 'DNS-1123 label'],
  ['name too long', manifests.pod, [[['metadata', 'name'], 'a'.repeat(254)]], 'metadata.name', 'DNS-1123 subdomain'],
  ['bad generateName', manifests.pod, [[['metadata', 'name'], undefined], [['metadata', 'generateName'], 'Web-']], 'metadata.generateName', 'DNS-1123'],
  ['bad namespace', manifests.pod, [[['metadata', 'namespace'], 'a.b']], 'metadata.namespace', 'DNS-1123 label'],
  ['namespace on a Node', manifests.node, [[['metadata', 'namespace'], 'x']], 'metadata.namespace', 'cluster-scoped'],
  ['bad label key', manifests.pod, [[['metadata', 'labels'], { '-x': 'a' }]], 'metadata.labels[-x]', 'invalid label key'],
  ['bad label prefix', manifests.pod, [[['metadata', 'labels'], { 'Ex.com/x': 'a' }]], 'metadata.labels[Ex.com/x]', 'prefix'],
  ['bad label value', manifests.pod, [[['metadata', 'labels'], { app: 'a b' }]], 'metadata.labels[app]', 'invalid label value'],
  ['long label value', manifests.pod, [[['metadata', 'labels'], { app: 'a'.repeat(64) }]], 'metadata.labels[app]', 'at most 63'],
  ['annotations too large', manifests.pod, [[['metadata', 'annotations'], { a: 'x'.repeat(256 * 1024) }]], 'metadata.annotations', 'at most 262144 bytes'],
  ['bad creationTimestamp', manifests.pod, [[['metadata', 'creationTimestamp'], 'yesterday']], 'metadata.creationTimestamp', 'RFC 3339'],
  ['impossible date', manifests.pod, [[['metadata', 'creationTimestamp'], '2023-02-29T00:00:00Z']], 'metadata.creationTimestamp', 'RFC 3339'],
  ['negative generation', manifests.pod, [[['metadata', 'generation'], -1]], 'metadata.generation', 'greater than or equal to 0'],
  [
    'two controller owners',
    manifests.pod,
    [[['metadata', 'ownerReferences'], [1, 2].map((i) => ({ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: `r${i}`, uid: `u${i}`, controller: true }))]],
    'metadata.ownerReferences',
    'only one reference',
  ],
  ['owner uid empty', manifests.pod, [[['metadata', 'ownerReferences'], [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: '' }]]], 'metadata.ownerReferences[0].uid', 'required'],
  // counts
  ['negative replicas', manifests.deployment, [[['spec', 'replicas'], -1]], 'spec.replicas', 'must be greater than or equal to 0'],
  ['fractional replicas', manifests.replicaSet, [[['spec', 'replicas'], 1.5]], 'spec.replicas', 'must be an integer'],
  ['replicas beyond int32', manifests.statefulSet, [[['spec', 'replicas'], 2 ** 31]], 'spec.replicas', 'less than or equal to 2147483647'],
  ['negative minReadySeconds', manifests.daemonSet, [[['spec', 'minReadySeconds'], -5]], 'spec.minReadySeconds', 'greater than or equal to 0'],
  ['negative revisionHistoryLimit', manifests.deployment, [[['spec', 'revisionHistoryLimit'], -1]], 'spec.revisionHistoryLimit', 'greater than or equal to 0'],
  ['deadline not above minReady', manifests.deployment, [[['spec', 'minReadySeconds'], 600]], 'spec.progressDeadlineSeconds', 'greater than minReadySeconds'],
  ['negative parallelism', manifests.job, [[['spec', 'parallelism'], -1]], 'spec.parallelism', 'greater than or equal to 0'],
  ['negative completions', manifests.job, [[['spec', 'completions'], -2]], 'spec.completions', 'greater than or equal to 0'],
  ['negative backoffLimit', manifests.job, [[['spec', 'backoffLimit'], -1]], 'spec.backoffLimit', 'greater than or equal to 0'],
  ['negative history limit', manifests.cronJob, [[['spec', 'failedJobsHistoryLimit'], -1]], 'spec.failedJobsHistoryLimit', 'greater than or equal to 0'],
  ['ready above replicas', manifests.deployment, [[['status'], { replicas: 1, readyReplicas: 2, availableReplicas: 1 }]], 'status.readyReplicas', 'cannot be greater than status.replicas'],
  ['available above ready', manifests.statefulSet, [[['status'], { replicas: 3, readyReplicas: 1, availableReplicas: 2 }]], 'status.availableReplicas', 'cannot be greater than status.readyReplicas'],
  ['negative status count', manifests.replicaSet, [[['status', 'readyReplicas'], -1]], 'status.readyReplicas', 'greater than or equal to 0'],
  // containers
  ['no containers', manifests.deployment, [[['spec', 'template', 'spec', 'containers'], []]], 'spec.template.spec.containers', 'required'],
  ['image missing', manifests.deployment, [[[...container0, 'image'], undefined]], 'spec.template.spec.containers[0].image', 'required'],
  ['image empty', manifests.pod, [[['spec', 'containers', 0, 'image'], '']], 'spec.containers[0].image', 'required'],
  ['container name not a label', manifests.deployment, [[[...container0, 'name'], 'App']], 'spec.template.spec.containers[0].name', 'DNS-1123 label'],
  ['container name empty', manifests.deployment, [[[...container0, 'name'], '']], 'spec.template.spec.containers[0].name', 'required'],
  [
    'duplicate container name',
    manifests.pod,
    [[['spec', 'containers', 1], { name: 'app', image: 'x:1' }]],
    'spec.containers[1].name',
    'duplicate value "app"',
  ],
  ['bad imagePullPolicy', manifests.pod, [[['spec', 'containers', 0, 'imagePullPolicy'], 'Sometimes']], 'spec.containers[0].imagePullPolicy', 'supported values'],
  // selectors
  ['selector missing', manifests.deployment, [[['spec', 'selector'], undefined]], 'spec.selector', 'required'],
  ['selector empty', manifests.statefulSet, [[['spec', 'selector'], {}]], 'spec.selector', 'empty selector is invalid'],
  ['selector does not match', manifests.daemonSet, [[['spec', 'selector', 'matchLabels'], { app: 'other' }]], 'spec.template.metadata.labels', '`selector` does not match template `labels`'],
  [
    'bad selector operator',
    manifests.replicaSet,
    [[['spec', 'selector'], { matchExpressions: [{ key: 'app', operator: 'Matches', values: ['web'] }] }]],
    'spec.selector.matchExpressions[0].operator',
    'unsupported value "Matches"',
  ],
  [
    'In without values',
    manifests.deployment,
    [[['spec', 'selector'], { matchExpressions: [{ key: 'app', operator: 'In' }] }]],
    'spec.selector.matchExpressions[0].values',
    'must be specified',
  ],
  [
    'Exists with values',
    manifests.deployment,
    [[['spec', 'selector'], { matchExpressions: [{ key: 'app', operator: 'Exists', values: ['x'] }] }]],
    'spec.selector.matchExpressions[0].values',
    'may not be specified',
  ],
  [
    'NotIn excludes the template',
    manifests.deployment,
    [[['spec', 'selector'], { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }]],
    'spec.template.metadata.labels',
    'does not match',
  ],
  ['RC selector does not match', manifests.replicationController, [[['spec', 'selector'], { app: 'other' }]], 'spec.template.metadata.labels', 'does not match'],
  ['RC without any labels', manifests.replicationController, [[['spec', 'template', 'metadata'], undefined]], 'spec.selector', 'required'],
  ['RS template missing', manifests.replicaSet, [[['spec', 'template'], undefined]], 'spec.template', 'required'],
  ['Job selector does not match', manifests.job, [[['spec', 'selector'], { matchLabels: { app: 'x' } }]], 'spec.template.metadata.labels', 'does not match'],
  // int-or-percent and strategies
  ['bad percent', manifests.deployment, [[[...rolling, 'maxSurge'], '25']], 'spec.strategy.rollingUpdate.maxSurge', "percentage such as '25%'"],
  ['negative maxUnavailable', manifests.deployment, [[[...rolling, 'maxUnavailable'], -1]], 'spec.strategy.rollingUpdate.maxUnavailable', 'greater than or equal to 0'],
  ['maxUnavailable over 100%', manifests.deployment, [[[...rolling, 'maxUnavailable'], '150%']], 'spec.strategy.rollingUpdate.maxUnavailable', 'not be greater than 100%'],
  [
    'both zero',
    manifests.deployment,
    [[rolling, { maxSurge: 0, maxUnavailable: '0%' }]],
    'spec.strategy.rollingUpdate.maxUnavailable',
    'may not be 0 when maxSurge is 0',
  ],
  ['DaemonSet both zero', manifests.daemonSet, [[['spec', 'updateStrategy'], { rollingUpdate: { maxSurge: 0, maxUnavailable: 0 } }]], 'spec.updateStrategy.rollingUpdate.maxUnavailable', 'cannot be 0 when maxSurge is 0'],
  ['DaemonSet both non-zero', manifests.daemonSet, [[['spec', 'updateStrategy'], { rollingUpdate: { maxSurge: 1, maxUnavailable: '10%' } }]], 'spec.updateStrategy.rollingUpdate.maxSurge', 'may not be set when maxUnavailable is non-zero'],
  ['DaemonSet maxSurge over 100%', manifests.daemonSet, [[['spec', 'updateStrategy'], { rollingUpdate: { maxSurge: '101%', maxUnavailable: 0 } }]], 'spec.updateStrategy.rollingUpdate.maxSurge', 'not be greater than 100%'],
  ['StatefulSet maxUnavailable 0', manifests.statefulSet, [[['spec', 'updateStrategy'], { rollingUpdate: { maxUnavailable: '0%' } }]], 'spec.updateStrategy.rollingUpdate.maxUnavailable', 'cannot be 0'],
  ['bad strategy type', manifests.deployment, [[['spec', 'strategy'], { type: 'BlueGreen' }]], 'spec.strategy.type', 'supported values: "RollingUpdate", "Recreate"'],
  ['rollingUpdate with Recreate', manifests.deployment, [[['spec', 'strategy'], { type: 'Recreate', rollingUpdate: { maxSurge: 1 } }]], 'spec.strategy.rollingUpdate', 'may not be specified'],
  ['StatefulSet partition', manifests.statefulSet, [[['spec', 'updateStrategy'], { type: 'RollingUpdate', rollingUpdate: { partition: -1 } }]], 'spec.updateStrategy.rollingUpdate.partition', 'greater than or equal to 0'],
  ['StatefulSet OnDelete with rollingUpdate', manifests.statefulSet, [[['spec', 'updateStrategy'], { type: 'OnDelete', rollingUpdate: {} }]], 'spec.updateStrategy.rollingUpdate', 'may not be specified'],
  ['bad podManagementPolicy', manifests.statefulSet, [[['spec', 'podManagementPolicy'], 'Random']], 'spec.podManagementPolicy', '"OrderedReady", "Parallel"'],
  ['activeDeadlineSeconds in a Deployment template', manifests.deployment, [[['spec', 'template', 'spec', 'activeDeadlineSeconds'], 30]], 'spec.template.spec.activeDeadlineSeconds', 'not supported in a Deployment template'],
  // restart policies
  ['Never in a Deployment', manifests.deployment, [[['spec', 'template', 'spec', 'restartPolicy'], 'Never']], 'spec.template.spec.restartPolicy', 'supported values: "Always"'],
  ['Job without restartPolicy', manifests.job, [[['spec', 'template', 'spec', 'restartPolicy'], undefined]], 'spec.template.spec.restartPolicy', '"Always" (the default when unset)'],
  ['CronJob with Always', manifests.cronJob, [[['spec', 'jobTemplate', 'spec', 'template', 'spec', 'restartPolicy'], 'Always']], 'spec.jobTemplate.spec.template.spec.restartPolicy', '"OnFailure", "Never"'],
  ['bad pod restartPolicy', manifests.pod, [[['spec', 'restartPolicy'], 'Sometimes']], 'spec.restartPolicy', 'supported values'],
  // Job and CronJob
  ['bad completionMode', manifests.job, [[['spec', 'completionMode'], 'Sharded']], 'spec.completionMode', '"NonIndexed", "Indexed"'],
  ['Indexed without completions', manifests.job, [[['spec', 'completionMode'], 'Indexed'], [['spec', 'parallelism'], 2]], 'spec.completions', 'required when completionMode is Indexed'],
  ['empty schedule', manifests.cronJob, [[['spec', 'schedule'], ' ']], 'spec.schedule', 'required'],
  ['four-field schedule', manifests.cronJob, [[['spec', 'schedule'], '* * * *']], 'spec.schedule', 'must have 5 fields'],
  ['minute out of range', manifests.cronJob, [[['spec', 'schedule'], '61 * * * *']], 'spec.schedule', 'minute "61" is out of range 0-59'],
  ['unknown descriptor', manifests.cronJob, [[['spec', 'schedule'], '@fortnightly']], 'spec.schedule', 'unrecognized descriptor'],
  ['bad concurrencyPolicy', manifests.cronJob, [[['spec', 'concurrencyPolicy'], 'Sometimes']], 'spec.concurrencyPolicy', '"Allow", "Forbid", "Replace"'],
  ['timeZone Local', manifests.cronJob, [[['spec', 'timeZone'], 'Local']], 'spec.timeZone', 'explicit IANA'],
  ['unknown timeZone', manifests.cronJob, [[['spec', 'timeZone'], 'Mars/Olympus']], 'spec.timeZone', 'unknown time zone'],
  ['timeZone with a bad part', manifests.cronJob, [[['spec', 'timeZone'], 'Europe/../Paris']], 'spec.timeZone', 'unknown time zone'],
  ['selector in a jobTemplate', manifests.cronJob, [[['spec', 'jobTemplate', 'spec', 'selector'], { matchLabels: { a: 'b' } }]], 'spec.jobTemplate.spec.selector', 'generated'],
  ['TZ and timeZone', manifests.cronJob, [[['spec', 'schedule'], 'TZ=UTC 0 * * * *'], [['spec', 'timeZone'], 'UTC']], 'spec.schedule', 'cannot use both'],
  ['CronJob name too long', manifests.cronJob, [[['metadata', 'name'], 'c'.repeat(53)]], 'metadata.name', 'no more than 52 characters'],
  ['Job name too long', manifests.job, [[['metadata', 'name'], 'j'.repeat(64)]], 'metadata.name', 'no more than 63 characters'],
  ['bad job status time', manifests.job, [[['status', 'startTime'], '2024-13-01T00:00:00Z']], 'status.startTime', 'RFC 3339'],
  ['bad condition time', manifests.deployment, [[['status', 'conditions'], [{ type: 'Available', status: 'True', lastUpdateTime: 'now' }]]], 'status.conditions[0].lastUpdateTime', 'RFC 3339'],
  // scheduling
  ['bad toleration operator', manifests.pod, [[['spec', 'tolerations'], [{ key: 'k', operator: 'Maybe' }]]], 'spec.tolerations[0].operator', 'supported values'],
  ['tolerationSeconds without NoExecute', manifests.pod, [[['spec', 'tolerations'], [{ key: 'k', operator: 'Exists', effect: 'NoSchedule', tolerationSeconds: 5 }]]], 'spec.tolerations[0].effect', 'NoExecute'],
  ['bad taint effect', manifests.node, [[['spec', 'taints'], [{ key: 'k', effect: 'Sometimes' }]]], 'spec.taints[0].effect', 'supported values'],
  [
    'Gt with a non-integer',
    manifests.pod,
    [[['spec', 'affinity'], { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'k', operator: 'Gt', values: ['x'] }] }] } } }]],
    'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values',
    'single integer',
  ],
  ['negative revision', manifests.controllerRevision, [[['revision'], -1]], 'revision', 'greater than or equal to 0'],
  ['revision without data', manifests.controllerRevision, [[['data'], undefined]], 'data', 'required'],
  ['Indexed Job hostname too long', manifests.job, [[['metadata', 'name'], 'j'.repeat(60)], [['spec', 'completionMode'], 'Indexed'], [['spec', 'completions'], 1000]], 'metadata.name', 'not a DNS-1123 label'],
  ['successPolicy without Indexed', manifests.job, [[['spec', 'successPolicy'], { rules: [] }]], 'spec.successPolicy', 'requires completionMode Indexed'],
]

describe('validate (through decode, after defaults)', () => {
  it.each(Object.entries(manifests))('the %s fixture is valid', (_name, make) => {
    right(decode(make()))
  })

  it.each(cases)('%s', (_name, make, edits, path, message) => {
    const input = edits.reduce((o, [p, v]) => setIn(o, p, v), make())
    expectIssue(issues(decode(input)), path, message)
  })

  it('reports every failing field at once', () => {
    const input = setIn(setIn(setIn(manifests.deployment(), ['spec', 'replicas'], -1), [...container0, 'image'], undefined), ['metadata', 'name'], 'Bad!')
    const found = issues(decode(input))
    expect(found.map((i) => i.path)).toEqual(
      expect.arrayContaining(['metadata.name', 'spec.replicas', 'spec.template.spec.containers[0].image']),
    )
  })

  it.each(['UTC', 'Europe/Berlin', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5'])('accepts the time zone %s', (tz) => {
    right(decode(setIn(manifests.cronJob(), ['spec', 'timeZone'], tz)))
  })

  it.each([
    ['@every 1h30m', true],
    ['@hourly', true],
    ['0 0 1 JAN,jul MON-FRI', true],
    ['*/15 9-17 * * 1-5', true],
    ['CRON_TZ=Europe/Berlin 0 6 * * *', true],
    ['0 0 * * 7', false],
    ['0 0 0 * *', false],
    ['5-1 * * * *', false],
    ['*/0 * * * *', false],
    ['@every forever', false],
  ])('schedule %j valid: %s', (schedule, valid) => {
    const found = decode(setIn(manifests.cronJob(), ['spec', 'schedule'], schedule))
    expect(found._tag === 'Right').toBe(valid)
  })
})

describe('validate (direct)', () => {
  it('returns [] for a valid defaulted object', () => {
    const d = right(decode(manifests.deployment()))
    expect(_.validate(d)).toEqual([])
  })

  it('judges the object as given (no defaulting of its own)', () => {
    const d = right(decode(manifests.job()))
    const spec = (d as Extract<KubeObject, { kind: 'Job' }>).spec
    const noRestart = { ...d, spec: { ...spec, template: { ...spec.template, spec: { ...spec.template.spec, restartPolicy: 'Always' } } } }
    expectIssue(_.validate(noRestart as KubeObject), 'spec.template.spec.restartPolicy', 'supported values')
  })

  it.each([
    ['2024-01-01T00:00:00Z', true],
    ['2024-01-01T00:00:00.123456Z', true],
    ['2024-01-01T01:00:00+01:00', true],
    ['2024-02-29T00:00:00Z', true],
    ['2023-02-29T00:00:00Z', false],
    ['2024-01-01 00:00:00Z', false],
    ['2024-01-01T24:00:00Z', false],
    ['2024-01-01T00:00:00', false],
    ['2024-01-01', false],
  ])('isRfc3339(%j) = %s', (s, ok) => {
    expect(_.isRfc3339(s)).toBe(ok)
  })

  it('selectorMatches: matchLabels and every operator', () => {
    const labels = { app: 'web', tier: 'front' }
    expect(_.selectorMatches({}, labels)).toBe(true)
    expect(_.selectorMatches({ matchLabels: { app: 'web' } }, labels)).toBe(true)
    expect(_.selectorMatches({ matchLabels: { app: 'db' } }, labels)).toBe(false)
    expect(_.selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'back'] }] }, labels)).toBe(true)
    expect(_.selectorMatches({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, labels)).toBe(false)
    expect(_.selectorMatches({ matchExpressions: [{ key: 'zone', operator: 'NotIn', values: ['a'] }] }, labels)).toBe(true)
    expect(_.selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Exists' }] }, labels)).toBe(true)
    expect(_.selectorMatches({ matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, labels)).toBe(false)
    expect(_.selectorMatches({ matchExpressions: [{ key: 'app', operator: 'Bogus' }] }, labels)).toBe(false)
    expect(_.selectorMatches({ matchLabels: { toString: 'x' } }, {})).toBe(false)
  })
})
