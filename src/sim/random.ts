/**
 * The simulation's seeded generator (splitmix32) and what it draws: generated-name suffixes
 * and UUID-shaped uids. The state is a plain number carried in the Simulation value.
 */

/** The generator state after seeding with `seed`. */
export const seeded = (seed: number): number => seed >>> 0

/** One draw: an unsigned 32-bit value and the next state. */
export const next = (state: number): readonly [value: number, state: number] => {
  const s = (state + 0x9e3779b9) | 0
  let z = s
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b)
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35)
  z = (z ^ (z >>> 16)) >>> 0
  return [z, s >>> 0]
}

/** A source of draws: each call returns the next unsigned 32-bit value. */
export type Draw = () => number

/** upstream's alphabet for generated names (no vowels, no confusable characters). */
export const nameAlphabet = 'bcdfghjklmnpqrstvwxz2456789'

/** Length of the random suffix of a generated name. */
export const suffixLength = 5

/** upstream's cap on the `generateName` prefix, so that prefix + suffix fits 63 characters. */
export const maxPrefixLength = 63 - suffixLength

/** `generateName` plus 5 random characters, the prefix cut to 58 characters as upstream does. */
export const generatedName = (draw: Draw, prefix: string): string => {
  let out = prefix.length > maxPrefixLength ? prefix.slice(0, maxPrefixLength) : prefix
  for (let i = 0; i < suffixLength; i++) out += nameAlphabet[Math.floor((draw() / 0x1_0000_0000) * nameAlphabet.length)] ?? ''
  return out
}

const hex8 = (n: number): string => (n >>> 0).toString(16).padStart(8, '0')

/** A version-4-shaped UUID (`xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx`). */
export const uuid = (draw: Draw): string => {
  const h = hex8(draw()) + hex8(draw()) + hex8(draw()) + hex8(draw())
  const variant = ((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16)
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`
}
