// Visible tests for exercise 04: run them with `npm test -- 04`. Virtual clock: instants are exact.
import { describe, test, expect } from 'vitest';
import { say } from '#grader/testkit';
import { simulate } from '#runtime/testing';
import { monotonic } from '#runtime/time';
import { TrackedThread, blockedSleep } from './exercise.ts';

describe('04 · ciclo de vida', () => {
  test('a new TrackedThread is created and not alive', async () => {
    const run = await simulate(() => {
      const t = new TrackedThread({ target: () => undefined });
      return { state: t.state, history: [...t.history], alive: t.isAlive() };
    });
    expect(run.value).toEqual({ state: 'created', history: ['created'], alive: false });
  });

  test('start() moves the thread to ready and makes it alive', async () => {
    const run = await simulate(async () => {
      const t = new TrackedThread({ target: () => blockedSleep(1) });
      t.start();
      const seen = { state: t.state, alive: t.isAlive() };
      await t.join();
      return seen;
    });
    expect(run.value, say('justo después de start(): listo (ready) y vivo', 'right after start(): ready and alive')).toEqual({ state: 'ready', alive: true });
  });

  test('a thread that sleeps once goes created, ready, running, blocked, running, dead', async () => {
    const run = await simulate(async () => {
      const t = new TrackedThread({ target: () => blockedSleep(1) });
      t.start();
      await t.join();
      return { history: [...t.history], state: t.state, alive: t.isAlive() };
    });
    expect(run.value.history, say('los estados deben seguir el ciclo de vida, en orden', 'the states must follow the life cycle, in order'))
      .toEqual(['created', 'ready', 'running', 'blocked', 'running', 'dead']);
    expect(run.value.state).toBe('dead');
    expect(run.value.alive).toBe(false);
    expect(run.elapsed).toBe(1);
  });

  test('waitForState dead returns true when the thread ends', async () => {
    const run = await simulate(async () => {
      const t = new TrackedThread({ target: () => blockedSleep(1.5) });
      t.start();
      const reached = await t.waitForState('dead');
      return { reached, at: monotonic() };
    });
    expect(run.value, say('waitForState("dead") vuelve con true en cuanto el hilo termina (1,5 s)', 'waitForState("dead") returns true as soon as the thread ends (1.5 s)'))
      .toEqual({ reached: true, at: 1.5 });
  });
});
