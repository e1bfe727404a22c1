// Test harness for exercise 16 (course material, do not edit): runs processReceipts on a scenario inside
// simulate(), collects the evidence the fakes recorded, and names the mistakes it shows in the student's terms.
import { expect } from 'vitest';
import { failLesson, say, type LessonId } from '#course/kit';
import { simulate } from '#runtime/testing';
import { monotonic } from '#runtime/time';
import { FakeReceiptServices, TIMES, type CallRecord, type ReceiptServices, type Scenario, type Stage, type Submission } from './support.ts';

export interface FailureLike {
  receiptId: string;
  studentId: string;
  stage: 'validate' | 'store' | 'notify';
  reason: string;
}

export interface SummaryLike {
  received: number;
  notified: number;
  failures: FailureLike[];
  duplicates: string[];
}

export type Processor = (submissions: readonly Submission[], services: ReceiptServices, max: number) => Promise<SummaryLike>;

export interface Day {
  outcome: { ok: true; summary: SummaryLike } | { ok: false; error: unknown };
  /** Virtual seconds when processReceipts returned, and when every thread had finished. */
  returnedAt: number;
  elapsed: number;
  /** Service calls still in progress when processReceipts returned. */
  inProgressAtReturn: number;
  calls: CallRecord[];
  maxInFlight: number;
  overloads: number;
  violations: string[];
  unjoined: string[];
}

/** Real seconds a day may take before the test gives up: 3,000 students take well under one. */
const WALL_LIMIT = 15;

export function isNotImplemented(error: unknown): boolean {
  return error instanceof Error && error.message.includes('Not implemented yet');
}

/** Runs one day on the virtual clock, with a wall-clock guard so a program that can never finish fails clearly.
 *  With a seed, threads and tasks ready at the same instant run in a random (reproducible) order. */
export async function runDay(processor: Processor, scenario: Scenario, limit: number, max = limit, seed?: number): Promise<Day> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const guard = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(say(
      `el programa no terminó en ${WALL_LIMIT} s reales: ¿algún hilo o tarea espera algo que nunca llega (un join de más, un Semaphore que nunca se libera, Promise.all sobre corrutinas)?`,
      `the program did not finish within ${WALL_LIMIT} real seconds: is some thread or task waiting for something that never comes (an extra join, a Semaphore never released, Promise.all over coroutines)?`))), WALL_LIMIT * 1000);
  });
  try {
    const result = await Promise.race([guard, simulate(async () => {
      const t0 = monotonic();
      const services = new FakeReceiptServices(scenario, limit);
      let outcome: Day['outcome'];
      try {
        outcome = { ok: true, summary: await processor(scenario.submissions, services, max) };
      } catch (error) {
        if (isNotImplemented(error)) throw error;
        outcome = { ok: false, error };
      }
      const returnedAt = Math.round((monotonic() - t0) * 1e6) / 1e6;
      const inProgressAtReturn = services.calls.filter((c) => c.end === null).length;
      return { outcome, returnedAt, inProgressAtReturn, services };
    }, seed === undefined ? {} : { seed })]);
    const { outcome, returnedAt, inProgressAtReturn, services } = result.value;
    return {
      outcome, returnedAt, inProgressAtReturn,
      elapsed: Math.round(result.elapsed * 1e6) / 1e6,
      calls: services.calls, maxInFlight: services.maxInFlight, overloads: services.overloads,
      violations: services.violations, unjoined: result.unjoined,
    };
  } finally {
    clearTimeout(timer);
  }
}

/** What a correct processReceipts returns for a scenario. */
export function expectedSummary(scenario: Scenario): SummaryLike {
  const counts = new Map<string, number>();
  const unique: Submission[] = [];
  for (const s of scenario.submissions) {
    const n = counts.get(s.receiptId) ?? 0;
    if (n === 0) unique.push(s);
    counts.set(s.receiptId, n + 1);
  }
  const failures: FailureLike[] = [];
  for (const { receiptId, studentId } of unique) {
    const invalid = scenario.invalid.get(receiptId);
    const corrupt = scenario.corrupt.get(receiptId);
    const undeliverable = scenario.undeliverable.get(receiptId);
    if (invalid !== undefined) failures.push({ receiptId, studentId, stage: 'validate', reason: invalid });
    else if (corrupt !== undefined) failures.push({ receiptId, studentId, stage: 'store', reason: corrupt });
    else if (undeliverable !== undefined) failures.push({ receiptId, studentId, stage: 'notify', reason: undeliverable });
  }
  return {
    received: unique.length,
    notified: unique.length - failures.length,
    failures,
    duplicates: [...counts].filter(([, n]) => n > 1).map(([id]) => id),
  };
}

/** The fastest any correct program can be: everything at once, uploads in waves of `limit`. */
export function minimumTime(scenario: Scenario, limit: number): { lower: number; upper: number } {
  const ids = new Set(scenario.submissions.map((s) => s.receiptId));
  const valid = [...ids].filter((id) => !scenario.invalid.has(id)).length;
  if (ids.size === 0) return { lower: 0, upper: 0 };
  const front = TIMES.receive + TIMES.validate;
  if (valid === 0) return { lower: front, upper: front };
  const lower = Math.round((front + TIMES.store * Math.ceil(valid / limit)) * 1e6) / 1e6;
  return { lower, upper: Math.round((lower + TIMES.notify) * 1e6) / 1e6 };
}

const STAGES: Stage[] = ['receive', 'validate', 'store', 'notify'];

/**
 * The first problem the evidence shows, named in the student's terms, or null. The order matters: the most
 * basic mistake explains the others (a function that returns early also "loses" receipts).
 */
/** A problem the harness found: the mistake's id (null: none fits) and its text in Spanish and English. */
export interface Problem {
  id: LessonId | null;
  text: readonly [string, string];
}

function problem(id: LessonId | null, es: string, en: string): Problem {
  return { id, text: [es, en] };
}

/** Fails the test with the problem, named by its id when it has one; `prefix` ([es, en]) goes before the text. */
export function failWith(found: Problem, prefix: readonly [string, string] = ['', '']): never {
  const text: [string, string] = [`${prefix[0]}${found.text[0]}`, `${prefix[1]}${found.text[1]}`];
  if (found.id === null) expect.fail(say(...text));
  return failLesson(found.id, text);
}

export function diagnose(day: Day, scenario: Scenario, limit: number): Problem | null {
  const expected = expectedSummary(scenario);
  if (!day.outcome.ok) {
    const e = day.outcome.error;
    const what = e instanceof Error ? `${e.name}: "${e.message}"` : String(e);
    return problem('failure-not-isolated', `processReceipts lanzó ${what}. El fallo de un estudiante ha parado a todos: captura los errores dentro del proceso de cada comprobante y anótalos en failures`,
      `processReceipts threw ${what}. One student's failure stopped everyone: catch errors inside each receipt's processing and record them in failures`);
  }
  if (day.inProgressAtReturn > 0 || day.unjoined.length > 0) {
    const es = [day.inProgressAtReturn > 0 ? `${day.inProgressAtReturn} llamadas a servicios aún en curso` : '',
      day.unjoined.length > 0 ? `${day.unjoined.length} hilos sin esperar` : ''].filter(Boolean).join(' y ');
    const en = [day.inProgressAtReturn > 0 ? `${day.inProgressAtReturn} service calls still in progress` : '',
      day.unjoined.length > 0 ? `${day.unjoined.length} threads not joined` : ''].filter(Boolean).join(' and ');
    return problem('missing-join', `processReceipts volvió a los ${day.returnedAt} s con ${es}: espera a todos tus hilos (join) o tareas (gather) antes de construir el resumen`,
      `processReceipts returned at ${day.returnedAt} s with ${en}: wait for all your threads (join) or tasks (gather) before building the summary`);
  }
  if (day.overloads > 0 || day.maxInFlight > limit) {
    return problem('wrong-size', `el almacenamiento rechazó ${day.overloads} subidas porque ya tenía ${limit} en curso (su límite): limita las llamadas simultáneas a store, por ejemplo con un Semaphore(maxConcurrentUploads) alrededor de store`,
      `storage refused ${day.overloads} uploads because it already had ${limit} in flight (its limit): bound the simultaneous calls to store, e.g. with a Semaphore(maxConcurrentUploads) around store`);
  }
  const byReceipt = new Map<string, CallRecord[]>();
  for (const c of day.calls) {
    const list = byReceipt.get(c.receiptId) ?? [];
    list.push(c);
    byReceipt.set(c.receiptId, list);
  }
  for (const [id, list] of byReceipt) {
    for (const stage of STAGES) {
      const n = list.filter((c) => c.stage === stage).length;
      if (n > 1) {
        return problem('wrong-count', `el comprobante ${id} pasó ${n} veces por ${stage}: cada comprobante se procesa exactamente una vez (¿un duplicado procesado, o un reintento?)`,
          `receipt ${id} went through ${stage} ${n} times: each receipt is processed exactly once (a duplicate processed, or a retry?)`);
      }
    }
  }
  if (day.violations.length > 0) {
    return problem(null, `los servicios se usaron mal: ${day.violations[0]}`, `the services were misused: ${day.violations[0]}`);
  }
  const ids = [...new Set(scenario.submissions.map((s) => s.receiptId))];
  const lost = ids.filter((id) => !(byReceipt.get(id) ?? []).some((c) => c.stage === 'receive'));
  if (lost.length > 0) {
    return problem('wrong-count', `${lost.length} comprobantes no se llegaron a recibir nunca (por ejemplo ${lost[0]}): se han perdido por el camino`,
      `${lost.length} receipts were never received (for example ${lost[0]}): they got lost on the way`);
  }
  for (const [id, list] of byReceipt) {
    const at = (stage: Stage): CallRecord | undefined => list.find((c) => c.stage === stage);
    for (let i = 1; i < STAGES.length; i++) {
      const call = at(STAGES[i]!);
      const before = at(STAGES[i - 1]!);
      if (call === undefined) continue;
      if (before === undefined || before.end === null || call.start < before.end || before.outcome !== 'ok') {
        return problem('wrong-order', `el comprobante ${id} llegó a ${STAGES[i]} sin haber terminado bien ${STAGES[i - 1]}: los pasos van en orden y un fallo detiene ese comprobante`,
          `receipt ${id} reached ${STAGES[i]} without ${STAGES[i - 1]} having finished well: the steps go in order and a failure stops that receipt`);
      }
    }
  }
  const summary = day.outcome.summary;
  const reported = new Set(summary.failures.map((f) => f.receiptId));
  const missing = expected.failures.find((f) => !reported.has(f.receiptId));
  if (missing !== undefined) {
    return problem('error-swallowed', `el fallo de ${missing.receiptId} en ${missing.stage} ("${missing.reason}") no aparece en failures: un error no se puede perder, anótalo con su paso y su motivo`,
      `the failure of ${missing.receiptId} at ${missing.stage} ("${missing.reason}") is not in failures: an error must not be lost, record it with its step and reason`);
  }
  return null;
}

/** The timing verdict: null when within the accepted band, else a message. */
export function timingProblem(day: Day, scenario: Scenario, limit: number): string | null {
  const { lower, upper } = minimumTime(scenario, limit);
  const distinct = new Set(scenario.submissions.map((s) => s.receiptId)).size;
  const sequential = Math.round(distinct * (TIMES.receive + TIMES.validate + TIMES.store + TIMES.notify) * 10) / 10;
  if (day.elapsed < lower - 1e-6) {
    return say(`terminó en ${day.elapsed} s, menos que el mínimo posible (${lower} s): ¿te has saltado algún paso?`,
      `it finished in ${day.elapsed} s, less than the minimum possible (${lower} s): did you skip a step?`);
  }
  if (day.elapsed > upper * 1.5 + 1e-6) {
    const closeToSequential = day.elapsed >= sequential * 0.5;
    return closeToSequential
      ? say(`tardó ${day.elapsed} s: casi lo mismo que procesarlos uno detrás de otro (${sequential} s). Lanza todos los comprobantes a la vez y limita solo las subidas`,
        `it took ${day.elapsed} s: nearly as long as processing them one after another (${sequential} s). Launch every receipt at once and bound only the uploads`)
      : say(`tardó ${day.elapsed} s y el mínimo posible es ${upper} s (se acepta hasta 1,5 veces): algo espera más de la cuenta. ¿Limitas solo las subidas, o también los demás pasos?`,
        `it took ${day.elapsed} s and the minimum possible is ${upper} s (up to 1.5 times is accepted): something waits longer than needed. Do you bound only the uploads, or the other steps too?`);
  }
  return null;
}

/** Names a wrong summary whose content is right but whose order or duplicates list is not. */
export function summaryProblem(actual: SummaryLike, expected: SummaryLike): string | null {
  const ids = (x: SummaryLike): string => x.failures.map((f) => f.receiptId).join(',');
  const sorted = (x: SummaryLike): string => x.failures.map((f) => f.receiptId).sort().join(',');
  if (ids(actual) !== ids(expected) && sorted(actual) === sorted(expected)) {
    return say('failures tiene los fallos correctos pero en otro orden: van en el orden en que aparecen en submissions, no en el que terminan',
      'failures has the right failures in another order: they go in the order they appear in submissions, not the order they finish');
  }
  if (actual.duplicates.join(',') !== expected.duplicates.join(',')) {
    return say(`duplicates debería ser [${expected.duplicates.join(', ')}] (cada receiptId repetido una vez, por orden de primera aparición) y es [${actual.duplicates.join(', ')}]`,
      `duplicates should be [${expected.duplicates.join(', ')}] (each repeated receiptId once, by order of first appearance) and is [${actual.duplicates.join(', ')}]`);
  }
  return null;
}
