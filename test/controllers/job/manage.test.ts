/**
 * How many pods a Job runs and which it creates or deletes (`manage.ts`, upstream `manageJob`,
 * `activePodsForRemoval`, `appendDuplicatedIndexPodsForRemoval`, `firstPendingIndexes` and
 * `getPodCreationInfoForIndependentIndexes`), with upstream's tables from
 * `indexed_job_utils_test.go` and `job_controller_test.go`.
 */
import { describe, expect, it } from 'vitest'
import * as Indexes from '../../../src/api/jobIndexes.js'
import type { Pod } from '../../../src/api/pod.js'
import type { Job } from '../../../src/api/workloads.js'
import { completionIndexKey } from '../../../src/controllers/job/keys.js'
import { activePodsForRemoval, decide, readyCount, wantActive } from '../../../src/controllers/job/manage.js'
import type { ManageInput } from '../../../src/controllers/job/manage.js'
import { ago, job, now, pod } from './fixtures.js'

const nowMs = now.getTime()

/** `[index, phase]` of each pod, `-` for none (upstream `toIndexPhases`). */
const indexPhases = (pods: ReadonlyArray<Pod>): ReadonlyArray<string> =>
  pods.map((p) => `${p.metadata.annotations?.[completionIndexKey] ?? '-'} ${p.status?.phase ?? ''}`)

/** Pods from `index phase` strings (`-` for no index), named p0, p1, … */
const podsOf = (j: Job, ...descs: ReadonlyArray<string>): ReadonlyArray<Pod> =>
  descs.map((d, i) => {
    const [index, phase] = d.split(' ') as [string, 'Pending' | 'Running']
    return pod(`p${i}`, { owner: j, phase, ...(index === '-' ? {} : { index }) })
  })

const input = (o: Partial<ManageInput> = {}): ManageInput => ({
  active: [],
  succeeded: 0,
  terminating: 0,
  taken: Indexes.empty,
  delayed: new Map(),
  backoffMs: 0,
  nowMs,
  ...o,
})

describe('wantActive', () => {
  it.each<readonly [string, Job, number, number, number]>([
    ['completions and parallelism', job({ parallelism: 2, completions: 5 }), 0, 0, 2],
    ['fewer completions left than parallelism', job({ parallelism: 3, completions: 4 }), 3, 2, 2],
    ['every completion reached', job({ parallelism: 3, completions: 4 }), 0, 4, 0],
    ['more succeeded than completions', job({ parallelism: 3, completions: 4 }), 1, 6, 0],
    ['work queue before any success: parallelism', job({ parallelism: 3, completions: null }), 1, 0, 3],
    ['work queue after a success: what runs', job({ parallelism: 3, completions: null }), 2, 1, 2],
    ['parallelism unset reads as 1', job({ parallelism: null, completions: 5 }), 0, 0, 1],
    ['parallelism 0', job({ parallelism: 0, completions: 5 }), 1, 0, 0],
  ])('%s', (_name, j, active, succeeded, want) => {
    expect(wantActive(j, active, succeeded)).toBe(want)
  })
})

describe('activePodsForRemoval: indexed (upstream TestAppendDuplicatedIndexPodsForRemoval)', () => {
  const indexed = job({ indexed: true, completions: 6, parallelism: 6 })

  it('all unique: the pod without an index and the one out of range go', () => {
    const pods = podsOf(indexed, '- Pending', '2 Pending', '5 Running', '6 Running')
    expect(indexPhases(activePodsForRemoval(indexed, pods, 0))).toEqual(['- Pending', '6 Running'])
  })

  it('mixed: no, invalid and negative indexes go, and all but the most valuable pod of a repeated index', () => {
    const pods = podsOf(indexed, '- Pending', 'invalid Running', '-2 Running', '0 Pending', '1 Pending', '1 Pending', '1 Running')
    expect(indexPhases(activePodsForRemoval(indexed, pods, 0))).toEqual(['- Pending', 'invalid Running', '-2 Running', '1 Pending', '1 Pending'])
  })

  const allWithIndex = (): ReadonlyArray<Pod> =>
    podsOf(indexed, '5 Pending', '0 Running', '3 Pending', '0 Running', '3 Running', '0 Pending', '6 Running', '6 Pending')

  it('all with index: the same pods go as upstream', () => {
    expect([...indexPhases(activePodsForRemoval(indexed, allWithIndex(), 0))].sort()).toEqual(['0 Pending', '0 Running', '3 Pending', '6 Pending', '6 Running'])
  })

  // Upstream sorts the pods by completion index before walking them
  // (appendDuplicatedIndexPodsForRemoval, indexed_job_utils.go), so an out-of-range index (6)
  // comes after the duplicates of lower indexes; ours lists out-of-range pods first. The order
  // decides which pods go when more than MaxPodCreateDeletePerSync (500) are to be deleted.
  it('all with index: in upstream order (by completion index)', () => {
    expect(indexPhases(activePodsForRemoval(indexed, allWithIndex(), 0))).toEqual(['0 Pending', '0 Running', '3 Pending', '6 Running', '6 Pending'])
  })

  it('then, while too few, the least valuable of the kept pods', () => {
    const j = job({ indexed: true, completions: 5, parallelism: 5 })
    const pods = [
      pod('a', { owner: j, index: 0, ready: true }),
      pod('b', { owner: j, index: 1, phase: 'Pending' }),
      pod('c', { owner: j, index: 2 }),
      pod('d', { owner: j, index: 2, phase: 'Pending' }),
    ]
    expect(activePodsForRemoval(j, pods, 3).map((p) => p.metadata.name)).toEqual(['d', 'b', 'c'])
    expect(activePodsForRemoval(j, pods, 1).map((p) => p.metadata.name)).toEqual(['d'])
  })
})

describe('activePodsForRemoval: non-indexed (upstream ActivePods order)', () => {
  const j = job({ parallelism: 7, completions: 10 })
  const pods = [
    pod('ready-long', { owner: j, ready: true }),
    pod('running', { owner: j }),
    pod('pending', { owner: j, phase: 'Pending' }),
    pod('unscheduled', { owner: j, phase: 'Pending', node: null }),
    pod('ready-recent', { owner: j, conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: ago(100) }] }),
    pod('restarted', { owner: j, restarts: 3 }),
    pod('young', { owner: j, createdAgo: 100 }),
  ]

  it('orders unscheduled, pending, not ready (more restarts, then newer first), then ready (more recently first)', () => {
    expect(activePodsForRemoval(j, pods, 7).map((p) => p.metadata.name)).toEqual([
      'unscheduled',
      'pending',
      'restarted',
      'young',
      'running',
      'ready-recent',
      'ready-long',
    ])
  })

  it('takes exactly atLeast pods, none for 0', () => {
    expect(activePodsForRemoval(j, pods, 2).map((p) => p.metadata.name)).toEqual(['unscheduled', 'pending'])
    expect(activePodsForRemoval(j, pods, 0)).toEqual([])
  })

  it('does not look at completion indexes of a NonIndexed Job', () => {
    const a = pod('a', { owner: j, index: 'bad' })
    expect(activePodsForRemoval(j, [a], 0)).toEqual([])
  })
})

describe('decide (upstream manageJob)', () => {
  const running = (j: Job, n: number, from = 0): ReadonlyArray<Pod> => Array.from({ length: n }, (_, i) => pod(`r${from + i}`, { owner: j }))

  it('a suspended Job deletes every active pod, and does nothing without one', () => {
    const j = job({ suspend: true, parallelism: 2, completions: 4 })
    const active = running(j, 3)
    expect(decide(j, input({ active }), 0)).toEqual({ _tag: 'Delete', pods: activePodsForRemoval(j, active, 3) })
    expect(decide(j, input(), 0)).toEqual({ _tag: 'Nothing' })
  })

  it('a suspended Job deletes even more than 500 pods in one sync', () => {
    const j = job({ suspend: true, parallelism: 600, completions: 600 })
    const d = decide(j, input({ active: running(j, 600) }), 0)
    expect(d._tag === 'Delete' && d.pods.length).toBe(600)
  })

  it('deletes what exceeds wantActive, at most 500', () => {
    const j = job({ parallelism: 2, completions: 5 })
    const d = decide(j, input({ active: running(j, 3) }), 0)
    expect(d).toEqual({ _tag: 'Delete', pods: activePodsForRemoval(j, running(j, 3), 1) })
    const big = job({ parallelism: 1, completions: 5 })
    const many = decide(big, input({ active: running(big, 700) }), 0)
    expect(many._tag === 'Delete' && many.pods.length).toBe(500)
  })

  it('creates what is missing, at most 500', () => {
    const j = job({ parallelism: 3, completions: 5 })
    expect(decide(j, input({ active: running(j, 1) }), 0)).toEqual({ _tag: 'Create', count: 2 })
    const big = job({ parallelism: 1000, completions: 1000 })
    expect(decide(big, input(), 0)).toEqual({ _tag: 'Create', count: 500 })
  })

  it('counts terminating pods against the creations only when given the credit (podReplacementPolicy Failed)', () => {
    const j = job({ parallelism: 3, completions: 5 })
    expect(decide(j, input({ active: running(j, 1), terminating: 1 }), 1)).toEqual({ _tag: 'Create', count: 1 })
    expect(decide(j, input({ active: running(j, 1), terminating: 2 }), 2)).toEqual({ _tag: 'Nothing' })
    expect(decide(j, input({ active: running(j, 1), terminating: 2 }), 0)).toEqual({ _tag: 'Create', count: 2 })
  })

  it('does nothing with exactly wantActive pods', () => {
    const j = job({ parallelism: 2, completions: 5 })
    expect(decide(j, input({ active: running(j, 2) }), 0)).toEqual({ _tag: 'Nothing' })
  })

  it('waits while the global backoff holds, and creates once it is over', () => {
    const j = job({ parallelism: 2, completions: 5 })
    expect(decide(j, input({ backoffMs: 4000 }), 0)).toEqual({ _tag: 'Wait', ms: 4000 })
    expect(decide(j, input({ backoffMs: 0 }), 0)).toEqual({ _tag: 'Create', count: 2 })
  })

  it('deletes despite a backoff (the backoff only holds creations)', () => {
    const j = job({ parallelism: 1, completions: 5 })
    expect(decide(j, input({ active: running(j, 2), backoffMs: 4000 }), 0)._tag).toBe('Delete')
  })

  it('an Indexed Job creates the lowest free indexes (succeeded, failed, active ones taken)', () => {
    const j = job({ indexed: true, parallelism: 8, completions: 20 })
    // upstream TestControllerSyncJob "indexed job some running and completed pods"
    const active = [pod('a', { owner: j, index: 0 }), pod('b', { owner: j, index: 3, phase: 'Pending' })]
    const taken = Indexes.union([], [2, 4, 5, 7, 8, 9])
    expect(decide(j, input({ active, taken, succeeded: 6 }), 0)).toEqual({ _tag: 'Create', count: 6, indexes: [1, 6, 10, 11, 12, 13] })
  })

  it('an Indexed Job deletes a pod without a valid index before it creates anything', () => {
    const j = job({ indexed: true, parallelism: 8, completions: 20 })
    const stray = pod('c', { owner: j })
    expect(decide(j, input({ active: [pod('a', { owner: j, index: 0 }), stray] }), 0)).toEqual({ _tag: 'Delete', pods: [stray] })
  })

  it('an Indexed Job with every index taken creates nothing', () => {
    const j = job({ indexed: true, parallelism: 2, completions: 2 })
    expect(decide(j, input({ taken: Indexes.union([], [0, 1]) }), 0)).toEqual({ _tag: 'Nothing' })
  })

  it('an Indexed Job without per-index backoff waits for the global backoff', () => {
    const j = job({ indexed: true, parallelism: 2, completions: 2 })
    expect(decide(j, input({ backoffMs: 3000 }), 0)).toEqual({ _tag: 'Wait', ms: 3000 })
  })

  describe('per-index backoff (upstream TestGetPodCreationInfoForIndependentIndexes)', () => {
    const perIndex = (completions: number) => job({ indexed: true, completions, parallelism: completions, backoffLimitPerIndex: 3 })
    /** The failed pod kept for index `ix`, finished (deleted) `secondsAgo` ago with `count` failures. */
    const lastFailed = (j: Job, ix: number, count: number, secondsAgo: number): Pod =>
      pod(`f${ix}`, { owner: j, phase: 'Failed', index: ix, failureCount: count, containers: [], deleting: true, deletedAgo: secondsAgo, grace: 0 })

    it('simple index creation', () => {
      const j = perIndex(4)
      expect(decide(j, input({ taken: Indexes.union([], [0, 2]) }), 0)).toEqual({ _tag: 'Create', count: 2, indexes: [1, 3] })
    })

    it('subset of indexes can be recreated now', () => {
      const j = perIndex(4)
      const delayed = new Map([[1, lastFailed(j, 1, 0, 0)]])
      expect(decide(j, input({ taken: Indexes.union([], [0, 2]), delayed }), 0)).toEqual({ _tag: 'Create', count: 1, indexes: [3] })
    })

    it('subset of indexes can be recreated now as the pods failed long time ago', () => {
      const j = perIndex(4)
      const delayed = new Map([
        [1, lastFailed(j, 1, 0, 0)],
        [3, lastFailed(j, 3, 0, 10)],
      ])
      expect(decide(j, input({ taken: Indexes.union([], [0, 2]), delayed }), 0)).toEqual({ _tag: 'Create', count: 1, indexes: [3] })
    })

    it('no indexes can be recreated now, need to wait default pod failure backoff', () => {
      const j = perIndex(4)
      const delayed = new Map([
        [1, lastFailed(j, 1, 1, 0)],
        [2, lastFailed(j, 2, 0, 0)],
        [3, lastFailed(j, 3, 2, 0)],
      ])
      expect(decide(j, input({ taken: Indexes.union([], [0]), delayed }), 0)).toEqual({ _tag: 'Wait', ms: 10_000 })
    })

    it('no indexes can be recreated now, need to wait but 1s already passed', () => {
      const j = perIndex(4)
      const delayed = new Map([
        [1, lastFailed(j, 1, 1, 1)],
        [2, lastFailed(j, 2, 0, 1)],
        [3, lastFailed(j, 3, 2, 1)],
      ])
      expect(decide(j, input({ taken: Indexes.union([], [0]), delayed }), 0)).toEqual({ _tag: 'Wait', ms: 9000 })
    })

    it('creates nothing when every index is taken', () => {
      const j = perIndex(2)
      expect(decide(j, input({ taken: Indexes.union([], [0, 1]), backoffMs: 5000 }), 0)).toEqual({ _tag: 'Nothing' })
    })

    it('ignores the global backoff', () => {
      const j = perIndex(2)
      expect(decide(j, input({ backoffMs: 5000 }), 0)).toEqual({ _tag: 'Create', count: 2, indexes: [0, 1] })
    })
  })
})

describe('readyCount', () => {
  it('counts Ready=True pods', () => {
    expect(readyCount([pod('a', { ready: true }), pod('b'), pod('c', { conditions: [{ type: 'Ready', status: 'False' }] })])).toBe(1)
  })
})
