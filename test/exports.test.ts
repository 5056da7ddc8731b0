import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import * as Root from '../src/index.js'
import * as Arb from '../src/arbitraries/index.js'
import pkg from '../package.json' with { type: 'json' }

describe('the public surface', () => {
  it('has the design.md contract at the root', () => {
    for (const f of [Root.decode, Root.decodeManifests, Root.reconcile, Root.encode]) expect(typeof f).toBe('function')
    for (const f of ['fromObjects', 'toArray', 'list', 'get', 'controlledBy', 'orphans', 'podsOnNode', 'select'] as const) {
      expect(typeof Root.ClusterView[f]).toBe('function')
    }
    for (const f of ['make', 'step', 'runUntilStable', 'advance', 'inject', 'timeline'] as const) {
      expect(typeof Root.Simulation[f]).toBe('function')
    }
    expect(typeof Root.ReplicaSet.reconcile).toBe('function')
    expect(typeof Root.ReplicationController.reconcile).toBe('function')
    for (const f of ['reconcile', 'reconcileWith', 'controllerWith', 'selectRevisions', 'isClaimOwnerUpToDate'] as const) expect(typeof Root.StatefulSet[f]).toBe('function')
    for (const f of ['reconcile', 'reconcileWith', 'rememberBackoff', 'nodeShouldRunDaemonPod'] as const) expect(typeof Root.DaemonSet[f]).toBe('function')
    for (const f of ['reconcile', 'mostRecentScheduleTime', 'nextScheduleTimeDuration', 'parseStandard', 'next'] as const) expect(typeof Root.CronJob[f]).toBe('function')
    for (const f of ['reconcile', 'reconcileWith', 'controllerWith', 'lastHeartbeat', 'kubeletStopped'] as const) expect(typeof Root.NodeLifecycle[f]).toBe('function')
    for (const f of ['reconcile', 'remember', 'decide', 'matchingTolerations', 'minTolerationSeconds'] as const) expect(typeof Root.TaintEviction[f]).toBe('function')
    for (const f of ['terminatedPods', 'boundNodeNames'] as const) expect(typeof Root.ClusterView[f]).toBe('function')
    for (const f of ['reconcile', 'resolveFenceposts', 'maxUnavailable', 'maxSurge', 'newRSNewReplicas'] as const) {
      expect(typeof Root.Deployment[f]).toBe('function')
    }
    expect(typeof Root.Api.Pod.decode).toBe('function')
    expect(typeof Root.DecodeError.make).toBe('function')
    expect(typeof Root.Scenario.decodeScenario).toBe('function')
  })

  it('registers a controller for each kind that has one, and none for the rest', () => {
    expect([...Root.controlledKinds()].sort()).toEqual(['CronJob', 'DaemonSet', 'Deployment', 'Job', 'ReplicaSet', 'ReplicationController', 'StatefulSet'])
  })

  it('re-exports every invariant module and every arbitrary module', () => {
    for (const dir of ['invariants', 'arbitraries']) {
      const barrel = readFileSync(new URL(`../src/${dir}/index.ts`, import.meta.url), 'utf8')
      const modules = readdirSync(new URL(`../src/${dir}`, import.meta.url)).filter((f) => f !== 'index.ts')
      expect(modules.length).toBeGreaterThan(2)
      for (const f of modules) expect(barrel, `${dir}/index.ts re-exports ${f}`).toContain(`./${f.replace(/\.ts$/, '.js')}`)
    }
  })

  it('exports the invariants per controller namespace, with Violation and the catalogue at the top', () => {
    const { Invariants } = Root
    for (const f of [Invariants.violation, Invariants.format]) expect(typeof f).toBe('function')
    expect(Invariants.catalogue.length).toBeGreaterThan(10)
    expect(typeof Invariants.Core.core1AtMostOneController).toBe('function')
    expect(typeof Invariants.Core.checkView).toBe('function')
    expect(typeof Invariants.ReplicaSet.rs1OwnedPodsMatchReplicas).toBe('function')
    for (const f of [Invariants.ReplicaSet.checkSync, Invariants.ReplicaSet.checkFixpoint]) expect(typeof f).toBe('function')
    expect(typeof Invariants.Deployment.dep1SpecSurgeBound).toBe('function')
    for (const f of [Invariants.Deployment.checkStep, Invariants.Deployment.checkFixpoint]) expect(typeof f).toBe('function')
    const top = Object.keys(Invariants).sort()
    expect(top).toEqual([
      'Core',
      'CronJob',
      'DaemonSet',
      'Deployment',
      'GarbageCollector',
      'Job',
      'NodeLifecycle',
      'PodGc',
      'ReplicaSet',
      'StatefulSet',
      'TtlAfterFinished',
      'catalogue',
      'format',
      'violation',
    ])
  })

  it('exports generic arbitraries flat and controller arbitraries as namespaces', () => {
    for (const f of [Arb.pod, Arb.node, Arb.objectMeta, Arb.clusterView, Arb.faultPlan]) expect(typeof f).toBe('function')
    for (const f of [Arb.ReplicaSet.replicaSet, Arb.ReplicaSet.replicationController, Arb.ReplicaSet.world]) expect(typeof f).toBe('function')
    for (const f of [Arb.Deployment.deployment, Arb.Deployment.world, Arb.Deployment.syncWorld, Arb.Deployment.command]) expect(typeof f).toBe('function')
    for (const f of [Arb.StatefulSet.statefulSet, Arb.StatefulSet.world]) expect(typeof f).toBe('function')
    for (const f of [Arb.DaemonSet.daemonSet, Arb.DaemonSet.fleet, Arb.DaemonSet.world, Arb.DaemonSet.changePlan]) expect(typeof f).toBe('function')
    for (const f of [Arb.CronJob.schedule, Arb.CronJob.cronJob, Arb.CronJob.world, Arb.CronJob.dayPlan, Arb.CronJob.nearTransition]) expect(typeof f).toBe('function')
    for (const name of ['replicaSet', 'replicaSetWorld', 'deployment', 'deploymentWorld']) expect(Object.keys(Arb)).not.toContain(name)
  })

  it('keeps api/ free of imports from core/ (core builds on api, not the other way round)', () => {
    const dir = new URL('../src/api/', import.meta.url)
    for (const f of readdirSync(dir)) {
      expect(readFileSync(new URL(f, dir), 'utf8'), `src/api/${f}`).not.toMatch(/from '\.\.\/core\//)
    }
  })

  it('package.json exposes the entries and blocks internals', () => {
    expect(Object.keys(pkg.exports)).toEqual(['.', './arbitraries', './internal/*', './package.json'])
    expect(pkg.exports['./internal/*']).toBeNull()
    expect(pkg.sideEffects).toBe(false)
    expect(pkg.bin['kube-reconcile']).toBe('./dist/cli.js')
    expect(pkg.peerDependenciesMeta['fast-check'].optional).toBe(true)
  })
})
