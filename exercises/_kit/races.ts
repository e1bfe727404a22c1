// Races between processes, judged from the locks held at each write (runtime/multiprocessing/races.ts), not
// from lost updates: the same verdict on one core, two cores or beside a CPU hog. The failure is an error of
// its own (SharedWriteRaceError) that the diagnosis `unprotected-shared-write` renders in both languages.
import type { RaceWatch, SharedWriteRace } from '#runtime/testing';
import { say } from './lang.ts';

/** The diagnosis id of a shared cell written by two processes at once with no lock in common. */
export const UNPROTECTED_SHARED_WRITE = 'unprotected-shared-write';

/** What the race looks like in the student's terms, in both languages (also used by the diagnosis). */
export function describeRace(race: SharedWriteRace): { es: string; en: string } {
  const short = (site: string | null): string | null => (site === null ? null : site.replace(/^.*[\\/]/, ''));
  const [first, second] = race.sites.map(short);
  // Both writers' lines: usually the same line run by both processes, said once.
  const line = first === null && second === null ? '' : first === second || second === null ? ` (${first})`
    : first === null ? ` (${second})` : ` (${first}, ${second})`;
  const [a, b] = race.processes;
  const [heldA, heldB] = race.locks.map((held) => held.length > 0);
  const locks: [string, string] = heldA && heldB
    ? ['cada uno tiene tomado un cerrojo distinto: un cerrojo por proceso no protege nada', 'each holds a different lock: one lock per process protects nothing']
    : !heldA && !heldB ? ['ninguno tiene un cerrojo tomado', 'neither holds a lock']
      : [`${heldA ? b : a} no tiene ningún cerrojo tomado`, `${heldA ? b : a} holds no lock`];
  return {
    es: `${a} y ${b} escriben ${race.label}${line} a la vez sin un cerrojo común (${locks[0]}): se pierden actualizaciones aunque esta vez los núcleos no coincidieran.`,
    en: `${a} and ${b} write ${race.label}${line} at the same time with no lock in common (${locks[1]}): updates get lost even if this time the cores did not collide.`,
  };
}

/** The failure of a race check; its fields travel with the error to the diagnosis layer. */
export class SharedWriteRaceError extends Error {
  override name = 'SharedWriteRaceError';
  readonly race: SharedWriteRace;
  readonly advice: { es: string; en: string };

  constructor(race: SharedWriteRace, advice: [string, string]) {
    const text = describeRace(race);
    super(`[${UNPROTECTED_SHARED_WRITE}] ${say(`${text.es} ${advice[0]}`, `${text.en} ${advice[1]}`)}`);
    this.race = race;
    this.advice = { es: advice[0], en: advice[1] };
  }
}

/**
 * Fails the test when the processes watched wrote shared memory unprotected (docs/shared-memory.md, "Race
 * detection"): the message names the cell, both processes and the student's lines, then gives `advice`.
 */
export function expectNoRaces(watch: RaceWatch, advice: [string, string]): void {
  const [race] = watch.races();
  if (race !== undefined) throw new SharedWriteRaceError(race, advice);
}
