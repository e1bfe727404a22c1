// A stub function still throws its "not implemented" error: the student has not written it yet.
import { findError, studentLineWhere, text, type Diagnosis } from '../diagnosis.ts';

export const notImplemented: Diagnosis = {
  id: 'not-implemented',
  diagnose(evidence) {
    const error = findError(evidence, /Not implemented yet: /);
    if (error === undefined) return null;
    const what = /Not implemented yet: ([^\n]+)/.exec(error.message ?? '')?.[1]?.trim() ?? '?';
    return {
      message: text(`${what} aún no está implementada.`, `${what} is not implemented yet.`),
      hint: text(`Escribe su cuerpo en tu archivo, donde ahora lanza «Aún no implementado», siguiendo el enunciado.`,
        'Write its body in your file, where it now throws "Not implemented yet", as the statement says.'),
      // The stub's `throw notImplemented('f')`, not the helper that builds the error.
      where: studentLineWhere((line) => !/Not implemented yet|function notImplemented/.test(line.code ?? ''), error.stack),
    };
  },
};
