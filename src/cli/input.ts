/**
 * Reading the CLI's inputs as kubectl reads `-f`: files, stdin (`-`), or directories (their
 * `.yaml`, `.yml` and `.json` files in name order; `-R` also reads their subdirectories);
 * URLs are refused. Every problem of every file is reported at once, each naming its file,
 * document and field path; an object defined twice is an error naming both places.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import * as E from 'fp-ts/lib/Either.js'
import { decodeManifestsWith } from '../api/decode.js'
import type { FieldIssue } from '../api/DecodeError.js'
import type { KubeObject } from '../api/object.js'
import { decodeScenario, isScenarioDocument } from '../scenario/index.js'
import type { Scenario } from '../scenario/index.js'
import { scenarioFaultIssues } from './faults.js'

/** What the input files hold. */
export interface Inputs {
  readonly objects: ReadonlyArray<KubeObject>
  /** Where each object is (same index): `file [document 2] items[0]`. */
  readonly places: ReadonlyArray<string>
  readonly scenarios: ReadonlyArray<Scenario>
}

/** How to read `-f` arguments. */
export interface ReadOptions {
  /** `-R`: read the subdirectories of a directory too. */
  readonly recursive?: boolean
}

const manifestFile = /\.(ya?ml|json)$/i
const url = /^[A-Za-z][A-Za-z0-9+.-]*:\/\//

const label = (file: string): string => (file === '-' ? '<stdin>' : file)

const why = (e: unknown): string => {
  const code = (e as { readonly code?: unknown }).code
  return code === 'ENOENT'
    ? 'no such file or directory'
    : code === 'EACCES'
      ? 'permission denied'
      : e instanceof Error
        ? e.message
        : String(e)
}

/** The manifest files under `dir` in name order (kubectl's walk), subdirectories only when `recursive`. */
const filesIn = (dir: string, recursive: boolean): E.Either<string, ReadonlyArray<string>> => {
  let entries
  try {
    entries = readdirSync(dir, { withFileTypes: true })
  } catch (e) {
    return E.left(`${dir}: ${why(e)}`)
  }
  const out: Array<string> = []
  for (const d of entries.slice().sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, d.name)
    if (d.isDirectory()) {
      if (!recursive) continue
      const inner = filesIn(path, true)
      if (E.isLeft(inner)) return inner
      out.push(...inner.right)
    } else if (manifestFile.test(d.name) && (d.isFile() || d.isSymbolicLink())) out.push(path)
  }
  return E.right(out)
}

/** The files one `-f` argument names: itself, stdin, or a directory's manifest files. */
const expand = (arg: string, recursive: boolean): E.Either<string, ReadonlyArray<string>> => {
  if (arg === '-') return E.right([arg])
  if (url.test(arg)) return E.left(`${arg}: reading from a URL is not supported (kube-reconcile never uses the network): download it and pass the file`)
  let isDir: boolean
  try {
    isDir = statSync(arg).isDirectory()
  } catch (e) {
    return E.left(`${arg}: ${why(e)}`)
  }
  if (!isDir) return E.right([arg])
  const files = filesIn(arg, recursive)
  if (E.isRight(files) && files.right.length === 0)
    return E.left(`${arg}: no .yaml, .yml or .json files in this directory${recursive ? ' or below' : ' (-R reads its subdirectories)'}`)
  return files
}

const readText = (file: string): E.Either<string, string> => {
  try {
    return E.right(readFileSync(file === '-' ? 0 : file, 'utf8'))
  } catch (e) {
    return E.left(`${label(file)}: ${why(e)}`)
  }
}

/** `file [document 2] items[0]`, or `file` for the only object of a file. */
const placeOf = (file: string, position: string): string => (position === '' ? label(file) : `${label(file)} ${position}`)

/** `file: [document 2] spec.replicas: message`. */
const line = (file: string, path: string, message: string): string => `${label(file)}: ${path === '' ? '' : `${path}: `}${message}`

/** The problems of a Scenario document: the decoder's, and those of its `fault` steps. */
const scenarioIssues = (document: unknown): ReadonlyArray<FieldIssue> => {
  const s = decodeScenario(document)
  return [...(E.isLeft(s) ? s.left.issues : []), ...scenarioFaultIssues(document)]
}

/** The problems of one file's text, or what it holds. */
const readFile = (
  file: string,
  text: string,
): E.Either<ReadonlyArray<string>, Inputs & { readonly scenarioPlaces: ReadonlyArray<string> }> => {
  const decoded = decodeManifestsWith(text, { isExtra: isScenarioDocument, checkExtra: scenarioIssues })
  if (E.isLeft(decoded)) return E.left(decoded.left.issues.map((i) => line(file, i.path, i.message)))
  const scenarios = decoded.right.extras.flatMap((x) => {
    const s = decodeScenario(x.value)
    return E.isRight(s) ? [s.right] : []
  })
  return E.right({
    objects: decoded.right.objects,
    places: decoded.right.positions.map((p) => placeOf(file, p)),
    scenarios,
    scenarioPlaces: decoded.right.extras.map((x) => placeOf(file, x.path)),
  })
}

/** `Deployment default/web`. */
const describeObject = (o: KubeObject): string =>
  `${String(o.kind)} ${o.metadata.namespace === undefined ? '' : `${o.metadata.namespace}/`}${o.metadata.name ?? ''}`

/** One problem per object defined again (same kind, namespace and name), naming both places. */
const duplicates = (objects: ReadonlyArray<KubeObject>, places: ReadonlyArray<string>): ReadonlyArray<string> => {
  const first = new Map<string, number>()
  const problems: Array<string> = []
  objects.forEach((o, i) => {
    const name = o.metadata.name ?? ''
    if (name === '') return
    const key = `${String(o.kind)}/${o.metadata.namespace ?? ''}/${name}`
    const seen = first.get(key)
    if (seen === undefined) first.set(key, i)
    else problems.push(`${places[i] ?? ''}: ${describeObject(o)} is defined twice: also at ${places[seen] ?? ''}`)
  })
  return problems
}

/**
 * Reads and decodes every `-f` argument. Every problem of every file is listed, one per line
 * (`file: [document 2] spec.replicas: message`), and so is every object defined twice.
 */
export const readInputs = (args: ReadonlyArray<string>, options: ReadOptions = {}): E.Either<string, Inputs> => {
  const problems: Array<string> = []
  const objects: Array<KubeObject> = []
  const places: Array<string> = []
  const scenarios: Array<Scenario> = []
  const scenarioPlaces: Array<string> = []
  const files: Array<string> = []
  for (const arg of args) {
    const found = expand(arg, options.recursive === true)
    if (E.isLeft(found)) problems.push(found.left)
    else files.push(...found.right)
  }
  for (const file of files) {
    const text = readText(file)
    if (E.isLeft(text)) {
      problems.push(text.left)
      continue
    }
    const read = readFile(file, text.right)
    if (E.isLeft(read)) {
      problems.push(...read.left)
      continue
    }
    objects.push(...read.right.objects)
    places.push(...read.right.places)
    scenarios.push(...read.right.scenarios)
    scenarioPlaces.push(...read.right.scenarioPlaces)
  }
  problems.push(...duplicates(objects, places))
  for (const extra of scenarioPlaces.slice(1)) problems.push(`${extra}: a second Scenario document (one scenario per run; the first is at ${scenarioPlaces[0] ?? ''})`)
  return problems.length > 0 ? E.left(problems.join('\n')) : E.right({ objects, places, scenarios })
}
