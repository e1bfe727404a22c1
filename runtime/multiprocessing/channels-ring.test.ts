// The Queue ring's bookkeeping (ring.ts) against a plain array, single-threaded: the ring's lock serializes
// every put and get, so any interleaving of processes is some sequence of these calls. Random sizes in small
// rings make records wrap, leave end gaps too short for a length word, and fill the ring exactly.
import { describe, expect, it } from 'vitest';
import { SharedRing, decode, encode } from './ring.ts';

function lcg(seed: number): (n: number) => number {
  let state = seed >>> 0;
  return (n) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return (state >>> 8) % n;
  };
}

const key = (v: unknown): string => (v instanceof Map ? `map:${JSON.stringify([...v])}` : `json:${JSON.stringify(v)}`);

describe('SharedRing', () => {
  it('gives back exactly what was put, in order, through every wrap-around case (model check)', () => {
    const rand = lcg(20261127);
    const problems: string[] = [];
    let checked = 0;
    for (let trial = 0; trial < 400 && problems.length === 0; trial++) {
      const capacity = 16 + rand(300);
      const ring = SharedRing.create(0, capacity);
      const model: unknown[] = [];
      for (let step = 0; step < 300 && problems.length === 0; step++) {
        const where = `ring of ${capacity} bytes, trial ${trial}, step ${step}`;
        if (rand(100) < 55) {
          const len = rand(capacity);
          // Both encodings: JSON text (with multi-byte UTF-8) and structured-clone bytes.
          const value = rand(2) === 0 ? 'é'.repeat(len >> 1) + 'x'.repeat(len & 1) : new Map([[len, 'y'.repeat(rand(capacity))]]);
          const encoded = encode(value);
          const bytes = 1 + (typeof encoded === 'string' ? Buffer.byteLength(encoded) : encoded.byteLength);
          let stored: boolean;
          try {
            stored = ring.tryPut(encoded, false);
          } catch (error) {
            if (4 + bytes <= capacity) problems.push(`${where}: ${String(error)}`);
            continue;
          }
          if (stored) model.push(value);
          else if (model.length === 0) problems.push(`${where}: an empty ring refused ${bytes} bytes`);
        } else {
          const got = ring.tryGet();
          if (got === null) {
            if (model.length > 0) problems.push(`${where}: nothing to get, ${model.length} expected`);
            continue;
          }
          let value: unknown;
          try {
            value = decode(got);
          } catch (error) {
            problems.push(`${where}: ${String(error)}`);
            continue;
          }
          if (key(value) !== key(model.shift())) problems.push(`${where}: got another item`);
          checked++;
        }
        if (ring.count() !== model.length) problems.push(`${where}: count ${ring.count()}, expected ${model.length}`);
      }
    }
    expect(problems).toEqual([]);
    expect(checked).toBeGreaterThan(10_000);
  });
});
