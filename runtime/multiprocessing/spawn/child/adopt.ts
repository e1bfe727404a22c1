// Becoming a child process: adopt the identity the parent sent and relay printed text to it. Every bundle
// holds its own copy of the runtime (one per target module), so a pool worker that runs functions from two
// modules adopts the identity in both copies; the stdout/stderr relay is process-wide and installed once.
import { parentPort } from 'node:worker_threads';
import { processInfo } from '../../../core/index.ts';
import { setUpstream, type ChildOutput, type Stream } from '../../output/relay.ts';
import { installStackMaps } from '../source-maps.ts';
import { adoptBootData, state, type BootData } from '../../state.ts';
import type { OutputMessage } from './protocol.ts';

function post(output: ChildOutput): void {
  parentPort?.postMessage({ kind: 'out', ...output } satisfies OutputMessage);
}

/** [1 once this process printed, the number it took last]: its parent reads it when it exits. */
let slot: Int32Array | null = null;

/** Take the tree-wide number of a chunk printed now (output/order.ts). @internal Exported for tests. */
export function takeNumber(): number {
  const seq = Atomics.add(state.outputSeq, 0, 1);
  if (slot !== null) {
    Atomics.store(slot, 1, seq);
    Atomics.store(slot, 0, 1);
  }
  return seq;
}

const RELAY_INSTALLED = Symbol.for('concurrency-course.mp.relay');

/** Replace the worker's stdout/stderr with a relay to the parent (Node's own relay shows output late). */
function relayOutput(): void {
  const holder = globalThis as { [RELAY_INSTALLED]?: boolean };
  if (holder[RELAY_INSTALLED] === true) return;
  holder[RELAY_INSTALLED] = true;
  for (const stream of ['stdout', 'stderr'] as const satisfies readonly Stream[]) {
    const target = process[stream];
    target.write = ((chunk: string | Uint8Array, encodingOrCallback?: unknown, callback?: unknown): boolean => {
      const text = typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8');
      // The number is taken and the chunk posted in one synchronous step: nothing can print in between.
      if (text !== '') post({ stream, text, processName: processInfo.name, seq: takeNumber() });
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      if (typeof done === 'function') queueMicrotask(() => (done as () => void)());
      return true;
    }) as typeof target.write;
  }
}

/** Take the identity the parent sent (in this copy of the runtime) and route output to the parent. */
export function adopt(boot: BootData): void {
  installStackMaps();
  adoptBootData(boot);
  slot ??= new Int32Array(boot.outputSlot);
  relayOutput();
  // Output of our own children goes up the tree.
  setUpstream(post);
}

/** Import a module as spawn does: starting a process while it loads is the bootstrapping RuntimeError. */
export async function loadGuarded<T>(load: () => Promise<T>): Promise<T> {
  state.bootstrapping = true;
  try {
    return await load();
  } finally {
    state.bootstrapping = false;
  }
}
