// Items serialized for shared memory (the Queue's ring, a Pipe's or a Manager's lanes): JSON text when that is
// exact, else the structured clone format. Free of runtime imports, so the manager's server bundle can use it.
import { serialize } from 'node:v8';

/** True if JSON.stringify/parse gives back an equal value (the fast path: v8.serialize costs ~10 us). */
function jsonRoundTrips(value: unknown, depth: number): boolean {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return true;
    case 'number':
      return Number.isFinite(value) && !Object.is(value, -0);
    case 'object': {
      if (value === null) return true;
      if (depth > 64) return false; // deep or cyclic: the structured clone format handles it
      if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) if (!jsonRoundTrips(value[i], depth + 1)) return false;
        return true;
      }
      if (Object.getPrototypeOf(value) !== Object.prototype) return false;
      for (const key in value) {
        if (!Object.hasOwn(value, key) || key === '__proto__') return false;
        if (!jsonRoundTrips((value as Record<string, unknown>)[key], depth + 1)) return false;
      }
      return true;
    }
    default:
      return false;
  }
}

/** Structured-clone bytes of an item that holds reduced objects: loads() rebuilds them on the way out. */
export class ReducedBytes {
  readonly bytes: Uint8Array;
  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }
}

/** An item ready for the ring: JSON text, structured-clone bytes, or those of an item with reduced objects. */
export type Encoded = string | Uint8Array | ReducedBytes;

export function payload(item: Uint8Array | ReducedBytes): Uint8Array {
  return item instanceof ReducedBytes ? item.bytes : item;
}

/** Serialize an already-reduced item: JSON when that is exact, else the structured clone format. */
export function encode(value: unknown): string | Uint8Array {
  return jsonRoundTrips(value, 0) ? JSON.stringify(value) : serialize(value);
}

/** True if `value` survives JSON exactly (no Map, Date, undefined, NaN, -0, class instance, cycle...). */
export function isJsonExact(value: unknown): boolean {
  return jsonRoundTrips(value, 0);
}

