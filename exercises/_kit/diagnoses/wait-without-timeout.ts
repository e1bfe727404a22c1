// A wait that blocks forever because the timeout it was given never reached the call: the student's function
// takes a `timeout` (or `waitTimeout`...) and calls event.wait() / q.get() / lock.acquire() without it. Seen
// in a DeadlockError (every wait in it has no timeout: a pending timeout would have let time move on) whose
// waiting line is in a function with such a parameter that the call does not pass on.
import { codeAt, studentLine, text, type Diagnosis, type ErrorLike, type SourceLine } from '../diagnosis.ts';

interface BlockedThread {
  name: string;
  what: string;
  site: string | null;
}

/** Function or method headers (not arrows: an arrow on the waiting line is not where the parameter lives). */
const HEADER = /\bfunction\b[^(]*\(|^\s*(?:(?:public|private|protected|static|async|override)\s+)*[#\w$]+\s*\([^)]*\)\s*(?::[^{]*)?\{\s*$/;
const TIMEOUT_NAME = /\b(\w*[tT]imeout\w*)\b/;

/** The timeout parameter of the function around `line`, unless the line already uses it. */
export function unusedTimeout(where: SourceLine): string | null {
  for (let line = where.line - 1; line >= Math.max(1, where.line - 40); line--) {
    const code = codeAt(where.path, line) ?? '';
    if (!HEADER.test(code)) continue;
    const name = TIMEOUT_NAME.exec(code.slice(code.indexOf('(')))?.[1];
    if (name === undefined) return null;
    return new RegExp(`\\b${name}\\b`).test(where.code ?? '') ? null : name;
  }
  return null;
}

/** The waiting call of the line with the timeout added: `event.wait()` -> `event.wait(timeout)`. */
function withTimeout(code: string | null, name: string): string | null {
  const call = /([\w$.#]+\.(?:wait|waitFor|get|put|acquire|join))\(\)/.exec(code ?? '');
  return call === null ? null : `${call[1]}(${name})`;
}

function threadsOf(error: ErrorLike): BlockedThread[] {
  const report = error['report'] as { threads?: unknown } | undefined;
  return error.name === 'DeadlockError' && Array.isArray(report?.threads) ? report.threads as BlockedThread[] : [];
}

export const waitWithoutTimeout: Diagnosis = {
  id: 'wait-without-timeout',
  diagnose(evidence) {
    for (const error of evidence.errors) {
      for (const thread of threadsOf(error)) {
        const where = studentLine(thread.site ?? undefined);
        const name = where === null ? null : unusedTimeout(where);
        if (where === null || name === null) continue;
        const fix = withTimeout(where.code, name);
        return {
          message: text(`${thread.name} espera para siempre en ${thread.what} sin timeout: la función recibe ${name}, pero no se lo pasa a la espera, y nadie la despertará.`,
            `${thread.name} waits forever in ${thread.what} with no timeout: the function receives ${name} but does not pass it to the wait, and nothing will wake it.`),
          hint: text(`Pasa el timeout a la llamada que espera${fix === null ? '' : `: ${fix}`}; cuando se agota, la espera vuelve en lugar de bloquear para siempre.`,
            `Pass the timeout to the call that waits${fix === null ? '' : `: ${fix}`}; when it runs out, the wait returns instead of blocking forever.`),
          where,
        };
      }
    }
    return null;
  },
};
