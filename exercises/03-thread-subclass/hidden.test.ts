// Hidden tests for exercise 03: random students and receipts from fixed seeds, a store that notes which thread
// runs it and when, and checks that every uploader keeps state of its own.
import { describe, test, expect } from 'vitest';
import { say } from '#grader/testkit';
import { simulate } from '#runtime/testing';
import { Thread, currentThread, mainThread } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { ReceiptUploader, uploadAll } from './exercise.ts';
import { intBetween, seeded } from './support.ts';

interface StoreCall {
  receipt: string;
  thread: Thread;
  inMain: boolean;
  at: number;
}

/** A store that takes `seconds` and notes who called it and when. */
function recordingStore(seconds: number) {
  const calls: StoreCall[] = [];
  async function store(receipt: string): Promise<void> {
    const thread = currentThread();
    calls.push({ receipt, thread, inMain: thread === mainThread(), at: monotonic() });
    await sleep(seconds);
  }
  return { calls, store };
}

const KINDS = ['matricula', 'tasas', 'seguro', 'residencia', 'transporte', 'comedor'];

/** Random students with 0-4 receipts each, named so every receipt is unique. */
function batches(seed: number, students: number): Record<string, string[]> {
  const random = seeded(seed);
  const out: Record<string, string[]> = {};
  for (let i = 0; i < students; i++) {
    const student = `e${intBetween(random, 10000, 99999)}`;
    const count = intBetween(random, i === 0 ? 1 : 0, 4);
    out[student] = Array.from({ length: count }, (_, k) => `${student}-${KINDS[intBetween(random, 0, KINDS.length - 1)]}-${k}.pdf`);
  }
  return out;
}

const SHARED_STATE_ES =
  'los uploaders comparten estado: `uploaded` debe ser de cada instancia (un campo inicializado en la instancia), ' +
  'no un `static`, una variable del módulo ni un array por defecto compartido';
const SHARED_STATE_EN =
  'the uploaders share state: `uploaded` must belong to each instance (a field initialised on the instance), ' +
  'not a `static`, a module variable or a shared default array';

describe('03 · hidden', () => {
  test('store runs in the uploader own thread, never in MainThread', async () => {
    const { calls, store } = recordingStore(2);
    const data = batches(31, 4);
    const run = await simulate(async () => {
      const uploaders = Object.entries(data).map(([s, r]) => new ReceiptUploader(s, r, store));
      let failure: unknown = null;
      try {
        for (const u of uploaders) u.start();
        for (const u of uploaders) await u.join();
      } catch (error) {
        failure = error; // looked at after the MainThread check, which explains it better
      }
      return { uploaders, failure };
    });
    const inMain = calls.filter((c) => c.inMain);
    expect(
      inMain.map((c) => c.receipt),
      say(
        'store se ejecutó en MainThread: el trabajo va en `run()`, que lo ejecuta el hilo nuevo; no sobrescribas `start()`',
        'store ran in MainThread: the work goes in `run()`, which the new thread runs; do not override `start()`',
      ),
    ).toEqual([]);
    if (run.value.failure !== null) throw run.value.failure;
    const total = Object.values(data).flat().length;
    expect(calls.length, say(`se esperaban ${total} llamadas a store`, `expected ${total} calls to store`)).toBe(total);
    for (const u of run.value.uploaders) {
      const own = calls.filter((c) => data[u.student]?.includes(c.receipt));
      expect(
        own.every((c) => c.thread === u),
        say(`los comprobantes de ${u.student} deben guardarse desde su propio hilo (${u.name})`, `${u.student}'s receipts must be stored from its own thread (${u.name})`),
      ).toBe(true);
    }
  });

  test('calling run() directly does the work in the calling thread', async () => {
    const { calls, store } = recordingStore(2);
    const run = await simulate(async () => {
      const u = new ReceiptUploader('directo', ['x.pdf', 'y.pdf'], store);
      await u.run();
      return { uploaded: [...u.uploaded], alive: u.isAlive() };
    });
    expect(
      run.value.uploaded,
      say(
        '`run()` no hizo el trabajo: sobrescribe `run()` (no `start()`); `start()` solo arranca el hilo, que llama a `run()`',
        '`run()` did not do the work: override `run()` (not `start()`); `start()` only starts the thread, which calls `run()`',
      ),
    ).toEqual(['x.pdf', 'y.pdf']);
    expect(calls.every((c) => c.inMain), say('llamado directamente, run() trabaja en el hilo que lo llama', 'called directly, run() works in the calling thread'))
      .toBe(true);
    expect(run.value.alive, say('llamar a run() no arranca ningún hilo', 'calling run() starts no thread')).toBe(false);
    expect(run.elapsed).toBe(4);
  });

  test('each uploader keeps its own uploaded list', async () => {
    const { store } = recordingStore(1);
    const data = batches(47, 5);
    const run = await simulate(async () => {
      const all = await uploadAll(data, store);
      return all.map((u) => ({ student: u.student, uploaded: [...u.uploaded], list: u.uploaded }));
    });
    for (const u of run.value) {
      expect(u.uploaded, say(`${SHARED_STATE_ES} (mira ${u.student})`, `${SHARED_STATE_EN} (look at ${u.student})`)).toEqual(data[u.student]);
    }
    const lists = new Set(run.value.map((u) => u.list));
    expect(lists.size, say(SHARED_STATE_ES, SHARED_STATE_EN)).toBe(run.value.length);
  });

  test('a new uploader starts empty after other uploaders have run', async () => {
    const run = await simulate(async () => {
      const first = new ReceiptUploader('primera', ['p1.pdf', 'p2.pdf'], () => undefined);
      first.start();
      await first.join();
      const second = new ReceiptUploader('segunda', [], () => undefined);
      return { first: [...first.uploaded], second: [...second.uploaded] };
    });
    expect(run.value.first).toEqual(['p1.pdf', 'p2.pdf']);
    expect(run.value.second, say(SHARED_STATE_ES, SHARED_STATE_EN)).toEqual([]);
  });

  test('one student receipts go one after another while students overlap', async () => {
    const seconds = 2;
    const { calls, store } = recordingStore(seconds);
    const data = batches(59, 6);
    const run = await simulate(() => uploadAll(data, store));
    const longest = Math.max(...Object.values(data).map((r) => r.length));
    for (const [student, receipts] of Object.entries(data)) {
      const times = receipts.map((r) => calls.find((c) => c.receipt === r)?.at);
      expect(
        times,
        say(
          `los comprobantes de ${student} deben guardarse en orden, uno tras otro (a los 0, 2, 4... s): espera cada store con await`,
          `${student}'s receipts must be stored in order, one after another (at 0, 2, 4... s): await each store`,
        ),
      ).toEqual(receipts.map((_, k) => k * seconds));
    }
    expect(
      run.elapsed,
      say(
        `los estudiantes deben solaparse: ${longest * seconds} s (el que más comprobantes tiene), no la suma`,
        `students must overlap: ${longest * seconds} s (the one with most receipts), not the sum`,
      ),
    ).toBe(longest * seconds);
  });

  test('uploaded grows right after each store', async () => {
    const run = await simulate(async () => {
      const u = new ReceiptUploader('ana', ['a.pdf', 'b.pdf', 'c.pdf'], () => sleep(2));
      u.start();
      await sleep(3);
      const midway = [...u.uploaded];
      await u.join();
      return midway;
    });
    expect(
      run.value,
      say('a los 3 s ya se ha guardado el primer comprobante: añádelo a uploaded justo después de guardarlo', 'at 3 s the first receipt is stored: append it to uploaded right after storing it'),
    ).toEqual(['a.pdf']);
  });

  test('the receipts list given to the constructor is not modified', async () => {
    const receipts = Object.freeze(['r1.pdf', 'r2.pdf']);
    const run = await simulate(async () => {
      const u = new ReceiptUploader('ana', receipts, () => undefined);
      u.start();
      await u.join();
      return [...u.uploaded];
    });
    expect(run.value, say('no modifiques la lista recibida: recórrela o cópiala', 'do not modify the list you are given: walk it or copy it')).toEqual(['r1.pdf', 'r2.pdf']);
    expect(receipts).toEqual(['r1.pdf', 'r2.pdf']);
  });

  test('an uploader without receipts ends at once with nothing uploaded', async () => {
    const run = await simulate(async () => {
      const u = new ReceiptUploader('nadie', [], () => sleep(2));
      u.start();
      await u.join();
      return { uploaded: [...u.uploaded], alive: u.isAlive() };
    });
    expect(run.value).toEqual({ uploaded: [], alive: false });
    expect(run.elapsed).toBe(0);
  });

  test('uploadAll with no students returns an empty list at once', async () => {
    const run = await simulate(() => uploadAll({}, () => sleep(2)));
    expect(run.value).toEqual([]);
    expect(run.elapsed).toBe(0);
  });

  test('uploadAll returns finished uploaders in key order', async () => {
    const data = batches(71, 5);
    const run = await simulate(async () => {
      const all = await uploadAll(data, () => sleep(0.5));
      return all.map((u) => ({ student: u.student, name: u.name, alive: u.isAlive(), isUploader: u instanceof ReceiptUploader }));
    });
    expect(run.value).toEqual(
      Object.keys(data).map((student) => ({ student, name: `upload-${student}`, alive: false, isUploader: true })),
    );
    expect(run.unjoined, say('uploadAll debe esperar a todos los hilos', 'uploadAll must wait for every thread')).toEqual([]);
  });

  test('a failing store ends only that uploader', async () => {
    const run = await simulate(async () => {
      const all = await uploadAll(
        { ana: ['a1.pdf', 'roto.pdf', 'a3.pdf'], luis: ['l1.pdf', 'l2.pdf'] },
        async (receipt) => {
          await sleep(1);
          if (receipt === 'roto.pdf') throw new Error('almacenamiento caído');
        },
      );
      return all.map((u) => [...u.uploaded]);
    });
    expect(run.value, say('el comprobante que falla no se añade y el otro estudiante termina igual', 'the failing receipt is not added and the other student still finishes'))
      .toEqual([['a1.pdf'], ['l1.pdf', 'l2.pdf']]);
    expect(run.output.some((l) => l.includes('Exception in thread upload-ana'))).toBe(true);
  });
});
