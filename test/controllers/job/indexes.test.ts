/**
 * The index-set format of Indexed Jobs (`src/api/jobIndexes.ts`): parsing a status string as the
 * controller reads it, formatting, union, the first free indexes, the API server's format check
 * and intersections — with upstream's tables (`indexed_job_utils_test.go`
 * TestCalculateSucceededIndexes, TestIntervalsHaveIndex, TestFirstPendingIndexes; validation's
 * `validateIndexesFormat` messages).
 */
import { describe, expect, it } from 'vitest'
import * as Indexes from '../../../src/api/jobIndexes.js'
import type { Indexes as IndexSet } from '../../../src/api/jobIndexes.js'
import { succeededIndexes } from '../../../src/controllers/job/counting.js'
import { job, pod } from './fixtures.js'
import type { Phase } from './fixtures.js'

/** Intervals from `[first, last]` pairs. */
const iv = (...pairs: ReadonlyArray<readonly [number, number]>): IndexSet => pairs.map(([first, last]) => ({ first, last }))

describe('parse (upstream parseIndexesFromString)', () => {
  it.each<readonly [string, number, IndexSet]>([
    ['', 5, []],
    ['0', 5, iv([0, 0])],
    ['1,3-5,7', 8, iv([1, 1], [3, 5], [7, 7])],
    // TestCalculateSucceededIndexes' status intervals
    ['0-5,8-10', 8, iv([0, 5])],
    ['0-5,8-10', 10, iv([0, 5], [8, 9])],
    ['0,4,5,10-12', 13, iv([0, 0], [4, 5], [10, 12])],
    ['3,4,6', 9, iv([3, 4], [6, 6])],
    ['2,7,8', 9, iv([2, 2], [7, 8])],
    ['2-7', 10, iv([2, 7])],
    ['0,1-foo,bar', 4, iv([0, 0])],
    // the first element at or beyond completions ends the reading, even if smaller ones follow
    ['5,1', 3, []],
    ['0,3,1', 3, iv([0, 0])],
    // an adjacent element joins the previous run; a two-element run reads like a range
    ['1,2', 5, iv([1, 2])],
    ['0-1,2-3', 5, iv([0, 3])],
    // unparsable elements are skipped (a sign-less minus splits into an empty first number)
    ['-1,2', 5, iv([2, 2])],
    ['1-,3', 5, iv([3, 3])],
    ['x,1', 5, iv([1, 1])],
    ['+2', 5, iv([2, 2])],
    ['invalid-form', 10, []],
  ])('parse(%j, %d)', (text, completions, want) => {
    expect(Indexes.parse(text, completions)).toEqual(want)
  })

  it('clamps a last index beyond completions to completions - 1', () => {
    expect(Indexes.parse('2-100', 5)).toEqual(iv([2, 4]))
  })
})

describe('format (upstream orderedIntervals.String)', () => {
  it.each<readonly [IndexSet, string]>([
    [[], ''],
    [iv([4, 4]), '4'],
    [iv([4, 5]), '4,5'],
    [iv([4, 6]), '4-6'],
    [iv([1, 1], [3, 5], [7, 7]), '1,3-5,7'],
    [iv([2, 3], [5, 7]), '2,3,5-7'],
    [iv([2, 2], [4, 5], [7, 9]), '2,4,5,7-9'],
    [iv([0, 499]), '0-499'],
  ])('format(%j) = %j', (set, want) => {
    expect(Indexes.format(set)).toBe(want)
  })

  it('parse reads back what format writes', () => {
    const set = iv([0, 0], [2, 3], [5, 9], [11, 11])
    expect(Indexes.parse(Indexes.format(set), 12)).toEqual(set)
  })
})

describe('size, has, toArray', () => {
  it('size counts every index of every run', () => {
    expect(Indexes.size([])).toBe(0)
    expect(Indexes.size(iv([0, 0]))).toBe(1)
    expect(Indexes.size(iv([2, 4], [6, 8]))).toBe(6)
  })

  // upstream TestIntervalsHaveIndex
  it.each<readonly [string, IndexSet, number, boolean]>([
    ['empty', [], 4, false],
    ['before all', iv([2, 4], [5, 7]), 1, false],
    ['after all', iv([2, 4], [6, 8]), 9, false],
    ['in between', iv([2, 4], [6, 8]), 5, false],
    ['in first', iv([2, 4], [6, 8]), 2, true],
    ['in second', iv([2, 4], [6, 8]), 8, true],
    ['last of first', iv([2, 4], [6, 8]), 4, true],
    ['inside a middle run', iv([0, 0], [3, 5], [9, 9], [12, 20]), 4, true],
    ['between later runs', iv([0, 0], [3, 5], [9, 9], [12, 20]), 10, false],
    ['in the last of many', iv([0, 0], [3, 5], [9, 9], [12, 20]), 20, true],
  ])('has: %s', (_name, set, index, want) => {
    expect(Indexes.has(set, index)).toBe(want)
  })

  it('toArray lists the indexes ascending', () => {
    expect(Indexes.toArray(iv([1, 1], [3, 5]))).toEqual([1, 3, 4, 5])
    expect(Indexes.toArray([])).toEqual([])
  })
})

describe('union', () => {
  it.each<readonly [string, ReadonlyArray<IndexSet>, ReadonlyArray<number>, IndexSet]>([
    ['nothing', [], [], []],
    ['loose indexes, unordered and repeated', [], [5, 3, 3, 4, 9], iv([3, 5], [9, 9])],
    // TestCalculateSucceededIndexes: status intervals joined by the new succeeded indexes
    ['prev and new separate', [iv([0, 0], [4, 5], [10, 12])], [2, 7, 8], iv([0, 0], [2, 2], [4, 5], [7, 8], [10, 12])],
    ['prev between new', [iv([3, 4], [6, 6])], [2, 7, 8], iv([2, 4], [6, 8])],
    ['new between prev', [iv([2, 2], [7, 8])], [3, 4, 6], iv([2, 4], [6, 8])],
    ['new within prev', [iv([2, 7])], [0, 3, 5, 9], iv([0, 0], [2, 7], [9, 9])],
    ['overlapping sets', [iv([0, 4]), iv([2, 8]), iv([10, 10])], [], iv([0, 8], [10, 10])],
    ['a run inside another', [iv([0, 10]), iv([2, 3])], [], iv([0, 10])],
    ['adjacent runs merge', [iv([0, 1]), iv([2, 3])], [], iv([0, 3])],
  ])('%s', (_name, sets, loose, want) => {
    expect(Indexes.union(sets, loose)).toEqual(want)
  })
})

describe('succeeded indexes from pods (upstream TestCalculateSucceededIndexes)', () => {
  type Row = readonly [string, string, ReadonlyArray<readonly [string, Phase]>, number, IndexSet]
  const rows: ReadonlyArray<Row> = [
    ['one index', '', [['1', 'Succeeded']], 2, iv([1, 1])],
    [
      'two separate',
      '',
      [
        ['2', 'Failed'],
        ['5', 'Succeeded'],
        ['5', 'Succeeded'],
        ['10', 'Failed'],
        ['10', 'Succeeded'],
      ],
      11,
      iv([5, 5], [10, 10]),
    ],
    [
      'two intervals',
      '',
      [
        ['0', 'Running'],
        ['1', 'Pending'],
        ['2', 'Succeeded'],
        ['3', 'Succeeded'],
        ['5', 'Succeeded'],
        ['6', 'Succeeded'],
        ['7', 'Succeeded'],
      ],
      8,
      iv([2, 3], [5, 7]),
    ],
    [
      'one index and one interval',
      '',
      [
        ['0', 'Succeeded'],
        ['1', 'Failed'],
        ['2', 'Succeeded'],
        ['3', 'Succeeded'],
        ['4', 'Succeeded'],
        ['5', 'Succeeded'],
        ['-', 'Succeeded'],
        ['-2', 'Succeeded'],
      ],
      6,
      iv([0, 0], [2, 5]),
    ],
    [
      'out of range',
      '',
      [
        ['0', 'Succeeded'],
        ['1', 'Succeeded'],
        ['2', 'Succeeded'],
        ['3', 'Failed'],
        ['4', 'Succeeded'],
        ['5', 'Succeeded'],
        ['-', 'Succeeded'],
        ['-2', 'Succeeded'],
      ],
      5,
      iv([0, 2], [4, 4]),
    ],
    ['prev interval out of range', '0-5,8-10', [], 8, iv([0, 5])],
    ['prev interval partially out of range', '0-5,8-10', [], 10, iv([0, 5], [8, 9])],
    ['prev and new separate', '0,4,5,10-12', [['2', 'Succeeded'], ['7', 'Succeeded'], ['8', 'Succeeded']], 13, iv([0, 0], [2, 2], [4, 5], [7, 8], [10, 12])],
    ['prev between new', '3,4,6', [['2', 'Succeeded'], ['7', 'Succeeded'], ['8', 'Succeeded']], 9, iv([2, 4], [6, 8])],
    ['new between prev', '2,7,8', [['3', 'Succeeded'], ['4', 'Succeeded'], ['6', 'Succeeded']], 9, iv([2, 4], [6, 8])],
    ['new within prev', '2-7', [['0', 'Succeeded'], ['3', 'Succeeded'], ['5', 'Succeeded'], ['9', 'Succeeded']], 10, iv([0, 0], [2, 7], [9, 9])],
    ['corrupted interval', '0,1-foo,bar', [['3', 'Succeeded']], 4, iv([0, 0], [3, 3])],
  ]

  it.each(rows)('%s', (_name, prev, pods, completions, want) => {
    const j = job({ indexed: true, completions, parallelism: completions, status: { completedIndexes: prev } })
    const ps = pods.map(([index, phase], i) => pod(`p${i}`, { owner: j, phase, ...(index === '-' ? {} : { index }) }))
    expect(succeededIndexes(j, ps)).toEqual(want)
  })

  it('ignores succeeded pods without the tracking finalizer (already counted in the status)', () => {
    const j = job({ indexed: true, completions: 4, parallelism: 4 })
    expect(succeededIndexes(j, [pod('a', { owner: j, phase: 'Succeeded', index: 1, tracked: false })])).toEqual([])
  })
})

describe('firstFree (upstream TestFirstPendingIndexes)', () => {
  // taken = succeeded indexes ∪ indexes of active pods (valid ones) ∪ failed indexes
  it.each<readonly [string, number, number, IndexSet, IndexSet, ReadonlyArray<number>, ReadonlyArray<number>]>([
    ['cnt greater than completions', 5, 3, [], [], [], [0, 1, 2]],
    ['cnt less than completions', 2, 5, [], [], [], [0, 1]],
    ['first pods active', 3, 10, [], [], [0, 1], [2, 3, 4]],
    ['last pods active or succeeded', 6, 6, iv([4, 5]), [], [6], [0, 1, 2, 3]],
    ['mixed', 5, 20, iv([2, 4], [9, 9]), [], [3, 5, 8], [0, 1, 6, 7, 10]],
    ['with failed indexes', 5, 20, iv([1, 1], [5, 5], [9, 9]), iv([2, 2], [6, 7]), [3, 9], [0, 4, 8, 10, 11]],
  ])('%s', (_name, count, completions, succeeded, failedIx, active, want) => {
    const taken = Indexes.union([succeeded, failedIx], active)
    expect(Indexes.firstFree(count, completions, taken)).toEqual(want)
  })

  it('returns nothing for a count of 0, or when every index is taken', () => {
    expect(Indexes.firstFree(0, 5, [])).toEqual([])
    expect(Indexes.firstFree(3, 4, iv([0, 3]))).toEqual([])
    expect(Indexes.firstFree(3, 0, [])).toEqual([])
  })

  it('tolerates overlapping or nested runs, and ignores taken indexes beyond completions', () => {
    expect(Indexes.firstFree(10, 6, iv([0, 2], [1, 4], [8, 20]))).toEqual([5])
    expect(Indexes.firstFree(10, 8, iv([0, 5], [1, 2]))).toEqual([6, 7])
    expect(Indexes.firstFree(2, 10, iv([0, 0], [2, 2]))).toEqual([1, 3])
  })
})

describe('formatProblem (upstream validateIndexesFormat messages)', () => {
  it.each<readonly [string, number, string | undefined]>([
    ['0', 5, undefined],
    ['0,2-4', 5, undefined],
    ['1,3-4', 5, undefined],
    ['+1', 5, undefined],
    ['1-2-3', 5, 'the fragment "1-2-3" violates the requirement that an index interval can have at most two parts separated by \'-\''],
    ['a', 5, 'cannot convert string to integer for index: "a"'],
    ['-1', 5, 'cannot convert string to integer for index: ""'],
    [' 1', 5, 'cannot convert string to integer for index: " 1"'],
    ['5', 5, 'too large index: "5"'],
    ['99999999999', 5, 'too large index: "99999999999"'],
    ['1,1', 5, 'non-increasing order, previous: 1, current: 1'],
    ['2,1', 5, 'non-increasing order, previous: 2, current: 1'],
    ['0-2,2', 5, 'non-increasing order, previous: 2, current: 2'],
    ['3-1', 5, 'non-increasing order, previous: 3, current: 1'],
    ['2-2', 5, 'non-increasing order, previous: 2, current: 2'],
    ['1-x', 5, 'cannot convert string to integer for index: "x"'],
    ['1-', 5, 'cannot convert string to integer for index: ""'],
    ['0-7', 5, 'too large index: "7"'],
    ['0,', 5, 'cannot convert string to integer for index: ""'],
  ])('formatProblem(%j, %d)', (text, completions, want) => {
    expect(Indexes.formatProblem(text, completions)).toBe(want)
  })

  // Upstream validateIndexesFormat returns (0, nil) for the empty string
  // (validation.go: `if len(indexesStr) == 0 { return 0, nil }`); ours reports an unparsable index.
  it('accepts the empty string, as upstream does', () => {
    expect(Indexes.formatProblem('', 5)).toBeUndefined()
  })

  // Upstream parses the whole interval (both numbers) before comparing it with the
  // previous one (parseIndexInterval, then the order check), so "3,1-x" reports the bad "x";
  // ours compares the first number first and reports the order.
  it('reports a bad second number before the order of the interval', () => {
    expect(Indexes.formatProblem('3,1-x', 5)).toBe('cannot convert string to integer for index: "x"')
  })
})

describe('intersectionSize', () => {
  it.each<readonly [string, IndexSet, IndexSet, number]>([
    ['empty', [], iv([0, 3]), 0],
    ['disjoint', iv([0, 1]), iv([3, 4]), 0],
    ['equal', iv([2, 4], [6, 9]), iv([2, 4], [6, 9]), 7],
    ['nested', iv([1, 10]), iv([2, 4], [6, 8]), 6],
    ['overlapping at both ends', iv([1, 3], [5, 7]), iv([2, 4], [6, 9]), 4],
    ['many small against one large', iv([0, 0], [2, 2], [4, 4], [6, 6]), iv([1, 5]), 2],
    ['one large against many small', iv([1, 5]), iv([0, 0], [2, 2], [4, 4], [6, 6]), 2],
    ['runs ending together', iv([0, 3], [5, 8]), iv([2, 3], [8, 8]), 3],
  ])('%s', (_name, a, b, want) => {
    expect(Indexes.intersectionSize(a, b)).toBe(want)
    expect(Indexes.intersectionSize(b, a)).toBe(want)
  })
})
