import * as E from 'fp-ts/lib/Either.js'
import { describe, expect, it } from 'vitest'
import * as _ from '../../src/api/index.js'
import type { DecodeError, KubeObject } from '../../src/api/index.js'
import { manifests } from './util.js'

describe('api barrel', () => {
  it('exports the boundary, defaults, validation and codecs', () => {
    for (const name of ['decode', 'decodeKind', 'decodeManifests', 'decodeManifestsWith', 'encode', 'applyDefaults', 'validate'])
      expect(typeof (_ as Record<string, unknown>)[name], name).toBe('function')
    for (const codec of [_.Deployment, _.Pod, _.ObjectMeta, _.IntOrStringCodec, _.TimeCodec]) expect(typeof codec.decode).toBe('function')
    expect(Object.keys(_.kinds)).toContain('CronJob')
  })

  it('DecodeError is both the constructors and the type', () => {
    const e: DecodeError = _.DecodeError.single('spec.replicas', 'must be greater than or equal to 0')
    expect(_.DecodeError.withSource(e, 'deploy.yaml').message).toBe('deploy.yaml: spec.replicas: must be greater than or equal to 0')
  })

  it('decode, applyDefaults and validate agree', () => {
    const obj: KubeObject = E.getOrElseW(() => expect.fail('decode failed'))(_.decode(manifests.statefulSet()))
    expect(_.applyDefaults(obj)).toEqual(obj)
    expect(_.validate(obj)).toEqual([])
  })
})
