/**
 * Arbitraries for Deployments, the worlds they run in, and the commands users send them
 * (template edits, scaling, pause and resume, rollbacks, strategy changes) as the simulation's
 * `ExternalEdit` faults.
 *
 * Everything is valid by construction (no `.filter`): maxSurge and maxUnavailable are never
 * both zero, a percent maxUnavailable is at most 100%, the progress deadline exceeds
 * minReadySeconds, selectors match the template labels, and objects are in the API server's
 * stored (defaulted) shape.
 *
 * Exported as the `Deployment` namespace of `kube-reconcile/arbitraries` (`Deployment.world(…)`).
 */
import fc from 'fast-check'
import type { IntOrString } from '../api/meta.js'
import type { Node } from '../api/node.js'
import type { KubeObject } from '../api/object.js'
import type { PodTemplateSpec } from '../api/pod.js'
import type { Deployment, ReplicaSet, ReplicaSetStatus } from '../api/workloads.js'
import {
  desiredReplicasAnnotation,
  maxReplicasAnnotation,
  revisionAnnotation,
  rollbackToAnnotation,
} from '../controllers/deployment/annotations.js'
import { computeHash, podTemplateHashLabel } from '../core/hash.js'
import type { ObjectRef } from '../core/ObjectRef.js'
import * as ObjectRef_ from '../core/ObjectRef.js'
import { newControllerRef } from '../core/ownership.js'
import type { Fault } from '../sim/types.js'
import { defaultNow, given, objectMeta } from './meta.js'
import type { Given } from './meta.js'
import { node } from './node.js'

// -------------------------------------------------------------------------------------
// strategy parameters
// -------------------------------------------------------------------------------------

/** The images templates and template edits draw from (few, so edits often restore an old template). */
export const images: ReadonlyArray<string> = ['registry.example/web:1', 'registry.example/web:2', 'registry.example/web:3']

/** The edge percents worth hitting: "0%", "25%", "50%", "100%". */
export const edgePercents: ReadonlyArray<string> = ['0%', '25%', '50%', '100%']

/** An int (0..`max`) or a percent (edge values or 0–100%). */
export const intOrPercent = (max: number): fc.Arbitrary<IntOrString> =>
  fc.oneof(
    fc.nat({ max }),
    fc.constantFrom(...edgePercents),
    fc.integer({ min: 0, max: 100 }).map((p) => `${p}%`),
  )

const isZero = (v: IntOrString): boolean => v === 0 || v === '0%'

/** RollingUpdate parameters; never both zero (validation forbids it): a zero pair becomes maxUnavailable 1. */
export const rollingUpdateParams = (
  maxReplicas = 5,
): fc.Arbitrary<{ readonly maxSurge: IntOrString; readonly maxUnavailable: IntOrString }> =>
  fc
    .record({ maxSurge: intOrPercent(maxReplicas + 2), maxUnavailable: intOrPercent(maxReplicas + 2) })
    .map((p) => (isZero(p.maxSurge) && isZero(p.maxUnavailable) ? { maxSurge: p.maxSurge, maxUnavailable: 1 } : p))

/** A strategy: RollingUpdate (with parameters) or Recreate. */
export type StrategyType = 'RollingUpdate' | 'Recreate'

/** A Deployment's `spec.strategy`. */
export type Strategy = NonNullable<Deployment['spec']['strategy']>

/** A defaulted `spec.strategy` of one of `types`. */
export const strategy = (
  types: ReadonlyArray<StrategyType> = ['RollingUpdate', 'Recreate'],
  maxReplicas = 5,
): fc.Arbitrary<Strategy> =>
  fc.oneof(
    ...types.map((t) =>
      t === 'Recreate'
        ? fc.constant({ type: 'Recreate' })
        : rollingUpdateParams(maxReplicas).map((rollingUpdate) => ({ type: 'RollingUpdate', rollingUpdate })),
    ),
  )

// -------------------------------------------------------------------------------------
// deployments
// -------------------------------------------------------------------------------------

/** A pod template for app `app` running `image` (restartPolicy Always, defaults applied). */
export const template = (app: string, image: string): PodTemplateSpec => ({
  metadata: { labels: { app } },
  spec: {
    containers: [
      {
        name: 'web',
        image,
        imagePullPolicy: 'IfNotPresent',
        terminationMessagePath: '/dev/termination-log',
        terminationMessagePolicy: 'File',
      },
    ],
    restartPolicy: 'Always',
    terminationGracePeriodSeconds: 30,
    dnsPolicy: 'ClusterFirst',
    securityContext: {},
    schedulerName: 'default-scheduler',
  },
})

/** What `deployment` generates. Every field is optional. */
export interface Constraints {
  /** Default `app-<n>`. */
  readonly name?: Given<string>
  /** Default `'default'`. */
  readonly namespace?: Given<string>
  /** Fewest replicas (default 0). */
  readonly minReplicas?: number
  /** Most replicas (default 5). */
  readonly maxReplicas?: number
  /** Strategies to pick from (default both). */
  readonly strategies?: ReadonlyArray<StrategyType>
  /** Default: mostly false. */
  readonly paused?: Given<boolean>
  /** Default 0..3, sometimes 10 (the API default). */
  readonly revisionHistoryLimit?: Given<number>
  /** Default 0, sometimes 1–5. */
  readonly minReadySeconds?: Given<number>
  /** Added to minReadySeconds (validation wants the deadline above it); default 60–600. */
  readonly progressDeadlineSeconds?: Given<number>
  /** Images to pick from (default `images`). */
  readonly images?: ReadonlyArray<string>
  /** Creation time is at or before this (default `defaultNow`). */
  readonly now?: Date
}

/**
 * A Deployment as the API server stores it: selector `app: <name>` matching its template, every
 * default set (strategy with its parameters, minReadySeconds, revisionHistoryLimit,
 * progressDeadlineSeconds), no status (it has never been synced).
 */
export const deployment = (c: Constraints = {}): fc.Arbitrary<Deployment> => {
  const maxReplicas = c.maxReplicas ?? 5
  const nowMs = (c.now ?? defaultNow).getTime()
  return fc
    .record({
      name: given(c.name ?? fc.nat({ max: 99 }).map((n) => `app-${n}`)),
      replicas: fc.integer({ min: c.minReplicas ?? 0, max: Math.max(c.minReplicas ?? 0, maxReplicas) }),
      strategy: strategy(c.strategies, maxReplicas),
      paused: given(c.paused ?? fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) })),
      limit: given(c.revisionHistoryLimit ?? fc.oneof({ weight: 3, arbitrary: fc.nat({ max: 3 }) }, { weight: 1, arbitrary: fc.constant(10) })),
      minReady: given(c.minReadySeconds ?? fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 5 }) })),
      deadline: given(c.progressDeadlineSeconds ?? fc.integer({ min: 60, max: 600 })),
      image: fc.constantFrom(...(c.images ?? images)),
    })
    .chain((r) =>
      objectMeta({
        name: r.name,
        namespace: c.namespace ?? 'default',
        labels: { app: r.name },
        created: { min: new Date(nowMs - 86_400_000), max: new Date(nowMs) },
        terminating: false,
        generation: true,
      }).map(
        (metadata): Deployment => ({
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { ...metadata, generation: 1 },
          spec: {
            replicas: r.replicas,
            selector: { matchLabels: { app: r.name } },
            template: template(r.name, r.image),
            strategy: r.strategy,
            minReadySeconds: r.minReady,
            revisionHistoryLimit: r.limit,
            progressDeadlineSeconds: r.minReady + r.deadline,
            ...(r.paused ? { paused: true } : {}),
          },
        }),
      ),
    )
}

// -------------------------------------------------------------------------------------
// worlds
// -------------------------------------------------------------------------------------

/** What `world` generates. */
export interface WorldConstraints extends Constraints {
  /** Most Deployments (default 2, at least 1). */
  readonly maxDeployments?: number
  /** Most nodes (default 3, at least 1); each is Ready, schedulable and untainted. */
  readonly maxNodes?: number
}

/** Deployments plus the nodes to run them: a cluster ready for `Simulation.make`. */
export interface World {
  readonly objects: ReadonlyArray<KubeObject>
  readonly deployments: ReadonlyArray<ObjectRef>
  readonly nodes: ReadonlyArray<string>
  readonly now: Date
}

/**
 * Uniquely named Deployments (`app-0`, `app-1`, …) and Ready, schedulable nodes with room for
 * every pod a rollout can create.
 */
export const world = (c: WorldConstraints = {}): fc.Arbitrary<World> => {
  const now = c.now ?? defaultNow
  const maxDeployments = Math.max(1, c.maxDeployments ?? 2)
  const maxNodes = Math.max(1, c.maxNodes ?? 3)
  return fc
    .record({
      deployments: fc.integer({ min: 1, max: maxDeployments }).chain((n) =>
        fc.tuple(...Array.from({ length: n }, (_, i) => deployment({ ...c, name: `app-${i}`, now }))),
      ),
      nodes: fc.integer({ min: 1, max: maxNodes }).chain((n) =>
        fc.tuple(
          ...Array.from({ length: n }, (_, i) =>
            node({ name: `node-${i}`, readiness: ['True'], unschedulable: false, maxTaints: 0, minPods: 110, maxPods: 110, now }),
          ),
        ),
      ),
    })
    .map(({ deployments: generated, nodes }) => {
      // Distinct uids by construction: independently drawn uids can shrink into one another.
      const deployments = generated.map((d, i) => ({ ...d, metadata: { ...d.metadata, uid: worldUid(i) } }))
      return {
      objects: [...nodes, ...deployments],
      deployments: deployments.map((d) => ObjectRef_.of(d)),
      nodes: nodes.map((n: Node) => n.metadata.name ?? ''),
      now,
      }
    })
}

/** The uid of the `i`-th Deployment of a world. */
const worldUid = (i: number): string => `d0000000-0000-4000-8000-${(i + 1).toString(16).padStart(12, '0')}`

// -------------------------------------------------------------------------------------
// commands
// -------------------------------------------------------------------------------------

/** What a user does to a Deployment. */
export type Command =
  /** Set the (single) container image: a new template, or an old one restored. */
  | { readonly _tag: 'SetImage'; readonly pick: number; readonly image: string }
  /** Set `spec.replicas`. */
  | { readonly _tag: 'Scale'; readonly pick: number; readonly replicas: number }
  | { readonly _tag: 'Pause'; readonly pick: number }
  | { readonly _tag: 'Resume'; readonly pick: number }
  /** Ask for a rollback (`0` = the previous revision) through the deprecated annotation. */
  | { readonly _tag: 'Rollback'; readonly pick: number; readonly revision: number }
  /** Replace the strategy. */
  | { readonly _tag: 'SetStrategy'; readonly pick: number; readonly strategy: Strategy }

/** The command tags. */
export type CommandTag = Command['_tag']

/** Every command tag. */
export const commandTags: ReadonlyArray<CommandTag> = ['SetImage', 'Scale', 'Pause', 'Resume', 'Rollback', 'SetStrategy']

/** What `command` generates. */
export interface CommandConstraints {
  /** Which commands (default all). */
  readonly tags?: ReadonlyArray<CommandTag>
  /** Largest replicas a Scale sets (default 5). */
  readonly maxReplicas?: number
  /** Images SetImage picks from (default `images`). */
  readonly images?: ReadonlyArray<string>
  /** Strategies SetStrategy picks from (default both). */
  readonly strategies?: ReadonlyArray<StrategyType>
}

/** A command; its target is the `pick`-th Deployment (modulo) when it is turned into a fault. */
export const command = (c: CommandConstraints = {}): fc.Arbitrary<Command> => {
  const pick = fc.nat({ max: 7 })
  const arbs: { readonly [T in CommandTag]: fc.Arbitrary<Command> } = {
    SetImage: fc.record({ pick, image: fc.constantFrom(...(c.images ?? images)) }).map((r): Command => ({ _tag: 'SetImage', ...r })),
    Scale: fc.record({ pick, replicas: fc.nat({ max: c.maxReplicas ?? 5 }) }).map((r): Command => ({ _tag: 'Scale', ...r })),
    Pause: pick.map((p): Command => ({ _tag: 'Pause', pick: p })),
    Resume: pick.map((p): Command => ({ _tag: 'Resume', pick: p })),
    Rollback: fc.record({ pick, revision: fc.nat({ max: 4 }) }).map((r): Command => ({ _tag: 'Rollback', ...r })),
    SetStrategy: fc
      .record({ pick, strategy: strategy(c.strategies, c.maxReplicas ?? 5) })
      .map((r): Command => ({ _tag: 'SetStrategy', ...r })),
  }
  return fc.oneof(...(c.tags ?? commandTags).map((t) => arbs[t]))
}

/** The JSON merge patch a command sends. */
export const commandPatch = (cmd: Command): unknown => {
  switch (cmd._tag) {
    case 'SetImage':
      return { spec: { template: { spec: { containers: [{ name: 'web', image: cmd.image }] } } } }
    case 'Scale':
      return { spec: { replicas: cmd.replicas } }
    case 'Pause':
      return { spec: { paused: true } }
    case 'Resume':
      return { spec: { paused: false } }
    case 'Rollback':
      return { metadata: { annotations: { [rollbackToAnnotation]: String(cmd.revision) } } }
    case 'SetStrategy':
      return { spec: { strategy: { rollingUpdate: null, ...cmd.strategy } } }
  }
}

/** The `ExternalEdit` fault a command stands for, against the `pick`-th of `targets` (modulo); `undefined` without targets. */
export const commandFault = (cmd: Command, targets: ReadonlyArray<ObjectRef>): Fault | undefined => {
  const target = targets.length === 0 ? undefined : targets[cmd.pick % targets.length]
  return target === undefined ? undefined : { _tag: 'ExternalEdit', target, patch: commandPatch(cmd) }
}

/** A short rendering of a command, for counterexamples. */
export const showCommand = (cmd: Command): string => {
  const { _tag, ...rest } = cmd
  return `${_tag}(${Object.entries(rest)
    .map(([k, v]) => `${k}=${JSON.stringify(v)}`)
    .join(', ')})`
}

// -------------------------------------------------------------------------------------
// single-sync worlds
// -------------------------------------------------------------------------------------

/** A Deployment and the ReplicaSets it controls, as one sync of its controller sees them. */
export interface SyncWorld {
  readonly deployment: Deployment
  readonly replicaSets: ReadonlyArray<ReplicaSet>
  readonly now: Date
}

/** What `syncWorld` generates. */
export interface SyncWorldConstraints extends Constraints {
  /** Most ReplicaSets (default 4). */
  readonly maxReplicaSets?: number
  /** Whether one ReplicaSet has the Deployment's template (default: usually). */
  readonly withCurrent?: Given<boolean>
}

/**
 * `ms` as RFC 3339 at a UTC offset of `offsetMinutes`, with milliseconds when `fraction` — the
 * spellings a client may send besides the API server's whole-second UTC.
 */
const rfc3339 = (ms: number, offsetMinutes: number, fraction: boolean): string => {
  const local = new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, fraction ? 23 : 19)
  if (offsetMinutes === 0) return `${local}Z`
  const abs = Math.abs(offsetMinutes)
  const hhmm = `${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`
  return `${local}${offsetMinutes > 0 ? '+' : '-'}${hhmm}`
}

/** A non-controller owner reference (e.g. an Application object that also lists the ReplicaSet). */
const bystanderRef = { apiVersion: 'example.com/v1', kind: 'Application', name: 'bystander', uid: 'bystander-uid' }

const replicaSetStatus = (replicas: number, generation: number): fc.Arbitrary<ReplicaSetStatus> =>
  fc
    .record({
      observed: fc.integer({ min: 0, max: replicas + 1 }),
      ready: fc.nat({ max: replicas + 1 }),
      available: fc.nat({ max: replicas + 1 }),
      terminating: fc.nat({ max: 1 }),
      stale: fc.oneof({ weight: 5, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
    })
    .map((s) => {
      const ready = Math.min(s.ready, s.observed)
      const available = Math.min(s.available, ready)
      return {
        replicas: s.observed,
        fullyLabeledReplicas: s.observed,
        readyReplicas: ready,
        availableReplicas: available,
        terminatingReplicas: s.terminating,
        observedGeneration: s.stale ? generation - 1 : generation,
      }
    })

/**
 * A Deployment (any strategy, any state) and up to `maxReplicaSets` ReplicaSets it controls:
 * distinct templates (images), usually one of them the Deployment's, sizes 0..maxReplicas + 2,
 * consistent statuses (available ≤ ready ≤ replicas), revisions, and desired/max annotations
 * that sometimes disagree with the Deployment (a scaling event); the Deployment's own status
 * is absent or says "complete" (so history cleanup runs). The namespace is `default` or `team-a`;
 * creation times are sometimes spelled with milliseconds or a UTC offset, and owner references
 * sometimes list a non-controller owner before or after the controller reference.
 */
export const syncWorld = (c: SyncWorldConstraints = {}): fc.Arbitrary<SyncWorld> => {
  const now = c.now ?? defaultNow
  const maxReplicas = c.maxReplicas ?? 5
  const imagePool = c.images ?? ['img:1', 'img:2', 'img:3', 'img:4', 'img:5']
  return deployment({ ...c, images: imagePool, name: c.name ?? 'web', namespace: c.namespace ?? fc.constantFrom('default', 'team-a'), now }).chain((d) =>
    fc
      .record({
        withCurrent: given(c.withCurrent ?? fc.oneof({ weight: 3, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) })),
        others: fc.uniqueArray(fc.constantFrom(...imagePool), { maxLength: Math.max(0, (c.maxReplicaSets ?? 4) - 1) }),
        sets: fc.array(
          fc.record({
            replicas: fc.nat({ max: maxReplicas + 2 }),
            revision: fc.integer({ min: 1, max: 9 }),
            age: fc.integer({ min: 1, max: 86_400 }),
            generation: fc.integer({ min: 1, max: 3 }),
            desired: fc.oneof({ weight: 3, arbitrary: fc.constant<number | undefined>(undefined) }, { weight: 2, arbitrary: fc.nat({ max: maxReplicas + 2 }) }),
            surge: fc.nat({ max: 3 }),
            millis: fc.oneof({ weight: 3, arbitrary: fc.constant(0) }, { weight: 1, arbitrary: fc.integer({ min: 1, max: 999 }) }),
            offset: fc.constantFrom(0, 0, 60, -300, 330),
            bystander: fc.constantFrom('none', 'none', 'before', 'after'),
          }),
          { minLength: c.maxReplicaSets ?? 4, maxLength: c.maxReplicaSets ?? 4 },
        ),
      })
      .chain(({ withCurrent, others, sets }) => {
        const current = d.spec.template.spec.containers[0]?.image ?? ''
        const imgs = [...(withCurrent ? [current] : []), ...others.filter((i) => i !== current)]
        const specs = imgs.map((image, i) => ({ image, ...sets[i % sets.length]! }))
        return fc.tuple(...specs.map((s) => replicaSetStatus(s.replicas, s.generation))).map((statuses) =>
          specs.map((s, i): ReplicaSet => {
            const app = d.metadata.name ?? ''
            const podTemplate = template(app, s.image)
            const hash = computeHash(podTemplate)
            const labels = { app, [podTemplateHashLabel]: hash }
            const r = s.desired ?? d.spec.replicas ?? 1
            const name = `${app}-${hash}`
            return {
              apiVersion: 'apps/v1',
              kind: 'ReplicaSet',
              metadata: {
                name,
                namespace: d.metadata.namespace ?? 'default',
                uid: `uid-${name}`,
                resourceVersion: String(10 + i),
                generation: s.generation,
                creationTimestamp: rfc3339(now.getTime() - s.age * 1000 - s.millis, s.offset, s.millis > 0),
                labels,
                annotations: {
                  [revisionAnnotation]: String(s.revision),
                  [desiredReplicasAnnotation]: String(r),
                  [maxReplicasAnnotation]: String(r + s.surge),
                },
                ownerReferences:
                  s.bystander === 'before'
                    ? [bystanderRef, newControllerRef(d)]
                    : s.bystander === 'after'
                      ? [newControllerRef(d), bystanderRef]
                      : [newControllerRef(d)],
              },
              spec: {
                replicas: s.replicas,
                minReadySeconds: d.spec.minReadySeconds ?? 0,
                selector: { matchLabels: labels },
                template: { ...podTemplate, metadata: { labels } },
              },
              status: statuses[i]!,
            }
          }),
        )
      })
      .chain((replicaSets) =>
        fc.boolean().map((complete) => {
          const r = d.spec.replicas ?? 1
          const status = { observedGeneration: 1, replicas: r, updatedReplicas: r, readyReplicas: r, availableReplicas: r }
          return { deployment: complete ? { ...d, status } : d, replicaSets, now }
        }),
      ),
  )
}
