// Ejercicio 12 · Proceso servidor: Manager / Exercise 12 · Server process: Manager.
// Lee README.md (es) o README.en.md (en). / Read README.md (es) or README.en.md (en).
import * as mp from '#runtime/multiprocessing';

type DictProxy<K = unknown, V = unknown> = mp.DictProxy<K, V>;
type ListProxy<T = unknown> = mp.ListProxy<T>;
type NamespaceProxy = mp.NamespaceProxy;

/** La f del tema: d[1] = '1', d['2'] = 2, d[0.25] = null, y l al revés. / The unit's f: the same, and l reversed. */
export async function seedExample(d: DictProxy, l: ListProxy): Promise<void> {
  void d;
  void l;
  throw new Error('Aún no implementado / Not implemented yet: seedExample');
}

/**
 * El programa del tema: Manager, d vacío, l = 0..9, seedExample en un hijo; copias de d y l.
 * The unit's program: Manager, empty d, l = 0..9, seedExample in a child; copies of d and l.
 */
export async function runSeedExample(): Promise<{ d: Map<unknown, unknown>; l: unknown[] }> {
  throw new Error('Aún no implementado / Not implemented yet: runSeedExample');
}

/**
 * Objetivo de un proceso por facultad: totals[faculty] = suma (céntimos) y una línea en log con la moneda de settings.
 * Target of one process per faculty: totals[faculty] = sum (cents) and a line in log with the currency in settings.
 */
export async function tallyFaculty(
  totals: DictProxy<string, number>,
  log: ListProxy<string>,
  settings: NamespaceProxy,
  faculty: string,
  amounts: number[],
): Promise<void> {
  void totals;
  void log;
  void settings;
  void faculty;
  void amounts;
  throw new Error('Aún no implementado / Not implemented yet: tallyFaculty');
}

/**
 * Manager con totals, log y settings; un proceso por facultad; copias de totals y log.
 * A Manager with totals, log and settings; one process per faculty; copies of totals and log.
 */
export async function tallyAll(
  faculties: Record<string, number[]>,
  currency: string,
): Promise<{ totals: Map<string, number>; log: string[] }> {
  void faculties;
  void currency;
  void mp;
  throw new Error('Aún no implementado / Not implemented yet: tallyAll');
}
