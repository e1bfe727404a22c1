// Hidden tests for exercise 15: random reminder schedules from a fixed seed, exact tick instants (drift,
// overruns), cancellation from every side, thread identity and bad input. All on the virtual clock.
import { describe, test, expect } from 'vitest';
import { say, seeded as rng } from '#grader/testkit';
import { expectLesson, failLesson, type LessonId } from '#course/kit';
import { simulate } from '#runtime/testing';
import { currentThread } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { ReminderService, RepeatingTimer } from './exercise.ts';

/** Rounds virtual instants so sums of binary fractions compare exactly. */
const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

/** Sleeps until `t` seconds after `t0` on the virtual clock. */
async function until(t0: number, t: number): Promise<void> {
  await sleep(Math.max(0, t0 + t - monotonic()));
}

/** After this many calls a test's fn throws, which ends the timer's thread: a timer that cannot be stopped
 *  must not spin forever on the virtual clock. */
const RUNAWAY = 60;
class RunawayTimer extends Error {}

/** Expects a RangeError; lets a stub's "not implemented" error through unchanged so the student sees it. */
function expectRangeError(fn: () => unknown, message: string): void {
  try {
    fn();
  } catch (e) {
    if (e instanceof RangeError) return;
    if (e instanceof Error && e.message.includes('Not implemented yet')) throw e;
    expect.fail(`${message} (${String(e)})`);
  }
  expect.fail(message);
}

// ---------------------------------------------------------------------------------------------------------
// ReminderService

type Action = { at: number; kind: 'open' | 'upload'; id: string };
interface Sent { id: string; at: number; thread: string }

/** A random day at the office: forms opened, reopened and receipts uploaded at quarter-second instants. The
 *  delay ends in .125 so no reminder ever fires at the same instant as an action (that would be a tie). */
function scenario(seed: number): { delay: number; actions: Action[] } {
  const next = rng(seed);
  const delay = 2 + Math.floor(next() * 4) + 0.125;
  const actions: Action[] = [];
  const students = 12 + Math.floor(next() * 8);
  for (let s = 1; s <= students; s++) {
    const id = `S${String(Math.floor(next() * 9000) + 1000)}-${s}`;
    let t = Math.floor(next() * 40) / 4;
    actions.push({ at: t, kind: 'open', id });
    const plan = next();
    if (plan < 0.3) {
      // reopens the form before the reminder (sometimes after), maybe uploads later
      t += Math.floor(next() * 24) / 4 + 0.25;
      actions.push({ at: t, kind: 'open', id });
      if (next() < 0.5) actions.push({ at: t + Math.floor(next() * 24) / 4 + 0.25, kind: 'upload', id });
    } else if (plan < 0.75) {
      actions.push({ at: t + Math.floor(next() * 24) / 4 + 0.25, kind: 'upload', id });
    }
    // else: never uploads, the reminder must arrive
  }
  actions.sort((a, b) => a.at - b.at || (a.kind === b.kind ? 0 : a.kind === 'open' ? -1 : 1));
  return { delay, actions };
}

/** What a correct service does: the sends, and pending() right after each action. */
function model(delay: number, actions: readonly Action[]): { sent: Sent[]; pending: string[][] } {
  const due = new Map<string, number>();
  const sent: Sent[] = [];
  const pending: string[][] = [];
  const fireUntil = (t: number): void => {
    for (const [id, at] of [...due].sort((a, b) => a[1] - b[1])) {
      if (at <= t) {
        sent.push({ id, at, thread: `reminder-${id}` });
        due.delete(id);
      }
    }
  };
  for (const a of actions) {
    fireUntil(a.at);
    if (a.kind === 'open') due.set(a.id, a.at + delay);
    else due.delete(a.id);
    pending.push([...due.keys()].sort());
  }
  fireUntil(Infinity);
  return { sent, pending };
}

async function runScenario(delay: number, actions: readonly Action[]): Promise<{ sent: Sent[]; pending: string[][] }> {
  const { value } = await simulate(async () => {
    const sent: Sent[] = [];
    const pending: string[][] = [];
    const t0 = monotonic();
    const service = new ReminderService(delay, (id) => {
      sent.push({ id, at: r6(monotonic() - t0), thread: currentThread().name });
    });
    for (const a of actions) {
      await until(t0, a.at);
      if (a.kind === 'open') service.formOpened(a.id);
      else service.receiptUploaded(a.id);
      pending.push(service.pending());
    }
    await sleep(delay + 1);
    return { sent, pending };
  });
  return value;
}

/** A diagnosed problem: with an id the test fails as a lesson check (the id reaches the report). */
interface Problem { id: LessonId | null; es: string; en: string }

function problem(id: LessonId | null, es: string, en: string): Problem {
  return { id, es, en };
}

/** Fails with a problem found by diagnose(). */
function failProblem(found: Problem): never {
  if (found.id === null) expect.fail(say(found.es, found.en));
  failLesson(found.id, [found.es, found.en]);
}

/** Names the mistake behind a wrong list of reminders, in the student's terms. */
function diagnose(actual: readonly Sent[], expected: readonly Sent[], actions: readonly Action[]): Problem | null {
  const inMain = actual.find((s) => s.thread === 'MainThread');
  if (inMain !== undefined) {
    return problem('work-in-wrong-thread', `el recordatorio de ${inMain.id} se envió desde MainThread: send debe llamarse dentro de la función del Timer, no al programarlo`,
      `the reminder for ${inMain.id} was sent from MainThread: send must be called inside the Timer's function, not when scheduling it`);
  }
  for (const s of actual) {
    const upload = actions.find((a) => a.kind === 'upload' && a.id === s.id && a.at < s.at
      && !actions.some((o) => o.kind === 'open' && o.id === s.id && o.at > a.at && o.at < s.at));
    if (upload !== undefined && !expected.some((e) => e.id === s.id && e.at === s.at)) {
      return problem('missing-cancel', `${s.id} recibió un recordatorio a los ${String(s.at).replace('.', ',')} s aunque subió su comprobante a los ${String(upload.at).replace('.', ',')} s: el Timer disparó después de cancelar (¿cancelaste el Timer correcto?)`,
        `${s.id} got a reminder at ${s.at} s although they uploaded at ${upload.at} s: the Timer fired after the cancel (did you cancel the right Timer?)`);
    }
  }
  for (const e of expected) {
    const mine = actual.filter((s) => s.id === e.id);
    if (mine.length > expected.filter((x) => x.id === e.id).length) {
      return problem('missing-cancel', `${e.id} recibió ${mine.length} recordatorios (a los ${mine.map((m) => m.at).join(', ')} s): al reabrir el formulario hay que cancelar el Timer anterior`,
        `${e.id} got ${mine.length} reminders (at ${mine.map((m) => m.at).join(', ')} s): when the form is reopened the previous Timer must be cancelled`);
    }
  }
  const badName = actual.find((s) => s.thread !== `reminder-${s.id}`);
  if (badName !== undefined) {
    return problem(null, `el Timer de ${badName.id} se llama "${badName.thread}": debe llamarse "reminder-${badName.id}"`,
      `the Timer of ${badName.id} is named "${badName.thread}": it must be named "reminder-${badName.id}"`);
  }
  return null;
}

describe('ReminderService (hidden)', () => {
  for (const seed of [1501, 1502, 1503]) {
    test(`random day of forms and uploads, seed ${seed}: who gets a reminder, when, and from which thread`, async () => {
      const { delay, actions } = scenario(seed);
      const expected = model(delay, actions);
      const actual = await runScenario(delay, actions);
      const bySent = (a: Sent, b: Sent): number => a.at - b.at || a.id.localeCompare(b.id);
      const sent = [...actual.sent].sort(bySent);
      const found = diagnose(sent, expected.sent, actions);
      if (found !== null) failProblem(found);
      expect(sent, say('recordatorios enviados (estudiante, instante, hilo)', 'reminders sent (student, instant, thread)'))
        .toEqual([...expected.sent].sort(bySent));
      for (let i = 0; i < actions.length; i++) {
        const a = actions[i]!;
        expect(actual.pending[i], say(`pending() justo después de ${a.kind === 'open' ? 'abrir' : 'subir'} ${a.id} a los ${String(a.at).replace('.', ',')} s`,
          `pending() right after ${a.kind === 'open' ? 'opening' : 'uploading'} ${a.id} at ${a.at} s`))
          .toEqual(expected.pending[i]);
      }
    });
  }

  test('reopening the form restarts the wait and never sends two notices', async () => {
    const actions: Action[] = [
      { at: 0, kind: 'open', id: 'S0007' },
      { at: 3, kind: 'open', id: 'S0007' },
      { at: 6, kind: 'open', id: 'S0007' },
    ];
    const actual = await runScenario(4.5, actions);
    const found = diagnose(actual.sent, [{ id: 'S0007', at: 10.5, thread: 'reminder-S0007' }], actions);
    if (found !== null) failProblem(found);
    expect(actual.sent.map((s) => s.at), say('un solo aviso, 4,5 s después de la última apertura (6 s)',
      'a single notice, 4.5 s after the last opening (6 s)')).toEqual([10.5]);
  });

  test('cancelAll stops every pending reminder so the program can end', async () => {
    const { value, elapsed } = await simulate(async () => {
      const sent: string[] = [];
      const service = new ReminderService(3, (id) => sent.push(id));
      for (const id of ['S1', 'S2', 'S3', 'S4']) service.formOpened(id);
      await sleep(1);
      service.cancelAll();
      const pending = service.pending();
      return { sent, pending };
    });
    expect(value.pending, say('pending() tras cancelAll()', 'pending() after cancelAll()')).toEqual([]);
    expectLesson(value.sent.length === 0, 'missing-cancel', ['llegaron recordatorios después de cancelAll(): cancelAll tiene que llamar a cancel() en cada Timer pendiente, no solo olvidarlos',
      'reminders arrived after cancelAll(): cancelAll has to call cancel() on every pending Timer, not just forget them']);
    expect(elapsed, say('con todo cancelado, el programa termina en cuanto acaba el hilo principal (1 s): algún Timer sigue vivo',
      'with everything cancelled the program ends when the main thread does (1 s): some Timer is still alive')).toBe(1);
  });

  test('receiptUploaded without a pending reminder does nothing', async () => {
    const { value } = await simulate(async () => {
      const sent: string[] = [];
      const service = new ReminderService(1, (id) => sent.push(id));
      service.receiptUploaded('S-never-opened');
      service.formOpened('S1');
      await sleep(2);
      service.receiptUploaded('S1'); // already sent
      return { sent, pending: service.pending() };
    });
    expect(value, say('subir sin recordatorio pendiente no cambia nada', 'uploading with no pending reminder changes nothing'))
      .toEqual({ sent: ['S1'], pending: [] });
  });

  test('a delay of 0 sends at once; negative or non-finite delays throw RangeError', async () => {
    const { value } = await simulate(async () => {
      const sent: number[] = [];
      const service = new ReminderService(0, () => sent.push(monotonic()));
      await sleep(1.5);
      service.formOpened('S0');
      await sleep(1);
      return sent;
    });
    expect(value, say('con delay 0 el aviso sale al abrir el formulario (1,5 s)', 'with delay 0 the notice goes out on opening (1.5 s)'))
      .toEqual([1.5]);
    for (const bad of [-1, -0.001, Number.NaN, Number.POSITIVE_INFINITY]) {
      expectRangeError(() => new ReminderService(bad, () => {}), say(`new ReminderService(${bad}) debe lanzar RangeError`,
        `new ReminderService(${bad}) must throw RangeError`));
    }
  });
});

// ---------------------------------------------------------------------------------------------------------
// RepeatingTimer

interface TickLog { starts: number[]; threads: string[]; maxActive: number }

/** Runs a RepeatingTimer whose call number i takes durations[i] seconds; cancels it at `cancelAt`. */
async function runTicks(wait: number, interval: number, durations: (i: number) => number, cancelAt: number):
  Promise<TickLog & { joinedAt: number }> {
  const { value } = await simulate(async () => {
    const log: TickLog = { starts: [], threads: [], maxActive: 0 };
    let active = 0;
    const t0 = monotonic();
    const timer = new RepeatingTimer(wait, interval, async () => {
      const i = log.starts.length;
      if (i >= RUNAWAY) throw new RunawayTimer('runaway timer');
      log.starts.push(r6(monotonic() - t0));
      log.threads.push(currentThread().name);
      active += 1;
      log.maxActive = Math.max(log.maxActive, active);
      await sleep(durations(i));
      active -= 1;
    });
    timer.start();
    await until(t0, cancelAt);
    timer.cancel();
    await timer.join();
    return { ...log, joinedAt: r6(monotonic() - t0) };
  });
  return value;
}

/** The instants a correct timer calls at: the series start + wait + k·interval, skipping overrun ticks. */
function expectedTicks(wait: number, interval: number, durations: (i: number) => number, cancelAt: number): number[] {
  const out: number[] = [];
  let k = 0;
  for (;;) {
    const at = wait + k * interval;
    if (at >= cancelAt) return out;
    out.push(r6(at));
    const end = at + durations(out.length - 1);
    k = Math.max(k + 1, Math.ceil((end - wait) / interval - 1e-9));
  }
}

function tickProblem(log: TickLog, expected: readonly number[], interval: number, cancelAt: number): string | null {
  if (log.starts.length === 0 && expected.length > 0) {
    return say('fn no se llamó nunca: ¿start() cancela el temporizador justo después de arrancarlo, como la versión de los apuntes?',
      'fn was never called: does start() cancel the timer right after starting it, like the notes\' version?');
  }
  const late = log.starts.find((t) => t > cancelAt);
  if (late !== undefined) {
    return say(`fn se llamó a los ${String(late).replace('.', ',')} s, después de cancel() a los ${String(cancelAt).replace('.', ',')} s: el temporizador no se puede parar (el siguiente disparo ya estaba programado)`,
      `fn was called at ${late} s, after cancel() at ${cancelAt} s: the timer cannot be stopped (the next tick was already scheduled)`);
  }
  if (log.threads.includes('MainThread')) {
    return say('fn se ejecutó en MainThread: debe ejecutarse en el hilo del temporizador',
      'fn ran in MainThread: it must run in the timer\'s thread');
  }
  if (log.maxActive > 1) {
    return say(`hubo ${log.maxActive} llamadas a fn a la vez: la siguiente no debe empezar antes de que termine la anterior`,
      `${log.maxActive} calls to fn overlapped: the next one must not start before the previous one ends`);
  }
  const n = Math.min(log.starts.length, expected.length);
  for (let i = 1; i < n; i++) {
    const gap = r6(log.starts[i]! - log.starts[i - 1]!);
    const want = r6(expected[i]! - expected[i - 1]!);
    if (gap > want && expected[i] !== log.starts[i]) {
      return say(`deriva: entre la llamada ${i} y la ${i + 1} pasaron ${String(gap).replace('.', ',')} s en vez de ${String(want).replace('.', ',')} s. Programas la siguiente ${String(interval).replace('.', ',')} s después de que TERMINE la anterior; calcúlala desde el inicio (inicio + wait + k·interval)`,
        `drift: ${gap} s passed between call ${i} and call ${i + 1} instead of ${want} s. You schedule the next one ${interval} s after the previous one ENDS; compute it from the start (start + wait + k·interval)`);
    }
  }
  return null;
}

describe('RepeatingTimer (hidden)', () => {
  for (const seed of [1511, 1512]) {
    test(`no drift when fn takes time, seed ${seed}`, async () => {
      const next = rng(seed);
      const wait = Math.floor(next() * 4) / 4;
      const interval = 1 + Math.floor(next() * 3) / 2;
      const work = 0.25 + Math.floor(next() * 3) / 4; // always shorter than interval
      const cancelAt = wait + 5 * interval + 0.125;
      const durations = (): number => work;
      const log = await runTicks(wait, interval, durations, cancelAt);
      const expected = expectedTicks(wait, interval, durations, cancelAt);
      const problem = tickProblem(log, expected, interval, cancelAt);
      if (problem !== null) expect.fail(problem);
      expect(log.starts, say(`instantes de las llamadas con wait=${wait}, interval=${interval} y fn de ${String(work).replace('.', ',')} s`,
        `call instants with wait=${wait}, interval=${interval} and fn taking ${work} s`)).toEqual(expected);
    });
  }

  test('a call that overruns the interval skips the missed ticks instead of bursting', async () => {
    const work = [2.5, 0.25, 1, 0.5, 3, 0.25, 0.25];
    const durations = (i: number): number => work[i] ?? 0.25;
    const cancelAt = 12.5;
    const log = await runTicks(0, 1, durations, cancelAt);
    const expected = expectedTicks(0, 1, durations, cancelAt); // 0, 3, 4, 5, 6, 9, 10, 11, 12
    const problem = tickProblem(log, expected, 1, cancelAt);
    if (problem !== null && !problem.includes('deriva') && !problem.includes('drift')) expect.fail(problem);
    expect(log.starts, say('tras una llamada larga, la siguiente cae en el primer instante de la serie que no ha pasado (sin ráfagas para recuperar)',
      'after a long call the next one falls on the first instant of the series not yet past (no catch-up burst)')).toEqual(expected);
  });

  test('cancel from another thread while fn is running: that call ends, no other starts, join waits for it', async () => {
    const log = await runTicks(1, 2, () => 0.75, 3.25); // calls at 1 and 3; cancelled during the second call
    const problem = tickProblem(log, [1, 3], 2, 3.25);
    if (problem !== null) expect.fail(problem);
    expect(log.starts, say('instantes de las llamadas', 'call instants')).toEqual([1, 3]);
    expect(log.joinedAt, say('join() vuelve cuando termina la llamada en curso (3,75 s)', 'join() returns when the call in progress ends (3.75 s)'))
      .toBe(3.75);
  });

  test('cancel before start: fn is never called and join returns at once', async () => {
    const { value, elapsed } = await simulate(async () => {
      let calls = 0;
      const timer = new RepeatingTimer(0, 1, () => {
        calls += 1;
        if (calls >= RUNAWAY) throw new RunawayTimer('runaway timer');
      });
      timer.cancel();
      timer.start();
      await timer.join();
      return calls;
    });
    expect(value, say('cancelado antes de start(), fn no debe llamarse nunca', 'cancelled before start(), fn must never be called')).toBe(0);
    expect(elapsed, say('join() debe volver enseguida', 'join() must return at once')).toBe(0);
  });

  test('cancel twice is fine and fn never runs in the main thread', async () => {
    const log = await runTicks(0.25, 0.5, () => 0.125, 1.5);
    const problem = tickProblem(log, [0.25, 0.75, 1.25], 0.5, 1.5);
    if (problem !== null) expect.fail(problem);
    expect(log.starts, say('instantes de las llamadas', 'call instants')).toEqual([0.25, 0.75, 1.25]);
    const { value } = await simulate(async () => {
      const timer = new RepeatingTimer(0, 1, () => {});
      timer.start();
      await sleep(0.5);
      timer.cancel();
      timer.cancel();
      await timer.join();
      return 'ok';
    });
    expect(value).toBe('ok');
  });

  test('starting twice raises Python\'s RuntimeError', async () => {
    const { value } = await simulate(async () => {
      const timer = new RepeatingTimer(5, 1, () => {});
      timer.start();
      let error: unknown = null;
      try {
        timer.start();
      } catch (e) {
        error = e;
      }
      timer.cancel();
      await timer.join();
      return error;
    });
    expect(value, say('el segundo start() debe lanzar un error', 'the second start() must throw')).toBeInstanceOf(Error);
    const error = value as Error;
    expect(error.name, say('tipo de error', 'error type')).toBe('RuntimeError');
    expect(error.message, say('mensaje de Python', 'Python\'s message')).toContain('threads can only be started once');
  });

  test('bad wait or interval throws RangeError in the constructor', () => {
    const cases: Array<[number, number]> = [[-1, 1], [0, 0], [0, -2], [Number.NaN, 1], [0, Number.NaN],
      [Number.POSITIVE_INFINITY, 1], [0, Number.POSITIVE_INFINITY]];
    for (const [wait, interval] of cases) {
      expectRangeError(() => new RepeatingTimer(wait, interval, () => {}), say(`new RepeatingTimer(${wait}, ${interval}, fn) debe lanzar RangeError`,
        `new RepeatingTimer(${wait}, ${interval}, fn) must throw RangeError`));
    }
  });
});
