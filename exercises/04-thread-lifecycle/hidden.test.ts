// Hidden tests for exercise 04: random sleeps and waits from fixed seeds; exact histories; the exact virtual
// instant at which waitForState returns: arriving late (or timing out late) gives polling away.
import { describe, test, expect } from 'vitest';
import { expectLesson, say } from '#course/kit';
import { simulate } from '#runtime/testing';
import { Event, RuntimeError, Thread, ValueError } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { TrackedThread, blockedSleep, blockedWait, type LifeState } from './exercise.ts';
import { intBetween, seeded } from './support.ts';

const arrow = (h: readonly string[]): string => h.join(' → ');

function expectHistory(actual: readonly LifeState[], expected: readonly LifeState[]): void {
  expect(
    actual,
    say(
      `estados fuera del ciclo de vida.\n  esperado: ${arrow(expected)}\n  obtenido: ${arrow(actual)}\n` +
        'created en el constructor, ready en start(), running al empezar run() y al despertar, blocked al esperar, dead al terminar run()',
      `states out of life-cycle order.\n  expected: ${arrow(expected)}\n       got: ${arrow(actual)}\n` +
        'created in the constructor, ready in start(), running when run() begins and on waking, blocked while waiting, dead when run() ends',
    ),
  ).toEqual(expected);
}

/** Times in ms-with-a-tail so that no polling period lands on them by chance. */
function oddTime(random: () => number, min: number, max: number): number {
  return intBetween(random, min * 1000, max * 1000) / 1000 + 0.000137;
}

const POLLING_ES = 'sondea en vez de esperar: usa un Event (o una Condition) que se active al cambiar de estado, y espera en él';
const POLLING_EN = 'it polls instead of waiting: use an Event (or a Condition) set when the state changes, and wait on it';

describe('04 · hidden', () => {
  test('history follows the life cycle for random sleeps and waits', async () => {
    const random = seeded(404);
    for (let round = 0; round < 4; round++) {
      const steps = Array.from({ length: intBetween(random, 0, 4) }, () => (random() < 0.5 ? 'sleep' : 'wait'));
      const expected: LifeState[] = ['created', 'ready', 'running'];
      for (let i = 0; i < steps.length; i++) expected.push('blocked', 'running');
      expected.push('dead');
      const run = await simulate(async () => {
        const event = new Event();
        const t = new TrackedThread({
          target: async () => {
            for (const step of steps) {
              if (step === 'sleep') await blockedSleep(0.25);
              else await blockedWait(event);
            }
          },
        });
        t.start();
        for (let i = 0; i < 2 * steps.length + 1; i++) {
          await sleep(0.25);
          event.set();
          event.clear();
        }
        await t.join();
        return [...t.history];
      });
      expectHistory(run.value, expected);
    }
  });

  test('state agrees with isAlive at every moment', async () => {
    const random = seeded(405);
    const d1 = oddTime(random, 0.5, 2);
    const d2 = oddTime(random, 0.5, 2);
    const run = await simulate(async () => {
      const t = new TrackedThread({
        target: async () => {
          await blockedSleep(d1);
          await sleep(d2); // an untracked wait: for the tracker, still running
        },
      });
      const seen: Array<[LifeState, boolean]> = [[t.state, t.isAlive()]];
      t.start();
      seen.push([t.state, t.isAlive()]);
      await sleep(d1 / 2);
      seen.push([t.state, t.isAlive()]);
      await sleep(d1 / 2 + d2 / 2);
      seen.push([t.state, t.isAlive()]);
      await t.join();
      seen.push([t.state, t.isAlive()]);
      return seen;
    });
    expect(
      run.value,
      say(
        'estado e isAlive() en: creado, tras start(), durmiendo, trabajando y tras join()',
        'state and isAlive() when: created, after start(), sleeping, working and after join()',
      ),
    ).toEqual([
      ['created', false],
      ['ready', true],
      ['blocked', true],
      ['running', true],
      ['dead', false],
    ]);
  });

  test('waitForState returns at the exact instant the state is reached', async () => {
    const random = seeded(406);
    const d1 = oddTime(random, 0.3, 1.5);
    const d2 = oddTime(random, 0.3, 1.5);
    const run = await simulate(async () => {
      const t = new TrackedThread({
        target: async () => {
          await sleep(d1);
          await blockedSleep(d2);
        },
      });
      t.start();
      const blocked = await t.waitForState('blocked');
      const blockedAt = monotonic();
      const dead = await t.waitForState('dead');
      const deadAt = monotonic();
      return { blocked, blockedAt, dead, deadAt };
    });
    const { blocked, blockedAt, dead, deadAt } = run.value;
    expect([blocked, dead], say('waitForState devuelve true cuando se alcanza el estado', 'waitForState returns true when the state is reached')).toEqual([true, true]);
    const late = Math.max(blockedAt - d1, deadAt - (d1 + d2));
    if (late > 1e-9) {
      expect.fail(say(`waitForState volvió ${late.toFixed(4).replace('.', ',')} s tarde: ${POLLING_ES}`, `waitForState returned ${late.toFixed(4)} s late: ${POLLING_EN}`));
    }
    expect(blockedAt).toBeCloseTo(d1, 9);
    expect(deadAt).toBeCloseTo(d1 + d2, 9);
  });

  test('waitForState is true at once for a state already passed', async () => {
    const run = await simulate(async () => {
      const t = new TrackedThread({ target: () => blockedSleep(0.5) });
      t.start();
      await t.join();
      const before = monotonic();
      const results = [await t.waitForState('running'), await t.waitForState('ready'), await t.waitForState('created')];
      return { results, waited: monotonic() - before };
    });
    expect(run.value, say('un estado por el que ya pasó el hilo no hace esperar', 'a state the thread has already gone through needs no waiting'))
      .toEqual({ results: [true, true, true], waited: 0 });
  });

  test('waitForState with a timeout returns false when the state is not reached', async () => {
    const random = seeded(407);
    const limit = oddTime(random, 0.5, 2);
    const run = await simulate(async () => {
      const gate = new Event();
      const t = new TrackedThread({ target: () => blockedWait(gate) });
      t.start();
      // A pending timer far away, so a polling waitForState cannot spin forever on a clock that never moves.
      new Thread({ target: () => sleep(1000), daemon: true }).start();
      const first = await t.waitForState('dead', limit);
      const firstAt = monotonic();
      gate.set();
      const second = await t.waitForState('dead', 10);
      return { first, firstAt, second, state: t.state };
    });
    expect(run.value.first, say('si el estado no llega a tiempo, waitForState devuelve false', 'when the state does not come in time, waitForState returns false')).toBe(false);
    const late = run.value.firstAt - limit;
    if (late > 1e-9) {
      expect.fail(say(`el timeout de waitForState llegó ${late.toFixed(4).replace('.', ',')} s tarde: ${POLLING_ES}`, `waitForState's timeout came ${late.toFixed(4)} s late: ${POLLING_EN}`));
    }
    expect(run.value.firstAt, say(`el timeout son ${String(limit).replace('.', ',')} s exactos`, `the timeout is exactly ${limit} s`)).toBeCloseTo(limit, 9);
    expect(run.value.second).toBe(true);
    expect(run.value.state).toBe('dead');
  });

  test('waitForState with timeout 0 or less only looks', async () => {
    const run = await simulate(async () => {
      const t = new TrackedThread({ target: () => blockedSleep(1) });
      t.start();
      const looks = [
        await t.waitForState('dead', 0),
        await t.waitForState('dead', -1),
        await t.waitForState('ready', 0),
      ];
      const at = monotonic();
      await t.join();
      return { looks, at };
    });
    expect(run.value, say('con timeout <= 0 no se espera: solo se mira', 'with timeout <= 0 there is no waiting: it only looks'))
      .toEqual({ looks: [false, false, true], at: 0 });
  });

  test('an unknown state is a TypeError', async () => {
    const run = await simulate(async () => {
      const t = new TrackedThread({ target: () => undefined });
      try {
        await t.waitForState('zombie' as LifeState, 0);
        return 'no error';
      } catch (error) {
        return error instanceof TypeError ? 'TypeError' : String(error);
      }
    });
    expect(run.value, say('waitForState con un estado que no existe lanza TypeError', 'waitForState with a state that does not exist throws TypeError'))
      .toBe('TypeError');
  });

  test('a second start() fails and leaves the state alone', async () => {
    const run = await simulate(async () => {
      const t = new TrackedThread({ target: () => blockedSleep(1) });
      t.start();
      const errors: string[] = [];
      try {
        t.start();
      } catch (error) {
        errors.push(error instanceof RuntimeError ? error.message : String(error));
      }
      const whileRunning = [...t.history];
      await t.join();
      try {
        t.start();
      } catch (error) {
        errors.push(error instanceof RuntimeError ? error.message : String(error));
      }
      return { errors, whileRunning, after: [...t.history] };
    });
    expect(run.value.errors, say('start() dos veces lanza RuntimeError: threads can only be started once', 'start() twice throws RuntimeError: threads can only be started once'))
      .toEqual(['threads can only be started once', 'threads can only be started once']);
    expectHistory(run.value.whileRunning, ['created', 'ready']);
    expectHistory(run.value.after, ['created', 'ready', 'running', 'blocked', 'running', 'dead']);
  });

  test('a target that throws still ends dead', async () => {
    const run = await simulate(async () => {
      const t = new TrackedThread({
        target: async () => {
          await blockedSleep(0.5);
          throw new Error('comprobante corrupto');
        },
      });
      t.start();
      const reached = await t.waitForState('dead', 5);
      await t.join();
      return { reached, history: [...t.history], alive: t.isAlive() };
    });
    expect(run.value.reached, say('aunque el objetivo falle, el hilo llega a dead (usa finally)', 'even when the target fails, the thread reaches dead (use finally)')).toBe(true);
    expectLesson(run.output.some((line) => line.includes('Exception in thread') || line.includes('comprobante corrupto')), 'error-swallowed', [
      'el error del objetivo no llegó a excepthook ("Exception in thread ..."): run() se lo traga. Usa try/finally sin catch, para que el error siga su camino',
      "the target's error never reached excepthook (\"Exception in thread ...\"): run() swallows it. Use try/finally with no catch, so that the error goes on"]);
    expectHistory(run.value.history, ['created', 'ready', 'running', 'blocked', 'running', 'dead']);
    expect(run.value.alive).toBe(false);
  });

  test('blockedSleep with a negative time throws ValueError and changes nothing', async () => {
    const run = await simulate(async () => {
      let error: unknown = null;
      const t = new TrackedThread({
        target: async () => {
          try {
            await blockedSleep(-0.5);
          } catch (e) {
            error = e;
          }
        },
      });
      t.start();
      await t.join();
      return { error, history: [...t.history] };
    });
    const { error } = run.value;
    expect(error instanceof ValueError && error.message, say('blockedSleep(-0.5) lanza el ValueError de sleep', 'blockedSleep(-0.5) throws sleep\'s ValueError'))
      .toBe('sleep length must be non-negative');
    expectHistory(run.value.history, ['created', 'ready', 'running', 'dead']);
    expect(run.elapsed).toBe(0);
  });

  test('an error while blocked reaches the caller, and the thread is not left blocked', async () => {
    const run = await simulate(async () => {
      let error: unknown = null;
      const t = new TrackedThread({
        target: async () => {
          try {
            await blockedSleep(Number.NaN); // sleep(NaN) raises ValueError, as time.sleep(float('nan')) does
          } catch (e) {
            error = e;
          }
        },
      });
      t.start();
      await t.join();
      return { error, history: [...t.history] };
    });
    expectLesson(run.value.error instanceof ValueError, 'error-swallowed', [
      'blockedSleep(NaN) no lanzó el ValueError de sleep: un try/catch se lo traga. Deja que el error salga (try/finally, sin catch) y restaura el estado en el finally',
      "blockedSleep(NaN) did not throw sleep's ValueError: a try/catch swallows it. Let the error out (try/finally, no catch) and restore the state in the finally"]);
    expect(run.value.history.at(-2), say('tras el error el hilo vuelve a running antes de acabar (finally)', 'after the error the thread is back to running before it ends (finally)'))
      .toBe('running');
  });

  test('blockedWait marks the thread blocked until the event is set', async () => {
    const random = seeded(408);
    const setAt = oddTime(random, 0.5, 2);
    const run = await simulate(async () => {
      const gate = new Event();
      const results: boolean[] = [];
      const t = new TrackedThread({
        target: async () => {
          results.push(await blockedWait(gate));
          results.push(await blockedWait(new Event(), 0.25));
        },
      });
      t.start();
      await sleep(setAt / 2);
      const during = t.state;
      await sleep(setAt / 2);
      gate.set();
      await t.join();
      return { during, results, history: [...t.history] };
    });
    expect(run.value.during).toBe('blocked');
    expect(run.value.results, say('blockedWait devuelve lo mismo que event.wait: true si se activó, false si se agotó el timeout', 'blockedWait returns what event.wait returns: true when set, false on timeout'))
      .toEqual([true, false]);
    expectHistory(run.value.history, ['created', 'ready', 'running', 'blocked', 'running', 'blocked', 'running', 'dead']);
    expect(run.elapsed).toBeCloseTo(setAt + 0.25, 9);
  });

  test('blockedSleep outside a TrackedThread just sleeps', async () => {
    const run = await simulate(() => blockedSleep(0.75));
    expect(run.elapsed).toBe(0.75);
  });

  test('TrackedThread passes target, args and name through', async () => {
    const run = await simulate(async () => {
      const got: unknown[] = [];
      const t = new TrackedThread({ target: (a: number, b: string) => void got.push(a, b), args: [7, 'siete'], name: 'Rastreado' });
      t.start();
      await t.join();
      return { got, name: t.name };
    });
    expect(run.value).toEqual({ got: [7, 'siete'], name: 'Rastreado' });
  });

  test('several tracked threads keep separate histories', async () => {
    const run = await simulate(async () => {
      const a = new TrackedThread({ target: async () => { await blockedSleep(0.5); await blockedSleep(0.5); } });
      const b = new TrackedThread({ target: () => undefined });
      a.start();
      b.start();
      await a.join();
      await b.join();
      return { a: [...a.history], b: [...b.history] };
    });
    expectHistory(run.value.a, ['created', 'ready', 'running', 'blocked', 'running', 'blocked', 'running', 'dead']);
    expectHistory(run.value.b, ['created', 'ready', 'running', 'dead']);
  });
});
