import { describe, expect, it } from 'vitest'
import * as _ from '../../src/core/selector.js'

describe('label selectors', () => {
  it.each([
    { name: 'undefined selects nothing', sel: undefined, labels: { a: '1' }, expected: false },
    { name: 'empty selects everything', sel: {}, labels: undefined, expected: true },
    { name: 'matchLabels equal', sel: { matchLabels: { a: '1' } }, labels: { a: '1', b: '2' }, expected: true },
    { name: 'matchLabels differ', sel: { matchLabels: { a: '1' } }, labels: { a: '2' }, expected: false },
    { name: 'In', sel: { matchExpressions: [{ key: 'a', operator: 'In', values: ['1', '2'] }] }, labels: { a: '2' }, expected: true },
    { name: 'In missing key', sel: { matchExpressions: [{ key: 'a', operator: 'In', values: ['1'] }] }, labels: {}, expected: false },
    { name: 'NotIn missing key', sel: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, labels: {}, expected: true },
    { name: 'NotIn present', sel: { matchExpressions: [{ key: 'a', operator: 'NotIn', values: ['1'] }] }, labels: { a: '1' }, expected: false },
    { name: 'Exists', sel: { matchExpressions: [{ key: 'a', operator: 'Exists' }] }, labels: { a: '' }, expected: true },
    { name: 'DoesNotExist', sel: { matchExpressions: [{ key: 'a', operator: 'DoesNotExist' }] }, labels: { a: '' }, expected: false },
    { name: 'unknown operator selects nothing', sel: { matchExpressions: [{ key: 'a', operator: 'Gt' }] }, labels: { a: '1' }, expected: false },
    {
      name: 'labels and expressions are ANDed',
      sel: { matchLabels: { a: '1' }, matchExpressions: [{ key: 'b', operator: 'Exists' }] },
      labels: { a: '1' },
      expected: false,
    },
  ])('$name', ({ sel, labels, expected }) => {
    expect(_.fromLabelSelector(sel)(labels)).toBe(expected)
  })

  it('an RC selector matches by equality, and an empty one matches nothing', () => {
    expect(_.fromEqualityMap({ a: '1' })({ a: '1', b: '2' })).toBe(true)
    expect(_.fromEqualityMap({ a: '1' })({ a: '2' })).toBe(false)
    expect(_.fromEqualityMap({})({ a: '1' })).toBe(false)
    expect(_.fromEqualityMap(undefined)({})).toBe(false)
  })

  it('isSuperset and isEmpty', () => {
    expect(_.isSuperset({ a: '1', b: '2' }, { a: '1' })).toBe(true)
    expect(_.isSuperset({ a: '1' }, { a: '1', b: '2' })).toBe(false)
    expect(_.isSuperset(undefined, undefined)).toBe(true)
    expect(_.isEmpty({})).toBe(true)
    expect(_.isEmpty({ matchLabels: {} })).toBe(true)
    expect(_.isEmpty(undefined)).toBe(false)
    expect(_.isEmpty({ matchLabels: { a: '1' } })).toBe(false)
  })
})
