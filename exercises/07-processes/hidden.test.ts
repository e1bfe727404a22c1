// Hidden tests for exercise 07: the work happens in the children, they overlap, failures are not ignored,
// the module is safe to re-import in a child, and threads (unlike processes) take turns on CPU work.
import { afterEach, expect, test } from 'vitest';
import { expectLesson, failLesson, say, seeded as rng } from '#course/kit';
import * as mp from '#runtime/multiprocessing';
import { recordLifecycle, simulate, startAfterJoin } from '#runtime/testing';
import { enumerate } from '#runtime/threading';
import { burn, burnWithProcesses, burnWithThreads, checkAll, stats } from './exercise.ts';
import { expectArgsList, expectMainGuard, expectTargetPassed } from './support.ts';

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

function receiptIds(seed: number, valid: number, invalid: number): { ids: number[]; bad: number[] } {
  const next = rng(seed);
  const good = Array.from({ length: valid }, () => 1000 + Math.floor(next() * 9000));
  const badPool = [0, -Math.ceil(next() * 50), Math.round(next() * 100) + 0.5];
  const bad = badPool.slice(0, invalid);
  const ids = [...good];
  for (const b of bad) ids.splice(Math.floor(next() * (ids.length + 1)), 0, b);
  return { ids, bad: ids.filter((id) => bad.includes(id)) };
}

/** Records the order of start() and join() calls on every Process. */
async function recordingCalls<T>(fn: () => Promise<T>): Promise<{ value: T; calls: string[] }> {
  const calls: string[] = [];
  const proto = mp.Process.prototype;
  const { start, join } = proto;
  proto.start = function (this: mp.Process) {
    calls.push('start');
    return start.call(this);
  };
  proto.join = function (this: mp.Process, timeout?: number | null) {
    calls.push('join');
    return join.call(this, timeout);
  };
  try {
    return { value: await fn(), calls };
  } finally {
    proto.start = start;
    proto.join = join;
  }
}

test('every receipt line is printed by its own child, and only that line', async () => {
  const { ids } = receiptIds(7001, 3, 0);
  const before = stats.checkedHere;
  const { value, output } = await simulate(() => checkAll(ids));
  expectMainGuard(output);
  if (stats.checkedHere !== before || output.some((l) => l.includes('por MainProcess'))) {
    failLesson('work-in-wrong-thread', [
      'checkReceipt se ejecutó en el proceso principal: pasa la función como target (target: checkReceipt, args: [id]) en vez de llamarla',
      'checkReceipt ran in the main process: pass the function as target (target: checkReceipt, args: [id]) instead of calling it']);
  }
  const me = mp.currentProcess().pid;
  const expected = value.children.map((c) => `Comprobante ${c.id} validado por ${c.name} (pid ${c.pid}, padre ${me})`);
  const lines = output.filter((l) => l.startsWith('Comprobante '));
  expect([...lines].sort(), say('una línea por comprobante, de su propio hijo (nombre, pid y pid del padre)',
    'one line per receipt, from its own child (name, pid and parent pid)')).toEqual([...expected].sort());
  expect(new Set(value.children.map((c) => c.name)).size, say('cada comprobante en un proceso distinto',
    'each receipt in a different process')).toBe(ids.length);
  const counts = new Map<string, number>();
  for (const l of output) if (!l.startsWith('Comprobante ')) counts.set(l, (counts.get(l) ?? 0) + 1);
  const repeated = [...counts].filter(([, n]) => n >= ids.length).map(([l]) => l);
  expect(repeated, say(
    'cada hijo imprimió además estas líneas: hay código de nivel superior sin guarda que se repite en cada hijo (cada hijo vuelve a importar el módulo)',
    'every child also printed these lines: there is unguarded top-level code that runs again in every child (each child imports the module again)'))
    .toEqual([]);
});

test('all children are started before waiting for the first one', async () => {
  const { ids } = receiptIds(7003, 2, 0);
  const { calls } = await recordingCalls(() => simulate(() => checkAll(ids)));
  const firstJoin = calls.indexOf('join');
  const starts = calls.filter((c) => c === 'start').length;
  expect(starts, say('un start() por comprobante', 'one start() per receipt')).toBe(ids.length);
  expect(firstJoin === -1 ? starts : calls.slice(0, firstJoin).filter((c) => c === 'start').length, say(
    'esperas a cada hijo antes de arrancar el siguiente: así no trabajan a la vez. Arráncalos todos y después espéralos a todos',
    'you wait for each child before starting the next: then they never work at the same time. Start them all, then join them all'))
    .toBe(ids.length);
  expect(mp.activeChildren(), say('ningún hijo debe seguir vivo cuando checkAll termina (¿falta un join?)',
    'no child may be alive when checkAll returns (a missing join?)')).toEqual([]);
});

test('failed lists exactly the receipts whose child failed', async () => {
  const { ids, bad } = receiptIds(7004, 1, 2);
  const { value, output } = await simulate(() => checkAll(ids));
  expectMainGuard(output);
  expect(value.children.map((c) => c.id), say('un informe por comprobante, en el orden de ids',
    'one report per receipt, in the order of ids')).toEqual(ids);
  for (const c of value.children) {
    expect(c.exitcode, say(`código de salida del hijo de ${c.id} (0 si es un entero positivo, 1 si lanzó)`,
      `exit code of the child of ${c.id} (0 for a positive integer, 1 if it threw)`)).toBe(bad.includes(c.id) ? 1 : 0);
  }
  if (value.failed.length === 0) {
    failLesson('error-swallowed', [
      `failed está vacío, pero los hijos de ${bad.join(', ')} terminaron con código 1: el error de un hijo solo llega al padre como exitcode, y no lo estás mirando. failed son los ids cuyo hijo tiene exitcode !== 0`,
      `failed is empty, but the children of ${bad.join(', ')} ended with exit code 1: a child's error reaches the parent only as its exitcode, and you are not looking at it. failed is the ids whose child has exitcode !== 0`]);
  }
  expect(value.failed, say('failed: exactamente los comprobantes con exitcode distinto de 0, en el orden de ids',
    'failed: exactly the receipts with a non-zero exitcode, in the order of ids')).toEqual(bad);
});

/** burn's result as the exercise gives it: `steps` steps of the same mixing loop. */
function burnResult(steps: number): number {
  let x = 0;
  for (let i = 0; i < steps; i++) x = (x * 31 + i) % 1_000_003;
  return x;
}

/** burn is given code: one step more or fewer in its loop changes its result, not its lines. */
async function expectGivenBurn(): Promise<void> {
  const { value } = await simulate(() => burn(2));
  for (const steps of [199_999, 200_001]) {
    expectLesson(value !== burnResult(steps), 'wrong-count', [
      `burn(2) dio ${steps} pasos en vez de 200000: el bucle ya escrito va de i = 0 a i < n * 100_000. Déjalo como venía`,
      `burn(2) made ${steps} steps instead of 200000: the given loop goes from i = 0 to i < n * 100_000. Leave it as it came`]);
  }
  expect(value, say('burn es código ya escrito: devuelve el resultado de su bucle, déjalo como venía',
    'burn is given code: it returns the result of its loop, leave it as it came')).toBe(burnResult(200_000));
}

test('CPU-bound threads take turns: each burn ends before the next one starts', async () => {
  await expectGivenBurn();
  const next = rng(7006);
  const rounds = [1 + Math.floor(next() * 3), 1 + Math.floor(next() * 3), 1 + Math.floor(next() * 3)];
  const { output, elapsed } = await simulate(() => burnWithThreads(rounds));
  const lines = output.filter((l) => / (empieza|termina) \d+$/.test(l));
  expect(lines.length, say('dos líneas (empieza/termina) por trabajo', 'two lines (empieza/termina) per job'))
    .toBe(2 * rounds.length);
  const threads = new Set<string>();
  for (let i = 0; i < lines.length; i += 2) {
    const [, who = '', , n = ''] = / ?(.*) (empieza|termina) (\d+)$/.exec(lines[i] as string) ?? [];
    expect(who, say('los trabajos se ejecutan en hilos Thread-N del proceso principal, no en MainThread',
      'the jobs run in Thread-N threads of the main process, not in MainThread')).toMatch(/^MainProcess\/Thread-\d+/);
    expect(lines[i + 1], say(
      'con hilos, un trabajo de CPU sin await empieza y termina sin que otro hilo se cuele (nuestro GIL)',
      'with threads, a CPU job with no await starts and ends with no other thread in between (our GIL)'))
      .toBe(`${who} termina ${n}`);
    threads.add(who);
  }
  expect(threads.size, say('un hilo distinto por trabajo', 'a different thread per job')).toBe(rounds.length);
  expect(elapsed, say('el trabajo de CPU no consume tiempo virtual', 'CPU work takes no virtual time')).toBe(0);
});

test('burnWithThreads starts every thread before joining any, and returns only when all have ended', async () => {
  const { value: { value: alive }, events } = await recordLifecycle(() => simulate(async () => {
    await burnWithThreads([1, 2, 1]);
    return enumerate().map((t) => t.name).filter((name) => name !== 'MainThread');
  }));
  const serial = startAfterJoin(events, 'Thread');
  if (serial !== null) {
    failLesson('join-in-start-loop', [
      `burnWithThreads espera a ${serial.joined} (join) antes de arrancar ${serial.started}: arráncalos todos y después espéralos a todos (dos bucles)`,
      `burnWithThreads waits for ${serial.joined} (join) before starting ${serial.started}: start them all, then join them all (two loops)`]);
  }
  if (alive.length > 0) {
    failLesson('missing-join', [
      `burnWithThreads volvió con ${alive.join(', ')} aún vivos: espera a cada hilo (await t.join()) antes de volver`,
      `burnWithThreads returned with ${alive.join(', ')} still alive: wait for every thread (await t.join()) before returning`]);
  }
});

test('burnWithProcesses gives each job its own child process', async () => {
  const { value: { value: alive, output }, events } = await recordLifecycle(() => simulate(async () => {
    await burnWithProcesses([1, 2]);
    return mp.activeChildren().map((child) => child.name);
  }));
  expectMainGuard(output);
  expectTargetPassed(output, 'burn(r)');
  expectArgsList(output, 'proceso');
  // Children still running when it returned, and no join() called on any: nobody waited for them.
  const joined = events.some((event) => event.kind === 'join' && event.what === 'Process');
  expectLesson(alive.length === 0 || joined, 'missing-join', [
    `burnWithProcesses volvió con ${alive.join(', ')} todavía en marcha y sin llamar a join(): espera a cada proceso (await p.join()) después de arrancarlos todos`,
    `burnWithProcesses returned with ${alive.join(', ')} still running and without calling join(): wait for each process (await p.join()) after starting them all`]);
  const serial = startAfterJoin(events, 'Process');
  if (serial !== null) {
    expect.fail(say(
      `burnWithProcesses espera a ${serial.joined} (join) antes de arrancar ${serial.started}: así los procesos nunca trabajan a la vez. Arráncalos todos y después espéralos a todos (dos bucles)`,
      `burnWithProcesses waits for ${serial.joined} (join) before starting ${serial.started}: then the processes never work at the same time. Start them all, then join them all (two loops)`));
  }
  const starts = output.filter((l) => l.includes(' empieza '));
  expect(starts.length, say('burn se ejecuta una vez por trabajo', 'burn runs once per job')).toBe(2);
  const who = starts.map((l) => l.split('/')[0]);
  for (const name of who) {
    expect(name, say('cada trabajo en un proceso hijo, no en MainProcess', 'each job in a child process, not in MainProcess'))
      .not.toBe('MainProcess');
  }
  expect(new Set(who).size, say('un proceso distinto por trabajo', 'a different process per job')).toBe(2);
  expect(output.filter((l) => l.includes(' termina ')).length, say('todos los trabajos terminan antes de volver (join)',
    'every job ends before returning (join)')).toBe(2);
});

test('the burn functions and checkAll accept empty lists', async () => {
  const { value, output } = await simulate(async () => {
    await burnWithThreads([]);
    await burnWithProcesses([]);
    return checkAll([]);
  });
  expect(value, say('checkAll([]) → { children: [], failed: [] }', 'checkAll([]) → { children: [], failed: [] }'))
    .toEqual({ children: [], failed: [] });
  expect(output, say('con listas vacías no se ejecuta ningún trabajo', 'with empty lists no job runs')).toEqual([]);
});
