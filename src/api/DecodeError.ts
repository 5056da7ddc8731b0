/**
 * DecodeError: a value (never a throw) listing every failing field by its path.
 */

/** One failing field: `path` in dotted/indexed form (`spec.template.spec.containers[0].image`). */
export interface FieldIssue {
  readonly path: string
  readonly message: string
}

/** Why an input could not be decoded; `message` is the printable form of `issues`. */
export interface DecodeError {
  readonly _tag: 'DecodeError'
  /** Where the input came from (a file name or document index), when known. */
  readonly source?: string
  readonly issues: ReadonlyArray<FieldIssue>
  readonly message: string
}

/** Renders issues as `path: message` lines, prefixed with the source when there is one. */
export const format = (issues: ReadonlyArray<FieldIssue>, source?: string): string =>
  issues
    .map((i) => `${source === undefined ? '' : `${source}: `}${i.path === '' ? '<root>' : i.path}: ${i.message}`)
    .join('\n')

/** Builds a DecodeError from its issues (at least one). */
export const make = (issues: ReadonlyArray<FieldIssue>, source?: string): DecodeError =>
  source === undefined
    ? { _tag: 'DecodeError', issues, message: format(issues) }
    : { _tag: 'DecodeError', source, issues, message: format(issues, source) }

/** A DecodeError with one issue. */
export const single = (path: string, message: string): DecodeError => make([{ path, message }])

/** The same error, attributed to `source` (a file name or `document 2`). */
export const withSource = (e: DecodeError, source: string): DecodeError => make(e.issues, source)
