// Exercise 12 · Server process: Manager — reference solution.
import * as mp from '#runtime/multiprocessing';

type DictProxy<K = unknown, V = unknown> = mp.DictProxy<K, V>;
type ListProxy<T = unknown> = mp.ListProxy<T>;
type NamespaceProxy = mp.NamespaceProxy;

/** The unit's f(d, l): every call goes to the manager's server process, where the real dict and list live. */
export async function seedExample(d: DictProxy, l: ListProxy): Promise<void> {
  await d.set(1, '1');
  await d.set('2', 2);
  await d.set(0.25, null);
  await l.reverse();
}

export async function runSeedExample(): Promise<{ d: Map<unknown, unknown>; l: unknown[] }> {
  await using manager = await mp.Manager(); // Python's `with Manager() as manager:` (shut down on exit)
  const d = manager.dict();
  const l = manager.list(Array.from({ length: 10 }, (_, i) => i));
  const p = new mp.Process({ target: seedExample, args: [d, l] });
  p.start();
  await p.join();
  return { d: await d.copy(), l: await l.copy() };
}

/** One faculty's till, in its own process: writes go through the proxies, never into local copies. */
export async function tallyFaculty(
  totals: DictProxy<string, number>,
  log: ListProxy<string>,
  settings: NamespaceProxy,
  faculty: string,
  amounts: number[],
): Promise<void> {
  const sum = amounts.reduce((a, b) => a + b, 0);
  const currency = await settings.get('currency');
  await totals.set(faculty, sum);
  await log.append(`${faculty}: ${amounts.length} comprobantes, ${(sum / 100).toFixed(2)} ${String(currency)}`);
}

export async function tallyAll(
  faculties: Record<string, number[]>,
  currency: string,
): Promise<{ totals: Map<string, number>; log: string[] }> {
  await using manager = await mp.Manager();
  const totals = manager.dict<string, number>();
  const log = manager.list<string>();
  const settings = manager.Namespace();
  await settings.set('currency', currency);
  const processes = Object.entries(faculties).map(
    ([faculty, amounts]) => new mp.Process({ target: tallyFaculty, args: [totals, log, settings, faculty, amounts] }),
  );
  for (const p of processes) p.start();
  for (const p of processes) await p.join();
  return { totals: await totals.copy(), log: await log.copy() };
}
