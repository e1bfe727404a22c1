// threading.local: an object whose attributes are separate for each thread.
import { currentScheduler } from '../core/index.ts';

const storage = (owner: object): Record<PropertyKey, unknown> => {
  const locals = currentScheduler().current().thread.locals;
  let values = locals.get(owner) as Record<PropertyKey, unknown> | undefined;
  if (values === undefined) {
    values = {};
    locals.set(owner, values);
  }
  return values;
};

/** `const data = new local(); data.x = 1` — every thread sees its own `x`. */
export class local {
  [key: string]: unknown;
  constructor() {
    return new Proxy(this, {
      get: (target, key) => (key in target ? Reflect.get(target, key) : storage(target)[key]),
      set: (target, key, value) => {
        storage(target)[key] = value;
        return true;
      },
      has: (target, key) => key in storage(target),
      deleteProperty: (target, key) => delete storage(target)[key],
      ownKeys: (target) => Reflect.ownKeys(storage(target)),
      getOwnPropertyDescriptor: (target, key) => {
        const values = storage(target);
        return key in values ? { value: values[key], writable: true, enumerable: true, configurable: true } : undefined;
      },
    });
  }
}
