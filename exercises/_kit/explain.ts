// Runs the registry over one failing test's evidence and renders the first finding in the course language.
// A child process's traceback is evidence too: the runtime error that killed it (a forgotten await on a proxy
// call, a Promise.all in the child) is named by the same diagnoses as in the main process.
import { trimTraceback } from './diagnoses/child-died.ts';
import { DIAGNOSES } from './diagnoses/index.ts';
import { render, text, type ChildTraceback, type Diagnosis, type ErrorLike, type Evidence, type Finding } from './diagnosis.ts';
import type { CourseLang } from './lang.ts';

export interface Explanation {
  id: string;
  /** What happened and what to try, the student's line and the evidence: the test's new message. */
  message: string;
  /** What to try, alone: the test's hint. */
  hint: string;
}

/** The error that ended a child, as an error of its own: name, message, and its frames as `path:line`. */
export function childError(traceback: ChildTraceback): ErrorLike | null {
  const lines = traceback.text.trimEnd().split('\n');
  const last = lines.findLastIndex((line) => /^[A-Za-z_][\w.]*(: |$)/.test(line) && !line.startsWith('Traceback') && !line.startsWith('Process '));
  if (last < 0) return null;
  const [, name = 'Error', message = ''] = /^([\w.]+)(?:: ([\s\S]*))?$/.exec(lines.slice(last).join('\n')) ?? [];
  const frames = lines.slice(0, last).flatMap((line) => {
    const frame = /^\s+File "(.+)", line (\d+)/.exec(line);
    return frame === null ? [] : [`    at ${frame[1]}:${frame[2]}:1`];
  }).reverse(); // a traceback lists the innermost frame last; a stack, first
  return { name, message, stack: [`${name}: ${message}`, ...frames].join('\n') };
}

function first(diagnoses: readonly Diagnosis[], evidence: Evidence): { id: string; finding: Finding } | null {
  for (const diagnosis of diagnoses) {
    let finding: Finding | null;
    try {
      finding = diagnosis.diagnose(evidence);
    } catch {
      continue; // a diagnosis's own bug must never hide the test's real failure
    }
    if (finding !== null) return { id: diagnosis.id, finding };
  }
  return null;
}

/** The mistake behind a failure: the test's own errors first, then what killed a child, then the child's death. */
function find(evidence: Evidence, diagnoses: readonly Diagnosis[]): { id: string; finding: Finding } | null {
  const plain = diagnoses.filter((d) => d.readsTracebacks !== true);
  const direct = first(plain, evidence);
  if (direct !== null) return direct;
  for (const traceback of evidence.tracebacks) {
    const error = childError(traceback);
    const inChild = error === null ? null : first(plain, { errors: [error], tracebacks: [] });
    if (inChild === null) continue;
    const { message } = inChild.finding;
    return {
      id: inChild.id,
      finding: {
        ...inChild.finding,
        message: text(`En el proceso hijo ${traceback.process}: ${message.es}`, `In child process ${traceback.process}: ${message.en}`),
        details: trimTraceback(traceback),
      },
    };
  }
  return first(diagnoses.filter((d) => d.readsTracebacks === true), evidence);
}

/** The first diagnosis that recognises the evidence, rendered in `lang`; null when none does. */
export function explain(evidence: Evidence, lang: CourseLang, diagnoses: readonly Diagnosis[] = DIAGNOSES): Explanation | null {
  const found = find(evidence, diagnoses);
  return found === null ? null : { id: found.id, message: render(found.finding, lang), hint: found.finding.hint[lang] };
}
