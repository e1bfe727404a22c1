// simulate() found every live thread blocked with nothing to wake them (a wait-for cycle), or threads left
// blocked forever after the main thread ended. The runtime's DeadlockError carries the report: each thread's
// call, the student's line and who holds what it waits for.
import { basename } from 'node:path';
import { text, type Diagnosis, type ErrorLike } from '../diagnosis.ts';

interface BlockedThread {
  name: string;
  what: string;
  site: string | null;
  holder: string | null;
}

interface Report {
  kind: 'deadlock' | 'missing-join';
  threads: BlockedThread[];
  cycle: string[] | null;
}

function reportOf(error: ErrorLike): Report | null {
  const report = error['report'] as Partial<Report> | undefined;
  if (error.name !== 'DeadlockError' || report === undefined || !Array.isArray(report.threads)) return null;
  return { kind: report.kind === 'missing-join' ? 'missing-join' : 'deadlock', threads: report.threads, cycle: report.cycle ?? null };
}

/** `exercises/10-locks/exercise.ts:14:9` -> `exercise.ts:14`. */
function shortSite(site: string | null): string | null {
  const match = site === null ? null : /(.+):(\d+):\d+$/.exec(site);
  return match === null ? site : `${basename(match[1]!)}:${match[2]}`;
}

export const deadlock: Diagnosis = {
  id: 'deadlock',
  diagnose(evidence) {
    const error = evidence.errors.find((e) => reportOf(e) !== null);
    if (error === undefined) return null;
    const report = reportOf(error)!;
    const lines = report.threads.map((t) => {
      const site = shortSite(t.site);
      return `  ${t.name}: ${t.what}${site === null ? '' : ` @ ${site}`}${t.holder === null ? '' : ` ← ${t.holder}`}`;
    });
    if (report.cycle !== null) lines.push(`  ${report.cycle.join(' → ')}`);
    const first = report.threads.find((t) => t.site !== null);
    const where = first === undefined ? '' : ` (${shortSite(first.site)})`;
    if (report.kind === 'missing-join') {
      return {
        message: text(`El programa principal terminó, pero ${report.threads.length} hilo(s) se quedaron bloqueados para siempre${where}: nadie les dará lo que esperan.`,
          `The main program ended, but ${report.threads.length} thread(s) stayed blocked forever${where}: nothing will ever give them what they wait for.`),
        hint: text('¿Falta un release(), un set(), un notify() o un centinela en la cola para cada consumidor?',
          'Is a release(), a set(), a notify() or a sentinel in the queue for each consumer missing?'),
        details: lines.join('\n'),
      };
    }
    return {
      message: text(`Interbloqueo: todos los hilos vivos esperan y ninguno puede despertar a otro${where}.`,
        `Deadlock: every live thread waits and none can wake another${where}.`),
      hint: report.cycle !== null
        ? text('Cada hilo espera algo que tiene el siguiente del ciclo: adquiere los cerrojos siempre en el mismo orden, y libéralos en un finally.',
          'Each thread waits for something the next one in the cycle holds: acquire locks always in the same order, and release them in a finally.')
        : text('¿Alguien espera un release(), un set() o un join() que nunca llega? Libera cada cerrojo en un finally.',
          'Does someone wait for a release(), a set() or a join() that never comes? Release every lock in a finally.'),
      details: lines.join('\n'),
    };
  },
};
