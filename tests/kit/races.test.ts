// The race check of the course kit and its diagnosis: a real unprotected increment in two processes, judged
// from the locks held, comes out as `unprotected-shared-write` in Spanish and English with the student's line.
import { processError } from '@vitest/utils/error';
import { afterEach, describe, expect, test } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import { watchRaces } from '#runtime/testing';
import { expectNoRaces, explain, type ErrorLike } from '../../exercises/_kit/index.ts';
import { addReceipts, addReceiptsNoLock, addReceiptsOwnLock } from './fixtures/exercises/11-shared-memory/exercise.ts';

const targetModule = new URL('./fixtures/exercises/11-shared-memory/exercise.ts', import.meta.url);
const ADVICE: [string, string] = ['Usa counter.getLock().', 'Use counter.getLock().'];

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

async function raceOf(target: mp.Target): Promise<ErrorLike | null> {
  const watch = watchRaces();
  const counter = new mp.Value('i', 0);
  const processes = [0, 1].map(() => new mp.Process({ target, args: [counter, 5], targetModule }));
  for (const p of processes) p.start();
  for (const p of processes) await p.join();
  try {
    expectNoRaces(watch, ADVICE);
    return null;
  } catch (error) {
    return processError(error) as ErrorLike;
  }
}

describe('expectNoRaces and the unprotected-shared-write diagnosis', () => {
  test('no lock: named in both languages, with the line of the write and the advice as hint', async () => {
    const error = await raceOf(addReceiptsNoLock);
    expect(error).not.toBeNull();
    const es = explain({ errors: [error!], tracebacks: [] }, 'es');
    const en = explain({ errors: [error!], tracebacks: [] }, 'en');
    expect(es?.id).toBe('unprotected-shared-write');
    expect(en?.id).toBe('unprotected-shared-write');
    expect(es?.message).toMatch(/Process-\d+ y Process-\d+ escriben Value\('i'\)\.value \(exercise\.ts:\d+:\d+\) a la vez sin un cerrojo común \(ninguno tiene un cerrojo tomado\)/);
    expect(en?.message).toMatch(/neither holds a lock/);
    expect(en?.hint).toBe('Use counter.getLock().');
  });

  test('one lock per process is named as such', async () => {
    const error = await raceOf(addReceiptsOwnLock);
    expect(explain({ errors: [error!], tracebacks: [] }, 'en')?.message).toMatch(/each holds a different lock: one lock per process protects nothing/);
  });

  test('the Value\'s own lock passes', async () => {
    expect(await raceOf(addReceipts)).toBeNull();
  });
});
