// The main program's own prints take their turn with the children's (output/order.ts).
//
// A child's line printed under a lock can still be on its way (in its port) when the main program, having
// taken the lock next, prints: CPython would show the child's line first (both write to one descriptor).
// Once the main program has started a process, its stdout/stderr writes and the lines it prints inside
// simulate() go through inTurn(): straight out when nothing printed earlier is on its way (no cost beyond one
// atomic read), else held behind the missing lines (at most the bounded wait).
import { setOutputGate } from '../../core/index.ts';
import { inTurn, order, ordersOutput } from './relay.ts';

const INSTALLED = Symbol.for('concurrency-course.mp.root-output');

type Write = typeof process.stdout.write;

function gated(stream: NodeJS.WriteStream): void {
  const original = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((...args: unknown[]): boolean => {
    let result = true;
    inTurn(() => {
      result = original(...args);
    });
    return result;
  }) as Write;
}

/** Called when the main program starts a process (a child's relay numbers its own prints). */
export function orderRootOutput(): void {
  if (!ordersOutput()) return;
  order(); // from now on, numbers taken by children are waited for
  const holder = globalThis as { [INSTALLED]?: boolean };
  if (holder[INSTALLED] === true) return;
  holder[INSTALLED] = true;
  gated(process.stdout);
  gated(process.stderr);
  setOutputGate(inTurn);
}
