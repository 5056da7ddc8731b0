/**
 * Shared test helpers for the api tests: deep-freeze, Either unwrapping and minimal valid
 * manifests of every kind (as plain JSON, before defaulting).
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Either } from 'fp-ts/lib/Either.js'
import { expect } from 'vitest'
import type { DecodeError, FieldIssue } from '../../src/api/DecodeError.js'

/** Freezes `x` and everything reachable from it (iteratively, so deep inputs are fine). */
export const deepFreeze = <T>(x: T): T => {
  const stack: Array<unknown> = [x]
  const seen = new Set<object>()
  while (stack.length > 0) {
    const v = stack.pop()
    if (typeof v !== 'object' || v === null || ArrayBuffer.isView(v) || seen.has(v)) continue
    seen.add(v)
    Object.freeze(v)
    for (const k of Reflect.ownKeys(v)) {
      const d = Object.getOwnPropertyDescriptor(v, k)
      if (d !== undefined && 'value' in d) stack.push(d.value)
    }
  }
  return x
}

/** The Right value, failing the test (with the issues) on a Left. */
export const right = <A>(r: Either<DecodeError, A>): A => {
  if (E.isLeft(r)) expect.fail(`expected Right, got Left:\n${r.left.message}`)
  return r.right
}

/** The issues of a Left, failing the test on a Right. */
export const issues = <A>(r: Either<DecodeError, A>): ReadonlyArray<FieldIssue> => {
  if (E.isRight(r)) return expect.fail('expected Left, got Right')
  return r.left.issues
}

/** Asserts that some issue has `path` and a message containing `message`. */
export const expectIssue = (found: ReadonlyArray<FieldIssue>, path: string, message: string): void => {
  expect(
    found.some((i) => i.path === path && i.message.includes(message)),
    `no issue "${path}: …${message}…" in:\n${found.map((i) => `${i.path}: ${i.message}`).join('\n')}`,
  ).toBe(true)
}

type Json = Record<string, unknown>

const template = (labels: Json = { app: 'web' }): Json => ({
  metadata: { labels },
  spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
})

/** Minimal valid manifests, as a user would write them (no defaults). */
export const manifests = {
  pod: (): Json => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'web-0', labels: { app: 'web' } },
    spec: { containers: [{ name: 'app', image: 'nginx:1.25' }] },
  }),
  node: (): Json => ({ apiVersion: 'v1', kind: 'Node', metadata: { name: 'node-1' } }),
  pvc: (): Json => ({
    apiVersion: 'v1',
    kind: 'PersistentVolumeClaim',
    metadata: { name: 'data-web-0' },
    spec: { accessModes: ['ReadWriteOnce'] },
  }),
  controllerRevision: (): Json => ({
    apiVersion: 'apps/v1',
    kind: 'ControllerRevision',
    metadata: { name: 'web-6d4b9c' },
    data: { spec: { template: {} } },
    revision: 1,
  }),
  replicaSet: (): Json => ({
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: template() },
  }),
  replicationController: (): Json => ({
    apiVersion: 'v1',
    kind: 'ReplicationController',
    metadata: { name: 'web' },
    spec: { template: template() },
  }),
  deployment: (): Json => ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: template() },
  }),
  statefulSet: (): Json => ({
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'db' },
    spec: { serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template({ app: 'db' }) },
  }),
  daemonSet: (): Json => ({
    apiVersion: 'apps/v1',
    kind: 'DaemonSet',
    metadata: { name: 'agent' },
    spec: { selector: { matchLabels: { app: 'agent' } }, template: template({ app: 'agent' }) },
  }),
  job: (): Json => ({
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name: 'pi' },
    spec: {
      template: {
        metadata: { labels: { app: 'pi' } },
        spec: { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34' }] },
      },
    },
  }),
  cronJob: (): Json => ({
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello' },
    spec: {
      schedule: '*/5 * * * *',
      jobTemplate: {
        spec: {
          template: { spec: { restartPolicy: 'OnFailure', containers: [{ name: 'hello', image: 'busybox:1.36' }] } },
        },
      },
    },
  }),
} as const

/** A copy of `obj` with the value at the dotted `path` replaced (`undefined` removes it). */
export const setIn = (obj: Json, path: ReadonlyArray<string | number>, value: unknown): Json => {
  const copy = structuredClone(obj)
  let at: Record<string | number, unknown> = copy
  for (const k of path.slice(0, -1)) {
    if (typeof at[k] !== 'object' || at[k] === null) at[k] = typeof k === 'number' ? [] : {}
    at = at[k] as Record<string | number, unknown>
  }
  const last = path[path.length - 1]
  if (last === undefined) return copy
  if (value === undefined) delete at[last]
  else at[last] = value
  return copy
}
