/**
 * The environment's actors — the scheduler, the kubelet and the volume binder — share one interface: they hear of every write as the store makes it
 * (except their own), do what is due when a round runs them, and say when they next have work.
 */
import type { KubeObject } from '../api/object.js'
import type { Engine } from './engine.js'

/** Who writes to the store: an actor by name, or anyone else (the API server, faults). */
export type Writer = 'scheduler' | 'kubelet' | 'volumes' | 'other'

/** An environment actor. */
export interface Actor {
  readonly name: Exclude<Writer, 'other'>
  /** Hears of a write: the object under `key` before and after (`undefined`: absent). */
  readonly observe: (e: Engine, key: string, before: KubeObject | undefined, after: KubeObject | undefined) => void
  /** Does what is due at the engine's clock. */
  readonly run: (e: Engine) => void
  /** When it next has work after now (ms), if ever. */
  readonly nextDue: (e: Engine) => number | undefined
}
