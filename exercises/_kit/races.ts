// Races between processes, judged from the locks held at each write (runtime/multiprocessing/races.ts), not
// from lost updates: the same verdict on one core, two cores or beside a CPU hog.
import type { RaceWatch } from '../../runtime/multiprocessing/races.ts';
import { say } from './lang.ts';

/** The diagnosis id of a shared cell written by two processes at once with no lock in common. */
export const UNPROTECTED_SHARED_WRITE = 'unprotected-shared-write';

/**
 * Fails the test when the processes watched wrote shared memory unprotected (docs/shared-memory.md, "Race
 * detection"): the message names the cell, both processes and the student's line, then gives `advice`.
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
