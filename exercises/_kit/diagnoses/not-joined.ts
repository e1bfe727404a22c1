// A child process started by the student's code and never joined during the test: the parent read its results
// (exitcode null) while it was still running. Seen in the lifecycle events (a start at the student's line, no
// join of that process), not in timing, when the failing assertion got null. Only processes: threads are waited for
// at the end of a simulation, and daemons are meant to be left alone.
import { sourceLineOf, text, type Diagnosis, type LifecycleStep } from '../diagnosis.ts';

function studentSite(step: LifecycleStep) {
  const match = step.site == null ? null : /^(.+):(\d+):\d+$/.exec(step.site);
  return match === null ? null : sourceLineOf(match[1]!, Number(match[2]));
}

export const notJoined: Diagnosis = {
  id: 'not-joined',
  diagnose(evidence) {
    // The test read what a running child leaves unset (exitcode null): not a failure that ended the student's
    // code before its join (an error raised on the way names itself).
    if (!evidence.errors.some((e) => e['actual'] === 'null' || /\bnull\b/.test(e.message ?? ''))) return null;
    const steps = evidence.lifecycle ?? [];
    const joined = new Set(steps.filter((s) => s.kind === 'join' && s.what === 'Process').map((s) => s.name));
    const never = steps.filter((s) => s.kind === 'start' && s.what === 'Process' && !joined.has(s.name) && studentSite(s) !== null);
    if (never.length === 0) return null;
    const names = never.map((s) => s.name).join(', ');
    return {
      message: text(`Nadie esperó con join() a ${names}: el padre siguió (y leyó exitcode, que vale null mientras el hijo corre) sin que el hijo hubiera terminado.`,
        `Nobody waited with join() for ${names}: the parent went on (and read exitcode, which is null while the child runs) before the child had finished.`),
      hint: text('Después de arrancarlos todos, espera a cada uno: for (const p of processes) await p.join(); y solo entonces lee exitcode o los resultados.',
        'After starting them all, wait for each one: for (const p of processes) await p.join(); only then read exitcode or the results.'),
      where: studentSite(never[0]!),
    };
  },
};
