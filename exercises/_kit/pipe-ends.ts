// Two threads inside recv() on one Pipe end at once, judged from who waits where (race detection in
// runtime/multiprocessing/connection.ts), not from torn messages: green threads never tear one, CPython's
// threads do (their reads interleave). The failure is an error of its own (SharedPipeEndError) that the diagnosis
// `shared-pipe-end` renders in both languages.
import type { RaceWatch, SharedPipeEnd } from '#runtime/testing';
import { say } from './lang.ts';

/** The diagnosis id of one Connection end used by two threads at the same time. */
export const SHARED_PIPE_END = 'shared-pipe-end';

/** What the sharing looks like in the student's terms, in both languages (also used by the diagnosis). */
export function describeSharedEnd(shared: SharedPipeEnd): { es: string; en: string } {
  const short = (site: string | null): string | null => (site === null ? null : site.replace(/^.*[\\/]/, ''));
  const [first, second] = shared.sites.map(short);
  const line = first === null && second === null ? '' : first === second || second === null ? ` (${first})`
    : first === null ? ` (${second})` : ` (${first}, ${second})`;
  const [a, b] = shared.threads;
  const end = shared.end.writable
    ? ['un extremo de una tubería de dos sentidos', 'one end of a two-way pipe']
    : ['el extremo de lectura de la tubería', "the pipe's reading end"];
  return {
    es: `${b} llamó a recv()${line} en ${end[0]} mientras ${a} seguía esperando en recv() en ese mismo extremo: `
      + 'dos hilos leyendo a la vez de un extremo. Aquí no se nota, pero en Python sus lecturas se mezclan y cada uno '
      + 'recibe trozos del mensaje del otro (UnpicklingError, EOFError o un objeto equivocado).',
    en: `${b} called recv()${line} on ${end[1]} while ${a} was still waiting in recv() on that same end: two threads `
      + "reading one end at once. Here it goes unnoticed, but in Python their reads interleave and each gets pieces of "
      + "the other's message (UnpicklingError, EOFError or a wrong object).",
  };
}

/** The failure of a shared-end check; its fields travel with the error to the diagnosis layer. */
export class SharedPipeEndError extends Error {
  override name = 'SharedPipeEndError';
  readonly shared: SharedPipeEnd;
  readonly advice: { es: string; en: string };

  constructor(shared: SharedPipeEnd, advice: [string, string]) {
    const text = describeSharedEnd(shared);
    super(`[${SHARED_PIPE_END}] ${say(`${text.es} ${advice[0]}`, `${text.en} ${advice[1]}`)}`);
    this.shared = shared;
    this.advice = { es: advice[0], en: advice[1] };
  }
}

/** Fails the test when two threads were inside recv() on one Connection end at once since `watch` began. */
export function expectOwnPipeEnds(watch: RaceWatch, advice: [string, string]): void {
  const [shared] = watch.sharedEnds();
  if (shared !== undefined) throw new SharedPipeEndError(shared, advice);
}
