// Hidden tests for exercise 12: children write through the proxies (not local copies), every faculty and log
// line arrives, the currency comes from the Namespace, the unit example, the Manager is closed, bad input.
import { afterEach, expect, test } from 'vitest';
import { failLesson, say, seeded as rng } from '#course/kit';
import * as mp from '#runtime/multiprocessing';
import { recordLifecycle, startAfterJoin } from '#runtime/testing';
import { seedExample, tallyAll, tallyFaculty } from './exercise.ts';

/** Where the student's targets live (saves the runtime a search through this file's imports). */
const EXERCISE = new URL('./exercise.ts', import.meta.url);

afterEach(() => {
  for (const child of mp.activeChildren()) child.terminate();
});

const FACULTIES = ['Derecho', 'Medicina', 'Ingeniería', 'Economía', 'Filología', 'Arquitectura', 'Bellas Artes'];

function randomFaculties(seed: number, count: number): Record<string, number[]> {
  const next = rng(seed);
  const names = [...FACULTIES].sort(() => next() - 0.5).slice(0, count);
  return Object.fromEntries(names.map((name) => [name, Array.from({ length: Math.floor(next() * 6) }, () => 100 + Math.floor(next() * 90_000))]));
}

const line = (faculty: string, amounts: number[], currency: string): string =>
  `${faculty}: ${amounts.length} comprobantes, ${(amounts.reduce((a, b) => a + b, 0) / 100).toFixed(2)} ${currency}`;

const LOCAL_COPY = say(
  'el hijo no escribió en el servidor: modificaste una copia local (copy(), un Map o un array propio). Escribe a través del proxy: await totals.set(...), await log.append(...)',
  'the child wrote nothing to the server: you changed a local copy (copy(), your own Map or array). Write through the proxy: await totals.set(...), await log.append(...)');

test('a child process writes through the proxies it receives', async () => {
  await using manager = await mp.Manager();
  const totals = manager.dict<string, number>();
  const log = manager.list<string>();
  const settings = manager.Namespace();
  await settings.set('currency', 'CLP');
  const amounts = [1234, 5678, 90];
  const p = new mp.Process({ target: tallyFaculty, args: [totals, log, settings, 'Química', amounts], targetModule: EXERCISE });
  p.start();
  await p.join(20);
  expect(p.exitcode, say('el proceso de la facultad termina bien', 'the faculty process ends well')).toBe(0);
  const seen = await totals.copy();
  if (seen.size === 0 && (await log.len()) === 0) expect.fail(LOCAL_COPY);
  expect(seen, say('totals[facultad] = suma en céntimos', 'totals[faculty] = sum in cents')).toEqual(new Map([['Química', 7002]]));
  expect(await log.copy(), say('la línea del registro, con la moneda leída de settings',
    'the log line, with the currency read from settings')).toEqual([line('Química', amounts, 'CLP')]);
});

test('tallyAll starts every till before joining any', async () => {
  const { events } = await recordLifecycle(() => tallyAll(randomFaculties(12003, 3), 'EUR'));
  const serial = startAfterJoin(events, 'Process');
  if (serial !== null) {
    failLesson('join-in-start-loop', [
      `tallyAll espera a ${serial.joined} (join) antes de arrancar ${serial.started}: así las cajas trabajan de una en una. Arráncalas todas y después espéralas a todas (dos bucles)`,
      `tallyAll waits for ${serial.joined} (join) before starting ${serial.started}: then the tills work one at a time. Start them all, then join them all (two loops)`]);
  }
});

test('every faculty and every log line arrive, with the right currency, and the Manager is closed', async () => {
  const faculties = randomFaculties(12001, 4);
  const currency = ['EUR', 'USD', 'MXN', 'ARS'][Math.floor(rng(12002)() * 4)] as string;
  let shutdowns = 0;
  const proto = mp.SyncManager.prototype;
  const { shutdown } = proto;
  proto.shutdown = function (this: mp.SyncManager) {
    shutdowns += 1;
    return shutdown.call(this);
  };
  let result: Awaited<ReturnType<typeof tallyAll>>;
  try {
    result = await tallyAll(faculties, currency);
  } finally {
    proto.shutdown = shutdown;
  }
  const { totals, log } = result;
  if (totals.size === 0 && log.length === 0) expect.fail(LOCAL_COPY);
  expect(totals, say('un total exacto por facultad', 'one exact total per faculty')).toEqual(
    new Map(Object.entries(faculties).map(([f, a]) => [f, a.reduce((x, y) => x + y, 0)])));
  expect([...log].sort(), say(`una línea por facultad, con la moneda de settings (${currency})`,
    `one line per faculty, with the currency from settings (${currency})`)).toEqual(
    Object.entries(faculties).map(([f, a]) => line(f, a, currency)).sort());
  expect(shutdowns, say('tallyAll debe cerrar su Manager al terminar (await using manager = await mp.Manager(), o shutdown() en un finally)',
    'tallyAll must shut its Manager down when it ends (await using manager = await mp.Manager(), or shutdown() in a finally)')).toBeGreaterThan(0);
  expect(mp.activeChildren(), say('al volver tallyAll no queda vivo ningún hijo', 'when tallyAll returns no child is alive')).toEqual([]);
});

test('the unit example through the student\'s seedExample, with a random list', async () => {
  const next = rng(12003);
  const items = Array.from({ length: 8 }, () => Math.floor(next() * 100));
  await using manager = await mp.Manager();
  const d = manager.dict();
  const l = manager.list(items);
  const p = new mp.Process({ target: seedExample, args: [d, l], targetModule: EXERCISE });
  p.start();
  await p.join(20);
  expect(p.exitcode, say('el proceso hijo con seedExample termina bien (mira su traza arriba)',
    'the child process running seedExample ends well (see its traceback above)')).toBe(0);
  const dict = await d.copy();
  if (dict.size === 0) expect.fail(LOCAL_COPY);
  expect([...dict], say("d: {1: '1', '2': 2, 0.25: None}", "d: {1: '1', '2': 2, 0.25: None}")).toEqual([[1, '1'], ['2', 2], [0.25, null]]);
  expect(await l.copy(), say('l al revés (l.reverse() en el servidor)', 'l reversed (l.reverse() on the server)')).toEqual([...items].reverse());
});

/**
 * Reads a proxy right after `fn` returned: a proxy call `fn` made without await is still waiting then, and the
 * runtime refuses the read ("already waiting"), the same in every run.
 */
async function afterReturn<T>(fn: string, read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    const pending = error instanceof Error ? /already waiting \(in (\w+\.\w+\(\))\)/.exec(error.message) : null;
    if (pending === null) throw error;
    failLesson('missing-await', [
      `${fn} volvió con ${pending[1]} aún en marcha: una llamada a un proxy hecha sin await. Cada llamada a un proxy viaja al servidor del Manager y hay que esperarla: await`,
      `${fn} returned with ${pending[1]} still running: a proxy call made without await. Every proxy call travels to the Manager's server and must be awaited: await`],
    ['await d.set(...), await l.reverse(), await totals.set(...), await log.append(...): todas con await, también la última.',
      'await d.set(...), await l.reverse(), await totals.set(...), await log.append(...): all with await, the last one too.']);
  }
}

test('seedExample and tallyFaculty called in this process, every proxy call awaited', async () => {
  // Nothing forbids calling them without a child process: they only use the proxies they are given.
  await using manager = await mp.Manager();
  const d = manager.dict();
  const l = manager.list([1, 2, 3]);
  await seedExample(d, l);
  expect(await afterReturn('seedExample', () => l.copy()), say('l al revés', 'l reversed')).toEqual([3, 2, 1]);
  expect([...await d.copy()], say("d: {1: '1', '2': 2, 0.25: None}", "d: {1: '1', '2': 2, 0.25: None}")).toEqual([[1, '1'], ['2', 2], [0.25, null]]);
  const totals = manager.dict<string, number>();
  const log = manager.list<string>();
  const settings = manager.Namespace();
  await settings.set('currency', 'EUR');
  await tallyFaculty(totals, log, settings, 'Derecho', [100, 250]);
  expect(await afterReturn('tallyFaculty', () => log.copy()), say('la línea del registro', 'the log line')).toEqual([line('Derecho', [100, 250], 'EUR')]);
  expect(await totals.copy(), say('totals[facultad] = suma en céntimos', 'totals[faculty] = sum in cents')).toEqual(new Map([['Derecho', 350]]));
});

test('tallyAll of no faculties, and of a faculty with no receipts', async () => {
  const empty = await tallyAll({}, 'EUR');
  expect(empty, say('sin facultades: Map vacío y registro vacío', 'no faculties: empty Map and empty log'))
    .toEqual({ totals: new Map(), log: [] });
  const none = await tallyAll({ Filosofía: [] }, 'EUR');
  expect(none, say('una facultad sin comprobantes: total 0', 'a faculty with no receipts: total 0'))
    .toEqual({ totals: new Map([['Filosofía', 0]]), log: ['Filosofía: 0 comprobantes, 0.00 EUR'] });
});
