// Exercise 02 — reference solution: named and default-named threads, and a logging format that writes the
// thread's name for us, padded to a column.
import { Thread, ValueError } from '#runtime/threading';
import { DEBUG, basicConfig, debug } from '#runtime/logging';
import { sleep } from '#runtime/time';

/**
 * The unit's format, fixed (`% (levelname)s` -> `%(levelname)s`). `%(threadName)-10s` is filled in by logging
 * with the name of the thread that logs, left-aligned and padded with spaces to 10 characters.
 */
export const LOG_FORMAT = '[%(levelname)s] - %(threadName)-10s : %(message)s';

/** DEBUG level and our format; `force` replaces an earlier configuration, so the last call wins. */
export function configureLogging(): void {
  basicConfig({ level: DEBUG, format: LOG_FORMAT, force: true });
}

/** The unit's worker. It never writes its own name: the format does, from the thread that calls debug(). */
export async function worker(pause: number): Promise<void> {
  debug('Iniciando...');
  await sleep(pause);
  debug('Finalizando...');
}

/**
 * One thread per name (null: let threading name it `Thread-N (worker)`), all started, then all joined.
 * A negative pause fails here, before any thread exists, with sleep's own error.
 */
export async function runNamed(names: ReadonlyArray<string | null>, pause: number): Promise<Thread[]> {
  if (pause < 0) throw new ValueError('sleep length must be non-negative');
  const threads = names.map((name) => new Thread({ target: worker, args: [pause], name }));
  for (const thread of threads) thread.start();
  for (const thread of threads) await thread.join();
  return threads;
}
