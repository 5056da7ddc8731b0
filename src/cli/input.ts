/**
 * Reading the CLI's inputs: files or stdin, decoded into objects and scenarios. Errors name the
 * file and the field path.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { decodeManifestsWith } from '../api/decode.js'
import { isKind } from '../api/object.js'
import type { KubeObject } from '../api/object.js'
import { decodeScenario, isScenarioDocument } from '../scenario/index.js'
import type { Scenario } from '../scenario/index.js'

/** What the input files hold. */
export interface Inputs {
  readonly objects: ReadonlyArray<KubeObject>
  readonly scenarios: ReadonlyArray<Scenario>
  /** One line per document left out because its kind is not modelled (a Service, a ConfigMap, …). */
  readonly skipped: ReadonlyArray<string>
}

/** A document of a kind this library does not model yet (not a List: its items are decoded). */
const isUnmodelled = (doc: unknown): boolean => {
  const kind = typeof doc === 'object' && doc !== null ? (doc as { readonly kind?: unknown }).kind : undefined
  return typeof kind === 'string' && kind !== '' && !isKind(kind) && !kind.endsWith('List') && kind !== 'Scenario'
}

/** `Service default/web` for a skipped document. */
const describeDoc = (doc: unknown): string => {
  const d = doc as { readonly kind?: unknown; readonly metadata?: { readonly name?: unknown; readonly namespace?: unknown } }
  const name = typeof d.metadata?.name === 'string' ? d.metadata.name : '(unnamed)'
  const ns = typeof d.metadata?.namespace === 'string' ? `${d.metadata.namespace}/` : ''
  return `${String(d.kind)} ${ns}${name}`
}

const readText = (file: string): E.Either<string, string> => {
  try {
    return E.right(readFileSync(file === '-' ? 0 : file, 'utf8'))
  } catch (e) {
    const code = (e as { code?: string }).code
    return E.left(`${file}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : String(e)}`)
  }
}

const label = (file: string): string => (file === '-' ? '<stdin>' : file)

/** Reads and decodes every file; the first file with a problem stops it, with every issue of that file listed. */
export const readInputs = (files: ReadonlyArray<string>): E.Either<string, Inputs> => {
  const objects: Array<KubeObject> = []
  const scenarios: Array<Scenario> = []
  const skipped: Array<string> = []
  for (const file of files) {
    const text = readText(file)
    if (E.isLeft(text)) return text
    const decoded = decodeManifestsWith(text.right, { isExtra: (d) => isScenarioDocument(d) || isUnmodelled(d) })
    if (E.isLeft(decoded)) return E.left(decoded.left.issues.map((i) => `${label(file)}: ${i.path === '' ? '' : `${i.path}: `}${i.message}`).join('\n'))
    objects.push(...decoded.right.objects)
    for (const extra of decoded.right.extras) {
      if (!isScenarioDocument(extra.value)) {
        skipped.push(`${label(file)}: ${extra.path === '' ? '' : `${extra.path} `}${describeDoc(extra.value)} left out: its kind is not modelled`)
        continue
      }
      const s = decodeScenario(extra.value)
      if (E.isLeft(s)) {
        return E.left(
          s.left.issues.map((i) => `${label(file)}: ${extra.path === '' ? '' : `${extra.path} `}${i.path}: ${i.message}`).join('\n'),
        )
      }
      scenarios.push(s.right)
    }
  }
  return E.right({ objects, scenarios, skipped })
}
