// Two processes wrote the same shared cell (a Value, an Array element, a Manager proxy's item) while both ran,
// with no lock in common: the race check of the kit (races.ts) found it from the locks held, not from luck.
import type { SharedWriteRace } from '#runtime/testing';
import { describeRace, UNPROTECTED_SHARED_WRITE } from '../races.ts';
import { findError, studentLine, text, type Diagnosis } from '../diagnosis.ts';

export const unprotectedSharedWrite: Diagnosis = {
  id: UNPROTECTED_SHARED_WRITE,
  diagnose(evidence) {
    const error = findError(evidence, /^\[unprotected-shared-write\]/);
    if (error === undefined) return null;
    const fields = error as { race?: SharedWriteRace; advice?: { es: string; en: string } };
    const advice = fields.advice ?? {
      es: 'Toma el mismo cerrojo (el getLock() del valor, o un mp.Lock compartido) alrededor de cada lectura y escritura.',
      en: 'Hold the same lock (the value\'s getLock(), or one shared mp.Lock) around each read and write.',
    };
    const said = fields.race === undefined ? null : describeRace(fields.race);
    const fallback = (error.message ?? '').replace(/^\[unprotected-shared-write\]\s*/, '');
    return {
      message: text(said?.es ?? fallback, said?.en ?? fallback),
      hint: text(advice.es, advice.en),
      where: studentLine(...(fields.race?.sites ?? []).map((site) => site ?? undefined)),
    };
  },
};
