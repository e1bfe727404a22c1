// simulate() with a wall-clock guard, for exercises whose tests run a whole program on the virtual clock (the
// asyncio exercises): a program that can never finish fails with an explanation instead of hanging the test.
// Errors go through unchanged; the diagnosis layer (diagnoses/) names the mistake behind them.
import { simulate, type SimulateOptions, type SimulationResult } from '#runtime/testing';
import { say } from './lang.ts';

/** Real seconds a simulation may take before the test gives up (a virtual second costs microseconds). */
export const WALL_LIMIT = 3;

/** True for the error every stub throws: `Aún no implementado / Not implemented yet: <function>`. */
export function isNotImplemented(error: unknown): boolean {
  return error instanceof Error && error.message.includes('Not implemented yet');
}

/** Lets a stub's "not implemented" error through unchanged, so the student sees that and nothing else. */
export function rethrowIfNotImplemented(error: unknown): void {
  if (isNotImplemented(error)) throw error;
}

/** simulate() that fails with an explanation instead of hanging when the program can never finish. */
export async function sim<T>(main: () => T | Promise<T>, options: SimulateOptions = {}, wallLimit = WALL_LIMIT): Promise<SimulationResult<Awaited<T>>> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(say(
      `el programa no terminó nunca (el reloj virtual se quedó parado ${wallLimit} s reales): alguna tarea espera algo que el bucle de eventos no ve, como Promise.all / Promise.race sobre corrutinas o una Promise nativa que resuelve un callback. Usa createTask / gather, y un Future para los callbacks`,
      `the program never finished (the virtual clock stood still for ${wallLimit} real seconds): some task awaits something the event loop cannot see, such as Promise.all / Promise.race over coroutines or a native Promise resolved by a callback. Use createTask / gather, and a Future for callbacks`))), wallLimit * 1000);
  });
  try {
    return await Promise.race([simulate(main, options), guard]);
  } finally {
    clearTimeout(timer);
  }
}
