// The shared-end check of the course kit and its diagnosis: two threads reading one Pipe end at once come out as
// `shared-pipe-end` in Spanish and English, with both threads and the student's line; one reader per end passes.
import { processError } from '@vitest/utils/error';
import { describe, expect, test } from 'vitest';
import * as mp from '#runtime/multiprocessing';
import * as threading from '#runtime/threading';
import { watchRaces } from '#runtime/testing';
import { expectOwnPipeEnds, explain, type ErrorLike } from '../../exercises/_kit/index.ts';
import { receiveFrom } from './fixtures/exercises/09-queue-pipe/exercise.ts';

const ADVICE: [string, string] = ['Un solo hilo lee la tubería.', 'One thread reads the pipe.'];

/** `readers` threads each receive one message from one pipe (or one pipe each), sent once they all wait. */
async function check(readers: number, pipes: number): Promise<ErrorLike | null> {
  const watch = watchRaces();
  const ends = Array.from({ length: pipes }, () => mp.Pipe(false));
  const threads = Array.from({ length: readers }, (_, k) => new threading.Thread({
    name: `mesa-${k + 1}`,
    target: () => receiveFrom(ends[k % pipes]![0]),
  }));
  for (const thread of threads) thread.start();
  const sender = new threading.Thread({ target: () => { for (let k = 0; k < readers; k++) ends[k % pipes]![1].send(k); } });
  sender.start();
  for (const thread of [...threads, sender]) await thread.join();
  try {
    expectOwnPipeEnds(watch, ADVICE);
    return null;
  } catch (error) {
    return processError(error) as ErrorLike;
  }
}

describe('expectOwnPipeEnds and the shared-pipe-end diagnosis', () => {
  test('two threads reading one end: named in both languages, with both threads, the line and the advice as hint', async () => {
    const error = await check(2, 1);
    expect(error).not.toBeNull();
    const es = explain({ errors: [error!], tracebacks: [] }, 'es');
    const en = explain({ errors: [error!], tracebacks: [] }, 'en');
    expect(es?.id).toBe('shared-pipe-end');
    expect(en?.id).toBe('shared-pipe-end');
    expect(es?.message).toMatch(/^mesa-2 llamó a recv\(\) \(exercise\.ts:\d+:\d+\) en el extremo de lectura de la tubería mientras mesa-1 seguía esperando/);
    expect(en?.message).toMatch(/^mesa-2 called recv\(\) \(exercise\.ts:\d+:\d+\) on the pipe's reading end while mesa-1 was still waiting.*UnpicklingError/);
    expect(en?.hint).toBe('One thread reads the pipe.');
    expect(es?.hint).toBe('Un solo hilo lee la tubería.');
  });

  test('one pipe per thread passes', async () => {
    expect(await check(2, 2)).toBeNull();
  });
});
