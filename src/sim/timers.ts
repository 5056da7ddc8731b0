/**
 * The one timer heap the simulation's due work shares (kubelet steps, controller requeues): a
 * binary min-heap of (due, key) with lazy deletion — an entry counts only while it matches the
 * key's current due time — so setting, cancelling and finding the next due time cost O(log n),
 * never a scan of every timer.
 */

/** Timers: key → due time (ms), and the heap over them. Mutable; copy it to keep a version. */
export interface Timers {
  readonly due: Map<string, number>
  readonly heap: Array<readonly [due: number, key: string]>
}

/** No timers. */
export const empty = (): Timers => ({ due: new Map(), heap: [] })

/** A copy that shares nothing mutable with `t`. */
export const copy = (t: Timers): Timers => ({ due: new Map(t.due), heap: t.heap.slice() })

const before = (a: readonly [number, string], b: readonly [number, string]): boolean => a[0] < b[0] || (a[0] === b[0] && a[1] < b[1])

const up = (h: Array<readonly [number, string]>, i0: number): void => {
  const x = h[i0] as readonly [number, string]
  let i = i0
  while (i > 0) {
    const p = (i - 1) >> 1
    const hp = h[p] as readonly [number, string]
    if (!before(x, hp)) break
    h[i] = hp
    i = p
  }
  h[i] = x
}

const popTop = (h: Array<readonly [number, string]>): void => {
  const last = h.pop()
  if (last === undefined || h.length === 0) return
  let i = 0
  for (;;) {
    const l = 2 * i + 1
    if (l >= h.length) break
    const r = l + 1
    const c = r < h.length && before(h[r] as readonly [number, string], h[l] as readonly [number, string]) ? r : l
    const hc = h[c] as readonly [number, string]
    if (!before(hc, last)) break
    h[i] = hc
    i = c
  }
  h[i] = last
}

/** Sets `key` to fall due at `due` (replacing its earlier time). */
export const set = (t: Timers, key: string, due: number): void => {
  if (t.due.get(key) === due) return
  t.due.set(key, due)
  t.heap.push([due, key])
  up(t.heap, t.heap.length - 1)
}

/** Cancels `key`'s timer. */
export const cancel = (t: Timers, key: string): void => {
  t.due.delete(key)
}

/** The key's due time, if it has a timer. */
export const get = (t: Timers, key: string): number | undefined => t.due.get(key)

/** Drops stale entries from the top of the heap. */
const clean = (t: Timers): void => {
  for (;;) {
    const top = t.heap[0]
    if (top === undefined || t.due.get(top[1]) === top[0]) return
    popTop(t.heap)
  }
}

/** The earliest due time, if any. */
export const next = (t: Timers): number | undefined => {
  clean(t)
  return t.heap[0]?.[0]
}

/** Removes and returns the earliest timer if it is due by `now`: its key and due time. */
export const pop = (t: Timers, now: number): readonly [due: number, key: string] | undefined => {
  clean(t)
  const top = t.heap[0]
  if (top === undefined || top[0] > now) return undefined
  popTop(t.heap)
  t.due.delete(top[1])
  return top
}
