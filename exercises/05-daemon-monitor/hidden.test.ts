// Hidden tests for exercise 05: random writer and watcher schedules from fixed seeds (no two events at the
// same virtual instant, so the expected lines are exact), daemon flags, how long the program lives, leftovers.
import { afterEach, beforeEach, describe, test, expect } from 'vitest';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { say } from '#grader/testkit';
import { simulate as simulateRaw } from '#runtime/testing';
import { Thread, ValueError, enumerate } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { checkSize, runWithMonitor, type MonitorOptions } from './exercise.ts';
import { intBetween, raiseStubError, seeded } from './support.ts';

/** simulate(), but a "not implemented" error raised inside a thread fails the test with that message. */
async function simulate<T>(main: () => T | Promise<T>) {
  const run = await simulateRaw(main);
  raiseStubError(run.output);
  return run;
}

let dir = '';
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'curso-05h-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The instants a loop of `count` sleeps of `step` reaches, summed in the order the runtime sums them. */
function instants(step: number, count: number): number[] {
  const out: number[] = [];
  let t = 0;
  for (let i = 0; i < count; i++) {
    out.push(t);
    t += step;
  }
  out.push(t);
  return out;
}

interface Plan extends MonitorOptions {
  end: number;
  watcherEnd: number;
  writerLines: string[];
  watcherLines: string[];
}

/** A random plan in which no check happens at the same instant as a write or as the end. */
function plan(seed: number): Plan {
  const random = seeded(seed);
  for (;;) {
    const chunks = intBetween(random, 3, 9);
    const writeInterval = intBetween(random, 15, 45) / 100;
    const checkInterval = intBetween(random, 4, 13) / 100;
    const checks = intBetween(random, 60, 120);
    const writes = instants(writeInterval, chunks); // writes at [0..chunks-1], end at [chunks]
    const end = writes[chunks]!;
    const watch = instants(checkInterval, checks);
    const seen = watch.slice(0, checks).filter((t) => t < end);
    const clash = seen.some((t) => t > 0 && writes.some((w) => Math.abs(w - t) < 1e-6)) || watch.some((t) => Math.abs(t - end) < 1e-6);
    if (clash || seen.length >= checks) continue;
    const writerLines = Array.from({ length: chunks }, (_, i) => `escribir ${i + 1}`);
    // The watcher starts first, so at instant 0 it sees no file yet.
    const watcherLines = seen.map((t, k) => `chequear ${k + 1} ${t === 0 ? 0 : writes.slice(0, chunks).filter((w) => w < t).length} bytes`);
    return { chunks, writeInterval, checks, checkInterval, end, watcherEnd: watch[checks]!, writerLines, watcherLines };
  }
}

const NOT_DAEMON_ES = 'el programa no terminó al acabar el escritor: el vigilante no es demonio (crea el hilo con `daemon: true`)';
const NOT_DAEMON_EN = 'the program did not end when the writer finished: the watcher is not a daemon (create it with `daemon: true`)';
const JOINED_ES = 'runWithMonitor esperó al vigilante: haz join() solo del escritor; al demonio se le abandona';
const JOINED_EN = 'runWithMonitor waited for the watcher: join() only the writer; the daemon is abandoned';

async function runPlan(path: string, p: MonitorOptions) {
  return simulate(async () => {
    const { writer, monitor } = await runWithMonitor(path, p);
    return {
      returnedAt: monotonic(),
      writer: { name: writer.name, daemon: writer.daemon, alive: writer.isAlive() },
      monitor: { name: monitor.name, daemon: monitor.daemon, alive: monitor.isAlive() },
      fileLeft: existsSync(path),
    };
  });
}

describe('05 · hidden', () => {
  test('the watcher is a daemon named chequear and the writer an ordinary thread named escribir', async () => {
    const p = plan(51);
    const run = await runPlan(join(dir, 'comprobante.tmp'), p);
    expect(run.value.monitor.daemon, say(NOT_DAEMON_ES, NOT_DAEMON_EN)).toBe(true);
    expect(run.value.writer.daemon, say('el escritor no debe ser demonio: su trabajo tiene que terminar', 'the writer must not be a daemon: its work has to finish')).toBe(false);
    expect([run.value.writer.name, run.value.monitor.name]).toEqual(['escribir', 'chequear']);
  });

  test('called from a daemon thread, the writer is still an ordinary thread', async () => {
    const p = plan(57);
    const path = join(dir, 'comprobante.tmp');
    const run = await simulate(async () => {
      let flags: { writer: boolean; monitor: boolean } | null = null;
      const supervisor = new Thread({
        name: 'supervisor',
        daemon: true,
        target: async () => {
          const { writer, monitor } = await runWithMonitor(path, p);
          flags = { writer: writer.daemon, monitor: monitor.daemon };
        },
      });
      supervisor.start();
      await supervisor.join();
      return flags as { writer: boolean; monitor: boolean } | null;
    });
    expect(run.value, say('runWithMonitor terminó dentro del supervisor', 'runWithMonitor finished inside the supervisor')).not.toBeNull();
    if (run.value?.writer === true) {
      expect.fail(say('llamado desde un hilo demonio, el escritor salió demonio: el valor de daemon se hereda del hilo creador. Crea el escritor con `daemon: false` explícito, o el programa podría terminar con el archivo a medias',
        'called from a daemon thread, the writer came out a daemon: the daemon flag is inherited from the creating thread. Create the writer with an explicit `daemon: false`, or the program could end with the file half-written'));
    }
    expect(run.value?.monitor, say(NOT_DAEMON_ES, NOT_DAEMON_EN)).toBe(true);
  });

  test('the program ends when the writer ends, not when the watcher would', async () => {
    const p = plan(52);
    const run = await runPlan(join(dir, 'comprobante.tmp'), p);
    const { returnedAt } = run.value;
    if (returnedAt > p.end + 1e-9) expect.fail(say(JOINED_ES, JOINED_EN));
    if (run.elapsed > p.end + 1e-9) expect.fail(say(NOT_DAEMON_ES, NOT_DAEMON_EN));
    expect(returnedAt, say(`runWithMonitor vuelve cuando acaba el escritor (${p.end.toFixed(2).replace('.', ',')} s)`, `runWithMonitor returns when the writer ends (${p.end.toFixed(2)} s)`))
      .toBeCloseTo(p.end, 9);
    expect(run.elapsed).toBeCloseTo(p.end, 9);
    expect(run.unjoined, say('no debe quedar ningún hilo normal sin esperar', 'no ordinary thread may be left unjoined')).toEqual([]);
  });

  test('the watcher is abandoned alive when the writer is done', async () => {
    const p = plan(53);
    const run = await runPlan(join(dir, 'comprobante.tmp'), p);
    if (!run.value.monitor.alive) expect.fail(say(JOINED_ES, JOINED_EN));
    expect(run.value.writer.alive, say('runWithMonitor debe esperar al escritor', 'runWithMonitor must wait for the writer')).toBe(false);
    expect(run.abandoned, say('el vigilante se abandona al terminar el programa', 'the watcher is abandoned when the program ends')).toEqual(['chequear']);
  });

  test('the writer and watcher lines are exact', async () => {
    for (const seed of [54, 55, 56]) {
      const p = plan(seed);
      const run = await runPlan(join(dir, `comprobante-${seed}.tmp`), p);
      expect(run.output.filter((l) => l.startsWith('escribir')), say('las líneas del escritor: «escribir i»', 'the writer\'s lines: "escribir i"'))
        .toEqual(p.writerLines);
      expect(
        run.output.filter((l) => l.startsWith('chequear')),
        say(
          'las líneas del vigilante: «chequear k tamaño bytes», con el tamaño del fichero en ese instante ' +
            '(el vigilante arranca antes que el escritor, así que a los 0 s ve 0 bytes)',
          'the watcher\'s lines: "chequear k size bytes", with the file\'s size at that instant ' +
            '(the watcher starts before the writer, so at 0 s it sees 0 bytes)',
        ),
      ).toEqual(p.watcherLines);
      expect(run.output).toHaveLength(p.writerLines.length + p.watcherLines.length);
    }
  });

  test('leftovers from an earlier run are removed before starting', async () => {
    const p = plan(57);
    const path = join(dir, 'comprobante.tmp');
    writeFileSync(path, 'restos de ayer');
    const run = await runPlan(path, p);
    const sizes = run.output.filter((l) => l.startsWith('chequear')).map((l) => Number(l.split(' ')[2]));
    expect(
      sizes.filter((size) => size > p.chunks),
      say(
        'el vigilante vio los restos de una ejecución anterior: borra el fichero antes de arrancar los hilos',
        'the watcher saw leftovers from an earlier run: delete the file before starting the threads',
      ),
    ).toEqual([]);
    expect(sizes.length).toBe(p.watcherLines.length);
  });

  test('the temporary file is not left on disk', async () => {
    const p = plan(58);
    const path = join(dir, 'comprobante.tmp');
    const run = await runPlan(path, p);
    expect(
      [run.value.fileLeft, readdirSync(dir)],
      say('el fichero temporal se quedó en el disco: bórralo al terminar (mejor en un finally)', 'the temporary file was left on disk: delete it at the end (in a finally, ideally)'),
    ).toEqual([false, []]);
  });

  test('no chunks: nothing is written, no file is created, and it ends at once', async () => {
    const path = join(dir, 'vacio.tmp');
    const run = await runPlan(path, { chunks: 0, writeInterval: 0.3, checks: 50, checkInterval: 0.1 });
    expect(run.elapsed).toBe(0);
    expect(run.output.filter((l) => l.startsWith('escribir'))).toEqual([]);
    expect(existsSync(path)).toBe(false);
  });

  test('no checks: the watcher prints nothing and ends at once', async () => {
    const path = join(dir, 'sin-vigilancia.tmp');
    const run = await runPlan(path, { chunks: 2, writeInterval: 0.25, checks: 0, checkInterval: 0.1 });
    expect(run.output).toEqual(['escribir 1', 'escribir 2']);
    expect(run.value.monitor.alive).toBe(false);
    expect(run.elapsed).toBe(0.5);
  });

  test('negative intervals throw ValueError before touching the file or creating threads', async () => {
    const path = join(dir, 'intacto.tmp');
    writeFileSync(path, 'no me toques');
    for (const bad of [{ writeInterval: -0.3, checkInterval: 0.1 }, { writeInterval: 0.3, checkInterval: -1 }]) {
      const run = await simulate(async () => {
        try {
          await runWithMonitor(path, { chunks: 3, checks: 3, ...bad });
          return { error: 'no error', threads: enumerate().length };
        } catch (error) {
          if (!(error instanceof ValueError) && String(error).includes('Not implemented yet')) throw error;
          return { error: error instanceof ValueError ? error.message : String(error), threads: enumerate().length };
        }
      });
      expect(run.value.error, say('un intervalo negativo lanza ValueError: sleep length must be non-negative', 'a negative interval throws ValueError: sleep length must be non-negative'))
        .toBe('sleep length must be non-negative');
      expect(run.value.threads, say('con datos malos no se crea ningún hilo', 'bad input creates no thread')).toBe(1);
      expect(readFileSync(path, 'utf8'), say('con datos malos no se toca el fichero', 'bad input leaves the file alone')).toBe('no me toques');
      expect(run.output).toEqual([]);
    }
  });

  test('checkSize keeps the last size seen when the file disappears', async () => {
    const path = join(dir, 'efimero.tmp');
    const run = await simulate(async () => {
      writeFileSync(path, '111');
      const t = new Thread({ name: 'chequear', target: checkSize, args: [path, 3, 0.1] });
      t.start();
      await sleep(0.15);
      rmSync(path);
      await t.join();
    });
    expect(run.output, say('si el fichero ya no existe, se repite el último tamaño visto', 'when the file no longer exists, the last size seen is repeated'))
      .toEqual(['chequear 1 3 bytes', 'chequear 2 3 bytes', 'chequear 3 3 bytes']);
  });
});
