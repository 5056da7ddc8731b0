import { describe, expect, it } from 'vitest'
import * as _ from '../../src/api/sanitize.js'
import { deepFreeze, expectIssue, issues, right } from './util.js'

const nest = (levels: number): unknown => {
  let v: unknown = 'leaf'
  for (let i = 0; i < levels; i++) v = { a: v }
  return v
}

describe('sanitize', () => {
  it('returns a fresh, equal copy of plain JSON with Object.prototype objects', () => {
    const input = deepFreeze({ a: [1, 'x', true, null, { b: 2.5 }], c: {} })
    const out = right(_.sanitize(input))
    expect(out).toEqual(input)
    expect(out).not.toBe(input)
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
    expect((out as { a: ReadonlyArray<unknown> }).a).not.toBe(input.a)
  })

  it('normalises Date to RFC 3339 with whole seconds in UTC', () => {
    const out = right(
      _.sanitize({
        t: new Date('2024-01-01T00:00:00Z'),
        ms: new Date('2024-05-06T07:08:09.999Z'),
        inArray: [new Date(0)],
      }),
    )
    expect(out).toEqual({ t: '2024-01-01T00:00:00Z', ms: '2024-05-06T07:08:09Z', inArray: ['1970-01-01T00:00:00Z'] })
  })

  it.each([
    ['invalid Date', { t: new Date(Number.NaN) }, 't', 'invalid Date'],
    ['Date beyond year 9999', { t: new Date(Date.UTC(10000, 0, 1)) }, 't', 'years 0000-9999'],
    ['NaN', { n: Number.NaN }, 'n', 'not a JSON number'],
    ['Infinity', { x: [Infinity] }, 'x[0]', 'not a JSON number'],
    ['function', { f: () => 1 }, 'f', 'function is not a JSON value'],
    ['symbol', { s: Symbol('s') }, 's', 'symbol is not a JSON value'],
    ['bigint', { b: 1n }, 'b', 'bigint'],
    ['undefined array element', { xs: [1, undefined] }, 'xs[1]', 'undefined'],
    ['Map', { m: new Map() }, 'm', 'a Map instance'],
    ['Set', { s: new Set([1]) }, 's', 'a Set instance'],
    ['class with methods', { c: new (class Thing { method(): number { return 1 } })() }, 'c', 'a Thing instance'],
    ['RegExp', { r: /x/ }, 'r', 'a RegExp instance'],
    ['typed array', { u: new Uint8Array(2) }, 'u', 'Uint8Array'],
  ])('rejects %s with its path', (_name, input, path, message) => {
    expectIssue(issues(_.sanitize(deepFreeze(input))), path, message)
  })

  it('keeps an own __proto__ key (JSON.parse) as an own data property and pollutes nothing', () => {
    const input = JSON.parse('{"metadata":{"__proto__":{"polluted":true}}}') as unknown
    const out = right(_.sanitize(deepFreeze(input))) as { readonly metadata: object }
    expect(Object.getPrototypeOf(out.metadata)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(out.metadata, '__proto__')?.value).toEqual({ polluted: true })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('keeps constructor and prototype keys as own data properties', () => {
    const out = right(_.sanitize(deepFreeze({ metadata: { constructor: 1, prototype: { polluted: true } } }))) as {
      readonly metadata: object
    }
    expect(Object.getOwnPropertyDescriptor(out.metadata, 'constructor')?.value).toBe(1)
    expect(Object.getOwnPropertyDescriptor(out.metadata, 'prototype')?.value).toEqual({ polluted: true })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it('rejects cycles with the path where the cycle closes', () => {
    const a: Record<string, unknown> = { spec: { x: 1 } }
    ;(a['spec'] as Record<string, unknown>)['self'] = a
    expectIssue(issues(_.sanitize(a)), 'spec.self', 'circular reference')
  })

  it('copies shared (acyclic) references', () => {
    const shared = { x: 1 }
    expect(right(_.sanitize({ a: shared, b: shared }))).toEqual({ a: { x: 1 }, b: { x: 1 } })
  })

  it('rejects 10,000 levels of nesting without overflowing the stack', () => {
    const found = issues(_.sanitize(nest(10_000)))
    expect(found).toHaveLength(1)
    expect(found[0]?.path).toBe(Array.from({ length: 64 }, () => 'a').join('.'))
    expect(found[0]?.message).toBe('nested deeper than 64 levels')
  })

  it('honours maxDepth, capped so recursion stays safe', () => {
    expect(issues(_.sanitize(nest(10), { maxDepth: 5 }))[0]?.message).toBe('nested deeper than 5 levels')
    expect(issues(_.sanitize(nest(5000), { maxDepth: 1e9 }))[0]?.message).toBe('nested deeper than 1000 levels')
  })

  it('rejects strings larger than the API server accepts, counting UTF-8 bytes', () => {
    const big = 'x'.repeat(10 * 1024 * 1024)
    expectIssue(issues(_.sanitize({ data: { big } })), 'data.big', 'larger than the API server accepts')
    const euros = '€'.repeat(400_000) // 1.2 MB in UTF-8, 400,000 UTF-16 units
    expectIssue(issues(_.sanitize({ e: euros })), 'e', 'string of 1200000 bytes')
    expect(right(_.sanitize({ ok: 'x'.repeat(1024 * 1024) }))).toBeDefined()
  })

  it('stops on an exponentially shared structure (value budget)', () => {
    let v: unknown = 1
    for (let i = 0; i < 40; i++) v = [v, v]
    expect(issues(_.sanitize(v))[0]?.message).toContain('more than 1000000 values')
  })

  it('accepts null-prototype objects and plain data classes (client-node models) as plain objects', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 })
    class V1ObjectMeta {
      name?: string = 'web'
      namespace?: string = undefined
    }
    const out = right(_.sanitize({ bare, meta: new V1ObjectMeta() }))
    expect(out).toEqual({ bare: { a: 1 }, meta: { name: 'web' } })
    expect(Object.getPrototypeOf((out as { bare: object }).bare)).toBe(Object.prototype)
  })

  it('drops undefined properties, keeps or drops null fields, turns -0 into 0', () => {
    expect(right(_.sanitize({ a: undefined, b: null, c: -0, d: [null] }))).toEqual({ b: null, c: 0, d: [null] })
    expect(right(_.sanitize({ a: { b: null }, d: [null] }, { dropNullFields: true }))).toEqual({ a: {}, d: [null] })
  })

  it('rejects accessor properties without calling them', () => {
    let called = false
    const o = Object.defineProperty({}, 'x', {
      enumerable: true,
      get: () => {
        called = true
        return 1
      },
    })
    expectIssue(issues(_.sanitize({ o })), 'o.x', 'accessor property')
    expect(called).toBe(false)
  })

  it('reports a throwing proxy instead of throwing', () => {
    const hostile = new Proxy(
      {},
      {
        ownKeys: () => {
          throw new Error('boom')
        },
      },
    )
    expectIssue(issues(_.sanitize({ spec: hostile })), 'spec', 'could not be read: boom')
  })

  it('caps the number of issues it collects', () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_v, i) => [`k${i}`, Number.NaN]))
    expect(issues(_.sanitize(many))).toHaveLength(100)
  })

  it('renders map keys that are not identifiers in brackets', () => {
    expectIssue(
      issues(_.sanitize({ metadata: { labels: { 'app.kubernetes.io/name': Number.NaN } } })),
      'metadata.labels[app.kubernetes.io/name]',
      'not a JSON number',
    )
  })
})

describe('paths and sizes', () => {
  it.each([
    ['', 'spec', 'spec'],
    ['spec', 'replicas', 'spec.replicas'],
    ['metadata.labels', 'a/b', 'metadata.labels[a/b]'],
  ])('fieldPath(%j, %j) = %j', (parent, name, expected) => {
    expect(_.fieldPath(parent, name)).toBe(expected)
  })

  it('joinPath joins prefixes and relative paths', () => {
    expect(_.joinPath('items[2]', 'spec.replicas')).toBe('items[2].spec.replicas')
    expect(_.joinPath('items[2]', '[0]')).toBe('items[2][0]')
    expect(_.joinPath('items[2]', '')).toBe('items[2]')
    expect(_.joinPath('', 'kind')).toBe('kind')
  })

  it('utf8Length counts UTF-8 bytes, including surrogate pairs', () => {
    for (const s of ['', 'abc', 'é', '€', '😀', 'a😀b€', '\ud800']) expect(_.utf8Length(s)).toBe(Buffer.byteLength(s))
  })
})
