/**
 * The bounded YAML reader (`api/yaml.ts`): the pre-scan's cuts and limits, the expanded-size
 * count, the kubectl dialect, and how problems are placed and worded.
 */
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as _ from '../../src/api/yaml.js'

/** Every document of `text`, or the whole-text problem. */
const read = (text: string): { readonly docs: ReadonlyArray<_.YamlDocument>; readonly whole: string | undefined } => {
  const docs: Array<_.YamlDocument> = []
  const whole = _.forEachDocument(text, (d) => docs.push(d))
  return { docs, whole }
}

const values = (text: string): ReadonlyArray<unknown> => {
  const { docs, whole } = read(text)
  expect(whole).toBeUndefined()
  return docs.map((d) => (E.isRight(d) ? d.right : expect.fail(`unexpected problem: ${d.left}`)))
}

describe('prescan', () => {
  const cuts = (text: string): ReadonlyArray<number> => {
    const r = _.prescan(text)
    return E.isRight(r) ? r.right.lines : expect.fail(r.left)
  }

  it.each([
    ['one document', 'a: 1\n', [1]],
    ['a leading marker', '---\na: 1\n', [1]],
    ['two documents', 'a: 1\n---\nb: 2\n', [1, 2]],
    ['a marker with content on its line', 'a: 1\n--- b\n', [1, 2]],
    ['an end marker: the next chunk starts after it', 'a: 1\n...\nb: 2\n', [1, 3]],
    ['a directive stays with its document', '%YAML 1.1\n---\na: 1\n', [1]],
    ['comments stay with their document', '# c\n\n---\na: 1\n', [1]],
    ['an indented marker is content', 'a: |\n  ---\n  x\n', [1]],
    ['----- is not a marker', 'a: 1\n-----\n', [1]],
    ['CRLF markers', 'a: 1\r\n---\r\nb: 2\r\n', [1, 2]],
    ['empty documents count', '---\n---\n---\n', [1, 2, 3]],
  ])('%s', (_name, text, lines) => {
    expect(cuts(text)).toEqual(lines)
  })

  it('refuses text over the YAML length limit before reading it', () => {
    const r = _.prescan(' '.repeat(_.yamlLimits.maxTextLength + 1))
    expect(E.isLeft(r) && r.left).toContain(`larger than the limit of ${_.yamlLimits.maxTextLength} characters`)
    expect(E.isRight(_.prescan(' '.repeat(_.yamlLimits.maxTextLength)))).toBe(true)
  })

  it('counts documents up to the limit exactly', () => {
    expect(E.isRight(_.prescan('---\n'.repeat(_.yamlLimits.maxDocuments)))).toBe(true)
    const r = _.prescan('---\n'.repeat(_.yamlLimits.maxDocuments + 1))
    expect(E.isLeft(r) && r.left).toBe(`more than ${_.yamlLimits.maxDocuments} documents at line ${_.yamlLimits.maxDocuments + 1}: the limit of documents in one text`)
  })
})

describe('expandedSize', () => {
  const shared = [1, 2]
  const cyclic: Array<unknown> = [1]
  cyclic.push(cyclic)
  it.each([
    ['a scalar', 5, 1],
    ['null', null, 1],
    ['an empty array', [], 1],
    ['a flat mapping', { a: 1, b: 2 }, 3],
    ['nested', { a: [1, { b: 2 }] }, 5],
    ['a shared node counts once per reference', { a: shared, b: shared, c: shared }, 10],
    ['a cycle', cyclic, Infinity],
  ])('%s', (_name, value, size) => {
    expect(_.expandedSize(value, 1_000_000)).toBe(size)
  })

  it('stops counting past the limit', () => {
    let v: unknown = [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]
    for (let i = 0; i < 12; i++) v = [v, v, v, v, v, v, v, v, v, v]
    const n = _.expandedSize(v, 1000)
    expect(n).toBeGreaterThan(1000)
    expect(n).toBeLessThan(100_000)
  })
})

describe('the kubectl dialect (YAML 1.1, go-yaml v2)', () => {
  it.each([
    ['yes', true],
    ['no', false],
    ['on', true],
    ['off', false],
    ['y', true],
    ['True', true],
    ['0755', 493],
    ['0x1f', 31],
    ['1_000', 1000],
    ['~', null],
    ['1:30', '1:30'],
    ['1:30.5', '1:30.5'],
    ['2001-12-14', '2001-12-14'],
    ['2001-12-14T21:59:43Z', '2001-12-14T21:59:43Z'],
    ["'yes'", 'yes'],
    ['.inf', Infinity],
  ])('%s', (scalar, value) => {
    expect(values(`v: ${scalar}\n`)).toEqual([{ v: value }])
  })

  it('merges keys, own keys first', () => {
    expect(values('a: &a {x: 1, z: 2}\nb: {<<: *a, z: 3}\n')).toEqual([{ a: { x: 1, z: 2 }, b: { x: 1, z: 3 } }])
  })

  it('keeps prototype-named keys as own data properties', () => {
    const [doc] = values('__proto__: {polluted: true}\nconstructor: 1\n') as [object]
    expect(Object.getPrototypeOf(doc)).toBe(Object.prototype)
    expect(Object.getOwnPropertyDescriptor(doc, '__proto__')?.value).toEqual({ polluted: true })
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})

describe('problems, placed in their document', () => {
  it('a problem in one document leaves the others readable', () => {
    const { docs } = read('a: 1\n---\nb: [\n---\nc: 3\n')
    expect(docs.map((d) => (E.isRight(d) ? d.right : 'problem'))).toEqual([{ a: 1 }, 'problem', { c: 3 }])
    expect(E.isLeft(docs[1]!) && docs[1].left).toMatch(/^YAML syntax error at line 4, column 1: /)
  })

  it.each([
    ['a duplicate key, with its line', 'a: 1\n---\nx: 1\ny: 2\nx: 3\n', 'duplicate key "x" at line 5, column 1'],
    ['a duplicate quoted key in a flow mapping', 'm: {"k": 1, "k": 2}\n', 'duplicate key "k" at line 1, column'],
    ['nesting at the limit + 1', `a: ${'['.repeat(100)}${']'.repeat(100)}\n`, 'YAML nested deeper than 100 levels at line 1'],
    ['aliases beyond the limit', `a: &a 1\nb: [${Array.from({ length: 101 }, () => '*a').join(', ')}]\n`, 'more than 100 aliases in one document'],
    ['a recursive alias', 'x: 1\n---\na: &a [*a]\n', 'the document at line 2 refers to itself through an alias'],
    ['an unknown tag', 'a: !foo x\n', 'YAML syntax error at line 1'],
    ['an explicit timestamp (not in the dialect)', 'a: !!timestamp 2001-01-01\n', 'YAML syntax error at line 1'],
  ])('%s', (_name, text, message) => {
    const { docs } = read(text)
    const problems = docs.flatMap((d) => (E.isLeft(d) ? [d.left] : []))
    expect(problems.some((p) => p.includes(message)), problems.join('\n')).toBe(true)
  })

  it('aliases up to the limit are fine', () => {
    expect(values(`a: &a 1\nb: [${Array.from({ length: 100 }, () => '*a').join(', ')}]\n`)).toHaveLength(1)
  })

  it('nesting up to the limit is fine', () => {
    expect(values(`a: ${'['.repeat(99)}${']'.repeat(99)}\n`)).toHaveLength(1)
  })

  it('reads a batch larger than one js-yaml call in order', () => {
    const n = 20_000
    const docs = values(Array.from({ length: n }, (_v, i) => `i: ${i}\npad: ${'x'.repeat(20)}\n`).join('---\n'))
    expect(docs.map((d) => (d as { readonly i: number }).i)).toEqual(Array.from({ length: n }, (_v, i) => i))
  })
})
