// Small helpers shared by the threading primitives (Python's argument checks live in runtime/python).

/** Resolved promises shared by every fast path, so an uncontended acquire allocates nothing. */
export const TRUE: Promise<boolean> = Promise.resolve(true);
export const FALSE: Promise<boolean> = Promise.resolve(false);
