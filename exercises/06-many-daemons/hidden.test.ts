// Hidden tests for exercise 06: random counters from fixed seeds; `active` compared with the threads really
// alive at each instant; the main thread found by identity (a thread may be *named* MainThread).
import { describe, test, expect } from 'vitest';
import { failLesson, say } from '#course/kit';
import { simulate as simulateRaw } from '#runtime/testing';
import { Thread, ValueError, activeCount, enumerate } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { joinAllButMain, startCounters, type ThreadReport } from './exercise.ts';
import { distinctInts, explainJoinMain, intBetween, raiseStubError, seeded } from './support.ts';

/** simulate(), but a "not implemented" error raised inside a thread fails the test with that message. */
async function simulate<T>(main: () => T | Promise<T>) {
  const run = await simulateRaw(main);
  raiseStubError(run.output);
  return run;
}

/** The instant a thread sleeping `pause` seconds `times` times finishes, summed as the runtime sums it. */
function finishAt(pause: number, times: number): number {
  let t = 0;
  for (let i = 0; i < times; i++) t += pause;
  return t;
}

/** Distinct random pauses (so no two counters finish at the same instant). */
function pauses(seed: number, count: number): number[] {
  const random = seeded(seed);
  return distinctInts(random, count, 5, 60).map((n) => n / 100);
}

/** joinAllButMain, with "cannot join current thread" explained in the course's words. */
const joinAllChecked = (): Promise<ThreadReport[]> => explainJoinMain(joinAllButMain);

describe('06 · hidden', () => {
  test('joinAllButMain never tries to join the main thread', async () => {
    const run = await simulate(async () => {
      startCounters(pauses(61, 5), 2);
      return joinAllChecked();
    });
    expect(run.value).toHaveLength(5);
    expect(run.value.some((r) => r.name === 'MainThread')).toBe(false);
  });

  test('active is activeCount() right before each join', async () => {
    for (const seed of [62, 63, 64]) {
      const list = pauses(seed, intBetween(seeded(seed), 4, 9));
      const upTo = intBetween(seeded(seed + 100), 1, 4);
      const ends = list.map((p) => finishAt(p, upTo));
      const run = await simulate(async () => {
        startCounters(list, upTo);
        return joinAllChecked();
      });
      let now = 0;
      const expected = ends.map((end, k) => {
        const alive = 1 + ends.filter((e) => e > now).length;
        now = Math.max(now, ends[k]!);
        return alive;
      });
      expect(
        run.value.map((r) => r.active),
        say(
          '`active` debe ser activeCount() leído justo antes de cada join: cuenta también MainThread y baja a ' +
            'medida que los hilos terminan; no lo calcules tú',
          '`active` must be activeCount() read right before each join: it counts MainThread too and goes down as ' +
            'threads finish; do not compute it yourself',
        ),
      ).toEqual(expected);
      expect(run.elapsed).toBeCloseTo(Math.max(...ends), 9);
    }
  });

  test('a thread named MainThread is not the main thread and is waited for', async () => {
    const run = await simulate(async () => {
      const impostor = new Thread({ target: () => sleep(1.25), name: 'MainThread', daemon: true });
      impostor.start();
      startCounters([0.5], 1);
      const reports = await joinAllChecked();
      return { names: reports.map((r) => r.name), at: monotonic(), alive: impostor.isAlive() };
    });
    expect(
      run.value.names,
      say(
        'un hilo llamado «MainThread» no es el principal: compara con `=== mainThread()` (identidad), no por nombre',
        'a thread called "MainThread" is not the main thread: compare with `=== mainThread()` (identity), not by name',
      ),
    ).toEqual(['MainThread', 'Thread-1 (count)']);
    expect([run.value.at, run.value.alive]).toEqual([1.25, false]);
  });

  test('no thread is left alive, daemon or not', async () => {
    const list = pauses(65, 6);
    const run = await simulate(async () => {
      startCounters(list, 3);
      const worker = new Thread({ target: () => sleep(2.5), name: 'normal' }); // not a daemon
      worker.start();
      const reports = await joinAllChecked();
      return { reports, left: activeCount(), names: enumerate().map((t) => t.name) };
    });
    expect(run.value.left, say(`quedaron hilos vivos: ${run.value.names.join(', ')}`, `threads were left alive: ${run.value.names.join(', ')}`)).toBe(1);
    expect(run.value.reports.map((r) => [r.name, r.daemon])).toEqual([
      ...list.map((_, i) => [`Thread-${i + 1} (count)`, true]),
      ['normal', false],
    ]);
    expect(run.elapsed).toBe(2.5);
  });

  test('called from a worker thread, it skips that thread and the main thread', async () => {
    const run = await simulate(async () => {
      startCounters([0.4, 0.2], 2);
      let reports: ThreadReport[] = [];
      const supervisor = new Thread({
        name: 'supervisor',
        target: async () => {
          reports = await joinAllButMain();
        },
      });
      supervisor.start();
      await supervisor.join();
      return reports.map((r) => r.name);
    });
    expect(
      run.value,
      say(
        'desde otro hilo: ni el principal ni el propio hilo que llama entran en la lista (usa mainThread() y currentThread())',
        'from another thread: neither the main thread nor the calling thread itself is in the list (use mainThread() and currentThread())',
      ),
    ).toEqual(['Thread-1 (count)', 'Thread-2 (count)']);
    expect(run.output.some((l) => l.includes('Exception in thread supervisor'))).toBe(false);
    expect(run.elapsed).toBeCloseTo(0.8, 9);
  });

  test('threads started while waiting are not in the list', async () => {
    const run = await simulate(async () => {
      const late: Thread[] = [];
      const spawner = new Thread({
        name: 'lanzador',
        daemon: true,
        target: async () => {
          await sleep(0.5);
          const t = new Thread({ target: () => sleep(10), name: 'tardio', daemon: true });
          t.start();
          late.push(t);
        },
      });
      spawner.start();
      const reports = await joinAllChecked();
      return { names: reports.map((r) => r.name), at: monotonic(), lateAlive: late[0]?.isAlive() };
    });
    expect(run.value.names, say('se recorre la lista de enumerate() del principio, como en el tema', 'walk the list enumerate() gave at the start, as in the unit'))
      .toEqual(['lanzador']);
    expect(run.value.at).toBe(0.5);
    expect(run.value.lateAlive).toBe(true);
  });

  test('reports carry each thread name, ident and daemon flag, and count prints that ident', async () => {
    const list = pauses(66, 4);
    const run = await simulate(async () => {
      const threads = startCounters(list, 2);
      const reports = await joinAllChecked();
      return { reports, threads: threads.map((t) => ({ name: t.name, ident: t.ident, daemon: t.daemon })) };
    });
    expect(run.value.reports.map(({ name, ident, daemon }) => ({ name, ident, daemon }))).toEqual(run.value.threads);
    const expectedLines = run.value.threads.flatMap((t, k) => [1, 2].map((i) => `${k + 1} ${t.ident} ${i}`)).sort();
    expect([...run.output].sort(), say('count escribe «número ident contador» con el ident de su hilo (getIdent())', 'count prints "number ident counter" with its thread\'s ident (getIdent())'))
      .toEqual(expectedLines);
  });

  test('called from a daemon thread, startCounters(..., false) starts ordinary counters', async () => {
    const list = pauses(606, 3);
    const run = await simulate(async () => {
      let flags: { ordinary: boolean[]; daemons: boolean[] } | null = null;
      // The night watchman is a daemon: a thread it creates without saying `daemon` comes out a daemon too.
      const watchman = new Thread({
        name: 'vigilante',
        daemon: true,
        target: () => {
          const ordinary = startCounters(list, 1, false).map((t) => t.daemon);
          const daemons = startCounters(list, 1).map((t) => t.daemon);
          flags = { ordinary, daemons };
        },
      });
      watchman.start();
      await watchman.join();
      await joinAllChecked();
      return flags as { ordinary: boolean[]; daemons: boolean[] } | null;
    });
    expect(run.value, say('startCounters terminó dentro del vigilante', 'startCounters finished inside the watchman')).not.toBeNull();
    if (run.value?.ordinary.some((daemon) => daemon)) {
      failLesson('daemon-flag', [
        'llamado desde un hilo demonio con daemon = false, startCounters arrancó contadores demonio: o la marca es una constante (daemon: true), o no la pasas y se hereda del hilo creador, que es demonio. Pasa la marca siempre: `new Thread({ ..., daemon })`, también cuando es false',
        'called from a daemon thread with daemon = false, startCounters started daemon counters: either the flag is a constant (daemon: true), or you do not pass it and it is inherited from the creating thread, a daemon. Always pass the flag: `new Thread({ ..., daemon })`, also when it is false'],
      ['new Thread({ target: count, args: [...], daemon }): el parámetro, no una constante.', 'new Thread({ target: count, args: [...], daemon }): the parameter, not a constant.']);
    }
    expect(run.value?.ordinary, say('con daemon = false, contadores normales', 'with daemon = false, ordinary counters')).toEqual([false, false, false]);
    expect(run.value?.daemons, say('por defecto, contadores demonio', 'by default, daemon counters')).toEqual([true, true, true]);
  });

  test('a negative pause starts no counter', async () => {
    const run = await simulate(() => {
      try {
        startCounters([0.2, -0.1, 0.3], 2);
        return { error: 'no error', alive: activeCount() };
      } catch (error) {
        if (!(error instanceof ValueError) && String(error).includes('Not implemented yet')) throw error;
        return { error: error instanceof ValueError ? error.message : String(error), alive: activeCount() };
      }
    });
    expect(run.value.error, say('una pausa negativa lanza ValueError: sleep length must be non-negative', 'a negative pause throws ValueError: sleep length must be non-negative'))
      .toBe('sleep length must be non-negative');
    expect(run.value.alive, say('con una pausa negativa no debe arrancar ningún contador: compruébalas antes del bucle', 'with a negative pause no counter may start: check them before the loop'))
      .toBe(1);
    expect(run.output).toEqual([]);
  });

  test('no pauses, or upTo 0: nothing runs and nothing is printed', async () => {
    const run = await simulate(async () => {
      const none = startCounters([], 3);
      const silent = startCounters([0.5, 0.25], 0);
      const reports = await joinAllChecked();
      return { none: none.length, silent: silent.length, reports: reports.length };
    });
    expect(run.value).toEqual({ none: 0, silent: 2, reports: 2 });
    expect(run.output).toEqual([]);
    expect(run.elapsed).toBe(0);
  });
});
