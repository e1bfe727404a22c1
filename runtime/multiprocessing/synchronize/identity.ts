// Which process holds a cross-process lock. Node gives every isolate (main thread and each worker) a distinct
// threadId within the OS process, which is exactly "which of our virtual processes"; 0 in shared memory means
// "nobody", so the key is threadId + 1.
import { threadId } from 'node:worker_threads';

export const processKey: number = threadId + 1;
