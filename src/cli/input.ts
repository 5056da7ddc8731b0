/**
 * Reading the CLI's inputs: files or stdin, decoded into objects and scenarios. Errors name the
 * file and the field path.
 */
import { readFileSync } from 'node:fs'
import * as E from 'fp-ts/lib/Either.js'
import { decodeManifestsWith } from '../api/decode.js'
import type { KubeObject } from '../api/object.js'
import { decodeScenario, isScenarioDocument } from '../scenario/index.js'
import type { Scenario } from '../scenario/index.js'

/** What the input files hold. */
export interface Inputs {
  readonly objects: ReadonlyArray<KubeObject>
  readonly scenarios: ReadonlyArray<Scenario>
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
  for (const file of files) {
    const text = readText(file)
    if (E.isLeft(text)) return text
    const decoded = decodeManifestsWith(text.right, { isExtra: isScenarioDocument })
    if (E.isLeft(decoded)) return E.left(decoded.left.issues.map((i) => `${label(file)}: ${i.path === '' ? '' : `${i.path}: `}${i.message}`).join('\n'))
    objects.push(...decoded.right.objects)
    for (const extra of decoded.right.extras) {
      const s = decodeScenario(extra.value)
      if (E.isLeft(s)) {
        return E.left(
          s.left.issues.map((i) => `${label(file)}: ${extra.path === '' ? '' : `${extra.path} `}${i.path}: ${i.message}`).join('\n'),
        )
      }
      scenarios.push(s.right)
    }
  }
  return E.right({ objects, scenarios })
}
