/**
 * The `fault` steps of a Scenario document, checked field by field before a run: the Scenario
 * decoder checks a fault's `_tag`, and the simulation reads its fields as the `Fault` type says,
 * so a missing or mistyped field is reported here, with its path, instead of failing the run.
 */
import * as E from 'fp-ts/lib/Either.js'
import * as t from 'io-ts'
import { decode, issuesOf } from '../api/decode.js'
import type { FieldIssue } from '../api/DecodeError.js'
import { joinPath } from '../api/sanitize.js'

const named = t.type({ name: t.string })
const taint = t.intersection([t.type({ key: t.string, effect: t.string }), t.partial({ value: t.string, timeAdded: t.string })])
const ref = t.intersection([t.type({ apiVersion: t.string, kind: t.string, name: t.string }), t.partial({ namespace: t.string, uid: t.string })])
const policy = t.keyof({ Orphan: null, Background: null, Foreground: null })

/** The fields each fault carries (`sim/types.ts` `Fault`), by `_tag`. */
const fields: Readonly<Record<string, t.Mixed>> = {
  PodCrash: t.type({ namespace: t.string, name: t.string }),
  EvictPod: t.type({ namespace: t.string, name: t.string }),
  NodeDown: named,
  NodeUp: named,
  NodeRemove: named,
  NodeCordon: named,
  NodeUncordon: named,
  NodeAdd: t.intersection([named, t.partial({ labels: t.record(t.string, t.string), taints: t.array(taint), pods: t.number })]),
  NodeLabel: t.type({ name: t.string, labels: t.record(t.string, t.union([t.string, t.null])) }),
  NodeTaint: t.type({ name: t.string, taint }),
  NodeUntaint: t.intersection([t.type({ name: t.string, key: t.string }), t.partial({ effect: t.string })]),
  ExternalDelete: t.intersection([
    t.type({ target: ref }),
    t.partial({ propagationPolicy: policy, preconditions: t.partial({ uid: t.string, resourceVersion: t.string }) }),
  ]),
  ExternalEdit: t.type({ target: ref, patch: t.UnknownRecord }),
  ExternalCreate: t.type({ object: t.UnknownRecord }),
  StaleView: t.type({ lag: t.number, rounds: t.number }),
  DropActions: t.type({ count: t.number }),
  ControllerRestart: t.type({}),
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v)

/** The problems of one `fault` value, paths relative to it (its `_tag` is the Scenario decoder's to check). */
const faultIssues = (fault: Readonly<Record<string, unknown>>): ReadonlyArray<FieldIssue> => {
  const tag = fault['_tag']
  const codec = typeof tag === 'string' && Object.prototype.hasOwnProperty.call(fields, tag) ? fields[tag] : undefined
  if (codec === undefined) return []
  const shape = codec.decode(fault)
  if (E.isLeft(shape)) return issuesOf(shape.left)
  if (tag !== 'ExternalCreate') return []
  const object = decode(fault['object'])
  return E.isLeft(object) ? object.left.issues.map((i) => ({ path: joinPath('object', i.path), message: i.message })) : []
}

/**
 * The problems of the `fault` steps of a Scenario document (plain data), with paths from the
 * document (`spec.events[2].fault.target.name`); an ExternalCreate's object must decode as any
 * object of a manifest does.
 */
export const scenarioFaultIssues = (document: unknown): ReadonlyArray<FieldIssue> => {
  const spec = isRecord(document) ? document['spec'] : undefined
  const events = isRecord(spec) ? spec['events'] : undefined
  if (!Array.isArray(events)) return []
  return events.flatMap((event: unknown, i) => {
    const fault = isRecord(event) ? event['fault'] : undefined
    return isRecord(fault) ? faultIssues(fault).map((x) => ({ path: joinPath(`spec.events[${i}].fault`, x.path), message: x.message })) : []
  })
}
