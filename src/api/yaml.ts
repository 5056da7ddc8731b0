/**
 * Bounded YAML reading for `decodeManifests`: a linear pre-scan of the text (size, document
 * count), then js-yaml with a counted nesting limit, a per-document alias limit and its
 * one-pass duplicate-key check, then a linear count of every document's values with its aliases
 * expanded. Every limit exceeded is a message naming the limit and the place; nothing here
 * throws, and no input can reach the JavaScript stack limit or make the work super-linear.
 *
 * YAML 1.1 as kubectl reads it (`yes`/`no`/`on`/`off`, `0755` octal, merge keys `<<`), except
 * that timestamps and base-60 numbers (`1:30`) stay strings, as with kubectl's go-yaml.
 */
import * as E from 'fp-ts/lib/Either.js'
import type { Either } from 'fp-ts/lib/Either.js'
import { NOT_RESOLVED, Schema, YAML11_SCHEMA, defineScalarTag, floatYaml11Tag, intYaml11Tag, loadAll } from 'js-yaml'
import type { ScalarTagDefinition } from 'js-yaml'

/** The bounds on YAML text (the text-length bound for JSON and YAML is `manifestLimits.maxTextLength`). */
export const yamlLimits = {
  /** Longest YAML text, in UTF-16 code units (16 MiB): parsing takes about 30 bytes of heap per byte of YAML. */
  maxTextLength: 16 * 1024 * 1024,
  /** Most documents, counted by their markers (`---` and `...` lines) before parsing. */
  maxDocuments: 100_000,
  /**
   * Deepest nesting of sequences and mappings, counted by the parser (not the JavaScript stack).
   * Above `sanitize`'s 64 levels, so that an object nested 65 to 100 levels deep is reported
   * with its field path.
   */
  maxDepth: 100,
  /** Most alias nodes (`*name`) in one document. */
  maxAliases: 100,
  /** Most values (scalars, sequences, mappings) in one document with every alias expanded. */
  maxValues: 1_000_000,
  /**
   * Most keys merge keys (`<<: *anchor`) may copy in one document (js-yaml counts per call; a
   * batch over it is read again document by document).
   */
  maxMergeKeys: 100_000,
} as const

// -------------------------------------------------------------------------------------
// schema
// -------------------------------------------------------------------------------------

/** `tag` without its base-60 forms: go-yaml v2 reads `1:30` as a string. */
const withoutSexagesimal = <A>(tag: ScalarTagDefinition<A>): ScalarTagDefinition<A> =>
  defineScalarTag<A>(tag.tagName, {
    implicit: tag.implicit,
    implicitFirstChars: tag.implicitFirstChars,
    resolve: (source, isExplicit, tagName) => (source.includes(':') ? NOT_RESOLVED : tag.resolve(source, isExplicit, tagName)),
    identify: tag.identify,
    represent: tag.represent,
  })

const TIMESTAMP = 'tag:yaml.org,2002:timestamp'

/** YAML 1.1 without implicit timestamps and base-60 numbers. */
const kubectlSchema = new Schema(
  YAML11_SCHEMA.tags
    .filter((t) => t.tagName !== TIMESTAMP)
    .map((t) =>
      t.tagName === intYaml11Tag.tagName ? withoutSexagesimal(intYaml11Tag) : t.tagName === floatYaml11Tag.tagName ? withoutSexagesimal(floatYaml11Tag) : t,
    ),
)

// -------------------------------------------------------------------------------------
// pre-scan
// -------------------------------------------------------------------------------------

/** Whether a document marker (`---` or `...`, then a space, a tab, a line break or the end) starts at `i`. */
const isMarkerAt = (text: string, i: number): boolean => {
  const c = text.charCodeAt(i)
  if ((c !== 0x2d && c !== 0x2e) || text.charCodeAt(i + 1) !== c || text.charCodeAt(i + 2) !== c) return false
  const next = text.charCodeAt(i + 3)
  return Number.isNaN(next) || next === 0x20 || next === 0x09 || next === 0x0a || next === 0x0d
}

/** Lines that hold no node: blank, comment, or directive (`%YAML 1.1`) lines. */
const NO_CONTENT = /^(?:[ \t\r]*(?:#[^\n]*)?(?:\n|$)|%[^\n]*(?:\n|$))*$/

/** Where each chunk of the text starts (offset and 1-based line); a chunk holds one document, rarely a few. */
export interface Chunks {
  readonly offsets: ReadonlyArray<number>
  readonly lines: ReadonlyArray<number>
}

/**
 * The text cut into chunks at its document markers, in one pass and without parsing: a chunk
 * starts at each `---` line and after each `...` line (a marker line is one in every context,
 * even inside a block scalar, so no node spans two chunks); directives and comments before a
 * `---` stay with the document they precede. Or the first limit the text breaks: its length,
 * or its number of documents.
 */
export const prescan = (text: string): Either<string, Chunks> => {
  if (text.length > yamlLimits.maxTextLength)
    return E.left(`YAML text of ${text.length} characters is larger than the limit of ${yamlLimits.maxTextLength} characters`)
  const offsets = [0]
  const lines = [1]
  let line = 1
  for (let at = 0; at <= text.length; line++) {
    const nl = text.indexOf('\n', at)
    const next = nl === -1 ? text.length + 1 : nl + 1
    if (isMarkerAt(text, at)) {
      const cut = text.charCodeAt(at) === 0x2d ? at : next
      const cutLine = cut === at ? line : line + 1
      const last = offsets[offsets.length - 1]!
      if (cut > last && cut <= text.length && !NO_CONTENT.test(text.slice(last, cut))) {
        if (offsets.length >= yamlLimits.maxDocuments)
          return E.left(`more than ${yamlLimits.maxDocuments} documents at line ${cutLine}: the limit of documents in one text`)
        offsets.push(cut)
        lines.push(cutLine)
      }
    }
    at = next
  }
  return E.right({ offsets, lines })
}

// -------------------------------------------------------------------------------------
// expanded size
// -------------------------------------------------------------------------------------

interface Frame {
  readonly node: object
  readonly children: ReadonlyArray<unknown>
  next: number
  total: number
}

const childrenOf = (node: object): ReadonlyArray<unknown> => (Array.isArray(node) ? node : Object.values(node))

/**
 * How many values `root` holds with every alias expanded (a shared node counts once per
 * reference), computed once per distinct node, iteratively; `Infinity` for a recursive alias.
 * Stops counting past `limit`.
 */
export const expandedSize = (root: unknown, limit: number): number => {
  if (typeof root !== 'object' || root === null) return 1
  const done = new Map<object, number>()
  const open = new Set<object>([root])
  const stack: Array<Frame> = [{ node: root, children: childrenOf(root), next: 0, total: 1 }]
  for (;;) {
    const top = stack[stack.length - 1]!
    if (top.total > limit) return top.total
    if (top.next === top.children.length) {
      stack.pop()
      open.delete(top.node)
      done.set(top.node, top.total)
      const parent = stack[stack.length - 1]
      if (parent === undefined) return top.total
      parent.total += top.total
      continue
    }
    const child = top.children[top.next++]
    if (typeof child !== 'object' || child === null) top.total += 1
    else if (open.has(child)) return Infinity
    else {
      const known = done.get(child)
      if (known !== undefined) top.total += known
      else {
        open.add(child)
        stack.push({ node: child, children: childrenOf(child), next: 0, total: 1 })
      }
    }
  }
}

// -------------------------------------------------------------------------------------
// parse
// -------------------------------------------------------------------------------------

interface Mark {
  readonly line: number
  readonly column: number
  readonly position: number
}

const markOf = (e: unknown): Mark | undefined => {
  const m = typeof e === 'object' && e !== null ? (e as { readonly mark?: Partial<Mark> }).mark : undefined
  return m !== undefined && typeof m.line === 'number' && typeof m.column === 'number' && typeof m.position === 'number'
    ? { line: m.line, column: m.column, position: m.position }
    : undefined
}

const isQuote = (c: string): boolean => c === '"' || c === "'"

/**
 * The key js-yaml marks at `pos` (its quote, the first character inside its quotes, or the start
 * of a plain key): the quoted text, or the plain text up to `: `, `,` or `}`.
 */
const keyAt = (text: string, pos: number): string => {
  const open = isQuote(text.charAt(pos)) ? pos : isQuote(text.charAt(pos - 1)) ? pos - 1 : -1
  if (open !== -1) {
    const end = text.indexOf(text.charAt(open), open + 1)
    return text.slice(open + 1, end === -1 ? open + 1 : end)
  }
  const rest = /^[^\n]*?(?=:(?:\s|$)|[,}\n]|$)/.exec(text.slice(pos, pos + 256))
  return (rest?.[0] ?? '').trim()
}

const DEPTH = /maxDepth/
const DUPLICATE = /duplicated mapping key/
const ALIASES = /maxAliases/
const MERGES = /maxTotalMergeKeys|merge keys/i

/** Why js-yaml stopped, in our words: the limit or the syntax rule, then the line and column in the text. */
const explain = (chunk: string, firstLine: number, e: unknown): string => {
  const reason = typeof e === 'object' && e !== null && 'reason' in e ? String((e as { reason: unknown }).reason) : String(e)
  const mark = markOf(e)
  const at = mark === undefined ? '' : ` at line ${mark.line + firstLine}, column ${mark.column + 1}`
  if (DEPTH.test(reason)) return `YAML nested deeper than ${yamlLimits.maxDepth} levels${at}: the limit of nesting`
  if (ALIASES.test(reason)) return `more than ${yamlLimits.maxAliases} aliases in one document${at}: the limit of aliases`
  if (MERGES.test(reason)) return `merge keys copy more than ${yamlLimits.maxMergeKeys} keys${at}: the limit of merged keys`
  if (DUPLICATE.test(reason) && mark !== undefined)
    return `duplicate key ${JSON.stringify(keyAt(chunk, mark.position))}${at} (a key may appear once in a mapping)`
  return `YAML syntax error${at}: ${reason}`
}

/** One YAML document: its value as plain data (`null` when empty), or why it could not be read. */
export type YamlDocument = Either<string, unknown>

const loadOptions = {
  schema: kubectlSchema,
  maxDepth: yamlLimits.maxDepth,
  maxAliases: yamlLimits.maxAliases,
  maxTotalMergeKeys: yamlLimits.maxMergeKeys,
}

/** The documents of one chunk, each checked for its expanded size, or the chunk's problem. */
const readChunk = (chunk: string, firstLine: number): ReadonlyArray<YamlDocument> => {
  let docs: ReadonlyArray<unknown>
  try {
    docs = loadAll(chunk, loadOptions)
  } catch (e) {
    return [E.left(explain(chunk, firstLine, e))]
  }
  return docs.map((doc): YamlDocument => {
    const size = expandedSize(doc, yamlLimits.maxValues)
    if (size === Infinity) return E.left(`the document at line ${firstLine} refers to itself through an alias (a recursive structure)`)
    if (size > yamlLimits.maxValues)
      return E.left(
        `the document at line ${firstLine} expands to more than ${yamlLimits.maxValues} values with its aliases: the limit of values in one document`,
      )
    return E.right(doc)
  })
}

/**
 * Characters of text parsed in one js-yaml call: large enough that its per-call cost vanishes,
 * small enough that the parse of one batch (about 30 bytes of heap per byte) stays small.
 */
const BATCH_CHARS = 256 * 1024

/**
 * Reads the documents of a YAML text a batch of chunks at a time and hands each to `each`, in
 * order, so that only one batch's parse is alive at once (the caller decodes and drops each
 * document). A batch with any problem is read again chunk by chunk, so that each problem is
 * its own document's Left (syntax, a limit, with its line and column) and the other documents
 * still decode. Returns a problem with the whole text (a limit the pre-scan found; then nothing
 * is read), else `undefined`. Never throws.
 */
export const forEachDocument = (text: string, each: (doc: YamlDocument) => void): string | undefined => {
  const chunks = prescan(text)
  if (E.isLeft(chunks)) return chunks.left
  const { offsets, lines } = chunks.right
  const end = (k: number): number => (k < offsets.length ? offsets[k]! : text.length)
  for (let first = 0; first < offsets.length; ) {
    let last = first + 1
    while (last < offsets.length && end(last + 1) - offsets[first]! <= BATCH_CHARS) last++
    const batch = readChunk(text.slice(offsets[first], end(last)), lines[first]!)
    if (batch.every(E.isRight)) batch.forEach(each)
    else for (let k = first; k < last; k++) readChunk(text.slice(offsets[k], end(k + 1)), lines[k]!).forEach(each)
    first = last
  }
  return undefined
}
