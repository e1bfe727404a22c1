// Python's exception types used by shared memory and cross-process synchronisation, shared with the rest of
// the runtime so `instanceof` works everywhere (multiprocessing.Barrier raises threading's BrokenBarrierError).
export { AssertionError, AttributeError, IndexError, OSError, RuntimeError, ValueError } from '../errors.ts';

/** Python's threading.BrokenBarrierError (a RuntimeError). */
export { BrokenBarrierError } from '../../threading/barrier.ts';
