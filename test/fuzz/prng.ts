/**
 * A small seeded pseudo-random generator (sfc32, seeded through splitmix32), so a fuzz run is
 * replayed exactly from its seed. Not for anything that needs real randomness.
 */
export interface Rng {
  /** The seed this generator started from. */
  readonly seed: number
  /** A float in [0, 1). */
  next(): number
  /** An integer in [min, max], both included. */
  int(min: number, max: number): number
  /** True with probability `p`. */
  chance(p: number): boolean
  /** One element of a non-empty array. */
  pick<T>(items: readonly T[]): T
  /** A key chosen by weight; weights need not sum to 1. */
  weighted<K extends string>(weights: Readonly<Record<K, number>>): K
  /** A short lowercase string of `min`..`max` letters. */
  word(min?: number, max?: number): string
  /** An independent generator derived from this one (for a sub-task that must not shift the rest). */
  fork(): Rng
}

function splitmix32(seed: number) {
  let state = seed >>> 0
  return () => {
    state = (state + 0x9e3779b9) >>> 0
    let z = state
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0
    return (z ^ (z >>> 16)) >>> 0
  }
}

export function createRng(seed: number): Rng {
  const mix = splitmix32(seed)
  let a = mix()
  let b = mix()
  let c = mix()
  let d = mix()
  const nextUint = () => {
    const t = (((a + b) >>> 0) + d) >>> 0
    d = (d + 1) >>> 0
    a = b ^ (b >>> 9)
    b = (c + (c << 3)) >>> 0
    c = ((c << 21) | (c >>> 11)) >>> 0
    c = (c + t) >>> 0
    return t
  }
  // Let the state mix before the first value is used.
  for (let i = 0; i < 12; i++) nextUint()

  const rng: Rng = {
    seed,
    next: () => nextUint() / 0x1_0000_0000,
    int: (min, max) => min + Math.floor(rng.next() * (max - min + 1)),
    chance: (p) => rng.next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty array')
      return items[rng.int(0, items.length - 1)]!
    },
    weighted: (weights) => {
      const entries = Object.entries(weights) as [keyof typeof weights, number][]
      const total = entries.reduce((sum, [, w]) => sum + Math.max(0, w), 0)
      let roll = rng.next() * total
      for (const [key, w] of entries) {
        roll -= Math.max(0, w)
        if (roll < 0) return key
      }
      return entries[entries.length - 1]![0]
    },
    word: (min = 1, max = 6) => {
      const length = rng.int(min, max)
      let out = ''
      for (let i = 0; i < length; i++) out += String.fromCharCode(97 + rng.int(0, 25))
      return out
    },
    fork: () => createRng(nextUint()),
  }
  return rng
}
