/**
 * Which tolerations a pod uses against a node's NoExecute taints, and for how long they let it
 * stay (upstream `GetMatchingTolerations` and `getMinTolerationTime`).
 */
import type { Taint } from '../../api/node.js'
import type { Toleration } from '../../api/pod.js'
import { tolerates } from '../../core/nodes.js'

/**
 * For each taint, the first toleration that tolerates it; `undefined` when some taint is not
 * tolerated (no taints: none needed).
 */
export const matchingTolerations = (taints: ReadonlyArray<Taint>, tolerations: ReadonlyArray<Toleration>): ReadonlyArray<Toleration> | undefined => {
  const used: Array<Toleration> = []
  for (const taint of taints) {
    const t = tolerations.find((x) => tolerates(x, taint))
    if (t === undefined) return undefined
    used.push(t)
  }
  return used
}

/**
 * How long (seconds) the `used` tolerations let the pod stay: 0 when there are none or one's
 * `tolerationSeconds` is ≤ 0, −1 (for ever) when none has `tolerationSeconds`, else the least.
 */
export const minTolerationSeconds = (used: ReadonlyArray<Toleration>): number => {
  if (used.length === 0) return 0
  let min = Infinity
  for (const t of used) {
    const s = t.tolerationSeconds
    if (s === undefined) continue
    if (s <= 0) return 0
    if (s < min) min = s
  }
  return min === Infinity ? -1 : min
}
