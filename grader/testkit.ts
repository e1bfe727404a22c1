// Helpers for exercise tests: bilingual failure messages.
// Tests write `expect(x, say('mensaje', 'message')).toBe(y)`; the grader sets COURSE_LANG from
// --lang, so a student reading the report sees every message in one language.

import type { RaceWatch } from '../runtime/multiprocessing/races.ts';

export type CourseLang = 'es' | 'en';

/** Reads a language out of a POSIX locale string such as `es_ES.UTF-8`, `en_US`, `C`. */
export function langFromLocale(locale: string | undefined): CourseLang | undefined {
  if (locale === undefined || locale === '') return undefined;
  const lower = locale.toLowerCase();
  if (lower.startsWith('es')) return 'es';
  return 'en';
}

/**
 * The course language: env COURSE_LANG (`es` | `en`), else the system locale
 * (LC_ALL, then LC_MESSAGES, then LANG, the POSIX precedence), else English.
 */
export function courseLang(env: NodeJS.ProcessEnv = process.env): CourseLang {
  const explicit = env['COURSE_LANG']?.trim().toLowerCase();
  if (explicit === 'es' || explicit === 'en') return explicit;
  for (const name of ['LC_ALL', 'LC_MESSAGES', 'LANG']) {
    const lang = langFromLocale(env[name]);
    if (lang !== undefined) return lang;
  }
  return 'en';
}

/** Picks the Spanish or English text according to `courseLang()`. */
export function say(es: string, en: string): string {
  return courseLang() === 'es' ? es : en;
}

// Seeded data for exercise tests: the same on every run, different from the statement's examples, so an answer
// cannot be hard-coded. The generator is the runtime's own (mulberry32, as the schedule explorer uses).
export { prng as seeded } from '../runtime/core/strategy.ts';

/** An integer in [min, max], both included. */
export function intBetween(random: () => number, min: number, max: number): number {
  return min + Math.floor(random() * (max - min + 1));
}

/** `count` distinct integers in [min, max], in random order. */
export function distinctInts(random: () => number, count: number, min: number, max: number): number[] {
  const picked = new Set<number>();
  while (picked.size < count) picked.add(intBetween(random, min, max));
  return [...picked];
}

// Lessons checked from what the runtime saw, not from timing (the same verdict on one core as on two).

/** The diagnosis id of a shared cell written by two processes at once with no lock in common. */
export const UNPROTECTED_SHARED_WRITE = 'unprotected-shared-write';

/**
 * Fails the test when the processes watched wrote shared memory unprotected (see docs/shared-memory.md, "Race
 * detection"): the message names the cell, both processes and the student's line, whatever the OS scheduled.
 */
export function expectNoRaces(watch: RaceWatch, advice: [string, string]): void {
  const [race] = watch.races();
  if (race === undefined) return;
  const where = race.sites.find((site) => site !== null);
  const line = where === undefined || where === null ? '' : ` (${where.replace(/^.*[\\/]/, '')})`;
  const locks = (held: string[]): string => (held.length === 0 ? '-' : held.join('+'));
  throw new Error(say(
    `[${UNPROTECTED_SHARED_WRITE}] ${race.processes[0]} y ${race.processes[1]} escriben ${race.label}${line} a la vez sin un cerrojo común `
      + `(cerrojos tomados: ${locks(race.locks[0])} / ${locks(race.locks[1])}): se pierden actualizaciones aunque esta vez los núcleos no coincidieran. ${advice[0]}`,
    `[${UNPROTECTED_SHARED_WRITE}] ${race.processes[0]} and ${race.processes[1]} write ${race.label}${line} at the same time with no lock in common `
      + `(locks held: ${locks(race.locks[0])} / ${locks(race.locks[1])}): updates get lost even if this time the cores did not collide. ${advice[1]}`,
  ));
}
