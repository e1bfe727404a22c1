// Visible tests for exercise 15: the basic behaviour of both classes, on the virtual clock.
import { describe, test, expect } from 'vitest';
import { expectLesson, failLesson, LessonFailure, say } from '#course/kit';
import { simulate } from '#runtime/testing';
import { activeCount, currentThread } from '#runtime/threading';
import { monotonic, sleep } from '#runtime/time';
import { ReminderService, RepeatingTimer, scheduleNotice } from './exercise.ts';

interface Sent { id: string; at: number; thread: string }

/** Virtual seconds after which a simulation that never ends is stopped (a timer that ignores cancel()). */
const RUNAWAY = 60;

describe('scheduleNotice', () => {
  test('scheduleNotice passes the whole message to notify through the Timer args', async () => {
    const { value } = await simulate(async () => {
      const calls: { args: unknown[]; at: number; thread: string }[] = [];
      const t0 = monotonic();
      const notify = (...args: unknown[]): void => {
        calls.push({ args, at: monotonic() - t0, thread: currentThread().name });
      };
      const before = activeCount();
      const timer = scheduleNotice(3, notify, 'Hola mundo!');
      const started = activeCount() > before;
      await sleep(4);
      return { calls, args: [...timer.args], same: timer.function === notify, started };
    });
    expectLesson(value.started || value.calls.length > 0, 'not-started',
      ['scheduleNotice devolvió un Timer que no está en marcha: crearlo no basta, llama a timer.start() antes de devolverlo',
        'scheduleNotice returned a Timer that is not running: creating it is not enough, call timer.start() before returning it']);
    if (value.calls.length === 1 && value.calls[0]!.args.length > 1) {
      expect.fail(say(`notify recibió ${value.calls[0]!.args.length} argumentos (${JSON.stringify(value.calls[0]!.args.slice(0, 3))}...): args tiene que ser una lista con el mensaje, ['Hola mundo!'], no la cadena sola (el error del ("Hola mundo!") sin coma de la unidad)`,
        `notify got ${value.calls[0]!.args.length} arguments (${JSON.stringify(value.calls[0]!.args.slice(0, 3))}...): args must be a list holding the message, ['Hola mundo!'], not the bare string (the unit's ("Hola mundo!") without a comma)`));
    }
    expect(value.calls.map((c) => c.args), say('notify se llama una vez, con el mensaje entero', 'notify is called once, with the whole message')).toEqual([['Hola mundo!']]);
    expect(value.calls[0]!.at, say('a los 3 s', 'after 3 s')).toBe(3);
    expect(value.calls[0]!.thread, say('en el hilo del Timer, no en el principal', 'in the Timer\'s thread, not the main one')).not.toBe('MainThread');
    if (!value.same || value.args.length !== 1) {
      expect.fail(say('el Timer debe llamar a notify misma y llevar el mensaje en args: new Timer(delay, notify, [message]), sin una función intermedia',
        'the Timer must call notify itself and carry the message in args: new Timer(delay, notify, [message]), with no intermediate function'));
    }
    expect(value.args).toEqual(['Hola mundo!']);
  });
});

describe('ReminderService', () => {
  test('a reminder arrives delay seconds after the form opens, in its own Timer thread', async () => {
    const { value } = await simulate(async () => {
      const sent: Sent[] = [];
      const t0 = monotonic();
      const service = new ReminderService(5, (id) => {
        sent.push({ id, at: monotonic() - t0, thread: currentThread().name });
      });
      const before = activeCount();
      service.formOpened('S0001');
      const started = activeCount() > before;
      const pendingBefore = service.pending();
      await sleep(6);
      return { sent, pendingBefore, pendingAfter: service.pending(), started };
    });
    expectLesson(value.started || value.sent.length > 0, 'not-started',
      ['formOpened no puso en marcha ningún hilo: el Timer del recordatorio se crea y además hay que llamar a su start()',
        "formOpened started no thread: the reminder's Timer has to be created and then started with start()"]);
    expect(value.pendingBefore, say('pending() justo después de abrir el formulario',
      'pending() right after opening the form')).toEqual(['S0001']);
    expect(value.sent, say('se esperaba un recordatorio a los 5 s en el hilo "reminder-S0001"',
      'expected one reminder at 5 s in thread "reminder-S0001"'))
      .toEqual([{ id: 'S0001', at: 5, thread: 'reminder-S0001' }]);
    expect(value.pendingAfter, say('un recordatorio enviado ya no está pendiente',
      'a reminder already sent is no longer pending')).toEqual([]);
  });

  test('uploading the receipt before the delay cancels the reminder', async () => {
    const { value } = await simulate(async () => {
      const sent: string[] = [];
      const service = new ReminderService(5, (id) => sent.push(id));
      service.formOpened('S0001');
      service.formOpened('S0002');
      await sleep(3);
      service.receiptUploaded('S0001');
      const pending = service.pending();
      await sleep(10);
      return { sent, pending };
    });
    expectLesson(!value.sent.includes('S0001'), 'missing-cancel',
      ['S0001 subió su comprobante a los 3 s y aun así recibió el recordatorio: receiptUploaded tiene que cancelar su Timer con cancel()',
        'S0001 uploaded at 3 s and still got the reminder: receiptUploaded has to cancel its Timer with cancel()']);
    expect(value.pending, say('tras subir S0001 solo queda pendiente S0002',
      'after S0001 uploads only S0002 is pending')).toEqual(['S0002']);
    expect(value.sent, say('S0001 subió su comprobante a los 3 s: no debe recibir recordatorio (cancela su Timer)',
      'S0001 uploaded at 3 s: it must get no reminder (cancel its Timer)')).toEqual(['S0002']);
  });
});

describe('RepeatingTimer', () => {
  test('calls fn at wait + k·interval until cancelled', async () => {
    const calls: number[] = [];
    const seen = { started: true, endedAt: null as number | null };
    // Bounded (60 virtual seconds, no real time): a timer that ignores cancel() would keep join() waiting forever,
    // and the calls it made after cancel() are what names that mistake.
    const run = await simulate(async () => {
      const t0 = monotonic();
      const timer = new RepeatingTimer(0.5, 1, () => {
        calls.push(monotonic() - t0);
      });
      const before = activeCount();
      timer.start();
      seen.started = activeCount() > before;
      await sleep(1); // the first call is due at 0.5 s; an uncancelled timer is still alive at 1 s
      if (activeCount() === before) seen.endedAt = monotonic() - t0;
      await sleep(2.2);
      timer.cancel();
      await timer.join();
      return { joinedAt: monotonic() - t0 };
    }, { maxTime: RUNAWAY }).catch((error: unknown) => ({ error }));
    if (calls.length === 0) {
      expectLesson(seen.started, 'not-started',
        ['start() no puso en marcha ningún hilo: el RepeatingTimer tiene que arrancar su hilo (thread.start())',
          "start() started no thread: the RepeatingTimer has to start its thread (thread.start())"]);
      if (seen.endedAt !== null) {
        failLesson('missing-await', ['el hilo del temporizador terminó sin llamar a fn (la primera llamada tocaba a los 0,5 s) y sin que nadie lo cancelara: ¿esperas el Event con await? Sin await, stopped.wait(t) es una promesa, y una promesa cuenta como verdadera en el if. (¿O tu start() lo cancela justo después de arrancarlo, como la versión de los apuntes?)',
          "the timer's thread ended without calling fn (the first call was due at 0.5 s) and without being cancelled: do you await the Event? Without await, stopped.wait(t) is a Promise, and a Promise counts as true in the if. (Or does your start() cancel it right after starting it, like the notes' version?)"]);
      }
      expect.fail(say('fn no se llamó nunca: ¿tu start() cancela el temporizador justo después de arrancarlo, como la versión de los apuntes?',
        'fn was never called: does your start() cancel the timer right after starting it, like the notes\' version?'));
    }
    const late = calls.find((t) => t > 3.2);
    if (late !== undefined) {
      failLesson('missing-signal', [`fn se llamó a los ${String(late).replace('.', ',')} s, después de cancel() a los 3,2 s: el temporizador no se puede parar. cancel() tiene que avisar al hilo (stopped.set()) para que su espera termine`,
        `fn was called at ${late} s, after cancel() at 3.2 s: the timer cannot be stopped. cancel() has to signal the thread (stopped.set()) so that its wait ends`]);
    }
    if ('error' in run) throw run.error;
    expect(calls, say('instantes de las llamadas (s)', 'call instants (s)')).toEqual([0.5, 1.5, 2.5]);
    expect(run.value.joinedAt, say('join() debe volver en cuanto se cancela', 'join() must return as soon as it is cancelled'))
      .toBe(3.2);
  });

  test('the course counter stops itself from inside fn at 10', async () => {
    const { value, output, elapsed } = await simulate(async () => {
      let counter = 0;
      const t0 = monotonic();
      const timer: RepeatingTimer = new RepeatingTimer(0, 1, () => {
        counter += 1;
        if (counter === 10) timer.cancel();
        else console.log(String(counter));
      });
      timer.start();
      await timer.join();
      const joinedAt = monotonic() - t0;
      const atJoin = counter;
      await sleep(12); // a join() that returned early lets the calls go on after it
      if (counter !== atJoin) {
        failLesson('missing-join', [`join() volvió con ${atJoin} llamadas hechas y el temporizador siguió llamando a fn después (${counter} en total): join() tiene que esperar con await a que el hilo del temporizador termine`,
          `join() returned after ${atJoin} calls and the timer went on calling fn afterwards (${counter} in all): join() has to await the end of the timer's thread`]);
      }
      return { counter, joinedAt };
    }, { maxTime: RUNAWAY }).catch((error: unknown) => {
      if (error instanceof LessonFailure) throw error;
      throw new Error(say('el temporizador no se paró: cancel() llamado desde fn a la décima llamada tiene que detenerlo, y join() volver',
        'the timer did not stop: cancel() called from fn at the tenth call has to stop it, and join() return'), { cause: error });
    });
    if (value.counter === 0) {
      expect.fail(say('fn no se llamó nunca: ¿tu start() cancela el temporizador justo después de arrancarlo, como la versión de los apuntes?',
        'fn was never called: does your start() cancel the timer right after starting it, like the notes\' version?'));
    }
    expect(value.counter, say('el contador debe pararse en 10: cancel() llamado desde fn tiene que detener el temporizador',
      'the counter must stop at 10: cancel() called from fn has to stop the timer')).toBe(10);
    expect(output, say('salida impresa', 'printed output')).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(value.joinedAt, say('la décima llamada es a los 9 s, y join() vuelve entonces', 'the tenth call is at 9 s, and join() returns then')).toBe(9);
    expect(elapsed, say('tras join() no queda ningún hilo del temporizador vivo', 'after join() no thread of the timer is left alive')).toBe(21);
  });
});
