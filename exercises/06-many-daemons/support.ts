// Seeded randomness for this exercise's tests: the same data on every run, different from the examples, so an
// answer cannot be hard-coded; and failures explained in the course's words. (Test support, not part of the
// exercise.)
import { expect } from 'vitest';
import { say } from '#grader/testkit';
import { RuntimeError } from '#runtime/threading';

export { seeded, intBetween, distinctInts } from '#grader/testkit';

/**
 * A stub's "not implemented" error thrown inside a thread only reaches the output (threads report their errors,
 * as in Python): raise it in the test so the student reads it first.
 */
export function raiseStubError(output: readonly string[]): void {
  const line = output.find((l) => l.includes('Not implemented yet'));
  if (line !== undefined) throw new Error(line.replace(/^\s*Error: /, ''));
}

const JOINED_MAIN_ES =
  'se intentó esperar al hilo principal (RuntimeError: cannot join current thread): sáltalo con `if (hilo === mainThread()) continue;`';
const JOINED_MAIN_EN =
  'it tried to join the main thread (RuntimeError: cannot join current thread): skip it with `if (thread === mainThread()) continue;`';

/** Runs `joinAll` in the main thread, turning "cannot join current thread" into the course's message. */
export async function explainJoinMain<T>(joinAll: () => Promise<T>): Promise<T> {
  try {
    return await joinAll();
  } catch (error) {
    if (error instanceof RuntimeError && error.message === 'cannot join current thread') {
      expect.fail(say(JOINED_MAIN_ES, JOINED_MAIN_EN));
    }
    throw error;
  }
}
