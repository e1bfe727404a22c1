// Ejercicio 02 · Nombres de hilos y logging / Exercise 02 · Thread names and logging.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { basicConfig, debug, DEBUG } from '#runtime/logging';
//   import { sleep } from '#runtime/time';
import type { Thread } from '#runtime/threading';

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/** The unit's log format, fixed: `[LEVEL] - <thread name padded to 10> : <message>`. */
export const LOG_FORMAT: string = 'TODO';

/** Configures logging: level DEBUG, format LOG_FORMAT; the last call wins. */
export function configureLogging(): void {
  throw notImplemented('configureLogging');
}

/** Logs 'Iniciando...', waits `pause` seconds, logs 'Finalizando...'. */
export async function worker(pause: number): Promise<void> {
  void pause;
  throw notImplemented('worker');
}

/** One thread per name (null: the default name), target worker, args [pause]; starts all, joins all. */
export async function runNamed(names: ReadonlyArray<string | null>, pause: number): Promise<Thread[]> {
  void names;
  void pause;
  throw notImplemented('runNamed');
}
