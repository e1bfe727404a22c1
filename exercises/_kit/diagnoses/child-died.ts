// A child process died of an error (its target could not even be found, an argument could not be sent, or
// the code raised): the test only sees an exit code, the cause is the child's traceback. Shown trimmed, with
// the student's frames and the error line.
import { basename } from 'node:path';
import { firstMessage, shortPaths, text, type ChildTraceback, type Diagnosis } from '../diagnosis.ts';

/** Errors that mean the program is wrong, not a failure the exercise provokes on purpose (a bad receipt). */
const PROGRAM_ERROR = /^(AttributeError|TypeError|ReferenceError|SyntaxError|NameError|PicklingError|DataCloneError|ImportError|ModuleNotFoundError)\b/m;
const EXIT_CODE = /exit ?code|exitcode|código de salida/i;
const MAX_LINES = 10;

/** The error line of a traceback: its last line that is not a frame. */
export function errorLine(traceback: string): string {
  const lines = traceback.trimEnd().split('\n');
  return lines.findLast((line) => line.trim() !== '' && !/^\s/.test(line)) ?? lines.at(-1) ?? '';
}

/** A traceback without the runtime's and the tests' frames: header, the student's frames, the error. */
export function trimTraceback(traceback: ChildTraceback): string {
  const lines = traceback.text.trimEnd().split('\n');
  const kept: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const frame = /^\s+File "(.+)", line (\d+)(, in .+)?$/.exec(line);
    if (frame === null) {
      // Code lines under a frame are kept or dropped with their frame.
      if (!/^\s{4}/.test(line)) kept.push(line);
      continue;
    }
    const path = frame[1]!;
    const student = /[/\\]exercises[/\\]\d+-[^/\\]+[/\\]/.test(path) && !/\.test\.ts$|support\.ts$/.test(path);
    if (!student) continue;
    kept.push(`  File "${basename(path)}", line ${frame[2]}${frame[3] ?? ''}`);
    if (/^\s{4}\S/.test(lines[i + 1] ?? '')) kept.push(lines[i + 1]!);
  }
  if (!kept.some((line) => line.startsWith('Process '))) kept.unshift(`${traceback.process}:`);
  const shown = kept.length > MAX_LINES ? [...kept.slice(0, 2), '  ...', ...kept.slice(-(MAX_LINES - 3))] : kept;
  return shown.map((line) => `  ${shortPaths(line)}`).join('\n');
}

export const childDied: Diagnosis = {
  id: 'child-died',
  readsTracebacks: true,
  diagnose(evidence) {
    if (evidence.tracebacks.length === 0) return null;
    const wrong = evidence.tracebacks.filter((t) => PROGRAM_ERROR.test(errorLine(t.text)));
    const chosen = wrong[0] ?? (EXIT_CODE.test(firstMessage(evidence)) ? evidence.tracebacks[0] : undefined);
    if (chosen === undefined) return null;
    const error = shortPaths(errorLine(chosen.text));
    const others = evidence.tracebacks.length - 1;
    const targetMissing = /Can't get attribute/.test(error);
    return {
      message: text(`El proceso hijo ${chosen.process} murió con un error (${error})${others > 0 ? ` y ${others} más también fallaron` : ''}.`,
        `Child process ${chosen.process} died of an error (${error})${others > 0 ? `, and ${others} more failed too` : ''}.`),
      hint: targetMissing
        ? text('El hijo importa tu módulo de nuevo y busca el target por su nombre: pasa una función exportada de nivel superior (target: checkReceipt, args: [id]), no una flecha ni una función local.',
          'The child imports your module again and looks the target up by name: pass an exported top-level function (target: checkReceipt, args: [id]), not an arrow or a local function.')
        : text('Lee su traceback (abajo): la última línea es el error y las líneas File apuntan a tu código.',
          'Read its traceback (below): the last line is the error and the File lines point at your code.'),
      details: trimTraceback(chosen),
    };
  },
};
