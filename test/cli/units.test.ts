/**
 * The CLI's parts, in process: reading inputs as kubectl does, the identities the API server
 * would assign, the clock's start, the default fleet, the notes, the checks of fault steps.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import * as fc from 'fast-check'
import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import { decodeManifests } from '../../src/api/decode.js'
import type { KubeObject } from '../../src/api/object.js'
import { defaultStart, latestTime, startOf } from '../../src/cli/clock.js'
import { scenarioFaultIssues } from '../../src/cli/faults.js'
import { withFleet } from '../../src/cli/fleet.js'
import { withIdentities } from '../../src/cli/identity.js'
import { readInputs } from '../../src/cli/input.js'
import { count, listing, unreconciledNote, unschedulableNote } from '../../src/cli/notes.js'
import { simulate } from '../../src/cli/simulate.js'
import * as CV from '../../src/core/ClusterView.js'
import { controllers } from '../../src/controllers/registry.js'
import { deepFreeze } from '../helpers/freeze.js'

const runs = Number(process.env['PROPERTY_RUNS'] ?? 100)
const fixtures = new URL('./fixtures/', import.meta.url).pathname

const objectsOf = (text: string): ReadonlyArray<KubeObject> => {
  const r = decodeManifests(text)
  if (E.isLeft(r)) throw new Error(r.left.message)
  return deepFreeze(r.right)
}

/** The objects of the `kubectl get all -o json` dump. */
const dump = (): ReadonlyArray<KubeObject> => objectsOf(readFileSync(join(fixtures, 'dump', 'kubectl-get-all.json'), 'utf8'))

const rsYaml = (name: string, extra = ''): string =>
  `apiVersion: apps/v1\nkind: ReplicaSet\nmetadata: {name: ${name}${extra}}\nspec: {replicas: 1, selector: {matchLabels: {app: ${name}}}, template: {metadata: {labels: {app: ${name}}}, spec: {containers: [{name: c, image: nginx}]}}}\n`

const tree = (files: Readonly<Record<string, string>>): string => {
  const dir = mkdtempSync(join(tmpdir(), 'kr-inputs-'))
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  return dir
}

describe('reading -f as kubectl reads it', () => {
  it('every manifest of the documentation-shaped fixtures and the kubectl dump decodes', () => {
    for (const dir of ['docs', 'dump'])
      for (const f of readdirSync(join(fixtures, dir))) {
        const r = readInputs([join(fixtures, dir, f)])
        expect(E.isRight(r) ? '' : r.left, f).toBe('')
      }
  })

  it('a directory gives its .yaml, .yml and .json files in name order; -R adds its subdirectories', () => {
    const dir = tree({ 'b.yml': rsYaml('b'), 'a.json': JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' } }), 'notes.txt': 'not a manifest', 'sub/c.yaml': rsYaml('c') })
    const flat = readInputs([dir])
    expect(E.isRight(flat) && flat.right.objects.map((o) => o.metadata.name)).toEqual(['a', 'b'])
    expect(E.isRight(flat) && flat.right.places).toEqual([join(dir, 'a.json'), join(dir, 'b.yml')])
    const deep = readInputs([dir], { recursive: true })
    expect(E.isRight(deep) && deep.right.objects.map((o) => o.metadata.name)).toEqual(['a', 'b', 'c'])
  })

  it('a directory without manifests, a URL and a missing file are errors, every one listed', () => {
    const empty = tree({ 'sub/x.yaml': rsYaml('x'), 'readme.md': '#' })
    const r = readInputs([empty, 'https://example.com/app.yaml', join(empty, 'missing.yaml')])
    expect(E.isLeft(r) && r.left.split('\n')).toEqual([
      `${empty}: no .yaml, .yml or .json files in this directory (-R reads its subdirectories)`,
      'https://example.com/app.yaml: reading from a URL is not supported (kube-reconcile never uses the network): download it and pass the file',
      `${join(empty, 'missing.yaml')}: no such file or directory`,
    ])
  })

  it('lists the problems of every file and document, not only the first', () => {
    const dir = tree({ 'a.yaml': `${rsYaml('Bad_A')}---\n${rsYaml('ok')}`, 'b.yaml': `${rsYaml('fine')}---\napiVersion: v1\nkind: Service\nmetadata: {name: Bad_B}\n` })
    const r = readInputs([join(dir, 'a.yaml'), join(dir, 'b.yaml')])
    const lines = E.isLeft(r) ? r.left.split('\n') : []
    expect(lines.map((l) => l.replace(/: must.*$/, ''))).toEqual([`${join(dir, 'a.yaml')}: [document 1] metadata.name`, `${join(dir, 'b.yaml')}: [document 2] metadata.name`])
  })

  it('an object defined twice, in two files or two documents, is an error naming both places', () => {
    const dir = tree({ 'a.yaml': `${rsYaml('web')}---\n${rsYaml('web', ', namespace: other')}`, 'b.yaml': `${rsYaml('api')}---\n${rsYaml('web', ', namespace: default')}` })
    const r = readInputs([dir])
    expect(E.isLeft(r) && r.left).toBe(`${join(dir, 'b.yaml')} [document 2]: ReplicaSet default/web is defined twice: also at ${join(dir, 'a.yaml')} [document 1]`)
  })

  it('a second Scenario is an error naming both', () => {
    const scenario = 'apiVersion: kube-reconcile.io/v1alpha1\nkind: Scenario\nspec: {events: []}\n'
    const dir = tree({ 'a.yaml': scenario, 'b.yaml': scenario })
    const r = readInputs([dir])
    expect(E.isLeft(r) && r.left).toBe(`${join(dir, 'b.yaml')}: a second Scenario document (one scenario per run; the first is at ${join(dir, 'a.yaml')})`)
  })
})

describe('identities the API server would assign', () => {
  const two = objectsOf(`${rsYaml('web')}---\n${rsYaml('api', ', uid: given-uid')}---\napiVersion: v1\nkind: Pod\nmetadata: {generateName: web-}\nspec: {containers: [{name: c, image: x}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {generateName: web-}\nspec: {containers: [{name: c, image: x}]}\n`)

  it('fills uid, name and creation time where missing, keeps what is given, never mutates', () => {
    const out = withIdentities(two, '2024-05-01T00:00:00Z')
    expect(out[1]?.metadata.uid).toBe('given-uid')
    for (const o of out) {
      expect(o.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$|^given-uid$/)
      expect(o.metadata.creationTimestamp).toBe('2024-05-01T00:00:00Z')
    }
    expect(out[2]?.metadata.name).toMatch(/^web-[bcdfghjklmnpqrstvwxz2456789]{5}$/)
    expect(out[2]?.metadata.name).not.toBe(out[3]?.metadata.name)
    expect(two[0]?.metadata.uid).toBeUndefined()
  })

  it('draws the same identities for the same input, so a plan prints the same twice', () => {
    expect(withIdentities(two, 'x')).toEqual(withIdentities(two, 'x'))
  })

  it('property: uids and names are unique, and objects that have them are untouched', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('web', 'api', 'db'), { minLength: 1, maxLength: 12 }), fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }), (prefixes, named) => {
        const objects = objectsOf(
          prefixes
            .map((p, i) => `apiVersion: v1\nkind: Pod\nmetadata: {${named[i] === true ? `name: ${p}-${i}` : `generateName: ${p}-`}${i % 3 === 0 ? `, uid: u${i}` : ''}}\nspec: {containers: [{name: c, image: x}]}\n`)
            .join('---\n'),
        )
        const out = withIdentities(objects, '2024-01-01T00:00:00Z')
        expect(new Set(out.map((o) => o.metadata.uid)).size).toBe(out.length)
        expect(new Set(out.map((o) => o.metadata.name)).size).toBe(out.length)
        out.forEach((o, i) => {
          if (objects[i]?.metadata.name !== undefined) expect(o.metadata.name).toBe(objects[i]?.metadata.name)
          if (objects[i]?.metadata.uid !== undefined) expect(o.metadata.uid).toBe(objects[i]?.metadata.uid)
        })
      }),
      { numRuns: runs },
    )
  })
})

describe("the clock's start", () => {
  it('is the latest creation or status time of the input, named', () => {
    const objects = dump()
    expect(latestTime(objects)).toEqual({ at: new Date('2025-03-01T09:15:05Z'), where: 'Pod default/web-7d4b9c8f6-q8w7r status.conditions[2].lastTransitionTime' })
    expect(startOf(objects, undefined).from).toBe('the latest time in the input: Pod default/web-7d4b9c8f6-q8w7r status.conditions[2].lastTransitionTime')
  })

  it('--start wins; without times, the default start', () => {
    const objects = objectsOf(rsYaml('web'))
    expect(startOf(objects, '2030-01-01T00:00:00Z')).toEqual({ at: new Date('2030-01-01T00:00:00Z'), from: '--start' })
    expect(startOf(objects, undefined)).toEqual({ at: new Date(defaultStart), from: 'the default start: the input records no time' })
  })

  it('ignores spec times and non-time strings; reads container states', () => {
    const pod = objectsOf(
      `apiVersion: v1\nkind: Pod\nmetadata: {name: p, creationTimestamp: "2024-01-01T00:00:00Z", annotations: {lastUpdateTime: "2031-01-01T00:00:00Z"}}\nspec: {containers: [{name: c, image: x}]}\nstatus: {message: "2030-01-01T00:00:00Z", containerStatuses: [{name: c, state: {terminated: {finishedAt: "2024-02-02T00:00:00Z"}}}]}\n`,
    )
    expect(latestTime(pod)?.where).toBe('Pod default/p status.containerStatuses[0].state.terminated.finishedAt')
  })
})

describe('the default fleet', () => {
  it('is named after the nodes the pods are bound to, then node-N', () => {
    const objects = dump()
    const r = withFleet(objects, undefined)
    expect(r.objects.filter((o) => o.kind === 'Node').map((o) => o.metadata.name)).toEqual(['kind-worker', 'kind-worker2', 'node-1'])
    expect(r.note).toContain("named after the 2 nodes the input's pods are bound to first")
    expect(withFleet(objects, 1).objects.filter((o) => o.kind === 'Node')).toHaveLength(2)
    expect(withFleet(objects, 0)).toEqual({ objects })
  })
})

describe('notes', () => {
  it('counts with correct plurals and lists with "and"', () => {
    expect([count(1, 'object'), count(2, 'object'), count(1, 'trace entry', 'trace entries'), count(0, 'pod')]).toEqual(['1 object', '2 objects', '1 trace entry', '0 pods'])
    expect([listing([]), listing(['a']), listing(['a', 'b']), listing(['a', 'b', 'c'])]).toEqual(['', 'a', 'a and b', 'a, b and c'])
  })

  it('names the kinds no controller acts on, and a workload kind whose controller is not registered', () => {
    const objects = objectsOf(`${rsYaml('web')}---\napiVersion: v1\nkind: Service\nmetadata: {name: a}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: b}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n`)
    expect(unreconciledNote(objects, controllers)).toBe('no controller acts on ConfigMap (1) and Service (2): kept for labels, owner references and garbage collection')
    const withoutRs = controllers.filter((c) => c.name !== 'ReplicaSet')
    expect(unreconciledNote(objects, withoutRs)).toBe(
      'no controller acts on ConfigMap (1) and Service (2): kept for labels, owner references and garbage collection; ReplicaSet (1): a workload kind without a controller here yet, kept as given',
    )
    expect(unreconciledNote(objectsOf(rsYaml('web')), controllers)).toBeUndefined()
  })

  it('names the pods left unschedulable, with the scheduler’s message', () => {
    const view = CV.fromObjects(
      objectsOf(
        `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: x}]}\nstatus: {phase: Pending, conditions: [{type: PodScheduled, status: "False", reason: Unschedulable, message: "0/3 nodes are available"}]}\n---\napiVersion: v1\nkind: Pod\nmetadata: {name: q}\nspec: {containers: [{name: c, image: x}]}\n`,
      ),
    )
    expect(unschedulableNote(view)).toBe('2 pods stayed unschedulable: default/p (0/3 nodes are available), default/q')
    expect(unschedulableNote(CV.empty)).toBeUndefined()
  })
})

describe('fault steps of a scenario', () => {
  const doc = (fault: unknown): unknown => ({ apiVersion: 'kube-reconcile.io/v1alpha1', kind: 'Scenario', spec: { events: [{ at: 1, nodeDown: 'n' }, { at: 2, fault }] } })
  it.each([
    [{ _tag: 'ExternalCreate' }, 'spec.events[1].fault.object: required'],
    [{ _tag: 'ExternalCreate', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } } }, 'spec.events[1].fault.object.metadata.name: must be a DNS-1123 subdomain'],
    [{ _tag: 'ExternalEdit', target: { kind: 'Deployment', name: 'web' }, patch: {} }, 'spec.events[1].fault.target.apiVersion: required'],
    [{ _tag: 'NodeTaint', name: 'n' }, 'spec.events[1].fault.taint: required'],
    [{ _tag: 'DropActions', count: 'x' }, 'spec.events[1].fault.count: expected number, got string'],
    [{ _tag: 'ExternalDelete', target: { apiVersion: 'v1', kind: 'Pod', name: 'p' }, propagationPolicy: 'Later' }, 'spec.events[1].fault.propagationPolicy'],
  ])('%j is reported with its path', (fault, message) => {
    expect(scenarioFaultIssues(doc(fault)).map((i) => `${i.path}: ${i.message}`).join('\n')).toContain(message)
  })
  it('complete faults, and documents without events, have no issues', () => {
    expect(scenarioFaultIssues(doc({ _tag: 'ControllerRestart' }))).toEqual([])
    expect(scenarioFaultIssues(doc({ _tag: 'ExternalCreate', object: { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' } } }))).toEqual([])
    expect(scenarioFaultIssues({ spec: {} })).toEqual([])
  })
})

describe('long runs', () => {
  it('a quiet stretch is crossed in one step: a month of a settled ReplicaSet ends at the month, every timeline row kept', () => {
    const objects = objectsOf(`${rsYaml('web')}---\napiVersion: v1\nkind: Node\nmetadata: {name: n1}\nstatus: {conditions: [{type: Ready, status: "True"}]}\n`)
    const month = 30 * 24 * 3600
    const long = simulate({ objects, until: month, seed: 1, start: new Date(defaultStart) }, false)
    const short = simulate({ objects, until: 60, seed: 1, start: new Date(defaultStart) }, false)
    expect(long.sim.now.getTime() - Date.parse(defaultStart)).toBe(month * 1000)
    expect(long.rows).toEqual(short.rows)
  })
})
