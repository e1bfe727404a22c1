// Test harness for exercise 14 (course material, do not edit): simulate() with a wall-clock guard, and the
// runtime's low-level errors translated into the mistake a student made.
import { say } from '#grader/testkit';
import { simulate, type SimulationResult } from '#runtime/testing';

/** Real seconds a simulation may take before the test gives up (a virtual second costs microseconds). */
const WALL_LIMIT = 3;

/** Lets a stub's "not implemented" error through unchanged, so the student sees that and nothing else. */
export function rethrowIfNotImplemented(error: unknown): void {
  if (error instanceof Error && error.message.includes('Not implemented yet')) throw error;
}

function translate(error: unknown): unknown {
  if (error instanceof TypeError && /only one runtime awaitable/.test(error.message)) {
    return new Error(say(
      'una misma tarea esperó varias cosas a la vez: llamaste a una corrutina sin await, o usaste Promise.all / Promise.race con corrutinas. Haz await de cada llamada, o lanza cada una en su propia tarea con createTask (o gather)',
      'one task awaited several things at once: you called a coroutine without await, or used Promise.all / Promise.race over coroutines. Await each call, or run each one in its own task with createTask (or gather)'));
  }
  if (error instanceof Error && error.name === 'RuntimeError' && /no running event loop/.test(error.message)) {
    return new Error(say(
      'no hay ningún bucle de eventos en marcha: main tiene que arrancarlo con run(async () => { ... }) (asyncio.run de Python)',
      'there is no event loop running: main has to start one with run(async () => { ... }) (Python\'s asyncio.run)'));
  }
  return error;
}

/** simulate() that fails with an explanation instead of hanging when the program can never finish. */
export async function sim<T>(main: () => T | Promise<T>): Promise<SimulationResult<Awaited<T>>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(say(
      `el programa no terminó nunca (el reloj virtual se quedó parado ${WALL_LIMIT} s reales): alguna tarea espera algo que el bucle de eventos no ve, como Promise.all / Promise.race sobre corrutinas o una Promise nativa que resuelve un callback. Usa createTask / gather, y un Future para los callbacks`,
      `the program never finished (the virtual clock stood still for ${WALL_LIMIT} real seconds): some task awaits something the event loop cannot see, such as Promise.all / Promise.race over coroutines or a native Promise resolved by a callback. Use createTask / gather, and a Future for callbacks`))), WALL_LIMIT * 1000);
  });
  try {
    return await Promise.race([simulate(main), guard]);
  } catch (error) {
    throw translate(error);
  } finally {
    clearTimeout(timer);
  }
}
