// Visible tests for exercise 04: run them with `npm test -- 04`. Virtual clock: instants are exact.
import { describe, test, expect } from 'vitest';
import { expectLesson, say } from '#course/kit';
import { simulate } from '#runtime/testing';
import { monotonic, sleep } from '#runtime/time';
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
      await sleep(0.5);
      const midSleep = t.state;
      await t.join();
      return { history: [...t.history], state: t.state, alive: t.isAlive(), midSleep };
    });
    const dead = run.value.history.indexOf('dead');
    expectLesson(dead === -1 || dead === run.value.history.length - 1, 'missing-await', [
      `el hilo pasó a dead y después aún a ${run.value.history.slice(dead + 1).join(', ')} (${run.value.history.join(' → ')}): una espera no se hizo con await, así que el código siguió antes de que terminara. Revisa await super.run() en run() y await en blockedSleep`,
      `the thread went dead and then still ${run.value.history.slice(dead + 1).join(', ')} (${run.value.history.join(' → ')}): a wait was not awaited, so the code went on before it ended. Check await super.run() in run() and the await in blockedSleep`]);
    expectLesson(run.value.history[dead - 1] !== 'blocked', 'missing-await', [
      `el hilo pasó de blocked a dead sin volver a running (${run.value.history.join(' → ')}): run() terminó mientras el target aún dormía. Espera al target con await super.run()`,
      `the thread went from blocked to dead without going back to running (${run.value.history.join(' → ')}): run() ended while the target was still asleep. Wait for the target with await super.run()`]);
    expectLesson(!(run.value.history.includes('blocked') && run.value.midSleep === 'running'), 'missing-await', [
      'a mitad del sleep(1) el hilo ya estaba otra vez en running: blockWhile volvió a running sin esperar a que acabara la espera. Escribe return await wait(), no return wait(): sin await, el finally se ejecuta enseguida',
      'halfway through sleep(1) the thread was already back in running: blockWhile went back to running without waiting for the wait to end. Write return await wait(), not return wait(): without await, the finally runs at once']);
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
