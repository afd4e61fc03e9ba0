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
