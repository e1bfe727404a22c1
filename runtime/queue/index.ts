// #runtime/queue — Python's queue module for green threads: put/get/join return Promises; durations in seconds.
export { Queue } from './queue.ts';
export { LifoQueue } from './lifo.ts';
export { PriorityQueue } from './priority.ts';
export { SimpleQueue } from './simple.ts';
export { Empty, Full } from './errors.ts';
export type { BlockingOptions } from './arguments.ts';
