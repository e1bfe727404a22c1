// Diagnoses `hang` and `deadlock` for a test that overran its deadline: what is blocked (each thread, task and
// process and the call it waits in), where (the student's line), and this exercise's typical causes, es and en.
// isolation.ts renders these reports with the program's state at the deadline; the registered `hang` diagnosis
// below is the fallback for a framework timeout that reaches the explainer without that state.
import type { ChildWaits, ProgramState, ProgramWait } from '#runtime/testing';
import { text, type Diagnosis } from '../diagnosis.ts';

export type Lang = 'es' | 'en';

/** The typical causes of a hang in one exercise (meta.json `hangCauses`), one sentence per cause. */
export interface HangCauses {
  es: string[];
  en: string[];
}

export interface HangFacts {
  /** The per-test deadline in seconds. */
  deadline: number;
  state: ProgramState;
  causes: HangCauses;
  /**
   * Seconds after which the test was stopped because every process was parked for good (the whole-program
   * hang check); absent when the deadline ended it.
   */
  early?: number;
}

/** How the test ended, for the headline: at its deadline, or earlier because nothing could ever move again. */
function notFinished(facts: HangFacts, lang: Lang): string {
  const limit = seconds(facts.deadline, lang);
  if (facts.early === undefined) return lang === 'es' ? `no terminó en ${limit} s` : `did not finish within ${limit} s`;
  const after = seconds(Math.round(facts.early * 10) / 10, lang);
  return lang === 'es'
    ? `no podía terminar nunca (se detuvo a los ${after} s sin esperar sus ${limit} s: todos los procesos esperan y ninguno puede despertar a otro)`
    : `could never finish (stopped after ${after} s instead of waiting ${limit} s: every process waits and none can wake another)`;
}

/** The stable id recorded with the failing test: `deadlock` when the waits form a cycle, else `hang`. */
export function hangId(state: ProgramState): 'hang' | 'deadlock' {
  return state.cycle === null ? 'hang' : 'deadlock';
}

/** Seconds as the student's language writes them: "2,5" in Spanish, "2.5" in English. */
function seconds(value: number, lang: Lang): string {
  const text = String(Math.round(value * 100) / 100);
  return lang === 'es' ? text.replace('.', ',') : text;
}

function waitLine(wait: ProgramWait, lang: Lang): string {
  if (/sleep\(\)$/.test(wait.what)) {
    // A sleep ends by itself: at the deadline the thread was between two rounds of a polling loop (its line is
    // known when the kit watched for unawaited waits, which records where sleeps are called).
    const at = wait.site === null ? '' : lang === 'es' ? ` en ${wait.site}` : ` at ${wait.site}`;
    return lang === 'es'
      ? `${wait.who} sigue dando vueltas a un bucle que duerme (${wait.what}${at}) esperando algo que no ocurre`
      : `${wait.who} keeps going round a loop that sleeps (${wait.what}${at}) waiting for something that never happens`;
  }
  // The runtime names joins "Process.join() on Process-3": the student's language around it.
  const what = lang === 'es' ? wait.what.replace(/\) on /, ') de ') : wait.what;
  const where = wait.site === null ? '' : lang === 'es' ? ` en ${wait.site}` : ` at ${wait.site}`;
  const holder = wait.holder === null ? '' : lang === 'es' ? ` (lo tiene ${wait.holder})` : ` (held by ${wait.holder})`;
  return lang === 'es' ? `${wait.who} espera en ${what}${where}${holder}` : `${wait.who} waits in ${what}${where}${holder}`;
}

/** What one child process said it waits on ("Process-3 waits in Queue.get() at exercise.ts:31"). */
function childLines(child: ChildWaits, lang: Lang): string[] {
  if (child.waits === null) {
    return [lang === 'es' ? `${child.label} no contesta: sigue ocupado (¿un bucle que nunca cede el turno?)`
      : `${child.label} does not answer: it is busy (a loop that never gives up its turn?)`];
  }
  if (child.waits.length === 0) {
    return [lang === 'es' ? `${child.label} sigue en marcha sin esperar nada` : `${child.label} keeps running without waiting for anything`];
  }
  return child.waits.map((wait) => {
    const who = wait.who === 'MainThread' ? child.name : `${child.name}/${wait.who}`;
    return waitLine({ who, what: wait.what, site: wait.site, holder: null, outside: true }, lang);
  });
}

/** Children that did not answer, in one line: the first few by name, then how many more. */
function silentLine(labels: string[], lang: Lang): string {
  const shown = labels.slice(0, 3).join(', ');
  const more = labels.length > 3 ? (lang === 'es' ? ` y ${labels.length - 3} más` : ` and ${labels.length - 3} more`) : '';
  if (labels.length === 1) return childLines({ label: labels[0] as string, waits: null } as ChildWaits, lang)[0] as string;
  return lang === 'es'
    ? `${shown}${more} no contestan: siguen ocupados (un trabajador de un Pool contesta solo entre tareas; si no, ¿un bucle que nunca cede el turno?)`
    : `${shown}${more} do not answer: they are busy (a Pool's worker answers only between tasks; else, a loop that never gives up its turn?)`;
}

/** The child a parent's wait is about ("Process.join() on Process-3"), and what that child waits on. */
function childOf(wait: ProgramWait, state: ProgramState): ChildWaits | null {
  const name = / on (Process-\d+|[\w-]+)$/.exec(wait.what)?.[1];
  return state.children?.find((child) => child.name === name && child.waits !== null && child.waits.length > 0) ?? null;
}

/** The first line alone must say what happened: hidden tests may show only that line. */
function headline(facts: HangFacts, lang: Lang): string {
  const ended = notFinished(facts, lang);
  const first = facts.state.waits[0];
  if (facts.state.cycle !== null) {
    return lang === 'es'
      ? `Interbloqueo: el test ${ended} porque los hilos se esperan en círculo (${facts.state.cycle.join(' → ')}).`
      : `Deadlock: the test ${ended} because the threads wait for each other in a cycle (${facts.state.cycle.join(' → ')}).`;
  }
  if (first !== undefined) {
    const polling = /sleep\(\)$/.test(first.what);
    const child = childOf(first, facts.state);
    const inChild = child === null ? null : childLines(child, lang)[0];
    const end = inChild !== null && inChild !== undefined
      ? (lang === 'es' ? `; y ${inChild}, y nada lo va a despertar.` : `; and ${inChild}, and nothing is going to wake it.`)
      : polling ? '.' : lang === 'es' ? ', y nada lo va a despertar.' : ', and nothing is going to wake it.';
    return lang === 'es'
      ? `El test ${ended}: ${waitLine(first, lang)}${end}`
      : `The test ${ended}: ${waitLine(first, lang)}${end}`;
  }
  if (facts.state.busy.length > 0) {
    return lang === 'es'
      ? `El test ${ended}: ${facts.state.busy.join(', ')} sigue en marcha sin esperar nada (¿un bucle que no termina?).`
      : `The test ${ended}: ${facts.state.busy.join(', ')} keeps running without waiting for anything (a loop that never ends?).`;
  }
  return lang === 'es'
    ? `El test ${ended}: tu código espera (await) una Promise que nunca se resuelve, fuera del runtime (¿un new Promise cuyo resolve nadie llama, o un await que falta en una llamada del runtime?).`
    : `The test ${ended}: your code awaits a Promise that never settles, outside the runtime (a new Promise whose resolve nobody calls, or a runtime call without await?).`;
}

/** The whole report, in the student's language. */
export function hangText(facts: HangFacts, lang: Lang): string {
  const lines = [headline(facts, lang)];
  const rest = facts.state.cycle === null ? facts.state.waits.slice(1) : facts.state.waits;
  if (rest.length > 0) {
    lines.push(lang === 'es' ? 'También esperan:' : 'Also waiting:');
    for (const wait of rest) lines.push(`  ${waitLine(wait, lang)}`);
  }
  // Children that did not answer share one line (a Pool has one per worker: the causes must still fit).
  const children = facts.state.children ?? [];
  const answered = children.filter((child) => child.waits !== null).flatMap((child) => childLines(child, lang));
  const silent = children.filter((child) => child.waits === null).map((child) => child.label);
  if (silent.length > 0) answered.push(silentLine(silent, lang));
  if (answered.length > 0) {
    lines.push(lang === 'es' ? 'Dentro de los procesos hijos:' : 'Inside the child processes:');
    for (const line of answered) lines.push(`  ${line}`);
  }
  if (facts.state.resources.length > 0) {
    lines.push(lang === 'es'
      ? `Procesos aún en marcha (detenidos al acabar el test): ${facts.state.resources.join(', ')}.`
      : `Processes still running (stopped when the test ended): ${facts.state.resources.join(', ')}.`);
  }
  const causes = facts.causes[lang];
  if (causes.length > 0) {
    lines.push(lang === 'es' ? 'Causas típicas en este ejercicio:' : 'Typical causes in this exercise:');
    for (const cause of causes) lines.push(`  - ${cause}`);
  }
  return lines.join('\n');
}

/**
 * A test that blocked its whole process past its deadline (no timer could fire in it), failed without running
 * again: the first line says what, then this exercise's causes.
 */
export function stuckText(facts: Pick<HangFacts, 'deadline' | 'causes'>, lang: Lang): string {
  const limit = seconds(facts.deadline, lang);
  const lines = [lang === 'es'
    ? `El test no terminó en ${limit} s y no dejó correr nada más: un bucle que nunca cede el turno (sin await, o con await solo de cosas ya terminadas, como un wait() sobre tareas acabadas una y otra vez).`
    : `The test did not finish within ${limit} s and let nothing else run: a loop that never gives up its turn (no await, or awaits only of things already done, such as wait() on finished tasks again and again).`];
  const causes = facts.causes[lang];
  if (causes.length > 0) {
    lines.push(lang === 'es' ? 'Causas típicas en este ejercicio:' : 'Typical causes in this exercise:');
    for (const cause of causes) lines.push(`  - ${cause}`);
  }
  return lines.join('\n');
}

/** vitest's own timeout error: `Test timed out in 5000ms.` */
const FRAMEWORK_TIMEOUT = /^(?:Test|Hook) timed out in (\d+)ms/;

export const hang: Diagnosis = {
  id: 'hang',
  diagnose(evidence) {
    const error = evidence.errors.find((e) => FRAMEWORK_TIMEOUT.test(e.message ?? ''));
    if (error === undefined) return null;
    const ms = Number(FRAMEWORK_TIMEOUT.exec(error.message ?? '')?.[1] ?? 0);
    return {
      message: text(`El test no terminó en ${seconds(ms / 1000, 'es')} s: tu código se quedó esperando algo que no llega.`,
        `The test did not finish within ${seconds(ms / 1000, 'en')} s: your code kept waiting for something that never comes.`),
      hint: text('Busca una espera que nadie termina: un join() de algo no arrancado o que no acaba, una cola sin su centinela, un cerrojo que no se suelta, un await que falta.',
        'Look for a wait nobody ends: a join() of something never started or that never ends, a queue without its sentinel, a lock never released, a missing await.'),
    };
  },
};
