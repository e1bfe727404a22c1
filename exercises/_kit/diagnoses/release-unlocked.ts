// release() of a lock nobody holds: a release without its acquire, or one release too many.
import { findError, studentLine, text, type Diagnosis } from '../diagnosis.ts';

export const releaseUnlocked: Diagnosis = {
  id: 'release-unlocked',
  diagnose(evidence) {
    const error = findError(evidence, /release unlocked lock|Lock is not acquired|cannot release un-acquired lock/);
    if (error === undefined) return null;
    return {
      message: text('release() de un cerrojo que nadie tiene: falta su acquire(), o se libera dos veces.',
        'release() of a lock nobody holds: its acquire() is missing, or it is released twice.'),
      hint: text('Empareja cada acquire() con un solo release(): await lock.acquire(); try { ... } finally { lock.release(); }.',
        'Pair every acquire() with exactly one release(): await lock.acquire(); try { ... } finally { lock.release(); }.'),
      where: studentLine(error.stack),
    };
  },
};
