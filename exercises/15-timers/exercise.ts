// Ejercicio 15 · Temporizadores / Exercise 15 · Timers. Lee README.md (es) o README.en.md (en).
// Puedes importar lo que necesites / import what you need, e.g.:
//   import { Event, Thread, Timer } from '#runtime/threading';
//   import { monotonic } from '#runtime/time';

import type { Timer } from '#runtime/threading';

function notImplemented(what: string): Error {
  return new Error(`Aún no implementado / Not implemented yet: ${what}`);
}

/**
 * El ejemplo de Timer de la unidad, corregido: llama a notify(message) a los delay segundos, con el mensaje en args.
 * The unit's Timer example, fixed: calls notify(message) after delay seconds, with the message in args.
 */
export function scheduleNotice(delay: number, notify: (message: string) => void, message: string): Timer {
  // TODO (es): new Timer(delay, función, args): ¿qué forma tiene args? / (en): new Timer(delay, function, args):
  //   what shape does args have?
  void delay;
  void notify;
  void message;
  throw notImplemented('scheduleNotice');
}

/** One Timer per student whose upload form is open; uploading the receipt cancels it. */
export class ReminderService {
  constructor(delay: number, send: (studentId: string) => void) {
    void delay;
    void send;
    throw notImplemented('ReminderService');
  }

  formOpened(studentId: string): void {
    void studentId;
    throw notImplemented('ReminderService.formOpened');
  }

  receiptUploaded(studentId: string): void {
    void studentId;
    throw notImplemented('ReminderService.receiptUploaded');
  }

  pending(): string[] {
    throw notImplemented('ReminderService.pending');
  }

  cancelAll(): void {
    throw notImplemented('ReminderService.cancelAll');
  }
}

/** Calls `fn` at start + wait + k·interval (k = 0, 1, 2…) until cancel(), without drift. */
export class RepeatingTimer {
  constructor(wait: number, interval: number, fn: () => void | Promise<void>) {
    void wait;
    void interval;
    void fn;
    throw notImplemented('RepeatingTimer');
  }

  start(): void {
    throw notImplemented('RepeatingTimer.start');
  }

  cancel(): void {
    throw notImplemented('RepeatingTimer.cancel');
  }

  async join(): Promise<void> {
    throw notImplemented('RepeatingTimer.join');
  }
}
