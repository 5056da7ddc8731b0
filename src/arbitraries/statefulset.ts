/**
 * Arbitraries for StatefulSets and the worlds their controller sees: both management policies,
 * RollingUpdate with and without a `rollingUpdate` block (partitions, `maxUnavailable`) and
 * OnDelete, `ordinals.start`, every retention policy, claim templates; worlds with revisions of
 * several templates, pods at mixed revisions and states (ready, starting, pending, failed,
 * succeeded, terminating) inside and outside the ordinal range, orphans and foreign pods, and
 * claims that are bound, stale (owned by a previous pod), foreign-controlled or being deleted.
 *
 * Valid by construction: every object decodes and is unchanged by `applyDefaults`.
 *
 * Exported as the `StatefulSet` namespace of `kube-reconcile/arbitraries` (`StatefulSet.world(…)`).
 */
import fc from 'fast-check'
import { applyDefaults } from '../api/defaults.js'
import type { OwnerReference } from '../api/meta.js'
import type { ControllerRevision, Node, PersistentVolumeClaim } from '../api/node.js'
import type { KubeObject } from '../api/object.js'
import type { Pod, PodTemplateSpec } from '../api/pod.js'
import type { StatefulSet } from '../api/workloads.js'
import * as ClusterView from '../core/ClusterView.js'
import { newControllerRef } from '../core/ownership.js'
import * as T from '../core/time.js'
import { claimsFor } from '../controllers/statefulset/claims.js'
import { newStatefulSetPod } from '../controllers/statefulset/pods.js'
import { candidateRevision, withRevision } from '../controllers/statefulset/revisions.js'
import { defaultNow, dnsLabel, given } from './meta.js'
import type { Given } from './meta.js'
import { node } from './node.js'
import { images, podTemplate } from './pod.js'

/** The update strategies `statefulSet` draws from. */
export type StrategyKind = 'RollingUpdate' | 'RollingUpdateBare' | 'OnDelete'

/** What `statefulSet` generates. Every field is optional. */
export interface Constraints {
  /** Most replicas (default 5). */
  readonly maxReplicas?: number
  /** Largest `ordinals.start` (default 3; 0 leaves `ordinals` unset). */
  readonly maxStart?: number
  /** Default `dnsLabel({ maxLength: 20 })`. */
  readonly name?: Given<string>
  readonly policies?: ReadonlyArray<'OrderedReady' | 'Parallel'>
  readonly strategies?: ReadonlyArray<StrategyKind>
  /** Most claim templates (default 2). */
  readonly maxClaims?: number
  /** Default: mostly 0, sometimes 1–20 seconds. */
  readonly minReadySeconds?: Given<number>
  /** Whether `status` is present; default sometimes. */
  readonly withStatus?: Given<boolean>
  /** Creation time is at or before this (default `defaultNow`). */
  readonly now?: Date
}

const retention = fc.constantFrom('Retain' as const, 'Delete' as const)

const strategyOf = (kind: StrategyKind, partition: number, maxUnavailable: number | string | undefined): NonNullable<StatefulSet['spec']['updateStrategy']> =>
  kind === 'OnDelete'
    ? { type: 'OnDelete' }
    : kind === 'RollingUpdateBare'
      ? { type: 'RollingUpdate' }
      : { type: 'RollingUpdate', rollingUpdate: { partition, ...(maxUnavailable === undefined ? {} : { maxUnavailable }) } }

/** A template for a set named `name`: labels `app: <name>`, `restartPolicy: Always`, one container, no node constraints. */
export const template = (name: string): fc.Arbitrary<PodTemplateSpec> =>
  podTemplate({ labels: { app: name }, restartPolicies: ['Always'], maxContainers: 1, tolerations: [], nodeSelector: {} })

/** `template` with its first container's image replaced (another revision of it). */
export const withImage = (t: PodTemplateSpec, image: string): PodTemplateSpec => ({
  ...t,
  spec: { ...t.spec, containers: t.spec.containers.map((c, i) => (i === 0 ? { ...c, image } : c)) },
})

/**
 * A StatefulSet (`apps/v1`) as the API server stores it: selector `app: <name>` matching its
 * template, any management policy, strategy, partition (0..replicas + 1), `maxUnavailable`,
 * start ordinal, retention policy, up to `maxClaims` claim templates, history limit 0–3, and
 * sometimes a status with consistent counts.
 */
export const statefulSet = (c: Constraints = {}): fc.Arbitrary<StatefulSet> => {
  const nowMs = (c.now ?? defaultNow).getTime()
  const maxReplicas = c.maxReplicas ?? 5
  return given(c.name ?? dnsLabel({ maxLength: 20 })).chain((name) =>
    fc
      .record({
        template: template(name),
        replicas: fc.integer({ min: 0, max: maxReplicas }),
        start: fc.oneof({ weight: 2, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: Math.max(1, c.maxStart ?? 3) }) }),
        policy: fc.constantFrom(...(c.policies ?? ['OrderedReady', 'Parallel'] as const)),
        strategy: fc.constantFrom(...(c.strategies ?? ['RollingUpdate', 'RollingUpdate', 'RollingUpdateBare', 'OnDelete'] as const)),
        partition: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: maxReplicas + 1 }) }),
        maxUnavailable: fc.option(fc.oneof(fc.integer({ min: 1, max: 3 }), fc.constantFrom('50%', '25%', '100%')), { nil: undefined }),
        whenDeleted: retention,
        whenScaled: retention,
        claims: fc.uniqueArray(fc.constantFrom('data', 'logs', 'www'), { maxLength: c.maxClaims ?? 2 }),
        minReadySeconds: given(c.minReadySeconds ?? fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 20 }) })),
        historyLimit: fc.integer({ min: 0, max: 3 }),
        generation: fc.integer({ min: 1, max: 5 }),
        created: fc.integer({ min: nowMs - 86_400_000, max: nowMs }),
        withStatus: given(c.withStatus ?? fc.boolean()),
        counts: fc.record({ replicas: fc.nat({ max: maxReplicas }), ready: fc.nat({ max: maxReplicas }), current: fc.nat({ max: maxReplicas }), updated: fc.nat({ max: maxReplicas }) }),
      })
      .map((p): StatefulSet => {
        const replicas = p.counts.replicas
        const ready = Math.min(p.counts.ready, replicas)
        const set: StatefulSet = {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name, namespace: 'default', uid: `sts-${name}`, generation: p.generation, creationTimestamp: T.format(p.created), labels: { app: name } },
          spec: {
            replicas: p.replicas,
            selector: { matchLabels: { app: name } },
            serviceName: name,
            podManagementPolicy: p.policy,
            updateStrategy: strategyOf(p.strategy, p.partition, p.maxUnavailable),
            revisionHistoryLimit: p.historyLimit,
            minReadySeconds: p.minReadySeconds,
            persistentVolumeClaimRetentionPolicy: { whenDeleted: p.whenDeleted, whenScaled: p.whenScaled },
            ...(p.start === 0 ? {} : { ordinals: { start: p.start } }),
            template: p.template,
            volumeClaimTemplates: p.claims.map((n) => ({ metadata: { name: n }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } })),
          },
          ...(p.withStatus
            ? {
                status: {
                  observedGeneration: Math.max(1, p.generation - 1),
                  replicas,
                  readyReplicas: ready,
                  availableReplicas: ready,
                  currentReplicas: Math.min(p.counts.current, replicas),
                  updatedReplicas: Math.min(p.counts.updated, replicas),
                  collisionCount: 0,
                },
              }
            : {}),
        }
        return applyDefaults(set)
      }),
  )
}

// -------------------------------------------------------------------------------------
// worlds
// -------------------------------------------------------------------------------------

/** A generated StatefulSet with its revisions, pods, claims and nodes. */
export interface World {
  readonly now: Date
  readonly set: StatefulSet
  readonly revisions: ReadonlyArray<ControllerRevision>
  readonly pods: ReadonlyArray<Pod>
  readonly claims: ReadonlyArray<PersistentVolumeClaim>
  readonly nodes: ReadonlyArray<Node>
  /** Nodes, set, revisions, claims, pods. */
  readonly objects: ReadonlyArray<KubeObject>
  readonly view: ClusterView.ClusterView
}

/** What `world` generates. */
export interface WorldConstraints extends Constraints {
  /** Fewest / most nodes (default 1 / 3). */
  readonly minNodes?: number
  readonly maxNodes?: number
  /** Pod states to draw from (default all). */
  readonly states?: ReadonlyArray<PodState>
  /** Whether pods may be orphans or foreign, Pending without their claims, and claims stale, foreign or being deleted (default true). */
  readonly oddities?: boolean
  /** The world's instant (default `defaultNow`). */
  readonly now?: Date
}

/** The state a generated pod is in. */
export type PodState = 'ready' | 'starting' | 'pending' | 'failed' | 'succeeded' | 'terminating'

/** Every pod state. */
export const podStates: ReadonlyArray<PodState> = ['ready', 'ready', 'ready', 'starting', 'pending', 'failed', 'succeeded', 'terminating']

const stranger: OwnerReference = { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'stranger', uid: 'uid-stranger', controller: true, blockOwnerDeletion: true }
const foreignController: OwnerReference = { apiVersion: 'example.com/v1', kind: 'Database', name: 'db', uid: 'uid-db', controller: true, blockOwnerDeletion: true }

/** A pod of `set` for `ordinal` from `source` (the set with some revision's template), in `state`, on `nodeName`. */
const podIn = (set: StatefulSet, source: StatefulSet, revision: string, ordinal: number, state: PodState, nodeName: string, ownerRef: OwnerReference | undefined, nowMs: number, readyAgo: number): Pod => {
  const base = withRevision(newStatefulSetPod(source, ordinal), revision)
  const { ownerReferences: _o, generateName: _g, ...meta } = base.metadata
  const since = T.format(nowMs - readyAgo * 1000)
  const created = T.format(nowMs - 3_600_000)
  const phase = { ready: 'Running', starting: 'Running', pending: 'Pending', failed: 'Failed', succeeded: 'Succeeded', terminating: 'Running' }[state]
  const pod: Pod = {
    ...base,
    metadata: {
      ...meta,
      namespace: set.metadata.namespace ?? 'default',
      uid: `uid-${set.metadata.name ?? ''}-${ordinal}`,
      creationTimestamp: created,
      ...(ownerRef === undefined ? {} : { ownerReferences: [ownerRef] }),
      ...(state === 'terminating' ? { deletionTimestamp: T.format(nowMs + 30_000), deletionGracePeriodSeconds: 30 } : {}),
    },
    spec: { ...base.spec, ...(state === 'pending' ? {} : { nodeName }) },
    status: {
      phase,
      ...(state === 'pending' ? {} : { startTime: created }),
      conditions: [{ type: 'Ready', status: state === 'ready' || state === 'terminating' ? 'True' : 'False', lastTransitionTime: since }],
    },
  }
  return applyDefaults(pod)
}

/**
 * A StatefulSet at one instant with nodes, 1–3 revisions (the newest maybe not its template's),
 * pods at ordinals in and around its range at mixed revisions and states, and claims for some of
 * them — bound, stale, foreign-controlled or being deleted.
 */
export const world = (c: WorldConstraints = {}): fc.Arbitrary<World> => {
  const now = c.now ?? defaultNow
  const nowMs = now.getTime()
  const oddities = c.oddities ?? true
  return fc
    .record({
      set: statefulSet({ ...c, now }),
      nodes: fc.uniqueArray(node({ name: fc.integer({ min: 0, max: 9 }).map((i) => `node-${i}`), readiness: ['True'], unschedulable: false, maxTaints: 0, now, minPods: 110 }), {
        minLength: c.minNodes ?? 1,
        maxLength: c.maxNodes ?? 3,
        selector: (n) => n.metadata.name,
      }),
      otherImages: fc.uniqueArray(fc.constantFrom(...images), { maxLength: 2 }),
      templateIsNewest: fc.boolean(),
    })
    .chain(({ set, nodes, otherImages, templateIsNewest }) => {
      const name = set.metadata.name ?? ''
      const versions = [...otherImages.map((img) => ({ ...set, spec: { ...set.spec, template: withImage(set.spec.template, img) } })), ...(templateIsNewest ? [set] : [])]
      const sources = versions.length === 0 ? [set] : versions
      const revisions = sources
        .map((v, i) => {
          const r = candidateRevision(v, i + 1, 0)
          return applyDefaults({ ...r, metadata: { ...r.metadata, uid: `rev-${name}-${i}`, creationTimestamp: T.format(nowMs - 7_200_000 + i * 1000) } })
        })
        .filter((r, i, all) => all.findIndex((x) => x.metadata.name === r.metadata.name) === i)
      const start = set.spec.ordinals?.start ?? 0
      const span = start + (set.spec.replicas ?? 1) + 2
      const nodeNames = nodes.map((n) => n.metadata.name ?? '')
      const slot = fc.record({
        present: fc.oneof({ weight: 2, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }),
        rev: fc.nat({ max: revisions.length - 1 }),
        state: fc.constantFrom(...(c.states ?? podStates)),
        node: fc.constantFrom(...nodeNames),
        owner: oddities ? fc.oneof({ weight: 8, arbitrary: fc.constant('set' as const) }, { weight: 1, arbitrary: fc.constant('orphan' as const) }, { weight: 1, arbitrary: fc.constant('foreign' as const) }) : fc.constant('set' as const),
        readyAgo: fc.integer({ min: 0, max: 60 }),
        claim: oddities
          ? fc.constantFrom('none' as const, 'bound' as const, 'bound' as const, 'stale' as const, 'foreign' as const, 'deleting' as const)
          : fc.constantFrom('none' as const, 'bound' as const),
      })
      return fc.array(slot, { minLength: span, maxLength: span }).map((slots): World => {
        const pods: Array<Pod> = []
        const claims: Array<PersistentVolumeClaim> = []
        slots.forEach((s, ordinal) => {
          const rev = revisions[s.rev] ?? revisions[0]
          const source = sources[s.rev] ?? set
          if (s.present && rev !== undefined) {
            const ref = s.owner === 'set' ? newControllerRef(set) : s.owner === 'foreign' ? stranger : undefined
            pods.push(podIn(set, source, rev.metadata.name ?? '', ordinal, s.state, s.node, ref, nowMs, s.readyAgo))
          }
          // A scheduled pod has its claims (the scheduler binds none without them); without
          // oddities every pod has them (the controller creates claims before their pod).
          const claimState = s.claim === 'none' && s.present && (s.state !== 'pending' || !oddities) ? 'bound' : s.claim
          if (claimState === 'none') return
          for (const cl of claimsFor(set, ordinal)) {
            const refs: ReadonlyArray<OwnerReference> =
              claimState === 'stale'
                ? [{ apiVersion: 'v1', kind: 'Pod', name: `${name}-${ordinal}`, uid: `uid-old-${ordinal}`, controller: true, blockOwnerDeletion: true }]
                : claimState === 'foreign'
                  ? [foreignController]
                  : []
            claims.push(
              applyDefaults({
                ...cl,
                metadata: {
                  ...cl.metadata,
                  uid: `pvc-${cl.metadata.name ?? ''}`,
                  creationTimestamp: T.format(nowMs - 7_200_000),
                  ...(refs.length === 0 ? {} : { ownerReferences: refs }),
                  ...(claimState === 'deleting' ? { deletionTimestamp: T.format(nowMs), finalizers: ['kubernetes.io/pvc-protection'] } : {}),
                },
                status: { phase: 'Bound' },
              }),
            )
          }
        })
        const objects: ReadonlyArray<KubeObject> = [...nodes, set, ...revisions, ...claims, ...pods]
        const generated: World = { now, set, revisions, pods, claims, nodes, objects, view: ClusterView.fromObjects(objects) }
        Object.defineProperty(generated, fc.toStringMethod, { value: () => `StatefulSet.world(${fc.stringify({ now, objects })})`, enumerable: false })
        return generated
      })
    })
}
