// Two threads were inside recv() on the same Pipe end at once: the kit's check (pipe-ends.ts) found it from who
// was waiting where, not from a torn message (green threads never tear one; CPython's threads do).
import type { SharedPipeEnd } from '#runtime/testing';
import { describeSharedEnd, SHARED_PIPE_END } from '../pipe-ends.ts';
import { findError, studentLine, text, type Diagnosis } from '../diagnosis.ts';

export const sharedPipeEnd: Diagnosis = {
  id: SHARED_PIPE_END,
  diagnose(evidence) {
    const error = findError(evidence, /^\[shared-pipe-end\]/);
    if (error === undefined) return null;
    const fields = error as { shared?: SharedPipeEnd; advice?: { es: string; en: string } };
    const advice = fields.advice ?? {
      es: 'Que un solo hilo lea de cada extremo (y reparta lo que recibe por una queue.Queue), o un cerrojo alrededor de cada recv().',
      en: 'Let one thread read each end (and hand out what it receives through a queue.Queue), or hold a lock around each recv().',
    };
    const said = fields.shared === undefined ? null : describeSharedEnd(fields.shared);
    const fallback = (error.message ?? '').replace(/^\[shared-pipe-end\]\s*/, '');
    return {
      message: text(said?.es ?? fallback, said?.en ?? fallback),
      hint: text(advice.es, advice.en),
      where: studentLine(...(fields.shared?.sites ?? []).map((site) => site ?? undefined)),
    };
  },
};
