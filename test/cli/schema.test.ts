/**
 * The shipped JSON Schema of the Scenario kind agrees with the command: every example's
 * Scenario conforms, its steps, kinds and faults are the decoder's, and whatever it accepts the
 * command accepts.
 */
import { readFileSync, readdirSync } from 'node:fs'
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { load } from 'js-yaml'
import { describe, expect, it } from 'vitest'
import { kinds } from '../../src/api/object.js'
import { scenarioFaultIssues } from '../../src/cli/faults.js'
import { decodeScenario } from '../../src/scenario/index.js'
import { check } from './jsonSchema.js'

const runs = Number(process.env['PROPERTY_RUNS'] ?? 300)
const schema = JSON.parse(readFileSync(new URL('../../schema/scenario.schema.json', import.meta.url), 'utf8')) as {
  readonly $defs: Readonly<Record<string, { readonly properties?: Readonly<Record<string, { readonly enum?: ReadonlyArray<string> }>> }>>
}
const conforms = (doc: unknown): ReadonlyArray<string> => check(schema, schema, doc)
/** What the command accepts: the decoder's checks and those of fault steps. */
const accepted = (doc: unknown): boolean => E.isRight(decodeScenario(doc)) && scenarioFaultIssues(doc).length === 0

const scenario = (events: ReadonlyArray<unknown>, spec: Record<string, unknown> = {}): unknown => ({
  apiVersion: 'kube-reconcile.io/v1alpha1',
  kind: 'Scenario',
  metadata: { name: 's' },
  spec: { events, ...spec },
})

describe('the Scenario JSON Schema', () => {
  it('accepts the Scenario of every example, which the command accepts too', () => {
    const dir = new URL('../../examples/', import.meta.url)
    const found = readdirSync(dir).filter((f) => f.endsWith('.yaml'))
    let checked = 0
    for (const f of found) {
      const text = readFileSync(new URL(f, dir), 'utf8')
      for (const doc of text.split(/^---$/m).map((d) => load(d)))
        if ((doc as { kind?: unknown } | null)?.kind === 'Scenario') {
          expect(conforms(doc), f).toEqual([])
          expect(accepted(doc), f).toBe(true)
          checked++
        }
    }
    expect(checked).toBeGreaterThanOrEqual(4)
  })

  it('names exactly the steps the decoder knows', () => {
    const r = decodeScenario(scenario([{ at: 1 }]))
    const message = E.isLeft(r) ? (r.left.issues[0]?.message ?? '') : ''
    const decoderSteps = message.replace('needs exactly one of ', '').split(', ')
    const schemaSteps = Object.keys(schema.$defs['event']?.properties ?? {}).filter((k) => k !== 'at')
    expect(schemaSteps.sort()).toEqual([...decoderSteps].sort())
  })

  it('targets exactly the modelled kinds', () => {
    expect([...(schema.$defs['target']?.properties?.['kind']?.enum ?? [])].sort()).toEqual(Object.keys(kinds).sort())
  })

  it('lists the faults the decoder accepts, and no other', () => {
    const tags = schema.$defs['fault']?.properties?.['_tag']?.enum ?? []
    expect(tags.length).toBeGreaterThan(10)
    for (const tag of tags) expect(E.isRight(decodeScenario(scenario([{ at: 1, fault: { _tag: tag } }]))), tag).toBe(true)
    // The command checks each fault's fields before the run: a fault without them is refused.
    for (const tag of tags.filter((x) => x !== 'ControllerRestart')) expect(accepted(scenario([{ at: 1, fault: { _tag: tag } }])), tag).toBe(false)
    expect(E.isRight(decodeScenario(scenario([{ at: 1, fault: { _tag: 'NoSuchFault' } }])))).toBe(false)
    expect(conforms(scenario([{ at: 1, fault: { _tag: 'NoSuchFault' } }]))).not.toEqual([])
  })

  it.each([
    ['two steps in one event', [{ at: 1, nodeDown: 'a', nodeUp: 'a' }]],
    ['no step', [{ at: '5s' }]],
    ['a bad duration', [{ at: 'soon', nodeDown: 'a' }]],
    ['an unknown kind to scale', [{ at: 1, scale: { kind: 'Service', name: 'web', replicas: 1 } }]],
    ['a pick without a selector', [{ at: 1, crashPod: { index: 0 } }]],
    ['a taint without an effect', [{ at: 1, taintNode: { name: 'n', key: 'k' } }]],
  ])('rejects %s, as the command does', (_name, events) => {
    expect(conforms(scenario(events))).not.toEqual([])
    expect(accepted(scenario(events))).toBe(false)
  })

  it('property: whatever the schema accepts, the command accepts', () => {
    const name = fc.constantFrom('web', 'node-1', '')
    const duration = fc.oneof(fc.nat(100), fc.constantFrom('90s', '1m30s', '500ms', '2h', 'soon', '', '-1s'))
    const step = fc.oneof(
      fc.record({ crashPod: fc.record({ selector: fc.dictionary(fc.constantFrom('app', 'tier'), fc.constantFrom('web', 'db')), index: fc.oneof(fc.nat(3), fc.constant(-1), fc.constant(1.5)) }, { requiredKeys: [] }) }),
      fc.record({ nodeDown: name }),
      fc.record({ scale: fc.record({ kind: fc.constantFrom('ReplicaSet', 'Deployment', 'Service'), name, replicas: fc.oneof(fc.nat(5), fc.constant(-2)) }, { requiredKeys: ['kind'] }) }),
      fc.record({ edit: fc.record({ kind: fc.constantFrom('StatefulSet', 'Widget'), name, patch: fc.constantFrom({ spec: {} }, 'x') }, { requiredKeys: ['kind', 'name'] }) }),
      fc.record({ taintNode: fc.record({ name, key: fc.constantFrom('k', ''), effect: fc.constantFrom('NoSchedule', 'Sometimes') }, { requiredKeys: ['name'] }) }),
      fc.record({ labelNode: fc.record({ name, labels: fc.dictionary(fc.constantFrom('a', 'b'), fc.constantFrom('x', null)) }) }),
      fc.record({ fault: fc.oneof(fc.constant({ _tag: 'ControllerRestart' }), fc.record({ _tag: fc.constantFrom('DropActions', 'Nope'), count: fc.oneof(fc.nat(3), fc.constant('x')) })) }),
      fc.record({ addNode: fc.record({ name, pods: fc.oneof(fc.nat(20), fc.constant(-1)) }, { requiredKeys: [] }) }),
      fc.constant({}),
    )
    const event = fc.tuple(duration, step, fc.option(step, { nil: undefined })).map(([at, a, b]) => ({ at, ...a, ...(b ?? {}) }))
    fc.assert(
      fc.property(fc.array(event, { maxLength: 4 }), fc.option(duration, { nil: undefined }), (events, until) => {
        const doc = scenario(events, until === undefined ? {} : { until })
        if (conforms(doc).length === 0) expect(accepted(doc), JSON.stringify(doc)).toBe(true)
      }),
      { numRuns: runs },
    )
  })

  it('is shipped in the package', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { files: ReadonlyArray<string> }
    expect(pkg.files).toContain('schema')
  })
})
