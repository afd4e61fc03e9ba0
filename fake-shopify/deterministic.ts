/**
 * Cheap, stable pseudo-randomness for fixtures: the same input always gives the same
 * output on every machine, so demo data and tests never drift.
 */

/** A 32-bit avalanche mix (MurmurHash3's finalizer) of an integer and a salt. */
export function mix32(value: number, salt = 0): number {
  let h = (Math.imul(value | 0, 0x9e3779b1) ^ salt) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35) >>> 0;
  h ^= h >>> 16;
  return h >>> 0;
}

/** An integer in [0, bound) picked by `value`. */
export function pick(value: number, bound: number, salt = 0): number {
  return mix32(value, salt) % bound;
}

/** mulberry32: a tiny seeded PRNG, for sequences of draws (the demo's live trickle, random test stores). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** An integer in [min, maxInclusive] from one draw. */
export function randomInt(random: () => number, min: number, maxInclusive: number): number {
  return min + Math.floor(random() * (maxInclusive - min + 1));
}
