// Deterministic randomness for the demo: the same seed gives the same ATP, step for step.

/** 32-bit FNV-1a hash of a string. */
export function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A value in [0, 1) fixed by seed, key and integer slot. */
export function unit(seed: number, key: string, slot: number): number {
  return unitH(seed, hash(key), slot);
}

/** `unit` with the key already hashed (hot paths hash their keys once). */
export function unitH(seed: number, keyHash: number, slot: number): number {
  let x = (keyHash ^ Math.imul(seed, 0x9e3779b1) ^ Math.imul(slot, 0x85ebca6b)) >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d);
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b);
  x ^= x >>> 16;
  return (x >>> 0) / 4_294_967_296;
}

/** Smooth noise in [-1, 1]: interpolates between random knots every `periodMs`. */
export function wobble(seed: number, key: string, t: number, periodMs: number): number {
  return wobbleH(seed, hash(key), t, periodMs);
}

/** `wobble` with the key already hashed. */
export function wobbleH(seed: number, keyHash: number, t: number, periodMs: number): number {
  const slot = Math.floor(t / periodMs);
  const frac = t / periodMs - slot;
  const a = unitH(seed, keyHash, slot) * 2 - 1;
  const b = unitH(seed, keyHash, slot + 1) * 2 - 1;
  const s = frac * frac * (3 - 2 * frac);
  return a + (b - a) * s;
}

/** A small sequential PRNG (mulberry32) for generated content. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
