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
  throw new Error(say(
    `[${UNPROTECTED_SHARED_WRITE}] ${a} y ${b} escriben ${race.label}${line} a la vez sin un cerrojo común (${locks[0]}): `
      + `se pierden actualizaciones aunque esta vez los núcleos no coincidieran. ${advice[0]}`,
    `[${UNPROTECTED_SHARED_WRITE}] ${a} and ${b} write ${race.label}${line} at the same time with no lock in common (${locks[1]}): `
      + `updates get lost even if this time the cores did not collide. ${advice[1]}`,
  ));
}
