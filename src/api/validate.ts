/**
 * What the API server validates for the supported kinds, as pure functions from a
 * (structurally decoded) object to the failing fields: names, labels and annotations,
 * non-negative counts, containers, selectors and their match with the template labels,
 * int-or-percent values, strategies and the per-kind enumerations, RFC 3339 timestamps and
 * CronJob schedules. Each rule is small; `validate` runs the table for the object's kind.
 *
 * Paths and messages follow upstream's in spirit (`spec.template.spec.containers[0].image:
 * required`); the wording is ours.
 */
import { fromLabelSelector } from './selector.js'
import { maxInt32 as MAX_INT32 } from './limits.js'
import * as JobIndexes from './jobIndexes.js'
import type { FieldIssue } from './DecodeError.js'
import type { Condition, IntOrString, LabelSelector, ObjectMeta, StringMap } from './meta.js'
import type { Kind, KubeObject } from './object.js'
import { isGeneric } from './object.js'
import { genericRules } from './generic.js'
import type { GenericObject, NameRule as GenericNameRule } from './generic.js'
import type { Container, Pod, PodSpec, PodTemplateSpec } from './pod.js'
import type { ControllerRevision, Node, PersistentVolumeClaim } from './node.js'
import type {
  CronJob,
  DaemonSet,
  Deployment,
  JobSpec,
  Job,
  ReplicaSet,
  ReplicationController,
  StatefulSet,
} from './workloads.js'
import { indexPath, keyPath, utf8Length } from './sanitize.js'
import * as E from 'fp-ts/lib/Either.js'
import { parseStandard } from './cron.js'
import { loadLocation } from './timezone.js'

type Issues = ReadonlyArray<FieldIssue>

const none: Issues = []
const issue = (path: string, message: string): Issues => [{ path, message }]
/** The issues of every group, in order (no allocation when there are none: the common case). */
const all = (...groups: ReadonlyArray<Issues>): Issues => {
  let found: Array<Issues[number]> | undefined
  for (const g of groups) if (g.length > 0) (found ??= []).push(...g)
  return found ?? none
}
const each = <A>(path: string, as: ReadonlyArray<A> | undefined, f: (p: string, a: A, i: number) => Issues): Issues => {
  if (as === undefined) return none
  let found: Array<Issues[number]> | undefined
  for (let i = 0; i < as.length; i++) {
    const g = f(indexPath(path, i), as[i]!, i)
    if (g.length > 0) (found ??= []).push(...g)
  }
  return found ?? none
}
const entries = (m: StringMap | undefined): ReadonlyArray<readonly [string, string]> =>
  m === undefined ? [] : Object.entries(m)

/** A short, quoted rendering of an offending value for messages. */
const show = (v: unknown): string => {
  const s = JSON.stringify(v) ?? String(v)
  return s.length > 80 ? `${s.slice(0, 77)}...` : s
}

// -------------------------------------------------------------------------------------
// scalars
// -------------------------------------------------------------------------------------


const integer = (path: string, v: number | undefined, min: number, max: number): Issues =>
  v === undefined
    ? none
    : !Number.isInteger(v)
      ? issue(path, `must be an integer, got ${v}`)
      : v < min
        ? issue(path, `must be greater than or equal to ${min}`)
        : v > max
          ? issue(path, `must be less than or equal to ${max}`)
          : none

/** An int32 count such as `replicas`: an integer in [min, 2147483647]. */
const int32 = (path: string, v: number | undefined, min = 0): Issues => integer(path, v, min, MAX_INT32)
/** An int64 value such as `generation`: a safe integer, at least `min`. */
const int64 = (path: string, v: number | undefined, min = 0): Issues =>
  integer(path, v, min, Number.MAX_SAFE_INTEGER)

const quoteAll = (vs: ReadonlyArray<string>): string => vs.map((v) => `"${v}"`).join(', ')

const oneOf = (path: string, v: string | undefined, allowed: ReadonlyArray<string>): Issues =>
  v === undefined || allowed.includes(v)
    ? none
    : issue(path, `unsupported value ${show(v)}: supported values: ${quoteAll(allowed)}`)

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d+)?(Z|[+-](\d{2}):(\d{2}))$/

const daysInLeapYearMonth: ReadonlyArray<number> = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

/** True for an RFC 3339 date-time as Go's `time.RFC3339` parser accepts it. */
export const isRfc3339 = (s: string): boolean => {
  const m = RFC3339.exec(s)
  if (m === null) return false
  const [y, mo, d, h, mi, se] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number]
  const days = daysInLeapYearMonth[mo - 1] ?? 0
  const leapOk = !(mo === 2 && d === 29) || (y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0))
  const offOk = m[9] === undefined || (Number(m[9]) <= 23 && Number(m[10]) <= 59)
  return mo >= 1 && mo <= 12 && d >= 1 && d <= days && leapOk && h <= 23 && mi <= 59 && se <= 59 && offOk
}

const time = (path: string, v: string | undefined): Issues =>
  v === undefined || isRfc3339(v)
    ? none
    : issue(path, `must be an RFC 3339 timestamp such as 2024-01-01T00:00:00Z, got ${show(v)}`)

// -------------------------------------------------------------------------------------
// names, labels, annotations
// -------------------------------------------------------------------------------------

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/

const SUBDOMAIN_RULE =
  "must be a DNS-1123 subdomain: at most 253 lowercase letters, digits, '-' and '.', starting and ending with a letter or digit"
const LABEL_RULE =
  "must be a DNS-1123 label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit"

const isSubdomain = (s: string): boolean => s.length <= 253 && DNS1123_SUBDOMAIN.test(s)
const isDnsLabel = (s: string): boolean => s.length <= 63 && DNS1123_LABEL.test(s)

/** Why `key` is not a qualified name (`[prefix/]name`), or `undefined` when it is one. */
const qualifiedNameProblem = (key: string): string | undefined => {
  const parts = key.split('/')
  const name = parts.length === 2 ? parts[1] ?? '' : parts[0] ?? ''
  if (parts.length > 2) return 'may contain at most one "/"'
  if (parts.length === 2 && !isSubdomain(parts[0] ?? '')) return `its prefix ${SUBDOMAIN_RULE}`
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name))
    return "its name must be at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit"
  return undefined
}

type NameRule = (path: string, name: string) => Issues

const subdomainName: NameRule = (path, name) => (isSubdomain(name) ? none : issue(path, `${SUBDOMAIN_RULE}, got ${show(name)}`))
const maxLength =
  (n: number, why: string): NameRule =>
  (path, name) =>
    name.length > n ? issue(path, `must be no more than ${n} characters (${why})`) : none
const labelName: NameRule = (path, name) => (isDnsLabel(name) ? none : issue(path, `${LABEL_RULE}, got ${show(name)}`))
const jobName: NameRule = (path, name) =>
  all(subdomainName(path, name), maxLength(63, 'the name is also a label value on its pods')(path, name))
const cronJobName: NameRule = (path, name) =>
  all(subdomainName(path, name), maxLength(52, 'its Jobs are named <name>-<minutes> within 63 characters')(path, name))

/** Label keys and values (`metadata.labels`, `matchLabels`, `nodeSelector`). */
const labels = (path: string, m: StringMap | undefined): Issues =>
  entries(m).flatMap(([k, v]) => {
    const keyProblem = qualifiedNameProblem(k)
    return all(
      keyProblem === undefined ? none : issue(keyPath(path, k), `invalid label key: ${keyProblem}`),
      v.length <= 63 && LABEL_VALUE.test(v)
        ? none
        : issue(
            keyPath(path, k),
            `invalid label value ${show(v)}: must be empty or at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit`,
          ),
    )
  })

const MAX_ANNOTATIONS_BYTES = 256 * 1024

const annotations = (path: string, m: StringMap | undefined): Issues => {
  const keys = entries(m).flatMap(([k]) => {
    const problem = qualifiedNameProblem(k.toLowerCase())
    return problem === undefined ? none : issue(keyPath(path, k), `invalid annotation key: ${problem}`)
  })
  const size = entries(m).reduce((n, [k, v]) => n + utf8Length(k) + utf8Length(v), 0)
  return all(
    keys,
    size > MAX_ANNOTATIONS_BYTES ? issue(path, `must have at most ${MAX_ANNOTATIONS_BYTES} bytes in total, got ${size}`) : none,
  )
}

// -------------------------------------------------------------------------------------
// metadata
// -------------------------------------------------------------------------------------

interface MetaRules {
  readonly namespaced: boolean
  readonly name: NameRule
}

const ownerReferences = (path: string, m: ObjectMeta): Issues => {
  const refs = m.ownerReferences ?? []
  const controllers = refs.filter((r) => r.controller === true).length
  return all(
    each(path, refs, (p, r) =>
      (['apiVersion', 'kind', 'name', 'uid'] as const).flatMap((f) => (r[f] === '' ? issue(`${p}.${f}`, 'required') : none)),
    ),
    each(path, refs, (p, r) =>
      r.apiVersion === 'v1' && r.kind === 'Event' ? issue(p, 'v1 Event is disallowed from being an owner') : none,
    ),
    controllers > 1 ? issue(path, `only one reference can have controller set to true, found ${controllers}`) : none,
  )
}

/** Finalizer names are qualified names, and `orphan` excludes `foregroundDeletion` (upstream `ValidateFinalizers`). */
const finalizers = (path: string, fs: ReadonlyArray<string> | undefined): Issues =>
  all(
    each(path, fs, (p, f) => {
      const problem = qualifiedNameProblem(f)
      return problem === undefined ? none : issue(p, `invalid finalizer name ${show(f)}: ${problem}`)
    }),
    fs !== undefined && fs.includes('orphan') && fs.includes('foregroundDeletion')
      ? issue(path, 'finalizer orphan and foregroundDeletion cannot be both set')
      : none,
  )

const objectMeta = (m: ObjectMeta, rules: MetaRules): Issues => {
  const name = m.name ?? ''
  const generateName = m.generateName ?? ''
  return all(
    name === '' && generateName === ''
      ? issue('metadata.name', 'required (or set metadata.generateName)')
      : name !== ''
        ? rules.name('metadata.name', name)
        : // A prefix: upstream ignores one trailing '-' before checking it as a name.
          rules.name('metadata.generateName', generateName.replace(/-$/, '')),
    rules.namespaced
      ? m.namespace === undefined || isDnsLabel(m.namespace)
        ? none
        : issue('metadata.namespace', `${LABEL_RULE}, got ${show(m.namespace)}`)
      : m.namespace === undefined || m.namespace === ''
        ? none
        : issue('metadata.namespace', 'not allowed on a cluster-scoped kind'),
    labels('metadata.labels', m.labels),
    annotations('metadata.annotations', m.annotations),
    int64('metadata.generation', m.generation),
    int64('metadata.deletionGracePeriodSeconds', m.deletionGracePeriodSeconds),
    time('metadata.creationTimestamp', m.creationTimestamp),
    time('metadata.deletionTimestamp', m.deletionTimestamp),
    ownerReferences('metadata.ownerReferences', m),
    finalizers('metadata.finalizers', m.finalizers),
  )
}

const conditions = (path: string, cs: ReadonlyArray<Condition> | undefined): Issues =>
  each(path, cs, (p, c) =>
    all(
      time(`${p}.lastTransitionTime`, c.lastTransitionTime),
      time(`${p}.lastUpdateTime`, c.lastUpdateTime),
      time(`${p}.lastProbeTime`, c.lastProbeTime),
      time(`${p}.lastHeartbeatTime`, c.lastHeartbeatTime),
    ),
  )

/** Status counters are non-negative int32s. */
const counts = (path: string, status: Readonly<Record<string, unknown>> | undefined, keys: ReadonlyArray<string>): Issues =>
  status === undefined
    ? none
    : keys.flatMap((k) => {
        const v = status[k]
        return typeof v === 'number' ? (k === 'observedGeneration' ? int64 : int32)(`${path}.${k}`, v) : none
      })

type StatusCounts = Readonly<Record<string, unknown>> | undefined

/** `status.<field>` may not exceed `status.<limit>` (both read as 0 when unset), as upstream's status validation. */
const notAbove = (status: StatusCounts, field: string, limit: string): Issues => {
  const v = status?.[field]
  const max = status?.[limit]
  return typeof v === 'number' && v > (typeof max === 'number' ? max : 0)
    ? issue(`status.${field}`, `cannot be greater than status.${limit}`)
    : none
}

/**
 * Replica counters: every one of `keys` non-negative, each of `withinReplicas` at most
 * `replicas`, and `availableReplicas` at most `readyReplicas`.
 */
const replicaCounts = (status: StatusCounts, keys: ReadonlyArray<string>, withinReplicas: ReadonlyArray<string>): Issues =>
  all(
    counts('status', status, keys),
    withinReplicas.flatMap((k) => notAbove(status, k, 'replicas')),
    notAbove(status, 'availableReplicas', 'readyReplicas'),
  )

// -------------------------------------------------------------------------------------
// selectors
// -------------------------------------------------------------------------------------

const SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist'] as const

/** True when `labels` satisfy `selector` (matchLabels and matchExpressions, ANDed). */
export const selectorMatches = (selector: LabelSelector, labelSet: StringMap): boolean => fromLabelSelector(selector)(labelSet)

const isEmptySelector = (s: LabelSelector): boolean =>
  entries(s.matchLabels).length === 0 && (s.matchExpressions ?? []).length === 0

const labelSelector = (path: string, s: LabelSelector): Issues =>
  all(
    labels(`${path}.matchLabels`, s.matchLabels),
    each(`${path}.matchExpressions`, s.matchExpressions, (p, r) => {
      const keyProblem = qualifiedNameProblem(r.key)
      const values = r.values ?? []
      return all(
        keyProblem === undefined ? none : issue(`${p}.key`, `invalid label key: ${keyProblem}`),
        oneOf(`${p}.operator`, r.operator, SELECTOR_OPERATORS),
        (r.operator === 'In' || r.operator === 'NotIn') && values.length === 0
          ? issue(`${p}.values`, 'must be specified when operator is In or NotIn')
          : none,
        (r.operator === 'Exists' || r.operator === 'DoesNotExist') && values.length > 0
          ? issue(`${p}.values`, 'may not be specified when operator is Exists or DoesNotExist')
          : none,
      )
    }),
  )

/**
 * A workload's selector: valid, present and non-empty when `required`, and matching the template labels.
 * `spec` is the path of the spec holding `selector` and `template`.
 */
const selectorAndTemplate = (
  spec: string,
  selector: LabelSelector | undefined,
  template: PodTemplateSpec | undefined,
  required: boolean,
): Issues => {
  if (selector === undefined) return required ? issue(`${spec}.selector`, 'required') : none
  const syntax = labelSelector(`${spec}.selector`, selector)
  if (syntax.length > 0) return syntax
  if (isEmptySelector(selector))
    return required ? issue(`${spec}.selector`, 'empty selector is invalid (it would select every pod in the namespace)') : none
  return template !== undefined && !selectorMatches(selector, template.metadata?.labels ?? {})
    ? issue(`${spec}.template.metadata.labels`, '`selector` does not match template `labels`')
    : none
}

// -------------------------------------------------------------------------------------
// int-or-percent
// -------------------------------------------------------------------------------------

const PERCENT = /^[0-9]+%$/

const intOrPercent = (path: string, v: IntOrString | undefined): Issues =>
  v === undefined
    ? none
    : typeof v === 'number'
      ? int32(path, v)
      : PERCENT.test(v)
        ? none
        : issue(path, `must be a non-negative integer or a percentage such as '25%' (regex '[0-9]+%'), got ${show(v)}`)

const scaledValue = (v: IntOrString | undefined): number =>
  v === undefined ? 0 : typeof v === 'number' ? v : Number.parseInt(v, 10)

const atMost100Percent = (path: string, v: IntOrString | undefined): Issues =>
  typeof v === 'string' && PERCENT.test(v) && Number.parseInt(v, 10) > 100 ? issue(path, 'must not be greater than 100%') : none

/** maxSurge and maxUnavailable: each an int or percent, maxUnavailable ≤ 100%, not both zero. */
const surgeAndUnavailable = (path: string, maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined): Issues =>
  all(
    intOrPercent(`${path}.maxSurge`, maxSurge),
    intOrPercent(`${path}.maxUnavailable`, maxUnavailable),
    atMost100Percent(`${path}.maxUnavailable`, maxUnavailable),
    maxSurge !== undefined && maxUnavailable !== undefined && scaledValue(maxSurge) === 0 && scaledValue(maxUnavailable) === 0
      ? issue(`${path}.maxUnavailable`, 'may not be 0 when maxSurge is 0')
      : none,
  )

/** DaemonSet: each an int or percent up to 100%, and exactly one of them non-zero. */
const daemonSetRolling = (path: string, maxSurge: IntOrString | undefined, maxUnavailable: IntOrString | undefined): Issues => {
  const surge = scaledValue(maxSurge) !== 0
  const unavailable = scaledValue(maxUnavailable) !== 0
  return all(
    intOrPercent(`${path}.maxSurge`, maxSurge),
    intOrPercent(`${path}.maxUnavailable`, maxUnavailable),
    atMost100Percent(`${path}.maxSurge`, maxSurge),
    atMost100Percent(`${path}.maxUnavailable`, maxUnavailable),
    surge && unavailable ? issue(`${path}.maxSurge`, 'may not be set when maxUnavailable is non-zero') : none,
    !surge && !unavailable ? issue(`${path}.maxUnavailable`, 'cannot be 0 when maxSurge is 0') : none,
  )
}

/** `rollingUpdate` parameters are only allowed with the RollingUpdate strategy type. */
const strategyType = (path: string, type: string | undefined, rollingUpdate: unknown, allowed: ReadonlyArray<string>): Issues =>
  all(
    oneOf(`${path}.type`, type, allowed),
    rollingUpdate !== undefined && type !== undefined && type !== 'RollingUpdate'
      ? issue(`${path}.rollingUpdate`, `may not be specified when strategy type is ${show(type)}`)
      : none,
  )

// -------------------------------------------------------------------------------------
// pods
// -------------------------------------------------------------------------------------

const PULL_POLICIES = ['Always', 'IfNotPresent', 'Never'] as const
const TERMINATION_MESSAGE_POLICIES = ['File', 'FallbackToLogsOnError'] as const
const RESTART_POLICIES = ['Always', 'OnFailure', 'Never'] as const
const DNS_POLICIES = ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'] as const
const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'] as const
const NODE_SELECTOR_OPERATORS = ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'] as const

const container = (p: string, c: Container): Issues =>
  all(
    c.name === '' ? issue(`${p}.name`, 'required') : isDnsLabel(c.name) ? none : issue(`${p}.name`, `${LABEL_RULE}, got ${show(c.name)}`),
    c.image === undefined || c.image === ''
      ? issue(`${p}.image`, 'required')
      : c.image.trim() !== c.image
        ? issue(`${p}.image`, 'must not have leading or trailing whitespace')
        : none,
    oneOf(`${p}.imagePullPolicy`, c.imagePullPolicy, PULL_POLICIES),
    oneOf(`${p}.terminationMessagePolicy`, c.terminationMessagePolicy, TERMINATION_MESSAGE_POLICIES),
  )

const containerNames = (path: string, spec: PodSpec): Issues => {
  const named = [
    ...(spec.initContainers ?? []).map((c, i) => [indexPath(`${path}.initContainers`, i), c.name] as const),
    ...spec.containers.map((c, i) => [indexPath(`${path}.containers`, i), c.name] as const),
  ]
  const seen = new Set<string>()
  return named.flatMap(([p, name]) => {
    if (name === '') return none
    const dup = seen.has(name)
    seen.add(name)
    return dup ? issue(`${p}.name`, `duplicate value ${show(name)}`) : none
  })
}

const tolerations = (path: string, spec: PodSpec): Issues =>
  each(path, spec.tolerations, (p, t) =>
    all(
      oneOf(`${p}.operator`, t.operator === '' ? undefined : t.operator, ['Exists', 'Equal']),
      oneOf(`${p}.effect`, t.effect === '' ? undefined : t.effect, TAINT_EFFECTS),
      (t.key ?? '') === '' && t.operator !== 'Exists' ? issue(`${p}.operator`, 'must be Exists when key is empty') : none,
      t.operator === 'Exists' && (t.value ?? '') !== '' ? issue(`${p}.value`, 'must be empty when operator is Exists') : none,
      t.tolerationSeconds !== undefined && t.effect !== 'NoExecute'
        ? issue(`${p}.effect`, 'must be NoExecute when tolerationSeconds is set')
        : none,
    ),
  )

const nodeAffinity = (path: string, spec: PodSpec): Issues => {
  const required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
  const termsPath = `${path}.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms`
  if (required === undefined) return none
  if (required.nodeSelectorTerms.length === 0) return issue(termsPath, 'must have at least one node selector term')
  return each(termsPath, required.nodeSelectorTerms, (tp, term) =>
    (['matchExpressions', 'matchFields'] as const).flatMap((f) =>
      each(`${tp}.${f}`, term[f], (p, r) => {
        const n = (r.values ?? []).length
        return all(
          oneOf(`${p}.operator`, r.operator, NODE_SELECTOR_OPERATORS),
          (r.operator === 'In' || r.operator === 'NotIn') && n === 0
            ? issue(`${p}.values`, 'must be specified when operator is In or NotIn')
            : none,
          (r.operator === 'Exists' || r.operator === 'DoesNotExist') && n > 0
            ? issue(`${p}.values`, 'may not be specified when operator is Exists or DoesNotExist')
            : none,
          (r.operator === 'Gt' || r.operator === 'Lt') && (n !== 1 || !/^-?[0-9]+$/.test(r.values?.[0] ?? ''))
            ? issue(`${p}.values`, 'must be a single integer when operator is Gt or Lt')
            : none,
        )
      }),
    ),
  )
}

/** A restart policy the owning kind allows (an unset one defaults to Always, which Jobs reject). */
const restartPolicy = (path: string, v: string | undefined, allowed: ReadonlyArray<string>): Issues =>
  v === undefined || allowed.includes(v)
    ? none
    : issue(
        path,
        `unsupported value ${show(v)}${v === 'Always' ? ' (the default when unset)' : ''}: supported values: ${quoteAll(allowed)}`,
      )

/** A pod spec; `restartPolicies` are the values the owning kind allows. */
const podSpec = (path: string, spec: PodSpec, restartPolicies: ReadonlyArray<string>): Issues =>
  all(
    spec.containers.length === 0 ? issue(`${path}.containers`, 'required: a pod needs at least one container') : none,
    each(`${path}.initContainers`, spec.initContainers, container),
    each(`${path}.containers`, spec.containers, container),
    containerNames(path, spec),
    restartPolicy(`${path}.restartPolicy`, spec.restartPolicy, restartPolicies),
    oneOf(`${path}.dnsPolicy`, spec.dnsPolicy, DNS_POLICIES),
    int64(`${path}.terminationGracePeriodSeconds`, spec.terminationGracePeriodSeconds),
    int64(`${path}.activeDeadlineSeconds`, spec.activeDeadlineSeconds, 1),
    labels(`${path}.nodeSelector`, spec.nodeSelector),
    tolerations(`${path}.tolerations`, spec),
    nodeAffinity(path, spec),
  )

/** A pod template: its labels and annotations, and its pod spec. */
const podTemplate = (path: string, t: PodTemplateSpec, restartPolicies: ReadonlyArray<string>): Issues =>
  all(
    labels(`${path}.metadata.labels`, t.metadata?.labels),
    annotations(`${path}.metadata.annotations`, t.metadata?.annotations),
    podSpec(`${path}.spec`, t.spec, restartPolicies),
  )

const ALWAYS = ['Always'] as const
const RUN_TO_COMPLETION = ['OnFailure', 'Never'] as const

/** The template of a long-running workload (RS, RC, Deployment, StatefulSet, DaemonSet). */
const serviceTemplate = (path: string, t: PodTemplateSpec, kind: string): Issues =>
  all(
    podTemplate(path, t, ALWAYS),
    t.spec.activeDeadlineSeconds === undefined
      ? none
      : issue(`${path}.spec.activeDeadlineSeconds`, `not supported in a ${kind} template`),
  )

// -------------------------------------------------------------------------------------
// kinds
// -------------------------------------------------------------------------------------

const namespacedMeta: MetaRules = { namespaced: true, name: subdomainName }
const clusterMeta: MetaRules = { namespaced: false, name: subdomainName }

/** @internal What validation rejects in a pod's spec (a function of the spec alone). */
export const podSpecIssues = (spec: PodSpec): ReadonlyArray<FieldIssue> => podSpec('spec', spec, RESTART_POLICIES)

const podStatus = (o: Pod): Issues =>
  all(
    conditions('status.conditions', o.status?.conditions),
    time('status.startTime', o.status?.startTime),
    (['containerStatuses', 'initContainerStatuses'] as const).flatMap((f) =>
      each(`status.${f}`, o.status?.[f], (p, s) => int32(`${p}.restartCount`, s.restartCount)),
    ),
  )

/** @internal What validation rejects in a pod outside its spec. */
export const podIssuesBesidesSpec = (o: Pod): ReadonlyArray<FieldIssue> => all(objectMeta(o.metadata, namespacedMeta), podStatus(o))

const pod = (o: Pod): Issues => all(objectMeta(o.metadata, namespacedMeta), podSpec('spec', o.spec, RESTART_POLICIES), podStatus(o))

const node = (o: Node): Issues =>
  all(
    objectMeta(o.metadata, clusterMeta),
    each('spec.taints', o.spec?.taints, (p, t) => {
      const keyProblem = qualifiedNameProblem(t.key)
      return all(
        keyProblem === undefined ? none : issue(`${p}.key`, `invalid taint key: ${keyProblem}`),
        t.effect === '' ? issue(`${p}.effect`, 'required') : oneOf(`${p}.effect`, t.effect, TAINT_EFFECTS),
        time(`${p}.timeAdded`, t.timeAdded),
      )
    }),
    conditions('status.conditions', o.status?.conditions),
  )

const persistentVolumeClaim = (o: PersistentVolumeClaim): Issues => objectMeta(o.metadata, namespacedMeta)

const controllerRevision = (o: ControllerRevision): Issues =>
  all(
    objectMeta(o.metadata, namespacedMeta),
    o.data === undefined ? issue('data', 'required') : none,
    int64('revision', o.revision),
  )

const RS_STATUS = ['replicas', 'fullyLabeledReplicas', 'readyReplicas', 'availableReplicas', 'terminatingReplicas', 'observedGeneration']

const rsStatus = (status: ReplicaSet['status']): Issues =>
  all(
    replicaCounts(status, RS_STATUS, ['fullyLabeledReplicas', 'readyReplicas', 'availableReplicas']),
    conditions('status.conditions', status?.conditions),
  )

const replicaSet = (o: ReplicaSet): Issues =>
  all(
    objectMeta(o.metadata, namespacedMeta),
    int32('spec.replicas', o.spec.replicas),
    int32('spec.minReadySeconds', o.spec.minReadySeconds),
    selectorAndTemplate('spec', o.spec.selector, o.spec.template, true),
    o.spec.template === undefined ? issue('spec.template', 'required') : serviceTemplate('spec.template', o.spec.template, 'ReplicaSet'),
    rsStatus(o.status),
  )

const replicationController = (o: ReplicationController): Issues => {
  const selector = o.spec.selector ?? {}
  const templateLabels = o.spec.template?.metadata?.labels ?? {}
  return all(
    objectMeta(o.metadata, namespacedMeta),
    int32('spec.replicas', o.spec.replicas),
    int32('spec.minReadySeconds', o.spec.minReadySeconds),
    entries(selector).length === 0
      ? issue('spec.selector', 'required (it defaults to the template labels when those are set)')
      : labels('spec.selector', selector),
    o.spec.template === undefined
      ? issue('spec.template', 'required')
      : serviceTemplate('spec.template', o.spec.template, 'ReplicationController'),
    o.spec.template !== undefined && entries(selector).length > 0 && !selectorMatches({ matchLabels: selector }, templateLabels)
      ? issue('spec.template.metadata.labels', '`selector` does not match template `labels`')
      : none,
    rsStatus(o.status),
  )
}

const deployment = (o: Deployment): Issues => {
  const s = o.spec
  const strategy = s.strategy
  return all(
    objectMeta(o.metadata, namespacedMeta),
    int32('spec.replicas', s.replicas),
    int32('spec.minReadySeconds', s.minReadySeconds),
    int32('spec.revisionHistoryLimit', s.revisionHistoryLimit),
    int32('spec.progressDeadlineSeconds', s.progressDeadlineSeconds),
    s.progressDeadlineSeconds !== undefined && s.progressDeadlineSeconds <= (s.minReadySeconds ?? 0)
      ? issue('spec.progressDeadlineSeconds', 'must be greater than minReadySeconds')
      : none,
    strategy === undefined
      ? none
      : all(
          strategyType('spec.strategy', strategy.type, strategy.rollingUpdate, ['RollingUpdate', 'Recreate']),
          strategy.rollingUpdate === undefined
            ? none
            : surgeAndUnavailable('spec.strategy.rollingUpdate', strategy.rollingUpdate.maxSurge, strategy.rollingUpdate.maxUnavailable),
        ),
    selectorAndTemplate('spec', s.selector, s.template, true),
    serviceTemplate('spec.template', s.template, 'Deployment'),
    replicaCounts(o.status, [
      'replicas',
      'updatedReplicas',
      'readyReplicas',
      'availableReplicas',
      'unavailableReplicas',
      'terminatingReplicas',
      'collisionCount',
      'observedGeneration',
    ], ['updatedReplicas', 'readyReplicas', 'availableReplicas']),
    conditions('status.conditions', o.status?.conditions),
  )
}

const statefulSet = (o: StatefulSet): Issues => {
  const s = o.spec
  const rolling = s.updateStrategy?.rollingUpdate
  return all(
    // Its pods' hostnames are `<name>-<ordinal>`, so the name must be a DNS label.
    objectMeta(o.metadata, { namespaced: true, name: labelName }),
    int32('spec.replicas', s.replicas),
    int32('spec.minReadySeconds', s.minReadySeconds),
    int32('spec.revisionHistoryLimit', s.revisionHistoryLimit),
    int32('spec.ordinals.start', s.ordinals?.start),
    oneOf('spec.podManagementPolicy', s.podManagementPolicy, ['OrderedReady', 'Parallel']),
    strategyType('spec.updateStrategy', s.updateStrategy?.type, rolling, ['RollingUpdate', 'OnDelete']),
    int32('spec.updateStrategy.rollingUpdate.partition', rolling?.partition),
    intOrPercent('spec.updateStrategy.rollingUpdate.maxUnavailable', rolling?.maxUnavailable),
    atMost100Percent('spec.updateStrategy.rollingUpdate.maxUnavailable', rolling?.maxUnavailable),
    rolling?.maxUnavailable !== undefined && scaledValue(rolling.maxUnavailable) === 0
      ? issue('spec.updateStrategy.rollingUpdate.maxUnavailable', 'cannot be 0')
      : none,
    oneOf('spec.persistentVolumeClaimRetentionPolicy.whenDeleted', s.persistentVolumeClaimRetentionPolicy?.whenDeleted, ['Retain', 'Delete']),
    oneOf('spec.persistentVolumeClaimRetentionPolicy.whenScaled', s.persistentVolumeClaimRetentionPolicy?.whenScaled, ['Retain', 'Delete']),
    selectorAndTemplate('spec', s.selector, s.template, true),
    serviceTemplate('spec.template', s.template, 'StatefulSet'),
    replicaCounts(o.status, [
      'replicas',
      'readyReplicas',
      'currentReplicas',
      'updatedReplicas',
      'availableReplicas',
      'collisionCount',
      'observedGeneration',
    ], ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']),
    conditions('status.conditions', o.status?.conditions),
  )
}

const daemonSet = (o: DaemonSet): Issues => {
  const s = o.spec
  const rolling = s.updateStrategy?.rollingUpdate
  return all(
    objectMeta(o.metadata, namespacedMeta),
    int32('spec.minReadySeconds', s.minReadySeconds),
    int32('spec.revisionHistoryLimit', s.revisionHistoryLimit),
    strategyType('spec.updateStrategy', s.updateStrategy?.type, rolling, ['RollingUpdate', 'OnDelete']),
    rolling === undefined ? none : daemonSetRolling('spec.updateStrategy.rollingUpdate', rolling.maxSurge, rolling.maxUnavailable),
    selectorAndTemplate('spec', s.selector, s.template, true),
    serviceTemplate('spec.template', s.template, 'DaemonSet'),
    counts('status', o.status, [
      'currentNumberScheduled',
      'numberMisscheduled',
      'desiredNumberScheduled',
      'numberReady',
      'updatedNumberScheduled',
      'numberAvailable',
      'numberUnavailable',
      'collisionCount',
      'observedGeneration',
    ]),
    conditions('status.conditions', o.status?.conditions),
  )
}

/** A Job spec at `path` (`spec`, or `spec.jobTemplate.spec` inside a CronJob). */
const jobSpec = (path: string, s: JobSpec): Issues =>
  all(
    int32(`${path}.parallelism`, s.parallelism),
    int32(`${path}.completions`, s.completions),
    int64(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds),
    int32(`${path}.backoffLimit`, s.backoffLimit),
    int32(`${path}.backoffLimitPerIndex`, s.backoffLimitPerIndex),
    int32(`${path}.maxFailedIndexes`, s.maxFailedIndexes),
    int32(`${path}.ttlSecondsAfterFinished`, s.ttlSecondsAfterFinished),
    oneOf(`${path}.completionMode`, s.completionMode, ['NonIndexed', 'Indexed']),
    s.completionMode === 'Indexed' && s.completions === undefined
      ? issue(`${path}.completions`, 'required when completionMode is Indexed')
      : none,
    s.backoffLimitPerIndex !== undefined && s.completionMode !== 'Indexed'
      ? issue(`${path}.backoffLimitPerIndex`, 'requires completionMode Indexed')
      : none,
    s.maxFailedIndexes !== undefined && s.backoffLimitPerIndex === undefined
      ? issue(`${path}.maxFailedIndexes`, 'requires backoffLimitPerIndex')
      : none,
    s.successPolicy !== undefined && s.completionMode !== 'Indexed'
      ? issue(`${path}.successPolicy`, 'requires completionMode Indexed')
      : none,
    s.maxFailedIndexes !== undefined && s.completions !== undefined && s.maxFailedIndexes > s.completions
      ? issue(`${path}.maxFailedIndexes`, 'must be less than or equal to completions')
      : none,
    s.completionMode === 'Indexed' && (s.parallelism ?? 0) > INDEXED_LIMIT
      ? issue(`${path}.parallelism`, `must be less than or equal to ${INDEXED_LIMIT} when completion mode is Indexed`)
      : none,
    s.maxFailedIndexes !== undefined && s.maxFailedIndexes > INDEXED_LIMIT
      ? issue(`${path}.maxFailedIndexes`, `must be less than or equal to ${INDEXED_LIMIT}`)
      : none,
    s.backoffLimitPerIndex !== undefined && (s.completions ?? 0) > INDEXED_LIMIT && (s.parallelism ?? 0) > HIGH_COMPLETIONS_PARALLELISM
      ? issue(`${path}.parallelism`, `must be less than or equal to ${HIGH_COMPLETIONS_PARALLELISM} when completions are above ${INDEXED_LIMIT} and used with backoff limit per index`)
      : none,
    oneOf(`${path}.podReplacementPolicy`, s.podReplacementPolicy, ['TerminatingOrFailed', 'Failed']),
    s.podFailurePolicy !== undefined && s.podReplacementPolicy !== undefined && s.podReplacementPolicy !== 'Failed'
      ? issue(`${path}.podReplacementPolicy`, 'must be Failed when podFailurePolicy is specified')
      : none,
    s.podFailurePolicy !== undefined && s.template.spec.restartPolicy !== undefined && s.template.spec.restartPolicy !== 'Never'
      ? issue(`${path}.template.spec.restartPolicy`, 'must be Never when podFailurePolicy is specified')
      : none,
    podFailurePolicy(`${path}.podFailurePolicy`, s),
    successPolicy(`${path}.successPolicy`, s),
    selectorAndTemplate(path, s.selector, s.template, false),
    podTemplate(`${path}.template`, s.template, RUN_TO_COMPLETION),
  )

/** Upstream's limit on the rules of a pod failure or success policy, and on a rule's condition patterns. */
const MAX_POLICY_RULES = 20

const EXIT_CODE_OPERATORS = ['In', 'NotIn'] as const

/** Upstream's limit on a success policy rule's `succeededIndexes` (64 KiB). */
const MAX_SUCCEEDED_INDEXES_LENGTH = 64 * 1024

/** Upstream's limits on Indexed Jobs: parallelism and maxFailedIndexes; parallelism once completions exceed the soft limit. */
const INDEXED_LIMIT = 100_000
const HIGH_COMPLETIONS_PARALLELISM = 10_000

/** A pod failure policy (upstream `validatePodFailurePolicy`). */
const podFailurePolicy = (path: string, s: JobSpec): Issues => {
  const rules = s.podFailurePolicy?.rules
  if (rules === undefined) return none
  const names = new Set([...s.template.spec.containers, ...(s.template.spec.initContainers ?? [])].map((c) => c.name))
  const actions = s.backoffLimitPerIndex === undefined ? ['FailJob', 'Ignore', 'Count'] : ['FailJob', 'FailIndex', 'Ignore', 'Count']
  return all(
    rules.length > MAX_POLICY_RULES ? issue(`${path}.rules`, `must have at most ${MAX_POLICY_RULES} items`) : none,
    ...rules.map((r, i) => {
      const at = `${path}.rules[${i}]`
      const codes = r.onExitCodes
      const conds = r.onPodConditions
      return all(
        r.action === 'FailIndex' && s.backoffLimitPerIndex === undefined
          ? issue(`${at}.action`, 'requires the backoffLimitPerIndex to be set')
          : oneOf(`${at}.action`, r.action, actions),
        codes === undefined && (conds ?? []).length === 0 ? issue(at, 'specifying one of OnExitCodes and OnPodConditions is required') : none,
        codes !== undefined && (conds ?? []).length > 0 ? issue(at, 'specifying both OnExitCodes and OnPodConditions is not supported') : none,
        codes === undefined ? none : exitCodes(`${at}.onExitCodes`, codes, names),
        conds === undefined
          ? none
          : all(
              conds.length > MAX_POLICY_RULES ? issue(`${at}.onPodConditions`, `must have at most ${MAX_POLICY_RULES} items`) : none,
              ...conds.map((c, j) =>
                all(
                  c.type === '' ? issue(`${at}.onPodConditions[${j}].type`, 'required') : qualifiedName(`${at}.onPodConditions[${j}].type`, c.type),
                  oneOf(`${at}.onPodConditions[${j}].status`, c.status, ['True', 'False', 'Unknown']),
                ),
              ),
            ),
      )
    }),
  )
}

/** A qualified name (`[prefix/]name`) at `path`. */
const qualifiedName = (path: string, v: string): Issues => {
  const problem = qualifiedNameProblem(v)
  return problem === undefined ? none : issue(path, `not a qualified name: ${problem}`)
}

/** A pod failure policy rule's exit-code requirement. */
const exitCodes = (
  path: string,
  r: { readonly operator: string; readonly values: ReadonlyArray<number>; readonly containerName?: string },
  names: ReadonlySet<string>,
): Issues =>
  all(
    r.containerName !== undefined && !names.has(r.containerName)
      ? issue(`${path}.containerName`, `must be one of the container or initContainer names in the pod template`)
      : none,
    oneOf(`${path}.operator`, r.operator, EXIT_CODE_OPERATORS),
    r.values.length === 0 ? issue(`${path}.values`, 'at least one value is required') : none,
    r.values.length > 255 ? issue(`${path}.values`, 'must have at most 255 items') : none,
    r.values.some((v, i) => i > 0 && v < (r.values[i - 1] as number)) ? issue(`${path}.values`, 'must be ordered') : none,
    ...r.values.map((v, i) =>
      r.operator === 'In' && v === 0
        ? issue(`${path}.values[${i}]`, 'must not be 0 for the In operator')
        : r.values.indexOf(v) < i
          ? issue(`${path}.values[${i}]`, 'duplicate value')
          : integer(`${path}.values[${i}]`, v, -MAX_INT32 - 1, MAX_INT32),
    ),
  )

/** An Indexed Job's success policy (upstream `validateSuccessPolicy`). */
const successPolicy = (path: string, s: JobSpec): Issues => {
  const rules = s.successPolicy?.rules
  if (rules === undefined || s.completionMode !== 'Indexed') return none
  const completions = s.completions ?? 0
  return all(
    rules.length === 0 ? issue(`${path}.rules`, 'at least one rule is required') : none,
    rules.length > MAX_POLICY_RULES ? issue(`${path}.rules`, `must have at most ${MAX_POLICY_RULES} items`) : none,
    ...rules.map((r, i) => {
      const at = `${path}.rules[${i}]`
      const problem = r.succeededIndexes === undefined ? undefined : JobIndexes.formatProblem(r.succeededIndexes, completions)
      // A malformed succeededIndexes counts as no index, as upstream's validation counts it.
      const inRule = r.succeededIndexes === undefined ? undefined : problem !== undefined ? 0 : JobIndexes.size(JobIndexes.parse(r.succeededIndexes, completions))
      const count = r.succeededCount
      return all(
        r.succeededIndexes === undefined && count === undefined
          ? issue(at, 'at least one of succeededCount or succeededIndexes must be specified')
          : none,
        r.succeededIndexes !== undefined && r.succeededIndexes.length > MAX_SUCCEEDED_INDEXES_LENGTH
          ? issue(`${at}.succeededIndexes`, `must not have more than ${MAX_SUCCEEDED_INDEXES_LENGTH} characters`)
          : none,
        problem === undefined ? none : issue(`${at}.succeededIndexes`, `error parsing succeededIndexes: ${problem}`),
        count === undefined || count >= 0 ? none : issue(`${at}.succeededCount`, 'must be greater than or equal to 0'),
        count !== undefined && count > completions
          ? issue(`${at}.succeededCount`, `must be less than or equal to ${completions} (the number of specified completions)`)
          : none,
        count !== undefined && inRule !== undefined && count > inRule
          ? issue(`${at}.succeededCount`, `must be less than or equal to ${inRule} (the number of indexes in the specified succeededIndexes field)`)
          : none,
      )
    }),
  )
}

/** An Indexed Job's last pod hostname, `<name>-<completions - 1>`, must be a DNS label. */
const indexedHostname = (o: Job): Issues => {
  const { completionMode, completions } = o.spec
  const name = o.metadata.name ?? ''
  if (completionMode !== 'Indexed' || completions === undefined || completions <= 0 || name === '') return none
  const last = `${name}-${completions - 1}`
  return isDnsLabel(last) ? none : issue('metadata.name', `its pods could not be named: ${show(last)} is not a DNS-1123 label`)
}

const job = (o: Job): Issues =>
  all(
    objectMeta(o.metadata, { namespaced: true, name: jobName }),
    indexedHostname(o),
    jobSpec('spec', o.spec),
    counts('status', o.status, ['active', 'succeeded', 'failed', 'terminating', 'ready']),
    time('status.startTime', o.status?.startTime),
    time('status.completionTime', o.status?.completionTime),
    conditions('status.conditions', o.status?.conditions),
  )

// CronJob schedules: robfig/cron `ParseStandard` (`cron.ts`), and the time zone rules.

/** One `/`-separated part of an IANA zone name (upstream's character rule). */
const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/

/** True when `tz` looks like an IANA zone name and loads (`time.LoadLocation`; `Europe/Berlin`). */
const isTimeZone = (tz: string): boolean =>
  tz.split('/').every((part) => part !== '.' && part !== '..' && !part.startsWith('-') && TZ_PART.test(part)) &&
  E.isRight(loadLocation(tz))

const cronJob = (o: CronJob): Issues => {
  const s = o.spec
  const parsed = s.schedule.trim() === '' ? undefined : parseStandard(s.schedule)
  // A schedule with TZ= is accepted as a stored object that already had it (upstream rejects it
  // on create, and on update only alongside spec.timeZone).
  const tzInSchedule = s.schedule.includes('TZ')
  return all(
    objectMeta(o.metadata, { namespaced: true, name: cronJobName }),
    parsed === undefined ? issue('spec.schedule', 'required') : E.isRight(parsed) ? none : issue('spec.schedule', parsed.left),
    tzInSchedule && s.timeZone !== undefined
      ? issue('spec.schedule', 'cannot use both timeZone field and TZ or CRON_TZ in schedule')
      : none,
    s.timeZone === undefined
      ? none
      : s.timeZone === ''
        ? issue('spec.timeZone', 'must be unset or a non-empty time zone name')
        : s.timeZone.toLowerCase() === 'local'
          ? issue('spec.timeZone', 'must be an explicit IANA time zone name, not Local')
          : isTimeZone(s.timeZone)
            ? none
            : issue('spec.timeZone', `unknown time zone ${show(s.timeZone)}`),
    oneOf('spec.concurrencyPolicy', s.concurrencyPolicy, ['Allow', 'Forbid', 'Replace']),
    int64('spec.startingDeadlineSeconds', s.startingDeadlineSeconds),
    int32('spec.successfulJobsHistoryLimit', s.successfulJobsHistoryLimit),
    int32('spec.failedJobsHistoryLimit', s.failedJobsHistoryLimit),
    labels('spec.jobTemplate.metadata.labels', s.jobTemplate.metadata?.labels),
    annotations('spec.jobTemplate.metadata.annotations', s.jobTemplate.metadata?.annotations),
    jobSpec('spec.jobTemplate.spec', s.jobTemplate.spec),
    s.jobTemplate.spec.selector === undefined
      ? none
      : issue('spec.jobTemplate.spec.selector', 'must not be set: the selector of each Job is generated'),
    s.jobTemplate.spec.manualSelector === true
      ? issue('spec.jobTemplate.spec.manualSelector', 'unsupported value true: supported values: false, unset')
      : none,
    time('status.lastScheduleTime', o.status?.lastScheduleTime),
    time('status.lastSuccessfulTime', o.status?.lastSuccessfulTime),
  )
}

// -------------------------------------------------------------------------------------
// validate
// -------------------------------------------------------------------------------------

type Rules = { readonly [K in Kind]: (o: Extract<KubeObject, { readonly kind: K }>) => Issues }

const rules: Rules = {
  Pod: pod,
  Node: node,
  PersistentVolumeClaim: persistentVolumeClaim,
  ControllerRevision: controllerRevision,
  ReplicaSet: replicaSet,
  ReplicationController: replicationController,
  Deployment: deployment,
  StatefulSet: statefulSet,
  DaemonSet: daemonSet,
  Job: job,
  CronJob: cronJob,
}

// -------------------------------------------------------------------------------------
// generic objects
// -------------------------------------------------------------------------------------

const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/

const dns1035Name: NameRule = (path, name) =>
  name.length <= 63 && DNS1035_LABEL.test(name)
    ? none
    : issue(path, `must be a DNS-1035 label: at most 63 lowercase letters, digits and '-', starting with a letter and ending with a letter or digit, got ${show(name)}`)

const pathSegmentName: NameRule = (path, name) =>
  name === '.' || name === '..'
    ? issue(path, `may not be ${show(name)}`)
    : /[/%]/.test(name)
      ? issue(path, `may not contain '/' or '%', got ${show(name)}`)
      : none

const genericNames: { readonly [R in GenericNameRule]: NameRule } = {
  subdomain: subdomainName,
  dns1035Label: dns1035Name,
  dns1123Label: labelName,
  pathSegment: pathSegmentName,
}

/**
 * What the API server validates in every object (upstream `ValidateObjectMetaAccessor`), with
 * the kind's scope and name rule (`genericRules`): all a generic object gets.
 */
const genericObject = (o: GenericObject): Issues => {
  const r = genericRules(o.apiVersion, o.kind)
  return objectMeta(o.metadata, { namespaced: r.namespaced, name: genericNames[r.name] })
}

/**
 * Every field the API server would reject in `obj`, as `{ path, message }` (empty when valid):
 * the kind's rules, or for a generic object its metadata's. Run it on a defaulted object
 * (`applyDefaults`) to judge it as the API server does.
 */
export const validate = (obj: KubeObject): ReadonlyArray<FieldIssue> =>
  isGeneric(obj) ? genericObject(obj) : (rules[obj.kind] as (o: KubeObject) => Issues)(obj)
