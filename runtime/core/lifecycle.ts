// Lifecycle events of threads and processes (start, join), for tests that check a lesson exactly ("start them
// all, then join them") instead of inferring it from timing. No listener, no cost beyond one length check.

export interface LifecycleEvent {
  kind: 'start' | 'join';
  what: 'Thread' | 'Process';
  /** The thread's or process's name (Thread-1, Process-2...). */
  name: string;
  /** A process start: the Pipe ends among its arguments, which move to it (what each can do). */
  pipeEnds?: Array<{ readable: boolean; writable: boolean }>;
}

type Listener = (event: LifecycleEvent) => void;

// One list per isolate, shared by every copy of the runtime it loads (as process-info.ts).
const KEY = Symbol.for('concurrency-course.lifecycle');
const listeners: Listener[] = ((globalThis as { [KEY]?: Listener[] })[KEY] ??= []);

export function emitLifecycle(event: LifecycleEvent): void {
  if (listeners.length === 0) return;
  for (const listener of [...listeners]) listener(event);
}

/** Calls `listener` with every event from now on; returns the function that stops it. */
export function onLifecycle(listener: Listener): () => void {
  listeners.push(listener);
  return () => {
    const at = listeners.indexOf(listener);
    if (at !== -1) listeners.splice(at, 1);
  };
}
